"""A real class for tests and the benchmark: `python -m dockerlab.kelas start` in the class venv,
learners logging in through the hub's login form, their servers started through the hub's REST
API, notebooks run cell by cell in a kernel of the learner's own server (over its websocket).

The class venv is the one ``make hub`` builds (``KELAS_VENV``; a Python every learner can read,
which the project's own ``.venv`` under root's home is not). Everything started is stopped and
every account made is removed by :meth:`Classroom.stop`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

from dockerlab.registry.server import free_port
from dockerlab.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]


def class_venv() -> Path:
    """``KELAS_VENV``, else the Makefile's default for this checkout."""
    if os.environ.get("KELAS_VENV"):
        return Path(os.environ["KELAS_VENV"])
    digest = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    return Path(f"/opt/dockerlab-kelas/venv-{digest}")


class Learner:
    """One logged-in person: a browser-like session (hub cookies) and their own API token."""

    def __init__(self, hub: "Classroom", name: str, password: str) -> None:
        self.hub, self.name, self.password = hub, name, password
        self.session = requests.Session()
        self.token = ""

    def login(self) -> "Learner":
        login_url = f"{self.hub.url}/hub/login"
        self.session.get(login_url, timeout=30)
        xsrf = self.session.cookies.get("_xsrf", "")
        answer = self.session.post(login_url, data={"username": self.name, "password": self.password,
                                                    "_xsrf": xsrf}, allow_redirects=False, timeout=60)
        if answer.status_code != 302 or "/hub/login" in answer.headers.get("Location", ""):
            raise AssertionError(f"login of {self.name} refused: {answer.status_code}")
        xsrf = self.session.cookies.get("_xsrf", xsrf)
        made = self.session.post(f"{self.hub.url}/hub/api/users/{self.name}/tokens",
                                 headers={"X-XSRFToken": xsrf}, json={"note": "test", "expires_in": 3600},
                                 timeout=30)
        made.raise_for_status()
        self.token = made.json()["token"]
        return self

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.hub.url}{path}", headers=headers, timeout=120, **kwargs)

    def start_server(self, timeout: float = 180) -> None:
        answer = self.api("POST", f"/hub/api/users/{self.name}/server")
        if answer.status_code not in (201, 202, 400):  # 400: already running
            raise AssertionError(f"server of {self.name}: {answer.status_code} {answer.text}")

        def ready():
            model = self.api("GET", f"/hub/api/users/{self.name}").json()
            server = (model.get("servers") or {}).get("", {})
            return server.get("ready")

        wait_until(ready, timeout=timeout, interval=0.5, what=f"server of {self.name}")

    def kernel(self, notebook: str) -> "Kernel":
        answer = self.api("POST", f"/user/{self.name}/api/sessions",
                          json={"path": notebook, "type": "notebook", "kernel": {"name": "python3"}})
        answer.raise_for_status()
        return Kernel(self, answer.json()["kernel"]["id"], answer.json()["id"])


class Kernel:
    """A kernel in the learner's own server, driven over the Jupyter websocket protocol."""

    def __init__(self, learner: Learner, kernel_id: str, session_id: str) -> None:
        self.learner, self.id, self.session_id = learner, kernel_id, session_id
        self.session = uuid.uuid4().hex
        self.reconnects = 0
        self._connect()

    def _connect(self) -> None:
        """Open the channels websocket. With the same ``session_id`` a reconnect gets the
        messages the server buffered while it was gone, as JupyterLab's reconnect does."""
        import websocket

        url = (self.learner.hub.url.replace("http", "ws", 1)
               + f"/user/{self.learner.name}/api/kernels/{self.id}/channels?session_id={self.session}")
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {self.learner.token}"],
                                              timeout=300)

    def _receive(self) -> dict:
        import websocket

        try:
            return json.loads(self.ws.recv())
        except (websocket.WebSocketConnectionClosedException, ConnectionError):
            if self.reconnects >= 3:
                raise
            self.reconnects += 1
            self._connect()
            return {}

    def execute(self, code: str, timeout: float = 600) -> dict:
        """Run ``code``; ``{"status", "outputs", "error"}`` once the kernel is idle again."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.learner.name, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        deadline = time.monotonic() + timeout
        outputs, status, error, idle = [], None, None, False
        while status is None or not idle:
            self.ws.settimeout(max(1.0, deadline - time.monotonic()))
            msg = self._receive()
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "execute_reply":
                status = msg["content"]["status"]
            elif kind == "error":
                error = f"{msg['content']['ename']}: {msg['content']['evalue']}"
            elif kind in ("stream", "execute_result", "display_data"):
                outputs.append(msg["content"])
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            if time.monotonic() > deadline:
                raise TimeoutError(f"cell did not finish in {timeout}s for {self.learner.name}")
        return {"status": status, "outputs": outputs, "error": error}

    def run_notebook(self, path: Path) -> list[dict]:
        """Every code cell of ``path`` in order; stops at (and returns with) the first error."""
        results = []
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] != "code":
                continue
            result = self.execute("".join(cell["source"]))
            results.append(result)
            if result["status"] != "ok":
                break
        return results

    def close(self) -> None:
        self.ws.close()
        self.learner.api("DELETE", f"/user/{self.learner.name}/api/sessions/{self.session_id}")


class Classroom:
    """A running class: the hub, its proxy, the class registry and the teacher's service."""

    def __init__(self, learners: int, *, prefix: str | None = None) -> None:
        self.prefix = prefix or f"dl{uuid.uuid4().hex[:5]}"
        self.count = learners
        self.folder = Path(tempfile.mkdtemp(prefix="dockerlab-kelas-"))
        self.state = self.folder / "kelas"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = self.folder / "hub.log"
        self.accounts: dict[str, str] = {}
        self.registry_passwords: dict[str, str] = {}
        self.teacher = f"{self.prefix}guru"

    @property
    def learners(self) -> list[str]:
        return [n for n in self.accounts if n != self.teacher]

    def start(self) -> "Classroom":
        python = class_venv() / "bin" / "python"
        env = {**os.environ, "KELAS_DIR": str(self.state), "KELAS_NOTEBOOKS": str(ROOT / "notebooks")}
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [str(python), "-m", "dockerlab.kelas", "start", "--users", str(self.count), "--prefix",
                 f"{self.prefix}p", "--teacher", self.teacher, "--port", str(self.port), "--ip", "127.0.0.1"],
                env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_until(self._up, timeout=120, interval=0.25, what=f"hub at {self.url}")
        except BaseException:
            self.stop()
            raise
        with open(self.state / "akun.csv") as handle:
            for row in list(csv.reader(handle))[1:]:
                self.accounts[row[0]] = row[2]
                self.registry_passwords[row[0]] = row[3]
        self.registry = json.loads((self.state / "roster.json").read_text())["registry"]
        return self

    def _up(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"hub exited ({self.proc.returncode}):\n{self.log.read_text()[-3000:]}")
        try:
            ok = requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200
            # the registry service answers through the proxy once it is up (401: token auth on)
            return ok and requests.get(f"http://{self._registry()}/v2/", timeout=2).status_code == 401
        except (requests.RequestException, OSError):
            return False

    def _registry(self) -> str:
        return json.loads((self.state / "roster.json").read_text())["registry"]

    def learner(self, name: str) -> Learner:
        return Learner(self, name, self.accounts[name])

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the hub stops the servers, services and proxy
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # anything of its group still left
            except ProcessLookupError:
                pass
        python = class_venv() / "bin" / "python"
        if self.state.exists():
            subprocess.run([str(python), "-m", "dockerlab.kelas", "remove"], env={**os.environ, "KELAS_DIR": str(self.state)},
                           capture_output=True, timeout=120)
        subprocess.run(["rm", "-rf", str(self.folder)], check=False)


def rss_tree(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants, now."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        todo.extend(children.get(current, []))
    return total


if __name__ == "__main__":  # a quick manual try: python tests/hub_support.py
    room = Classroom(int(sys.argv[1]) if len(sys.argv) > 1 else 2).start()
    print(room.url, room.accounts)
    input("Enter to stop")
    room.stop()
