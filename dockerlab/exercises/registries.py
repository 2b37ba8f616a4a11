"""Checkers for 06-registry: the full name of an image, what a push keeps, the learner's own push."""

from __future__ import annotations

from typing import Any

from ..errors import DockerlabError, ImageNotFound, RegistryError
from ..i18n import messages, tr
from .answers import as_choices, as_text
from .result import Explain, Result, checker, right, wrong

messages({
    # 06.1 — nginx:1.21 written in full
    "ex.06_1.ok": (
        "Tepat: registry docker.io (Docker Hub), namespace library (image resmi), repository nginx, tag 1.21.",
        "Right: registry docker.io (Docker Hub), namespace library (official images), repository nginx, tag 1.21.",
    ),
    "ex.06_1.same": ("Itu nama yang ditanyakan; tulis lengkapnya: registry/namespace/repository:tag.",
                     "That is the name asked about; write it in full: registry/namespace/repository:tag."),
    "ex.06_1.no_library": (
        "Hampir: registry-nya benar, tetapi image resmi Docker Hub ada di namespace library.",
        "Almost: the registry is right, but Docker Hub's official images are in the namespace library.",
    ),
    "ex.06_1.no_registry": (
        "Hampir: namespace dan repository benar, tetapi registry-nya belum ditulis (nama tanpa registry berarti docker.io).",
        "Almost: namespace and repository are right, but the registry is missing (a name without a registry means docker.io).",
    ),
    "ex.06_1.no_tag": ("Hampir: jangan lupa tag-nya, 1.21.", "Almost: do not forget its tag, 1.21."),
    "ex.06_1.index": (
        "index.docker.io adalah nama lama Docker Hub; nama yang dipakai Docker sekarang adalah docker.io.",
        "index.docker.io is Docker Hub's old name; the name Docker uses today is docker.io.",
    ),
    "ex.06_1.other": ("{given} berarti {full}, bukan nginx:1.21.", "{given} means {full}, not nginx:1.21."),
    "ex.06_1.bad": ("{given} bukan nama image yang sah: {error}", "{given} is not a valid image name: {error}"),
    "ex.06_1.hint": ("Nama tanpa registry berarti docker.io; image resmi (satu kata) ada di library/.",
                     "A name without a registry means docker.io; official (one-word) images are in library/."),
    # 06.2 — what stays the same after a push
    "ex.06_2.choice.a": ("ID image (digest config)", "the image ID (config digest)"),
    "ex.06_2.choice.b": ("digest manifest", "the manifest digest"),
    "ex.06_2.choice.c": ("digest setiap layer", "each layer's digest"),
    "ex.06_2.choice.d": ("diff_id setiap layer", "each layer's diff_id"),
    "ex.06_2.choice.e": ("ukuran setiap layer", "each layer's size"),
    "ex.06_2.ok": (
        "Tepat: config tidak dikompresi, jadi ID image sama; diff_id adalah sha256 tar yang belum "
        "dikompresi, jadi juga sama. Digest dan ukuran layer berubah karena gzip, dan manifest yang "
        "memuatnya pun berubah.",
        "Right: the config is not compressed, so the image ID is the same; a diff_id is the sha256 of "
        "the uncompressed tar, so it is the same too. Layer digests and sizes change with gzip, and so "
        "does the manifest that lists them.",
    ),
    "ex.06_2.partly": ("Sebagian benar: {good} dari 2 yang tetap sudah Anda pilih{bad}.",
                       "Partly right: you chose {good} of the 2 that stay the same{bad}."),
    "ex.06_2.and_wrong": (", tetapi juga {count} yang berubah", ", but also {count} that change"),
    "ex.06_2.none": ("Yang Anda pilih semuanya berubah saat push.", "Everything you chose changes on push."),
    "ex.06_2.why.b": ("(b) berubah: manifest memuat digest layer, dan digest itu berubah.",
                      "(b) changes: the manifest lists the layer digests, and those change."),
    "ex.06_2.why.c": ("(c) berubah: digest layer dihitung dari blob yang dikirim, yaitu tar yang sudah di-gzip.",
                      "(c) changes: a layer digest is of the blob sent, the gzipped tar."),
    "ex.06_2.why.e": ("(e) berubah: gzip membuat blob lebih kecil.", "(e) changes: gzip makes the blob smaller."),
    "ex.06_2.hint": ("Lihat tabel identitas 'komputer ini' dan 'komputer lain' di atas: baris mana yang 'ya'?",
                     "Look at the identity table of 'komputer ini' and 'komputer lain' above: which rows say 'ya'?"),
    "ex.06_2.unknown": ("Pilihan {choices} tidak ada; pilih dari a, b, c, d, e.",
                        "There is no choice {choices}; choose from a, b, c, d, e."),
    # 06.3 — the learner's own image in the course registry
    "ex.06_3.ok": (
        "Benar: registry menyimpan {repository}:{tag} (digest manifest {digest}…), dan isinya adalah "
        "image Anda (ID {id}), dengan {layers} layer.",
        "Right: the registry holds {repository}:{tag} (manifest digest {digest}…), and it is your "
        "image (ID {id}), with {layers} layers.",
    ),
    "ex.06_3.no_local": (
        "Image {name} belum ada di mesin ini. Build dulu dengan tag itu, lalu push.",
        "The image {name} is not on this machine yet. Build it with that tag first, then push it.",
    ),
    "ex.06_3.not_pushed": (
        "Image {name} ada di mesin ini, tetapi registry belum punya tag {tag}: push dulu.",
        "The image {name} is on this machine, but the registry has no tag {tag} yet: push it first.",
    ),
    "ex.06_3.stale": (
        "Registry punya {repository}:{tag}, tetapi isinya image lain (ID {remote}), bukan image Anda "
        "yang sekarang (ID {local}). Anda mem-build ulang setelah push? Push sekali lagi.",
        "The registry has {repository}:{tag}, but it holds another image (ID {remote}), not your "
        "current image (ID {local}). Did you rebuild after pushing? Push once more.",
    ),
    "ex.06_3.same_as_course": (
        "Registry punya {repository}:{tag}, tetapi itu image yang sama dengan {other} dari notebook "
        "(ID {id}). Ubah dulu isinya (misalnya pesan di app.sh), lalu build dan push lagi.",
        "The registry has {repository}:{tag}, but it is the same image as the notebook's {other} "
        "(ID {id}). Change its content first (the message in app.sh, say), then build and push again.",
    ),
    "ex.06_3.unreachable": ("Registry kursus tidak menjawab: {error}. Jalankan lagi sel `reg = course.registry()`.",
                            "The course registry does not answer: {error}. Run the cell `reg = course.registry()` again."),
    "ex.06_3.hint": ("Urutannya: dockerlab.build(..., tag=reg.name('my-app:saya')) → course.push(reg.name('my-app:saya')).",
                     "The order: dockerlab.build(..., tag=reg.name('my-app:saya')) → course.push(reg.name('my-app:saya'))."),
})


@checker("06.1", "full_name('docker.io/...')")
def full_name(answer: Any) -> Result:
    """06.1: ``nginx:1.21`` in full: ``docker.io/library/nginx:1.21``."""
    from ..reference import Reference

    text = as_text(answer).strip().strip("\"'` ")
    hint = tr("ex.06_1.hint")
    if text.lower().startswith(("https://", "http://")):
        text = text.split("://", 1)[1]
    if text == "nginx:1.21":
        return wrong("06.1", "ex.06_1.same", hint)
    if text.startswith("index.docker.io/"):
        return wrong("06.1", "ex.06_1.index", hint)
    if text == "docker.io/library/nginx:1.21":
        return right("06.1", "ex.06_1.ok")
    if text in ("docker.io/nginx:1.21", "registry-1.docker.io/nginx:1.21"):
        return wrong("06.1", "ex.06_1.no_library", hint)
    if text == "library/nginx:1.21":
        return wrong("06.1", "ex.06_1.no_registry", hint)
    if text in ("docker.io/library/nginx", "docker.io/library/nginx:latest"):
        return wrong("06.1", "ex.06_1.no_tag", hint)
    try:
        full = Reference.parse(text).full
    except DockerlabError as exc:
        raise Explain(tr("ex.06_1.bad", given=text, error=exc), hint) from None
    return wrong("06.1", "ex.06_1.other", hint, given=text, full=full)


_06_2_RIGHT = {"a", "d"}


@checker("06.2", "push_keeps('ad')")
def push_keeps(answer: Any) -> Result:
    """06.2: which identities stay the same after a push (a: image ID, d: diff_ids)."""
    chosen = as_choices(answer)
    unknown = sorted(chosen - set("abcde"))
    if unknown:
        raise Explain(tr("ex.06_2.unknown", choices=", ".join(unknown)))
    if chosen == _06_2_RIGHT:
        return right("06.2", "ex.06_2.ok")
    good, bad = chosen & _06_2_RIGHT, sorted(chosen - _06_2_RIGHT)
    why = [tr(f"ex.06_2.why.{c}") for c in bad]
    if not good:
        return Result("06.2", False, " ".join([tr("ex.06_2.none"), *why]), (tr("ex.06_2.hint"),))
    tail = tr("ex.06_2.and_wrong", count=len(bad)) if bad else ""
    return Result("06.2", False, " ".join([tr("ex.06_2.partly", good=len(good), bad=tail), *why]),
                  (tr("ex.06_2.hint"),))


@checker("06.3", "pushed(reg, 'my-app:saya')")
def pushed(registry: Any, name: Any = "my-app:saya", *others: Any) -> Result:
    """06.3: the registry holds ``name`` and it is the image the engine has under that name (and,
    when ``others`` are given, not the same image as one of those names)."""
    from .. import engines
    from ..reference import Reference

    address = getattr(registry, "address", None)
    if not isinstance(address, str):
        raise Explain(tr("ex.06_3.hint"))
    text = as_text(name).strip().removeprefix(address + "/")
    ref = Reference.parse(f"{address}/{text}")
    tag = ref.tag or "latest"
    hint = tr("ex.06_3.hint")
    try:
        local = engines.current().image(ref.familiar)
    except ImageNotFound:
        return wrong("06.3", "ex.06_3.no_local", hint, name=ref.familiar)
    try:
        answer = registry.manifest(ref.path, tag)
    except RegistryError as exc:
        return wrong("06.3", "ex.06_3.unreachable", error=exc)
    manifest = answer.json() if answer.status == 200 else None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("config"), dict):
        return wrong("06.3", "ex.06_3.not_pushed", hint, name=ref.familiar, tag=tag)
    remote_id = str(manifest["config"].get("digest", ""))
    if remote_id != str(local.id):
        return wrong("06.3", "ex.06_3.stale", hint, repository=ref.path, tag=tag,
                     remote=remote_id.split(":")[-1][:12], local=local.id.short)
    for other in others:
        try:
            same = engines.current().image(f"{address}/{str(other).removeprefix(address + '/')}")
        except ImageNotFound:
            continue
        if same.id == local.id:
            return wrong("06.3", "ex.06_3.same_as_course", repository=ref.path, tag=tag, other=other,
                         id=local.id.short)
    digest = answer.headers.get("Docker-Content-Digest", "").split(":")[-1][:12]
    return right("06.3", "ex.06_3.ok", repository=ref.path, tag=tag, digest=digest, id=local.id.short,
                 layers=len(manifest.get("layers") or []))
