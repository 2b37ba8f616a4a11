"""``dockerlab history|layers|tree|diff|efficiency|inspect``: look inside images from a terminal.

Each verb prints a readable Indonesian (or English) table, or JSON with ``--json`` for scripts.
Images are named by reference and resolved through the active engine.
"""

from __future__ import annotations

import sys
from typing import Any

from ..i18n import messages, tr
from .output import print_json

messages({
    "cli.inspect.history": ("riwayat langkah sebuah image (seperti docker history)",
                            "the steps of an image (like docker history)"),
    "cli.inspect.layers": ("layer sebuah image: digest, diff_id, ukuran", "layers of an image: digest, diff_id, sizes"),
    "cli.inspect.tree": ("pohon file image, atau perubahan satu layer", "file tree of an image, or of one layer's changes"),
    "cli.inspect.diff": ("perbedaan dua image (layer bersama, file)", "differences between two images (shared layers, files)"),
    "cli.inspect.efficiency": ("efisiensi image dan ruang terbuang (seperti dive)",
                               "image efficiency and wasted space (like dive)"),
    "cli.inspect.inspect": ("manifest dan config sebagai JSON", "manifest and config as JSON"),
    "cli.inspect.image": ("image (nama:tag, nama@sha256:…, atau ID)", "image (name:tag, name@sha256:… or ID)"),
    "cli.inspect.json": ("keluaran JSON untuk skrip", "JSON output for scripts"),
    "cli.inspect.layer": ("hanya perubahan layer ke-N (0 = dasar)", "only the changes of layer N (0 = base)"),
    "cli.inspect.depth": ("kedalaman pohon yang ditampilkan", "tree depth to show"),
    "cli.inspect.path": ("mulai dari folder ini", "start at this folder"),
    "cli.inspect.measure": ("baca layer terkompresi untuk tahu ukuran aslinya",
                            "read compressed layers to learn their real size"),
})


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
    from ..inspection import history

    return _emit(history(_image(args.image)), args)


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


def _inspect(args: Any) -> int:
    from ..inspection import inspect

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

    add("history", _history)
    add("layers", _layers).add_argument("--measure", action="store_true", help=tr("cli.inspect.measure"))
    tree = add("tree", _tree)
    tree.add_argument("--layer", type=int, default=None, help=tr("cli.inspect.layer"))
    tree.add_argument("--depth", type=int, default=3, help=tr("cli.inspect.depth"))
    tree.add_argument("--path", default="/", help=tr("cli.inspect.path"))
    add("diff", _diff).add_argument("other", help=tr("cli.inspect.image"))
    add("efficiency", _efficiency)
    add("inspect", _inspect)
