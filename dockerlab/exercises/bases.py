"""Checkers for 07-base-dan-custom: layers shared by two images, an image rebuilt on an updated
base, what a multi-stage build's final image holds."""

from __future__ import annotations

from typing import Any

from ..i18n import tr
from .answers import as_image, as_int, judge_one
from .result import Explain, Result, checker, right, wrong

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


@checker("07.3", "multi_stage_final('...')")
def multi_stage_final(answer: Any) -> Result:
    """07.3: what the final image of a multi-stage build holds (b)."""
    return judge_one("07.3", answer, "b")
