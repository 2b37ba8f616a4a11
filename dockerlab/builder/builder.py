"""The build loop: stages, steps, the cache, and writing the final image into the store.

It follows Docker's legacy builder (``docker build`` with ``DOCKER_BUILDKIT=0``, which is what
the Docker SDK's build API runs): every instruction is a step; metadata steps add a history
entry with ``empty_layer``; COPY/ADD always add a layer; RUN and WORKDIR add one only when they
changed the filesystem. Nothing is tagged or referenced until the last step succeeded, so a
failed build leaves the store's images and tags as they were.
"""

from __future__ import annotations

import dataclasses

import difflib
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from .. import tarutil
from ..errors import DockerfileError, DockerlabError, ImageNotFound, PlatformMismatch
from ..i18n import tr
from ..model import Descriptor, Image, ImageConfig, ImageIndex, Platform, RunConfig
from ..model import rfc3339, source_date_epoch
from ..model.mutate import new_image
from ..fsutil import remove_tree
from . import dockerfile as df
from .cache import BuildCache, chain
from .context import BuildContext, HashCache
from .fsview import FsView
from .lexer import LexError, process_word
from .result import BuildResult, BuildStep, Progress, context_argument
from .state import Stage
from .steps import StepRunner


#: Part of every cache key: bump it when a change to the builder changes what a step produces.
CACHE_VERSION = "dockerlab-build-2"  # 2: RUN whiteouts (0600, no opaque), proot owners, ADD --chown archives


class Builder:
    """One ``docker build``: construct, then :meth:`run` returns a :class:`BuildResult`."""

    def __init__(self, store, path: str | Path = ".", tags: str | Sequence[str] | None = None, *,
                 dockerfile: str | os.PathLike[str] | None = None, build_args: dict[str, str] | None = None,
                 target: str | None = None, no_cache: bool = False, platform: str | None = None,
                 progress: bool | Callable | None = None, executor: Any = "auto") -> None:
        self.store = store
        self.tags = [tags] if isinstance(tags, str) else list(tags or [])
        self.build_args = {k: str(v) for k, v in (build_args or {}).items()}
        self.target = target
        self.no_cache = no_cache
        self.platform = Platform.parse(platform) if platform else None
        self.progress = Progress(progress)
        self.cache = BuildCache(store)
        self.context = BuildContext(path, HashCache(Path(store.cache) / "build-files.db"))
        self.dockerfile = df.locate(self.context.root, dockerfile)
        self.executor = executor
        self.stages: list[Stage] = []
        self.steps: list[BuildStep] = []
        self.temp: list[Path] = []
        self.diff_ids: dict[str, str] = {}  # base images' layer digest -> diff_id
        self.epoch = source_date_epoch()
        self.meta_args: dict[str, str | None] = {}  # ARGs before the first FROM
        self.declared: set[str] = set()  # every ARG name, to warn about unused --build-arg

    # ------------------------------------------------------------ plan

    def _plan(self, instructions: list[df.Instruction]):
        first_from = next(n for n, i in enumerate(instructions) if i.keyword == "FROM")
        meta = instructions[:first_from]
        stages: list[list[df.Instruction]] = []
        for inst in instructions[first_from:]:
            if inst.keyword == "FROM":
                stages.append([])
            stages[-1].append(inst)
        names = [df.from_parts(s[0])[1] for s in stages]
        if self.target is not None:
            wanted = self.target.lower()
            if wanted not in names:
                raise DockerfileError("build.target.unknown", target=self.target,
                                      names=", ".join(n for n in names if n) or "-")
            stages = stages[: names.index(wanted) + 1]
        return meta, stages

    # ------------------------------------------------------------ run

    def run(self) -> BuildResult:
        text, instructions = df.read(self.dockerfile)
        meta, stages = self._plan(instructions)
        self.total = len(meta) + sum(len(s) for s in stages)
        self.number = 0
        runner = StepRunner(self)
        # Docker runs containers with umask 022; unpacking and RUN must not depend on the caller's
        old_umask = os.umask(0o022)
        pinned = self.store.pinned()  # what this build writes or uses stays while it runs
        pinned.__enter__()
        try:
            meta_args: dict[str, str | None] = dict(self.platform_args())
            for inst in meta:
                self._begin(inst)
                self._meta_arg(inst, meta_args)
                self.finish_step(inst, None, cached=False, layer=None, started=time.monotonic())
            for index, insts in enumerate(stages):
                stage = self._from(index, insts[0], meta_args)
                self.stages.append(stage)
                for inst in insts[1:]:
                    runner.step(stage, inst)
            unused = sorted(set(self.build_args) - self.declared)
            if unused:
                self.progress.emit("output", self.number, self.total,
                                   tr("build.arg.unused", names=", ".join(unused)) + "\n")
            image = self._commit(self.stages[-1])
        except DockerlabError as exc:
            self.progress.emit("error", self.number, self.total, str(exc))
            raise
        finally:
            os.umask(old_umask)
            for path in self.temp:
                remove_tree(path) if path.is_dir() else path.unlink(missing_ok=True)
            self.context.hashes.save()
            pinned.__exit__(None, None, None)
        for tag in self.tags:
            self.progress.emit("done", self.total, self.total, tr("build.progress.tagged", tag=tag))
        return BuildResult(image, tuple(self.steps), tuple(self.tags),
                           context=context_argument(self.context.root))  # as typed here, now

    def _begin(self, inst: df.Instruction) -> float:
        self.number += 1
        self.progress.emit("step", self.number, self.total, inst.original)
        for warning in inst.warnings:
            self.progress.emit("output", self.number, self.total, warning + "\n")
        return time.monotonic()

    def finish_step(self, inst, stage: Stage | None, *, cached: bool, layer: Descriptor | None,
                     started: float, output: str = "") -> None:
        if cached:
            self.progress.emit("cached", self.number, self.total, tr("build.progress.cached"))
        elif layer is not None:
            self.progress.emit("done", self.number, self.total,
                               tr("build.progress.layer", digest=layer.digest.short))
        stage_name = None if stage is None else (stage.name or str(stage.index))
        self.steps.append(BuildStep(self.number, self.total, inst.original, inst.line, stage_name, cached,
                                    str(layer.digest) if layer else None, layer.size if layer else 0,
                                    output, time.monotonic() - started))

    def platform_args(self) -> dict[str, str]:
        """The ARGs BuildKit defines in the global scope of every build (``TARGETPLATFORM``,
        ``TARGETARCH``, ``BUILDPLATFORM`` …): FROM lines see them, a stage after ``ARG TARGETARCH``.
        The legacy builder defines none of them. A --build-arg of the same name wins."""
        target = self.platform or Platform.host()
        build = Platform.host()
        values = {
            "TARGETPLATFORM": str(target), "TARGETOS": target.os, "TARGETARCH": target.architecture,
            "TARGETVARIANT": target.variant or "", "BUILDPLATFORM": str(build), "BUILDOS": build.os,
            "BUILDARCH": build.architecture, "BUILDVARIANT": build.variant or "",
        }
        return {k: self.build_args.get(k, v) for k, v in values.items()}

    def _meta_arg(self, inst: df.Instruction, meta_args: dict[str, str | None]) -> None:
        automatic = self.platform_args()
        for name, default in self._arg_words(inst, {k: v for k, v in meta_args.items() if v is not None}):
            if default is None and name in automatic:
                default = automatic[name]  # `ARG TARGETARCH` before FROM keeps the automatic value
            meta_args[name] = self.build_args.get(name, default)

    def _arg_words(self, inst: df.Instruction, env: dict[str, str]) -> list[tuple[str, str | None]]:
        out = []
        from .lexer import split_words

        for word in split_words(inst.args, inst.escape):
            name, eq, value = word.partition("=")
            self.declared.add(name)
            if not name or not name.replace("_", "a").isalnum():
                raise DockerfileError("build.arg.bad", line=inst.line, text=inst.args)
            if eq:
                try:
                    value = process_word(value, env, inst.escape)
                except LexError as exc:
                    raise DockerfileError("build.meta.lex", line=inst.line, detail=tr(exc.key, **exc.params)) from None
            out.append((name, value if eq else None))
        return out

    def arg_step(self, stage: Stage, inst: df.Instruction) -> str:
        """ARG inside a stage: declare (with a --build-arg value, a default, or the global one)."""
        parts = []
        for name, default in self._arg_words(inst, stage.expansion_env()):
            if name in self.build_args:
                value = self.build_args[name]
            elif default is not None:
                value = default
            else:
                value = self.meta_args.get(name, self.platform_args().get(name))
            stage.args[name] = value
            parts.append(name if default is None else f"{name}={default}")
        return "ARG " + " ".join(parts)

    # ------------------------------------------------------------ FROM

    def _from(self, index: int, inst: df.Instruction, meta_args: dict[str, str | None]) -> Stage:
        started = self._begin(inst)
        self.meta_args = meta_args
        raw_ref, name = df.from_parts(inst)
        env = {k: v for k, v in meta_args.items() if v is not None}
        try:
            ref = process_word(raw_ref, env, inst.escape)
            wanted = inst.flag("platform")
            wanted = process_word(wanted, env, inst.escape) if wanted else None
        except LexError as exc:
            raise DockerfileError("build.meta.lex", line=inst.line, detail=tr(exc.key, **exc.params)) from None
        platform = Platform.parse(wanted) if wanted else self.platform
        previous = {s.name: s for s in self.stages if s.name}
        triggers: list[str] = []
        if ref.lower() == "scratch":
            stage = Stage.begin(index, name, platform or Platform.host(), "scratch", {})
            stage.key = chain(CACHE_VERSION, "scratch", str(stage.platform))
        elif ref.lower() in previous:
            base = previous[ref.lower()]
            stage = Stage.begin(index, name, base.platform, ref, base.config, base.layers, base.history, base.author)
            stage.key = base.key
            triggers = list(base.config.get("OnBuild") or [])  # Docker runs them for a stage too
        else:
            image = self._base_image(inst, ref, platform)
            cfg = image.config
            stage = Stage.begin(index, name, image.platform, ref, dict(cfg.data.get("config") or {}),
                                [layer.descriptor for layer in image.layers], cfg.history, cfg.author)
            stage.key = chain(CACHE_VERSION, "image", str(image.id))
            triggers = list(cfg.config.on_build)
        self.finish_step(inst, stage, cached=False, layer=None, started=started)
        for trigger in triggers:
            for sub in df.parse("FROM scratch\n" + trigger)[1:]:
                sub = dataclasses.replace(sub, line=inst.line, end_line=inst.line)
                self.runner_for_triggers(stage, sub)
        return stage

    def runner_for_triggers(self, stage: Stage, inst: df.Instruction) -> None:
        StepRunner(self).step(stage, inst, counted=False)

    def _base_image(self, inst: df.Instruction, ref: str, platform: Platform | None) -> Image:
        from ..baseimage import resolve_or_build  # baseimage imports the executor: load on use

        try:
            found = resolve_or_build(self.store, ref)
        except ImageNotFound:
            raise self._not_found(inst, ref) from None
        except DockerlabError as exc:
            raise DockerfileError("build.from.bad", line=inst.line, text=f"{ref} ({exc})") from None
        if isinstance(found, ImageIndex):
            found = found.image_for(platform)
        if platform is not None and not found.platform.matches(platform):
            raise PlatformMismatch("build.from.platform", line=inst.line, ref=ref,
                                   actual=str(found.platform), wanted=str(platform))
        self.store.pin(found.digest)  # a concurrent `rmi` cannot take its layers from under the build
        for layer in found.layers:  # a pulled layer is compressed: its diff_id is not its digest
            if layer.diff_id is not None:
                self.diff_ids[layer.digest] = layer.diff_id
        return found

    def _not_found(self, inst: df.Instruction, ref: str) -> ImageNotFound:
        """A missing base image: suggest the course's base image for a name close to it, and
        advise ``dockerlab.base_image()`` only when that image is missing from the store too."""
        from ..baseimage import REPOSITORY

        try:
            self.store.resolve(REPOSITORY)
            have_base = True
        except ImageNotFound:
            have_base = False
        if near_base_image(ref, REPOSITORY):
            suggestion = f"FROM {REPOSITORY}" if inst.keyword == "FROM" else f"{inst.keyword} --from={REPOSITORY}"
            key = "build.from.did_you_mean" if have_base else "build.from.did_you_mean_build"
            return ImageNotFound(key, line=inst.line, ref=ref, suggestion=suggestion, base=REPOSITORY)
        key = "build.from.not_found_local" if have_base else "build.from.not_found"
        return ImageNotFound(key, line=inst.line, ref=ref)

    # ------------------------------------------------------------ filesystem of a stage

    def fs(self, stage: Stage) -> FsView:
        if stage.fs is None:
            stage.fs = FsView.from_layers(self.store, stage.layers)
        return stage.fs

    def rootfs(self, stage: Stage) -> Path:
        """The stage's root filesystem, unpacked (once) and brought up to its last layer."""
        if stage.rootfs is None:
            # below the store's own 0700 tmp (a setuid file of the image is out of other users'
            # reach; gc sweeps what a killed build leaves), in a folder naming this process
            holder = Path(tempfile.mkdtemp(prefix=f"build-{os.getpid()}-", dir=self.store.tmp))
            self.temp.append(holder)
            stage.rootfs = holder / "rootfs"
            stage.rootfs.mkdir(0o755)  # an image's "/" is 0755, so a USER can use it
            stage.rootfs.chmod(0o755)
            stage.rootfs_layers = 0
        for desc in stage.layers[stage.rootfs_layers:]:
            with self.store.open_blob(desc.digest) as stream:
                tarutil.extract_layer(stream, stage.rootfs, where=f"layer {desc.digest}")
        stage.rootfs_layers = len(stage.layers)
        return stage.rootfs

    def source_stage(self, inst: df.Instruction, name: str) -> tuple[str, Callable[[], Path], Callable[[], dict]]:
        """``COPY --from=name``: a key for the content, how to get the root filesystem, and the
        owners of its paths as its layers record them (``path -> Entry``: what a copy keeps).

        Only a finished (earlier) stage can be a source; the stage being built, by number or
        name, is refused at this line, as Docker's legacy builder does ("refers to current build
        stage"); a later number too ("index out of bounds").
        """
        *done, current = self.stages
        for stage in done:
            if stage.name == name.lower() or str(stage.index) == name:
                return stage.key, lambda stage=stage: self.rootfs(stage), lambda stage=stage: self.fs(stage).entries
        if name.lower() == current.name or name == str(current.index):
            raise DockerfileError("build.copy.from_current", line=inst.line, keyword=inst.keyword,
                                  name=name, index=current.index)
        if name.isdigit():
            raise DockerfileError("build.copy.from_later", line=inst.line, keyword=inst.keyword,
                                  name=name, count=current.index)
        image = self._base_image(inst, name, None)
        holder = Stage.begin(-1, None, image.platform, name, {}, [layer.descriptor for layer in image.layers])
        return str(image.id), lambda: self.rootfs(holder), lambda: self.fs(holder).entries

    # ------------------------------------------------------------ the image

    def _commit(self, stage: Stage) -> Image:
        created = rfc3339(self.epoch)
        config = ImageConfig.create(
            architecture=stage.platform.architecture, os=stage.platform.os,
            variant=stage.platform.variant, config=RunConfig.from_dict(stage.config),
            diff_ids=[self.diff_ids.get(d.digest, d.digest) for d in stage.layers], history=stage.history, created=created,
            author=stage.author)
        # checks every blob the image reuses (a cached layer changed on disk is refused here)
        image = self.store.write(new_image(config, stage.layers, self.store), tags=self.tags)
        assert isinstance(image, Image)
        self.progress.emit("done", self.total, self.total, tr("build.progress.done", id=image.id.short))
        return image


def near_base_image(ref: str, base: str) -> bool:
    """Whether ``ref`` (``dockerlab/busybox``, ``busybox:latest``, ``dockerlab.locl/busybox``) is
    probably a misspelling of the image name ``base``: same last path component, or close by
    ``difflib``'s ratio. Tags and digests are ignored; a name on a registry other than Docker
    Hub (``localhost:5000/busybox``) is meant as written."""
    name = ref.split("@", 1)[0].lower()
    head, colon, tag = name.rpartition(":")
    if colon and "/" not in tag:
        name = head
    host, slash, _ = name.partition("/")
    base_host = base.partition("/")[0]
    if slash and ("." in host or ":" in host or host == "localhost") and host != "docker.io" and \
            difflib.SequenceMatcher(None, host, base_host).ratio() < 0.8:
        return False
    if name.rsplit("/", 1)[-1] == base.rsplit("/", 1)[-1]:
        return True
    return difflib.SequenceMatcher(None, name, base).ratio() >= 0.6


__all__ = ["Builder"]
