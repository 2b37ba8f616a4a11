"""``dockerlab history|layers|tree|compare|efficiency|inspect``: look inside images from a terminal.

Each verb prints a readable Indonesian (or English) table, or JSON with ``--json`` for scripts.
Images are named by reference and resolved through the active engine. ``history`` shares its name
with ``docker history`` and prints Docker's columns (IMAGE, CREATED, CREATED BY, SIZE, COMMENT,
newest first); ``dockerlab layers`` is the course's clearer view. Comparing two images is
``compare``: ``diff`` is Docker's container diff (:mod:`.containers`).
"""

from __future__ import annotations

import sys
from typing import Any

from ..i18n import tr
from .output import print_json


def _image(ref: str) -> Any:
    from ..engines import lookup
    from ..inspection.arguments import as_image

    return as_image(lookup(ref), function="dockerlab")


def _emit(result: Any, args: Any, data: Any = None) -> int:
    if args.json:
        print_json(result.to_dict() if data is None else data)
    else:
        print(result)
    return 0


def _history(args: Any) -> int:
    """``docker history``: newest step first, Docker's columns and truncation."""
    from ..inspection import history
    from ..textutil import human_size
    from ..inspection.imagelist import created_text
    from .output import formatted, table

    image = _image(args.image)
    result = history(image)
    if args.json:
        return _emit(result, args)
    top = str(getattr(image, "id", "") or "")
    rows = []
    for i, row in enumerate(reversed(result.rows)):
        shown = top if args.no_trunc else top.partition(":")[2][:12]
        created_by = row.created_by or ""
        if not args.no_trunc and len(created_by) > 45:  # docker history cuts at 45 characters
            created_by = created_by[:44] + "…"
        rows.append({"ID": shown if i == 0 and top else "<missing>", "CreatedAt": created_text(row.created),
                     "CreatedBy": created_by, "Size": human_size(row.content_size), "Comment": row.comment or ""})
    if args.quiet:
        print("\n".join(r["ID"] for r in rows))
        return 0
    headers = {"ID": "IMAGE", "CreatedAt": "CREATED", "CreatedBy": "CREATED BY", "Size": "SIZE",
               "Comment": "COMMENT"}
    if args.format:
        print(formatted(args.format, rows, headers))
        return 0
    print(table([list(headers.values()), *[list(r.values()) for r in rows]]))
    return 0


def _layers(args: Any) -> int:
    from ..inspection import layers

    return _emit(layers(_image(args.image), measure=args.measure), args)


def _tree(args: Any) -> int:
    from ..inspection import tree

    result = tree(_image(args.image), layer=args.layer)
    data = [{"path": n.path, "kind": n.kind, "size": n.size, "layer": n.layer, "status": n.status,
             "previous_size": n.previous_size, "linkname": n.linkname}
            for n in result.nodes() if n.path == args.path or n.path.startswith(args.path.rstrip("/") + "/")]
    if args.json:
        return _emit(result, args, data)
    print(result.render(args.path, depth=args.depth, limit=2000))
    return 0


def _diff(args: Any) -> int:
    from ..inspection import diff

    return _emit(diff(_image(args.image), _image(args.other)), args)


def _efficiency(args: Any) -> int:
    from ..inspection import efficiency

    return _emit(efficiency(_image(args.image)), args)


def docker_inspect(image: Any) -> dict[str, Any]:
    """An image as ``docker image inspect`` shows it (its main fields, Docker's names)."""
    data = image.config.data
    ref = getattr(image, "ref", None)
    return {
        "Id": str(image.id), "RepoTags": [str(ref.familiar)] if ref is not None else [],
        "Created": data.get("created"), "Author": data.get("author", ""),
        "Config": data.get("config") or {}, "Architecture": data.get("architecture"), "Os": data.get("os"),
        "Variant": data.get("variant"), "Size": getattr(image, "size", 0) or 0,
        "RootFS": {"Type": "layers", "Layers": [str(layer.diff_id) for layer in image.layers]},
    }


def _inspect(args: Any) -> int:
    from ..inspection import inspect

    if args.format:  # docker inspect -f '{{.Config.Env}}'
        from .output import formatted

        print(formatted(args.format, [docker_inspect(_image(args.image))], {}))
        return 0
    result = inspect(_image(args.image))
    if args.json:
        return _emit(result, args)
    print(result.ansi() if sys.stdout.isatty() else result)
    return 0


def register(subparsers: Any) -> None:
    def add(name: str, handler: Any) -> Any:
        parser = subparsers.add_parser(name, help=tr(f"cli.inspect.{name}"))
        parser.add_argument("image", help=tr("cli.inspect.image"))
        parser.add_argument("--json", action="store_true", help=tr("cli.inspect.json"))
        parser.set_defaults(handler=handler)
        return parser

    history = add("history", _history)
    history.add_argument("--no-trunc", action="store_true", help=tr("cli.history.no_trunc"))
    history.add_argument("-q", "--quiet", action="store_true", help=tr("cli.history.quiet"))
    history.add_argument("--format", help=tr("cli.format_help"))
    add("layers", _layers).add_argument("--measure", action="store_true", help=tr("cli.inspect.measure"))
    tree = add("tree", _tree)
    tree.add_argument("--layer", type=int, default=None, help=tr("cli.inspect.layer"))
    tree.add_argument("--depth", type=int, default=3, help=tr("cli.inspect.depth"))
    tree.add_argument("--path", default="/", help=tr("cli.inspect.path"))
    add("compare", _diff).add_argument("other", help=tr("cli.inspect.image"))
    add("efficiency", _efficiency)
    add("inspect", _inspect).add_argument("-f", "--format", help=tr("cli.inspect.format"))
