"""Helpers the course's notebooks call, so that cells stay short and outputs stay the same.

* :func:`start` gives a lesson a fresh workspace of its own (``<home>/kursus/<lesson>/``): a new
  local store, a working folder with copies of the lesson's build contexts
  (``notebooks/contoh/<lesson>/``), and the kernel's working directory set there. Running a
  notebook twice therefore prints the same thing twice (nothing left in the cache from the last
  run), and every path a cell shows is relative (``contoh/my-app``), never the learner's home.
* :func:`write`, :func:`show`, :func:`replace`, :func:`files` write and show build-context files
  from a cell; :func:`copy` copies an example so it can be changed while the original stays.
* :func:`docker` shows the ``docker`` command that does what a cell does.
* :func:`tool` runs another program (skopeo, umoci) and, where it is missing, says so visibly.
* :func:`tamper` changes one byte of a layer blob in a copy of an image (the original never
  changes; :meth:`Tampering.undo` puts the byte back), for the lesson on verification.
* ``%load_ext dockerlab.course.kernel`` (:mod:`.kernel`): an opt-in IPython extension for a machine
  where RUN cannot run; the course itself changes nothing in the kernel.
* :func:`registry` starts the course registry (the real ``registry`` server) for the lesson and
  reads its HTTP API; it stops with the kernel or the next ``course.start`` (:mod:`.lifetime`).
  :func:`docker_hub` pulls from Docker Hub when it answers, and says so plainly when it does not.
  :func:`push` / :func:`pull` print each blob as ``docker push``/``pull`` do (``sudah ada`` on a
  second push); :func:`other_computer` is a new empty store; :func:`identities` compares two images.
* :func:`index_json` shows where the embedded engine keeps its tags (the store's ``index.json``).
* :func:`move`, :func:`unpack`, :func:`run_on_host`, :func:`write_programs` for the lesson on
  portability (:mod:`.programs` writes its amd64 and arm64 programs).
"""
from __future__ import annotations

from ..errors import no_attribute as _no_attribute
from .bases import base_contents, compare, real_base_images, sharing, stale, write_program
from .commands import DockerCommand, docker
from .lesson import NOTEBOOKS, Lesson, current, lesson_names, prepare_base_image, start, store
from .registries import ApiAnswer, CourseRegistry, docker_hub, registry
from .portability import move, other_engine, run_on_host, unpack, write_programs
from .tags import index_json
from .serving import Page, clean, fetch, where
from .tampering import Tampering, tamper
from .transfers import Identities, identities, other_computer, pull, push
from .workspace import Listing, ShownFile, ToolOutput, copy, files, replace, show, tool, write

__all__ = sorted([
    "ApiAnswer", "CourseRegistry", "DockerCommand", "Identities", "Lesson", "Listing", "NOTEBOOKS", "Page",
    "ShownFile", "Tampering", "ToolOutput",
    "base_contents", "clean", "compare", "copy", "current", "docker", "docker_hub", "fetch", "files", "identities",
    "index_json", "lesson_names", "move", "other_computer", "other_engine", "prepare_base_image", "pull",
    "push", "real_base_images", "registry", "replace", "run_on_host", "sharing", "show", "stale", "start",
    "store", "tamper", "tool", "unpack", "where", "write", "write_program", "write_programs",
])


def __getattr__(name: str):
    """A typo (``course.wirte``) names the closest public name in the learner's language."""
    raise _no_attribute(__name__, name, __all__)
