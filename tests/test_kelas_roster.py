"""A learner's home as ``make hub`` prepares it, also on a second run over a home the learner has
changed (no system users made here: the entry is built by hand for a folder of this test)."""

from __future__ import annotations

import base64
import json
import os
import pwd

from dockerlab.kelas.roster import _prepare_home
from hub_support import ROOT


def entry(home):
    return pwd.struct_passwd(("ani", "x", os.getuid(), os.getgid(), "", str(home), "/bin/sh"))


def test_a_home_gets_the_notebooks_a_private_store_and_the_registry_login(tmp_path):
    home = tmp_path / "ani"
    _prepare_home(entry(home), ROOT / "notebooks", "127.0.0.1:5000", "s3cret")
    assert (home.stat().st_mode & 0o777) == 0o700
    assert (home / "notebooks" / "01-image-pertama.ipynb").is_file()
    assert (home / "notebooks" / "contoh").is_dir()
    for folder in (".dockerlab", ".docker"):
        assert ((home / folder).stat().st_mode & 0o777) == 0o700
    config = home / ".docker" / "config.json"
    assert (config.stat().st_mode & 0o777) == 0o600
    auth = json.loads(config.read_text())["auths"]["127.0.0.1:5000"]["auth"]
    assert base64.b64decode(auth).decode() == "ani:s3cret"


def test_a_second_run_keeps_the_learners_work_and_follows_no_symlink(tmp_path):
    home = tmp_path / "ani"
    _prepare_home(entry(home), ROOT / "notebooks", "127.0.0.1:5000", "one")
    (home / "notebooks" / "01-image-pertama.ipynb").write_text("my work")
    json_config = home / ".docker" / "config.json"
    json_config.write_text(json.dumps({"auths": {"other:1": {"auth": "eA=="}}, "credsStore": "x"}))
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    (elsewhere / "keep").write_text("root's")
    os.chmod(elsewhere, 0o755)
    (home / ".dockerlab").rename(tmp_path / "old-store")
    os.symlink(elsewhere, home / ".dockerlab")  # a trap for root
    _prepare_home(entry(home), ROOT / "notebooks", "127.0.0.1:6000", "two")
    assert (home / "notebooks" / "01-image-pertama.ipynb").read_text() == "my work"
    assert not (home / ".dockerlab").is_symlink() and (home / ".dockerlab").is_dir()
    assert (elsewhere.stat().st_mode & 0o777) == 0o755 and (elsewhere / "keep").read_text() == "root's"
    config = json.loads(json_config.read_text())
    assert set(config["auths"]) == {"other:1", "127.0.0.1:6000"} and config["credsStore"] == "x"
