"""``dockerlab run|ps|logs|stop|rm|diff|commit``: Docker's container verbs on the active engine."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..i18n import messages, tr
from .output import engine as _engine, print_json, table

messages({
    "cli.container.help": (
        "perintah kontainer (docker container …): run, ls, logs, stop, rm, diff, commit",
        "container commands (docker container …): run, ls, logs, stop, rm, diff, commit",
    ),
    "cli.run.help": ("jalankan perintah di kontainer baru (docker run)", "run a command in a new container (docker run)"),
    "cli.run.detach": ("jalankan di latar belakang dan cetak ID kontainer", "run in the background and print the container ID"),
    "cli.run.name": ("nama kontainer", "container name"),
    "cli.run.env": ("variabel lingkungan NAMA=nilai (boleh diulang)", "environment variable NAME=value (may repeat)"),
    "cli.run.workdir": ("folder kerja di dalam kontainer", "working directory inside the container"),
    "cli.run.user": ("user (nama atau UID[:GID])", "user (name or UID[:GID])"),
    "cli.run.rm": ("hapus kontainer setelah selesai", "remove the container when it ends"),
    "cli.run.publish": ("buka port kontainer di 127.0.0.1 (PORT, HOST:PORT, atau 127.0.0.1:HOST:PORT; "
                        "HOST kosong = dipilih otomatis)",
                        "publish a container port on 127.0.0.1 (PORT, HOST:PORT or 127.0.0.1:HOST:PORT; "
                        "an empty HOST is chosen automatically)"),
    "cli.run.entrypoint": ("ganti ENTRYPOINT image", "override the image's ENTRYPOINT"),
    "cli.run.image": ("image yang dijalankan", "image to run"),
    "cli.run.command": ("perintah dan argumennya (bawaan: CMD image)", "command and its arguments (default: the image's CMD)"),
    "cli.run.bad_env": ("-e {value!r} harus berbentuk NAMA=nilai.", "-e {value!r} must look like NAME=value."),
    "cli.ps.help": ("daftar kontainer (docker ps)", "list containers (docker ps)"),
    "cli.ps.all": ("tampilkan juga kontainer yang sudah berhenti", "also show containers that have ended"),
    "cli.ps.id": ("ID KONTAINER", "CONTAINER ID"),
    "cli.ps.image": ("IMAGE", "IMAGE"),
    "cli.ps.command": ("PERINTAH", "COMMAND"),
    "cli.ps.created": ("DIBUAT", "CREATED"),
    "cli.ps.status": ("STATUS", "STATUS"),
    "cli.ps.name": ("NAMA", "NAMES"),
    "cli.logs.help": ("tampilkan keluaran kontainer (docker logs)", "show a container's output (docker logs)"),
    "cli.stop.help": ("hentikan kontainer (docker stop)", "stop containers (docker stop)"),
    "cli.stop.time": ("detik menunggu sebelum SIGKILL", "seconds to wait before SIGKILL"),
    "cli.rm.help": ("hapus kontainer (docker rm)", "remove containers (docker rm)"),
    "cli.rm.force": ("hentikan dulu bila masih berjalan", "stop it first if it is running"),
    "cli.diff.help": ("perubahan berkas di kontainer (docker diff)", "file changes in a container (docker diff)"),
    "cli.commit.help": ("jadikan kontainer image baru (docker commit)", "make a new image from a container (docker commit)"),
    "cli.commit.message": ("pesan commit", "commit message"),
    "cli.commit.author": ("penulis", "author"),
    "cli.prune.help": (
        "hapus semua kontainer yang sudah berhenti (docker container prune)",
        "remove every container that has ended (docker container prune)",
    ),
    "cli.prune.done": ("Dihapus: {count} kontainer", "Removed: {count} containers"),
    "cli.container": ("nama atau ID kontainer", "container name or ID"),
    "cli.commit.ref": ("nama:tag image baru", "name:tag of the new image"),
})


def register(subparsers) -> None:
    """Top-level verbs (``run``, ``ps`` …) where the name is free, and all of them under
    ``container`` (``dockerlab container diff NAME`` = ``docker container diff NAME``)."""
    _add_verbs(subparsers, skip=set(getattr(subparsers, "choices", {}) or {}))
    group = subparsers.add_parser("container", help=tr("cli.container.help"))
    inner = group.add_subparsers(dest="container_command", metavar="PERINTAH")
    _add_verbs(inner, skip=set(), ls_alias=True)
    p = inner.add_parser("prune", help=tr("cli.prune.help"))
    p.set_defaults(handler=run_prune)


def _add_verbs(subparsers, skip: set[str], ls_alias: bool = False) -> None:
    def add(name: str, **kw: Any):
        if name in skip:
            return None
        return subparsers.add_parser(name, **kw)

    p = add("run", help=tr("cli.run.help"))
    if p is not None:
        p.add_argument("-d", "--detach", action="store_true", help=tr("cli.run.detach"))
        p.add_argument("--name", help=tr("cli.run.name"))
        p.add_argument("-e", "--env", action="append", default=[], metavar="NAMA=nilai", help=tr("cli.run.env"))
        p.add_argument("-w", "--workdir", help=tr("cli.run.workdir"))
        p.add_argument("-u", "--user", help=tr("cli.run.user"))
        p.add_argument("--rm", action="store_true", help=tr("cli.run.rm"))
        p.add_argument("-p", "--publish", action="append", default=[], metavar="PORT", help=tr("cli.run.publish"))
        p.add_argument("--entrypoint", help=tr("cli.run.entrypoint"))
        p.add_argument("--json", action="store_true")
        p.add_argument("image", help=tr("cli.run.image"))
        p.add_argument("command", nargs=argparse.REMAINDER, help=tr("cli.run.command"))
        p.set_defaults(handler=run_run)

    for name in ("ps", "ls") if ls_alias else ("ps",):
        p = add(name, help=tr("cli.ps.help"))
        if p is not None:
            p.add_argument("-a", "--all", action="store_true", help=tr("cli.ps.all"))
            p.add_argument("-q", "--quiet", action="store_true")
            p.add_argument("--json", action="store_true")
            p.set_defaults(handler=run_ps)

    p = add("logs", help=tr("cli.logs.help"))
    if p is not None:
        p.add_argument("container", help=tr("cli.container"))
        p.set_defaults(handler=run_logs)

    p = add("stop", help=tr("cli.stop.help"))
    if p is not None:
        p.add_argument("-t", "--time", type=float, default=10.0, help=tr("cli.stop.time"))
        p.add_argument("containers", nargs="+", metavar="container", help=tr("cli.container"))
        p.set_defaults(handler=run_stop)

    p = add("rm", help=tr("cli.rm.help"))
    if p is not None:
        p.add_argument("-f", "--force", action="store_true", help=tr("cli.rm.force"))
        p.add_argument("containers", nargs="+", metavar="container", help=tr("cli.container"))
        p.set_defaults(handler=run_rm)

    p = add("diff", help=tr("cli.diff.help"))
    if p is not None:
        p.add_argument("--json", action="store_true")
        p.add_argument("container", help=tr("cli.container"))
        p.set_defaults(handler=run_diff)

    p = add("commit", help=tr("cli.commit.help"))
    if p is not None:
        p.add_argument("-m", "--message", default="", help=tr("cli.commit.message"))
        p.add_argument("-a", "--author", default="", help=tr("cli.commit.author"))
        p.add_argument("--json", action="store_true")
        p.add_argument("container", help=tr("cli.container"))
        p.add_argument("ref", nargs="?", help=tr("cli.commit.ref"))
        p.set_defaults(handler=run_commit)


def find(ref: str):
    """A container of the active engine by name or ID (prefix)."""
    engine = _engine()
    getter = getattr(engine, "container", None)
    if getter is not None:
        return getter(ref)
    if getattr(engine, "name", "") == "docker":
        from ..container.docker import get as docker_get

        return docker_get(engine, ref)
    from ..container import get

    return get(engine.store, ref)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _published(text: str) -> tuple[str, str | None]:
    """``-p`` as Docker writes it: ``8080``, ``18080:8080``, ``127.0.0.1::8080``, ``127.0.0.1:18080:8080``
    → (container port, host port or None); loopback is the only address served."""
    parts = text.split(":")
    container = parts[-1]
    host = parts[-2] if len(parts) >= 2 else ""
    return container, (host or None)


def run_run(args) -> int:
    from ..errors import ContainerError

    env = {}
    for item in args.env:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ContainerError("cli.run.bad_env", value=item)
        env[key] = value
    options: dict[str, Any] = {"detach": args.detach, "name": args.name, "env": env or None,
                               "workdir": args.workdir, "user": args.user, "remove": args.rm}
    if args.entrypoint is not None:
        options["entrypoint"] = [args.entrypoint] if args.entrypoint else []
    if args.publish:
        options["ports"] = dict(_published(item) for item in args.publish)
    if not args.detach and not args.json:
        options["output"] = _write
    container = _engine().run(args.image, args.command or None, **options)
    if args.json:
        print_json(_row(container))
    elif args.detach:
        print(container.id)
    return 0 if args.detach else int(container.exit_code or 0)


def _row(c) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "image": c.image, "command": list(getattr(c, "command", [])),
            "created": getattr(c, "created", None), "status": c.status, "exit_code": c.exit_code,
            "ports": {str(k): v for k, v in c.ports.items()}}


def run_ps(args) -> int:
    found = _engine().containers(all=args.all)
    if args.json:
        print_json([_row(c) for c in found])
        return 0
    if args.quiet:
        for c in found:
            print(c.short_id)
        return 0
    rows = [[tr(f"cli.ps.{k}") for k in ("id", "image", "command", "created", "status", "name")]]
    for c in found:
        command = " ".join(getattr(c, "command", []))
        command = command if len(command) <= 30 else command[:29] + "…"
        created = str(getattr(c, "created", "") or "")[:19].replace("T", " ")
        rows.append([c.short_id, c.image, json.dumps(command, ensure_ascii=False), created,
                     c.status_text(), c.name])
    print(table(rows))
    return 0


def run_logs(args) -> int:
    _write(find(args.container).logs())
    return 0


def run_stop(args) -> int:
    for ref in args.containers:
        find(ref).stop(timeout=args.time)
        print(ref)
    return 0


def run_rm(args) -> int:
    for ref in args.containers:
        find(ref).remove(force=args.force)
        print(ref)
    return 0


def run_diff(args) -> int:
    changes = find(args.container).diff()
    if args.json:
        print_json([c.to_dict() for c in changes])
    else:
        for change in changes:
            print(change)
    return 0


def run_commit(args) -> int:
    image = find(args.container).commit(args.ref, message=args.message, author=args.author)
    if args.json:
        print_json({"id": str(image.id), "digest": str(image.digest), "ref": args.ref})
    else:
        print(image.id)
    return 0


def run_prune(args) -> int:
    engine = _engine()
    if getattr(engine, "name", "") == "docker":
        removed = engine.client.containers.prune().get("ContainersDeleted") or []
    else:
        from ..container import prune

        removed = prune(engine.store)
    for cid in removed:
        print(cid)
    print(tr("cli.prune.done", count=len(removed)))
    return 0
