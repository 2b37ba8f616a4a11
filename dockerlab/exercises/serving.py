"""Checkers for 08-build-push-run: the learner's own cycle, the layers a v2 push sends, a pinned v1.

08.1 checks the cycle for real: the course registry holds the learner's tag, a container of that
very image runs, and its page — fetched over HTTP — holds the learner's text.
"""

from __future__ import annotations

import re
import urllib.request
from datetime import datetime
from typing import Any

from ..i18n import tr
from .answers import as_int, as_text, not_template
from .result import Explain, Result, checker, right, wrong

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
    skipped = _skipped_pull(parsed, pushed, container)
    if skipped is not None:
        key, params = skipped
        return wrong("08.1", key, hint, ref=ref, name=container.name, **params)
    url = container.url()
    try:
        page = _page(url)
    except OSError as exc:
        return wrong("08.1", "ex.08_1.unreachable", hint, name=container.name, url=url, error=exc)
    if wanted not in page:
        return wrong("08.1", "ex.08_1.no_text", hint, text=wanted, page=page.strip()[:120])
    return right("08.1", "ex.08_1.ok", ref=ref, image_id=pushed.id.short, name=container.name, url=url)


_CREATED = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$")
CLOCK_SLACK = 2.0  # seconds: the tag log uses this computer's clock, a container's time its engine's
# (a Docker Desktop VM or a remote DOCKER_HOST may drift); a run before the push is minutes earlier


def _created_at(container: Any) -> float | None:
    """When the container was created, in seconds since the epoch (``None`` when unreadable):
    the embedded engine writes microseconds, a Docker Engine nanoseconds (RFC 3339 both)."""
    match = _CREATED.match(str(getattr(container, "created", "") or "").strip())
    if match is None:
        return None
    zone = match[3] if match[3] and match[3] != "Z" else "+00:00"
    try:
        moment = datetime.fromisoformat(match[1] + zone)
    except ValueError:
        return None
    return moment.timestamp() + float("0." + (match[2] or "0")[:9])


def _skipped_pull(ref: Any, pushed: Any, container: Any) -> tuple[str, dict[str, str]] | None:
    """Langkah 3 of the cycle: the local image removed, then run from the registry, so the
    container's image came in by pull. The engine's tag history (the embedded engine's store, or
    the log dockerlab keeps beside a Docker Engine) tells: an event ``pull`` setting the tag to
    the pushed image, and the container created after it. ``None`` when that holds, or when the
    history says nothing at all of the tag (an engine worked by hand: nothing to judge by)."""
    from .. import engines

    try:
        history = engines.current().tag_history(ref.familiar)
    except Exception:  # noqa: BLE001 - an engine without a readable history: judge the rest
        return None
    if not history:
        return None

    def came_by_pull(event: Any) -> bool:
        return event.command == "pull" and (event.new_id == pushed.id or (
            event.new_digest is not None and event.new_digest == pushed.digest))

    pulls = [e for e in history if came_by_pull(e)]
    if not pulls:
        return "ex.08_1.not_pulled", {}
    created = _created_at(container)
    if created is not None and all(created + CLOCK_SLACK < pull.time for pull in pulls):  # none before it
        return "ex.08_1.run_before_pull", {}
    return None


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
        # A tag reference only when it is one: a tag written out, or v1's repository (whose tag,
        # left out, is latest); anything else ("x") is no reference to v1 at all.
        try:
            given = Reference.parse(text)
        except DockerlabError:
            given = None
        tagged = given is not None and ":" in text.rsplit("/", 1)[-1]
        if given is not None and (tagged or f"{given.domain}/{given.path}" == wanted):
            return wrong("08.3", "ex.08_3.tag", hint, answer=text)
        return wrong("08.3", "ex.08_3.not_a_reference", hint, answer=text, wanted=wanted)
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
