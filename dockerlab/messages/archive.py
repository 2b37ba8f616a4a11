"""The messages of ``dockerlab.archive`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # archive.py
    "archive.cannot_write": (
        "Arsip {path} tidak bisa ditulis ({error}). Pilih path di folder yang ada dan boleh "
        "ditulisi, misalnya di folder kerja kursus: dockerlab.save(image, 'image.tar').",
        "The archive {path} cannot be written ({error}). Choose a path in a folder that exists "
        "and is writable, e.g. in the course's working folder: dockerlab.save(image, 'image.tar').",
    ),
    "archive.unknown_format": (
        "{path} bukan arsip image: tidak ada manifest.json (format `docker save`) maupun "
        "index.json (OCI layout) di dalamnya. Buat arsip dengan `docker save -o berkas.tar image` "
        "atau `dockerlab.save(...)`.",
        "{path} is not an image archive: it holds neither manifest.json (`docker save` format) nor "
        "index.json (OCI layout). Make one with `docker save -o file.tar image` or `dockerlab.save(...)`.",
    ),
    "archive.unsafe": (
        "Arsip {path} berisi entri yang tidak aman ({error}); tidak ada yang dimuat.",
        "The archive {path} holds an unsafe entry ({error}); nothing was loaded.",
    ),
    "archive.unreadable": (
        "Arsip {path} tidak bisa dibaca sebagai tar ({error}). Berkasnya rusak atau terpotong.",
        "The archive {path} cannot be read as a tar ({error}). The file is damaged or cut short.",
    ),
    "archive.bad_member": (
        "Arsip {path} menyebut {member!r} di {where}: nama itu menunjuk ke luar arsip (path mutlak, "
        "'..' atau symlink keluar). Berkas di luar arsip tidak pernah dibaca; tidak ada yang dimuat.",
        "The archive {path} names {member!r} in {where}: that name points outside the archive (an "
        "absolute path, '..' or a symlink leading out). Files outside the archive are never read; "
        "nothing was loaded.",
    ),
    "archive.bad_tag": (
        "Arsip {path}: RepoTags di {where} berisi {tag!r}, yang bukan nama image yang sah ({error}). "
        "Tidak ada yang dimuat.",
        "Archive {path}: RepoTags in {where} holds {tag!r}, which is not a valid image name ({error}). "
        "Nothing was loaded.",
    ),
    "archive.not_regular": (
        "{path} bukan berkas biasa ({kind}), jadi tidak dibaca sebagai arsip image.",
        "{path} is not a regular file ({kind}), so it is not read as an image archive.",
    ),
    "archive.missing_member": (
        "Arsip {path} menyebut {member!r} di {where}, tetapi berkas itu tidak ada di arsip.",
        "The archive {path} names {member!r} in {where}, but that file is not in the archive.",
    ),
    "archive.diff_id": (
        "Arsip {path}: layer {member!r} ber-sha256 {actual}, padahal config menyebut diff_id {expected}. "
        "Arsip ini rusak; buat ulang dengan `docker save`.",
        "Archive {path}: layer {member!r} hashes to {actual}, but the config says diff_id {expected}. "
        "This archive is damaged; make it again with `docker save`.",
    ),
}
