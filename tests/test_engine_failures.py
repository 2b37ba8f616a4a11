"""A Docker daemon that fails is reported with its real cause, and no connection is left open.

dockerd cannot be made to answer ``/_ping`` with an error on demand, so these tests talk to a
small unix-socket HTTP server that behaves like a broken daemon.
"""

from __future__ import annotations

import socketserver
import threading

import docker
import pytest

from dockerlab import engines
from dockerlab.engines.docker import DockerEngine
from dockerlab.errors import EngineUnavailable
from dockerlab.waiting import wait_until


class BrokenDaemon(socketserver.ThreadingUnixStreamServer):
    """Answers ``/version`` (so the SDK connects) and fails ``/_ping`` with 500."""

    daemon_threads = True

    def __init__(self, path: str) -> None:
        self.open_connections = 0
        self.lock = threading.Lock()
        super().__init__(path, Handler)


class Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        server: BrokenDaemon = self.server  # type: ignore[assignment]
        with server.lock:
            server.open_connections += 1
        try:
            while True:
                request = self.rfile.readline()
                if not request:
                    return  # the client closed the connection
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                if b"/version" in request:
                    status, body = "200 OK", b'{"ApiVersion": "1.43", "Version": "24.0.0"}'
                else:
                    status, body = "500 Internal Server Error", b'{"message": "broken"}'
                self.wfile.write(f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
                                 f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                self.wfile.flush()
        finally:
            with server.lock:
                server.open_connections -= 1


@pytest.fixture
def broken_daemon(tmp_path):
    path = tmp_path / "docker.sock"
    server = BrokenDaemon(str(path))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"unix://{path}"
    server.shutdown()
    server.server_close()


def test_failed_ping_closes_the_client(broken_daemon, monkeypatch):
    server, host = broken_daemon
    monkeypatch.setenv("DOCKER_HOST", host)
    with pytest.raises(EngineUnavailable) as exc:
        engines.ping_docker()
    assert host in str(exc.value)
    # exc (and with it the traceback that references the client) is still alive here: only an
    # explicit close() releases the pooled connection.
    wait_until(lambda: server.open_connections == 0, timeout=5, what="client connection closed")
    assert exc.value.__cause__ is not None


def test_info_names_the_cause_when_the_daemon_went_away(tmp_path):
    sock = tmp_path / "docker.sock"
    server = BrokenDaemon(str(sock))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client = docker.DockerClient(base_url=f"unix://{sock}", timeout=3)
    engine = DockerEngine(client, cache_dir=tmp_path / "cache")
    server.shutdown()
    server.server_close()
    sock.unlink()  # the daemon is gone
    try:
        with pytest.raises(EngineUnavailable) as exc:
            engine.info()
        assert "FileNotFoundError" in str(exc.value) or "ConnectionRefusedError" in str(exc.value)
    finally:
        client.close()
