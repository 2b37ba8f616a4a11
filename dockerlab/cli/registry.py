"""``dockerlab push|pull|tags|manifest inspect|registry start|stop|status``: images and registries."""

from __future__ import annotations

import json
import sys

from ..i18n import tr
from .output import engine, print_json


def register(subparsers) -> None:
    p = subparsers.add_parser("push", help=tr("cli.push.help"))
    p.add_argument("ref")
    p.add_argument("--uncompressed", action="store_true", help=tr("cli.push.uncompressed"))
    p.add_argument("-q", "--quiet", action="store_true", help=tr("cli.quiet_transfer"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_push)

    p = subparsers.add_parser("pull", help=tr("cli.pull.help"))
    p.add_argument("ref")
    p.add_argument("--platform", help=tr("cli.pull.platform"))
    p.add_argument("--all-platforms", action="store_true", help=tr("cli.pull.all"))
    p.add_argument("-q", "--quiet", action="store_true", help=tr("cli.quiet_transfer"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_pull)

    p = subparsers.add_parser("tags", help=tr("cli.tags.help"))
    p.add_argument("repository")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_tags)

    manifest = subparsers.add_parser("manifest", help=tr("cli.manifest.help")).add_subparsers(dest="manifest_cmd")
    p = manifest.add_parser("inspect", help=tr("cli.manifest.inspect"))
    p.add_argument("ref")
    p.add_argument("--platform", help=tr("cli.pull.platform"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_manifest_inspect)

    registry = subparsers.add_parser("registry", help=tr("cli.registry.help")).add_subparsers(dest="registry_cmd")
    for name in ("start", "stop", "status"):
        p = registry.add_parser(name, help=tr(f"cli.registry.{name}"))
        p.add_argument("--storage", help=tr("cli.registry.storage"))
        p.add_argument("--json", action="store_true")
        if name == "start":
            p.add_argument("--port", type=int, help=tr("cli.registry.port"))
            p.add_argument("--mirror-of", help=tr("cli.registry.mirror"))
        p.set_defaults(handler=globals()[f"run_registry_{name}"])


def _emit(args, data: object, text: str) -> None:
    if args.json:
        print_json(data)
    else:
        print(text)


def run_push(args) -> int:
    result = engine().push(args.ref, compression=None if args.uncompressed else "gzip",
                           progress=not (args.json or args.quiet) and sys.stderr.isatty())
    if args.quiet and not args.json:
        print(args.ref)
        return 0
    data = {"ref": result.ref, "digest": result.digest, "local_digest": result.local_digest}
    if hasattr(result, "image_id"):
        data["image_id"] = result.image_id
    _emit(args, data, str(result) + ("\n" + result.table() if hasattr(result, "table") else ""))
    return 0


def run_pull(args) -> int:
    options = {"progress": not (args.json or args.quiet) and sys.stderr.isatty()}
    if args.platform:
        options["platform"] = args.platform
    if args.all_platforms:
        options["all_platforms"] = True
    view = engine().pull(args.ref, **options)
    image_id = getattr(view, "id", None)
    data = {"ref": args.ref, "digest": view.digest, "id": image_id}
    if args.quiet and not args.json:  # docker pull -q prints the full name it pulled
        print(args.ref)
        return 0
    _emit(args, data, tr("cli.pull.done", ref=args.ref, digest=view.digest, id=image_id or "-"))
    return 0


def run_tags(args) -> int:
    from ..registry import list_tags

    tags = list_tags(args.repository)
    _emit(args, tags, "\n".join(tags))
    return 0


def run_manifest_inspect(args) -> int:
    from ..model import Image, ImageIndex, mediatypes as mt
    from ..registry import inspect_remote

    found = inspect_remote(args.ref, platform=args.platform)
    if args.json:
        print_json(json.loads(found.index.raw if isinstance(found, ImageIndex) else found.manifest.raw))
        return 0
    if isinstance(found, ImageIndex):
        print(tr("cli.manifest.index", ref=args.ref, digest=found.digest, count=len(found.manifests)))
        for desc in found.manifests:
            size = Image.from_digest(found.source, desc.digest).size if mt.is_manifest(desc.media_type) else "-"
            print("  " + tr("cli.manifest.entry", platform=desc.platform or "-", digest=desc.digest, size=size))
        return 0
    print(tr("cli.manifest.summary", ref=args.ref, kind="manifest", digest=found.digest,
             count=len(found.manifest.layers), size=found.size, platform=found.platform))
    return 0


def run_registry_start(args) -> int:
    from ..registry.server import start_registry

    options = {"port": args.port} if args.port else {}
    if args.mirror_of:
        options["mirror_of"] = args.mirror_of
    server = start_registry(args.storage, **options)
    _emit(args, _state(server), f"{server}\n{tr('cli.registry.use', address=server.address)}")
    return 0


def run_registry_stop(args) -> int:
    from ..registry.server import stop_registry

    server = stop_registry(args.storage)
    _emit(args, _state(server), tr("registry.stopped", address=server.address))
    return 0


def run_registry_status(args) -> int:
    from ..registry.server import RegistryServer

    server = RegistryServer.attach(args.storage)
    if server is None:
        storage = RegistryServer(args.storage, port=1).storage
        _emit(args, {"running": False, "storage": str(storage)}, tr("registry.not_running", storage=storage))
        return 3
    _emit(args, _state(server), str(server))
    return 0


def _state(server) -> dict:
    return {"running": server.running, "address": server.address, "storage": str(server.storage),
            "pid": server.pid}
