"""The verbs a notebook cell calls, each sent to the active engine.

``dockerlab.build(...)`` works the same whether the embedded engine or a Docker Engine is active
(see :mod:`dockerlab.engines`); the engine is chosen on first use. The looking verbs
(``history``, ``layers``, ``tree``, ``diff``, ``efficiency``, ``inspect``, ``validate``) take an
image, a build result or a name: a name is looked up here, in ``store=`` or the active engine
(:func:`dockerlab.engines.lookup`), and :mod:`dockerlab.inspection` gets the image.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from . import engines
from .i18n import tr as _tr

def engine():
    """Which engine is active, why, and its version (an :class:`EngineInfo`)."""
    return engines.engine()


def use_engine(choice: str):
    """Choose the engine: ``"auto"``, ``"local"`` (embedded), ``"docker"`` or ``"podman"``."""
    return engines.use(choice)


def build(path: str | Path = ".", tag: str | Sequence[str] | None = None, *,
          dockerfile: str | None = None, build_args: dict[str, str] | None = None,
          target: str | None = None, no_cache: bool = False, platform: str | None = None,
          progress: bool | Callable[[Any], Any] | None = None):
    """``docker build -t TAG [-f DOCKERFILE] [--build-arg K=V] [--target STAGE] [--no-cache]
    [--platform P] PATH``: build the Dockerfile in ``path``; returns the build result.
    ``progress``: True/None prints Docker's step log, False nothing, a function gets each event."""
    return engines.current().build(path, tag, dockerfile=dockerfile, build_args=build_args, target=target,
                                   no_cache=no_cache, platform=platform, progress=progress)


def images(*, digests: bool = False) -> list[Any]:
    """``docker images [--digests]``: the images the active engine holds, as a list that shows
    itself as Docker's table (:class:`~dockerlab.inspection.imagelist.ImageList`); ``digests=True``
    adds the DIGEST column (the manifest digest a pinned ``name@sha256:…`` names)."""
    from .inspection.imagelist import ImageList

    engine = engines.current()
    return ImageList(engine.images(), digests=digests, program=engines.command_name(engine))


def tag_history(name: str | None = None):
    """Every tag set, moved or removed, oldest first: kept by the store of the embedded engine; on
    a Docker Engine, what dockerlab did there. ``name``: one tag (``halo:1.0``) or repository (``halo``).
    Shown as a table (:class:`~dockerlab.inspection.TagTable`)."""
    from .inspection.tagtable import TagTable

    return TagTable(engines.current().tag_history(name))


def image(ref: str):
    """The image named ``ref`` (``name:tag``, ``name@sha256:…`` or an image ID)."""
    return engines.current().image(ref)


def tag(source: Any, target: str):
    """``docker tag SOURCE TARGET``: one more name for the same image. ``source``: a name, an image
    ID, or an image (or build result) the notebook holds, which is tagged by its ID."""
    if not isinstance(source, str):
        from .inspection.arguments import as_image

        source = str(as_image(source, function="dockerlab.tag", param="source").id)
    return engines.current().tag(source, target)


def remove(ref: str, *, force: bool = False) -> list[str]:
    """``docker rmi REF``: remove a tag (and the image once nothing names it). The list holds
    ``docker rmi``'s own lines (``Untagged: …``, ``Deleted: sha256:…``) and shows them in the
    learner's language (:class:`~dockerlab.textutil.Removed`)."""
    from .textutil import Removed

    return Removed(engines.current().remove(ref, force=force))


def save(refs: str | Iterable[str], path: str | Path) -> Path:
    """``docker save -o PATH REF…``: write images to a tar that ``docker load`` accepts."""
    return engines.current().save(refs, path)


def load(path: str | Path) -> list[Any]:
    """``docker load -i PATH``: read images from a tar written by ``docker save`` or :func:`save`."""
    return engines.current().load(path)


def run(image: Any, command: str | Sequence[str] | None = None, *, detach: bool = False,
        ports: Any = None, env: Mapping[str, str] | Iterable[str] | None = None, name: str | None = None,
        workdir: str | None = None, user: str | None = None,
        entrypoint: str | Sequence[str] | None = None, remove: bool = False,
        output: Callable[[str], Any] | None = None, timeout: float | None = None):
    """``docker run [-d] [-p PORT] [--name N] [-e K=V] [-w DIR] [-u USER] [--entrypoint E] [--rm] IMAGE
    [COMMAND]``: start a container; returns it. ``command``: a list, or a string split like a shell.

    Like ``docker run``, an image that is not here but names a registry
    (``127.0.0.1:5000/my-app:1``) is pulled first ("Unable to find image … locally").
    ``ports=8080`` with ``detach=True`` serves the container's port 8080 on this machine:
    ``container.url()`` is its address (see :mod:`dockerlab.container.ports` for how each engine
    does it); the call returns once the port answers.
    """
    eng = engines.current()
    image = _pull_if_missing(eng, image)
    return eng.run(image, command, detach=detach, ports=ports, env=env, name=name, workdir=workdir,
                   user=user, entrypoint=entrypoint, remove=remove, output=output, timeout=timeout)


def _pull_if_missing(eng: Any, image: Any) -> Any:
    """``docker run``'s implicit pull, for a reference that names a registry explicitly (a host
    with a dot or a port, ``localhost``); other names must be built, loaded or pulled first.
    What to run: ``image``, or the pulled image's ID where the engine cannot name it by the
    reference (a Docker Engine given ``name@sha256:…`` of an image it did not pull itself)."""
    from .baseimage import is_base_ref
    from .errors import DockerlabError, ImageNotFound
    from .reference import DEFAULT_DOMAIN, Reference

    if not isinstance(image, str) or is_base_ref(image) or image.startswith("sha256:"):
        return image
    try:
        ref = Reference.parse(image)
    except DockerlabError:
        return image  # the engine explains a malformed name
    if ref.domain == DEFAULT_DOMAIN or not image.startswith(ref.domain + "/"):
        return image
    try:
        eng.image(image)
        return image
    except ImageNotFound:
        pass
    print(_tr("api.run.pulling", ref=image))
    pulled = eng.pull(image, progress=False)
    print(_tr("api.run.pulled", ref=image, digest=ref.digest or getattr(pulled, "digest", "?")))
    try:
        eng.image(image)
        return image
    except ImageNotFound:
        return str(pulled.id)


def containers(all: bool = True) -> list[Any]:  # noqa: A002 - mirrors `docker ps --all`
    """``docker ps -a``: the containers of the active engine."""
    return engines.current().containers(all=all)


def push(ref: str, *, compression: str | None = "gzip", auth: tuple[str, str] | None = None,
         progress: bool = True, on_blob: Callable[[Any], Any] | None = None, jobs: int = 3):
    """``docker push REF``: send an image to its registry. ``compression=None`` sends the layers as
    stored; ``auth=(user, password)``; ``on_blob`` is called after each blob."""
    return engines.current().push(ref, compression=compression, auth=auth, progress=progress,
                                  on_blob=on_blob, jobs=jobs)


def pull(ref: str, *, platform: str | None = None, all_platforms: bool = False,
         auth: tuple[str, str] | None = None, progress: bool = True,
         on_blob: Callable[[Any], Any] | None = None, jobs: int = 3):
    """``docker pull [--platform P] REF``: fetch an image from its registry."""
    return engines.current().pull(ref, platform=platform, all_platforms=all_platforms, auth=auth,
                                  progress=progress, on_blob=on_blob, jobs=jobs)


def base_image():
    """The course's base image (``dockerlab.local/busybox``) in the active engine, made from this
    machine's busybox if it is missing (nothing is downloaded); returns the image."""
    return engines.current().ensure_base_image()


def validate(image: Any, *, content: bool = True):
    """Every problem of ``image`` (``dockerlab.model.validate``); ``content=False`` skips hashing
    the layer blobs. ``image``: an Image, a build result or a reference string, turned into an
    Image by the one shared helper (:func:`dockerlab.inspection.arguments.as_image`)."""
    from .inspection.arguments import as_image
    from .model import validate as validate_image

    return validate_image(as_image(engines.lookup(image), function="dockerlab.validate"), content=content)


def history(image: Any, build: Any = None, *, store: Any = None):
    """``docker history IMAGE``: each step, its layer (or "tanpa layer"), size and cache use.
    ``image`` may be the build result itself; then its steps fill the cache column."""
    from . import inspection

    image = engines.lookup(image, store)
    return inspection.history(image, build, program=engines.command_name(store))


def layers(image: Any, measure: bool = False, *, store: Any = None):
    """digest, diff_id, sizes and ``created_by`` of each layer, base first."""
    from . import inspection

    image = engines.lookup(image, store)
    return inspection.layers(image, measure, program=engines.command_name(store))


def tree(image: Any, layer: int | None = None, *, store: Any = None):
    """The merged filesystem of ``image``; with ``layer=i``, what layer ``i`` changed in it."""
    from . import inspection

    return inspection.tree(engines.lookup(image, store), layer)


def diff(a: Any, b: Any, *, store: Any = None):
    """Image vs image (shared layers, files added/removed/changed) or layer vs layer."""
    from . import inspection

    return inspection.diff(engines.lookup(a, store), engines.lookup(b, store))


def efficiency(image: Any, *, store: Any = None):
    """dive's efficiency score and wasted bytes ("ruang terbuang")."""
    from . import inspection

    return inspection.efficiency(engines.lookup(image, store))


def inspect(obj: Any, *, store: Any = None):
    """``docker inspect``: manifest and config (or an index) as readable, highlighted JSON."""
    from . import inspection

    obj = engines.lookup(obj, store)
    return inspection.inspect(obj, program=engines.command_name(store))


def _calls_explained(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, with a call that does not fit its parameters explained in the learner's
    language before anything runs (``dockerlab.run(..., detatch=True)`` → "Maksud Anda
    `detach`?"), where Python would raise an English ``TypeError``."""
    import functools
    import inspect as _inspect

    signature = _inspect.signature(function)
    shown = f"dockerlab.{function.__name__}"

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            raise _bad_call(shown, signature, kwargs) from None
        return function(*args, **kwargs)

    return call


def _bad_call(shown: str, signature: Any, kwargs: dict[str, Any]) -> Exception:
    import difflib

    from .errors import UsageError

    names = [p.name for p in signature.parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    for given in kwargs:
        if given not in names:
            close = difflib.get_close_matches(given, names, n=1)
            if close:
                return UsageError("api.bad_keyword.close", function=shown, name=given, match=close[0])
            if not names:
                return UsageError("api.bad_keyword.none", function=shown, name=given)
            return UsageError("api.bad_keyword.far", function=shown, name=given, names=", ".join(names))
    plain = signature.replace(parameters=[p.replace(annotation=p.empty) for p in signature.parameters.values()],
                              return_annotation=signature.empty)  # no Python type names for a learner
    return UsageError("api.bad_call", function=shown, signature=str(plain))


for _name in [n for n, f in list(globals().items()) if callable(f) and not n.startswith("_")
              and getattr(f, "__module__", None) == __name__ and not isinstance(f, type)]:
    globals()[_name] = _calls_explained(globals()[_name])
del _name
