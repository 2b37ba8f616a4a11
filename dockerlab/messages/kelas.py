"""The messages of ``dockerlab.kelas``: key -> (Indonesian, English)."""

MESSAGES = {
    # kelas/__main__.py
    "kelas.no_users_file": (
        "Berkas {path} tidak ada: tulis nama peserta di situ (satu per baris) atau pakai --users N.",
        "The file {path} does not exist: write the learners' names in it (one a line) or use --users N.",
    ),
    "kelas.ready": (
        "\n  Kelas siap: {count} peserta, pengajar {teacher}.\n"
        "  Buka: {url}  (dari komputer lain: alamat server ini, port {port})\n"
        "  Akun untuk dibagikan: {accounts} (hanya root yang bisa membacanya)\n"
        "  Kemajuan kelas (pengajar): {url}services/kelas/\n"
        "  Registry kelas: {registry}\n"
        "  Berhenti: Ctrl+C.\n",
        "\n  Class ready: {count} learners, teacher {teacher}.\n"
        "  Open: {url}  (from another computer: this server's address, port {port})\n"
        "  Logins to hand out: {accounts} (readable by root only)\n"
        "  Class progress (teacher): {url}services/kelas/\n"
        "  Class registry: {registry}\n"
        "  Stop: Ctrl+C.\n",
    ),
    "kelas.removed": ("Akun dihapus: {names}", "Accounts removed: {names}"),
    "kelas.none_removed": ("(tidak ada)", "(none)"),
    # kelas/roster.py
    "kelas.bad_name": (
        "Nama peserta {name!r} ({place}) tidak bisa menjadi nama pengguna sistem: pakai huruf kecil, "
        "angka dan tanda minus, diawali huruf, paling panjang 32 karakter.",
        "The learner name {name!r} ({place}) cannot be a system user name: use lower-case letters, "
        "digits and '-', starting with a letter, at most 32 characters.",
    ),
    "kelas.no_learners": (
        "Tidak ada peserta: tulis nama-nama di {path} (satu nama per baris) atau pakai --users N.",
        "No learners: write names in {path} (one per line) or use --users N.",
    ),
    "kelas.not_root": (
        "Membuat akun peserta memerlukan root. Jalankan: sudo make hub",
        "Creating learner accounts needs root. Run: sudo make hub",
    ),
    "kelas.taken": (
        "Nama {name!r} sudah dipakai akun sistem dengan UID {uid} (akun sistem, bukan pengguna biasa). "
        "Pilih nama lain di {place}.",
        "The name {name!r} is already a system account with UID {uid} (not an ordinary user). "
        "Choose another name in {place}.",
    ),
    # kelas/teacher.py
    "kelas.title": ("Kemajuan kelas", "Class progress"),
    "kelas.learner": ("peserta", "learner"),
    "kelas.done": ("selesai", "finished"),
    "kelas.stuck": ("belum berhasil", "stuck"),
    "kelas.none": ("Belum ada latihan yang diperiksa di kelas ini.", "No exercise has been checked in this class yet."),
    "kelas.most_stuck": ("Paling banyak yang belum berhasil: Latihan {exercise} ({count} peserta).",
                         "Most learners stuck on: exercise {exercise} ({count} learners)."),
    "kelas.csv": ("Unduh CSV", "Download CSV"),
}
