"""The ``dockerlab`` command line: Docker's verbs, Indonesian output, ``--json`` for scripts.

Each verb group lives in its own module with a ``register(subparsers)`` function, and what they
share (the active engine, aligned tables, ``--json`` output) in :mod:`.output`; this module only
assembles them and turns :class:`DockerlabError` into a message and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import DockerlabError
from ..i18n import LANGUAGES, tr
from ..language import set_language
from .parser import Parser

# Verb-group modules, in help order. A module missing here is a packaging bug, not optional.
GROUPS = ("build", "inspect", "containers", "registry", "info")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="dockerlab", description=tr("cli.description"))
    parser.add_argument("--engine", choices=("auto", "local", "docker"), help=tr("cli.engine_help"))
    parser.add_argument("--lang", choices=("id", "en"), help=tr("cli.lang_help"))
    subparsers = parser.add_subparsers(dest="command", metavar=tr("cli.command_metavar"))
    for group in GROUPS:
        importlib.import_module(f"{__name__}.{group}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language must be set before the parser renders its help text. An unknown value is
    # left to the parser, which refuses it with a usage error in the default language.
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else (
            arg.split("=", 1)[1] if arg.startswith("--lang=") else None)
        if value is not None and value.strip().lower() in LANGUAGES:
            set_language(value)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None and not args.engine:
        parser.print_help()
        return 2
    try:
        if args.engine:
            from .. import engines

            engines.use(args.engine)
        if handler is None:
            parser.print_help()
            return 2
        result = handler(args)
    except (DockerlabError, ValueError) as exc:
        print(tr("cli.error", message=exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(tr("cli.system_error", message=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return int(result or 0)
