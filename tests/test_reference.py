"""Docker's reference grammar and normalisation."""

from __future__ import annotations

import pytest

from dockerlab import set_language
from dockerlab.errors import InvalidReference
from dockerlab.reference import Reference

D = "sha256:" + "ab" * 32


@pytest.mark.parametrize("text, familiar, full", [
    ("halo", "halo:latest", "docker.io/library/halo:latest"),
    ("halo:1.0", "halo:1.0", "docker.io/library/halo:1.0"),
    ("library/halo:1.0", "halo:1.0", "docker.io/library/halo:1.0"),
    ("docker.io/library/halo", "halo:latest", "docker.io/library/halo:latest"),
    ("index.docker.io/halo", "halo:latest", "docker.io/library/halo:latest"),
    ("user/app", "user/app:latest", "docker.io/user/app:latest"),
    ("localhost/app", "localhost/app:latest", "localhost/app:latest"),
    ("localhost:5000/app:1", "localhost:5000/app:1", "localhost:5000/app:1"),
    ("127.0.0.1:5000/a/b/c:v2-x", "127.0.0.1:5000/a/b/c:v2-x", "127.0.0.1:5000/a/b/c:v2-x"),
    ("registry.example.com/team/app", "registry.example.com/team/app:latest",
     "registry.example.com/team/app:latest"),
    (f"halo@{D}", f"halo@{D}", f"docker.io/library/halo@{D}"),
    (f"halo:1.0@{D}", f"halo:1.0@{D}", f"docker.io/library/halo:1.0@{D}"),
    ("my_app.v2__x--y:_T.1-", "my_app.v2__x--y:_T.1-", "docker.io/library/my_app.v2__x--y:_T.1-"),
    ("[::1]:5000/app", "[::1]:5000/app:latest", "[::1]:5000/app:latest"),
])
def test_parse_normalises(text, familiar, full):
    ref = Reference.parse(text)
    assert ref.familiar == familiar
    assert ref.full == full == str(ref)
    assert Reference.parse(ref.full) == ref
    assert Reference.parse(ref.familiar) == ref


def test_parts():
    ref = Reference.parse(f"localhost:5000/team/app:1@{D}")
    assert (ref.domain, ref.path, ref.tag, ref.digest) == ("localhost:5000", "team/app", "1", D)
    assert ref.name == "localhost:5000/team/app" and ref.repository == ref.name
    assert Reference.parse("halo", default_tag=False).tag is None
    assert Reference.parse("halo").with_tag("2").familiar == "halo:2"
    assert Reference.parse("halo").with_digest(D).familiar == f"halo:latest@{D}"


@pytest.mark.parametrize("text, key, part", [
    ("", "ref.empty", None),
    ("Halo", "ref.uppercase", "Halo"),
    ("user/Halo", "ref.uppercase", "user/Halo"),
    ("halo:", "ref.bad_tag", "''"),
    ("halo:-x", "ref.bad_tag", "-x"),
    ("halo:" + "a" * 129, "ref.bad_tag", "a" * 129),
    ("halo@sha256:abc", "ref.bad_digest", "sha256:abc"),
    ("-halo", "ref.bad_component", "-halo"),
    ("user/halo_", "ref.bad_component", "halo_"),
    ("a//b", "ref.bad_component", "''"),
    ("bad_host.com:x/app", "ref.bad_domain", "bad_host.com:x"),
    ("ab" * 32, "ref.hex_name", "ab" * 32),
    ("a" * 256, "ref.too_long", "256"),
])
def test_errors_say_which_part(text, key, part):
    with pytest.raises(InvalidReference) as exc:
        Reference.parse(text)
    assert exc.value.key == key
    if part:
        assert part in str(exc.value)


@pytest.mark.parametrize("text, suggestion", [
    ("Halo", "'halo'"),
    ("user/Halo:1.0", "'user/halo:1.0'"),
    ("Localhost:5000/Team/App:v1", "'Localhost:5000/team/app:v1'"),  # the host part is not the name
])
def test_uppercase_hint_is_a_valid_name(text, suggestion):
    with pytest.raises(InvalidReference) as exc:
        Reference.parse(text)
    assert exc.value.key == "ref.uppercase" and f"Coba {suggestion}" in str(exc.value)
    Reference.parse(exc.value.params["lower"])  # the suggestion itself parses


@pytest.mark.parametrize("text", ["Bad Name", "My_App-", "A..b"])
def test_uppercase_hint_never_suggests_an_invalid_name(text):
    with pytest.raises(InvalidReference) as exc:
        Reference.parse(text)
    assert exc.value.key == "ref.uppercase_invalid"
    assert "Coba" not in str(exc.value) and "huruf kecil" in str(exc.value) and repr(text) in str(exc.value)


def test_error_language():
    with pytest.raises(InvalidReference) as exc:
        Reference.parse("halo:-x")
    assert "tidak sah" in str(exc.value)
    set_language("en")
    try:
        assert "is not valid" in str(exc.value)
    finally:
        set_language(None)
