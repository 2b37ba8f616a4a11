"""The messages of ``dockerlab.container`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # container/base.py
    "container.change.bad_kind": (
        "Jenis perubahan {kind!r} untuk {path} tidak dikenal: pakai 'A' (ditambah), 'C' (diubah) "
        "atau 'D' (dihapus), seperti keluaran `docker diff`.",
        "Unknown change kind {kind!r} for {path}: use 'A' (added), 'C' (changed) or 'D' (deleted), "
        "as in `docker diff` output.",
    ),
    "container.status.created": ("dibuat", "created"),
    "container.status.running": ("berjalan", "running"),
    "container.status.exited": ("berhenti (kode keluar {code})", "exited (exit code {code})"),
    "container.change.A": ("ditambah", "added"),
    "container.change.C": ("diubah", "changed"),
    "container.change.D": ("dihapus", "deleted"),
    # container/local.py
    "container.run_timeout": (
        "Perintah di kontainer {name} belum selesai setelah {timeout} detik, jadi kontainer itu "
        "dihentikan. Beri waktu lebih lama (misalnya timeout={longer}) atau jalankan di latar "
        "belakang dengan detach=True lalu tunggu dengan .wait().",
        "The command in container {name} had not finished after {timeout} seconds, so the "
        "container was stopped. Allow more time (e.g. timeout={longer}) or run it in the "
        "background with detach=True and wait with .wait().",
    ),
    "container.not_found": (
        "Kontainer {ref!r} tidak ditemukan. Lihat daftar kontainer dengan `dockerlab.containers()` "
        "(di terminal: `dockerlab ps -a`).",
        "No container {ref!r}. List the containers with `dockerlab.containers()` (in a terminal: "
        "`dockerlab ps -a`).",
    ),
    "container.ambiguous": (
        "{ref!r} cocok dengan beberapa kontainer ({ids}). Tulis lebih banyak digit ID-nya.",
        "{ref!r} matches several containers ({ids}). Write more digits of the ID.",
    ),
    "container.name_taken": (
        "Nama {name!r} sudah dipakai kontainer {id} (status: {status}). Seperti di Docker, dua kontainer "
        "tidak boleh bernama sama. Pilih nama lain, atau hapus dulu kontainer lama itu lalu "
        "jalankan lagi. Menghapusnya dari sel Python: `{python}` (di terminal: `{cli}`).",
        "The name {name!r} is already used by container {id} (status: {status}). As in Docker, two "
        "containers cannot have the same name. Choose another name, or remove the old container "
        "first and run again. To remove it from a Python cell: `{python}` (in a terminal: `{cli}`).",
    ),
    "container.bad_name": (
        "Nama kontainer {name!r} tidak sah: pakai huruf, angka, '_', '.', '-' dan mulai dengan huruf/angka.",
        "Invalid container name {name!r}: use letters, digits, '_', '.', '-', starting with a letter/digit.",
    ),
    "container.no_command": (
        "Image {image} tidak punya CMD atau ENTRYPOINT, jadi tidak ada yang bisa dijalankan. "
        "Berikan perintah: `dockerlab.run({image!r}, ['sh', '-c', '…'])` (di terminal: "
        "`dockerlab run {image} sh -c '…'`).",
        "The image {image} has no CMD or ENTRYPOINT, so there is nothing to run. Give a command: "
        "`dockerlab.run({image!r}, ['sh', '-c', '…'])` (in a terminal: `dockerlab run {image} sh -c '…'`).",
    ),
    "container.running": (
        "Kontainer {name} ({id}) masih berjalan. Hentikan dulu dengan `.stop()`, atau hapus paksa "
        "dengan `.remove(force=True)` (di terminal: `dockerlab stop {name}` atau `dockerlab rm -f {name}`).",
        "Container {name} ({id}) is still running. Stop it first with `.stop()`, or force its "
        "removal with `.remove(force=True)` (in a terminal: `dockerlab stop {name}` or `dockerlab rm -f {name}`).",
    ),
    "container.not_image": (
        "{image} adalah indeks multi-platform, bukan satu image. Pilih platform, misalnya "
        "dengan digest image linux/{arch} di dalamnya.",
        "{image} is a multi-platform index, not one image. Choose a platform, e.g. the digest "
        "of its linux/{arch} image.",
    ),
    # container/ports.py
    "container.ports.bad": (
        "Port {value!r} tidak sah: tulis nomor port kontainer (1–65535), misalnya ports=8080, "
        "ports=[8080] atau ports={{8080: None}} (port komputer dipilih otomatis).",
        "Port {value!r} is not valid: write the container's port number (1–65535), e.g. ports=8080, "
        "ports=[8080] or ports={{8080: None}} (the host port is chosen automatically).",
    ),
    "container.ports.one_only": (
        "Mesin bawaan hanya bisa memberi satu port ke kontainer (lewat variabel PORT), tetapi diminta "
        "{count}: {ports}. Jalankan satu kontainer per port.",
        "The embedded engine can give a container only one port (in the PORT variable), but {count} "
        "were asked for: {ports}. Run one container per port.",
    ),
    "container.ports.no_detach": (
        "Port hanya berguna untuk kontainer yang tetap berjalan: tambahkan detach=True "
        "(`docker run -d -p …`).",
        "Ports are only useful for a container that keeps running: add detach=True (`docker run -d -p …`).",
    ),
    "container.ports.exited": (
        "Kontainer {name} berhenti (kode keluar {code}) sebelum port {port} menjawab. Keluaran "
        "terakhirnya:\n{tail}\nPeriksa CMD image-nya: server harus tetap berjalan di latar depan "
        "(misalnya `httpd -f`) dan mendengarkan di port ${{PORT}}.",
        "Container {name} exited (exit code {code}) before port {port} answered. Its last output:\n"
        "{tail}\nCheck the image's CMD: the server must stay in the foreground (e.g. `httpd -f`) "
        "and listen on port ${{PORT}}.",
    ),
    "container.ports.timeout": (
        "Port {port} kontainer {name} belum menjawab setelah {timeout:g} detik, jadi kontainer itu "
        "dihentikan. Keluaran terakhirnya:\n{tail}\nPeriksa bahwa server di image mendengarkan di "
        "port ${{PORT}}, atau beri waktu lebih: ready_timeout=60.",
        "Port {port} of container {name} did not answer within {timeout:g} seconds, so the container "
        "was stopped. Its last output:\n{tail}\nCheck that the image's server listens on port "
        "${{PORT}}, or allow more time: ready_timeout=60.",
    ),
    "container.ports.none": (
        "Kontainer {name} tidak punya port yang diterbitkan. Jalankan dengan "
        "`dockerlab.run(…, detach=True, ports=8080)` (`docker run -d -p 8080 …`).",
        "Container {name} has no published port. Run it with "
        "`dockerlab.run(…, detach=True, ports=8080)` (`docker run -d -p 8080 …`).",
    ),
    "container.ports.unknown": (
        "Kontainer {name} tidak menerbitkan port {port}; port-nya: {ports}.",
        "Container {name} does not publish port {port}; its ports: {ports}.",
    ),
}
