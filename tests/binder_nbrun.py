"""Run notebooks to the end whatever fails, and print what each shows (JSON): a helper script that
``tests/test_binder.py`` runs as the learner, with the Binder-like environment's Python.

    python binder_nbrun.py NOTEBOOK...    # kernels start in each notebook's folder
"""

import json
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def shown(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    data = output.get("data", {})
    return data.get("text/html") or data.get("text/plain") or ""


def main(paths: list[str]) -> None:
    report = {}
    for name in paths:
        path = Path(name)
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, allow_errors=True, timeout=600,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        errors, text = [], []
        for index, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    shown_first = re.sub(r"\x1b\[[0-9;]*m", "", (output.get("traceback") or [""])[0])
                    errors.append({"cell": index, "ename": output["ename"],
                                   "evalue": output["evalue"][:400],
                                   "first_line": shown_first[:200],
                                   "source": "".join(cell["source"])[:200]})
                else:
                    text.append(shown(output))
        report[path.name] = {"errors": errors, "text": "\n".join(text)}
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
