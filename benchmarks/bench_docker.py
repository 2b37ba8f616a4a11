"""Speed and memory of the Docker Engine backend (issue 4), against a private dockerd.

Targets, each printed beside its measurement and reference:
  * listing 40 images (``DockerEngine.images()``) exports nothing and takes < 1 s;
  * reading the layers of a ``BENCH_DOCKER_MIB`` (default 256) MiB image for the first time (one
    export stream, cached on disk): wall time within 2x of ``GET /images/{id}/get`` read and
    hashed by the same process, and the process grows by < 64 MiB (streamed, never buffered);
  * reading them again: from the cache, no export, < 1/3 of the first read.
Needs root and ``dockerd`` (it starts its own on a private socket); prints why and exits 0 when
they are missing. Exits 1 when a target is missed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import shutil
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

MIB = 1 << 20


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def big_archive(path: Path, mib: int) -> str:
    """A docker-archive with one layer holding ``mib`` MiB of pseudo-random bytes; returns its tag."""
    layer_path = path.with_suffix(".layer")
    data_path = path.with_suffix(".data")
    with open(data_path, "wb") as out:
        for _ in range(mib):
            out.write(os.urandom(MIB))
    with tarfile.open(layer_path, "w", format=tarfile.PAX_FORMAT) as tar:
        tar.add(data_path, "data.bin")
    data_path.unlink()
    h = hashlib.sha256()
    with open(layer_path, "rb") as f:
        while chunk := f.read(MIB):
            h.update(chunk)
    diff_id = "sha256:" + h.hexdigest()
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                         "rootfs": {"type": "layers", "diff_ids": [diff_id]},
                         "history": [{"created_by": "bench"}]}).encode()
    config_hex = hashlib.sha256(config).hexdigest()
    tag = "dl-bench-big:1"
    manifest = json.dumps([{"Config": f"{config_hex}.json", "RepoTags": [tag], "Layers": ["layer.tar"]}]).encode()
    with tarfile.open(path, "w") as tar:
        for name, data in ((f"{config_hex}.json", config), ("manifest.json", manifest)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        tar.add(layer_path, "layer.tar")
    layer_path.unlink()
    return tag


def main() -> int:
    if os.geteuid() != 0 or not shutil.which("dockerd"):
        print("skipped: needs root and dockerd (apt-get install docker.io)")
        return 0
    from components import DockerDaemon

    from dockerlab.engines.docker import DockerEngine

    mib = int(os.environ.get("BENCH_DOCKER_MIB", "256"))
    work = Path(tempfile.mkdtemp(prefix="bench-docker-"))
    daemon = DockerDaemon().start()
    failures = []
    try:
        client = daemon.client
        client.api.timeout = 600
        archive = work / "big.tar"
        tag = big_archive(archive, mib)
        with open(archive, "rb") as f:
            list(client.api.load_image(f))
        archive.unlink()
        for i in range(39):
            client.api.tag(tag, "dl-bench-list", f"v{i}")

        engine = DockerEngine(client, cache_dir=work / "cache")
        start = time.perf_counter()
        listed = engine.images()
        took = time.perf_counter() - start
        exported = (work / "cache" / "blobs").exists()
        print(f"list {len(listed)} images: {took:.3f} s (target < 1 s), exported anything: {exported}")
        if took >= 1 or exported or len(listed) != 40:
            failures.append("listing")

        start = time.perf_counter()
        h = hashlib.sha256()
        for chunk in client.api.get_image(tag, chunk_size=MIB):
            h.update(chunk)
        reference = time.perf_counter() - start

        before = rss_mib()
        start = time.perf_counter()
        image = engine.image(tag)
        for layer in image.layers:
            with layer.open() as f:
                while f.read(MIB):
                    pass
        first = time.perf_counter() - start
        grew = rss_mib() - before
        print(f"first read of {mib} MiB: {first:.2f} s (reference: export read+hashed {reference:.2f} s, "
              f"target < 2x); process grew {grew:.1f} MiB (target < 64)")
        if first > 2 * reference + 0.5 or grew >= 64:
            failures.append("first read")

        again = DockerEngine(client, cache_dir=work / "cache").image(tag)
        start = time.perf_counter()
        for layer in again.layers:
            with layer.open() as f:
                while f.read(MIB):
                    pass
        second = time.perf_counter() - start
        print(f"second read (cache): {second:.2f} s (target < 1/3 of first), exported again: "
              f"{again.source._exported}")
        if second >= first / 3 or again.source._exported:
            failures.append("cached read")
    finally:
        daemon.stop()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("MISSED:", ", ".join(failures))
        return 1
    print("all Docker engine targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
