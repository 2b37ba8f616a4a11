"""``dockerlab info``: which engine is active and why, and which tools are present."""

from __future__ import annotations

from ..i18n import tr
from .output import print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser("info", help=tr("cli.info.help"))
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from .. import engines
    from ..machine import environment

    info = engines.engine()
    env = environment()
    if args.json:
        print_json({
            "engine": {"name": info.name, "version": info.version, "reason": info.reason},
            "root": env.root,
            "tools": {t.program: t.path for t in env.tools},
        })
    else:
        print(info)
        print(env)
    return 0
