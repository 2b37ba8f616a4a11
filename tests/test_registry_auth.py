"""Authentication against real registries: htpasswd basic auth, and token auth with a token server.

Both registries are the real ``registry`` program, started here with its own configuration; the
token server is a loopback http.server issuing JWTs signed by a key whose certificate the
registry trusts (``auth.token.rootcertbundle``) — the same protocol Docker Hub uses.
"""

from __future__ import annotations

import pytest

from dockerlab.errors import RegistryError
from dockerlab.registry import RegistryClient, inspect_remote, list_tags, pull, push
from dockerlab.registry.auth import Challenge
from dockerlab.registry.server import RegistryServer
from registry_helpers import TokenServer, htpasswd_line, random_image

pytestmark = pytest.mark.registry


def test_challenge_parsing():
    c = Challenge.parse('Bearer realm="https://auth.example/token",service="reg",scope="repository:a/b:pull,push"')
    assert c.scheme == "bearer"
    assert c.params == {"realm": "https://auth.example/token", "service": "reg", "scope": "repository:a/b:pull,push"}
    assert Challenge.parse('Basic realm="dockerlab"').scheme == "basic"
    assert Challenge.parse(None) is None


@pytest.fixture(scope="module")
def basic_registry(tmp_path_factory, need_tool):
    need_tool("docker-registry")
    folder = tmp_path_factory.mktemp("basic-registry")
    (folder / "htpasswd").write_text(htpasswd_line("guru", "rahasia"))
    with RegistryServer(folder / "storage", htpasswd=folder / "htpasswd") as server:
        yield server


def test_basic_auth_push_and_pull(basic_registry, store, tmp_path):
    ref = f"{basic_registry.address}/kelas/halo:1"
    image = random_image(store, ref)
    with pytest.raises(RegistryError) as info:
        push(image, ref, progress=False)
    assert info.value.code == "UNAUTHORIZED"
    assert "login" in str(info.value)
    result = push(image, ref, auth=("guru", "rahasia"), progress=False)
    assert list_tags(f"{basic_registry.address}/kelas/halo", auth=("guru", "rahasia")) == ["1"]
    from dockerlab.store import Store

    pulled = pull(ref, store=Store(tmp_path / "other"), auth=("guru", "rahasia"), progress=False)
    assert pulled.digest == result.digest and pulled.id == image.id


def test_basic_auth_wrong_password(basic_registry):
    with pytest.raises(RegistryError) as info:
        list_tags(f"{basic_registry.address}/kelas/halo", auth=("guru", "salah"))
    assert info.value.code == "UNAUTHORIZED"


@pytest.fixture(scope="module")
def token_registry(tmp_path_factory, need_tool):
    need_tool("docker-registry")
    folder = tmp_path_factory.mktemp("token-registry")
    with TokenServer(folder, users={"guru": "rahasia"}) as tokens:
        with RegistryServer(folder / "storage", token=tokens.registry_config()) as server:
            yield server, tokens


def test_token_auth_push_needs_credentials_pull_is_anonymous(token_registry, store):
    server, tokens = token_registry
    ref = f"{server.address}/kelas/token:1"
    image = random_image(store, ref, seed=7)
    # Anonymous tokens carry pull only (as Docker Hub's): the registry refuses the upload.
    with pytest.raises(RegistryError) as info:
        push(image, ref, progress=False)
    assert info.value.code in ("UNAUTHORIZED", "DENIED")
    assert any(r["user"] is None for r in tokens.requests)

    tokens.requests.clear()
    result = push(image, ref, auth=("guru", "rahasia"), progress=False)
    asked = [s for r in tokens.requests for s in r["scopes"]]
    assert "repository:kelas/token:pull,push" in asked
    assert all(r["user"] == "guru" and r["service"] == [tokens.service] for r in tokens.requests)

    # Reading needs a token too, but an anonymous one is enough.
    tokens.requests.clear()
    remote = inspect_remote(ref)
    assert remote.digest == result.digest and remote.id == image.id
    assert tokens.requests and all(r["user"] is None for r in tokens.requests)


def test_token_server_refuses_bad_credentials(token_registry):
    server, _ = token_registry
    with pytest.raises(RegistryError) as info:
        RegistryClient(server.address, auth=("guru", "salah")).tags("kelas/token")
    assert info.value.code == "UNAUTHORIZED"
