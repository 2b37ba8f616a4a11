"""The command line: ``dockerlab push|pull|tags|manifest inspect`` against the session registry."""

from __future__ import annotations

import json

import pytest

from dockerlab.cli import main
from dockerlab.store import Store
from registry_helpers import random_image, unique_repo

pytestmark = pytest.mark.registry


def test_push_tags_inspect_pull(course_home, monkeypatch, registry_url, capsys):
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    from dockerlab import engines

    engines.reset()
    repo = f"{registry_url}/{unique_repo('cli')}"
    image = random_image(Store(course_home), f"{repo}:1", seed=51)

    assert main(["push", f"{repo}:1", "--json"]) == 0
    pushed = json.loads(capsys.readouterr().out)
    assert pushed["image_id"] == image.id and pushed["local_digest"] == image.digest

    assert main(["tags", repo]) == 0
    assert capsys.readouterr().out.split() == ["1"]

    assert main(["manifest", "inspect", f"{repo}:1"]) == 0
    text = capsys.readouterr().out
    assert pushed["digest"] in text and "ukuran unduhan" in text and "linux/amd64" in text
    assert main(["manifest", "inspect", "--json", f"{repo}:1"]) == 0
    assert json.loads(capsys.readouterr().out)["config"]["digest"] == image.id

    assert main(["pull", f"{repo}:1", "--json"]) == 0
    pulled = json.loads(capsys.readouterr().out)
    assert pulled["digest"] == pushed["digest"] and pulled["id"] == image.id

    assert main(["pull", "-q", f"{repo}:1"]) == 0  # docker pull -q: only the name
    assert capsys.readouterr().out == f"{repo}:1\n"
    assert main(["push", "-q", f"{repo}:1"]) == 0
    assert capsys.readouterr().out == f"{repo}:1\n"

    assert main(["pull", f"{repo}:tidak-ada"]) == 1
    err = capsys.readouterr().err
    assert "MANIFEST_UNKNOWN" in err and "dockerlab tags" in err
    engines.reset()
