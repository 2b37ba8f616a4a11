"""Checkers for 06-registry: the full name of an image, what a push keeps, the learner's own push."""

from __future__ import annotations

from typing import Any

from ..errors import DockerlabError, ImageNotFound, RegistryError
from ..i18n import tr
from .answers import as_text, judge_set, stepped_hints
from .result import Explain, Result, checker, right, wrong

_06_1_RIGHT = "docker.io/library/nginx:1.21"
_REGISTRY_1 = "registry-1.docker.io/"


@checker("06.1", "full_name('...')")
def full_name(answer: Any) -> Result:
    """06.1: ``nginx:1.21`` in full: ``docker.io/library/nginx:1.21``."""
    text = as_text(answer).strip().strip("\"'` ")
    hint = tr("ex.06_1.hint")
    if text.lower().startswith(("https://", "http://")):
        text = text.split("://", 1)[1]
    name, tag = _split_tag(text)
    if name != name.lower():
        # Docker takes `Docker.io` for another registry name and refuses upper case in a
        # repository: names are written in lower case (a tag may hold capitals).
        rest = full_name(name.lower() + tag)
        note = tr("ex.06_1.rest_ok") if rest.ok else rest.message
        return Result("06.1", False, " ".join([tr("ex.06_1.case", given=text), note]), (hint,))
    if text.startswith(_REGISTRY_1):
        # The server Docker talks to for docker.io, not the name: judge the rest under docker.io.
        rest = full_name("docker.io/" + text[len(_REGISTRY_1):])
        note = tr("ex.06_1.rest_ok") if rest.ok else rest.message
        return Result("06.1", False, " ".join([tr("ex.06_1.registry_1"), note]), (hint,))
    return _full_name(text, hint)


def _split_tag(text: str) -> tuple[str, str]:
    """``("docker.io/library/nginx", ":1.21")``: the tag (with its colon) apart, a port kept."""
    head, colon, tag = text.rpartition(":")
    if colon and "/" not in tag:
        return head, colon + tag
    return text, ""


def _full_name(text: str, hint: str) -> Result:
    from ..reference import DEFAULT_DOMAIN, Reference

    if text == "nginx:1.21":
        return wrong("06.1", "ex.06_1.same", hint)
    if text.startswith("index.docker.io/"):
        return wrong("06.1", "ex.06_1.index", hint)
    if text == _06_1_RIGHT:
        return right("06.1", "ex.06_1.ok")
    if text == "docker.io/nginx:1.21":
        return wrong("06.1", "ex.06_1.no_library", hint)
    if text == "library/nginx:1.21":
        return wrong("06.1", "ex.06_1.no_registry", hint)
    if text in ("docker.io/library/nginx", "docker.io/library/nginx:latest"):
        return wrong("06.1", "ex.06_1.no_tag", hint)
    try:
        ref = Reference.parse(text)
    except DockerlabError as exc:
        raise Explain(tr("ex.06_1.bad", given=text, error=exc), hint) from None
    if ref.domain != DEFAULT_DOMAIN:
        # Written in full already: saying what it means would only repeat it.
        return wrong("06.1", "ex.06_1.other_registry", hint, given=text, registry=ref.domain)
    return wrong("06.1", "ex.06_1.other", hint, given=text, full=ref.full)


_06_2_RIGHT = {"a", "d"}


@checker("06.2", "push_keeps('...')")
def push_keeps(answer: Any) -> Result:
    """06.2: which identities stay the same after a push (a: image ID, d: diff_ids)."""
    return judge_set("06.2", answer, _06_2_RIGHT, "abcde", none="none", hints=lambda chosen: [tr("ex.06_2.hint")])


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
    # The steps first; the exact calls only after repeated failures.
    hints = stepped_hints("06.3", tr("ex.06_3.idea"), tr("ex.06_3.hint"))
    try:
        local = engines.current().image(ref.familiar)
    except ImageNotFound:
        return wrong("06.3", "ex.06_3.no_local", *hints, name=ref.familiar)
    try:
        answer = registry.manifest(ref.path, tag)
    except RegistryError as exc:
        return wrong("06.3", "ex.06_3.unreachable", error=exc)
    manifest = answer.json() if answer.status == 200 else None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("config"), dict):
        return wrong("06.3", "ex.06_3.not_pushed", *hints, name=ref.familiar, tag=tag)
    remote_id = str(manifest["config"].get("digest", ""))
    if remote_id != str(local.id):
        return wrong("06.3", "ex.06_3.stale", *hints, repository=ref.path, tag=tag,
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
