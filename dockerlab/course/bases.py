"""Helpers for 07-base-dan-custom: what a base image holds, real base images' sizes, shared
layers counted once, what a base update makes stale, and images compared side by side.

Every number comes from the images themselves (their layers' blob sizes, their diff_ids). The
table of real base images, too, when Docker Hub answers: :func:`real_base_images` reads each
tag's linux/amd64 manifest (no layer is downloaded) and adds up its layers' compressed sizes,
which is what ``docker pull`` downloads. Offline (CI, a classroom without internet) it shows the
sizes recorded with their date in ``dockerlab/data/base_images.json``, and says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Sequence

from ..i18n import get_language, tr
from ..textutil import human_size, number, text_table
from .lesson import _wrap

DATA = Path(__file__).resolve().parent.parent / "data" / "base_images.json"


class _Text(str):
    """Text a cell shows as itself (no quotes)."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return _wrap(f"<pre>{escape(str(self))}</pre>")


def _images(refs: Sequence[Any]) -> list[Any]:
    """Images from images, build results or names (looked up in the active engine)."""
    from .. import engines
    from ..inspection import resolve

    return [engines.current().image(r) if isinstance(r, str) else resolve(r) for r in refs]


def _name(image: Any) -> str:
    ref = getattr(image, "ref", None)
    return ref.familiar if ref is not None else image.id.short


def _size(image: Any) -> int:
    return sum(layer.size for layer in image.layers)


# ---------------------------------------------------------------- real base images (data)

MEASURE_SECONDS = 20.0  # the whole live measurement, every request of every tag included


def real_base_images(*, registry: str | None = None, seconds: float | None = None,
                     total: float = MEASURE_SECONDS) -> _Text:
    """Compressed sizes of well-known base images: measured now from Docker Hub's manifests when it
    answers within ``seconds``, else the recorded ones with their date. The measurement as a whole
    ends within ``total`` seconds; a tag not measured by then (or refused: a rate limit) keeps its
    recorded size, marked ``≈``, and the note says why. ``registry`` (``host:port``) measures the
    same names in another registry (the tests use the course's)."""
    import datetime

    from .lesson import prepare_base_image as base_image
    from .registries import HUB_HOST, HUB_SECONDS, _reachable

    data = json.loads(DATA.read_text(encoding="utf-8"))
    lang = get_language()
    seconds = HUB_SECONDS if seconds is None else seconds
    host, _, port = (registry or HUB_HOST).partition(":")
    refs = [item["ref"] for item in data["images"]]
    measured, problem = _measure(refs, registry, total) if _reachable(host, int(port or 443), seconds) else ({}, None)
    rows = []
    for item in data["images"]:
        size = measured.get(item["ref"])
        shown = human_size(size) if size is not None else f"≈ {number(item['compressed_mb'], '.1f')} MB"
        rows.append((item["ref"], shown, item["based_on"], item["contents"].get(lang) or item["contents"]["en"]))
    table = text_table((tr("course.bases.ref"), tr("course.bases.size"), tr("course.bases.based_on"),
                        tr("course.bases.contents")), rows)
    ours = human_size(_size(base_image()))
    where = registry or "Docker Hub"
    if not measured and problem is None:
        note = tr("course.bases.note", source=tr("course.bases.source"), recorded=data["recorded"], ours=ours,
                  seconds=f"{seconds:g}")
    elif len(measured) == len(refs):
        note = tr("course.bases.measured", registry=where, ours=ours, date=datetime.date.today().isoformat())
    else:
        note = tr("course.bases.partly", registry=where, count=len(measured), total=len(refs), problem=problem,
                  recorded=data["recorded"], ours=ours, date=datetime.date.today().isoformat())
    return _Text(f"{table}\n\n{note}")


def _measure(refs: Sequence[str], registry: str | None, total: float) -> tuple[dict[str, int], str | None]:
    """``({ref: compressed size}, why the rest is missing)``: each tag's linux/amd64 manifest, its
    layer sizes added up (no config, no layer is fetched), the tags side by side, all within
    ``total`` seconds; what is not measured by then is left out."""
    import concurrent.futures

    from ..errors import DockerlabError
    from ..reference import Reference
    from ..registry import RegistryClient, inspect_remote

    names = {ref: f"{registry}/library/{ref}" if registry else f"docker.io/library/{ref}" for ref in refs}
    budget = max(total / 2, 1.0)

    def one(ref: str) -> int:
        reference = Reference.parse(names[ref])
        client = RegistryClient(reference.domain, timeout=(budget, budget), body_seconds=budget)
        image = inspect_remote(reference, platform="linux/amd64", client=client)
        return sum(layer.size for layer in image.manifest.layers)

    sizes: dict[str, int] = {}
    problem: str | None = None
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(refs) or 1, thread_name_prefix="dockerlab-sizes")
    try:
        futures = {pool.submit(one, ref): ref for ref in refs}
        done, waiting = concurrent.futures.wait(futures, timeout=total)
        for future in done:
            try:
                sizes[futures[future]] = future.result()
            except (DockerlabError, OSError) as exc:
                problem = problem or str(exc)
        if waiting:
            problem = problem or tr("course.bases.too_slow", seconds=f"{total:g}")
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # a stalled request ends in its own time limit
    return sizes, problem


# ---------------------------------------------------------------- what the base image holds

def base_contents(image: Any) -> _Text:
    """The course base image in a few lines: each top folder, and /bin's links to busybox."""
    from ..inspection import tree

    (image,) = _images([image])
    files = tree(image)
    paths = [p for p in files.paths() if p not in ("", "/")]
    lines = [tr("course.base.summary", name=_name(image), layers=len(image.layers), size=human_size(_size(image)),
                files=len(paths))]
    tops = sorted({p.strip("/").split("/")[0] for p in paths})
    for top in tops:
        inside = [p.strip("/") for p in paths if p.strip("/").startswith(top + "/")]
        links = [p for p in inside if files["/" + p].kind == "symlink"]
        if len(links) > 10:
            sample = ", ".join(sorted(p.rsplit("/", 1)[-1] for p in links)[:6]) + ", …"
            others = [p for p in inside if p not in links]
            shown = ", ".join(p.split("/", 1)[1] for p in others) or "-"
            lines.append(f"  /{top}: {shown} + " + tr("course.base.links", count=len(links), sample=sample))
        else:
            sample = ", ".join(p.split("/", 1)[1] for p in inside) or "-"
            lines.append("  " + tr("course.base.dir", path=f"/{top}", count=len(inside), sample=sample))
    return _Text("\n".join(lines))


def write_program(path: str) -> str:
    """Write this machine's small static program (``uname -m`` in a few hundred bytes of machine
    code, :mod:`.programs`) at ``path``, executable; the path."""
    from ..executor import elf
    from .programs import machine_program
    from .workspace import _inside

    target = _inside(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(machine_program(elf.host_architecture()))
    target.chmod(0o755)
    return _Text(path)


# ---------------------------------------------------------------- layers shared between images

@dataclass(frozen=True)
class Sharing:
    """Images and their layers: which are shared, the sizes counted per image and once."""

    images: tuple[Any, ...]

    def _users(self) -> dict[str, int]:
        count: dict[str, int] = {}
        for image in self.images:
            for layer in {str(layer.digest): layer for layer in image.layers}.values():
                count[str(layer.digest)] = count.get(str(layer.digest), 0) + 1
        return count

    @property
    def separate(self) -> int:
        return sum(_size(image) for image in self.images)

    @property
    def on_disk(self) -> int:
        sizes = {str(layer.digest): layer.size for image in self.images for layer in image.layers}
        return sum(sizes.values())

    def table(self) -> str:
        users = self._users()
        rows = []
        for image in self.images:
            shared = sum(layer.size for layer in image.layers if users[str(layer.digest)] > 1)
            rows.append((_name(image), len(image.layers), human_size(_size(image)), human_size(shared),
                         human_size(_size(image) - shared)))
        table = text_table((tr("course.share.image"), tr("course.share.layers"), tr("course.share.size"),
                            tr("course.share.shared"), tr("course.share.unique")), rows)
        return "\n".join([table, "", tr("course.share.separate", size=human_size(self.separate)),
                          tr("course.share.disk", size=human_size(self.on_disk),
                             saved=human_size(self.separate - self.on_disk))])

    def __str__(self) -> str:
        return self.table()

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return _wrap(f"<pre>{escape(self.table())}</pre>")

    def diagram(self):
        """Each image above its layers; a layer used by several images is drawn once, shaded."""
        import graphviz

        users = self._users()
        dot = graphviz.Digraph("berbagi", graph_attr={"rankdir": "BT", "fontname": "sans-serif"},
                               node_attr={"shape": "box", "fontname": "sans-serif", "fontsize": "10"})
        drawn: set[str] = set()
        for image in self.images:
            for layer in image.layers:
                key = str(layer.digest)
                if key in drawn:
                    continue
                drawn.add(key)
                shared = users[key] > 1
                label = tr("course.share.layer_label", short=key.split(":")[-1][:12], size=human_size(layer.size))
                if shared:
                    label += "\\n" + tr("course.share.shared_by", count=users[key])
                dot.node(key.split(":")[-1][:16], label, style="filled",
                         fillcolor="#cfe2f3" if shared else "#fff2cc")
        for image in self.images:
            node = "img-" + image.id.split(":")[-1][:12]
            dot.node(node, _name(image), shape="folder", style="filled", fillcolor="#d9ead3")
            previous = None
            for layer in image.layers:
                current = str(layer.digest).split(":")[-1][:16]
                if previous is not None:
                    dot.edge(previous, current, color="#999999")
                previous = current
            if previous is not None:
                dot.edge(previous, node)
        return dot


def sharing(*images: Any) -> Sharing:
    """``docker system df -v`` for a few images: their layers, shared and unique, and the disk
    space when each layer is stored once."""
    return Sharing(tuple(_images(images)))


# ---------------------------------------------------------------- a base update

def _built_on(image: Any, base: Any) -> bool:
    ids = list(image.config.rootfs.diff_ids)
    base_ids = list(base.config.rootfs.diff_ids)
    return ids[:len(base_ids)] == base_ids


def stale(base: Any, *images: Any, old_base: Any = None) -> _Text:
    """For each image: is it built on ``base`` as it is now, on an older version of it
    (``old_base``, or any image sharing its first layer), or not on it at all?"""
    (base,), found = _images([base]), _images(images)
    old = _images([old_base])[0] if old_base is not None else None
    rows = []
    for image in found:
        if _built_on(image, base):
            inside, rebuild = tr("course.stale.current", id=base.id.short), tr("course.stale.no")
        elif (old is not None and _built_on(image, old)) or (
                old is None and image.config.rootfs.diff_ids[:1] == base.config.rootfs.diff_ids[:1]):
            inside, rebuild = tr("course.stale.old"), tr("course.stale.yes")
        else:
            inside, rebuild = tr("course.stale.none"), tr("course.stale.no")
        rows.append((_name(image), inside, rebuild))
    return _Text(text_table((tr("course.stale.image"), tr("course.stale.base"), tr("course.stale.verdict")), rows))


# ---------------------------------------------------------------- side by side

def compare(*images: Any) -> _Text:
    """Images side by side: layers, size, filesystem entries, efficiency score, waste and the
    bytes later layers delete (still stored below them)."""
    from ..inspection import efficiency, tree

    found = _images(images)
    scores = [efficiency(image) for image in found]
    rows = [
        (tr("course.cmp.layers"), *[str(len(i.layers)) for i in found]),
        (tr("course.cmp.size"), *[human_size(_size(i)) for i in found]),
        (tr("course.cmp.files"), *[str(len([p for p in tree(i).paths() if p not in ("", "/")])) for i in found]),
        (tr("course.cmp.score"), *[number(s.score, ".1%") for s in scores]),
        (tr("course.cmp.wasted"), *[human_size(s.wasted_bytes) for s in scores]),
        (tr("course.cmp.removed"), *[human_size(s.removed_bytes) for s in scores]),
    ]
    return _Text(text_table((tr("course.cmp.what"), *[_name(i) for i in found]), rows))


__all__ = ["Sharing", "base_contents", "compare", "real_base_images", "sharing", "stale", "write_program"]
