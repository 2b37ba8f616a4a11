"""``dockerlab run|ps|logs|stop|rm|diff|commit``: Docker's container verbs on the active engine."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import Any

from ..i18n import tr
from .output import engine as _engine, print_json, table


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
        p.add_argument("-p", "--publish", action="append", default=[], metavar="HOST:KONTAINER",
                       help=tr("cli.run.publish"))
        p.add_argument("-w", "--workdir", help=tr("cli.run.workdir"))
        p.add_argument("-u", "--user", help=tr("cli.run.user"))
        p.add_argument("--rm", action="store_true", help=tr("cli.run.rm"))
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
            p.add_argument("--no-trunc", action="store_true", help=tr("cli.ps.no_trunc"))
            p.add_argument("--format", help=tr("cli.format_help"))
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
        from ..engines.docker_container import get as docker_get

        return docker_get(engine, ref)
    from ..container import get

    return get(engine.store, ref)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def run_run(args) -> int:
    from ..errors import ContainerError

    env = {}
    for item in args.env:
        key, sep, value = item.partition("=")
        if not key or any(c.isspace() for c in key):
            raise ContainerError("cli.run.bad_env", value=item)
        if sep:
            env[key] = value
        elif key in os.environ:  # docker run -e NAME passes the caller's NAME, and nothing when unset
            env[key] = os.environ[key]
    options: dict[str, Any] = {"detach": args.detach, "name": args.name, "env": env or None,
                               "workdir": args.workdir, "user": args.user, "remove": args.rm}
    engine = _engine()
    if args.publish:
        ports = publish_ports(args.publish)
        if getattr(engine, "name", "") == "docker":
            options.update(publish=ports, network_mode="bridge")
        else:
            local = _local_ports(ports)
            if local is None or not args.detach:
                raise ContainerError("cli.run.publish_local", value=args.publish[0])
            options["ports"] = local
    if args.entrypoint is not None:
        options["entrypoint"] = [args.entrypoint] if args.entrypoint else []
    if not args.detach and not args.json:
        options["output"] = _write
    container = engine.run(args.image, args.command or None, **options)
    if args.json:
        print_json(_row(container))
    elif args.detach:
        print(container.id)
    return 0 if args.detach else int(container.exit_code or 0)


_PUBLISH = re.compile(r"^(?:(?:(?P<ip>\[[0-9a-fA-F:.]+\]|[0-9.]+):)?(?P<host>\d*):)?(?P<port>\d+)(?:/(?P<proto>tcp|udp|sctp))?$")


def publish_ports(values: list[str]) -> dict[str, Any]:
    """``-p`` values as the docker SDK's ``ports`` mapping (``{"80/tcp": 8080}``), Docker's forms:
    ``CONTAINER``, ``HOST:CONTAINER``, ``IP:HOST:CONTAINER``, ``IP::CONTAINER``, each ``/udp``-able."""
    from ..errors import ContainerError

    ports: dict[str, Any] = {}
    for value in values:
        match = _PUBLISH.match(value.strip())
        if match is None or not 0 < int(match["port"]) < 65536 or (match["host"] and not 0 < int(match["host"]) < 65536):
            raise ContainerError("cli.run.bad_publish", value=value)
        key = f"{int(match['port'])}/{match['proto'] or 'tcp'}"
        host = int(match["host"]) if match["host"] else None
        ports[key] = (match["ip"].strip("[]"), host) if match["ip"] else host
    return ports


def _local_ports(ports: dict[str, Any]) -> dict[int, int | None] | None:
    """``publish_ports`` for the embedded engine: one TCP port, on loopback or no address given
    (``{8080: None}``, ``{80: 18080}``); None for anything else."""
    if len(ports) != 1:
        return None
    ((key, value),) = ports.items()
    port, _, proto = key.partition("/")
    ip, host = value if isinstance(value, tuple) else (None, value)
    if proto != "tcp" or ip not in (None, "127.0.0.1"):
        return None
    return {int(port): host}


def _ports(c) -> str:
    """The PORTS cell of ``docker ps``: ``0.0.0.0:8080->80/tcp``, or empty."""
    published = getattr(c, "bindings", None)
    if published is None:  # the embedded engine: its PORT on loopback
        return ", ".join(f"127.0.0.1:{host}->{port}/tcp" for port, host in sorted(c.ports.items()))
    cells = []
    for port, bindings in sorted(published.items()):
        if not bindings:
            cells.append(port)
        for b in bindings or []:
            cells.append(f"{b.get('HostIp') or '0.0.0.0'}:{b.get('HostPort')}->{port}")
    return ", ".join(cells)


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
            print(c.id if args.no_trunc else c.short_id)
        return 0
    cells = []
    for c in found:
        command = " ".join(getattr(c, "command", []))
        if not args.no_trunc and len(command) > 20:  # docker ps cuts the command at 20 characters
            command = command[:19] + "…"
        created = str(getattr(c, "created", "") or "")[:19].replace("T", " ")
        cells.append({"ID": c.id if args.no_trunc else c.short_id, "Image": c.image,
                      "Command": json.dumps(command, ensure_ascii=False), "CreatedAt": created,
                      "Status": c.status_text(), "Ports": _ports(c), "Names": c.name})
    keys = ("id", "image", "command", "created", "status", "ports", "name")
    headers = dict(zip(("ID", "Image", "Command", "CreatedAt", "Status", "Ports", "Names"),
                       (tr(f"cli.ps.{k}") for k in keys)))
    if args.format:
        from .output import formatted

        print(formatted(args.format, cells, headers))
        return 0
    print(table([list(headers.values()), *[list(row.values()) for row in cells]]))
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
