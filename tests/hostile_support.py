"""Helpers of the adversarial suites (``tests/test_hostile_*.py``): raw tars, hostile images, a
guard that proves nothing outside changed, and a lying registry.

Every hostile case runs inside :func:`guarded`: a sentinel tree (files, folders, a symlink, odd
modes and times) is laid next to the store and in the parent of ``TMPDIR`` (``TMPDIR`` itself is
pointed at a fresh folder), and after the case both sentinels must be byte-, mode- and
mtime-identical and every image in the store must still validate.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import io
import json
import os
import socketserver
import stat
import tarfile
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from dockerlab.errors import DockerlabError
from dockerlab.model import Descriptor, Digest, History, ImageConfig, canonical_json, mediatypes as mt, validate
from dockerlab.model import Image

SECRET = b"dockerlab-host-secret-7f3a\n"  # the content of the sentinel's files: must never enter a store


# ---------------------------------------------------------------- the guard


def _tree_state(root: Path) -> dict[str, tuple]:
    out: dict[str, tuple] = {}
    for path in sorted([root, *root.rglob("*")]):
        st = os.lstat(path)
        if stat.S_ISREG(st.st_mode):
            content = hashlib.sha256(path.read_bytes()).hexdigest()
        elif stat.S_ISLNK(st.st_mode):
            content = os.readlink(path)
        else:
            content = ""
        out[str(path.relative_to(root))] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_uid,
                                            st.st_size if not stat.S_ISDIR(st.st_mode) else 0,
                                            st.st_mtime_ns if not stat.S_ISLNK(st.st_mode) else 0, content)
    return out


def make_sentinel(root: Path) -> Path:
    """A small tree of things a hostile input would love to change."""
    (root / "dir" / "deep").mkdir(parents=True)
    (root / "file").write_bytes(SECRET)
    (root / "dir" / "file").write_bytes(SECRET)
    (root / "dir" / "deep" / "file").write_bytes(SECRET)
    (root / "passwd").write_bytes(b"root:x:0:0:root:/root:/bin/sh\n" + SECRET)
    os.symlink("dir/file", root / "link")
    os.chmod(root / "dir" / "file", 0o640)
    os.chmod(root / "dir" / "deep", 0o750)
    for i, path in enumerate(sorted(root.rglob("*"))):
        if not path.is_symlink():
            os.utime(path, (1_000_000 + i, 1_000_000 + i))
    os.utime(root, (999_999, 999_999))
    return root


class Guard:
    """The sentinels of one case and the store whose images must stay valid."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.sentinel = make_sentinel(base / "sentinel")
        self.tmpdir = base / "tmpdir"
        self.tmpdir.mkdir()
        self.beside_tmp = make_sentinel(base / "beside-tmp")  # in TMPDIR's parent
        self.before = {p: _tree_state(p) for p in (self.sentinel, self.beside_tmp)}
        self.stores: list[Any] = []

    def watch(self, store: Any) -> Any:
        self.stores.append(store)
        return store

    def check(self) -> None:
        for root, before in self.before.items():
            assert _tree_state(root) == before, f"{root} changed"
        for store in self.stores:
            assert_store_valid(store)
            for blob in (store.layout / "blobs" / "sha256").iterdir():
                assert SECRET not in blob.read_bytes(), f"a host file entered the store: {blob.name}"


def assert_store_valid(store: Any) -> None:
    """Every image (and every image of every index) in ``store`` validates."""
    for view in store.images():
        images = [view] if isinstance(view, Image) else view.images()
        for image in images:
            problems = validate(image)
            assert problems == [], f"{view!r}: {problems}"


@contextlib.contextmanager
def guarded(base: Path, monkeypatch: Any) -> Iterator[Guard]:
    guard = Guard(base)
    monkeypatch.setenv("TMPDIR", str(guard.tmpdir))
    monkeypatch.setattr(tempfile, "tempdir", str(guard.tmpdir))
    yield guard
    guard.check()


def assert_clear(error: BaseException, *needles: str) -> None:
    """A learner-facing dockerlab error (Indonesian by default) naming each of ``needles``."""
    assert isinstance(error, DockerlabError), f"{type(error).__name__}: {error}"
    text = str(error)
    for needle in needles:
        assert needle in text, f"{needle!r} not in {text!r}"
    assert "Traceback" not in text


# ---------------------------------------------------------------- raw tars


def info(name: str, kind: bytes = tarfile.REGTYPE, *, mode: int = 0o644, linkname: str = "", size: int = 0,
         uid: int = 0, gid: int = 0, devmajor: int = 0, devminor: int = 0, mtime: int = 1_700_000_000) -> tarfile.TarInfo:
    member = tarfile.TarInfo(name)
    member.type, member.mode, member.linkname, member.size = kind, mode, linkname, size
    member.uid, member.gid, member.mtime = uid, gid, mtime
    member.devmajor, member.devminor = devmajor, devminor
    return member


def tar_of(*members: tuple[tarfile.TarInfo, bytes | None], fmt: int = tarfile.PAX_FORMAT) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for member, data in members:
            if data is not None:
                member.size = len(data)
            tar.addfile(member, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


def f(name: str, data: bytes = b"x", **kw: Any) -> tuple[tarfile.TarInfo, bytes]:
    return info(name, **kw), data


def d(name: str, mode: int = 0o755) -> tuple[tarfile.TarInfo, None]:
    return info(name, tarfile.DIRTYPE, mode=mode), None


def sym(name: str, target: str) -> tuple[tarfile.TarInfo, None]:
    return info(name, tarfile.SYMTYPE, mode=0o777, linkname=target), None


def hard(name: str, target: str) -> tuple[tarfile.TarInfo, None]:
    return info(name, tarfile.LNKTYPE, linkname=target), None


def raw_header(name: bytes, *, kind: bytes = b"0", size: int = 0, size_field: bytes | None = None,
               mode: int = 0o644, linkname: bytes = b"") -> bytes:
    """One ustar header block written by hand (for what tarfile refuses to write)."""
    h = bytearray(512)
    h[0:len(name[:100])] = name[:100]
    h[100:108] = b"%07o\0" % mode
    h[108:116] = b"0000000\0"
    h[116:124] = b"0000000\0"
    h[124:136] = size_field if size_field is not None else b"%011o\0" % size
    h[136:148] = b"%011o\0" % 1_700_000_000
    h[156:157] = kind
    h[157:157 + len(linkname[:100])] = linkname[:100]
    h[257:263] = b"ustar\0"
    h[263:265] = b"00"
    h[148:156] = b" " * 8
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)


def raw_member(name: bytes, data: bytes, kind: bytes = b"0", **kw: Any) -> bytes:
    return raw_header(name, kind=kind, size=len(data), **kw) + data + b"\0" * ((-len(data)) % 512)


def pax_records(**values: str) -> bytes:
    """Well-formed PAX records (``GNU_sparse_major`` → ``GNU.sparse.major``)."""
    out = b""
    for key, value in values.items():
        body = f" {key.replace('_', '.')}={value}\n".encode()
        n = len(body) + 1
        while len(str(n)) + len(body) != n:
            n += 1
        out += str(n).encode() + body
    return out


def pax_member(records: bytes, name: bytes = b"././@PaxHeader") -> bytes:
    return raw_member(name, records, kind=b"x")


END = b"\0" * 1024


# ---------------------------------------------------------------- hostile images in a store


def image_of_layers(store: Any, layers: Iterable[bytes], ref: str | None = "hostile:1", *,
                    config: dict[str, Any] | None = None) -> Image:
    """An image whose layers are the given raw (uncompressed) tars, with valid metadata, so every
    later operation meets the hostile bytes."""
    descs = [store.write_blob(data, media_type=mt.OCI_LAYER) for data in layers]
    descs = [Descriptor(mt.OCI_LAYER, x.digest, x.size) for x in descs]
    cfg = ImageConfig.create(architecture=_host_arch(), diff_ids=[x.digest for x in descs],
                             history=[History(created_by=f"layer {i}") for i in range(len(descs))],
                             extra=config)
    image = store.put_image(cfg.raw, descs)
    return store.tag(ref, image) if ref else image


def _host_arch() -> str:
    from dockerlab.executor import elf

    return elf.host_architecture()


def base_plus(store: Any, layers: Iterable[bytes], ref: str = "hostile:1") -> Image:
    """The course base image with hostile layers on top (so RUN and containers have a shell)."""
    from dockerlab import baseimage
    from dockerlab.model.mutate import append_layer

    image = baseimage.ensure_base_image(store)
    for i, data in enumerate(layers):
        desc = store.write_blob(data, media_type=mt.OCI_LAYER)
        image = append_layer(image, Descriptor(mt.OCI_LAYER, desc.digest, desc.size),
                             history=History(created_by=f"hostile layer {i}"))
    return store.write(image, tags=[ref])


# ---------------------------------------------------------------- a lying registry


class LyingRegistry:
    """A threaded HTTP server on 127.0.0.1 answering what ``routes`` says (a registry that lies).

    ``routes``: ``(method, path) -> handler(request)``; a handler writes the answer itself
    (``request.send_response`` …) and may stream forever; unknown paths answer 404.
    """

    def __init__(self, routes: dict[tuple[str, str], Callable[[Any], None]]) -> None:
        self.routes = routes
        self.stop_event = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def handle_one(self) -> None:
                path = self.path.split("?", 1)[0]
                handler = outer.routes.get((self.command, path)) or outer.routes.get((self.command, "*"))
                if handler is None:
                    body = b'{"errors":[{"code":"NAME_UNKNOWN","message":"no"}]}'
                    self.send_response(404)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                try:
                    handler(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = handle_one  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "LyingRegistry":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop_event.set()
        self.server.shutdown()
        self.server.server_close()


def answer(request: Any, body: bytes, *, status: int = 200, content_type: str = "application/json",
           headers: dict[str, str] | None = None, length: int | None = None) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body) if length is None else length))
    for key, value in (headers or {}).items():
        request.send_header(key, value)
    request.end_headers()
    if request.command != "HEAD":
        request.wfile.write(body)


def endless(request: Any, *, content_type: str = "application/json", headers: dict[str, str] | None = None,
            chunk: bytes = b"[" * 65536, stop: threading.Event | None = None, delay: float = 0.0) -> None:
    """An answer that never ends (chunked), until the client hangs up or ``stop`` is set."""
    request.send_response(200)
    request.send_header("Content-Type", content_type)
    request.send_header("Transfer-Encoding", "chunked")
    for key, value in (headers or {}).items():
        request.send_header(key, value)
    request.end_headers()
    import time as _time

    while stop is None or not stop.is_set():
        request.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        request.wfile.flush()
        if delay:
            _time.sleep(delay)  # the server side of a slow registry (the test waits on the client)


def manifest_for(config: bytes, layers: list[bytes], *, media_type: str = mt.OCI_MANIFEST,
                 layer_type: str = mt.OCI_LAYER, sizes: list[int] | None = None, config_size: int | None = None) -> bytes:
    return canonical_json({
        "schemaVersion": 2, "mediaType": media_type,
        "config": {"mediaType": mt.OCI_CONFIG, "digest": str(Digest.of(config)),
                   "size": len(config) if config_size is None else config_size},
        "layers": [{"mediaType": layer_type, "digest": str(Digest.of(l)),
                    "size": len(l) if sizes is None else sizes[i]} for i, l in enumerate(layers)],
    })


def config_for(layers: list[bytes], **extra: Any) -> bytes:
    return ImageConfig.create(architecture=_host_arch(), diff_ids=[Digest.of(l) for l in layers],
                              history=[History(created_by="x") for _ in layers], extra=extra or None).raw


def registry_routes(repo: str, manifest: bytes, blobs: dict[Digest, bytes], tag: str = "1",
                    manifest_type: str = mt.OCI_MANIFEST) -> dict[tuple[str, str], Callable[[Any], None]]:
    """An honest registry serving one image (tests then make parts of it lie)."""
    routes: dict[tuple[str, str], Callable[[Any], None]] = {
        ("GET", "/v2/"): lambda r: answer(r, b"{}"),
    }
    for ref in (tag, str(Digest.of(manifest))):
        for method in ("GET", "HEAD"):
            routes[(method, f"/v2/{repo}/manifests/{ref}")] = lambda r: answer(
                r, manifest, content_type=manifest_type, headers={"Docker-Content-Digest": str(Digest.of(manifest))})
    for digest, data in blobs.items():
        for method in ("GET", "HEAD"):
            routes[(method, f"/v2/{repo}/blobs/{digest}")] = lambda r, data=data: answer(
                r, data, content_type="application/octet-stream")
    return routes


def struct_pack_size(size: int) -> bytes:
    """A GNU base-256 size field (12 bytes) for sizes octal cannot hold."""
    return b"\x80" + size.to_bytes(11, "big")

