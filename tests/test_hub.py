"""A real class of three: JupyterHub, configurable-http-proxy, the class registry and the teacher's
service, started by ``python -m dockerlab.kelas start`` (what ``make hub`` runs) and stopped, with
every account it made removed, at the end.

Each learner logs in through the hub's login form (PAM, their system password), starts their
server through the hub's REST API and runs notebook 01 top to bottom in a kernel of that server,
all three at once. Then, in their own kernels: learner A tries to read B's files and to push
into B's namespace (both refused), B pulls A's image (allowed). The teacher's table must show
exactly the verdicts the learners saw, and a learner is refused by it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
import requests

from components import missing
from dockerlab.kelas.registry import grant
from dockerlab.kelas.roster import numbered, read_names
from hub_support import ROOT, Classroom, class_venv

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]
LEARNERS = 3
NOTEBOOK = "01-image-pertama.ipynb"
VERDICT = re.compile(r"Latihan (\d\d\.\d): (Benar!|Belum tepat\.)")


def _need_class() -> None:
    if os.geteuid() != 0:
        missing("root (to make the class's system users)", "run the tests as root, as CI does")
    if not (class_venv() / "bin" / "jupyterhub").exists():
        missing(f"the class venv {class_venv()}", "make hub-venv")
    for tool in ("configurable-http-proxy", "proot", "useradd"):
        if shutil.which(tool) is None:
            missing(tool, "bash scripts/system-deps.sh test")


def _seen_verdicts(results: list[dict]) -> dict[str, bool]:
    """The last verdict per exercise that a learner saw in the outputs of their cells."""
    seen: dict[str, bool] = {}
    for result in results:
        for output in result["outputs"]:
            text = output.get("text") or output.get("data", {}).get("text/plain", "")
            for exercise, verdict in VERDICT.findall(text):
                seen[exercise] = verdict == "Benar!"
    return seen


@pytest.fixture(scope="module")
def room():
    _need_class()
    classroom = Classroom(LEARNERS)
    try:
        classroom.start()
        yield classroom
    finally:
        classroom.stop()


@pytest.fixture(scope="module")
def run(room):
    """Every learner: log in, start a server, run notebook 01 in a kernel of it (at once)."""
    learners = {name: room.learner(name).login() for name in room.learners}
    runs: dict[str, list[dict]] = {}
    kernels = {}
    failures: list[BaseException] = []

    def one(name: str) -> None:
        try:
            learner = learners[name]
            learner.start_server()
            kernel = kernels[name] = learner.kernel(NOTEBOOK)
            runs[name] = kernel.run_notebook(ROOT / "notebooks" / NOTEBOOK)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=one, args=(name,)) for name in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    assert not failures, failures
    yield {"learners": learners, "runs": runs, "kernels": kernels}
    for kernel in kernels.values():
        kernel.close()


def test_every_learner_runs_the_notebook_in_their_own_server(room, run):
    cells = sum(1 for c in json.loads((ROOT / "notebooks" / NOTEBOOK).read_text())["cells"]
                if c["cell_type"] == "code")
    for name in room.learners:
        results = run["runs"][name]
        assert [r["status"] for r in results] == ["ok"] * cells, (name, results[-1])
        who = run["kernels"][name].execute(
            "import os, getpass, dockerlab\nfrom dockerlab.executor.choice import detect\n"
            "print(getpass.getuser(), os.environ['DOCKERLAB_HOME'], dockerlab.engine().name,"
            " type(detect()).__name__)")
        user, home, engine, executor = who["outputs"][0]["text"].split()
        assert (user, engine, executor) == (name, "local", "ProotExecutor")  # RUN as on Binder
        assert home.startswith(f"/home/{name}/.dockerlab/")  # the lesson's own store inside it


def test_a_learner_cannot_read_another_learners_store(room, run):
    a, b = room.learners[:2]
    kernel = run["kernels"][a]
    probe = kernel.execute(
        "import os\n"
        f"for path in ['/home/{b}', '/home/{b}/.dockerlab', '/home/{b}/.dockerlab/progress.jsonl',"
        f" '/home/{b}/.docker/config.json']:\n"
        "    try:\n"
        "        os.listdir(path) if not path.endswith(('.jsonl', '.json')) else open(path).read()\n"
        "        print('READ', path)\n"
        "    except PermissionError:\n"
        "        print('DENIED', path)\n")
    lines = probe["outputs"][0]["text"].split("\n")
    assert [line.split()[0] for line in lines if line] == ["DENIED"] * 4, lines
    assert oct(Path(f"/home/{b}").stat().st_mode & 0o777) == "0o700"
    assert (Path(f"/home/{b}/.dockerlab/progress.jsonl").stat().st_mode & 0o777) == 0o600


def test_a_learner_pushes_to_their_namespace_only_and_everyone_pulls(room, run):
    a, b = room.learners[:2]
    reg = room.registry
    build = (
        "import pathlib, tempfile, dockerlab\n"
        "d = pathlib.Path(tempfile.mkdtemp()); (d / 'Dockerfile').write_text('FROM scratch\\nCOPY a /a\\n')\n"
        f"(d / 'a').write_text('{a}')\n"
        f"dockerlab.build(str(d), tag='{reg}/{a}/app:1')\n"
        f"dockerlab.push('{reg}/{a}/app:1')\n"
        f"dockerlab.tag('{reg}/{a}/app:1', '{reg}/{b}/app:1')\n"
        "try:\n"
        f"    dockerlab.push('{reg}/{b}/app:1')\n"
        "    print('PUSHED')\n"
        "except dockerlab.RegistryError as exc:\n"
        "    print('REFUSED', exc)\n")
    result = run["kernels"][a].execute(build)
    assert result["status"] == "ok", result
    text = "".join(o.get("text", "") for o in result["outputs"])
    assert "REFUSED" in text and "PUSHED" not in text, text
    assert "push hanya ke repository milik Anda" in text  # told why: not a login problem
    # the registry holds A's image and nothing under B's name (asked with the teacher's login)
    teacher = requests.Session()
    teacher.auth = (room.teacher, room.registry_passwords[room.teacher])
    token = teacher.get(f"http://127.0.0.1:{_token_port(room)}/token",
                        params={"service": "dockerlab-kelas", "scope": "registry:catalog:*"}).json()["token"]
    catalog = requests.get(f"http://{reg}/v2/_catalog", headers={"Authorization": f"Bearer {token}"}).json()
    assert f"{a}/app" in catalog["repositories"] and f"{b}/app" not in catalog["repositories"]
    pulled = run["kernels"][b].execute(f"import dockerlab\nprint(dockerlab.pull('{reg}/{a}/app:1').id)")
    assert pulled["status"] == "ok", pulled


def _token_port(room) -> int:
    config = json.loads((room.state / "registry" / "config.yml").read_text())
    return int(config["auth"]["token"]["realm"].split(":")[2].split("/")[0])


def test_the_token_issuer_refuses_a_bad_login_and_grants_pull_only_elsewhere(room):
    a, b = room.learners[:2]
    url = f"http://127.0.0.1:{_token_port(room)}/token"
    assert requests.get(url, auth=(a, "wrong"), params={"scope": f"repository:{a}/x:push"}).status_code == 401
    import jwt

    token = requests.get(url, auth=(a, room.registry_passwords[a]),
                         params={"scope": [f"repository:{a}/x:push,pull", f"repository:{b}/x:push,pull"]}).json()
    claims = jwt.decode(token["token"], options={"verify_signature": False})
    assert claims["access"] == [{"type": "repository", "name": f"{a}/x", "actions": ["push", "pull"]},
                                {"type": "repository", "name": f"{b}/x", "actions": ["pull"]}]


def test_the_teacher_sees_exactly_the_checks_the_learners_saw(room, run):
    a, b, c = room.learners[:3]
    # two more checks: a right one by A, one from another notebook by C
    more = {a: "latihan.build_command('docker build -t my-app:1.0 .')", c: "latihan.check('02.1', 99, 'x')"}
    seen = {name: _seen_verdicts(run["runs"][name]) for name in room.learners}
    for name, code in more.items():
        extra = run["kernels"][name].execute(f"from dockerlab import exercises as latihan\n{code}")
        seen[name] = {**seen[name], **_seen_verdicts([extra])}
    assert seen[a]["01.2"] is True and seen[c]["02.1"] is False and "02.1" not in seen[b]
    assert all(seen[name] for name in room.learners)
    teacher = room.learner(room.teacher).login()
    page = teacher.session.get(f"{room.url}/services/kelas/", timeout=60)
    assert page.status_code == 200 and "Kemajuan kelas" in page.text, page.text[:500]
    answer = teacher.session.get(f"{room.url}/services/kelas/kelas.csv", timeout=60)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/csv")
    shown: dict[str, dict[str, bool]] = {name: {} for name in room.learners}
    for row in csv.DictReader(io.StringIO(answer.text)):
        shown[row["learner"]][row["exercise"]] = row["ok"] == "1"
    assert shown == seen
    assert "02.1" in page.text and f"<th>{c}</th>" in page.text


def test_a_learner_is_refused_by_the_teachers_service(room, run):
    learner = run["learners"][room.learners[0]]
    answer = learner.session.get(f"{room.url}/services/kelas/kelas.csv", timeout=60)
    assert answer.status_code == 403
    assert room.learners[1] not in answer.text


def test_registry_rules():
    assert grant("ani", "repository:ani/app:push,pull", teacher="guru")["actions"] == ["push", "pull"]
    assert grant("ani", "repository:budi/app:push,pull", teacher="guru")["actions"] == ["pull"]
    assert grant("ani", "repository:ani:push", teacher="guru")["actions"] == []  # no namespace
    assert grant("ani", "repository:anita/app:push", teacher="guru")["actions"] == []
    assert grant(None, "repository:ani/app:pull", teacher="guru")["actions"] == []
    assert grant("ani", "registry:catalog:*", teacher="guru")["actions"] == []
    assert grant("guru", "registry:catalog:*", teacher="guru")["actions"] == ["*"]
    assert grant("ani", "nonsense", teacher="guru") is None


def test_users_file_names_a_bad_line(tmp_path):
    path = tmp_path / "users.txt"
    path.write_text("# kelas A\nani\nbudi  # ketua\n\nBad Name\n")
    with pytest.raises(ValueError, match=r"'Bad Name'.*users.txt:5"):
        read_names(path)
    path.write_text("ani\nbudi # ketua\nani\n")
    assert read_names(path) == ["ani", "budi"]
    assert numbered(3) == ["peserta01", "peserta02", "peserta03"]
