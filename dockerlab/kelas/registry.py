"""The class registry: the real ``registry`` server with token auth, and its token issuer.

One process, run by the hub as a managed service (``jupyterhub_config.py``): it starts the real
registry (:class:`dockerlab.registry.server.RegistryServer`) on loopback with ``auth.token``
pointing at itself, then answers token requests until the hub stops it.

Rules (:func:`grant`): every learner logs in with their own name and registry password (the
class ``htpasswd``, bcrypt); a learner may **pull** any repository and **push** only under their
own namespace (``NAMA/…``); the teacher may push anywhere and list the catalog; without a valid
login nothing is granted.

Written by hand, in a few lines on PyJWT: the registry's own ``htpasswd`` auth lets every
logged-in user push to every repository (it has no per-repository rules), so per-namespace rules
need ``auth.token`` and a token issuer; none is packaged for Debian or PyPI in a well-kept form
(the common one, cesanta/docker_auth, is a Go program outside both). The token format is
distribution's ``docs/spec/auth/jwt.md``: an RS256 JWT whose ``x5c`` header carries the signing
certificate, which the registry checks against ``rootcertbundle``.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import http.server
import json
import os
import signal
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlparse

SERVICE = "dockerlab-kelas"
ISSUER = "dockerlab-kelas-token"
LIFETIME = 300  # seconds a token is valid


def grant(user: str | None, scope: str, *, teacher: str | None) -> dict | None:
    """The access entry a token gives ``user`` for one requested ``scope``
    (``repository:ani/my-app:push,pull``), or ``None`` for a scope not understood."""
    kind, _, rest = scope.partition(":")
    name, _, actions = rest.rpartition(":")
    if not kind or not name:
        return None
    wanted = [a for a in actions.split(",") if a]
    if user is None:
        allowed: list[str] = []
    elif user == teacher:
        allowed = wanted if kind in ("repository", "registry") else []
    elif kind == "repository":
        own = name.split("/", 1)[0] == user and "/" in name
        allowed = [a for a in wanted if a == "pull" or (own and a in ("push", "delete"))]
    else:
        allowed = []
    return {"type": kind, "name": name, "actions": allowed}


class Logins:
    """The class ``htpasswd`` (bcrypt); a good password is remembered (as its sha256) so that a
    push's many token requests cost one bcrypt check."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._good: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def check(self, header: str | None) -> str | None | bool:
        """``None`` for no credentials, the user for good ones, ``False`` for bad ones."""
        import bcrypt

        if not header or not header.lower().startswith("basic "):
            return None
        try:
            user, _, password = base64.b64decode(header.split(" ", 1)[1], validate=True).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        key = (user, hashlib.sha256(password.encode()).hexdigest())
        with self._lock:
            if key in self._good:
                return user
        hashes = {}
        for line in self.path.read_text().splitlines():
            name, _, hashed = line.partition(":")
            hashes[name] = hashed
        hashed = hashes.get(user)
        if not hashed or not bcrypt.checkpw(password.encode(), hashed.encode()):
            return False
        with self._lock:
            self._good.add(key)
        return user


class Signer:
    """An RSA key and a self-signed certificate for it, kept in ``folder`` (made once)."""

    def __init__(self, folder: Path) -> None:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID

        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        key_path, self.bundle = folder / "token-key.pem", folder / "token-cert.pem"
        if key_path.exists() and self.bundle.exists():
            self.key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
            cert = x509.load_pem_x509_certificate(self.bundle.read_bytes())
        else:
            self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dockerlab kelas token issuer")])
            now = datetime.datetime.now(datetime.timezone.utc)
            cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                    .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                    .not_valid_before(now - datetime.timedelta(days=1))
                    .not_valid_after(now + datetime.timedelta(days=3650))
                    .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                    .sign(self.key, hashes.SHA256()))
            fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(self.key.private_bytes(serialization.Encoding.PEM,
                                                    serialization.PrivateFormat.PKCS8,
                                                    serialization.NoEncryption()))
            self.bundle.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        self._x5c = [base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()]

    def token(self, user: str | None, access: list[dict]) -> str:
        import jwt

        now = int(time.time())
        claims = {"iss": ISSUER, "sub": user or "", "aud": SERVICE, "exp": now + LIFETIME, "nbf": now - 10,
                  "iat": now, "jti": uuid.uuid4().hex, "access": access}
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"x5c": self._x5c})


def token_server(logins: Logins, signer: Signer, teacher: str | None, port: int,
                 host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """The HTTP token endpoint (``GET /token?service=…&scope=…``) on ``host:port``."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            url = urlparse(self.path)
            if url.path.rstrip("/").rsplit("/", 1)[-1] != "token":
                self._answer(404, {"error": "not found"})
                return
            user = logins.check(self.headers.get("Authorization"))
            if user is False:
                self._answer(401, {"error": "bad login"}, {"WWW-Authenticate": 'Basic realm="dockerlab kelas"'})
                return
            scopes = parse_qs(url.query).get("scope", [])[:20]
            access = [a for a in (grant(user, s, teacher=teacher) for s in scopes) if a is not None]
            token = signer.token(user, access)
            self._answer(200, {"token": token, "access_token": token, "expires_in": LIFETIME})

        def _answer(self, code: int, body: dict, headers: dict | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return http.server.ThreadingHTTPServer((host, port), Handler)


def main() -> None:
    """Run the class registry and its token issuer until SIGTERM (the hub's managed service)."""
    from ..registry.server import RegistryServer
    from .roster import class_dir, load

    folder = class_dir()
    token_port = int(os.environ["KELAS_TOKEN_PORT"])
    registry_port = int(os.environ["KELAS_REGISTRY_PORT"])
    # One server: loopback. Kubernetes (kelas/kubernetes/): KELAS_BIND=0.0.0.0 and the realm as
    # the learners' pods reach it (KELAS_TOKEN_REALM=http://kelas-registry:5001/token).
    host = os.environ.get("KELAS_BIND", "127.0.0.1")
    signer = Signer(folder / "registry-token")
    httpd = token_server(Logins(folder / "htpasswd"), signer, load(folder).get("teacher"), token_port, host)
    realm = os.environ.get("KELAS_TOKEN_REALM") or f"http://127.0.0.1:{token_port}/token"
    token = {"realm": realm, "service": SERVICE, "issuer": ISSUER, "rootcertbundle": str(signer.bundle)}
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    server = RegistryServer(folder / "registry", host=host, port=registry_port, token=token,
                            startup_timeout=60).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"kelas registry at {server.address}, tokens at {token['realm']}", flush=True)
    try:
        stop.wait()
    finally:
        server.stop()
        httpd.shutdown()


if __name__ == "__main__":
    main()
