"""The host-side launcher of one container process (run as a script: ``python -I -S _launcher.py``).

It is a separate, stdlib-only program so that the calling process (often a threaded Jupyter kernel)
never forks into namespaces itself. It reads a JSON spec from the file named by ``argv[1]`` and:

* ``mode == "namespaces"`` (root): ``unshare(2)`` new mount, PID, UTS, IPC and network namespaces
  (the network one only loopback, like ``--network none``; with ``"network": "host"`` in the spec
  the host's network is kept, like ``--network host``, so a server is reachable on a host port),
  forks a PID-1 "init" that mounts ``/proc`` (with Docker's read-only and masked paths), a small
  ``/dev`` (tmpfs + bind-mounted host devices) and ``/dev/shm``, sets the hostname and brings
  loopback up, then forks the command, which drops to Docker's default capabilities (without
  ``CAP_MKNOD``: there is no device cgroup here), ``chroot``s, changes directory and user, and
  ``execvpe``s with a clean environment. The init
  forwards signals to the command and reaps orphans, like ``docker run --init``.
* ``mode == "proot"``: runs ``proot -r ROOTFS …`` and forwards signals to it.

Either way it writes ``{"exit_code": n, "exec_error": {...} | null}`` to ``status_file`` when
the command ends, so a later Python process can learn the exit code of a detached container.
Written by hand because util-linux ``unshare`` cannot run code between ``unshare`` and ``chroot``
(device bind mounts, loopback, exec-error reporting) and Python 3.11 has no ``os.unshare``.
"""

import ctypes
import errno
import fcntl
import json
import os
import signal
import socket
import struct
import sys
import warnings  # noqa: F401  (os.execvpe imports it lazily, after chroot it cannot)

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_RDONLY, MS_REMOUNT = 1, 32
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 8, 4096, 16384, 1 << 18
PR_CAPBSET_DROP = 24
# Docker's default capabilities (moby oci/caps/defaults.go) without CAP_MKNOD: Docker keeps it because
# its device cgroup forbids using a node; here nothing would, and a block device node is the host's disk.
KEPT_CAPS = frozenset({0, 1, 3, 4, 5, 6, 7, 8, 10, 13, 18, 29, 31})  # CHOWN DAC_OVERRIDE FOWNER FSETID KILL
# SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW SYS_CHROOT AUDIT_WRITE SETFCAP
# What Docker makes read-only or hides in /proc (moby oci/defaults.go ReadonlyPaths, MaskedPaths):
PROC_READONLY = ("bus", "fs", "irq", "sys", "sysrq-trigger")
PROC_MASKED = ("asound", "acpi", "kcore", "keys", "latency_stats", "timer_list", "timer_stats", "sched_debug",
               "scsi")
FORWARDED = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)
DEVICES = ("null", "zero", "full", "random", "urandom", "tty")

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source, target, fstype, flags, data=None):
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), f"mount {target}")


def _exit_code(status):
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code


_received = []  # signals forwarded so far


def _forward_to(pid):
    def handler(signum, _frame):
        _received.append(signum)
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass
    for sig in FORWARDED:
        signal.signal(sig, handler)


def _ready(spec):
    """Tell the caller that signals are now forwarded (and the command started or failed)."""
    if spec.get("ready_fd") is not None:
        try:
            os.close(spec["ready_fd"])
        except OSError:
            pass


def _loopback_up():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sH", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(s, 0x8913, req))[1]  # SIOCGIFFLAGS
        fcntl.ioctl(s, 0x8914, struct.pack("16sH", b"lo", flags | 0x1))  # SIOCSIFFLAGS, IFF_UP


def _protect_proc(proc):
    """/proc as Docker leaves it to a container: the knobs that reach the host read-only
    (``/proc/sys``, ``/proc/sysrq-trigger`` …), the ones that leak it hidden."""
    for name in PROC_READONLY:
        path = os.path.join(proc, name)
        if os.path.exists(path):
            _mount(path, path, None, MS_BIND | MS_REC)
            _mount(path, path, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for name in PROC_MASKED:
        path = os.path.join(proc, name)
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_RDONLY)
        elif os.path.exists(path):
            _mount("/dev/null", path, None, MS_BIND)


def _drop_capabilities():
    """Keep only Docker's default capabilities (without MKNOD) for the command and what it runs."""
    with open("/proc/sys/kernel/cap_last_cap") as fh:
        last = int(fh.read())
    for cap in range(last + 1):
        if cap not in KEPT_CAPS:
            _check(_libc.prctl(ctypes.c_int(PR_CAPBSET_DROP), ctypes.c_ulong(cap), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0)), f"drop capability {cap}")


def _setup_mounts(root):
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("proc", os.path.join(root, "proc"), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _protect_proc(os.path.join(root, "proc"))
    dev = os.path.join(root, "dev")
    _mount("tmpfs", dev, "tmpfs", MS_NOSUID, "mode=755,size=65536k")
    for name in DEVICES:
        if os.path.exists("/dev/" + name):
            open(os.path.join(dev, name), "w").close()
            _mount("/dev/" + name, os.path.join(dev, name), None, MS_BIND)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, os.path.join(dev, name))
    for name in ("pts", "shm"):
        os.mkdir(os.path.join(dev, name), 0o755)
    _mount("shm", os.path.join(dev, "shm"), "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=65536k")


def _command(spec, err_w):
    """The container's command: chroot, chdir, drop to the user, exec. Never returns."""
    try:
        os.umask(0o022)  # Docker's, whatever the caller's
        _drop_capabilities()  # reads /proc/sys/kernel/cap_last_cap: before the chroot
        os.chroot(spec["rootfs"])
        os.chdir(spec["workdir"])
        os.setgroups(spec.get("groups", []))
        os.setgid(spec["gid"])
        os.setuid(spec["uid"])
        env = dict(item.split("=", 1) for item in spec["env"])
        for sig in FORWARDED:
            signal.signal(sig, signal.SIG_DFL)
        os.execvpe(spec["argv"][0], spec["argv"], env)
    except BaseException as exc:
        number = exc.errno if isinstance(exc, OSError) else 0
        os.write(err_w, json.dumps({"errno": number, "strerror": getattr(exc, "strerror", None) or str(exc),
                                    "argv0": spec["argv"][0]}).encode())
        os._exit(126 if number in (errno.EACCES, errno.ENOEXEC) else 127)
    os._exit(127)


def _init(spec):
    """PID 1 of the new PID namespace. Returns the command's exit code."""
    root = spec["rootfs"]
    _setup_mounts(root)
    socket.sethostname(spec.get("hostname") or "dockerlab")
    if spec.get("network") != "host":
        try:
            _loopback_up()
        except OSError:
            pass
    err_r, err_w = os.pipe()
    os.set_inheritable(err_w, False)
    fcntl.fcntl(err_w, fcntl.F_SETFD, fcntl.FD_CLOEXEC)
    child = os.fork()
    if child == 0:
        os.close(err_r)
        _command(spec, err_w)
    os.close(err_w)
    _forward_to(child)
    failure = b""
    while chunk := os.read(err_r, 4096):
        failure += chunk
    os.close(err_r)
    if failure:
        with open(spec["status_file"] + ".exec", "wb") as fh:
            fh.write(failure)
    _ready(spec)
    code = None
    while True:  # reap everything; leave when the command itself has ended
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        if pid == child:
            code = _exit_code(status)
            break
    return 127 if code is None else code


_FALLBACK = {
    "setup_failed": "dockerlab: the container could not be set up: {error}",
    "cannot_exec": "dockerlab: {program} cannot be run: {error}",
    "not_dir": "dockerlab: /{name} in the image is not a directory",
}


def _say(spec, key, **values):
    """Write one of the parent's translated lines (spec["texts"]) onto the container's output."""
    text = (spec.get("texts") or {}).get(key) or _FALLBACK[key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    os.write(2, (text + "\n").encode("utf-8", "replace"))


def _namespaces(spec):
    network = 0 if spec.get("network") == "host" else CLONE_NEWNET
    _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | network), "unshare")
    child = os.fork()
    if child == 0:
        try:
            code = _init(spec)
        except BaseException as exc:  # report setup failures on the container's output
            _say(spec, "setup_failed", error=exc)
            code = 125
        os._exit(code)
    _forward_to(child)
    _ready(spec)
    _, status = os.waitpid(child, 0)
    for name in ("dev", "proc"):  # the mounts live in our namespace too: detach them
        _libc.umount2(os.path.join(spec["rootfs"], name).encode(), 2)  # MNT_DETACH
    return _exit_code(status)


def _proot(spec):
    argv = [spec["proot"], "-r", spec["rootfs"], "-w", spec["workdir"], "-v", "-1",
            "-b", "/dev", "-b", "/proc"]
    argv += ["-0"] if spec["uid"] == 0 else ["-i", f"{spec['uid']}:{spec['gid']}"]
    argv += spec.get("proot_extra", []) + list(spec["argv"])
    env = dict(item.split("=", 1) for item in spec["env"])
    env.update({k: v for k, v in os.environ.items() if k.startswith("PROOT_")})
    child = os.fork()
    if child == 0:
        for sig in FORWARDED:
            signal.signal(sig, signal.SIG_DFL)
        os.umask(0o022)  # Docker's, whatever the caller's; proot passes it on
        try:
            os.execve(argv[0], argv, env)
        except OSError as exc:
            _say(spec, "cannot_exec", program=argv[0], error=exc)
        os._exit(125)
    _forward_to(child)
    _ready(spec)
    _, status = os.waitpid(child, 0)
    code = _exit_code(status)
    if code == 255 and _received:  # proot reports a tracee killed by a signal as 255
        code = 128 + _received[-1]
    return code


def main():
    if sys.argv[1:] == ["--probe"]:  # can this machine make the namespaces?
        try:
            _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET), "unshare")
        except OSError as exc:
            print(exc)
            return 1
        return 0
    with open(sys.argv[1], "rb") as fh:
        spec = json.loads(fh.read())
    if spec.get("ready_fd") is not None:  # closed by exec in the command, by hand elsewhere
        fcntl.fcntl(spec["ready_fd"], fcntl.F_SETFD, fcntl.FD_CLOEXEC)
    created, code = [], None
    if spec["mode"] == "namespaces":
        for name in ("proc", "dev"):
            path = os.path.join(spec["rootfs"], name)
            if not os.path.lexists(path):
                os.mkdir(path, 0o755)
                created.append(path)
            elif os.path.islink(path) or not os.path.isdir(path):  # never mount through a link
                _say(spec, "not_dir", name=name)
                code = 125
        code = _namespaces(spec) if code is None else code
    else:
        code = _proot(spec)
    for path in created:  # leave no trace of our mount points in the container's layer
        try:
            os.rmdir(path)
        except OSError:
            pass
    exec_error = None
    try:
        with open(spec["status_file"] + ".exec", "rb") as fh:
            exec_error = json.loads(fh.read())
        os.unlink(spec["status_file"] + ".exec")
    except (OSError, ValueError):
        pass
    tmp = spec["status_file"] + ".tmp"
    with open(tmp, "w") as fh:
        json.dump({"exit_code": code, "exec_error": exec_error}, fh)
    os.replace(tmp, spec["status_file"])
    return code


if __name__ == "__main__":
    sys.exit(main())
