"""Checkers for 08-build-push-run: the learner's own cycle, the layers a v2 push sends, a pinned v1.

08.1 checks the cycle for real: the course registry holds the learner's tag, a container of that
very image runs, and its page — fetched over HTTP — holds the learner's text.
"""

from __future__ import annotations

import urllib.request
from typing import Any

from ..i18n import messages, tr
from .answers import as_int, as_text, not_template
from .result import Explain, Result, checker, right, wrong

messages({
    "ex.08_1.registry": (
        "Argumen pertama harus registry kursus (variabel `reg` dari `reg = course.registry()`).",
        "The first argument must be the course registry (the variable `reg` from `reg = course.registry()`).",
    ),
    "ex.08_1.not_text": ("Nama image harus teks, misalnya reg.name('my-app:saya').",
                         "The image name must be text, for example reg.name('my-app:saya')."),
    "ex.08_1.other_registry": (
        "Nama {ref!r} tidak diawali alamat registry kursus ({address}), jadi `push` tidak mengirimnya ke "
        "sana. Buat namanya dengan reg.name('my-app:saya').",
        "The name {ref!r} does not start with the course registry's address ({address}), so `push` does "
        "not send it there. Make the name with reg.name('my-app:saya').",
    ),
    "ex.08_1.not_pushed": (
        "Registry belum punya tag {tag!r} di repository {repository} (tag yang ada: {tags}). Sudah "
        "dockerlab.push(…)?",
        "The registry has no tag {tag!r} in the repository {repository} (tags there: {tags}). Did you "
        "dockerlab.push(…)?",
    ),
    "ex.08_1.no_container": (
        "Argumen kedua harus kontainer hasil dockerlab.run(…, detach=True, ports=8080).",
        "The second argument must be the container from dockerlab.run(…, detach=True, ports=8080).",
    ),
    "ex.08_1.not_running": (
        "Tag {ref} ada di registry ✔, tetapi kontainer {name} tidak berjalan (status: {status}). Jalankan "
        "lagi dengan dockerlab.run({ref!r}, detach=True, ports=8080).",
        "The tag {ref} is in the registry ✔, but container {name} is not running (status: {status}). Run "
        "it again with dockerlab.run({ref!r}, detach=True, ports=8080).",
    ),
    "ex.08_1.no_ports": (
        "Tag {ref} ada di registry ✔ dan kontainer {name} berjalan ✔, tetapi tanpa port: halamannya tidak "
        "bisa dibuka. Jalankan dengan ports=8080.",
        "The tag {ref} is in the registry ✔ and container {name} runs ✔, but without a port: its page "
        "cannot be opened. Run it with ports=8080.",
    ),
    "ex.08_1.other_image": (
        "Tag {ref} ada di registry ✔ dan kontainer {name} berjalan ✔, tetapi kontainer itu menjalankan "
        "image lain ({running}), bukan image di registry ({pushed}). Jalankan kontainer dari nama registry-nya: "
        "dockerlab.run({ref!r}, detach=True, ports=8080).",
        "The tag {ref} is in the registry ✔ and container {name} runs ✔, but it runs another image "
        "({running}), not the one in the registry ({pushed}). Run the container from the registry name: "
        "dockerlab.run({ref!r}, detach=True, ports=8080).",
    ),
    "ex.08_1.unreachable": (
        "Kontainer {name} berjalan, tetapi halamannya di {url} tidak bisa diambil: {error}.",
        "Container {name} runs, but its page at {url} could not be fetched: {error}.",
    ),
    "ex.08_1.no_text": (
        "Hampir: registry ✔, kontainer dari image itu ✔, halaman terbuka ✔, tetapi teks {text!r} tidak ada "
        "di halamannya. Isi halaman: {page!r}. Ubah index.html, lalu build, push, dan run lagi.",
        "Almost: registry ✔, a container of that image ✔, the page opens ✔, but the text {text!r} is not "
        "on it. The page holds: {page!r}. Change index.html, then build, push and run again.",
    ),
    "ex.08_1.ok": (
        "Siklus lengkap! {ref} ada di registry (ID image {image_id}), kontainer {name} menjalankan image "
        "itu, dan halamannya di {url} memuat teks Anda.",
        "The whole cycle! {ref} is in the registry (image ID {image_id}), container {name} runs that "
        "image, and its page at {url} holds your text.",
    ),
    "ex.08_1.hint": ("Urutannya: build -t NAMA → push NAMA → remove NAMA → run NAMA -d -p 8080.",
                     "The order: build -t NAME → push NAME → remove NAME → run NAME -d -p 8080."),
    "ex.08_2.ok": (
        "Benar: hanya {sent} layer yang dikirim; {skipped} layer lainnya sudah ada di registry (dari v1), "
        "jadi tidak diunggah lagi.",
        "Right: only {sent} layer was sent; the other {skipped} layers were already in the registry (from "
        "v1), so they were not uploaded again.",
    ),
    "ex.08_2.all": (
        "{value} adalah jumlah semua layer image v2. Registry sudah punya sebagian dari push v1: lihat "
        "kolom aksi di hasil push.",
        "{value} is the number of all the v2 image's layers. The registry already had some from the v1 "
        "push: look at the action column of the push result.",
    ),
    "ex.08_2.with_config": (
        "{value} menghitung config juga. Config memang dikirim ulang (isinya berubah), tetapi yang "
        "ditanyakan hanya layer.",
        "{value} counts the config too. The config is sent again (its content changed), but the "
        "question asks about layers only.",
    ),
    "ex.08_2.zero": (
        "0 berarti tidak ada yang berubah. Isi index.html berubah, jadi layer COPY index.html baru.",
        "0 would mean nothing changed. index.html changed, so the COPY index.html layer is new.",
    ),
    "ex.08_2.wrong": ("{value} belum tepat.", "{value} is not right."),
    "ex.08_2.hint": ("Layer yang sudah ada ditandai 'sudah ada' (skipped); yang baru 'dikirim' (sent).",
                     "Layers already there are marked skipped; new ones sent."),
    "ex.08_2.no_push": ("Argumen kedua harus hasil dockerlab.push(…) untuk v2.",
                        "The second argument must be the result of dockerlab.push(…) for v2."),
    "ex.08_3.ok": (
        "Benar: {answer} selalu berarti v1 (manifest {short}…), ke mana pun tag-nya dipindah.",
        "Right: {answer} always means v1 (manifest {short}…), wherever its tag is moved.",
    ),
    "ex.08_3.tag": (
        "{answer} memakai tag, dan tag bisa dipindah (seperti :latest tadi). Pakai @ dan digest manifest v1.",
        "{answer} uses a tag, and a tag can move (like :latest just now). Use @ and v1's manifest digest.",
    ),
    "ex.08_3.image_id": (
        "Digest itu ID image (digest config) v1. Nama@digest memakai digest manifest, yang dilaporkan push.",
        "That digest is v1's image ID (config digest). name@digest uses the manifest digest, which the push reported.",
    ),
    "ex.08_3.other": (
        "Digest itu bukan manifest v1 di registry (mungkin v2, atau digest lokal sebelum push).",
        "That digest is not v1's manifest in the registry (perhaps v2, or the local digest before the push).",
    ),
    "ex.08_3.no_name": (
        "Digest-nya benar ✔, tetapi referensi lengkap juga memuat nama registry dan repository di depan @, "
        "misalnya {example}.",
        "The digest is right ✔, but a full reference also has the registry and repository before the @, "
        "for example {example}.",
    ),
    "ex.08_3.other_name": (
        "Digest-nya benar ✔, tetapi nama sebelum @ ({given}) bukan repository v1 ({wanted}).",
        "The digest is right ✔, but the name before the @ ({given}) is not v1's repository ({wanted}).",
    ),
    "ex.08_3.hint": ("Bentuknya: REGISTRY/REPOSITORY@sha256:DIGEST; hasil_push_v1.pinned menuliskannya.",
                     "The form: REGISTRY/REPOSITORY@sha256:DIGEST; hasil_push_v1.pinned writes it."),
    "ex.08_3.no_push": ("Argumen kedua harus hasil dockerlab.push(…) untuk v1.",
                        "The second argument must be the result of dockerlab.push(…) for v1."),
})


def _address(registry: Any) -> str:
    not_template(registry)
    address = getattr(registry, "address", registry)
    if not isinstance(address, str) or ":" not in address:
        raise Explain(tr("ex.08_1.registry"))
    return address


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - loopback http only
        return answer.read(1 << 20).decode("utf-8", "replace")


@checker("08.1", "own_cycle(reg, nama_saya, kontainer_saya, 'teks di halaman Anda')")
def own_cycle(registry: Any, ref: Any, container: Any, text: Any) -> Result:
    """08.1: the registry has the learner's tag; a container of that image serves their text."""
    from ..errors import RegistryError
    from ..reference import Reference
    from ..registry import inspect_remote, list_tags

    address = _address(registry)
    not_template(ref)
    if not isinstance(ref, str):
        raise Explain(tr("ex.08_1.not_text"))
    wanted = as_text(text).strip()
    not_template(wanted)
    parsed = Reference.parse(ref)
    if parsed.domain != address:
        return wrong("08.1", "ex.08_1.other_registry", tr("ex.08_1.hint"), ref=ref, address=address)
    hint = tr("ex.08_1.hint")
    try:
        tags = list_tags(f"{address}/{parsed.path}")
    except RegistryError:  # the repository does not exist there (yet)
        tags = []
    tag = parsed.tag or "latest"
    if tag not in tags:
        return wrong("08.1", "ex.08_1.not_pushed", hint, tag=tag, repository=parsed.path,
                     tags=", ".join(tags) or "-")
    pushed = inspect_remote(ref)
    not_template(container)
    if not all(hasattr(container, a) for a in ("status", "ports", "url")):
        raise Explain(tr("ex.08_1.no_container"))
    if container.status != "running":
        return wrong("08.1", "ex.08_1.not_running", hint, ref=ref, name=container.name,
                     status=container.status_text())
    if not container.ports:
        return wrong("08.1", "ex.08_1.no_ports", hint, ref=ref, name=container.name)
    running = str(getattr(container, "image_id", ""))
    if running != str(pushed.id):
        return wrong("08.1", "ex.08_1.other_image", hint, ref=ref, name=container.name,
                     running=running.split(":")[-1][:12], pushed=pushed.id.short)
    url = container.url()
    try:
        page = _page(url)
    except OSError as exc:
        return wrong("08.1", "ex.08_1.unreachable", hint, name=container.name, url=url, error=exc)
    if wanted not in page:
        return wrong("08.1", "ex.08_1.no_text", hint, text=wanted, page=page.strip()[:120])
    return right("08.1", "ex.08_1.ok", ref=ref, image_id=pushed.id.short, name=container.name, url=url)


def _push(result: Any, key: str) -> Any:
    not_template(result)
    if not hasattr(result, "blobs") or not hasattr(result, "count"):
        raise Explain(tr(key))
    return result


@checker("08.2", "layers_sent(jawaban, hasil_push_v2)")
def layers_sent(answer: Any, push_result: Any) -> Result:
    """08.2: how many layers the v2 push really uploaded (the others were already there)."""
    value = as_int(answer)
    result = _push(push_result, "ex.08_2.no_push")
    layers = [b for b in result.blobs if b.kind == "layer"]
    sent = sum(1 for b in layers if b.action in ("sent", "mounted"))
    hint = tr("ex.08_2.hint")
    if value == sent:
        return right("08.2", "ex.08_2.ok", sent=sent, skipped=len(layers) - sent)
    if value == len(layers):
        return wrong("08.2", "ex.08_2.all", hint, value=value)
    configs_sent = sum(1 for b in result.blobs if b.kind == "config" and b.action == "sent")
    if value == sent + configs_sent:
        return wrong("08.2", "ex.08_2.with_config", hint, value=value)
    if value == 0:
        return wrong("08.2", "ex.08_2.zero", hint)
    return wrong("08.2", "ex.08_2.wrong", hint, value=value)


@checker("08.3", "pinned_v1('REGISTRY/my-app@sha256:...', hasil_push_v1)")
def pinned_v1(answer: Any, push_result: Any) -> Result:
    """08.3: the reference that keeps meaning v1: ``registry/repository@<v1 manifest digest>``."""
    from ..errors import DockerlabError
    from ..reference import Reference

    text = as_text(answer).strip().strip("'\"` ")
    not_template(text)
    result = _push(push_result, "ex.08_3.no_push")
    hint = tr("ex.08_3.hint")
    repository = Reference.parse(result.ref)
    wanted = f"{repository.domain}/{repository.path}"
    if "@" not in text:
        return wrong("08.3", "ex.08_3.tag", hint, answer=text)
    name, _, digest = text.rpartition("@")
    digits = digest.split(":")[-1].lower()
    if len(digits) != 64 or any(c not in "0123456789abcdef" for c in digits):
        from .answers import as_hex

        as_hex(digest)  # explains a digest that is too short or not hex
        return wrong("08.3", "ex.08_3.other", hint)
    if digits != str(result.digest).split(":")[-1]:
        if digits == str(result.image_id).split(":")[-1]:
            return wrong("08.3", "ex.08_3.image_id", hint)
        return wrong("08.3", "ex.08_3.other", hint)
    if not name:
        return wrong("08.3", "ex.08_3.no_name", hint, example=result.pinned)
    try:
        given = Reference.parse(name)
    except DockerlabError:
        return wrong("08.3", "ex.08_3.other_name", hint, given=name, wanted=wanted)
    if f"{given.domain}/{given.path}" != wanted:
        return wrong("08.3", "ex.08_3.other_name", hint, given=name, wanted=wanted)
    return right("08.3", "ex.08_3.ok", answer=text, short=str(result.digest).split(":")[-1][:12])
