"""The teacher's view of the class: a JupyterHub service behind the hub's login, admins only.

Run by the hub as a managed service (``jupyterhub_config.py`` names it ``kelas``). The hub's
OAuth (:class:`jupyterhub.services.auth.HubOAuthenticated`) lets in only users holding
``access:services!service=kelas``, which the hub gives its admins (the ``admin`` role) and no
learner: a learner is refused by the hub itself (403 at its OAuth authorisation). It runs as root
(as the hub does) so that it can read each learner's own ``0600`` progress file, and reads it as
hostile input (:func:`learner_checks`): no symlinks on the way, a regular file owned by that
learner, bad lines skipped (:func:`dockerlab.exercises.progress.read_records`).

Pages: ``/services/kelas/`` — one row a learner, one column an exercise anyone checked (✅ last
check right, ❌ tried and not yet right, blank not tried), and per exercise how many finished and
how many are stuck; ``/services/kelas/kelas.csv`` — every (learner, exercise) as CSV.
"""

from __future__ import annotations

import csv
import io
import os
import pwd
import time
from dataclasses import dataclass
from html import escape

from ..exercises.progress import ExerciseState, read_records, summarise
from ..i18n import tr

@dataclass(frozen=True)
class ClassTable:
    """Every learner's last verdict per exercise."""

    learners: tuple[str, ...]
    states: dict[str, dict[str, ExerciseState]]  # learner → exercise → state

    @property
    def exercises(self) -> list[str]:
        return sorted({e for per in self.states.values() for e in per})

    def counts(self, exercise: str) -> tuple[int, int]:
        """(finished, tried but not finished) for one exercise."""
        done = sum(1 for per in self.states.values() if exercise in per and per[exercise].ok)
        stuck = sum(1 for per in self.states.values() if exercise in per and not per[exercise].ok)
        return done, stuck

    def most_stuck(self) -> tuple[str, int] | None:
        best = max(((e, self.counts(e)[1]) for e in self.exercises), key=lambda x: (x[1], x[0]), default=None)
        return best if best and best[1] else None

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["learner", "notebook", "exercise", "ok", "attempts", "last_check_utc"])
        for learner in self.learners:
            for exercise, state in self.states.get(learner, {}).items():
                when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(state.time))
                writer.writerow([learner, state.notebook, exercise, "1" if state.ok else "0", state.attempts, when])
        return out.getvalue()

    def html(self) -> str:
        exercises = self.exercises
        head = f"<h1>{escape(tr('kelas.title'))}</h1><p><a href='kelas.csv'>{escape(tr('kelas.csv'))}</a></p>"
        if not exercises:
            return head + f"<p>{escape(tr('kelas.none'))}</p>"
        cols = "".join(f"<th>{escape(e)}</th>" for e in exercises)
        rows = []
        for learner in self.learners:
            per = self.states.get(learner, {})
            cells = "".join(
                f"<td title='{per[e].attempts}'>{'✅' if per[e].ok else '❌'}</td>" if e in per else "<td></td>"
                for e in exercises)
            rows.append(f"<tr><th>{escape(learner)}</th>{cells}</tr>")
        done = "".join(f"<td>{self.counts(e)[0]}</td>" for e in exercises)
        stuck = "".join(f"<td>{self.counts(e)[1]}</td>" for e in exercises)
        table = (f"<table border='1' cellpadding='4'><thead><tr><th>{escape(tr('kelas.learner'))}</th>{cols}"
                 f"</tr></thead><tbody>{''.join(rows)}</tbody><tfoot>"
                 f"<tr><th>{escape(tr('kelas.done'))}</th>{done}</tr>"
                 f"<tr><th>{escape(tr('kelas.stuck'))}</th>{stuck}</tr></tfoot></table>")
        worst = self.most_stuck()
        note = f"<p>{escape(tr('kelas.most_stuck', exercise=worst[0], count=worst[1]))}</p>" if worst else ""
        return head + table + note


def learner_checks(name: str) -> dict[str, ExerciseState]:
    """One learner's exercises, from their own file only.

    The home is the system user's (one server) or ``$KELAS_HOMES`` with ``{name}`` (Kubernetes:
    every learner's volume mounted under one folder). From the home down, no component may be a
    symlink (each is opened with ``O_NOFOLLOW`` relative to the one above), so a learner cannot
    point the service at another learner's file; on one server the file must also be owned by
    the learner.
    """
    template = os.environ.get("KELAS_HOMES")
    owner = None
    if template:
        home = template.replace("{name}", name)
    else:
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            return {}
        home, owner = entry.pw_dir, entry.pw_uid
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    try:
        home_fd = os.open(home, flags)
    except OSError:
        return {}
    try:
        folder_fd = os.open(".dockerlab", flags, dir_fd=home_fd)
    except OSError:
        os.close(home_fd)
        return {}
    try:
        checks = [c for c in read_records("progress.jsonl", dir_fd=folder_fd, owner=owner) if c.learner == name]
    finally:
        os.close(folder_fd)
        os.close(home_fd)
    return summarise(checks)


def class_table(learners: list[str]) -> ClassTable:
    return ClassTable(tuple(learners), {name: learner_checks(name) for name in learners})


def make_app():
    """The tornado application the hub runs at ``JUPYTERHUB_SERVICE_PREFIX``."""
    from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
    from jupyterhub.utils import url_path_join
    from tornado import web

    from .roster import load

    class Base(HubOAuthenticated, web.RequestHandler):
        def table(self) -> ClassTable:
            return class_table(load().get("learners", []))

    class Page(Base):
        @web.authenticated
        def get(self):
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.write(f"<!doctype html><html lang='id'><meta charset='utf-8'><title>{escape(tr('kelas.title'))}"
                       f"</title><body>{self.table().html()}</body></html>")

    class Csv(Base):
        @web.authenticated
        def get(self):
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            self.set_header("Content-Disposition", "attachment; filename=kelas.csv")
            self.set_header("Cache-Control", "no-store")
            self.write(self.table().csv())

    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/kelas/")
    return web.Application([
        (prefix, Page),
        (url_path_join(prefix, "kelas.csv"), Csv),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ], cookie_secret=os.urandom(32))


def main() -> None:
    from urllib.parse import urlparse

    from tornado.ioloop import IOLoop

    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    make_app().listen(url.port, url.hostname)
    IOLoop.current().start()


if __name__ == "__main__":
    main()
