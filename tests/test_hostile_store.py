"""The store under attack: tampered blobs, SIGKILL mid-command, several processes, several users.

* **Tampering** (a byte flipped, cut short, one byte appended, a blob swapped for another valid
  one): ``validate`` finds it; ``run``, ``save``, ``push`` and ``build FROM`` refuse it; a cached
  rebuild heals it (never hands out the damaged image), and so does the error's own advice —
  remove, then build, load or pull again.
* **Crashes**: ``build``, ``load``, ``pull`` and ``push`` killed with SIGKILL at a moment chosen by
  a condition (a temporary file has appeared and grown), then: the store validates and the same
  command succeeds with the same digest.
* **Concurrency**: real processes building, loading, tagging, removing and collecting garbage in
  one store at once lose no tag and corrupt nothing.
* **Two users**: no other user can read, change, lock or run (setuid included) anything of a
  learner's store; a store folder someone else could write, or a planted lock, is refused.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hostile_support import assert_clear, assert_store_valid, base_plus, f, guarded, tar_of

from dockerlab import archive, baseimage
from dockerlab.builder import build
from dockerlab.container import local as containers
from dockerlab.errors import DigestMismatch, DockerlabError
from dockerlab.model import validate
from dockerlab.store import Store
from dockerlab.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]


def _context(base: Path, text: str = "hallo") -> Path:
    ctx = base / "ctx"
    ctx.mkdir(exist_ok=True)
    (ctx / "pesan.txt").write_text(text)
    (ctx / "Dockerfile").write_text(f"FROM {baseimage.REPOSITORY}\nCOPY pesan.txt /pesan.txt\nRUN cp /pesan.txt /salinan\n")
    return ctx


def _tamper(store: Store, digest, how: str, other=None) -> None:
    path = store.blob_path(digest)
    data = path.read_bytes()
    if how == "flip":
        i = len(data) // 2
        data = data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]
    elif how == "truncate":
        data = data[:-10]
    elif how == "append":
        data = data + b"\0"
    elif how == "swap":
        data = store.blob_path(other).read_bytes()
    path.chmod(0o644)
    path.write_bytes(data)


TAMPER = ["flip", "truncate", "append", "swap"]


@pytest.fixture
def built(tmp_path, monkeypatch):
    """A store with the base image and ``my:1`` (COPY + RUN) built on it, plus a saved copy."""
    from dockerlab.executor import detect

    if detect() is None:
        from components import missing

        missing("an executor (root or proot)", "apt-get install proot")
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        ctx = _context(tmp_path)
        result = build(store, ctx, "my:1", progress=False)
        saved = archive.save(store, ["my:1", f"{baseimage.REPOSITORY}:latest"], tmp_path / "saved.tar")
        yield store, result.image, ctx, saved, guard


def _layer(image, which: str):
    return image.layers[-2 if which == "copy" else -1].digest  # COPY layer, RUN layer


@pytest.mark.parametrize("how", TAMPER)
def test_validate_finds_every_kind_of_tampering(built, how):
    store, image, *_ = built
    _tamper(store, _layer(image, "copy"), how, image.id)
    problems = validate(image)
    assert problems and {p.kind for p in problems} & {"digest_mismatch", "size_mismatch"}
    assert _layer(image, "copy") in str(problems)
    _heal(built)


def _heal(built) -> None:
    """What the guard needs at the end: the advice (remove, build again) restores a valid store."""
    store, image, ctx, *_ = built
    again = build(store, ctx, "my:1", progress=False)
    assert validate(again.image) == [] and again.image.digest == image.digest


@pytest.mark.parametrize("how", TAMPER)
def test_run_refuses_a_tampered_image(built, how):
    store, image, *_ = built
    _tamper(store, _layer(image, "run"), how, image.id)
    with pytest.raises(DockerlabError) as exc:
        containers.run(store, image, ["true"], remove=True)
    assert_clear(exc.value, _layer(image, "run"))
    _heal(built)


@pytest.mark.parametrize("how", TAMPER)
def test_save_refuses_a_tampered_image(built, tmp_path, how):
    store, image, *_ = built
    _tamper(store, _layer(image, "copy"), how, image.id)
    with pytest.raises(DigestMismatch) as exc:
        archive.save(store, ["my:1"], tmp_path / "out" / "x.tar")
    assert_clear(exc.value, _layer(image, "copy"))
    assert not (tmp_path / "out" / "x.tar").exists()
    _heal(built)


@pytest.mark.parametrize("how", TAMPER)
def test_build_from_a_tampered_image_refuses(built, tmp_path, how):
    store, image, *_ = built
    _tamper(store, _layer(image, "copy"), how, image.id)
    for i, dockerfile in enumerate(["FROM my:1\nRUN true\n", "FROM my:1\nENV A=1\n"]):
        ctx = tmp_path / f"from{i}"
        ctx.mkdir()
        (ctx / "Dockerfile").write_text(dockerfile)
        with pytest.raises(DockerlabError) as exc:
            build(store, ctx, f"child:{i}", progress=False)
        assert_clear(exc.value, _layer(image, "copy"))
    assert [r.familiar for r, _ in store.tags() if r.repository == "child"] == []
    _heal(built)


@pytest.mark.parametrize("how", TAMPER)
@pytest.mark.parametrize("which", ["copy", "run"])
def test_a_cached_rebuild_heals_instead_of_handing_out_a_tampered_image(built, how, which):
    store, image, ctx, *_ = built
    _tamper(store, _layer(image, which), how, image.id)
    again = build(store, ctx, "my:1", progress=False)
    assert again.image.digest == image.digest and validate(again.image) == []
    assert not again.cached[-1 if which == "run" else -2]  # the damaged step was made again


@pytest.mark.parametrize("how", TAMPER)
def test_the_errors_advice_remove_then_load_again_heals_a_base_layer(built, how):
    store, image, _, saved, _ = built
    base = store.resolve(f"{baseimage.REPOSITORY}:latest")
    _tamper(store, base.layers[0].digest, how, image.id)
    assert validate(base) != []
    store.remove("my:1")
    store.remove(f"{baseimage.REPOSITORY}:latest", force=True)
    archive.load(store, saved)
    assert validate(store.resolve("my:1")) == [] and validate(store.resolve(f"{baseimage.REPOSITORY}:latest")) == []


def test_push_refuses_a_tampered_image_and_pull_heals(built, registry_server, tmp_path):
    from registry_helpers import unique_repo

    from dockerlab.errors import RegistryError
    from dockerlab.registry import inspect_remote, pull, push

    store, image, ctx, _, guard = built
    _tamper(store, _layer(image, "copy"), "flip")
    bad_ref = f"{registry_server.address}/{unique_repo('tamper')}:1"
    for compression in (None, "gzip"):
        with pytest.raises(DockerlabError) as exc:
            push(store.tag(bad_ref, image), bad_ref, progress=False, compression=compression)
        assert_clear(exc.value, _layer(image, "copy"))
        with pytest.raises(RegistryError):
            inspect_remote(bad_ref)  # no manifest was sent
    store.remove(bad_ref)
    # the same build elsewhere (reproducible: the same digests) pushed as stored, then pulled here
    clean = guard.watch(Store(tmp_path / "clean"))
    twin = build(clean, ctx, "my:1", progress=False).image
    good_ref = f"{registry_server.address}/{unique_repo('good')}:1"
    pushed = push(clean.tag(good_ref, twin), good_ref, progress=False, compression=None)
    pulled = pull(good_ref, store=store, progress=False)  # the damaged layer is fetched again
    assert twin.digest == image.digest and pulled.digest == pushed.digest and validate(pulled) == []
    assert validate(store.resolve("my:1")) == []


# ---------------------------------------------------------------- SIGKILL at chosen moments

CHILD = """
import sys, json
sys.path.insert(0, {root!r})
from dockerlab.store import Store
from dockerlab import archive, builder
from dockerlab.registry import pull, push
store = Store(sys.argv[1])
verb = sys.argv[2]
if verb == "build":
    r = builder.build(store, sys.argv[3], "crash:1", progress=False)
    print(r.image.digest)
elif verb == "load":
    print([v.digest for v in archive.load(store, sys.argv[3])])
elif verb == "pull":
    print(pull(sys.argv[3], store=store, progress=False, jobs=1).digest)
"""


def _big_context(base: Path) -> Path:
    ctx = base / "big"
    ctx.mkdir()
    for i in range(4):
        (ctx / f"data{i}").write_bytes(os.urandom(12 << 20))
    (ctx / "Dockerfile").write_text(f"FROM {baseimage.REPOSITORY}\nCOPY data0 data1 /d/\nCOPY data2 data3 /e/\n")
    return ctx


def _killed_when(args: list[str], condition, what: str) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(root=str(ROOT)), *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_until(lambda: child.poll() is not None or condition(), timeout=120, interval=0.002, what=what)
        assert child.poll() is None, f"the child ended before {what}: {child.stderr.read().decode()[-2000:]}"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)


def _temp_blob(store: Store, at_least: int = 1 << 20):
    def check() -> bool:
        return any(p.name.startswith("blob-") and p.stat().st_size >= at_least
                   for p in store.tmp.iterdir() if p.is_file())
    return check


def _rootfs_dir(store: Store):
    return lambda: any(p.name.startswith("build-") for p in store.tmp.iterdir())


@pytest.mark.parametrize("point", ["layer_half_written", "second_layer"])
def test_build_killed_then_built_again_gives_the_same_digest(point, tmp_path, monkeypatch):
    with guarded(tmp_path, monkeypatch) as guard:
        ctx = _big_context(tmp_path)
        reference = build(guard.watch(Store(tmp_path / "ref")), ctx, "crash:1", progress=False).image.digest
        store = guard.watch(Store(tmp_path / "store"))
        baseimage.ensure_base_image(store)
        if point == "layer_half_written":
            condition = _temp_blob(store, 4 << 20)
        else:  # the first COPY layer (24 MiB) is in place, the rest not yet
            blobs = store.layout / "blobs" / "sha256"
            condition = lambda: any(p.stat().st_size > (20 << 20) for p in blobs.iterdir())  # noqa: E731
        _killed_when([str(store.root), "build", str(ctx)], condition, f"a build at {point}")
        assert_store_valid(store)
        assert build(store, ctx, "crash:1", progress=False).image.digest == reference


def test_load_killed_then_loaded_again(tmp_path, monkeypatch):
    with guarded(tmp_path, monkeypatch) as guard:
        ctx = _big_context(tmp_path)
        source = guard.watch(Store(tmp_path / "source"))
        image = build(source, ctx, "crash:1", progress=False).image
        saved = archive.save(source, ["crash:1"], tmp_path / "crash.tar")
        store = guard.watch(Store(tmp_path / "store"))
        _killed_when([str(store.root), "load", str(saved)], _temp_blob(store, 4 << 20), "a load writing a blob")
        assert_store_valid(store) and store.tags() == []
        (loaded,) = archive.load(store, saved)
        assert loaded.digest == image.digest and validate(loaded) == []


def test_pull_killed_then_pulled_again(tmp_path, monkeypatch, registry_server):
    from registry_helpers import random_image, unique_repo

    from dockerlab.registry import pull, push

    with guarded(tmp_path, monkeypatch) as guard:
        source = guard.watch(Store(tmp_path / "source"))
        ref = f"{registry_server.address}/{unique_repo('crash')}:1"
        pushed = push(random_image(source, ref, sizes=(40 << 20, 20 << 20), seed=5), ref, progress=False,
                      compression=None)
        store = guard.watch(Store(tmp_path / "store"))
        _killed_when([str(store.root), "pull", ref], _temp_blob(store, 4 << 20), "a pull writing a blob")
        assert_store_valid(store) and store.tags() == []
        assert pull(ref, store=store, progress=False).digest == pushed.digest


# ---------------------------------------------------------------- several processes

WORKER = """
import sys, os
sys.path.insert(0, {root!r})
from dockerlab.store import Store
from dockerlab import archive, builder, baseimage
role, root, arg, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = Store(root)
for i in range(rounds):
    if role == "build":
        builder.build(store, arg, f"built:{{i}}", progress=False)
    elif role == "load":
        (view,) = archive.load(store, arg)
        store.tag(f"loaded:{{i}}", view)
    elif role == "tag":
        base = store.resolve(baseimage.REPOSITORY + ":latest")
        store.tag(f"t:{{i}}", base)
        if i % 2:
            store.remove(f"t:{{i}}")
    elif role == "churn":
        (view,) = archive.load(store, arg)
        store.remove("churn:1", force=True)
        store.gc()
print("done", role)
"""


def test_processes_sharing_one_store_lose_no_tag(tmp_path, monkeypatch):
    with guarded(tmp_path, monkeypatch) as guard:
        store = guard.watch(Store(tmp_path / "store"))
        baseimage.ensure_base_image(store)
        ctx = _context(tmp_path, "paralel")
        other = Store(tmp_path / "other")
        (tmp_path / "o").mkdir()
        build(other, _context(tmp_path / "o", "dimuat"), "dimuat:1", progress=False)
        loadable = archive.save(other, ["dimuat:1"], tmp_path / "dimuat.tar")
        build(other, ctx, "churn:1", progress=False)
        churn = archive.save(other, ["churn:1"], tmp_path / "churn.tar")
        rounds = 6
        jobs = [("build", str(ctx)), ("load", str(loadable)), ("tag", "-"), ("churn", str(churn))]
        children = [subprocess.Popen([sys.executable, "-c", WORKER.format(root=str(ROOT)), role, str(store.root),
                                      arg, str(rounds)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                    for role, arg in jobs]
        for child in children:
            out, err = child.communicate(timeout=600)
            assert child.returncode == 0, err.decode()[-3000:]
        tags = {r.familiar for r, _ in store.tags()}
        expected = {f"built:{i}" for i in range(rounds)} | {f"loaded:{i}" for i in range(rounds)} | \
                   {f"t:{i}" for i in range(0, rounds, 2)}
        assert expected <= tags, expected - tags
        assert_store_valid(store)


# ---------------------------------------------------------------- two users on one machine

SECOND_USER = "dockerlab-test2"


def _second_user():
    import pwd

    from rootfs_helpers import ordinary_user

    ordinary_user()
    try:
        return pwd.getpwnam(SECOND_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SECOND_USER],
                       check=True)
        return pwd.getpwnam(SECOND_USER)


def _as(user: str, script: str, *args: str) -> subprocess.CompletedProcess:
    from rootfs_helpers import python_for_everyone

    return subprocess.run(["runuser", "-u", user, "--", python_for_everyone(), "-c", script, *args],
                          capture_output=True, text=True, timeout=120, env={"PATH": os.environ["PATH"]})


PROBE = """
import errno, fcntl, os, sys, json
root = sys.argv[1]
out = {}
def attempt(name, fn):
    try:
        fn()
        out[name] = "ok"
    except OSError as exc:
        out[name] = errno.errorcode.get(exc.errno, str(exc.errno))
attempt("list_root", lambda: os.listdir(root))
attempt("open_lock", lambda: fcntl.flock(os.open(os.path.join(root, "lock"), os.O_RDONLY), fcntl.LOCK_EX | fcntl.LOCK_NB))
attempt("read_index", lambda: open(os.path.join(root, "oci", "index.json")).read())
attempt("write_blob", lambda: open(os.path.join(root, "oci", "blobs", "sha256", "planted"), "w").write("x"))
attempt("plant_lock", lambda: os.symlink("/dev/null", os.path.join(root, "lock2")))
for name in sys.argv[2:]:
    attempt("exec:" + name, lambda name=name: os.execv(name, [name]))
print(json.dumps(out))
"""


def _setuid_paths(store: Store) -> list[str]:
    found = []
    for top in (store.root / "rootfs", store.root / "containers"):
        for path in top.rglob("*") if top.is_dir() else ():
            if path.is_file() and not path.is_symlink() and path.stat().st_mode & 0o6000:
                found.append(str(path))
    return found


def _no_reachable_world_writable(store: Store) -> None:
    """Every path another user could write is below a folder only the owner may enter."""
    owner = os.stat(store.root).st_uid
    for path in [store.root, *store.root.rglob("*")]:
        st = os.lstat(path)
        if path.is_symlink() or not st.st_mode & 0o002:
            continue
        parents = [p for p in path.parents if p == store.root or store.root in p.parents]
        assert any(os.stat(p).st_uid == owner and os.stat(p).st_mode & 0o077 == 0 for p in parents), path


def test_another_user_can_neither_read_change_lock_nor_run_a_learners_store(tmp_path, monkeypatch):
    """As root (the namespaces executor) with a setuid-root file from an image in a container."""
    second = _second_user()
    from dockerlab.executor import detect

    if detect() is None:
        pytest.skip("no executor")
    with guarded(tmp_path, monkeypatch) as guard:
        os.chmod(tmp_path, 0o755)
        store = guard.watch(Store(tmp_path / "store"))
        image = base_plus(store, [tar_of(f("usr/bin/rootshell", b"#!/bin/sh\nid\n", mode=0o4755),
                                         f("usr/bin/gshell", b"#!/bin/sh\nid\n", mode=0o2755))])
        container = containers.run(store, image, ["true"])
        setuid = _setuid_paths(store)
        assert setuid, "the image's setuid files are kept (containers need them)"
        assert os.stat(store.root).st_mode & 0o777 == 0o700
        assert os.stat(store.root / "lock").st_mode & 0o777 == 0o600
        _no_reachable_world_writable(store)
        done = _as(second.pw_name, PROBE, str(store.root), *setuid[:4])
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert all(v in ("EACCES", "EPERM") for v in result.values()), result
        container.remove()


def test_a_learners_store_as_an_ordinary_user_is_private_too(tmp_path):
    from rootfs_helpers import ordinary_user_home, run_as_ordinary_user, TEST_USER

    second = _second_user()
    script = textwrap.dedent("""
        import sys, io, tarfile
        from dockerlab.store import Store
        from dockerlab.model import Descriptor, History, mediatypes as mt
        from dockerlab.model.mutate import append_layer
        from dockerlab import baseimage
        from dockerlab.container import local
        store = Store(sys.argv[1])
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as t:
            i = tarfile.TarInfo("usr/bin/mine"); i.mode = 0o4755; data = b"#!/bin/sh\\nid\\n"; i.size = len(data)
            t.addfile(i, io.BytesIO(data))
        desc = store.write_blob(buf.getvalue(), media_type=mt.OCI_LAYER)
        image = append_layer(baseimage.ensure_base_image(store), Descriptor(mt.OCI_LAYER, desc.digest, desc.size),
                             history=History(created_by="setuid"))
        image = store.write(image, tags=["mine:1"])
        local.run(store, image, ["true"])
        print("ok")
    """)
    with ordinary_user_home("dockerlab-nonroot-private-") as home:
        done = run_as_ordinary_user(script, str(home / "store"), home=home, with_dependencies=True)
        assert done.returncode == 0 and "ok" in done.stdout, done.stderr[-3000:]
        store_root = home / "store"
        setuid = [str(p) for p in (store_root / "rootfs").rglob("mine")] + \
                 [str(p) for p in (store_root / "containers").rglob("mine")]
        assert setuid and all(os.stat(p).st_mode & 0o4000 for p in setuid)
        probe = _as(second.pw_name, PROBE, str(store_root), *setuid)
        assert probe.returncode == 0, probe.stderr
        result = json.loads(probe.stdout)
        assert all(v in ("EACCES", "EPERM") for v in result.values()), result
        assert TEST_USER


@pytest.mark.parametrize("plant", ["world_writable_root", "someone_elses_root", "fifo_lock", "symlink_lock"])
def test_a_store_someone_else_could_change_or_block_is_refused(plant, tmp_path):
    import pwd
    import time

    second = _second_user()
    root = tmp_path / "shared"
    root.mkdir()
    if plant == "world_writable_root":
        os.chmod(root, 0o1777)
    elif plant == "someone_elses_root":
        os.chown(root, second.pw_uid, second.pw_gid)
    else:
        Store(root)
        (root / "lock").unlink()
        if plant == "fifo_lock":
            os.mkfifo(root / "lock")
        else:
            os.symlink("/dev/null", root / "lock")
    started = time.monotonic()
    with pytest.raises(DockerlabError) as exc:
        store = Store(root)
        with store.lock():
            pass
    assert time.monotonic() - started < 10
    assert_clear(exc.value, str(root))
    assert pwd.getpwuid(os.stat(root).st_uid)
