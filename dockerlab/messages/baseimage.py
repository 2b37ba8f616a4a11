"""The messages of ``dockerlab.baseimage`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # baseimage.py
    "base.no_busybox": (
        "Program busybox statis tidak ditemukan di {path}. Image dasar kursus dibuat dari program "
        "itu. Pasang dengan: sudo apt-get install busybox-static",
        "The static busybox program was not found at {path}. The course's base image is made "
        "from it. Install it with: sudo apt-get install busybox-static",
    ),
    "base.not_static": (
        "{path} adalah busybox yang dinamis (butuh {loader}), sehingga tidak bisa berjalan sendirian "
        "di dalam image. Pasang versi statis: sudo apt-get install busybox-static",
        "{path} is a dynamically linked busybox (needs {loader}), so it cannot run alone inside an "
        "image. Install the static build: sudo apt-get install busybox-static",
    ),
    "base.not_busybox": (
        "{path} bukan program BusyBox (tidak ada teks versi 'BusyBox v…' atau daftar applet di dalamnya).",
        "{path} is not a BusyBox program (no 'BusyBox v…' version text or applet list inside).",
    ),
    "base.wrong_platform": (
        "{path} adalah program untuk linux/{arch}, bukan {platform} yang diminta. Untuk arm64 pasang "
        "busybox-static:arm64 dan berikan path program itu.",
        "{path} is a program for linux/{arch}, not the requested {platform}. For arm64 install "
        "busybox-static:arm64 and pass that program's path.",
    ),
}
