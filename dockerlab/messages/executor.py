"""The messages of ``dockerlab.executor`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # executor/base.py
    "executor.not_ready": (
        "Perintah {argv} tidak mulai berjalan dalam {timeout} detik (peluncurnya tidak memberi "
        "tanda siap), jadi peluncur itu dihentikan. Coba lagi; jika terulang, mesin ini mungkin "
        "terlalu sibuk: tutup notebook lain lalu jalankan ulang sel ini.",
        "The command {argv} did not start within {timeout} seconds (its launcher never signalled "
        "it was ready), so the launcher was stopped. Try again; if it happens again this machine "
        "may be too busy: close other notebooks and re-run this cell.",
    ),
    "executor.launcher.setup_failed": (
        "dockerlab: kontainer tidak bisa disiapkan: {error}",
        "dockerlab: the container could not be set up: {error}",
    ),
    "executor.launcher.cannot_exec": (
        "dockerlab: {program} tidak bisa dijalankan: {error}",
        "dockerlab: {program} cannot be run: {error}",
    ),
    "executor.launcher.not_dir": (
        "dockerlab: /{name} di dalam image bukan folder, jadi kontainer tidak bisa disiapkan. "
        "Jadikan /{name} folder kosong (atau hapus) di Dockerfile image itu.",
        "dockerlab: /{name} in the image is not a directory, so the container cannot be set up. "
        "Make /{name} an empty directory (or remove it) in the image's Dockerfile.",
    ),
    "executor.timeout": (
        "Perintah {argv} masih berjalan setelah {timeout} detik dan dihentikan.",
        "Command {argv} was still running after {timeout} seconds and was stopped.",
    ),
    # executor/checks.py
    "executor.platform_mismatch": (
        "exec format error: {program} di dalam image adalah program untuk CPU {arch}, sedangkan "
        "mesin ini {host}. CPU tidak bisa menjalankan instruksi arsitektur lain. Pakai image untuk "
        "linux/{host} (misalnya build dengan --platform linux/{host}), atau pasang emulator "
        "qemu-user-static (paket qemu-user-static, dengan binfmt-support) agar program {arch} "
        "bisa diemulasikan.",
        "exec format error: {program} in the image is a program for the {arch} CPU, but this "
        "machine is {host}. A CPU cannot run another architecture's instructions. Use an image "
        "for linux/{host} (e.g. build with --platform linux/{host}), or install the "
        "qemu-user-static emulator (package qemu-user-static, with binfmt-support) so {arch} "
        "programs can be emulated.",
    ),
    "executor.not_found": (
        "Program {program!r} tidak ditemukan di dalam image (dicari di PATH={path}). Periksa "
        "ejaannya, atau pastikan image berisi program itu.",
        "The program {program!r} was not found inside the image (searched PATH={path}). Check the "
        "spelling, or make sure the image contains that program.",
    ),
    "executor.not_found.words": (
        "Program {program!r} tidak ditemukan di dalam image: tidak ada program yang namanya "
        "mengandung spasi. Dalam bentuk exec (JSON), setiap kata perintah harus menjadi elemen "
        "sendiri, misalnya {split} dan bukan {given}.",
        "The program {program!r} was not found inside the image: no program has a name with "
        "spaces in it. In the exec (JSON) form each word of the command must be its own element, "
        "for example {split} rather than {given}.",
    ),
    "executor.not_found.shell": (
        "Program {program!r} tidak ditemukan di dalam image (dicari di PATH={path}). Bentuk shell "
        "(CMD/RUN tanpa tanda kurung siku) dijalankan dengan /bin/sh, dan image ini tidak punya "
        "shell (misalnya image FROM scratch). Pakai bentuk exec dengan program yang ada di image, "
        "misalnya CMD [\"/app\"], atau mulai dari image dasar yang punya /bin/sh.",
        "The program {program!r} was not found inside the image (searched PATH={path}). The shell "
        "form (CMD/RUN without square brackets) runs through /bin/sh, and this image has no shell "
        "(a FROM scratch image, for example). Use the exec form with a program the image has, "
        "such as CMD [\"/app\"], or start from a base image that has /bin/sh.",
    ),
    "executor.not_program": (
        "{program} di dalam image bukan program yang bisa dijalankan (exec format error): bukan ELF "
        "dan tidak diawali baris #!. Tambahkan baris #!/bin/sh di awal skrip, atau jalankan dengan "
        "sh {program}.",
        "{program} in the image is not a program that can be run (exec format error): not ELF "
        "and no #! line. Add #!/bin/sh as the script's first line, or run it as sh {program}.",
    ),
    "executor.exec_failed": (
        "Perintah {program!r} tidak bisa dijalankan di dalam image: {error}.",
        "Command {program!r} could not be started inside the image: {error}.",
    ),
    # executor/choice.py
    "executor.unavailable": (
        "Mesin bawaan tidak bisa menjalankan perintah di dalam image di sini: {reason} "
        "Pasang proot (`sudo apt-get install proot`) lalu coba lagi, atau jalankan sebagai root.",
        "The embedded engine cannot run commands inside an image here: {reason} "
        "Install proot (`sudo apt-get install proot`) and try again, or run as root.",
    ),
    "executor.reason.namespaces": (
        "berjalan sebagai root: namespace Linux baru (mount, PID, UTS, IPC, network) + chroot.",
        "running as root: new Linux namespaces (mount, PID, UTS, IPC, network) + chroot.",
    ),
    "executor.reason.proot": (
        "bukan root (atau diminta): memakai proot, chroot tiruan di ruang user lewat ptrace.",
        "not root (or asked for): using proot, a user-space fake chroot through ptrace.",
    ),
    "executor.reason.disabled": (
        "dimatikan dengan DOCKERLAB_EXECUTOR={value}.",
        "turned off with DOCKERLAB_EXECUTOR={value}.",
    ),
    "executor.reason.no_proot": (
        "bukan root, dan program proot tidak ditemukan.",
        "not root, and the proot program is not installed.",
    ),
    "executor.reason.proot_broken": (
        "program proot ada tetapi gagal berjalan ({error}).",
        "proot is installed but fails to run ({error}).",
    ),
    "executor.reason.no_namespaces": (
        "root, tetapi namespace Linux tidak bisa dibuat ({error}).",
        "root, but Linux namespaces cannot be created ({error}).",
    ),
    # executor/process.py
    "executor.wait_timeout": (
        "Proses {pid} masih berjalan setelah {timeout} detik. Tunggu lebih lama (timeout=…), "
        "atau hentikan dengan stop().",
        "Process {pid} is still running after {timeout} seconds. Wait longer (timeout=…), "
        "or end it with stop().",
    ),
    # executor/rootfs.py
    "executor.user_unknown": (
        "User {user!r} tidak ditemukan di /etc/passwd image ini. Pakai nama yang ada di "
        "/etc/passwd image, atau angka UID[:GID], misalnya --user 1000:1000.",
        "User {user!r} is not in this image's /etc/passwd. Use a name listed in the image's "
        "/etc/passwd, or a numeric UID[:GID], e.g. --user 1000:1000.",
    ),
    "executor.bad_file": (
        "{path} di dalam image bukan berkas biasa ({kind}), jadi tidak dibaca (sebuah FIFO akan "
        "membuatnya menunggu selamanya, sebuah device tidak pernah berakhir). Jadikan {path} berkas "
        "teks biasa di image itu.",
        "{path} in the image is not a regular file ({kind}), so it is not read (a FIFO would make "
        "it wait forever, a device never ends). Make {path} an ordinary text file in that image.",
    ),
    "executor.file_too_big": (
        "{path} di dalam image berukuran {size:,} byte, lebih dari batas {limit:,} byte untuk berkas "
        "seperti itu, jadi tidak dibaca.",
        "{path} in the image is {size:,} bytes, more than the limit of {limit:,} bytes for such a file, "
        "so it is not read.",
    ),
    "executor.group_unknown": (
        "Group {group!r} tidak ditemukan di /etc/group image ini. Pakai nama yang ada di "
        "/etc/group image, atau angka GID.",
        "Group {group!r} is not in this image's /etc/group. Use a name listed in the image's "
        "/etc/group, or a numeric GID.",
    ),
}
