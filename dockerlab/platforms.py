"""Multi-platform images: one Dockerfile built for several platforms, combined into an OCI index.

``docker buildx build --platform linux/amd64,linux/arm64 -t app .`` builds the Dockerfile once per
platform and stores an image index (a list of manifests, one per platform) under the tag. Here:

* :func:`build_platforms` runs the embedded builder once per platform with the build arguments
  BuildKit predefines (``TARGETPLATFORM``, ``TARGETOS``, ``TARGETARCH``, ``TARGETVARIANT``, and
  ``BUILDPLATFORM``…), so ``COPY busybox-${TARGETARCH} /bin/busybox`` picks each platform's file;
* :func:`assemble_index` stores the index (deterministic JSON) and tags it.

Nothing foreign is executed: a ``RUN`` for another CPU would need an emulator. Running the wrong
platform's program fails with "exec format error", which the executor explains
(:class:`~dockerlab.errors.PlatformMismatch`); :func:`explain_platform` says the same before
running anything.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from .errors import InvalidImage, PlatformMismatch
from .i18n import tr
from .model import Image, ImageIndex, Index, Platform
from .reference import Reference


DEFAULT_PLATFORMS = ("linux/amd64", "linux/arm64")


def platform_args(platform: str | Platform, build_platform: Platform | None = None) -> dict[str, str]:
    """The build arguments BuildKit predefines for a target ``platform``."""
    target = Platform.parse(platform) if isinstance(platform, str) else platform
    build = build_platform or Platform.host()
    return {
        "TARGETPLATFORM": str(target), "TARGETOS": target.os, "TARGETARCH": target.architecture,
        "TARGETVARIANT": target.variant or "",
        "BUILDPLATFORM": str(build), "BUILDOS": build.os, "BUILDARCH": build.architecture,
        "BUILDVARIANT": build.variant or "",
    }


def assemble_index(store: Any, images: Iterable[Image], ref: str | Reference | None = None,
                   annotations: dict[str, str] | None = None) -> ImageIndex:
    """Store an OCI index pointing at ``images`` (each with its platform) and tag it ``ref``."""
    from .inspection.arguments import as_image

    descriptors, seen = [], set()
    for i, given in enumerate(images):
        image = as_image(given, function="dockerlab.assemble_index", param=f"images[{i}]", store=store)
        platform = image.platform.normalized() if image.platform.architecture == "arm64" else image.platform
        key = str(platform)
        if key in seen:
            raise InvalidImage("platforms.duplicate", platform=key)
        seen.add(key)
        descriptors.append(image.descriptor.with_platform(image.platform))
    if not descriptors:
        raise InvalidImage("platforms.empty")
    index = Index.build(descriptors, annotations)
    view = store.put_manifest(index.raw, index.media_type)
    return store.tag(ref, view) if ref is not None else view


def build_platforms(store: Any, path: Any = ".", tag: str | None = None,
                    platforms: Sequence[str] = DEFAULT_PLATFORMS, *, dockerfile: str | None = None,
                    build_args: dict[str, str] | None = None, no_cache: bool = False,
                    progress: Any = None) -> ImageIndex:
    """``docker buildx build --platform a,b -t TAG PATH``: one build per platform, one index."""
    from .builder import build

    images = []
    for platform in platforms:
        args = {**platform_args(platform), **(build_args or {})}
        result = build(store, path, None, dockerfile=dockerfile, build_args=args, no_cache=no_cache,
                       platform=platform, progress=progress)
        images.append(result.image)
    return assemble_index(store, images, tag)


def explain_platform(image: Any) -> str:
    """Can this image's programs run on this machine, and if not, why (in the learner's language).

    ``image``: an Image, a build result or a reference string; for an index, one line saying which
    image this machine gets, then one explanation per image."""
    from .engines import lookup
    from .inspection.arguments import as_image

    image = as_image(lookup(image), function="dockerlab.explain_platform", index=True)
    host = Platform.host()
    if isinstance(image, ImageIndex):
        images = image.images()
        chosen = next((str(i.platform) for i in images if i.platform.matches(host)),
                      tr("platforms.none_chosen"))
        ref = getattr(image, "ref", None)
        name = getattr(ref, "familiar", None) or image.digest.short
        head = tr("platforms.index", name=name, count=len(images),
                  platforms=", ".join(str(i.platform) for i in images) or "-", host=host, chosen=chosen)
        return "\n".join([head] + [explain_platform(i) for i in images])
    platform = image.platform
    if platform.matches(host):
        return tr("platforms.runs_here", digest=image.id.short, platform=platform, host=host)
    return tr("platforms.foreign", digest=image.id.short, platform=platform, host=host,
              arch=platform.architecture)


def require_platform(image: Any, platform: str | Platform | None = None) -> None:
    """Raise :class:`PlatformMismatch` (with the explanation) unless ``image`` runs on ``platform``."""
    from .engines import lookup
    from .inspection.arguments import as_image

    image = as_image(lookup(image), function="dockerlab.platforms.require_platform", index=True)
    wanted = Platform.parse(platform) if isinstance(platform, str) else (platform or Platform.host())
    if isinstance(image, ImageIndex):
        image = image.image_for(wanted)  # PlatformMismatch names the platforms it has
    if not image.platform.matches(wanted):
        raise PlatformMismatch("platforms.foreign", digest=image.id.short, platform=image.platform,
                               host=wanted, arch=image.platform.architecture)


__all__ = ["DEFAULT_PLATFORMS", "assemble_index", "build_platforms", "explain_platform", "platform_args",
           "require_platform"]
