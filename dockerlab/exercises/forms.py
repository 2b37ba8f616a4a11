"""Answer forms: an exercise answered by clicking, checked by the same checker a code cell calls.

``latihan.form("00.1")`` shows the exercise's answer field (drop-downs, check boxes, radio
buttons or a text box, whatever the answer is), a *Periksa* (check) button and the verdict
beneath. A check happens when the button is clicked or Enter is pressed in a text box – once per
click or Enter, never on merely leaving the box – and, once the answer has been checked, again
whenever it changes, so the verdict always belongs to the answer on show. The answer a form collects is exactly what a
learner would pass in code, so ``latihan.image_or_container({1: "image", ...})`` and the form can
never disagree: the form calls the registered checker (:data:`~.result.REGISTRY`) with it.

Exercises whose answer is an image the learner builds or something they do (01.1, 02.3, 03.2,
03.3, 04.1, 05.2, 06.3) stay code cells: building it *is* the exercise. Forms are standard ipywidgets only, so they need no
JavaScript of their own and work wherever the LayerExplorer does.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Callable

import ipywidgets as w

from ..errors import UsageError
from ..i18n import tr
from .answers import as_steps
from .result import REGISTRY, Explain, Result, exercise_key, html_text, unknown_exercise


# --- answer fields: how an answer is entered, and what it becomes --------------------------

class Field:
    """One kind of answer input. ``make`` builds the widget, ``answer`` reads it back in the form
    the checker takes (``None`` when nothing is entered yet)."""

    context: tuple[str, ...] = ()  # names of what the form needs besides the answer

    def make(self, context: tuple[Any, ...]) -> w.Widget:
        raise NotImplementedError

    def answer(self, widget: w.Widget) -> Any:
        raise NotImplementedError


def _statement_html(number: int, text: str) -> str:
    """``3. Bisa dikirim … dengan `docker push`.`` as HTML: escaped, `code` in <code>."""
    return f"<span class='dl-statement'><b>{number}.</b> {html_text(text)}</span>"


@dataclass(frozen=True)
class Labels(Field):
    """A drop-down per numbered statement, one row each: the statement's text, then its
    drop-down; the answer is ``{number: word}`` for those chosen."""

    numbers: tuple[int, ...]
    words: tuple[str, ...]  # the values; each is shown as ``tr("ex.form.word.<value>")``
    statement: str  # message key of a statement's text, with ``{number}``

    def make(self, context):
        options = [(tr("ex.form.choose"), None)] + [(tr(f"ex.form.word.{v}"), v) for v in self.words]
        cells: list[w.Widget] = []
        dropdowns = []
        for n in self.numbers:
            dropdown = w.Dropdown(options=options, index=0,  # shows "— pilih —", its value is None
                                  tooltip=tr("ex.form.statement", number=n),
                                  layout=w.Layout(width="11em"))
            text = w.HTML(_statement_html(n, tr(self.statement.format(number=n))),
                          layout=w.Layout(margin="0"))
            cells += [text, dropdown]
            dropdowns.append(dropdown)
        # Two columns: the statements (as wide as the longest, at most 40em, wrapping in a
        # narrow window) and the drop-downs, aligned under one another.
        grid = w.GridBox(cells, layout=w.Layout(grid_template_columns="fit-content(40em) max-content",
                                                grid_gap="2px 16px", align_items="center"))
        grid.dropdowns = dropdowns  # type: ignore[attr-defined]
        return grid

    def answer(self, widget):
        chosen = {n: d.value for n, d in zip(self.numbers, widget.dropdowns) if d.value is not None}
        return chosen or None


@dataclass(frozen=True)
class Letters(Field):
    """Lettered choices, each shown with its text: check boxes (``several``) or radio buttons;
    the answer is ``"ac"`` (several) or ``"b"``."""

    letters: str
    several: bool
    choice: str  # message key of a choice's text, with ``{letter}``

    def make(self, context):
        texts = {c: tr(self.choice.format(letter=c)) for c in self.letters}
        if not self.several:
            # A radio button's label is plain text: the choices hold no code spans.
            return w.RadioButtons(options=[(f"{c}) {texts[c]}", c) for c in self.letters], value=None,
                                  layout=w.Layout(width="auto"))
        # A check box labelled with its letter (clicking "a)" ticks it), then the choice's text
        # as HTML, which wraps in a narrow window and may hold `code`; one row per choice.
        boxes = [w.Checkbox(value=False, description=f"{c})", indent=False,
                            layout=w.Layout(width="auto")) for c in self.letters]
        cells: list[w.Widget] = []
        for c, box in zip(self.letters, boxes):
            cells += [box, w.HTML(f"<span class='dl-choice'>{html_text(texts[c])}</span>",
                                  layout=w.Layout(margin="0"))]
        grid = w.GridBox(cells, layout=w.Layout(grid_template_columns="max-content fit-content(40em)",
                                                grid_gap="0 8px", align_items="center"))
        grid.boxes = boxes  # type: ignore[attr-defined]
        return grid

    def answer(self, widget):
        if not self.several:
            return widget.value
        chosen = "".join(c for c, box in zip(self.letters, widget.boxes) if box.value)
        return chosen or None


@dataclass(frozen=True)
class Quiz(Field):
    """Several numbered questions, each with lettered choices as radio buttons; the answer is
    ``{number: letter}`` for those answered."""

    numbers: tuple[int, ...]
    letters: str
    question: str  # message key of a question's text, with ``{number}``
    choice: str  # message key of a choice's text, with ``{number}`` and ``{letter}``

    def make(self, context):
        rows: list[w.Widget] = []
        radios = []
        for n in self.numbers:
            radio = w.RadioButtons(options=[(f"{c}) {tr(self.choice.format(number=n, letter=c))}", c)
                                            for c in self.letters], value=None, layout=w.Layout(width="auto"))
            rows += [w.HTML(_statement_html(n, tr(self.question.format(number=n))), layout=w.Layout(margin="6px 0 0 0")),
                     radio]
            radios.append(radio)
        box = w.VBox(rows)
        box.radios = radios  # type: ignore[attr-defined]
        return box

    def answer(self, widget):
        chosen = {n: r.value for n, r in zip(self.numbers, widget.radios) if r.value is not None}
        return chosen or None


@dataclass(frozen=True)
class Steps(Field):
    """A check box per build step of the build result given as context; the answer is a set of
    step numbers."""

    context = ("hasil_build",)

    def make(self, context):
        steps = as_steps(context[0])
        # FROM only picks the base image: never built, never from the cache – nothing to tick.
        boxes = [w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"),
                            description=f"{s.number}: {s.instruction}"
                            + (f"  ({tr('ex.form.base_step')})" if _is_from(s) else ""),
                            disabled=_is_from(s)) for s in steps]
        box = w.VBox(boxes)
        box.numbers = [s.number for s in steps]  # type: ignore[attr-defined]
        return box

    def answer(self, widget):
        chosen = {n for n, box in zip(widget.numbers, widget.children) if box.value}
        return chosen or None


def _is_from(step: Any) -> bool:
    return step.instruction.strip().split(" ", 1)[0].upper() == "FROM"


@dataclass(frozen=True)
class Text(Field):
    """A text box (a command, a digest, a number); the answer is the text as typed. A number's
    box (``placeholder=None``) shows no example number: one could be the answer."""

    placeholder: str | None
    context: tuple[str, ...] = ()

    def make(self, context):
        # continuous_update=True: every keystroke reaches the kernel before the Enter or the click
        # that follows it (one websocket, handled in order), so a check always sees the text as
        # typed. (With False, ipywidgets 8.1 sends Enter *before* the text it commits:
        # jupyter-widgets/ipywidgets#4034.) A keystroke only updates the value; it checks nothing.
        hint = (tr("ex.form.placeholder_number") if self.placeholder is None
                else tr("ex.form.placeholder", example=self.placeholder))
        return w.Text(value="", placeholder=hint,
                      description=tr("ex.form.text"), continuous_update=True,
                      layout=w.Layout(width="95%"))

    def answer(self, widget):
        return widget.value.strip() or None


FORMS: dict[str, Field] = {
    "00.1": Labels(tuple(range(1, 7)), ("image", "kontainer"), "ex.00_1.statement.{number}"),
    "00.2": Letters("abcdefg", several=True, choice="ex.00_2.choice.{letter}"),
    "01.2": Text("docker build ..."),
    "01.3": Text("docker run ..."),
    "02.1": Text(None, context=("image",)),
    "02.2": Steps(),
    "03.1": Text("sha256:...", context=("image",)),
    "04.2": Text("sha256:...", context=("index",)),
    "04.3": Letters("abcd", several=False, choice="ex.04_3.choice.{letter}"),
    "05.1": Letters("abcd", several=True, choice="ex.05_1.choice.{letter}"),
    "05.3": Text("web@sha256:...", context=("image",)),
    "06.1": Text("registry/namespace/repository:tag"),
    "06.2": Letters("abcde", several=True, choice="ex.06_2.choice.{letter}"),
    "07.1": Text(None, context=("image_a", "image_b")),
    "07.3": Letters("abcd", several=False, choice="ex.07_3.choice.{letter}"),
    "08.2": Text(None, context=("hasil_push_v2",)),
    "09.1": Quiz((1, 2, 3, 4), "abcd", "ex.09.q{number}", "ex.09.q{number}.{letter}"),
    "09.2": Quiz((5, 6, 7, 8), "abcd", "ex.09.q{number}", "ex.09.q{number}.{letter}"),
    "09.3": Quiz((9, 10, 11, 12), "abcd", "ex.09.q{number}", "ex.09.q{number}.{letter}"),
    "08.3": Text("127.0.0.1:PORT/my-app@sha256:...", context=("hasil_push_v1",)),
}


def _controls(widget: w.Widget) -> list[w.Widget]:
    """The widgets inside ``widget`` that hold part of the answer (those with a ``value``)."""
    if isinstance(widget, w.Box):
        return [leaf for child in widget.children for leaf in _controls(child)]
    return [widget] if isinstance(widget, w.ValueWidget) and not isinstance(widget, w.HTML) else []


# --- the form --------------------------------------------------------------------------------

class AnswerForm(w.VBox):
    """An exercise's answer field, a check button and the verdict (a :class:`Result`).

    A check happens on an action – a click on the button, or Enter in a text box – and counts as
    one attempt. Once the answer has been checked, every later change of it is checked again at
    once, under the same attempt number, so the verdict shown always belongs to the answer shown:
    no time window is needed for the front end's order of messages (ipywidgets may deliver the
    last keystrokes after the Enter that followed them: the verdict then follows the full text).
    A text field's verdict names the text it judged. Before the first action, typing or ticking
    checks nothing.
    """

    def __init__(self, exercise: Any, *context: Any) -> None:
        self.exercise = exercise_key(exercise)
        field = FORMS.get(self.exercise)
        if self.exercise not in REGISTRY:  # no such exercise: not "check it in code" either
            message, params = unknown_exercise(exercise)
            raise UsageError(message, **params)
        if field is None:
            raise UsageError("form.unknown", exercise=self.exercise, known=", ".join(sorted(FORMS)))
        if len(context) != len(field.context):
            raise UsageError("form.context", exercise=self.exercise,
                             needed=", ".join(field.context) or "-")
        self.field, self.context = field, context
        self.checker: Callable[..., Result] = REGISTRY[self.exercise]
        try:
            self.input = field.make(context)
        except Explain as exc:  # e.g. a string where the build result was asked for
            raise UsageError("form.bad_context", exercise=self.exercise, problem=exc.message) from None
        self.button = w.Button(description=tr("ex.form.check"), button_style="primary", icon="check")
        self.verdict = w.HTML()
        self.result: Result | None = None
        self.attempts = 0
        self.button.on_click(lambda _button: self.check())
        if isinstance(self.input, w.Text):
            self.input.on_msg(self._on_submit)
        for control in _controls(self.input):
            control.observe(self._on_change, names="value")
        title = w.HTML(f"<b>{tr('ex.title', exercise=self.exercise)}</b>")
        super().__init__([title, self.input, self.button, self.verdict])
        self.add_class("dl-exercise-form")

    def _on_submit(self, _widget: w.Widget, content: dict, _buffers: list) -> None:
        """Enter in the text box: the front end sends ``{"event": "submit"}`` (ipywidgets 8's
        TextView). Read here rather than through ``Text.on_submit``, which ipywidgets deprecates
        in favour of watching ``value`` – and that alone would check on leaving the box, too."""
        if isinstance(content, dict) and content.get("event") == "submit":
            self.check()

    def _on_change(self, _change: dict) -> None:
        """The answer changed: once it has been checked, check it again (the same attempt).

        Every keystroke would be a line in the learner's progress file, so this re-check is
        recorded only when it turns the verdict (the teacher sees what the learner sees)."""
        if self.attempts:
            from .progress import record, recording

            before = self.result
            with recording():  # not the outermost call: the checker does not record it
                result = self._evaluate()
            if before is None or before.ok != result.ok:
                record(self.exercise, result.ok)
            self._show(result)

    @property
    def answer(self) -> Any:
        """What the form holds, as the checker takes it (``None``: nothing entered yet)."""
        return self.field.answer(self.input)

    def _evaluate(self) -> Result:
        answer = self.answer
        if answer is None:
            return Result(self.exercise, False, tr("ex.form.empty"))
        return self.checker(answer, *self.context)

    def _show(self, result: Result) -> None:
        self.result = result
        note = tr("ex.form.attempt", count=self.attempts)
        if isinstance(self.input, w.Text) and self.answer is not None:
            note += " — " + tr("ex.form.checked_text", answer=self.answer)
        self.verdict.value = (result._repr_html_()
                              + f"<div style='opacity:.7;font-size:90%'>{escape(note)}</div>")

    def check(self) -> Result:
        """Check the answer now in the form; show and return the verdict."""
        result = self._evaluate()
        self.attempts += 1
        self._show(result)
        return result

    def __repr__(self) -> str:
        args = ", ".join((tr("ex.form.answer_name"), *self.field.context))
        code = f"latihan.check({self.exercise!r}, {args})"
        return tr("ex.form.plain", exercise=self.exercise, code=code)


def form(exercise: Any, *context: Any) -> AnswerForm:
    """The answer form of ``exercise`` (a number such as ``"00.1"`` or a checker function);
    ``context`` is what the checker needs besides the answer (an image, a build result)."""
    return AnswerForm(exercise, *context)
