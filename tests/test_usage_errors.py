"""A wrong option value a learner can type is refused with an Indonesian UsageError (still a ValueError)."""

from __future__ import annotations

import re

import pytest

import dockerlab
from dockerlab import engines
from dockerlab.errors import DockerlabError, EngineUnavailable, UsageError
from dockerlab.registry.push import push

ENGLISH = re.compile(r"\b(must|not|one of|no socket|unknown)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def fresh_state():
    dockerlab.set_language(None)
    engines.reset()
    yield
    dockerlab.set_language(None)
    engines.reset()


def _check(exc: BaseException, *words: str) -> None:
    assert isinstance(exc, UsageError) and isinstance(exc, ValueError) and isinstance(exc, DockerlabError)
    text = str(exc)
    assert not ENGLISH.search(text), text
    for word in words:
        assert word in text, text


def test_set_language_unknown():
    with pytest.raises(UsageError) as exc:
        dockerlab.set_language("fr")
    _check(exc.value, "'fr'", "tidak dikenal", "set_language")


def test_push_unknown_compression():
    with pytest.raises(ValueError) as exc:
        push(None, "127.0.0.1:1/x:1", compression="zstd")  # type: ignore[arg-type]
    _check(exc.value, "'zstd'", "compression='gzip'", "compression=None")


def test_use_engine_unknown():
    with pytest.raises(ValueError) as exc:
        engines.use("lxd")
    _check(exc.value, "'lxd'", "use_engine", "tidak dikenal")


def test_engine_env_unknown(monkeypatch):
    monkeypatch.setenv("DOCKERLAB_ENGINE", "foo")
    with pytest.raises(ValueError) as exc:
        engines.current()
    _check(exc.value, "'foo'", "DOCKERLAB_ENGINE")


def test_missing_docker_socket_is_explained_in_indonesian(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/docker.sock")
    with pytest.raises(EngineUnavailable) as exc:
        engines.ping_docker()
    text = str(exc.value)
    assert "socket-nya tidak ada" in text and "no socket" not in text
    dockerlab.set_language("en")
    assert "does not exist" in str(exc.value) and "tidak ada" not in str(exc.value)
