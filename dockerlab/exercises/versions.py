"""Checkers for 05-tag-dan-versi: what ``latest`` is, moving a tag, a pinned reference."""

from __future__ import annotations

from typing import Any

from ..errors import DockerlabError, ImageNotFound
from ..i18n import tr
from .answers import as_image, as_text, judge_set, stepped_hints
from .result import Explain, Result, checker, right, wrong

_05_1_RIGHT = {"b", "d"}


@checker("05.1", "latest_is_a_name('...')")
def latest_is_a_name(answer: Any) -> Result:
    """05.1: which statements about ``latest`` are true? (b and d)."""
    return judge_set("05.1", answer, _05_1_RIGHT, "abcd", none="wrong", hints=_05_1_hints)


def _05_1_hints(chosen: set[str]) -> list[str]:
    # A wrong answer without b, the point of the lesson, is pointed at it (then one without any
    # right choice has a hint too); one without d is asked what d is about. How many are still
    # missing is the judge's to say (judge_set counts); a hint never counts.
    hints = [tr("ex.05_1.think")] if "b" not in chosen else []
    if "d" not in chosen:
        hints.append(tr("ex.05_1.no_tag"))
    return hints


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
    # The idea first; `docker tag web:1.22.0 web:latest` itself only after repeated failures.
    hints = stepped_hints("05.2", tr("ex.05_2.idea"), tr("ex.05_2.hint"))
    latest = _engine_image("web:latest")
    if (latest is None or latest.id != new.id) and _engine_image("latest:latest") is not None:
        # dockerlab.tag("web:1.22.0", "latest"): a target without a repository is a repository
        # named `latest` (tag latest), as with `docker tag`; web:latest did not move.
        return wrong("05.2", "ex.05_2.latest_repository", *hints)
    if latest is None:
        return wrong("05.2", "ex.05_2.missing", *hints)
    if latest.id == old.id:
        return wrong("05.2", "ex.05_2.not_moved", *hints, old=old.id.short)
    if latest.id != new.id:
        return wrong("05.2", "ex.05_2.other", *hints, got=latest.id.short, new=new.id.short)
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
