"""The media types we read and write: OCI image-spec v1 and Docker image manifest v2.2.

The OCI and Docker types describe the same shapes, so the model treats each pair as one kind.
"""

from __future__ import annotations

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar"
OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd"
OCI_LAYER_ND = "application/vnd.oci.image.layer.nondistributable.v1.tar"
OCI_LAYER_ND_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"

DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar"
DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip"
DOCKER_FOREIGN_LAYER_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"

MANIFESTS = frozenset({OCI_MANIFEST, DOCKER_MANIFEST})
INDEXES = frozenset({OCI_INDEX, DOCKER_MANIFEST_LIST})
CONFIGS = frozenset({OCI_CONFIG, DOCKER_CONFIG})
LAYERS_TAR = frozenset({OCI_LAYER, OCI_LAYER_ND, DOCKER_LAYER})
LAYERS_GZIP = frozenset({OCI_LAYER_GZIP, OCI_LAYER_ND_GZIP, DOCKER_LAYER_GZIP, DOCKER_FOREIGN_LAYER_GZIP})
LAYERS_ZSTD = frozenset({OCI_LAYER_ZSTD})
LAYERS = LAYERS_TAR | LAYERS_GZIP | LAYERS_ZSTD


def is_manifest(media_type: str | None) -> bool:
    return media_type in MANIFESTS


def is_index(media_type: str | None) -> bool:
    return media_type in INDEXES


def is_config(media_type: str | None) -> bool:
    return media_type in CONFIGS


def is_layer(media_type: str | None) -> bool:
    return media_type in LAYERS


def compression(media_type: str | None) -> str | None:
    """``None`` for a plain tar, ``"gzip"`` or ``"zstd"`` for compressed layer blobs."""
    if media_type in LAYERS_GZIP:
        return "gzip"
    if media_type in LAYERS_ZSTD:
        return "zstd"
    return None
