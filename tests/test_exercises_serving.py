"""Checkers of 08-build-push-run, against a real registry and real serving containers: right,
wrong and half-right answers, each with its Indonesian feedback."""

from __future__ import annotations

import pytest

import dockerlab.container as ct
from dockerlab import builder, exercises as ex, registry
from dockerlab.model import Digest
from dockerlab.registry.result import BlobTransfer, PushResult
from test_serving import DOCKERFILE, web  # noqa: F401 - the fixture

pytestmark = [pytest.mark.executor, pytest.mark.registry]


class Reg:
    """What ``course.registry()`` gives a cell: an address and names under it."""

    def __init__(self, address: str) -> None:
        self.address = address

    def name(self, repository: str) -> str:
        return f"{self.address}/{repository}"


@pytest.fixture(autouse=True)
def _stop():
    yield
    ct.stop_started()


@pytest.fixture(autouse=True)
def _engine_on_the_store(store, monkeypatch):
    """The active engine (whose tag history 08.1 reads) is the embedded one on this test's store."""
    from dockerlab import engines

    monkeypatch.setenv("DOCKERLAB_HOME", str(store.root))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    engines.reset()
    yield
    engines.reset()


def from_registry(store, ref: str) -> None:
    """Langkah 3: the local image removed, then pulled back from the registry."""
    store.remove(ref)
    registry.pull(ref, store=store, progress=False)


@pytest.fixture
def cycle(store, web, registry_url, request):  # noqa: F811 - web is the fixture
    """``my-app:<test>`` with the page ``Halo dari Budi`` pushed to the registry."""
    (web / "index.html").write_text("<h1>Halo dari Budi</h1>\n")
    ref = f"{registry_url}/latihan/{request.node.name.lower()[:40].strip('_')}:saya"
    builder.build(store, web, ref, progress=False)
    registry.push(store.resolve(ref), ref, progress=False)
    return ref


def test_08_1_the_whole_cycle_is_right(store, cycle, registry_url):
    store.remove(cycle)
    registry.pull(cycle, store=store, progress=False)
    served = ct.run(store, cycle, detach=True, ports=8080)
    result = ex.own_cycle(Reg(registry_url), cycle, served, "Halo dari Budi")
    assert result.ok and "Siklus lengkap" in result.message, result


def test_08_1_text_not_on_the_page_is_almost(store, cycle, registry_url):
    from_registry(store, cycle)
    served = ct.run(store, cycle, detach=True, ports=8080)
    result = ex.own_cycle(Reg(registry_url), cycle, served, "Halo dari Siti")
    assert not result.ok and result.message.startswith("Hampir: registry ✔")
    assert "Halo dari Budi" in result.message  # what the page holds, so the learner sees why


def test_08_1_a_tag_never_pushed(store, web, registry_url):  # noqa: F811
    ref = f"{registry_url}/latihan/belum:saya"
    builder.build(store, web, ref, progress=False)
    served = ct.run(store, ref, detach=True, ports=8080)
    result = ex.own_cycle(Reg(registry_url), ref, served, "Halo")
    assert not result.ok and "Registry belum punya tag 'saya'" in result.message and "push" in result.message


def test_08_1_a_stopped_container_and_one_without_ports(store, cycle, registry_url):
    served = ct.run(store, cycle, detach=True, ports=8080)
    served.stop()
    stopped = ex.own_cycle(Reg(registry_url), cycle, served, "Halo dari Budi")
    assert not stopped.ok and "ada di registry ✔" in stopped.message and "tidak berjalan" in stopped.message
    portless = ct.run(store, cycle, detach=True)
    result = ex.own_cycle(Reg(registry_url), cycle, portless, "Halo dari Budi")
    assert not result.ok and "tanpa port" in result.message


def test_08_1_a_container_of_another_image(store, cycle, registry_url, web):  # noqa: F811
    (web / "index.html").write_text("<h1>Halo dari Budi, versi lokal</h1>\n")
    builder.build(store, web, "lain:1", progress=False)
    served = ct.run(store, "lain:1", detach=True, ports=8080)
    result = ex.own_cycle(Reg(registry_url), cycle, served, "Halo dari Budi")
    assert not result.ok and "menjalankan image lain" in result.message


def test_08_1_a_skipped_step_is_named_not_a_whole_cycle(registry_url, web, monkeypatch):  # noqa: F811
    """A trial: build, run from the local image before pushing, never remove, push, check again:
    "✅ Siklus lengkap!". The container must come from an image pulled from the registry, and be
    created after that pull (the embedded engine's tag history records the pull). The clock slack
    for an engine's own clock (2 s) is narrowed here: this test's steps are milliseconds apart."""
    from dockerlab.exercises import serving

    monkeypatch.setattr(serving, "CLOCK_SLACK", 0.01)
    import dockerlab

    (web / "index.html").write_text("<h1>Halo dari Budi</h1>\n")
    reg, mine = Reg(registry_url), f"{registry_url}/latihan/langkah:saya"
    dockerlab.build(str(web), tag=mine, progress=False)
    early = dockerlab.run(mine, detach=True, ports=8080)     # before the push, from the build
    dockerlab.push(mine, progress=False)
    skipped = ex.own_cycle(reg, mine, early, "Halo dari Budi")
    assert not skipped.ok and "Langkah 3 terlewat" in skipped.message, skipped
    assert "dockerlab.remove" in skipped.message and "Siklus lengkap" not in str(skipped)
    also_local = dockerlab.run(mine, detach=True, ports=8080)  # pushed, but never removed
    assert "Langkah 3 terlewat" in ex.own_cycle(reg, mine, also_local, "Halo dari Budi").message
    dockerlab.remove(mine, force=True)
    fresh = dockerlab.run(mine, detach=True, ports=8080)     # pulled from the registry now
    before = ex.own_cycle(reg, mine, early, "Halo dari Budi")  # the old container, made before the pull
    assert not before.ok and "dibuat sebelum image itu di-pull" in before.message, before
    whole = ex.own_cycle(reg, mine, fresh, "Halo dari Budi")
    assert whole.ok and "Siklus lengkap" in whole.message, whole
    assert [e.command for e in dockerlab.tag_history(mine)][-1] == "pull"


def test_08_1_templates_and_wrong_arguments_are_explained(registry_url, cycle):
    assert "templat" in ex.own_cycle(Reg(registry_url), cycle, ..., ...).message
    assert "registry kursus" in ex.own_cycle("bukan registry", cycle, None, "x").message
    other = ex.own_cycle(Reg(registry_url), "my-app:saya", None, "x")
    assert not other.ok and "tidak diawali alamat registry kursus" in other.message
    assert "dockerlab.run" in ex.own_cycle(Reg(registry_url), cycle, "kontainer", "x").message


def _blob(kind: str, action: str, n: int) -> BlobTransfer:
    digest = Digest("sha256:" + f"{n:02x}" * 32)
    return BlobTransfer(kind, digest, digest, 100, 100, digest if kind == "layer" else None, action)


def push_result(actions: list[str]) -> PushResult:
    blobs = tuple(_blob("layer", a, n) for n, a in enumerate(actions)) + (_blob("config", "sent", 99),)
    return PushResult("127.0.0.1:5000/my-app:2", Digest("sha256:" + "ab" * 32), Digest("sha256:" + "cd" * 32),
                      Digest("sha256:" + "ef" * 32), blobs, "application/vnd.oci.image.manifest.v1+json")


def test_08_2_layers_sent():
    v2 = push_result(["skipped", "skipped", "sent"])
    assert ex.layers_sent("1", v2).ok
    everything = ex.layers_sent(3, v2)
    assert not everything.ok and "semua layer" in everything.message
    with_config = ex.layers_sent("2", v2)
    assert not with_config.ok and "menghitung config juga" in with_config.message
    assert "tidak ada yang berubah" in ex.layers_sent(0, v2).message
    assert "Ketik angka" in ex.layers_sent("satu", v2).message
    assert "hasil dockerlab.push" in ex.layers_sent(1, "push").message


def test_08_3_pinned_reference():
    v1 = push_result(["sent", "sent", "sent"])
    assert ex.pinned_v1(v1.pinned, v1).ok
    assert ex.pinned_v1(f"'{v1.pinned}'", v1).ok  # pasted with its quotes
    tag = ex.pinned_v1("127.0.0.1:5000/my-app:1", v1)
    assert not tag.ok and "tag bisa dipindah" in tag.message
    image_id = ex.pinned_v1("127.0.0.1:5000/my-app@" + v1.image_id, v1)
    assert not image_id.ok and "ID image" in image_id.message
    bare = ex.pinned_v1("@" + v1.digest, v1)
    assert not bare.ok and bare.message.startswith("Digest-nya benar ✔") and v1.pinned in bare.message
    other = ex.pinned_v1("127.0.0.1:5000/lain@" + v1.digest, v1)
    assert not other.ok and "bukan repository v1" in other.message
    short = ex.pinned_v1("127.0.0.1:5000/my-app@sha256:abab", v1)
    assert not short.ok and "terlalu pendek" in short.message
    assert "bukan manifest v1" in ex.pinned_v1("127.0.0.1:5000/my-app@sha256:" + "12" * 32, v1).message


@pytest.mark.parametrize("answer", ["x", "halo dunia", "my-app", "???", "sha"])
def test_08_3_nonsense_is_not_judged_a_tag(answer):
    """A random string is no reference with a tag ("x memakai tag, dan tag bisa dipindah")."""
    v1 = push_result(["sent", "sent", "sent"])
    result = ex.pinned_v1(answer, v1)
    assert not result.ok and "tag bisa dipindah" not in result.message, result
    assert "bukan referensi ke v1" in result.message and "127.0.0.1:5000/my-app" in result.message, result


@pytest.mark.parametrize("answer", ["127.0.0.1:5000/my-app", "127.0.0.1:5000/my-app:latest", "my-app:1",
                                    "lain:2"])
def test_08_3_a_tag_reference_is_told_tags_move(answer):
    result = ex.pinned_v1(answer, push_result(["sent", "sent", "sent"]))
    assert not result.ok and "tag bisa dipindah" in result.message, result


def test_08_forms_check_what_the_code_checks():
    v2 = push_result(["skipped", "skipped", "sent"])
    form = ex.form("08.2", v2)
    form.input.value = "1"
    assert form.check().ok
    form = ex.form("08.3", v2)
    form.input.value = v2.pinned
    assert form.check().ok
