"""The messages of ``dockerlab.engines`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # engines/__init__.py
    "engine.bad_choice": (
        "Pilihan mesin {choice!r} tidak dikenal (dari {source}). Pilih salah satu: auto, local, docker, podman.",
        "Unknown engine choice {choice!r} (from {source}). Choose one of: auto, local, docker, podman.",
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
    "engine.name.podman": ("Podman", "Podman"),
    "engine.reason.env_podman": (
        "DOCKERLAB_ENGINE=podman meminta Podman, dan layanan API Podman menjawab di {host}.",
        "DOCKERLAB_ENGINE=podman asks for Podman, and the Podman API service answers at {host}.",
    ),
    "engine.reason.env_docker_is_podman": (
        "DOCKERLAB_ENGINE=docker meminta mesin ber-API Docker; yang menjawab di {host} adalah Podman.",
        "DOCKERLAB_ENGINE=docker asks for a Docker-API engine; the one answering at {host} is Podman.",
    ),
    "engine.reason.auto_podman": (
        "Mode otomatis: Podman menjawab di {host} (API Docker), jadi kursus memakai Podman sungguhan.",
        "Automatic mode: Podman answers at {host} (the Docker API), so the course uses real Podman.",
    ),
    "engine.podman_unreachable": (
        "Podman tidak menjawab di {hosts} ({error}). Jalankan layanan API Podman "
        "(`systemctl --user start podman.socket`, atau `podman system service --time=0 &`), "
        "atau tetapkan CONTAINER_HOST=unix:///…/podman.sock, lalu mulai ulang kernel; atau pakai "
        "mesin bawaan: dockerlab.use_engine('local').",
        "Podman does not answer at {hosts} ({error}). Start the Podman API service "
        "(`systemctl --user start podman.socket`, or `podman system service --time=0 &`), "
        "or set CONTAINER_HOST=unix:///…/podman.sock, then restart the kernel; or use the "
        "embedded engine: dockerlab.use_engine('local').",
    ),
    "docker.container.rlimit": (
        "{engine} tidak bisa menjalankan kontainer dari {image}: runtime OCI tidak boleh menaikkan "
        "batas sumber daya kontainer (rlimit: berkas terbuka, jumlah proses) di atas batas mesin ini ({error}). Ini terjadi bila "
        "Podman sendiri berjalan di dalam kontainer atau dengan batas kecil. Tetapkan "
        "`default_ulimits = [\"nofile=1024:1024\", \"nproc=1024:1024\"]` di containers.conf (bagian [containers]), "
        "atau jalankan `podman run --ulimit host …`.",
        "{engine} could not run a container from {image}: the OCI runtime may not raise the "
        "container's resource limits (rlimits: open files, processes) above this machine's ({error}). This happens when "
        "Podman itself runs inside a container or with a small limit. Set "
        "`default_ulimits = [\"nofile=1024:1024\", \"nproc=1024:1024\"]` in containers.conf ([containers] section), "
        "or run `podman run --ulimit host …`.",
    ),
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
        "Dockerfile baris {line}, langkah {step}/{total} ({instruction}) gagal di {engine}: {error}",
        "Dockerfile line {line}, step {step}/{total} ({instruction}) failed on {engine}: {error}",
    ),
    "docker.build.source_missing": (
        "Dockerfile baris {line}, langkah {step}/{total} ({instruction}): {engine} tidak menemukan "
        "sumbernya: {error}. Periksa bahwa file itu ada di folder konteks build dan tidak dikecualikan "
        "oleh .dockerignore.",
        "Dockerfile line {line}, step {step}/{total} ({instruction}): {engine} cannot find its "
        "source: {error}. Check that the file is in the build context folder and not excluded by "
        ".dockerignore.",
    ),
    "docker.build.rejected": (
        "{engine} menolak Dockerfile {path} (baris {line}): {error}. Perbaiki baris itu lalu build lagi.",
        "{engine} rejected Dockerfile {path} (line {line}): {error}. Fix that line and build again.",
    ),
    # engines/docker_container.py
    "docker.container.wait_timeout": (
        "Kontainer {name} ({id}) masih berjalan setelah {timeout} detik. Hentikan dengan "
        "container.stop() atau tunggu lebih lama: container.wait(timeout=…)",
        "Container {name} ({id}) is still running after {timeout} seconds. Stop it with "
        "container.stop() or wait longer: container.wait(timeout=…)",
    ),
    "docker.container.failed": (
        "{engine} tidak bisa {action} kontainer dari {image}: {error}",
        "{engine} could not {action} a container from {image}: {error}",
    ),
    # engines/docker_medium.py
    "docker.image_not_found": (
        "{engine} tidak punya image {ref!r}. Lihat daftar image dengan dockerlab.images() "
        "(`{cli} images`), atau build/load/pull image itu dulu.",
        "{engine} has no image {ref!r}. List the images with dockerlab.images() "
        "(`{cli} images`), or build/load/pull that image first.",
    ),
    "docker.serving_network": (
        "{engine} tidak bisa membuat jaringan {network!r} untuk container yang melayani port: {error} "
        "Jika {engine} kehabisan rentang alamat, hapus jaringan yang tidak dipakai "
        "(`{cli} network prune`), lalu jalankan sel ini lagi.",
        "{engine} cannot create the network {network!r} for containers that serve a port: {error} "
        "If {engine} ran out of address pools, remove unused networks (`{cli} network prune`), "
        "then run this cell again.",
    ),
    "docker.api_error": (
        "{engine} menolak {action} untuk {ref!r}: {error}",
        "{engine} refused {action} for {ref!r}: {error}",
    ),
    "docker.export_incomplete": (
        "Ekspor image {name} dari {engine} tidak lengkap: {missing} tidak ada di aliran "
        "`{cli} save`. Coba lagi; kalau tetap gagal, periksa image itu dengan `{cli} image inspect {name}`.",
        "The export of image {name} from {engine} is incomplete: {missing} is not in the "
        "`{cli} save` stream. Try again; if it keeps failing, check the image with `{cli} image inspect {name}`.",
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
