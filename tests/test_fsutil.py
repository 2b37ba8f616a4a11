"""``dockerlab.fsutil.remove_tree``: the one recursive delete, also for folders an ordinary user
may not list (000, 0300), search (0444) or write (0555) – as image layers and archives hold them."""

from __future__ import annotations

import os

import pytest

from dockerlab.fsutil import remove_tree

# Runs as the ordinary test user (as root no mode stands in the way): builds the tree itself, so
# the user owns it, then removes it with remove_tree and prints what is left.
LOCKED_TREE = r"""
import os, sys
from pathlib import Path
from dockerlab.fsutil import remove_tree

home = Path(sys.argv[1])
for case in ("nested", "top-000", "top-0300"):
    top = home / case
    # (folder, mode), deepest first: a folder is locked only once its contents exist
    plan = [("a/b/c", 0o555), ("a/b", 0o000), ("a", 0o300),
            ("d/sub", 0o000), ("d", 0o444), ("e/deep", 0o300), ("e", 0o555)]
    for folder, _ in plan:
        (top / folder).mkdir(parents=True, exist_ok=True)
        if folder != "d":  # d holds only a folder: rmtree cannot even stat it (no search bit)
            (top / folder / "file").write_text(folder)
    os.symlink("../a", top / "e" / "link")
    os.symlink("/nowhere", top / "a" / "dangling")
    for folder, mode in plan:
        os.chmod(top / folder, mode)
    os.chmod(top, {"nested": 0o555, "top-000": 0o000, "top-0300": 0o300}[case])
    try:
        remove_tree(top)
    except Exception as exc:
        print(case, type(exc).__name__, exc)
        continue
    print(case, "left" if os.path.lexists(top) else "gone")

# a relative name inside a read-only current folder: like `rm -rf rel`, the tree is emptied but
# "rel" itself stays, and the current folder's mode is not touched (it is not ours to change)
(home / "here" / "rel" / "sub").mkdir(parents=True)
os.chmod(home / "here" / "rel", 0o000)
os.chmod(home / "here", 0o555)
os.chdir(home / "here")
try:
    remove_tree("rel")
except PermissionError:
    print("relative refused", oct(os.stat(".").st_mode & 0o777), os.listdir("rel"))
os.chmod(home / "here", 0o755)
remove_tree("rel")
print("relative", "left" if os.path.lexists("rel") else "gone")
os.chdir(home)
remove_tree("here")
"""


def test_locked_folders_are_removed_as_an_ordinary_user():
    """Python's rmtree reports a folder it cannot open with ``os.open``; retrying that call
    raised TypeError (missing flags) instead of removing the folder."""
    from rootfs_helpers import ordinary_user_home, run_as_ordinary_user

    with ordinary_user_home("dockerlab-nonroot-rmtree-") as home:
        done = run_as_ordinary_user(LOCKED_TREE, str(home), home=home)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == ["nested gone", "top-000 gone", "top-0300 gone",
                                          "relative refused 0o555 []", "relative gone"], done.stdout
        assert os.listdir(home) == []


def test_files_links_and_nothing(tmp_path):
    (tmp_path / "f").write_text("x")
    os.symlink(tmp_path / "dir", tmp_path / "link")  # a link to a folder: the link goes, not the folder
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "kept").write_text("y")
    remove_tree(tmp_path / "f")
    remove_tree(tmp_path / "link")
    remove_tree(tmp_path / "missing")
    assert sorted(os.listdir(tmp_path)) == ["dir"] and os.listdir(tmp_path / "dir") == ["kept"]


def test_an_error_that_is_not_about_modes_is_raised(tmp_path):
    """Opening up a folder that is already open to its owner would loop; the real error surfaces."""
    if os.geteuid() != 0:
        pytest.skip("needs root to make a folder immutable")
    import shutil
    import subprocess

    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    (tmp_path / "t" / "fixed").mkdir(parents=True)
    (tmp_path / "t" / "fixed" / "f").write_text("x")
    done = subprocess.run(["chattr", "+i", str(tmp_path / "t" / "fixed")], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"this filesystem has no immutable flag: {done.stderr.strip()}")
    try:
        with pytest.raises(PermissionError):
            remove_tree(tmp_path / "t")
    finally:
        subprocess.run(["chattr", "-i", str(tmp_path / "t" / "fixed")], check=True)
    remove_tree(tmp_path / "t")
    assert not (tmp_path / "t").exists()
