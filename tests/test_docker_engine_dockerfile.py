"""What the Docker Engine backend reads from a Dockerfile before building: stages, FROM images and
their platform — parsed with the embedded builder's front end, so both engines agree."""

from __future__ import annotations

import pytest

from dockerlab.builder.dockerfile import from_parts, parse
from dockerlab.engines.docker_build import check_platforms, dockerfile_lines, from_refs
from dockerlab.errors import DockerfileError, PlatformMismatch

MULTI = """\
ARG BASE=dockerlab.local/busybox
FROM ${BASE} AS Alat
RUN echo alat
FROM scratch as kosong
FROM dockerlab.local/busybox:latest AS busybox
FROM alat
COPY --from=KOSONG / /
FROM busybox
"""


def test_from_parts_is_the_builders_reading_of_from():
    froms = [i for i in parse(MULTI) if i.keyword == "FROM"]
    assert [from_parts(i) for i in froms] == [
        ("${BASE}", "alat"), ("scratch", "kosong"), ("dockerlab.local/busybox:latest", "busybox"),
        ("alat", None), ("busybox", None)]
    with pytest.raises(DockerfileError) as info:
        from_parts(parse("FROM busybox sebagai alat\n")[0])
    assert "baris 1" in str(info.value) and "FROM image[:tag] [AS nama]" in str(info.value)
    # BuildKit's rule for stage names: a letter first, then letters, digits, - _ . (no '/')
    for bad in ("dockerlab.local/busybox", "1tahap", "_x"):
        with pytest.raises(DockerfileError) as info:
            from_parts(parse(f"FROM busybox AS {bad}\n")[0])
        assert "nama tahap" in str(info.value) and bad in str(info.value)


def test_stages_and_from_images_as_the_embedded_builder_sees_them(tmp_path):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(MULTI)
    assert dockerfile_lines(dockerfile) == [
        (1, "ARG", None), (2, "FROM", "alat"), (3, "RUN", "alat"), (4, "FROM", "kosong"),
        (5, "FROM", "busybox"), (6, "FROM", "3"), (7, "COPY", "3"), (8, "FROM", "4"),
    ]
    # no `$` reference, no scratch, no earlier stage; the last FROM names the stage of line 5
    assert from_refs(dockerfile) == ["dockerlab.local/busybox:latest"]
    dockerfile.write_text("FROM busybox sebagai alat\nRUN true\n")  # the engine reports this FROM itself
    assert dockerfile_lines(dockerfile) == [(1, "FROM", "0"), (2, "RUN", "0")]
    assert from_refs(dockerfile) == ["busybox"]
    dockerfile.write_text("RUN true\n")  # unreadable for the front end: the engine will say why
    assert dockerfile_lines(dockerfile) == [] and from_refs(dockerfile) == []


@pytest.mark.docker
def test_a_from_image_of_another_platform_is_refused_at_its_line(docker_client, store, tmp_path):
    from dockerlab import baseimage
    from dockerlab.engines import transfer
    from dockerlab.engines.docker import DockerEngine
    from dockerlab.executor.elf import host_architecture

    engine = DockerEngine(docker_client, cache_dir=tmp_path / "cache")
    baseimage.ensure_base_image(store)
    transfer.copy("dockerlab.local/busybox:latest", store, engine)
    other = "arm64" if host_architecture() != "arm64" else "amd64"
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(f"FROM dockerlab.local/busybox AS dasar\nFROM --platform=linux/{other} dasar\n")
    check_platforms(docker_client, dockerfile, None)  # `dasar` is a stage, not an image to check
    dockerfile.write_text("FROM scratch\nFROM dockerlab.local/busybox AS busybox\n")
    with pytest.raises(PlatformMismatch) as info:
        check_platforms(docker_client, dockerfile, f"linux/{other}")
    assert info.value.params["line"] == 2 and other in str(info.value)
    assert info.value.params["ref"] == "dockerlab.local/busybox"
