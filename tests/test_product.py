"""The learner's command line, named in one place (``dockerlab.product``): ``docker`` on the Docker
Engine, the embedded engine and a store, ``podman`` on Podman, and every equivalent command the
course shows spelled with it. The real engines' side: ``test_podman_engine.py``,
``test_docker_engine.py``."""

from __future__ import annotations

import pytest

import dockerlab.inspection as di
from dockerlab import course, engines, product
from dockerlab.builder.result import BuildResult
from dockerlab.engines.docker import DOCKER, PODMAN
from dockerlab.engines.local import LocalEngine
from dockerlab.inspection.imagelist import ImageList
from dockerlab.language import set_language
from dockerlab.reference import Reference

from conftest_inspect import DIR, make_image


@pytest.fixture()
def image(tmp_path):
    return make_image(tmp_path, [[("app", DIR)]], ["ADD rootfs / # buildkit"], ref="app:1")


@pytest.mark.parametrize("name, expected", [
    ("podman", "podman"), ("docker", "docker"), ("local", "docker"), ("store", "docker"), (None, "docker"),
])
def test_the_program_of_each_product(name, expected):
    assert product.program(name) == expected


def test_the_profiles_and_the_engines_name_their_program(store, monkeypatch):
    assert (DOCKER.command, PODMAN.command) == ("docker", "podman")
    assert engines.command_name(LocalEngine(store)) == "docker"  # the course teaches Docker's commands
    assert engines.command_name(store) == "docker"
    monkeypatch.setattr(engines, "_current", None)
    assert engines.command_name() == "docker"  # nothing selected to answer this
    monkeypatch.setattr(engines, "_current", LocalEngine(store))
    assert engines.command_name() == "docker" and course.docker("images").text == "docker images"


def test_the_label_names_the_program_in_both_languages():
    assert product.equivalent() == "Perintah Docker yang setara"
    assert product.equivalent("podman") == "Perintah Podman yang setara"
    assert product.equivalent_command("podman images", "podman") == "Perintah Podman yang setara: podman images"
    set_language("en")
    assert product.equivalent("podman") == "The equivalent Podman command"
    assert product.equivalent("docker") == "The equivalent Docker command"


def test_every_view_spells_its_command_with_the_program_given(image):
    views = {
        "history app:1": di.history(image, program="podman"),
        "image inspect --format '{{json .RootFS.Layers}}' app:1": di.layers(image, program="podman"),
        "image inspect app:1": di.inspect(image, program="podman"),
        "images --digests": ImageList([image.with_ref(Reference.parse("app:1"))], digests=True, program="podman"),
        "build -t app:1 .": BuildResult(image, (), ("app:1",), program="podman"),
    }
    for command, view in views.items():
        assert view.docker_command == f"podman {command}"
        html = view._repr_html_()
        assert "Perintah Podman yang setara" in html and f"<code>podman {command}</code>".replace("'", "&#x27;") in html
        assert "<code>docker" not in html and "Perintah Docker" not in html
    for view in (views["history app:1"], views["image inspect app:1"]):
        assert str(view).endswith(f"Perintah Podman yang setara: {view.docker_command}")
    # The default stays Docker's, word for word.
    assert di.history(image).docker_command == "docker history app:1"
    assert str(di.layers(image)).endswith("Perintah Docker yang setara: docker image inspect --format "
                                          "'{{json .RootFS.Layers}}' app:1")


def test_a_podman_index_is_inspected_with_podmans_manifest_command(tmp_path):
    from dockerlab.platforms import assemble_index
    from dockerlab.store import Store

    store = Store(tmp_path / "store")
    one = make_image(tmp_path / "one", [[("a", DIR)]], ["ADD a /"])
    store.write(one)
    index = assemble_index(store, [store.image(one.id)], "multi:1")
    assert di.inspect(index, program="podman").docker_command == "podman manifest inspect multi:1"
    assert di.inspect(index).docker_command == "docker buildx imagetools inspect --raw multi:1"


def test_the_course_command_names_its_program():
    shown = course.commands.DockerCommand(("build", "-t", "a:1", "."), "podman")
    assert str(shown) == "$ podman build -t a:1 ."
    assert "Perintah Podman yang setara" in shown._repr_html_() and "Docker" not in shown._repr_html_()


def test_where_names_the_engine_that_publishes(monkeypatch):
    from types import SimpleNamespace

    from dockerlab.course.serving import where

    container = SimpleNamespace(ports={8080: 32768})
    for profile, title in ((DOCKER, "Docker Engine"), (PODMAN, "Podman")):
        monkeypatch.setattr(engines, "_current", SimpleNamespace(name="docker", profile=profile))
        assert where(container) == (f"{title}: kontainer punya jaringan sendiri; port 8080-nya diteruskan "
                                    "(publish, `-p`) ke 127.0.0.1:32768 di komputer ini.")
