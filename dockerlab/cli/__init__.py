"""The ``dockerlab`` command line: Docker's verbs, Indonesian output, ``--json`` for scripts.

Each verb group lives in its own module with a ``register(subparsers)`` function; this module
only assembles them and turns :class:`DockerlabError` into a message and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import DockerlabError
from ..i18n import messages, set_language, tr

# Verb-group modules, in help order. A module missing here is a packaging bug, not optional.
GROUPS = ("build", "inspect", "containers", "registry", "info")

messages({
    "cli.description": (
        "dockerlab: membangun, memeriksa, dan menjalankan image kontainer — dengan atau tanpa Docker.",
        "dockerlab: build, inspect and run container images — with or without Docker.",
    ),
    "cli.engine_help": ("mesin yang dipakai: auto, local, atau docker", "engine to use: auto, local or docker"),
    "cli.lang_help": ("bahasa keluaran: id atau en", "output language: id or en"),
    "cli.error": ("Galat: {message}", "Error: {message}"),
})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dockerlab", description=tr("cli.description"))
    parser.add_argument("--engine", choices=("auto", "local", "docker"), help=tr("cli.engine_help"))
    parser.add_argument("--lang", choices=("id", "en"), help=tr("cli.lang_help"))
    subparsers = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for group in GROUPS:
        importlib.import_module(f"{__name__}.{group}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language must be set before the parser renders its help text.
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            set_language(argv[i + 1])
        elif arg.startswith("--lang="):
            set_language(arg.split("=", 1)[1])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.engine:
        from .. import engines

        try:
            engines.use(args.engine)
        except DockerlabError as exc:
            print(tr("cli.error", message=exc), file=sys.stderr)
            return 1
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        result = handler(args)
    except DockerlabError as exc:
        print(tr("cli.error", message=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return int(result or 0)
