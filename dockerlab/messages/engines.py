"""The messages of ``dockerlab.engines`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # engines/__init__.py
    "engine.bad_choice": (
        "Pilihan mesin {choice!r} tidak dikenal (dari {source}). Pilih salah satu: auto, local, docker.",
        "Unknown engine choice {choice!r} (from {source}). Choose one of: auto, local, docker.",
    ),
    "engine.reason.env_local": (
        "DOCKERLAB_ENGINE=local meminta mesin bawaan.",
        "DOCKERLAB_ENGINE=local asks for the embedded engine.",
    ),
    "engine.reason.env_docker": (
        "DOCKERLAB_ENGINE=docker meminta Docker Engine, dan Docker Engine menjawab di {host}.",
        "DOCKERLAB_ENGINE=docker asks for the Docker Engine, and it answers at {host}.",
    ),
    "engine.reason.code": (
        "Dipilih lewat dockerlab.use_engine({choice!r}).",
        "Chosen with dockerlab.use_engine({choice!r}).",
    ),
    "engine.reason.auto_docker": (
        "Mode otomatis: Docker Engine menjawab di {host}, jadi kursus memakai Docker sungguhan.",
        "Automatic mode: a Docker Engine answers at {host}, so the course uses real Docker.",
    ),
    "engine.reason.auto_local": (
        "Mode otomatis: tidak ada Docker Engine yang menjawab ({host}), jadi kursus memakai mesin "
        "bawaan dockerlab (tanpa daemon) — image yang dibuat tetap image OCI sungguhan.",
        "Automatic mode: no Docker Engine answers ({host}), so the course uses dockerlab's "
        "embedded engine (no daemon) — the images it makes are still real OCI images.",
    ),
    "engine.name.local": ("mesin bawaan dockerlab", "dockerlab embedded engine"),
    "engine.name.docker": ("Docker Engine", "Docker Engine"),
    "engine.summary": (
        "Mesin aktif: {title} (versi {version}). {reason}",
        "Active engine: {title} (version {version}). {reason}",
    ),
    # engines/daemon.py
    "engine.docker_unreachable": (
        "Docker Engine tidak menjawab di {host} ({error}). Jalankan Docker (misalnya "
        "`sudo systemctl start docker`), periksa DOCKER_HOST, atau pakai mesin bawaan: "
        "dockerlab.use_engine('local').",
        "The Docker Engine does not answer at {host} ({error}). Start Docker (e.g. "
        "`sudo systemctl start docker`), check DOCKER_HOST, or use the embedded engine: "
        "dockerlab.use_engine('local').",
    ),
    "engine.docker_no_socket": (
        "Docker Engine tidak menjawab di {host}: berkas socket-nya tidak ada. Jalankan Docker "
        "(misalnya `sudo systemctl start docker`), periksa DOCKER_HOST, atau pakai mesin bawaan: "
        "dockerlab.use_engine('local').",
        "The Docker Engine does not answer at {host}: the socket file does not exist. Start Docker "
        "(e.g. `sudo systemctl start docker`), check DOCKER_HOST, or use the embedded engine: "
        "dockerlab.use_engine('local').",
    ),
    # engines/docker.py
    "docker.reason.direct": (
        "DockerEngine dibuat langsung dari kode dengan klien Docker yang diberikan.",
        "DockerEngine was created directly in code with the given Docker client.",
    ),
    # engines/docker_build.py
    "docker.build.step_failed": (
        "Dockerfile baris {line}, langkah {step}/{total} ({instruction}) gagal di Docker Engine: {error}",
        "Dockerfile line {line}, step {step}/{total} ({instruction}) failed on the Docker Engine: {error}",
    ),
    "docker.build.source_missing": (
        "Dockerfile baris {line}, langkah {step}/{total} ({instruction}): Docker Engine tidak menemukan "
        "sumbernya: {error}. Periksa bahwa file itu ada di folder konteks build dan tidak dikecualikan "
        "oleh .dockerignore.",
        "Dockerfile line {line}, step {step}/{total} ({instruction}): the Docker Engine cannot find its "
        "source: {error}. Check that the file is in the build context folder and not excluded by "
        ".dockerignore.",
    ),
    "docker.build.rejected": (
        "Docker Engine menolak Dockerfile {path} (baris {line}): {error}. Perbaiki baris itu lalu build lagi.",
        "The Docker Engine rejected Dockerfile {path} (line {line}): {error}. Fix that line and build again.",
    ),
    # engines/docker_container.py
    "docker.container.wait_timeout": (
        "Kontainer {name} ({id}) masih berjalan setelah {timeout} detik. Hentikan dengan "
        "container.stop() atau tunggu lebih lama: container.wait(timeout=…)",
        "Container {name} ({id}) is still running after {timeout} seconds. Stop it with "
        "container.stop() or wait longer: container.wait(timeout=…)",
    ),
    "docker.container.failed": (
        "Docker Engine tidak bisa {action} kontainer dari {image}: {error}",
        "The Docker Engine could not {action} a container from {image}: {error}",
    ),
    # engines/docker_medium.py
    "docker.image_not_found": (
        "Docker Engine tidak punya image {ref!r}. Lihat daftar image dengan dockerlab.images() "
        "(`docker images`), atau build/load/pull image itu dulu.",
        "The Docker Engine has no image {ref!r}. List the images with dockerlab.images() "
        "(`docker images`), or build/load/pull that image first.",
    ),
    "docker.api_error": (
        "Docker Engine menolak {action} untuk {ref!r}: {error}",
        "The Docker Engine refused {action} for {ref!r}: {error}",
    ),
    "docker.export_incomplete": (
        "Ekspor image {name} dari Docker Engine tidak lengkap: {missing} tidak ada di aliran "
        "`docker save`. Coba lagi; kalau tetap gagal, periksa image itu dengan `docker image inspect {name}`.",
        "The export of image {name} from the Docker Engine is incomplete: {missing} is not in the "
        "`docker save` stream. Try again; if it keeps failing, check the image with `docker image inspect {name}`.",
    ),
    # engines/local.py
    "local.reason.default": (
        "Mesin bawaan dockerlab (tanpa daemon); image disimpan di {root}.",
        "dockerlab's embedded engine (no daemon); images are stored in {root}.",
    ),
    # engines/transfer.py
    "transfer.changed": (
        "Image {ref} berubah saat dipindah dari {src} ke {dst}: {what} {before} menjadi {after}. "
        "Image seharusnya identik di mana pun; periksa image sumber dengan dockerlab.validate({ref!r}).",
        "Image {ref} changed while moving from {src} to {dst}: {what} {before} became {after}. "
        "An image should be identical everywhere; check the source with dockerlab.validate({ref!r}).",
    ),
}
