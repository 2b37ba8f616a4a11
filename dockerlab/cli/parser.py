"""An ``argparse.ArgumentParser`` that speaks the learner's language.

argparse writes its own words ("usage:", "positional arguments", "options", "show this help
message and exit", "error: invalid choice …") through gettext, which follows the system locale —
English on Binder. Patching ``argparse._`` would change every other program in the learner's
kernel, so this subclass replaces just those texts: the usage prefix (through the formatter), the
group titles, the ``-h`` help and :meth:`error`, whose common argparse messages are recognised by
pattern and rendered again from our catalog.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from ..i18n import tr


# argparse's English messages (Python 3.10–3.13), each mapped to a catalog key.
_PATTERNS = (
    (re.compile(r"^argument (?P<argument>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)$"),
     "cli.argparse.invalid_choice"),
    (re.compile(r"^the following arguments are required: (?P<names>.+)$"), "cli.argparse.required"),
    (re.compile(r"^unrecognized arguments: (?P<names>.+)$"), "cli.argparse.unrecognized"),
    (re.compile(r"^argument (?P<argument>.+?): expected one argument$"), "cli.argparse.expected_one"),
    (re.compile(r"^argument (?P<argument>.+?): invalid (?P<type>\S+) value: (?P<value>.+)$"),
     "cli.argparse.invalid_value"),
    (re.compile(r"^argument (?P<argument>.+?): not allowed with argument (?P<other>.+)$"),
     "cli.argparse.not_allowed"),
    (re.compile(r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.+)$"), "cli.argparse.ambiguous"),
)


def translate(message: str) -> str:
    """argparse's English ``message`` in the active language (unchanged when not recognised)."""
    for pattern, key in _PATTERNS:
        match = pattern.match(message)
        if match:
            return tr(key, **match.groupdict())
    return message


class _TranslatedUsage:
    """Formatter mixin: the "usage: " prefix from the catalog."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, tr("cli.usage_prefix") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """``ArgumentParser`` whose own words are Indonesian by default (English with ``--lang en``).

    Sub-command parsers are created with the same class (argparse uses ``type(parent)``).
    """

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:  # type: ignore[no-untyped-def]
        formatter = kwargs.get("formatter_class", argparse.HelpFormatter)
        kwargs["formatter_class"] = type(f"Translated{formatter.__name__}", (_TranslatedUsage, formatter), {})
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = tr("cli.positionals")
        self._optionals.title = tr("cli.optionals")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=tr("cli.help_help"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, tr("cli.usage_error", prog=self.prog, message=translate(message)) + "\n")
