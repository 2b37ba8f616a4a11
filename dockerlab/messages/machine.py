"""The messages of ``dockerlab.machine`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # machine.py
    "env.title": ("Lingkungan kursus", "Course environment"),
    "env.col.component": ("Komponen", "Component"),
    "env.col.status": ("Status", "Status"),
    "env.col.purpose": ("Untuk apa", "What for"),
    "env.ok": ("ada", "present"),
    "env.missing": ("tidak ada — pasang: {hint}", "missing — install: {hint}"),
    "env.python": ("Python {version} di {machine}", "Python {version} on {machine}"),
    "env.user": ("Pengguna", "User"),
    "env.user.root": ("pengguna root", "root user"),
    "env.user.plain": ("pengguna biasa (bukan root)", "ordinary user (not root)"),
    "env.purpose.busybox": ("isi image dasar (base image) kursus", "contents of the course's base image"),
    "env.purpose.proot": ("menjalankan RUN dan kontainer tanpa root", "running RUN and containers without root"),
    "env.purpose.skopeo": ("memeriksa image dengan alat lain (bukti independen)", "checking images with another tool (independent proof)"),
    "env.purpose.umoci": ("membongkar image OCI dengan alat lain", "unpacking OCI images with another tool"),
    "env.purpose.dot": ("menggambar diagram (Graphviz)", "drawing diagrams (Graphviz)"),
    "env.purpose.registry": ("registry lokal untuk latihan push/pull", "a local registry for push/pull practice"),
    "env.purpose.docker": ("Docker Engine sungguhan (opsional)", "a real Docker Engine (optional)"),
    "env.purpose.qemu": ("menjalankan binary arm64 di mesin amd64 (opsional)", "running arm64 binaries on amd64 (optional)"),
}
