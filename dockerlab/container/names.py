"""Container names: Docker's rule for what is valid, and friendly random names.

Docker names an unnamed container ``adjective_scientist``; ours are Indonesian,
``adjektiva_hewan`` (``gesit_komodo``), so learners meet the language of the course here too.
"""

from __future__ import annotations

import re
import secrets
from typing import Callable

ADJECTIVES = ("berani", "cerdas", "ceria", "gesit", "jujur", "kuat", "lincah", "manis", "ramah",
              "riang", "sabar", "santai", "sigap", "tangguh", "tekun", "tenang", "teliti", "tulus")
ANIMALS = ("anoa", "badak", "bekantan", "cendrawasih", "elang", "gajah", "jalak", "kakatua",
           "kancil", "komodo", "kukang", "maleo", "merak", "orangutan", "pesut", "rusa", "tapir",
           "tarsius")
_VALID = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+")


def valid_name(name: str) -> bool:
    """Docker's rule: ``[a-zA-Z0-9][a-zA-Z0-9_.-]+``."""
    return bool(_VALID.fullmatch(name))


def random_name(taken: Callable[[str], bool]) -> str:
    """A free ``adjektiva_hewan`` name (a number is appended when all are taken)."""
    for attempt in range(200):
        name = f"{secrets.choice(ADJECTIVES)}_{secrets.choice(ANIMALS)}"
        if attempt >= 100:
            name += str(secrets.randbelow(1000))
        if not taken(name):
            return name
    return f"kontainer_{secrets.token_hex(6)}"
