"""Checkers for 07-base-dan-custom: layers shared by two images, an image rebuilt on an updated
base, what a multi-stage build's final image holds."""

from __future__ import annotations

from typing import Any

from ..i18n import messages, tr
from .answers import as_choices, as_image, as_int
from .result import Explain, Result, checker, right, wrong

messages({
    "ex.07_1.ok": (
        "Benar: {count} layer dipakai bersama ({layers}): layer busybox dan layer basis. Di disk keduanya "
        "disimpan sekali saja.",
        "Right: {count} layers are shared ({layers}): the busybox layer and the basis layer. On disk they "
        "are stored once.",
    ),
    "ex.07_1.only_busybox": (
        "Setengah benar: layer busybox memang dipakai bersama, tetapi basis:latest menambah satu layer lagi "
        "(COPY versi.txt) yang juga ada di kedua image.",
        "Half right: the busybox layer is shared, but basis:latest adds one more layer (COPY versi.txt) "
        "that both images have too.",
    ),
    "ex.07_1.all": (
        "{value} adalah jumlah semua layer satu image. Layer terakhir setiap image (COPY app.sh / COPY "
        "alat.sh) berbeda isinya, jadi tidak dipakai bersama.",
        "{value} is the number of all layers of one image. Each image's last layer (COPY app.sh / COPY "
        "alat.sh) has different content, so it is not shared.",
    ),
    "ex.07_1.wrong": ("{value} belum tepat.", "{value} is not right."),
    "ex.07_1.hint": ("Lihat kolom 'dipakai bersama' di tabel, atau kotak biru di diagram.",
                     "Look at the 'shared' column of the table, or the blue boxes in the diagram."),
    "ex.07_1.same": ("Kedua argumen adalah image yang sama; berikan dua image yang berbeda.",
                     "Both arguments are the same image; pass two different images."),
    "ex.07_2.ok": (
        "Benar: {image} sekarang dibangun di atas {base} versi terbaru ({base_id}); semua {count} layer "
        "base-nya ada di bawah layer miliknya.",
        "Right: {image} is now built on the current {base} ({base_id}); all {count} of the base's layers "
        "are below its own.",
    ),
    "ex.07_2.old": (
        "{image} masih dibangun di atas versi lama {base}: layer busybox-nya sama, tetapi layer basis-nya "
        "dari sebelum pembaruan. Build ulang {image} (dockerlab.build(...)) supaya FROM mengambil base yang baru.",
        "{image} is still built on the old {base}: its busybox layer is the same, but its basis layer is "
        "from before the update. Rebuild {image} (dockerlab.build(...)) so that FROM takes the new base.",
    ),
    "ex.07_2.is_base": ("Itu base-nya sendiri, bukan image yang dibangun di atasnya. Berikan image alat:1.",
                        "That is the base itself, not an image built on it. Pass the image alat:1."),
    "ex.07_2.unrelated": ("{image} tidak dibangun di atas {base} sama sekali.",
                          "{image} is not built on {base} at all."),
    "ex.07_2.hint": ("Build ulang dengan build context contoh/alat dan tag alat:1.",
                     "Rebuild with the build context contoh/alat and the tag alat:1."),
    "ex.07_3.ok": (
        "Tepat: image akhir hanya berisi layer tahap terakhirnya: base image-nya (FROM tahap itu) dan berkas "
        "yang disalin dengan COPY --from. Alat build tahap pembangun tidak ikut.",
        "Right: the final image holds only its last stage's layers: its base image (that stage's FROM) "
        "and the files copied with COPY --from. The builder stage's tools do not come along.",
    ),
    "ex.07_3.one": ("Pilih satu jawaban saja (a, b, c, atau d).", "Choose exactly one answer (a, b, c or d)."),
    "ex.07_3.a": ("(a) Layer tahap pembangun tidak ikut: lihat jumlah layer multi-tahap:1 di tabel (2).",
                  "(a) The builder stage's layers do not come along: see multi-tahap:1's layer count in the table (2)."),
    "ex.07_3.c": ("(c) Hampir: yang disalin memang hanya programnya, tetapi base image tahap akhir (FROM "
                  "dockerlab.local/busybox) tetap menjadi layer pertamanya.",
                  "(c) Almost: only the program is copied, but the final stage's base image (FROM "
                  "dockerlab.local/busybox) is still its first layer."),
    "ex.07_3.d": ("(d) Program hasil build tidak butuh kompilernya saat berjalan; itulah sebabnya tahap akhir "
                  "tidak menyalinnya.",
                  "(d) The built program does not need its compiler to run; that is why the final stage does "
                  "not copy it."),
    "ex.07_3.wrong": ("Jawaban {given} belum tepat.", "Answer {given} is not right."),
})


def _diff_ids(image: Any) -> list[str]:
    return [str(d) for d in image.config.rootfs.diff_ids]


@checker("07.1", "shared_layers(jawaban, image_a, image_b)")
def shared_layers(answer: Any, image_a: Any, image_b: Any) -> Result:
    """07.1: how many layers two images built on the same base share."""
    value = as_int(answer)
    a, b = as_image(image_a), as_image(image_b)
    if a.id == b.id:
        raise Explain(tr("ex.07_1.same"))
    shared = 0
    for x, y in zip(_diff_ids(a), _diff_ids(b)):
        if x != y:
            break
        shared += 1
    hint = tr("ex.07_1.hint")
    if value == shared:
        return right("07.1", "ex.07_1.ok", count=shared, layers=", ".join(str(n) for n in range(shared)))
    if value == 1 and shared > 1:
        return wrong("07.1", "ex.07_1.only_busybox", hint)
    if value in (len(a.layers), len(b.layers)):
        return wrong("07.1", "ex.07_1.all", hint, value=value)
    return wrong("07.1", "ex.07_1.wrong", hint, value=value)


def _label(image: Any) -> str:
    ref = getattr(image, "ref", None)
    return ref.familiar if ref is not None else image.id.short


@checker("07.2", "rebuilt_on(dockerlab.image('alat:1'), dockerlab.image('basis:latest'))")
def rebuilt_on(image: Any, base: Any) -> Result:
    """07.2: the image is built on the base as it is now (all the base's layers below its own)."""
    built, current = as_image(image), as_image(base, "ex.what.image")
    ids, base_ids = _diff_ids(built), _diff_ids(current)
    hint = tr("ex.07_2.hint")
    if built.id == current.id:
        return wrong("07.2", "ex.07_2.is_base", hint)
    if ids[:len(base_ids)] == base_ids and len(ids) > len(base_ids):
        return right("07.2", "ex.07_2.ok", image=_label(built), base=_label(current), base_id=current.id.short,
                     count=len(base_ids))
    if ids[:1] == base_ids[:1]:
        return wrong("07.2", "ex.07_2.old", hint, image=_label(built), base=_label(current))
    return wrong("07.2", "ex.07_2.unrelated", hint, image=_label(built), base=_label(current))


@checker("07.3", "multi_stage_final('b')")
def multi_stage_final(answer: Any) -> Result:
    """07.3: what the final image of a multi-stage build holds (b)."""
    chosen = as_choices(answer)
    if len(chosen) != 1 or not chosen <= set("abcd"):
        raise Explain(tr("ex.07_3.one"))
    (choice,) = chosen
    if choice == "b":
        return right("07.3", "ex.07_3.ok")
    return wrong("07.3", "ex.07_3.wrong", tr(f"ex.07_3.{choice}"), given=choice)
