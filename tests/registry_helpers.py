"""Helpers for the registry tests: small real images made through the store, unique repository
names on the shared session registry, an htpasswd line, and a real token server.

The token server is what Docker Hub's auth service is: an HTTP endpoint that answers
``GET /token?service=…&scope=repository:x:pull,push`` with a JWT the registry trusts, because the
registry (``auth.token`` with ``rootcertbundle``) holds the certificate whose key signed it.
Anonymous callers get ``pull`` only; callers with the right basic credentials get what they ask.
"""

from __future__ import annotations

import base64
import datetime
import http.server
import json
import random
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from dockerlab.model import EPOCH, History, ImageConfig, RunConfig, rfc3339, mediatypes as mt
from dockerlab.tarutil import Entry, write_layer


def unique_repo(prefix: str = "test") -> str:
    return f"{prefix}/{uuid.uuid4().hex[:12]}"


def random_layer(store, size: int, seed: int, name: str = "data"):
    """A layer holding one file of ``size`` random (incompressible) bytes; returns its descriptor."""
    data = random.Random(seed).randbytes(size)
    with store.blob_writer(media_type=mt.OCI_LAYER) as writer:
        return write_layer(writer, [Entry(f"{name}/blob{seed}", "file", 0o644, size=len(data), data=data)],
                           mtime=EPOCH)


def random_image(store, ref: str | None, sizes=(64 << 10, 32 << 10), *, seed: int = 0, arch: str = "amd64",
                 layers=None):
    """An image with one random-data layer per size (or the given layer descriptors), tagged ``ref``."""
    layers = list(layers) if layers is not None else [random_layer(store, n, seed * 100 + i) for i, n in enumerate(sizes)]
    created = rfc3339(EPOCH)
    config = ImageConfig.create(
        architecture=arch, os="linux", variant="v8" if arch == "arm64" else None,
        config=RunConfig(env=("PATH=/bin",), cmd=("sh",)), diff_ids=[d.digest for d in layers], created=created,
        history=[History(created=created, created_by=f"test layer {i}") for i in range(len(layers))])
    image = store.put_image(config.raw, layers)
    return store.tag(ref, image) if ref else image


def need_module(name: str):
    """Import a test-only PyPI package, or skip (fail under CI=true) saying how to install it."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        from components import missing

        missing(f"the Python package {name!r}", f"pip install {name}  (in .venv; listed in the dev extras)")


def htpasswd_line(user: str, password: str) -> str:
    bcrypt = need_module("bcrypt")

    return f"{user}:{bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=5)).decode()}\n"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TokenServer:
    """A loopback token server issuing RS256 JWTs with an ``x5c`` certificate chain."""

    def __init__(self, folder: Path, *, service: str = "dockerlab-test", issuer: str = "dockerlab-test-issuer",
                 users: dict[str, str] | None = None, refresh_tokens: dict[str, str] | None = None) -> None:
        """``users``: name → password (basic credentials on GET); ``refresh_tokens``: identity
        token → name (OAuth2 ``grant_type=refresh_token`` on POST, distribution's oauth.md)."""
        need_module("cryptography")
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID

        self.service, self.issuer, self.users = service, issuer, dict(users or {})
        self.refresh_tokens = dict(refresh_tokens or {})
        self.requests: list[dict] = []
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dockerlab test token signer")])
        now = datetime.datetime.now(datetime.timezone.utc)
        self.cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(now - datetime.timedelta(days=1))
                     .not_valid_after(now + datetime.timedelta(days=1))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                     .sign(self.key, hashes.SHA256()))
        self.bundle = Path(folder) / "token-signer.pem"
        self.bundle.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))
        self._der = self.cert.public_bytes(serialization.Encoding.DER)
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                query = parse_qs(urlparse(self.path).query)
                user = server._user(self.headers.get("Authorization"))
                if user is False:
                    self.send_response(401)
                    self.end_headers()
                    return
                scopes = query.get("scope", [])
                server.requests.append({"user": user, "scopes": scopes, "service": query.get("service")})
                body = json.dumps({"token": server.token(scopes, user), "expires_in": 300}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                user = server.refresh_tokens.get((form.get("refresh_token") or [""])[0])
                if form.get("grant_type") != ["refresh_token"] or user is None:
                    self.send_response(401)
                    self.end_headers()
                    return
                scopes = " ".join(form.get("scope", [])).split()
                server.requests.append({"user": user, "scopes": scopes, "service": form.get("service"),
                                        "grant": "refresh_token"})
                body = json.dumps({"access_token": server.token(scopes, user), "expires_in": 300}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.realm = f"http://127.0.0.1:{self.httpd.server_address[1]}/token"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "TokenServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def registry_config(self) -> dict[str, str]:
        return {"realm": self.realm, "service": self.service, "issuer": self.issuer,
                "rootcertbundle": str(self.bundle)}

    def _user(self, header: str | None):
        """``None`` for anonymous, the name for good credentials, ``False`` for bad ones."""
        if not header:
            return None
        user, _, password = base64.b64decode(header.split(" ", 1)[1]).decode().partition(":")
        return user if self.users.get(user) == password else False

    def token(self, scopes: list[str], user: str | None) -> str:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        access = []
        for text in scopes:
            kind, name, actions = text.split(":")
            allowed = [a for a in actions.split(",") if a == "pull" or user is not None]
            access.append({"type": kind, "name": name, "actions": allowed})
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": user or "", "aud": self.service, "exp": now + 300, "nbf": now - 10,
                  "iat": now, "jti": uuid.uuid4().hex, "access": access}
        header = {"typ": "JWT", "alg": "RS256", "x5c": [base64.b64encode(self._der).decode()]}
        signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
        signature = self.key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{_b64(signature)}"
