"""Which command line a learner types for their engine, and what the course calls it.

The one place that maps an engine's product (``EngineInfo.name``: ``"docker"``, ``"podman"``,
``"local"``, ``"store"``) to its command line: ``podman`` on Podman; ``docker`` on the Docker Engine,
the embedded engine and a store (the course teaches Docker's commands). Below every part that shows
an equivalent command (the builder's build result, ``inspection``'s views, ``show``'s notes, the
course), so each takes the program as a value: whoever knows the engine (``engines``, ``api``)
passes it down.
"""

from __future__ import annotations

from .i18n import tr

DOCKER = "docker"
PODMAN = "podman"
_TITLES = {DOCKER: "Docker", PODMAN: "Podman"}


def program(product: str | None) -> str:
    """The command line for an engine whose product is ``product``: ``"podman"`` for Podman, else
    ``"docker"``."""
    return PODMAN if product == PODMAN else DOCKER


def equivalent(cli: str = DOCKER) -> str:
    """"Perintah Docker yang setara" (or Podman's, for ``cli="podman"``), in the learner's
    language: the label before an equivalent command line."""
    return tr("product.equivalent", tool=_TITLES.get(cli, _TITLES[DOCKER]))


def equivalent_command(command: str, cli: str = DOCKER) -> str:
    """``"Perintah Podman yang setara: podman history app:1"``: the label, then the command."""
    return f"{equivalent(cli)}: {command}"


__all__ = ["DOCKER", "PODMAN", "equivalent", "equivalent_command", "program"]
