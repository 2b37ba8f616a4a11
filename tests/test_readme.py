"""README.md leads a newcomer to the course: prerequisites, one path per kind of computer, what
`make lab` does (it prints the address; with sudo it never serves as root), the contributors'
commands apart, and the Binder badge's repository named in one marked place."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _sections() -> dict[str, str]:
    """``{heading: text under it, up to the next heading of any level}``."""
    parts = re.split(r"^(#{2,4} .+)$", README, flags=re.M)
    return {parts[i].lstrip("# ").strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFKC", heading).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_the_binder_badge_repository_is_one_marked_setting():
    lines = README.splitlines()
    badge = next(i for i, line in enumerate(lines) if "mybinder.org/badge_logo.svg" in line)
    comment = "\n".join(lines[:badge])
    assert "<!-- BINDER_REPOSITORY:" in comment and comment.rstrip().endswith("-->"), (
        "the badge must sit right under the BINDER_REPOSITORY comment saying what to set")
    named = re.findall(r"mybinder\.org/v2/gh/([^/?)\s<]+/[^/?)\s<]+)/", README)
    assert len(named) == 1, f"the repository must be named once, in the badge: {named}"
    assert "BINDER_REPOSITORY" in _sections()["Untuk kontributor"]


def test_prerequisites_are_stated():
    text = _sections()["Prasyarat"]
    for needed in ('"""', "{1:", "{2, 3, 4}", "[0]", "2,5 jam"):
        assert needed in text, needed


def test_every_computer_has_a_path_and_the_table_links_resolve():
    sections = _sections()
    assert "wsl --install" in sections["Windows: WSL 2"] and "/mnt/c" in sections["Windows: WSL 2"]
    assert "macOS" in sections and "jupyter-repo2docker" in sections["macOS"]
    anchors = {_anchor(h) for h in sections}
    links = re.findall(r"\]\(#([^)]+)\)", README)
    assert links and all(link in anchors for link in links), (sorted(set(links) - anchors), anchors)


def test_make_lab_is_described_as_it_behaves():
    """The README quotes the address line `make lab` prints and says sudo serves as the user."""
    start = _sections()["Debian atau Ubuntu"]
    makefile = (ROOT / "Makefile").read_text()
    printed = re.search(r'echo "  (Buka alamat ini di browser[^"]*)"', makefile).group(1)
    assert printed in start and "http://127.0.0.1:8888/lab/tree/notebooks/00-pengantar.ipynb?token=" in start
    assert "sudo make lab" in start and "bukan sebagai root" in start and "Ctrl+C" in start
    assert "membuka JupyterLab" not in README   # it does not open a browser (--no-browser)


def test_make_test_belongs_to_contributors():
    before, _, after = README.partition("## Untuk kontributor")
    assert after, "README needs a contributors' section"
    english = after.index("## English")
    assert "make test" not in before and "make bench" not in before
    assert "make test" in after[:english] and "make bench" in after[:english]
