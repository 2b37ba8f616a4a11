"""Checkers for 05-tag-dan-versi: what ``latest`` is, moving a tag, a pinned reference."""

from __future__ import annotations

from typing import Any

from ..errors import DockerlabError, ImageNotFound
from ..i18n import messages, tr
from .answers import as_choices, as_image, as_text
from .result import Explain, Result, checker, right, wrong

messages({
    # 05.1 — which statements about `latest` are true?
    "ex.05_1.choice.a": ("`latest` selalu menunjuk versi yang paling baru.",
                         "`latest` always points at the newest version."),
    "ex.05_1.choice.b": ("`latest` hanya sebuah nama tag: ia menunjuk image yang terakhir diberi tag itu.",
                         "`latest` is only a tag name: it points at the image last given that tag."),
    "ex.05_1.choice.c": ("Docker memindahkan `latest` sendiri setiap kali ada versi baru.",
                         "Docker moves `latest` by itself whenever there is a new version."),
    "ex.05_1.choice.d": ("Nama tanpa tag, misalnya `web`, berarti `web:latest`.",
                         "A name without a tag, such as `web`, means `web:latest`."),
    "ex.05_1.ok": (
        "Tepat: `latest` hanya nama bawaan (dipakai bila tag tidak ditulis), dan ia menunjuk image "
        "yang terakhir diberi nama itu — oleh build -t atau tag — bukan otomatis versi terbaru.",
        "Right: `latest` is only the default name (used when no tag is written), and it points at "
        "the image last given that name — by build -t or tag — not automatically the newest version.",
    ),
    "ex.05_1.partly": ("Sebagian benar: {good} dari 2 pernyataan yang benar sudah Anda pilih{bad}.",
                       "Partly right: you chose {good} of the 2 true statements{bad}."),
    "ex.05_1.and_wrong": (", tetapi juga {count} yang salah", ", but also {count} false ones"),
    "ex.05_1.wrong": ("Belum ada pernyataan benar yang Anda pilih.", "You chose none of the true statements."),
    "ex.05_1.why.a": (
        "(a) salah: di notebook ini `web:latest` masih menunjuk versi 1.21.6 walaupun sudah ada 1.22.0.",
        "(a) is false: in this notebook `web:latest` still points at 1.21.6 although 1.22.0 exists.",
    ),
    "ex.05_1.why.c": (
        "(c) salah: tidak ada yang memindahkan tag kecuali perintah build -t, tag, load, atau pull.",
        "(c) is false: nothing moves a tag except the commands build -t, tag, load or pull.",
    ),
    "ex.05_1.think": ("Lihat lagi tabel dockerlab.images() setelah versi 1.22.0 dibuat: ke mana `web:latest` menunjuk?",
                      "Look again at dockerlab.images() after 1.22.0 was made: where does `web:latest` point?"),
    "ex.05_1.one_more": ("Ada satu pernyataan benar lagi: apa arti nama tanpa tag?",
                         "There is one more true statement: what does a name without a tag mean?"),
    "ex.05_1.unknown": ("Pilihan {choices} tidak ada; pilih dari a, b, c, d.",
                        "There is no choice {choices}; choose from a, b, c, d."),
    # 05.2 — move web:latest to the new version, keep the exact versions where they are
    "ex.05_2.ok": (
        "Benar: `web:latest` sekarang menunjuk versi baru (ID {new}), dan `web:1.21.6` tetap di versi "
        "lama (ID {old}). Hanya nama yang pindah; kedua image tetap ada.",
        "Right: `web:latest` now points at the new version (ID {new}), and `web:1.21.6` stays on the "
        "old one (ID {old}). Only a name moved; both images are still there.",
    ),
    "ex.05_2.not_moved": (
        "`web:latest` masih menunjuk versi lama (ID {old}): belum ada yang memindahkannya. Beri tag "
        "`web:latest` pada versi baru.",
        "`web:latest` still points at the old version (ID {old}): nobody has moved it yet. Give the new "
        "version the tag `web:latest`.",
    ),
    "ex.05_2.other": (
        "`web:latest` menunjuk image lain (ID {got}), bukan versi baru (ID {new}).",
        "`web:latest` points at another image (ID {got}), not the new version (ID {new}).",
    ),
    "ex.05_2.missing": ("Tag `web:latest` tidak ada lagi (dihapus?). Buat lagi dengan dockerlab.tag.",
                        "The tag `web:latest` no longer exists (removed?). Make it again with dockerlab.tag."),
    "ex.05_2.exact_moved": (
        "`web:latest` sudah benar, tetapi `web:1.21.6` ikut pindah ke ID {got}. Tag versi lengkap "
        "seperti 1.21.6 seharusnya tidak pernah pindah: orang yang memakainya mengharapkan isi yang "
        "sama. Kembalikan dengan dockerlab.tag(v1, 'web:1.21.6').",
        "`web:latest` is right, but `web:1.21.6` moved too, to ID {got}. A full version tag such as "
        "1.21.6 should never move: whoever uses it expects the same content. Put it back with "
        "dockerlab.tag(v1, 'web:1.21.6').",
    ),
    "ex.05_2.hint": ("Perintahnya setara `docker tag web:1.22.0 web:latest`.",
                     "The command is like `docker tag web:1.22.0 web:latest`."),
    # 05.3 — a pinned reference to version 1.21.6
    "ex.05_3.ok": (
        "Tepat: {ref} selalu berarti image ini (digest manifest {short}…), ke mana pun tag-nya dipindah.",
        "Right: {ref} always means this image (manifest digest {short}…), wherever its tags are moved.",
    ),
    "ex.05_3.tag_only": (
        "{given} adalah nama dengan tag: tag bisa dipindah. Referensi terkunci memakai @ dan digest "
        "manifest: `nama@sha256:…`.",
        "{given} is a name with a tag: a tag can be moved. A pinned reference uses @ and the manifest "
        "digest: `name@sha256:…`.",
    ),
    "ex.05_3.no_name": (
        "Digest-nya benar, tetapi tulislah bersama nama repository-nya: web@{digest}.",
        "The digest is right, but write it with the repository name: web@{digest}.",
    ),
    "ex.05_3.image_id": (
        "Itu ID image (digest config), bukan digest manifest. `nama@sha256:…` memakai digest manifest "
        "— kolom DIGEST di dockerlab.images(digests=True).",
        "That is the image ID (config digest), not the manifest digest. `name@sha256:…` uses the "
        "manifest digest — the DIGEST column of dockerlab.images(digests=True).",
    ),
    "ex.05_3.other_image": (
        "Referensi itu menunjuk image lain (ID {got}), bukan versi 1.21.6 (ID {want}).",
        "That reference points at another image (ID {got}), not version 1.21.6 (ID {want}).",
    ),
    "ex.05_3.unknown": ("Tidak ada image dengan digest itu di mesin ini: {given}.",
                        "There is no image with that digest on this machine: {given}."),
    "ex.05_3.other_name": (
        "Digest-nya benar, tetapi nama repository-nya {name}, bukan web. Nama dan digest harus "
        "cocok: `web@sha256:…`.",
        "The digest is right, but the repository name is {name}, not web. Name and digest must "
        "match: `web@sha256:…`.",
    ),
    "ex.05_3.bad": ("{given} bukan referensi image yang sah: {error}", "{given} is not a valid image reference: {error}"),
    "ex.05_3.short": ("Digest dalam referensi terkunci harus lengkap: 'sha256:' dan 64 digit.",
                      "The digest in a pinned reference must be complete: 'sha256:' and 64 digits."),
    "ex.05_3.hint": ("Salin digest manifest versi 1.21.6 (dicetak di atas), lalu tulis web@ di depannya.",
                     "Copy the manifest digest of version 1.21.6 (printed above), then write web@ in front of it."),
})

_05_1_RIGHT = {"b", "d"}


@checker("05.1", "latest_is_a_name('bd')")
def latest_is_a_name(answer: Any) -> Result:
    """05.1: which statements about ``latest`` are true? (b and d)."""
    chosen = as_choices(answer)
    unknown = sorted(chosen - set("abcd"))
    if unknown:
        raise Explain(tr("ex.05_1.unknown", choices=", ".join(unknown)))
    if chosen == _05_1_RIGHT:
        return right("05.1", "ex.05_1.ok")
    good, bad = chosen & _05_1_RIGHT, sorted(chosen - _05_1_RIGHT)
    why = [tr(f"ex.05_1.why.{c}") for c in bad]
    hints = [tr("ex.05_1.think")] if "b" not in chosen else []
    if "d" not in chosen:
        hints.append(tr("ex.05_1.one_more"))
    if not good:
        return Result("05.1", False, " ".join([tr("ex.05_1.wrong"), *why]), tuple(hints or [tr("ex.05_1.think")]))
    tail = tr("ex.05_1.and_wrong", count=len(bad)) if bad else ""
    return Result("05.1", False, " ".join([tr("ex.05_1.partly", good=len(good), bad=tail), *why]), tuple(hints))


def _engine_image(ref: str) -> Any:
    from .. import engines

    try:
        return engines.current().image(ref)
    except ImageNotFound:
        return None


@checker("05.2", "latest_moved(v1, v2)")
def latest_moved(old: Any, new: Any) -> Result:
    """05.2: ``web:latest`` moved to the new version ``new``; ``web:1.21.6`` stayed on ``old``."""
    old, new = as_image(old), as_image(new)
    hint = tr("ex.05_2.hint")
    latest = _engine_image("web:latest")
    if latest is None:
        return wrong("05.2", "ex.05_2.missing", hint)
    if latest.id == old.id:
        return wrong("05.2", "ex.05_2.not_moved", hint, old=old.id.short)
    if latest.id != new.id:
        return wrong("05.2", "ex.05_2.other", hint, got=latest.id.short, new=new.id.short)
    exact = _engine_image("web:1.21.6")
    if exact is None or exact.id != old.id:
        return wrong("05.2", "ex.05_2.exact_moved", got=exact.id.short if exact is not None else "-")
    return right("05.2", "ex.05_2.ok", new=new.id.short, old=old.id.short)


@checker("05.3", "pinned_reference('web@sha256:...', v1)")
def pinned_reference(answer: Any, image: Any) -> Result:
    """05.3: ``web@<manifest digest of image>``, which the active engine resolves to ``image``."""
    from ..reference import Reference

    image = as_image(image)
    text = as_text(answer).strip().strip("\"'` ")
    hint = tr("ex.05_3.hint")
    digest = str(image.digest)
    if text == digest or text == digest.split(":")[1]:
        return wrong("05.3", "ex.05_3.no_name", digest=digest)
    try:
        ref = Reference.parse(text)
    except DockerlabError as exc:
        if "@" in text and len(text.rsplit("@", 1)[1].removeprefix("sha256:")) < 64:
            raise Explain(tr("ex.05_3.short"), hint) from None
        raise Explain(tr("ex.05_3.bad", given=text, error=exc), hint) from None
    if ref.digest is None:
        return wrong("05.3", "ex.05_3.tag_only", hint, given=text)
    if ref.digest == image.id:
        return wrong("05.3", "ex.05_3.image_id", hint)
    if ref.digest == image.digest and ref.repository != "web":
        return wrong("05.3", "ex.05_3.other_name", hint, name=ref.repository)
    found = _engine_image(ref.familiar)
    if found is None:
        return wrong("05.3", "ex.05_3.unknown", hint, given=text)
    if found.id != image.id:
        return wrong("05.3", "ex.05_3.other_image", hint, got=found.id.short, want=image.id.short)
    return right("05.3", "ex.05_3.ok", ref=ref.familiar, short=str(ref.digest.short))
