"""Run a process inside a root filesystem directory: the engine room of ``RUN`` and containers.

Two executors share one interface (:class:`~.base.Executor`): :class:`NamespacesExecutor`
(:mod:`.namespaces`, as root: new namespaces + chroot) and :class:`ProotExecutor` (:mod:`.proot`,
without root). :func:`detect` picks the best one (``DOCKERLAB_EXECUTOR=auto|namespaces|proot|none``
overrides) and :func:`probe` also says why (:mod:`.choice`). Both give the command a clean
environment (the image's ``ENV``, a default ``PATH``, ``HOSTNAME`` and ``HOME`` — nothing from the
host), honour the working directory and ``--user``, merge stdout and stderr, and return the exit
code (``128+N`` when killed by signal N, as Docker does).
"""

from .base import Executor
from .checks import ExecError
from .choice import Detection, _probe, detect, probe, require
from .namespaces import NamespacesExecutor
from .process import Process
from .proot import ProotExecutor
from .rootfs import DEFAULT_PATH, User, container_env, resolve_user

__all__ = ["DEFAULT_PATH", "Detection", "ExecError", "Executor", "NamespacesExecutor", "Process",
           "ProotExecutor", "User", "container_env", "detect", "probe", "require", "resolve_user"]
