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
}
