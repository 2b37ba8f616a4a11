"""The class's learners as ordinary system users, each with their own copy of the course.

``users.txt`` (one name a line, ``#`` comments) or ``--users N`` (``peserta01`` …) names the
learners; one teacher (``pengajar``) is the hub's admin. For each one this makes (when missing)
a system user with ``useradd`` and a home of mode ``0700`` (nothing of one learner is readable
by another), a login password, a copy of the notebooks (``~/notebooks``, never overwritten: a
second ``make hub`` keeps the learner's work), ``~/.dockerlab`` (their own ``DOCKERLAB_HOME``)
and ``~/.docker/config.json`` with their login to the class registry (other logins in it kept).
A home belongs to its learner, so root follows no symlink in it (:func:`_private_dir`).

The class folder (``KELAS_DIR``, root only, ``0700``) keeps ``roster.json`` (who is in the
class, and which accounts this made, so :func:`remove` deletes only those), ``akun.csv`` (the
logins to hand out) and the registry's ``htpasswd``. Runs as root; system tools (``useradd``,
``chpasswd``, ``userdel``) do the account work.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

NAME = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
TEACHER = "pengajar"
COURSE_FILES = ("glosarium.md",)


@dataclass(frozen=True)
class Member:
    """One person in the class: a system user, their home and their logins."""

    name: str
    home: Path
    uid: int
    gid: int
    password: str  # hub (PAM) login; "" when the account existed before and keeps its own
    registry_password: str
    teacher: bool = False

    @property
    def dockerlab_home(self) -> Path:
        return self.home / ".dockerlab"

    @property
    def progress_file(self) -> Path:
        return self.dockerlab_home / "progress.jsonl"


def read_names(path: str | Path) -> list[str]:
    """Learner names from a ``users.txt``, checked; a bad line names its file and line."""
    names: list[str] = []
    for number, line in enumerate(Path(path).read_text().splitlines(), 1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if not NAME.match(name):
            raise UsageError("kelas.bad_name", name=name, place=f"{path}:{number}")
        if name not in names:
            names.append(name)
    return names


def numbered(count: int, prefix: str = "peserta") -> list[str]:
    """``peserta01`` … for a workshop without a list."""
    width = max(2, len(str(count)))
    names = [f"{prefix}{i:0{width}d}" for i in range(1, count + 1)]
    for name in names:
        if not NAME.match(name):
            raise UsageError("kelas.bad_name", name=name, place="--prefix")
    return names


def class_dir() -> Path:
    return Path(os.environ.get("KELAS_DIR", "/var/lib/dockerlab-kelas"))


def _run(*argv: str, stdin: str | None = None) -> None:
    subprocess.run(argv, input=stdin, text=True, check=True, capture_output=True)


def _make_user(name: str, place: str) -> tuple[pwd.struct_passwd, bool]:
    """The system user ``name``, made if missing; ``(entry, made_now)``."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        _run("useradd", "--create-home", "--user-group", "--shell", "/bin/bash", name)
        return pwd.getpwnam(name), True
    if entry.pw_uid < 1000:
        raise UsageError("kelas.taken", name=name, uid=entry.pw_uid, place=place)
    return entry, False


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    for item in [path, *path.rglob("*")]:
        os.lchown(item, uid, gid)


def _private_dir(parent_fd: int, name: str, uid: int, gid: int) -> int:
    """An open fd of folder ``name`` in ``parent_fd``, owned by the learner, mode ``0700``.

    A learner owns their home, so on a second ``make hub`` anything in it may be a trap for
    root (``~/.docker`` a symlink to ``/etc``): nothing is followed; a symlink or a non-folder in
    the way is removed first, and ownership and mode are set through the fd."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent_fd)
    except FileNotFoundError:
        os.mkdir(name, 0o700, dir_fd=parent_fd)
        fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent_fd)
    except OSError:  # a symlink or a file where the folder belongs
        os.unlink(name, dir_fd=parent_fd)
        os.mkdir(name, 0o700, dir_fd=parent_fd)
        fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent_fd)
    os.fchown(fd, uid, gid)
    os.fchmod(fd, 0o700)
    return fd


def _docker_config(folder_fd: int, registry: str, auth: str) -> bytes:
    """``config.json`` with the class registry's login added; other entries of an existing one
    kept (read without following a symlink, bounded)."""
    config: dict = {}
    try:
        fd = os.open("config.json", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder_fd)
        with os.fdopen(fd, "rb") as handle:
            loaded = json.loads(handle.read(1 << 20))
        config = loaded if isinstance(loaded, dict) else {}
    except (OSError, ValueError):
        pass
    auths = config.get("auths") if isinstance(config.get("auths"), dict) else {}
    config["auths"] = {**auths, registry: {"auth": auth}}
    return json.dumps(config, indent=2).encode()


def _prepare_home(entry: pwd.struct_passwd, notebooks: Path, registry: str, registry_password: str) -> None:
    uid, gid = entry.pw_uid, entry.pw_gid
    home = Path(entry.pw_dir)
    home.mkdir(parents=True, exist_ok=True)
    home_fd = os.open(home, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fchown(home_fd, uid, gid)
        os.fchmod(home_fd, 0o700)
        if not os.path.lexists(home / "notebooks"):  # a second run keeps the learner's work
            staging = Path(tempfile.mkdtemp(dir=home, prefix=".notebooks-"))
            for item in sorted(notebooks.glob("[0-9][0-9]-*.ipynb")):
                shutil.copy2(item, staging / item.name)
            for extra in COURSE_FILES:
                if (notebooks / extra).exists():
                    shutil.copy2(notebooks / extra, staging / extra)
            shutil.copytree(notebooks / "contoh", staging / "contoh", symlinks=True)
            _chown_tree(staging, uid, gid)
            os.chmod(staging, 0o755)
            os.rename(staging.name, "notebooks", src_dir_fd=home_fd, dst_dir_fd=home_fd)
        os.close(_private_dir(home_fd, ".dockerlab", uid, gid))
        docker_fd = _private_dir(home_fd, ".docker", uid, gid)
        try:
            auth = base64.b64encode(f"{entry.pw_name}:{registry_password}".encode()).decode()
            data = _docker_config(docker_fd, registry, auth)
            try:
                os.unlink("config.json", dir_fd=docker_fd)
            except FileNotFoundError:
                pass
            fd = os.open("config.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600,
                         dir_fd=docker_fd)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                os.fchown(handle.fileno(), uid, gid)
        finally:
            os.close(docker_fd)
    finally:
        os.close(home_fd)


def _write_private(path: Path, text: str) -> None:
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)


def create(learners: list[str], *, teacher: str = TEACHER, notebooks: Path, registry: str,
           folder: Path | None = None) -> list[Member]:
    """Make (or reuse) every account and home; write the class folder. Returns teacher first."""
    import bcrypt

    if os.geteuid() != 0:
        raise UsageError("kelas.not_root")
    if not learners:
        raise UsageError("kelas.no_learners", path="users.txt")
    folder = folder or class_dir()
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    old = load(folder)
    made = set(old.get("created", []))
    passwords = {m["name"]: (m["password"], m["registry_password"]) for m in old.get("members", [])}
    members: list[Member] = []
    for name in [teacher, *[n for n in learners if n != teacher]]:
        entry, now = _make_user(name, "users.txt")
        if now:
            made.add(name)
        password, registry_password = passwords.get(name, ("", ""))
        if name in made and not password:
            password = secrets.token_urlsafe(9)
            _run("chpasswd", stdin=f"{name}:{password}\n")
        registry_password = registry_password or secrets.token_urlsafe(18)
        _prepare_home(entry, notebooks, registry, registry_password)
        members.append(Member(name, Path(entry.pw_dir), entry.pw_uid, entry.pw_gid, password,
                              registry_password, teacher=name == teacher))
    hashes = "".join(f"{m.name}:{bcrypt.hashpw(m.registry_password.encode(), bcrypt.gensalt(10)).decode()}\n"
                     for m in members)
    _write_private(folder / "htpasswd", hashes)
    rows = [["nama", "peran", "kata_sandi_hub", "kata_sandi_registry"]]
    rows += [[m.name, "pengajar" if m.teacher else "peserta", m.password or "(kata sandi akunnya sendiri)",
              m.registry_password] for m in members]
    with open(folder / "akun.csv.tmp", "w", newline="") as handle:
        os.fchmod(handle.fileno(), 0o600)
        csv.writer(handle).writerows(rows)
    os.replace(folder / "akun.csv.tmp", folder / "akun.csv")
    roster = {"teacher": teacher, "learners": [m.name for m in members if not m.teacher],
              "created": sorted(made), "registry": registry,
              "members": [{"name": m.name, "password": m.password, "registry_password": m.registry_password}
                          for m in members]}
    _write_private(folder / "roster.json", json.dumps(roster, indent=2))
    return members


def load(folder: Path | None = None) -> dict:
    """The class folder's ``roster.json`` (``{}`` when there is none yet)."""
    try:
        return json.loads(((folder or class_dir()) / "roster.json").read_text())
    except (OSError, ValueError):
        return {}


def member(name: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def _end_processes(uid: int) -> None:
    """SIGKILL, by pid, what is left running as ``uid`` (an account made for this class)."""
    import signal

    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    os.kill(int(entry.name), signal.SIGKILL)
            except OSError:
                pass


def remove(folder: Path | None = None) -> list[str]:
    """Delete the accounts (and homes) this class made, and the class folder. Returns their names."""
    folder = folder or class_dir()
    roster = load(folder)
    removed = []
    for name in roster.get("created", []):
        if member(name) is not None:
            _end_processes(member(name).pw_uid)
            _run("userdel", "--remove", name)
            removed.append(name)
    shutil.rmtree(folder, ignore_errors=True)
    return removed
