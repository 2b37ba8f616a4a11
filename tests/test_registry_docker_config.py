"""Stored credentials as Docker's client keeps them in ``$DOCKER_CONFIG/config.json``: ``auths``,
``credsStore`` and ``credHelpers``, read through the docker SDK's auth module (issue 17).

The registries are the real ``registry`` program (htpasswd basic auth; token auth with a token
server); the credential helper is the real ``docker-credential-pass`` (Debian's
golang-docker-credential-helpers) over a real ``pass`` store with a throwaway gpg key.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess

import pytest

from dockerlab.errors import RegistryError
from dockerlab.registry import list_tags, push
from dockerlab.registry.auth import Credentials, docker_config_credentials
from dockerlab.registry.server import RegistryServer
from registry_helpers import TokenServer, htpasswd_line, random_image

pytestmark = pytest.mark.registry


@pytest.fixture(scope="module")
def basic_registry(tmp_path_factory, need_tool):
    need_tool("docker-registry")
    folder = tmp_path_factory.mktemp("basic-registry")
    (folder / "htpasswd").write_text(htpasswd_line("guru", "rahasia"))
    with RegistryServer(folder / "storage", htpasswd=folder / "htpasswd") as server:
        yield server


@pytest.fixture
def docker_config(tmp_path, monkeypatch):
    """An empty Docker client configuration folder; returns a writer of its config.json."""
    folder = tmp_path / "docker-config"
    folder.mkdir()
    monkeypatch.setenv("DOCKER_CONFIG", str(folder))

    def write(data: dict) -> None:
        (folder / "config.json").write_text(json.dumps(data))
    return write


@pytest.fixture
def pass_helper(tmp_path, monkeypatch, need_tool):
    """``docker-credential-pass`` over a fresh ``pass`` store; returns ``store(server, user, secret)``."""
    need_tool("docker-credential-pass")
    need_tool("pass")
    need_tool("gpg")
    gnupg = tmp_path / "gnupg"
    gnupg.mkdir(mode=0o700)
    monkeypatch.setenv("GNUPGHOME", str(gnupg))
    monkeypatch.setenv("PASSWORD_STORE_DIR", str(tmp_path / "password-store"))
    uid = "dockerlab test <test@dockerlab.invalid>"
    subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-generate-key", uid, "default", "default",
                    "never"], check=True, capture_output=True)
    subprocess.run(["pass", "init", "test@dockerlab.invalid"], check=True, capture_output=True)

    def store(server: str, user: str, secret: str) -> None:
        subprocess.run(["docker-credential-pass", "store"], check=True, capture_output=True,
                       input=json.dumps({"ServerURL": server, "Username": user, "Secret": secret}).encode())
    yield store
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], capture_output=True)


def _auth(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def test_auths_entry_is_used_for_basic_auth(basic_registry, docker_config, store):
    ref = f"{basic_registry.address}/kelas/conf:1"
    image = random_image(store, ref, seed=21)
    docker_config({"auths": {}})
    with pytest.raises(RegistryError) as info:
        push(image, ref, progress=False)
    assert info.value.code == "UNAUTHORIZED"
    # docker login writes the key as the registry's host:port, sometimes with a scheme (older clients)
    docker_config({"auths": {f"http://{basic_registry.address}": {"auth": _auth("guru", "rahasia")}}})
    result = push(image, ref, progress=False)
    assert list_tags(f"{basic_registry.address}/kelas/conf") == ["1"] and result.digest


def test_creds_store_helper_gives_the_credentials(basic_registry, docker_config, pass_helper, store):
    ref = f"{basic_registry.address}/kelas/helper:1"
    image = random_image(store, ref, seed=22)
    pass_helper(basic_registry.address, "guru", "rahasia")
    # what Docker Desktop writes: a helper for every registry, the auths entry only a marker
    docker_config({"auths": {basic_registry.address: {}}, "credsStore": "pass"})
    assert docker_config_credentials(basic_registry.address) == Credentials("guru", "rahasia")
    push(image, ref, progress=False)
    assert list_tags(f"{basic_registry.address}/kelas/helper") == ["1"]


def test_cred_helpers_win_over_creds_store_for_their_registry(basic_registry, docker_config, pass_helper, store):
    pass_helper(basic_registry.address, "guru", "rahasia")
    docker_config({"credsStore": "tidak-terpasang", "credHelpers": {basic_registry.address: "pass"},
                   "auths": {basic_registry.address: {"auth": _auth("guru", "salah")}}})
    assert docker_config_credentials(basic_registry.address) == Credentials("guru", "rahasia")
    ref = f"{basic_registry.address}/kelas/perhelper:1"
    push(random_image(store, ref, seed=23), ref, progress=False)


def test_a_missing_helper_is_explained_and_only_when_asked(basic_registry, registry_url, docker_config, store):
    docker_config({"credsStore": "tidak-terpasang"})
    # a registry that wants no credentials never runs the helper (the docker CLI would fail here)
    ref = f"{registry_url}/kelas/anonim:1"
    push(random_image(store, ref, seed=24), ref, progress=False)
    with pytest.raises(RegistryError) as info:
        list_tags(f"{basic_registry.address}/kelas/halo")
    text = str(info.value)
    assert "'tidak-terpasang'" in text and "docker-credential-tidak-terpasang" in text
    assert os.environ["DOCKER_CONFIG"] in text and f"docker login {basic_registry.address}" in text


def test_a_broken_auths_entry_names_the_file(docker_config):
    docker_config({"auths": {"127.0.0.1:5000": "bukan-objek"}})
    with pytest.raises(RegistryError) as info:
        docker_config_credentials("127.0.0.1:5000")
    assert "config.json" in str(info.value) and "tidak bisa dibaca" in str(info.value)


def test_docker_hub_names_share_one_entry(docker_config):
    docker_config({"auths": {"https://index.docker.io/v1/": {"auth": _auth("murid", "kunci")}}})
    for name in ("docker.io", "index.docker.io", "registry-1.docker.io"):
        assert docker_config_credentials(name) == Credentials("murid", "kunci")
    assert docker_config_credentials("127.0.0.1:5000") is None


def test_identity_token_is_exchanged_with_the_token_server(tmp_path, need_tool, docker_config, store):
    need_tool("docker-registry")
    with TokenServer(tmp_path, refresh_tokens={"segar-123": "guru"}) as tokens:
        with RegistryServer(tmp_path / "storage", token=tokens.registry_config()) as server:
            docker_config({"auths": {server.address: {"identitytoken": "segar-123"}}})
            ref = f"{server.address}/kelas/oauth:1"
            push(random_image(store, ref, seed=25), ref, progress=False)
            grants = [r for r in tokens.requests if r.get("grant") == "refresh_token"]
            assert grants and all(r["user"] == "guru" for r in grants)
            assert any("repository:kelas/oauth:pull,push" in r["scopes"] for r in grants)
