"""The messages of ``dockerlab.platforms`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # platforms.py
    "platforms.duplicate": (
        "Dua image untuk platform yang sama ({platform}) tidak bisa masuk satu index. Beri setiap "
        "platform tepat satu image.",
        "Two images for the same platform ({platform}) cannot go into one index. Give each platform "
        "exactly one image.",
    ),
    "platforms.empty": (
        "Index butuh paling sedikit satu image.",
        "An index needs at least one image.",
    ),
    "platforms.runs_here": (
        "Image {digest} untuk {platform} cocok dengan mesin ini ({host}): programnya bisa langsung berjalan.",
        "Image {digest} for {platform} matches this machine ({host}): its programs can run directly.",
    ),
    "platforms.foreign": (
        "Image {digest} dibuat untuk {platform}, sedangkan mesin ini {host}. Program di dalamnya berisi "
        "instruksi CPU {arch}; menjalankannya di sini gagal dengan 'exec format error' kecuali ada "
        "emulator (qemu-user-static dengan binfmt). Itulah gunanya image index: docker pull memilih "
        "image untuk {host} secara otomatis.",
        "Image {digest} was built for {platform}, but this machine is {host}. Its programs contain "
        "{arch} CPU instructions; running them here fails with 'exec format error' unless an "
        "emulator (qemu-user-static with binfmt) is present. That is what an image index is for: "
        "docker pull picks the {host} image automatically.",
    ),
    "platforms.index": (
        "Index {name} berisi {count} image: {platforms}. docker pull dan docker run memilih "
        "image yang cocok dengan mesin ini ({host}): {chosen}.",
        "Index {name} holds {count} images: {platforms}. docker pull and docker run pick the "
        "image that matches this machine ({host}): {chosen}.",
    ),
    "platforms.none_chosen": ("tidak ada yang cocok", "none matches"),
}
