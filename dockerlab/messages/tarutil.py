"""The messages of ``dockerlab.tarutil`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # tarutil/entry.py
    "tar.unsafe_path": (
        "{where} berisi entri {name!r} yang menunjuk ke luar root filesystem (path traversal). "
        "Layer ini tidak aman dan tidak dibongkar; jangan pakai image ini.",
        "{where} holds the entry {name!r}, which points outside the root filesystem (path traversal). "
        "This layer is unsafe and is not unpacked; do not use this image.",
    ),
    "tar.bad_hardlink": (
        "{where}: hardlink {name!r} menunjuk {target!r}, yang tidak ada di layer ini atau di bawahnya.",
        "{where}: hardlink {name!r} points at {target!r}, which is not in this layer or below it.",
    ),
    "tar.too_many_links": (
        "{where}: terlalu banyak symlink berantai saat mencari {name!r} (mungkin berputar).",
        "{where}: too many chained symlinks while resolving {name!r} (maybe a loop).",
    ),
    "tar.bad_tar": (
        "{where} bukan arsip tar yang bisa dibaca ({error}). Berkasnya rusak atau terpotong; "
        "ambil ulang image-nya.",
        "{where} is not a readable tar archive ({error}). The file is damaged or cut short; "
        "get the image again.",
    ),
    "tar.duplicate": (
        "Path {name!r} muncul dua kali dalam layer yang sedang ditulis.",
        "The path {name!r} appears twice in the layer being written.",
    ),
    "tar.bad_whiteout": (
        "{where} berisi whiteout {name!r} yang tidak menghapus apa pun yang sah (whiteout dari "
        "'.', '..' atau '/'). Layer ini tidak aman dan tidak dibongkar; jangan pakai image ini.",
        "{where} holds the whiteout {name!r}, which deletes nothing legitimate (a whiteout of "
        "'.', '..' or '/'). This layer is unsafe and is not unpacked; do not use this image.",
    ),
    "tar.bad_name": (
        "{where} berisi entri dengan nama yang tidak bisa dipakai ({problem}): {name!r}. "
        "Layer ini rusak atau sengaja dibuat aneh; jangan pakai image ini.",
        "{where} holds an entry whose name cannot be used ({problem}): {name!r}. "
        "This layer is damaged or deliberately odd; do not use this image.",
    ),
    "tar.too_big": (
        "{where} berisi lebih dari {limit} data tanpa kompresi: melewati batas. Bisa jadi ini "
        "'bom dekompresi'. Bila image ini memang sebesar itu, naikkan batasnya dengan variabel "
        "lingkungan {variable} (misalnya {variable}={suggestion}) lalu coba lagi.",
        "{where} holds more than {limit} of uncompressed data: over the limit. This may be a "
        "'decompression bomb'. If the image really is that large, raise the limit with the "
        "environment variable {variable} (for example {variable}={suggestion}) and try again.",
    ),
    "tar.too_many": (
        "{where} berisi lebih dari {limit} entri: melewati batas. Bila layer ini memang sebanyak "
        "itu, naikkan batasnya dengan variabel lingkungan {variable} (misalnya "
        "{variable}={suggestion}) lalu coba lagi.",
        "{where} holds more than {limit} entries: over the limit. If the layer really has that "
        "many, raise the limit with the environment variable {variable} (for example "
        "{variable}={suggestion}) and try again.",
    ),
    "tar.unsupported": (
        "{where} berisi entri {name!r} bertipe {kind}, yang tidak pernah ditulis oleh alat Docker "
        "dan tidak dibongkar di sini. Buat ulang layer itu dengan tar biasa.",
        "{where} holds the entry {name!r} of type {kind}, which Docker's tools never write and "
        "which is not unpacked here. Make that layer again with an ordinary tar.",
    ),
    # tarutil/read.py
    "tar.cannot_unpack": (
        "{where}: entri {name!r} tidak bisa dibongkar ({error}).",
        "{where}: the entry {name!r} cannot be unpacked ({error}).",
    ),
    # tarutil/write.py
    "tar.source_changed": (
        "Berkas {name!r} tidak bisa dimasukkan ke layer: saat dibaca, isinya bukan lagi berkas biasa "
        "yang tadi dilihat ({error}). Jangan ubah berkas selama build/commit berjalan, lalu coba lagi.",
        "The file {name!r} cannot be put into the layer: when read, it was no longer the regular "
        "file seen before ({error}). Do not change files while a build/commit runs, then try again.",
    ),
}
