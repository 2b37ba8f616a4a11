"""A Binder-like setting for ``tests/test_binder.py``: what mybinder.org gives a learner, made here.

* **A non-root user** (``dockerlab-learner``, created with ``useradd`` when absent) runs
  everything; root only prepares and then drops to it with ``runuser``.
* **The Binder files, and only them**: a Python environment made from ``environment.yml`` (its
  conda-forge names mapped to PyPI names, installed with pip into a venv of the system Python —
  there is no conda here), a copy of the repository's tracked files in the learner's home, and
  ``postBuild`` run there by the learner, as repo2docker does. Packages from ``apt.txt`` are the
  machine's own Debian packages. The environment is cached in ``/var/tmp`` under a hash of
  this checkout's path and of ``environment.yml``, so a second run of the same checkout installs
  nothing and two checkouts (worktrees) never share one (postBuild installs the checkout into it). The system Python (3.11 on Debian 12)
  stands in for the 3.12 that ``environment.yml`` pins: it is also what ``make lab`` uses there.
* **Nothing root installed beyond apt.txt**: every run as the learner happens in a mount
  namespace of its own in which :data:`ROOT_EXTRAS` (the arm64 busybox ``make setup-test`` unpacks
  for other tests) is covered by an empty folder, so a lesson that needed it would fail here.
* **No Docker daemon**: ``DOCKER_HOST`` points at a socket that does not exist, and
  ``DOCKERLAB_ENGINE=auto`` must choose the embedded engine by itself.
* **1 GiB of memory** (mybinder.org guarantees 1 GB): a cgroup memory limit (v1, or v2 when the
  controller can be delegated) on every process of the run — kernels, ``proot`` and what runs
  inside. Only when no cgroup can be made does :class:`MemoryLimit` fall back to ``RLIMIT_AS``
  (``ulimit -v``) with a generous 4 GiB of *address space*, because Python, ZeroMQ threads and
  ``proot`` reserve far more address space than they touch; the report says which was used.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import pwd
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEARNER = "dockerlab-learner"
SYSTEM_PYTHON = "/usr/bin/python3"
ENV_CACHE = Path("/var/tmp")
MEMORY_LIMIT = 1 << 30              # bytes: mybinder.org's guaranteed memory
ADDRESS_SPACE_FALLBACK = 4 << 30    # RLIMIT_AS when no cgroup can be made (see module docstring)
NO_DOCKER = "unix:///nonexistent/dockerlab-binder/docker.sock"
# conda-forge name -> PyPI name where they differ; names that are not Python packages map to None.
PIP_NAMES = {"docker-py": "docker", "python-graphviz": "graphviz", "python": None, "pip": None}


# --- the Binder files ------------------------------------------------------------------------

def environment_yml_packages(path: Path = ROOT / "environment.yml") -> dict[str, str]:
    """``{conda name: version spec}`` of the flat ``dependencies:`` list (no pip section)."""
    packages, section = {}, None
    for line in path.read_text().splitlines():
        if re.match(r"^[A-Za-z_]+:", line):
            section = line.split(":", 1)[0]
        m = re.match(r"^\s+-\s+([A-Za-z0-9_.-]+)\s*(\S*)\s*(#.*)?$", line)
        if m and section == "dependencies":
            packages[m.group(1).lower()] = m.group(2)
    return packages


def pip_requirements(path: Path = ROOT / "environment.yml") -> list[str]:
    """The PyPI requirements equivalent to ``environment.yml`` (conda ``=x`` pins become ``==x.*``)."""
    requirements = []
    for conda, spec in environment_yml_packages(path).items():
        name = PIP_NAMES.get(conda, conda)
        if name is None:
            continue
        if spec.startswith("=") and not spec.startswith("=="):
            spec = f"=={spec[1:]}.*" if spec.count(".") < 2 else f"=={spec[1:]}"
        requirements.append(name + spec)
    return sorted(requirements)


def tracked_files() -> list[str]:
    """What a clone of the repository holds: ``git ls-files`` (contents as in the work tree)."""
    done = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [name for name in done.stdout.decode().split("\0") if name and (ROOT / name).exists()]


def copy_repository(dest: Path) -> Path:
    for name in tracked_files():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target, follow_symlinks=False)
    return dest


# --- the learner -----------------------------------------------------------------------------

def ensure_learner() -> pwd.struct_passwd:
    """The non-root account the run uses: ours when not root, else ``dockerlab-learner``."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    try:
        return pwd.getpwnam(LEARNER)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/sh",
                        "--comment", "dockerlab Binder-like test learner", LEARNER], check=True)
        return pwd.getpwnam(LEARNER)


def chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    if os.geteuid() != 0:
        return
    for root, dirs, files in os.walk(path):
        for name in [root, *(os.path.join(root, n) for n in dirs + files)]:
            os.lchown(name, user.pw_uid, user.pw_gid)


def binder_env(user: pwd.struct_passwd) -> Path:
    """A venv holding what ``environment.yml`` names, owned by ``user`` (postBuild writes to it)."""
    requirements = pip_requirements()
    python = subprocess.run([SYSTEM_PYTHON, "-c", "import sys; print(sys.version)"],
                            capture_output=True, text=True, check=True).stdout.strip()
    # Per checkout: postBuild installs the checkout's own dockerlab into the venv, so a venv two
    # worktrees shared would hold whichever installed last, in the middle of the other's run.
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]
    key = hashlib.sha256(json.dumps([python, requirements, user.pw_uid]).encode()).hexdigest()[:12]
    env = ENV_CACHE / f"dockerlab-binder-env-{checkout}-{key}"
    with open(ENV_CACHE / f"{env.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)   # one build at a time, even across test sessions
        if (env / ".complete").exists():
            return env
        shutil.rmtree(env, ignore_errors=True)   # a half-built one from an interrupted run
        subprocess.run([SYSTEM_PYTHON, "-m", "venv", str(env)], check=True)
        pip = [str(env / "bin/python"), "-m", "pip", "install", "--quiet",
               "--disable-pip-version-check"]
        done = subprocess.run([*pip, *requirements], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"pip could not install environment.yml's packages "
                               f"{requirements}:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
        chown_tree(env, user)
        (env / ".complete").write_text("\n".join(requirements) + "\n")
    return env


def learner_env(user: pwd.struct_passwd, env: Path, home: Path, **extra: str) -> dict[str, str]:
    """A clean environment like Binder's: its PATH first, en_US locale, no Docker daemon."""
    return {
        "HOME": str(home), "USER": user.pw_name, "LOGNAME": user.pw_name, "SHELL": "/bin/sh",
        "PATH": f"{env}/bin:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",   # Binder sets en_US.UTF-8; same effect here
        "DOCKER_HOST": NO_DOCKER, "DOCKERLAB_ENGINE": "auto",
        "DOCKERLAB_HOME": str(home / "dockerlab-home"),
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / ".local/share/jupyter/runtime"),
        "JUPYTER_DATA_DIR": str(home / ".local/share/jupyter"),
        "PYTHONDONTWRITEBYTECODE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        **{k: v for k in ("PIP_INDEX_URL", "PIP_CERT", "SSL_CERT_FILE") if (v := os.environ.get(k))},
        **extra,
    }


# --- the memory limit ------------------------------------------------------------------------

class MemoryLimit:
    """A memory limit for one run: a fresh cgroup (v1 or v2) below ours, else ``RLIMIT_AS``."""

    def __init__(self, limit: int = MEMORY_LIMIT) -> None:
        self.limit = limit
        self.path: Path | None = None
        self.kind = "RLIMIT_AS"

    def __enter__(self) -> "MemoryLimit":
        name = f"dockerlab-binder-{os.getpid()}-{time.monotonic_ns()}"
        for kind, base, files in (("cgroup v1", self._v1_base(), ("memory.limit_in_bytes",)),
                                  ("cgroup v2", self._v2_base(), ("memory.max", "memory.swap.max"))):
            if base is None:
                continue
            try:
                path = base / name
                path.mkdir()
            except OSError:
                continue
            try:
                for file in files:
                    if (path / file).exists():
                        (path / file).write_text("0" if file == "memory.swap.max" else str(self.limit))
                if kind == "cgroup v1" and (path / "memory.memsw.limit_in_bytes").exists():
                    (path / "memory.memsw.limit_in_bytes").write_text(str(self.limit))
            except OSError:
                path.rmdir()
                continue
            self.path, self.kind = path, kind
            break
        return self

    @staticmethod
    def _own(controller: str) -> str | None:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if controller in controllers.split(","):
                return path
        return None

    def _v1_base(self) -> Path | None:
        own = self._own("memory")
        base = Path("/sys/fs/cgroup/memory") / (own or "/").lstrip("/")
        return base if own is not None and (base / "memory.limit_in_bytes").exists() else None

    def _v2_base(self) -> Path | None:
        own = self._own("")
        if own is None:
            return None
        for mount in (Path("/sys/fs/cgroup"), Path("/sys/fs/cgroup/unified")):
            base = mount / own.lstrip("/")
            controllers = base / "cgroup.subtree_control"
            if controllers.exists() and "memory" in controllers.read_text().split():
                return base
        return None

    def describe(self) -> str:
        if self.path is None:
            return f"RLIMIT_AS (ulimit -v) {ADDRESS_SPACE_FALLBACK >> 20} MiB of address space"
        return f"{self.kind} memory limit {self.limit >> 20} MiB at {self.path}"

    def preexec(self) -> None:
        """In the child, before ``runuser``: join the cgroup (or set the address-space limit)."""
        if self.path is not None:
            (self.path / "cgroup.procs").write_text(str(os.getpid()))
        else:
            resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_FALLBACK, ADDRESS_SPACE_FALLBACK))

    def peak(self) -> int | None:
        """Most memory the run used at once (bytes), when the cgroup says."""
        for name in ("memory.max_usage_in_bytes", "memory.peak"):
            if self.path is not None and (self.path / name).exists():
                return int((self.path / name).read_text().split()[0])
        return None

    def oom_kills(self) -> int:
        for name in ("memory.oom_control", "memory.events"):
            if self.path is not None and (self.path / name).exists():
                m = re.search(r"^oom_kill (\d+)$", (self.path / name).read_text(), re.M)
                if m:
                    return int(m.group(1))
        return 0

    def pids(self) -> list[int]:
        if self.path is None:
            return []
        return [int(p) for p in (self.path / "cgroup.procs").read_text().split()]

    def __exit__(self, *exc) -> None:
        if self.path is None:
            return
        # Whatever the run left behind (a kernel, a proot) was started by this run: end it.
        deadline = time.monotonic() + 30
        while self.pids() and time.monotonic() < deadline:
            for pid in self.pids():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)
        try:
            self.path.rmdir()
        except OSError as error:
            if error.errno not in (errno.EBUSY, errno.ENOENT):
                raise


# --- running as the learner ------------------------------------------------------------------

# What root installed on this machine beyond apt.txt's packages (``scripts/system-deps.sh test``
# unpacks Debian's arm64 busybox there for other tests). Binder has none of it, so the learner's
# runs do not see it: each runs in a mount namespace of its own with an empty read-only tmpfs
# over these folders.
ROOT_EXTRAS = ("/usr/local/lib/dockerlab",)


def hidden_extras() -> list[str]:
    """The :data:`ROOT_EXTRAS` that exist here (and so must be hidden from the learner)."""
    return [path for path in ROOT_EXTRAS if os.path.isdir(path)]


def run_as(user: pwd.struct_passwd, argv: list[str], *, cwd: Path, env: dict[str, str],
           limit: MemoryLimit | None = None, timeout: float = 900.0) -> subprocess.CompletedProcess:
    """Run ``argv`` as ``user`` (``runuser`` when we are root) with exactly ``env``, in a mount
    namespace where root's extras (:data:`ROOT_EXTRAS`) are not there."""
    command, outer_env = list(argv), env
    if os.geteuid() == 0 and user.pw_uid != 0:
        # runuser keeps some of root's variables; ``env -i`` leaves exactly ``env``.
        command = [shutil.which("runuser") or "/usr/sbin/runuser", "-u", user.pw_name, "--",
                   "/usr/bin/env", "-i", *(f"{k}={v}" for k, v in env.items()), *argv]
        outer_env = None
        hide = hidden_extras()
        if hide:
            mounts = " && ".join(f"mount -t tmpfs -o ro,size=4k,mode=755 dockerlab-binder {shlex.quote(p)}"
                                 for p in hide)
            command = [shutil.which("unshare") or "/usr/bin/unshare", "--mount", "--propagation",
                       "private", "--", "/bin/sh", "-c", f'{mounts} && exec "$@"', "sh", *command]
    return subprocess.run(command, cwd=cwd, env=outer_env, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit.preexec if limit else None,
                          stdin=subprocess.DEVNULL)


def path_without(program: str, folder: Path) -> Path:
    """A folder of links to every program on the usual PATH except ``program``: a machine where
    ``program`` is not installed, for the learner's ``PATH``."""
    folder.mkdir(parents=True, exist_ok=True)
    for directory in ("/usr/local/bin", "/usr/bin", "/bin"):
        for name in sorted(os.listdir(directory)) if os.path.isdir(directory) else ():
            link = folder / name
            if name != program and not os.path.lexists(link):
                link.symlink_to(os.path.join(directory, name))
    return folder


def make_home(user: pwd.struct_passwd) -> Path:
    """A fresh folder standing in for the learner's Binder home (``/home/jovyan``)."""
    home = Path(tempfile.mkdtemp(prefix="dl-binder-home-"))
    os.chmod(home, 0o755)
    chown_tree(home, user)
    return home


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def python_of(env: Path) -> str:
    return str(env / "bin" / "python")


