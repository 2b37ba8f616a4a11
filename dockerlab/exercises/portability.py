"""Checkers for 04-portabel: the same image after a trip, platforms in an index, exec format error."""

from __future__ import annotations

from typing import Any

from ..i18n import messages, tr
from .answers import as_choices, as_hex, as_image, as_index, is_image, names, not_template
from .result import Explain, Result, checker, right, wrong

messages({
    "ex.04_1.same_object": ("Kedua argumen adalah objek yang sama, jadi tentu sama. Berikan image hasil "
                            "load sebagai argumen kedua, yaitu dimuat[0].",
                            "Both arguments are the same object, so of course they match. Pass the "
                            "loaded image as the second argument: dimuat[0]."),
    "ex.04_1.loaded_list": (
        "Argumen kedua adalah daftar image ({count} image), bukan satu image: dockerlab.load "
        "mengembalikan daftar image; pakai dimuat[0].",
        "The second argument is a list of images ({count} images), not one image: dockerlab.load "
        "returns a list of images; use dimuat[0].",
    ),
    "ex.04_1.ok": (
        "Image yang sama, byte demi byte: ID {id} dan {layers} layer dengan diff_id yang sama.",
        "The same image, byte for byte: ID {id} and {layers} layers with the same diff_ids.",
    ),
    "ex.04_1.different": (
        "ID berbeda: {a} dan {b}. Image hasil load harus berasal dari berkas tar yang disimpan dari image pertama.",
        "The IDs differ: {a} and {b}. The loaded image must come from the tar saved from the first image.",
    ),
    "ex.04_1.layers": ("Layer yang sama: {same} dari {total}.", "Layers in common: {same} of {total}."),
    "ex.04_1.hint": ("Urutannya: save ke berkas tar → load dari berkas itu → bandingkan ID.",
                     "The order: save to a tar file → load from that file → compare IDs."),
    "ex.04_2.ok": ("Perangkat {platform} memakai manifest yang Anda tulis (sha256:{short}…).",
                   "A {platform} machine uses the manifest you wrote (sha256:{short}…)."),
    "ex.04_2.index": ("Itu digest index-nya sendiri (satu nama untuk semua platform), bukan manifest {platform}.",
                      "That is the index's own digest (one name for every platform), not the {platform} manifest."),
    "ex.04_2.other_platform": ("Itu manifest untuk {other}, bukan {platform}.",
                               "That is the manifest for {other}, not {platform}."),
    "ex.04_2.config": (
        "Itu ID image (digest config) untuk {other}. Yang diminta digest manifest yang tercantum di index.",
        "That is the image ID (config digest) for {other}. The exercise asks for the manifest digest listed in the index.",
    ),
    "ex.04_2.none": ("Digest {value} tidak ada di index ini.", "Digest {value} is not in this index."),
    "ex.04_2.hint": ("Lihat daftar manifest index: setiap baris punya platform dan digest.",
                     "Look at the index's manifest list: every row has a platform and a digest."),
    "ex.04_2.no_platform": ("Index ini tidak punya manifest untuk {platform}.",
                            "This index has no manifest for {platform}."),
    "ex.04_3.ok": (
        "Tepat: program di image dibuat untuk arsitektur CPU lain. Kernel tidak bisa menjalankannya "
        "tanpa emulator (misalnya QEMU). Solusinya: pakai image untuk platform mesin ini, atau "
        "index multi-arsitektur.",
        "Right: the image's program was built for another CPU architecture. The kernel cannot run "
        "it without an emulator (such as QEMU). The fix: use an image for this machine's platform, "
        "or a multi-arch index.",
    ),
    "ex.04_3.one": ("Pilih satu jawaban saja (a, b, c, atau d).", "Choose exactly one answer (a, b, c or d)."),
    "ex.04_3.a": ("(a) Berkas yang rusak ketahuan saat verifikasi karena digest-nya tidak cocok (notebook 03), bukan lewat exec format error.",
                  "(a) A damaged file is caught at verification because its digest does not match (notebook 03), not by exec format error."),
    "ex.04_3.c": ("(c) Izin yang kurang memberi 'permission denied', bukan exec format error.",
                  "(c) Missing permissions give 'permission denied', not exec format error."),
    "ex.04_3.d": ("(d) Tag hanya nama; tag yang salah memberi 'image not found'.",
                  "(d) A tag is only a name; a wrong tag gives 'image not found'."),
    "ex.04_3.wrong": ("Jawaban {given} belum tepat.", "Answer {given} is not right."),
})


@checker("04.1", "same_image(image_asal, image_hasil_load)")
def same_image(original: Any, loaded: Any) -> Result:
    """04.1: the image read back from a tar (or another engine) is the same image."""
    not_template(original)
    not_template(loaded)
    if isinstance(loaded, (list, tuple)) and loaded and all(is_image(item) for item in loaded):
        raise Explain(tr("ex.04_1.loaded_list", count=len(loaded)), tr("ex.04_1.hint"))
    a, b = as_image(original), as_image(loaded)
    if original is loaded:
        return wrong("04.1", "ex.04_1.same_object", tr("ex.04_1.hint"))
    a_ids, b_ids = list(a.config.rootfs.diff_ids), list(b.config.rootfs.diff_ids)
    if a.id == b.id:
        return right("04.1", "ex.04_1.ok", id=a.id.short, layers=len(a_ids))
    same = sum(1 for x, y in zip(a_ids, b_ids) if x == y)
    return wrong("04.1", "ex.04_1.different", tr("ex.04_1.layers", same=same, total=max(len(a_ids), len(b_ids))),
                 tr("ex.04_1.hint"), a=a.id.short, b=b.id.short)


@checker("04.2", "platform_digest(jawaban, index)")
def platform_digest(answer: Any, index: Any, platform: str = "linux/arm64") -> Result:
    """04.2: the manifest digest an index lists for ``platform``."""
    value = as_hex(answer)
    index = as_index(index)
    wanted = str(platform)
    target = next((d for d in index.manifests if d.platform is not None and str(d.platform) == wanted), None)
    if target is None:
        raise Explain(tr("ex.04_2.no_platform", platform=wanted))
    hint = tr("ex.04_2.hint")
    if names(value, target.digest):
        return right("04.2", "ex.04_2.ok", platform=wanted, short=target.digest.short)
    if names(value, index.digest):
        return wrong("04.2", "ex.04_2.index", hint, platform=wanted)
    for desc in index.manifests:
        if names(value, desc.digest):
            return wrong("04.2", "ex.04_2.other_platform", hint, other=desc.platform, platform=wanted)
    for image in index.images():
        if names(value, image.id):
            return wrong("04.2", "ex.04_2.config", hint, other=image.platform)
    return wrong("04.2", "ex.04_2.none", hint, value=answer)


@checker("04.3", "exec_format_error('b')")
def exec_format_error(answer: Any) -> Result:
    """04.3: why does ``exec format error`` happen? (b: the binary is for another architecture)."""
    chosen = as_choices(answer)
    if len(chosen) != 1 or not chosen <= set("abcd"):
        raise Explain(tr("ex.04_3.one"))
    (choice,) = chosen
    if choice == "b":
        return right("04.3", "ex.04_3.ok")
    return wrong("04.3", "ex.04_3.wrong", tr(f"ex.04_3.{choice}"), given=choice)
