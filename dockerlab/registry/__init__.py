"""Registries: the OCI distribution client (push, pull, inspect, tags) and the course's own server.

``push(image, ref)`` and ``pull(ref, store=…)`` are what the engines delegate to;
``inspect_remote`` and ``list_tags`` look at a registry without pulling layers;
``start_registry()`` runs the real ``registry`` server for the course.
"""

from .client import RegistryClient, is_loopback
from .pull import pull
from .push import push
from .remote import RemoteSource, inspect_remote, list_tags
from .result import BlobTransfer, IndexPushResult, PushResult
from .server import RegistryServer, start_registry, stop_registry

__all__ = sorted([
    "BlobTransfer", "IndexPushResult", "PushResult", "RegistryClient", "RegistryServer", "RemoteSource",
    "inspect_remote", "is_loopback", "list_tags", "pull", "push", "start_registry", "stop_registry",
])
