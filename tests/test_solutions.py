"""Every folded Solusi is right: run it where a learner would paste it, and the checker says ✅.

Solutions are markdown (``<details>`` blocks), so nbval never runs them. Here each notebook is run
with every solution's code inserted as a code cell right after it (fresh kernel, embedded engine,
fresh ``DOCKERLAB_HOME``); the inserted cells must show ✅ and no cell may fail.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from test_notebooks_meta import NOTEBOOKS, PATHS, solution_code

pytestmark = [pytest.mark.slow, pytest.mark.executor]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_solution_is_right(path, tmp_path, monkeypatch):
    nb = nbformat.read(path, as_version=4)
    cells, inserted = [], []
    for cell in nb.cells:
        cells.append(cell)
        code = solution_code(cell)
        if code:
            inserted.append(nbformat.v4.new_code_cell(code))
            cells.append(inserted[-1])
    assert len(inserted) >= 2, f"{path.name}: expected a Solusi per Latihan"
    nb.cells = cells
    monkeypatch.setenv("DOCKERLAB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DOCKERLAB_ENGINE", "local")
    monkeypatch.delenv("DOCKERLAB_LANG", raising=False)
    NotebookClient(nb, timeout=600, allow_errors=True, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    errors = [(i, o["ename"], o["evalue"][:300]) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.get("outputs", ()) if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: cells failed with the solutions in place: {errors}"
    for cell in inserted:
        shown = json.dumps(cell.outputs, ensure_ascii=False)
        assert "✅" in shown and "❌" not in shown, f"{path.name}: solution not accepted:\n{cell.source}\n{shown[:600]}"

