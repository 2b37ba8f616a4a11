"""A tiny busybox root filesystem made by hand, for executor tests that need no store."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

from components import missing

BUSYBOX = "/usr/bin/busybox"

PASSWD = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"
GROUP = "root:x:0:\napp:x:1000:\nstaff:x:50:app\nnogroup:x:65534:\n"


def make_rootfs(root: Path) -> Path:
    """``root`` filled with busybox, its applets as symlinks, /etc/passwd and /etc/group."""
    if not os.path.exists(BUSYBOX):
        missing("busybox-static (/usr/bin/busybox)", "apt-get install busybox-static")
    (root / "bin").mkdir(parents=True)
    shutil.copy2(BUSYBOX, root / "bin" / "busybox")
    applets = subprocess.run([BUSYBOX, "--list"], capture_output=True, text=True, check=True).stdout.split()
    for name in applets:
        if name != "busybox":
            os.symlink("busybox", root / "bin" / name)
    (root / "etc").mkdir()
    (root / "etc" / "passwd").write_text(PASSWD)
    (root / "etc" / "group").write_text(GROUP)
    (root / "tmp").mkdir(mode=0o1777)
    os.chmod(root / "tmp", 0o1777)
    (root / "root").mkdir(mode=0o700)
    return root


def foreign_elf(path: Path, machine: int) -> Path:
    """A file with just an ELF header claiming CPU ``machine`` (e_machine), executable."""
    header = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + (2).to_bytes(2, "little") + machine.to_bytes(2, "little")
    path.write_bytes(header + b"\x00" * 200)
    path.chmod(0o755)
    return path


TEST_USER = "dockerlab-test"


def python_for_everyone() -> str:
    """A Python 3.10+ interpreter an ordinary user may execute (ours may live under /root)."""
    for candidate in (os.path.realpath(sys.executable), "/usr/bin/python3"):
        path, ok = candidate, os.path.exists(candidate)
        while ok and path != "/":
            ok = bool(os.stat(path).st_mode & 0o001)  # others may search / execute it
            path = os.path.dirname(path)
        if ok:
            return candidate
    missing("a Python that ordinary users may run", "apt-get install python3")
    raise AssertionError


def ordinary_user() -> pwd.struct_passwd:
    """The test's non-root user (created once with ``useradd``): the Binder situation."""
    if os.geteuid() != 0:
        missing("root (to create and become an ordinary test user)", "run the tests as root")
    if shutil.which("proot") is None:
        missing("proot", "apt-get install proot")
    try:
        return pwd.getpwnam(TEST_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER],
                       check=True)
        return pwd.getpwnam(TEST_USER)


@contextlib.contextmanager
def ordinary_user_home(prefix: str = "dockerlab-nonroot-") -> Iterator[Path]:
    """A fresh folder (0755, outside root's private /tmp dirs) for the ordinary test user: fill it
    as root, then :func:`run_as_ordinary_user` with ``home=`` it hands it over. Removed afterwards,
    also when the user left read-only folders in it. Skips (through :func:`ordinary_user`) when
    there is no root or no proot."""
    ordinary_user()
    base = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        os.chmod(base, 0o755)
        yield base
    finally:
        subprocess.run(["chmod", "-R", "u+rwx", base], check=False)
        shutil.rmtree(base, ignore_errors=True)


def run_as_ordinary_user(script: str, *args: str, home: str | os.PathLike[str],
                         with_dependencies: bool = False) -> subprocess.CompletedProcess:
    """``python -c script args…`` as :data:`TEST_USER`, with dockerlab importable (and, with
    ``with_dependencies``, the packages of this environment, e.g. for the builder). ``home`` and
    everything in it is given to the user first (``chown -R``), as a Binder home is the learner's."""
    import sysconfig

    import dockerlab

    user = ordinary_user()
    subprocess.run(["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", home], check=True)

    path = [os.path.dirname(os.path.dirname(dockerlab.__file__))]
    if with_dependencies:
        path += [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    return subprocess.run(
        ["runuser", "-u", TEST_USER, "--", python_for_everyone(), "-c", script, *args],
        capture_output=True, text=True, timeout=300,
        env={"PATH": os.environ["PATH"], "HOME": str(home), "PYTHONPATH": os.pathsep.join(path)})
