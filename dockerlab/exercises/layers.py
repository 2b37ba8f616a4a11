"""Checkers for 02-struktur-berlapis: counting layers, predicting the build cache, avoiding waste.

02.3 reads one small file out of the learner's image (:func:`file_text`): the inspection package lists
files but returns no contents, and a stdlib ``tarfile`` stream over the one layer that wrote the
file is all it takes.
"""

from __future__ import annotations

import re
import tarfile
from typing import Any

from ..i18n import tr
from ..textutil import number
from .answers import as_choices, as_image, as_int, as_steps, is_image
from .result import Explain, Result, checker, right, short, wrong


def _diff_ids(image: Any) -> list[str]:
    """The layer diff_ids without exporting anything (a Docker Engine image knows them already)."""
    known = getattr(image, "diff_ids", None)
    if known is None:
        known = image.config.rootfs.diff_ids
    return [str(d) for d in known]


def _history_key(image: Any) -> list[tuple[str, bool]]:
    return [(h.created_by or "", bool(h.empty_layer)) for h in image.config.history]


def base_history_steps(image: Any, candidates: Any = None) -> int | None:
    """How many of ``image``'s history steps its base image brought: the longest history among
    the other tagged images (default: the active engine's) whose layers and history both start
    ``image``'s. ``None`` when no such image is held — a message then gives no split.

    Untagged images and images of ``image``'s own repository are left out: an earlier, shorter
    build of the same Dockerfile also starts this image, but a FROM line names a tagged base."""
    try:
        return _base_history_steps(image, candidates)
    except Exception:  # noqa: BLE001 - the split only decorates a verdict: another image's damaged
        return None    # blob or an engine that stops answering must not turn a right count into ❌


def _base_history_steps(image: Any, candidates: Any) -> int | None:
    if candidates is None:
        from .. import engines

        candidates = engines.current().images()
    layers = _diff_ids(image)
    repository = getattr(getattr(image, "ref", None), "repository", None)
    own: list[tuple[str, bool]] | None = None
    best = None
    for other in candidates:
        ref = getattr(other, "ref", None)
        if not is_image(other) or other.id == image.id or ref is None:
            continue  # an index, the image itself under another name, or an untagged image
        if repository is not None and getattr(ref, "repository", None) == repository:
            continue  # an earlier build of this image
        theirs = _diff_ids(other)
        if len(theirs) > len(layers) or layers[:len(theirs)] != theirs:
            continue  # cheap test first: only a base's layers start this image's
        own = _history_key(image) if own is None else own
        history = _history_key(other)
        if history and len(history) < len(own) and own[:len(history)] == history:
            best = max(best or 0, len(history))
    return best


def _no_layer_keywords(image: Any) -> str:
    """The instructions of the history entries that add no layer (``ENV, EXPOSE, USER, CMD``)."""
    from ..inspection._history import instruction_of

    words = [instruction_of(h.created_by or "").split(" ", 1)[0].upper()
             for h in image.config.history if h.empty_layer]
    return ", ".join(dict.fromkeys(w for w in words if w)) or "ENV, CMD"


@checker("02.1", "layer_count(jawaban, image)")
def layer_count(answer: Any, image: Any) -> Result:
    """02.1: how many layers does ``image`` have (the base image's included)?

    Hints for the usual mistakes, each one step: every history entry counted (its "no layer"
    entries named), one per Dockerfile line (which lines change files?), the base forgotten."""
    count = as_int(answer)
    image = as_image(image)
    actual = len(image.layers)
    steps = len(image.config.history)
    base = base_history_steps(image)
    where = (tr("ex.02_1.steps", steps=steps) if base is None else
             tr("ex.02_1.steps_split", steps=steps, base=base, own=steps - base))
    if count == actual:
        return right("02.1", "ex.02_1.ok", count=actual, steps=where, empty=steps - actual)
    hints = []
    lines = steps - base + 1 if base is not None else None   # FROM + one history entry per line
    if count == steps and steps != actual:
        hints.append(tr("ex.02_1.counted_all", steps=where, keywords=_no_layer_keywords(image)))
    elif lines is not None and count == lines:
        hints.append(tr("ex.02_1.per_line", answer=count))
    elif 0 < count < actual:
        hints.append(tr("ex.02_1.forgot_base"))
    hints.append(tr("ex.02_1.look"))
    return wrong("02.1", "ex.02_1.wrong", *hints, answer=count)


@checker("02.2", "cache_prediction({...}, hasil_build)")
def cache_prediction(answer: Any, build: Any) -> Result:
    """02.2: which build step numbers were taken from the cache?

    A wrong guess is told how many of its steps are right and wrong, never the right set (that
    is the Solusi's); a FROM step ticked is explained on its own: it is never from the cache."""
    given_labels = as_choices(answer)
    steps = as_steps(build)
    total = len(steps)
    if not all(label.isdigit() for label in given_labels):
        raise Explain(tr("ex.02_2.unknown", total=total, steps=", ".join(sorted(given_labels))))
    given = {int(label) for label in given_labels}
    numbers = {s.number for s in steps}
    unknown = sorted(given - numbers)
    if unknown:
        raise Explain(tr("ex.02_2.unknown", total=total, steps=", ".join(map(str, unknown))))
    fmt = lambda ns: ", ".join(map(str, sorted(ns))) or "-"  # noqa: E731
    # A FROM step only picks the base image: it is neither built nor cached.
    neutral = {s.number for s in steps if s.instruction.strip().upper().startswith("FROM")}
    steps = [s for s in steps if s.number not in neutral]
    if steps and all(s.cached for s in steps):
        # Only a build run again with nothing changed is all cache: the lesson's change is gone.
        raise Explain(tr("ex.02_2.all_cached"), tr("ex.02_2.all_cached_hint"))
    if given & neutral:
        return wrong("02.2", "ex.02_2.from", tr("ex.02_2.rule"), steps=fmt(given & neutral))
    actual = {s.number for s in steps if s.cached}
    if given == actual:
        return right("02.2", "ex.02_2.ok", steps=fmt(actual))
    hints = [tr("ex.02_2.rule")]
    first_miss = min((s.number for s in steps if not s.cached), default=None)
    late = {n for n in given - actual if first_miss is not None and n > first_miss}
    if late:
        hints.append(tr("ex.02_2.after", steps=fmt(late)))
    elif given - actual:
        hints.append(tr("ex.02_2.find_change"))
    if actual - given:
        hints.append(tr("ex.02_2.above"))
    return wrong("02.2", "ex.02_2.wrong", *hints, given=fmt(given), right=len(given & actual),
                 wrong=len(given - actual), missing=len(actual - given))


# What the 02.3 Dockerfile makes (notebook 02, Latihan 3): `head -c 400000 /dev/zero` downloads a
# temporary file, `wc -c` writes its size to the result file, then the temporary file is removed.
TEMPORARY = "/tmp/unduhan.bin"
SIZE_FILE = "/opt/ukuran.txt"
SIZE = "400000"
_READ_LIMIT = 4096  # the result is a short line; never read more of a learner's file


def file_text(image: Any, path: str, files: Any = None) -> tuple[Any, str | None]:
    """The node of ``path`` in the merged file system of ``image`` (``None`` when absent) and,
    for a regular file, its first bytes as text.

    The tree (``files``, else :func:`dockerlab.inspection.tree`) says which layer wrote the visible
    version; that layer's tar is then read up to that one member. No inspection function returns
    file contents.
    """
    from ..inspection import tree
    from ..inspection.entries import FILE, normalise

    node = (files if files is not None else tree(image)).get(path)
    if node is None or node.kind != FILE:
        return node, None
    with image.layers[node.layer].open() as stream, tarfile.open(fileobj=stream, mode="r|") as tar:
        for member in tar:
            if member.isreg() and normalise(member.name) == path:
                handle = tar.extractfile(member)
                data = handle.read(_READ_LIMIT) if handle is not None else b""
                return node, data.decode("utf-8", errors="replace")
    return node, None


_INSTRUCTIONS = {"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL",
                 "MAINTAINER", "ONBUILD", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}


def _is_run(created_by: str) -> bool:
    """Whether a history step is a RUN: ``RUN /bin/sh -c …`` (BuildKit) or ``/bin/sh -c …``
    (the legacy builder and dockerlab's), but not ``/bin/sh -c #(nop) …`` nor ``COPY …``."""
    text = created_by.strip()
    if text.startswith("RUN "):
        return True
    return "#(nop)" not in text and text.split(" ", 1)[0].upper() not in _INSTRUCTIONS


def _made_and_removed(image: Any, path: str) -> bool:
    """Whether the image's history shows a RUN that writes the file named like ``path`` (by name,
    so ``cd /tmp && … > unduhan.bin`` counts) and an ``rm`` of it after that write – in the same
    RUN or a later one (the wasteful three-RUN template counts; its waste is judged apart). A RUN
    that only removes it (``echo 400000 > … && rm -f …``) does not count."""
    name = re.escape(path.rsplit("/", 1)[-1])
    made = re.compile(rf"(>\s*|\bof=|\b(?:head|dd|cp|wget|curl|touch)\b[^;&|]*?)\S*{name}\b")
    removed = re.compile(rf"(^|[\s;&|(])rm\s[^;&|]*\S*{name}\b")
    written = False
    for h in image.config.history:
        text = h.created_by or ""
        if not _is_run(text):
            continue
        write = made.search(text)
        if (written or write) and removed.search(text, write.end() if write and not written else 0):
            return True
        written = written or bool(write)
    return False


@checker("02.3", "no_waste(image)")
def no_waste(image: Any) -> Result:
    """02.3: the image keeps the result (``/opt/ukuran.txt`` = ``400000``), not the temporary
    file (``/tmp/unduhan.bin``), and wastes no space (the file never reached a layer)."""
    from ..inspection import efficiency, tree

    image = as_image(image)
    files = tree(image)
    problems: list[str] = []
    hints: list[str] = []
    temporary, _ = file_text(image, TEMPORARY, files)
    if temporary is not None:
        problems.append(tr("ex.02_3.temp_left", path=TEMPORARY, size=temporary.size))
        hints.append(tr("ex.02_3.hint_rm", path=TEMPORARY))
    elif not _made_and_removed(image, TEMPORARY):
        # `echo 400000 > /opt/ukuran.txt` leaves no waste either, but skips what is taught.
        problems.append(tr("ex.02_3.no_temp_run", path=TEMPORARY))
        hints.append(tr("ex.02_3.hint_temp_run", path=TEMPORARY))
    result, text = file_text(image, SIZE_FILE, files)
    if result is None:
        problems.append(tr("ex.02_3.no_result", path=SIZE_FILE))
    elif text is None:
        problems.append(tr("ex.02_3.not_file", path=SIZE_FILE))
    elif text.strip() != SIZE:
        content = short(text.strip(), 40) if text.strip() else tr("ex.02_3.empty")
        problems.append(tr("ex.02_3.wrong_size", path=SIZE_FILE, content=content, expected=SIZE))
    if result is None or text is None or text.strip() != SIZE:
        hints.append(tr("ex.02_3.hint_wc", temp=TEMPORARY, path=SIZE_FILE))
    report = efficiency(image)
    score = number(report.score, ".0%")
    if report.wasted_bytes:
        problems.append(tr("ex.02_3.wasted", wasted=report.wasted_bytes, score=score))
        paths = ", ".join(i.path for i in report.inefficiencies[:3])
        hints += [tr("ex.02_3.paths", paths=paths), tr("ex.02_3.same_run")]
    if not problems:
        return right("02.3", "ex.02_3.ok", score=score)
    return Result("02.3", False, " ".join(problems), tuple(dict.fromkeys(hints)))
