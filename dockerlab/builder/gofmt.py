"""Go's ``fmt`` renderings that Docker's legacy builder writes into image history.

History strings such as ``/bin/sh -c #(nop)  CMD ["sh"]`` are produced by Go's ``%q`` and ``%v``
verbs; reproducing them exactly keeps ``docker history`` output identical between engines.
"""

from __future__ import annotations

import re
from typing import Any

_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_UNITS = {"ns": 1, "us": 1_000, "µs": 1_000, "ms": 1_000_000, "s": 1_000_000_000,
          "m": 60_000_000_000, "h": 3_600_000_000_000}


def quote(text: str) -> str:
    """Go ``strconv.Quote``: double-quoted, backslash escapes, printable Unicode kept."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def q_list(items: Any) -> str:
    """``fmt.Sprintf("%q", []string{...})`` -> ``["a" "b"]``; ``[]`` for nil."""
    return "[" + " ".join(quote(str(i)) for i in (items or ())) + "]"


def v_list(items: Any) -> str:
    """``fmt.Sprintf("%v", []string{...})`` -> ``[a b]``."""
    return "[" + " ".join(str(i) for i in (items or ())) + "]"


def quote_rune(value: int) -> str:
    """``%q`` of an int (Go quotes it as a rune literal): 3 -> ``'\\x03'``."""
    if 0x20 <= value < 0x7F and value not in (0x27, 0x5C):
        return f"'{chr(value)}'"
    if value < 0x100:
        return f"'\\x{value:02x}'"
    return f"'\\u{value:04x}'"


def parse_duration(text: str) -> int:
    """Go ``time.ParseDuration`` -> nanoseconds; ``ValueError`` if malformed."""
    text = text.strip()
    if text in ("0", ""):
        if text == "":
            raise ValueError("empty duration")
        return 0
    pos, total = 0, 0.0
    while pos < len(text):
        match = _DURATION.match(text, pos)
        if not match:
            raise ValueError(f"invalid duration {text!r}")
        total += float(match.group(1)) * _UNITS[match.group(2)]
        pos = match.end()
    return int(round(total))


def format_duration(ns: int) -> str:
    """Go ``time.Duration.String``: ``5m0s``, ``30s``, ``1.5s``, ``500ms``, ``0s``."""
    if ns == 0:
        return "0s"
    if ns < 1_000_000_000:
        for unit, size in (("ms", 1_000_000), ("µs", 1_000), ("ns", 1)):
            if ns >= size:
                return _trim(ns / size) + unit
    seconds_total = ns / 1_000_000_000
    hours = int(seconds_total // 3600)
    minutes = int((seconds_total - hours * 3600) // 60)
    seconds = seconds_total - hours * 3600 - minutes * 60
    text = _trim(seconds) + "s"
    if hours or minutes:
        text = f"{minutes}m" + text
    if hours:
        text = f"{hours}h" + text
    return text


def _trim(value: float) -> str:
    text = f"{value:.9f}".rstrip("0").rstrip(".")
    return text or "0"


def healthcheck(config: dict[str, Any] | None) -> str:
    """``%q`` of Docker 20.10's ``*HealthConfig`` as the legacy builder writes it to history."""
    if not config:
        return "<nil>"
    test = q_list(config.get("Test"))
    durations = " ".join(quote(format_duration(int(config.get(k) or 0)))
                         for k in ("Interval", "Timeout", "StartPeriod"))
    return f"&{{{test} {durations} {quote_rune(int(config.get('Retries') or 0))}}}"
