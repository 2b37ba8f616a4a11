"""``python -m dockerlab.kelas start|remove`` — what ``make hub`` runs (as root).

``start`` makes the accounts and homes (:mod:`.roster`), prints where the hub listens and where
the logins are, and replaces itself with ``jupyterhub -f jupyterhub_config.py``; Ctrl+C stops the
hub, every learner's server and the class services. ``remove`` deletes the accounts this class
made, their homes and the class folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import DockerlabError
from ..i18n import tr
from ..registry.server import free_port
from . import roster

CONFIG = Path(__file__).parent / "hub" / "jupyterhub_config.py"


def _notebooks() -> Path:
    from ..course.lesson import find_notebooks

    return Path(os.environ.get("KELAS_NOTEBOOKS") or find_notebooks())


def start(args: argparse.Namespace) -> int:
    if args.users:
        learners = roster.numbered(args.users, args.prefix)
    else:
        if not Path(args.users_file).exists():
            print(tr("kelas.no_users_file", path=args.users_file), file=sys.stderr)
            return 2
        learners = roster.read_names(args.users_file)
    registry = f"127.0.0.1:{args.registry_port or free_port()}"
    members = roster.create(learners, teacher=args.teacher, notebooks=_notebooks(), registry=registry)
    folder = roster.class_dir()
    ports = {"KELAS_PORT": str(args.port), "KELAS_IP": args.ip}
    for name in ("KELAS_HUB_PORT", "KELAS_PROXY_API_PORT", "KELAS_TEACHER_PORT", "KELAS_TOKEN_PORT"):
        ports[name] = os.environ.get(name) or str(free_port())
    os.environ.update(ports)
    os.environ["KELAS_DIR"] = str(folder)
    shown = "127.0.0.1" if args.ip in ("0.0.0.0", "") else args.ip
    scheme = "https" if os.environ.get("KELAS_SSL_CERT") else "http"
    print(tr("kelas.ready", count=len(members) - 1, teacher=args.teacher, url=f"{scheme}://{shown}:{args.port}/",
             port=args.port, accounts=folder / "akun.csv", registry=registry), flush=True)
    os.chdir(folder)
    hub = str(Path(sys.executable).with_name("jupyterhub"))
    os.execv(hub, [hub, "-f", str(CONFIG)])
    return 0  # not reached


def remove(args: argparse.Namespace) -> int:
    names = roster.remove()
    print(tr("kelas.removed", names=", ".join(names) or tr("kelas.none_removed")))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dockerlab.kelas",
                                     description="Kelas dockerlab di satu server (JupyterHub).")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("start", help="buat akun peserta lalu jalankan JupyterHub")
    run.add_argument("--users", type=int, default=0, help="jumlah peserta (peserta01 …) tanpa users.txt")
    run.add_argument("--users-file", default="users.txt", help="satu nama peserta per baris")
    run.add_argument("--prefix", default="peserta", help="awalan nama untuk --users N")
    run.add_argument("--teacher", default=roster.TEACHER, help="akun pengajar (admin hub)")
    run.add_argument("--port", type=int, default=8000)
    run.add_argument("--ip", default="0.0.0.0")
    run.add_argument("--registry-port", type=int, default=0)
    run.set_defaults(fn=start)
    sub.add_parser("remove", help="hapus akun yang dibuat untuk kelas ini").set_defaults(fn=remove)
    args = parser.parse_args(argv)
    try:
        return args.fn(args)
    except DockerlabError as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
