"""Invalid manifests, indexes and configs are explained wholly in the learner's language."""

from __future__ import annotations

import re

import pytest

import dockerlab
from dockerlab.errors import InvalidImage
from dockerlab.model import mediatypes as mt
from dockerlab.model.config import ImageConfig
from dockerlab.model.digest import canonical_json
from dockerlab.model.manifest import Index, Manifest

ENGLISH = re.compile(r"\b(is|not|has|missing|must|holds|list of|value)\b")
DIGEST = "sha256:" + "a" * 64
CONFIG_DESC = {"mediaType": mt.OCI_CONFIG, "digest": DIGEST, "size": 2}

CASES = [
    pytest.param(lambda: Manifest.from_bytes(b"[1, 2]"), id="manifest-not-object"),
    pytest.param(lambda: Manifest.from_bytes(canonical_json(
        {"schemaVersion": 1, "mediaType": mt.OCI_MANIFEST, "config": CONFIG_DESC})), id="manifest-schema"),
    pytest.param(lambda: Manifest.from_bytes(canonical_json(
        {"schemaVersion": 2, "mediaType": mt.OCI_MANIFEST})), id="manifest-no-config"),
    pytest.param(lambda: Manifest.from_bytes(canonical_json(
        {"schemaVersion": 2, "mediaType": mt.OCI_MANIFEST, "config": CONFIG_DESC, "layers": 3})),
        id="manifest-layers-not-list"),
    pytest.param(lambda: Index.from_bytes(canonical_json(
        {"schemaVersion": 3, "mediaType": mt.OCI_INDEX, "manifests": []})), id="index-schema"),
    pytest.param(lambda: ImageConfig.from_bytes(b'{"rootfs": 3}'), id="config-rootfs"),
    pytest.param(lambda: ImageConfig.from_bytes(b'{"rootfs": {"diff_ids": ["nope"]}}'), id="config-diff-id"),
    pytest.param(lambda: ImageConfig.from_bytes(b'{"rootfs": {"diff_ids": []}, "history": [1]}'),
                 id="config-history"),
]


@pytest.fixture
def indonesian():
    dockerlab.set_language("id")
    yield
    dockerlab.set_language(None)


@pytest.mark.parametrize("parse", CASES)
def test_invalid_model_errors_have_no_english_and_say_what_to_do(parse, indonesian):
    with pytest.raises(InvalidImage) as exc:
        parse()
    text = str(exc.value)
    assert not ENGLISH.search(text), text
    assert "tidak sah" in text
    assert "ulang" in text  # the next step: build/pull/load the image again
    dockerlab.set_language("en")
    assert "not valid" in str(exc.value)
