"""The course's story about tags, at the engine level: a tag is a movable name for a digest.

Tag moves leave the old image reachable by digest, ``latest`` is only a name, ``name@sha256:…``
pins one exact image — locally and in a registry.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from dockerlab.engines.local import LocalEngine
from dockerlab.errors import ImageNotFound
from dockerlab.registry import inspect_remote, list_tags, pull, push
from dockerlab.store import Store
from registry_helpers import random_image, unique_repo


def grouped(store) -> dict[str, list[str]]:
    """``docker images`` as the course shows it: the tags that point at each digest."""
    groups: dict[str, list[str]] = defaultdict(list)
    for ref, desc in store.tags():
        groups[desc.digest].append(ref.familiar)
    return {digest: sorted(tags) for digest, tags in groups.items()}


def test_tags_group_by_digest_and_move(store):
    engine = LocalEngine(store)
    v1 = random_image(store, "halo:1.0", seed=41)
    engine.tag("halo:1.0", "halo:latest")
    engine.tag("halo:1.0", "kelas/halo:stabil")
    assert grouped(store) == {v1.digest: ["halo:1.0", "halo:latest", "kelas/halo:stabil"]}

    v2 = random_image(store, "halo:2.0", seed=42)
    # A new version does not move `latest`: it is only a name, moved by hand.
    assert engine.image("halo").id == v1.id
    engine.tag("halo:2.0", "halo:latest")
    assert engine.image("halo:latest").id == v2.id
    assert grouped(store) == {v1.digest: ["halo:1.0", "kelas/halo:stabil"], v2.digest: ["halo:2.0", "halo:latest"]}

    # The old image stays reachable by digest and by name@digest (pinning), after every tag is gone.
    store.untag("halo:1.0")
    store.untag("kelas/halo:stabil")
    assert store.resolve(v1.digest).id == v1.id
    assert engine.image(f"halo@{v1.digest}").id == v1.id
    assert any(view.digest == v1.digest and view.ref is None for view in engine.images())  # <none>
    with pytest.raises(ImageNotFound):
        engine.image("halo:1.0")


@pytest.mark.registry
def test_registry_tag_moves_but_digest_pins(store, registry_url, tmp_path):
    repo = f"{registry_url}/{unique_repo('tags')}"
    v1 = random_image(store, f"{repo}:latest", seed=43)
    first = push(v1, progress=False)
    v2 = random_image(store, f"{repo}:latest", seed=44)
    second = push(v2, progress=False)
    assert first.digest != second.digest
    assert list_tags(repo) == ["latest"]
    assert inspect_remote(f"{repo}:latest").digest == second.digest  # the tag moved
    pinned = pull(f"{repo}@{first.digest}", store=Store(tmp_path / "pin"), progress=False)
    assert pinned.digest == first.digest and pinned.id == v1.id  # the digest still names v1
    assert str(pinned.ref) == f"{repo}@{first.digest}"
