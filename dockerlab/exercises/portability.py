"""Checkers for 04-portabel: the same image after a trip, platforms in an index, exec format error."""

from __future__ import annotations

from typing import Any

from ..i18n import tr
from .answers import as_hex, as_image, as_index, is_image, judge_one, names, not_template
from .result import Explain, Result, checker, right, wrong


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


@checker("04.3", "exec_format_error('...')")
def exec_format_error(answer: Any) -> Result:
    """04.3: why does ``exec format error`` happen? (b: the binary is for another architecture)."""
    return judge_one("04.3", answer, "b")
