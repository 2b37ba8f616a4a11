"""One step of a stage: look it up in the build cache, or do it (metadata, WORKDIR, COPY/ADD, RUN).

Cache keys (see :mod:`.cache`) are computed *before* anything expensive: for COPY/ADD from the
context they need only the stat-cached file hashes, so a fully cached rebuild reads no layer and
unpacks no root filesystem.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import BuildError, DockerlabError, ExecutorUnavailable, PlatformMismatch
from ..executor.rootfs import resolve_user
from ..fsutil import remove_tree
from ..i18n import tr
from ..model import Descriptor, History, rfc3339
from ..tarutil import Entry
from . import copy as copymod
from . import snapshot
from .cache import BuildCache, chain
from .context import BuildContext
from .dockerfile import Instruction
from .dockerignore import DockerIgnore, clean
from .metadata import HANDLERS, expand
from .state import Stage

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path
    from typing import Callable


class BuildHost(Protocol):
    """What a step needs from the build that runs it (:class:`~.builder.Builder` is one): the
    store and cache, the context, each stage's file-system view and root filesystem, the
    temporary folders to remove at the end, the executor choice, and the step log."""

    store: Any
    cache: BuildCache
    context: BuildContext | None
    no_cache: bool
    epoch: int
    temp: list["Path"]
    executor: Any

    def fs(self, stage: Stage) -> Any: ...
    def rootfs(self, stage: Stage) -> "Path": ...
    def source_stage(self, inst: Instruction, name: str) -> tuple[str, "Callable[[], Path]"]: ...
    def finish_step(self, inst: Instruction, stage: Stage | None, *, cached: bool,
                    layer: Descriptor | None, started: float, output: str = "") -> None: ...

LAYER_STEPS = ("COPY", "ADD", "RUN", "WORKDIR")
HEREDOC_DIR = "/.dockerlab-heredoc"  # BuildKit mounts a RUN's #! heredoc at /dev/pipes/NAME
_CHOWN = re.compile(r"(?<![\w.-])(chown|chgrp)(?![\w.-])")  # the command names them (scripts it runs may too)


class StepRunner:
    def __init__(self, builder: BuildHost) -> None:
        self.b = builder

    def step(self, stage: Stage, inst: Instruction, counted: bool = True) -> None:
        b = self.b
        started = b._begin(inst) if counted else time.monotonic()
        keyword = inst.keyword
        if keyword == "ARG":
            comment = b.arg_step(stage, inst)
            self._nop(stage, inst, stage.nop(comment), started, counted)
        elif keyword in HANDLERS:
            comment = HANDLERS[keyword](inst, stage)
            self._nop(stage, inst, stage.nop(comment), started, counted)
        elif keyword == "WORKDIR":
            self._workdir(stage, inst, started, counted)
        elif keyword in ("COPY", "ADD"):
            self._copy(stage, inst, started, counted)
        elif keyword == "RUN":
            self._run(stage, inst, started, counted)
        else:  # FROM inside a stage list cannot happen: the planner splits on FROM
            raise AssertionError(keyword)

    # ------------------------------------------------------------ shared

    def _replay(self, stage, inst, key, created_by, hit, *, started, counted) -> None:
        """Record a step served from the build cache (its layer, if it made one, is reused)."""
        layer = self._layer_from(hit)
        if layer is not None:
            self._after_cached_layer(stage)
        self._record(stage, inst, key, created_by, layer, cached=True, started=started, counted=counted)

    def _lookup(self, key: str) -> dict | None:
        return None if self.b.no_cache else self.b.cache.get(key)

    def _record(self, stage: Stage, inst: Instruction, key: str, created_by: str, layer: Descriptor | None,
                *, cached: bool, started: float, counted: bool, output: str = "") -> None:
        created = rfc3339(self.b.epoch)
        stage.history.append(History(created, created_by, "", "", layer is None))
        if layer is not None:
            stage.layers.append(layer)
        stage.key = key
        if not cached:
            value: dict = {"created_by": created_by}
            if layer is not None:
                value.update(layer=layer.to_dict(), blobs=[str(layer.digest)])
            self.b.cache.put(key, value)
        if counted:
            self.b.finish_step(inst, stage, cached=cached, layer=layer, started=started, output=output)

    def _nop(self, stage: Stage, inst: Instruction, created_by: str, started: float, counted: bool) -> None:
        key = self._key(stage, "nop", created_by)
        self._record(stage, inst, key, created_by, None, cached=self._lookup(key) is not None,
                     started=started, counted=counted)

    def _key(self, stage: Stage, *parts) -> str:
        from .cache import BuildCache, chain

        return chain(stage.key, *parts, stage.config, stage.author)

    @staticmethod
    def _layer_from(entry: dict) -> Descriptor | None:
        return Descriptor.from_dict(entry["layer"]) if entry.get("layer") else None

    def _write(self, stage: Stage, entries: list[Entry]) -> Descriptor | None:
        if not entries:
            return None
        layer = self.b.store.write_layer(entries)
        if stage.fs is not None:
            stage.fs.apply(entries)
        return layer

    def _after_cached_layer(self, stage: Stage) -> None:
        stage.fs = None  # re-read lazily from the layers if a later miss needs it

    # ------------------------------------------------------------ WORKDIR

    def _workdir(self, stage: Stage, inst: Instruction, started: float, counted: bool) -> None:
        path = expand(inst, stage, inst.args.strip())
        if not path.startswith("/"):
            path = posixpath.join(stage.config.get("WorkingDir") or "/", path)
        stage.config["WorkingDir"] = clean(path)
        created_by = stage.nop_string("WORKDIR " + stage.config["WorkingDir"])
        key = self._key(stage, "workdir", created_by)
        hit = self._lookup(key)
        if hit is not None:
            self._replay(stage, inst, key, created_by, hit, started=started, counted=counted)
            return
        fs = self.b.fs(stage)
        entries: list[Entry] = []
        if not fs.is_dir(stage.config["WorkingDir"]):
            rel = fs.resolve(stage.config["WorkingDir"])
            entries = fs.parents(rel) + [Entry(rel, "dir", 0o755)]
        layer = self._write(stage, entries)
        self._record(stage, inst, key, created_by, layer, cached=False, started=started, counted=counted)

    # ------------------------------------------------------------ COPY / ADD

    def _copy(self, stage: Stage, inst: Instruction, started: float, counted: bool) -> None:
        words = list(inst.json) if inst.json is not None else inst.args.split()
        if len(words) < 2:
            raise copymod_error(inst)
        sources: list[str] = []
        contents: list[tuple[str, bytes]] = []  # heredocs: (file name, bytes)
        for word in words[:-1]:
            doc = inst.heredoc(word) if inst.heredocs and inst.json is None else None
            if doc is None:
                sources.append(expand(inst, stage, word))
                continue
            body = doc.body
            if doc.expand:  # BuildKit's ExpandRaw: $VAR only, quotes are the file's own text
                body = expand(inst, stage, body, escape="\\", skip_process_quotes=True)
            contents.append((doc.name, body.encode("utf-8", "surrogateescape")))
        dest = expand(inst, stage, words[-1])
        source_from = inst.flag("from")
        context: BuildContext | None = self.b.context
        content_of = make_root = owners = None
        if source_from is not None:
            source_from = expand(inst, stage, source_from)
            content_of, make_root, owners = self.b.source_stage(inst, source_from)
            context = None  # the other stage's files are unpacked only on a cache miss
        mode = copymod.parse_chmod(inst, inst.flag("chmod"))
        chown = inst.flag("chown")
        chown = expand(inst, stage, chown) if chown is not None else None
        prefix = self._key(stage, inst.keyword, sources, dest, chown, inst.flag("chmod"), source_from,
                           [(name, hashlib.sha256(data).hexdigest()) for name, data in contents])
        seen_key = chain(prefix, "seen")
        known = not self.b.no_cache and self.b.cache.get(seen_key) is not None
        if known or content_of is not None:
            key = chain(prefix, self._content_key(inst, context, sources, content_of))
            hit = self._lookup(key)
            if hit is not None:
                self._replay(stage, inst, key, hit["created_by"], hit, started=started, counted=counted)
                return
            if context is None:
                context = BuildContext(make_root(), ignore=DockerIgnore())
                context.owners = owners()  # a copy from a stage keeps each file's uid:gid
            planner, layer = self._copy_layer(stage, inst, sources, dest, context, chown, mode, source_from,
                                              contents)
        else:
            # never built with these inputs: certainly a miss. Hash the sources (for the cache
            # entry and the history label) while the layer is written: hashlib and file reads
            # release the GIL, so both proceed together.
            context.walk()
            with ThreadPoolExecutor(max_workers=1) as pool:
                hashing = pool.submit(self._content_key, inst, context, sources, None)
                planner, layer = self._copy_layer(stage, inst, sources, dest, context, chown, mode, source_from,
                                                  contents)
                key = chain(prefix, hashing.result())
        chown_comment = f"--chown={chown}" if chown else ""
        created_by = stage.nop_string(f"{inst.keyword} {chown_comment}{planner.finish().source_label} in {dest} ")
        self._record(stage, inst, key, created_by, layer, cached=False, started=started, counted=counted)
        self.b.cache.put(seen_key, {"seen": True})

    def _copy_layer(self, stage: Stage, inst: Instruction, sources, dest, context, chown, mode, source_from,
                    contents=()):
        owner = None
        if chown is not None:
            needs_names = not all(p.isdigit() for p in chown.split(":"))
            owner = copymod.parse_chown(inst, chown, self.b.rootfs(stage) if needs_names else None)
        planner = copymod.plan(inst, inst.keyword, sources, dest, context=context, fs=self.b.fs(stage),
                               workdir=stage.config.get("WorkingDir") or "/", owner=owner, mode=mode,
                               from_context=source_from is None, contents=contents)
        self.b.temp.extend(planner.temp)
        layer = self._write(stage, planner.entries())
        if layer is None:  # nothing to copy (an empty directory into "/"): Docker still commits a layer
            layer = self.b.store.write_layer([])
        return planner, layer

    def _content_key(self, inst: Instruction, context: BuildContext, sources: list[str],
                     content_of: str | None) -> str:
        """What the sources hold: file hashes and modes (stat-cached), never mtimes."""
        if content_of is not None:
            return content_of
        parts: list[str] = []
        for source in sources:
            if inst.keyword == "ADD" and urllib.parse.urlsplit(source).scheme in ("http", "https"):
                parts.append("url:" + source + ":" + os.urandom(8).hex())  # Docker re-downloads: never cached here
                continue
            for entry in context.sources(source, line=inst.line, keyword=inst.keyword):
                items = [entry] + (context.children(entry.rel) if entry.is_dir else [])
                context.hashes.prefetch([(i.path, i.st) for i in items if i.is_file])
                for item in items:
                    mode = item.st.st_mode
                    if item.is_file:
                        parts.append(f"{item.rel}:{mode:o}:{context.digest(item)}")
                    elif item.is_symlink:
                        parts.append(f"{item.rel}:{mode:o}:{os.readlink(item.path)}")
                    else:
                        parts.append(f"{item.rel}:{mode:o}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    # ------------------------------------------------------------ RUN

    @staticmethod
    def _run_argv(stage: Stage, inst: Instruction) -> tuple[list[str], tuple[str, str] | None]:
        """The RUN's command, and the script file a heredoc with ``#!`` becomes (BuildKit's
        ``dispatchRun``): a RUN that is just ``<<EOF`` runs the document's text with the shell —
        or, when it starts with ``#!``, runs it as an executable file; a heredoc inside a longer
        command line goes to the shell with its text, which reads it as a shell heredoc."""
        if inst.json is not None:
            return list(inst.json), None
        if not inst.heredocs:
            return stage.shell + [inst.args], None
        from .dockerfile import parse_heredoc_word

        if parse_heredoc_word(inst.args.strip(), inst.line) is not None:
            doc = inst.heredocs[0]
            if doc.content.startswith("#!"):
                name = posixpath.basename(doc.name.rstrip("/"))  # a name is hostile input too
                path = posixpath.join(HEREDOC_DIR, name if name not in ("", ".", "..") else "heredoc")
                return stage.shell + [path], (path, doc.body)
            return stage.shell + [doc.body], None
        full = inst.args + "".join("\n" + doc.content + doc.name for doc in inst.heredocs)
        return stage.shell + [full], None

    def _run(self, stage: Stage, inst: Instruction, started: float, counted: bool) -> None:
        b = self.b
        argv, script = self._run_argv(stage, inst)
        args = stage.allowed_args()
        saved = argv
        if args:
            pairs = sorted(f"{k}={v}" for k, v in args.items())
            saved = [f"|{len(pairs)}"] + pairs + argv
        created_by = " ".join(saved)
        key = self._key(stage, "run", created_by)
        hit = self._lookup(key)
        if hit is not None:
            self._replay(stage, inst, key, created_by, hit, started=started, counted=counted)
            return
        executor = self._executor(inst)
        root = b.rootfs(stage)
        before = snapshot.take(root)
        if script is not None:  # made after the snapshot and removed before the next: not in the layer
            script_file = root / script[0].lstrip("/")
            script_file.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
            script_file.write_text(script[1])
            script_file.chmod(0o755)
        env = list(stage.config.get("Env") or []) + [f"{k}={v}" for k, v in sorted(args.items())]
        output: list[str] = []

        def emit(chunk: str) -> None:
            output.append(chunk)
            b.progress.emit("output", b.number, b.total, chunk)

        try:
            code = executor.run(root, argv, env=env, workdir=stage.config.get("WorkingDir") or "/",
                                user=stage.config.get("User") or None, output=emit)
        except PlatformMismatch as exc:  # keeps its type: callers offer --platform or an emulator
            self._discard_rootfs(stage)
            raise PlatformMismatch("build.run.cannot_start", **{**exc.params, "line": inst.line,
                                                                 "detail": str(exc)}) from exc
        except (DockerlabError, OSError) as exc:  # the executor explains (exec format, program, user)
            self._discard_rootfs(stage)
            raise BuildError("build.run.cannot_start", line=inst.line, detail=str(exc)) from exc
        finally:
            if script is not None:
                remove_tree(root / script[0].lstrip("/").split("/")[0])
        text = "".join(output)
        if code != 0:
            self._discard_rootfs(stage)
            tail = "\n".join(text.rstrip().splitlines()[-10:]) or "-"
            raise BuildError("build.run.failed", line=inst.line, code=code, command=inst.args, tail=tail)
        after = snapshot.take(root)
        owner = None
        if os.geteuid() != 0:  # proot: files are the host user's, chown is only pretended
            who = resolve_user(root, stage.config.get("User") or None)
            owner = snapshot.OwnerMap((os.getuid(), os.getgid()), (who.uid, who.gid), b.fs(stage).entries)
            if _CHOWN.search(" ".join(argv)):
                note = tr("build.run.owner_lost", line=inst.line, uid=who.uid, gid=who.gid) + "\n"
                b.progress.emit("output", b.number, b.total, note)
                text += note
        entries = snapshot.diff(root, before, after, map_owner=owner)
        layer = self._write(stage, entries)
        if layer is not None:
            stage.rootfs_layers = len(stage.layers) + 1  # the rootfs already holds this layer
        self._record(stage, inst, key, created_by, layer, cached=False, started=started, counted=counted,
                     output=text)

    def _discard_rootfs(self, stage: Stage) -> None:
        stage.rootfs = None  # it holds a half-run command's changes; the temp dir is removed at the end
        stage.rootfs_layers = 0

    def _executor(self, inst: Instruction):
        chosen = self.b.executor
        if chosen not in (None, "auto"):
            return chosen
        from .. import executor as executor_mod

        found = executor_mod.probe()
        if found.executor is None:
            raise ExecutorUnavailable("build.run.no_executor", line=inst.line, reason=found.reason)
        return found.executor


def copymod_error(inst: Instruction):
    from ..errors import DockerfileError

    return DockerfileError("build.copy.no_args", line=inst.line, keyword=inst.keyword)
