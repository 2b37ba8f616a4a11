"""Checkers for the course's exercises (Latihan): each returns a :class:`Result`, never raises.

A notebook cell calls one checker per exercise, for example::

    from dockerlab import exercises as latihan
    latihan.layer_count(jawaban, image)      # or: latihan.check("02.1", jawaban, image)

The result prints a ✅/❌ verdict with an explanation and hints in the learner's language, and
renders as HTML in Jupyter. ``latihan.form("00.1")`` shows the same check as a form to fill in
with a *Periksa* button (see :mod:`.forms`). Wrong input types (a string instead of an image, the template's
``...``) are explained, not raised.
"""

from __future__ import annotations

from ..errors import no_attribute as _no_attribute
from .forms import AnswerForm, form
from .bases import multi_stage_final, rebuilt_on, shared_layers
from .basics import build_command, greeting, image_contents, image_or_container, run_command
from .identity import committed, image_id, new_digests
from .layers import cache_prediction, layer_count, no_waste
from .portability import exec_format_error, platform_digest, same_image
from .recap import quiz_1, quiz_2, quiz_3
from .registries import full_name, push_keeps, pushed
from .versions import latest_is_a_name, latest_moved, pinned_reference
from .result import REGISTRY, Result, check
from .serving import layers_sent, own_cycle, pinned_v1

__all__ = sorted([
    "AnswerForm", "REGISTRY", "Result", "form", "build_command", "cache_prediction", "check", "committed", "exec_format_error",
    "full_name", "greeting", "image_contents", "image_id", "image_or_container", "latest_is_a_name",
    "latest_moved", "layer_count", "layers_sent", "multi_stage_final", "new_digests", "no_waste", "own_cycle",
    "pinned_reference", "pinned_v1", "platform_digest", "push_keeps", "pushed", "quiz_1", "quiz_2", "quiz_3",
    "rebuilt_on", "run_command", "same_image", "shared_layers",
])


def __getattr__(name: str):
    """A typo (``latihan.greting``) names the closest public name in the learner's language."""
    raise _no_attribute(__name__, name, __all__)
