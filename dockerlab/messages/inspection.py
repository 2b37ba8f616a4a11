"""The messages of ``dockerlab.inspection`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # inspection/__init__.py
    "inspect.no_such_layer": (
        "Image {name} punya {count} layer (nomor 0 sampai {last}, 0 = layer dasar); layer={layer} "
        "tidak ada. Lihat daftarnya dengan dockerlab.layers(image).",
        "Image {name} has {count} layers (numbered 0 to {last}, 0 = base layer); layer={layer} "
        "does not exist. List them with dockerlab.layers(image).",
    ),
    # inspection/_diff.py
    "inspect.diff.title": ("Perbedaan {a} → {b}", "Differences {a} → {b}"),
    "inspect.diff.added": ("ditambah", "added"),
    "inspect.diff.removed": ("dihapus", "removed"),
    "inspect.diff.changed": ("diubah", "changed"),
    "inspect.diff.shared": ("{count} layer sama (dipakai bersama, disimpan sekali)",
                            "{count} shared layers (stored once, used by both)"),
    "inspect.diff.base_shared": ("{count} layer dasar sama (dipakai bersama, disimpan sekali)",
                                 "{count} identical base layers (stored once, used by both)"),
    "inspect.diff.base": ("{count} layer dasar pertama identik", "the first {count} base layers are identical"),
    "inspect.diff.base_of_shared": ("{count} di antaranya layer dasar, di urutan yang sama dari bawah",
                                    "{count} of them are base layers, in the same order from the bottom"),
    "inspect.diff.only": ("hanya di {name}: {count} layer", "only in {name}: {count} layers"),
    "inspect.diff.summary": ("{added} ditambah, {removed} dihapus, {changed} diubah; selisih ukuran {delta}",
                             "{added} added, {removed} removed, {changed} changed; size change {delta}"),
    "inspect.diff.none": ("Tidak ada perbedaan file.", "No file differences."),
    "inspect.col.before": ("sebelum", "before"),
    "inspect.col.after": ("sesudah", "after"),
    # inspection/_efficiency.py
    "inspect.eff.title": ("Efisiensi image", "Image efficiency"),
    "inspect.eff.score": ("skor efisiensi", "efficiency score"),
    "inspect.eff.score_value": ("{score} (100% = tidak ada yang terbuang; makin kecil, makin boros)",
                                "{score} (100% = nothing wasted; the lower, the more wasteful)"),
    "inspect.eff.wasted": ("ruang terbuang", "wasted space"),
    "inspect.eff.wasted_share": (
        "{wasted} — sama dengan {percent} dari semua yang ditambahkan di atas layer dasar "
        "(makin besar, makin boros)",
        "{wasted} — equal to {percent} of everything added above the base layer "
        "(the higher, the more wasteful)",
    ),
    "inspect.eff.total": ("ukuran image", "image size"),
    "inspect.eff.col.copies": ("muncul sebagai", "appears as"),
    "inspect.eff.copies": ("{copies} salinan", "{copies} × copy"),
    "inspect.eff.copies_marked": ("{copies} salinan + {markers} penanda hapus",
                                  "{copies} × copy + {markers} × deletion marker"),
    "inspect.eff.explain": (
        "Ruang terbuang = byte berkas yang tersimpan di layer bawah lalu dihapus atau ditimpa di "
        "layer atas: berkasnya tidak terlihat lagi, tetapi byte-nya tetap ikut diunduh dan disimpan. "
        "Cara menghindarinya: buat, pakai, dan hapus berkas sementara di dalam satu RUN "
        "(perintahnya disambung dengan &&).",
        "Wasted space = bytes of files stored in a lower layer and then deleted or overwritten in a "
        "higher layer: the file is no longer visible, but its bytes are still downloaded and stored. "
        "To avoid it, create, use and delete temporary files inside one RUN (commands joined with &&).",
    ),
    "inspect.eff.how": ("Cara menghitung (seperti alat dive)", "How it is counted (as the dive tool does)"),
    "inspect.eff.details": (
        "Setiap path yang muncul di dua layer atau lebih dihitung dengan menjumlah ukuran semua "
        "salinannya, termasuk salinan yang masih terlihat. Penanda hapus (whiteout) adalah "
        "berkas kosong yang dibuat rm di layer atas; ia bukan salinan berisi. Skor = jumlah ukuran terkecil tiap path "
        "÷ jumlah ukuran semua salinan (100% = tidak ada yang terbuang).",
        "Every path that appears in two or more layers counts with the sizes of all its copies "
        "added up, the still-visible one included. A deletion marker (whiteout) is the empty "
        "file rm leaves in a higher layer; it is not a copy with content. Score = sum of each path's smallest size ÷ sum "
        "of the sizes of all copies (100% = nothing wasted).",
    ),
    "inspect.eff.removed": ("dihapus di layer berikutnya, tetapi tetap tersimpan",
                            "deleted in a later layer but still stored"),
    "inspect.eff.removed_note": (
        "Seperti dive, folder yang dihapus utuh (rm -rf folder) tidak masuk ruang terbuang; "
        "baris \"dihapus … tetap tersimpan\" menghitung semua byte yang dihapus, file maupun folder.",
        "As in dive, a folder deleted as a whole (rm -rf folder) is not counted as wasted space; "
        "the \"deleted … still stored\" line counts every deleted byte, files and folders alike.",
    ),
    "inspect.eff.none": ("Tidak ada file yang muncul di lebih dari satu layer.",
                         "No file appears in more than one layer."),
    # inspection/_history.py
    "inspect.history.title": ("Riwayat image {name}", "History of image {name}"),
    "inspect.history.cache_note": (
        "Kolom cache kosong: image tidak menyimpan informasi cache. Berikan hasil build "
        "(build=...) untuk melihatnya.",
        "The cache column is empty: an image does not record cache use. Pass the build result "
        "(build=...) to see it.",
    ),
    # inspection/_inspect.py
    "inspect.json.manifest": ("Manifest {digest} (digest manifest = sha256 dari byte ini)",
                              "Manifest {digest} (manifest digest = sha256 of these bytes)"),
    "inspect.json.config": ("Config {digest} (ID image = sha256 dari byte ini)",
                            "Config {digest} (image ID = sha256 of these bytes)"),
    "inspect.json.index": ("Index {digest} (satu manifest per platform)",
                           "Index {digest} (one manifest per platform)"),
    # inspection/_layers.py
    "inspect.layers.title": ("Layer image {name} (dasar di atas)", "Layers of image {name} (base first)"),
    # inspection/arguments.py
    "inspect.arg.not_image": (
        "{function}: {param} harus sebuah image — Image, hasil dockerlab.build(...), atau nama "
        "image seperti 'my-app:latest' — bukan {given}.",
        "{function}: {param} must be an image — an Image, the result of dockerlab.build(...), or "
        "an image name like 'my-app:latest' — not {given}.",
    ),
    "inspect.arg.name_here": (
        "{function}: {param} adalah nama {value!r}; fungsi ini bekerja pada image itu sendiri. "
        "Ambil image-nya dulu dengan dockerlab.image({value!r}), atau beri store=.",
        "{function}: {param} is the name {value!r}; this function works on the image itself. "
        "Get the image first with dockerlab.image({value!r}), or pass store=.",
    ),
    "inspect.arg.not_build": (
        "{function} butuh hasil build (dockerlab.build(...)) untuk {param}, bukan {given}. "
        "Hanya hasil build yang mencatat langkah mana yang dijalankan dan mana yang dari cache; "
        "image sendiri tidak menyimpannya.",
        "{function} needs a build result (dockerlab.build(...)) for {param}, not {given}. Only "
        "a build result records which steps were executed and which came from the cache; an "
        "image does not store that.",
    ),
    "inspect.arg.not_int": (
        "{function}: {param} harus angka bulat (misalnya {param}=1), bukan {given}.",
        "{function}: {param} must be a whole number (for example {param}=1), not {given}.",
    ),
    "inspect.given.image": ("sebuah image", "an image"),
    "inspect.given.index": ("sebuah image index", "an image index"),
    "inspect.given.text": ("teks {value!r}", "the text {value!r}"),
    "inspect.given.number": ("angka {value!r}", "the number {value!r}"),
    "inspect.given.bool": ("nilai {value!r}", "the value {value!r}"),
    "inspect.given.none": ("None (kosong)", "None (nothing)"),
    "inspect.given.list": ("daftar berisi {count} item", "a list of {count} items"),
    "inspect.given.mapping": ("kamus berisi {count} pasangan kunci-nilai",
                              "a mapping of {count} key-value pairs"),
    "inspect.given.object": ("objek {type}", "a {type} object"),
    # inspection/format.py
    "inspect.status.added": ("ditambah", "added"),
    "inspect.status.modified": ("diubah", "modified"),
    "inspect.status.deleted": ("dihapus (whiteout)", "deleted (whiteout)"),
    "inspect.status.hidden": ("tersembunyi (direktori opaque)", "hidden (opaque directory)"),
    "inspect.status.unchanged": ("tidak berubah", "unchanged"),
    "inspect.col.step": ("langkah", "step"),
    "inspect.col.instruction": ("instruksi", "instruction"),
    "inspect.col.layer": ("layer", "layer"),
    "inspect.col.size": ("ukuran", "size"),
    "inspect.col.cache": ("cache", "cache"),
    "inspect.col.digest": ("digest", "digest"),
    "inspect.col.diff_id": ("diff_id", "diff_id"),
    "inspect.col.compressed": ("ukuran terkompresi", "compressed size"),
    "inspect.col.uncompressed": ("ukuran tak terkompresi", "uncompressed size"),
    "inspect.col.created_by": ("dibuat oleh", "created by"),
    "inspect.col.path": ("path", "path"),
    "inspect.col.status": ("status", "status"),
    "inspect.col.count": ("jumlah salinan", "copies"),
    "inspect.col.layers": ("layer", "layers"),
    "inspect.col.wasted": ("ruang terbuang", "wasted space"),
    "inspect.no_layer": ("tanpa layer", "no layer"),
    # The build log's and the build table's words (builder/result.py): one vocabulary.
    "inspect.cache.hit": ("dari cache", "from cache"),
    "inspect.cache.miss": ("dijalankan", "executed"),
    "inspect.cache.unknown": ("tidak tercatat", "not recorded"),
    "inspect.cache.base": ("bagian image dasar", "part of the base image"),
    "inspect.none": ("(tidak ada)", "(none)"),
    "inspect.more": ("… dan {count} lagi", "… and {count} more"),
    # inspection/imagelist.py
    "inspect.images.note": (
        "IMAGE ID = 12 digit pertama ID image (sidik jari isinya; lihat notebook 03). Image dengan dua tag muncul di dua "
        "baris dengan IMAGE ID yang sama. CREATED dalam UTC; mesin bawaan dockerlab memakai tanggal "
        "tetap 2024-01-01 agar build yang sama menghasilkan ID yang sama, sedangkan Docker "
        "menampilkan waktu build yang sebenarnya.",
        "IMAGE ID = the first 12 digits of the image ID (a fingerprint of its content; see notebook 03). An image with two tags "
        "appears on two lines with the same IMAGE ID. CREATED is in UTC; the dockerlab embedded "
        "engine uses the fixed date 2024-01-01 so that the same build gives the same ID, "
        "while Docker shows the real build time.",
    ),
    "inspect.images.empty": (
        "Belum ada image. Buat dengan dockerlab.build(...), atau ambil dengan dockerlab.pull(...) "
        "atau dockerlab.load(...).",
        "No images yet. Make one with dockerlab.build(...), or get one with dockerlab.pull(...) "
        "or dockerlab.load(...).",
    ),
    "inspect.images.title": ("{count} image", "{count} images"),
    # inspection/imagelist.py
    "inspect.images.digests_note": (
        "DIGEST = digest manifest image (yang ditulis dalam nama@sha256:…). Mesin bawaan menyimpan "
        "manifest setiap image, jadi setiap baris punya digest; Docker Engine dengan penyimpanan "
        "klasik baru mengenal digest image setelah image itu di-push atau di-pull lewat registry, "
        "sebelum itu kolom ini <none>.",
        "DIGEST = the image's manifest digest (what name@sha256:… names). The embedded engine keeps "
        "a manifest for every image, so every row has a digest; a Docker Engine with the classic "
        "store knows an image's digest only once it was pushed or pulled through a registry, until "
        "then this column is <none>.",
    ),
    # inspection/tagtable.py
    "inspect.tags.empty": ("Belum ada tag yang dibuat, dipindah, atau dihapus.",
                           "No tag has been set, moved or removed yet."),
    "inspect.tags.empty_for": ("Belum ada peristiwa untuk {name}.", "No events for {name} yet."),
    "inspect.tags.kind.created": ("dibuat", "set"),
    "inspect.tags.kind.moved": ("dipindah", "moved"),
    "inspect.tags.kind.removed": ("dihapus", "removed"),
    "inspect.tags.col.number": ("NO", "NO"),
    "inspect.tags.col.tag": ("TAG", "TAG"),
    "inspect.tags.col.what": ("PERISTIWA", "EVENT"),
    "inspect.tags.col.old": ("DARI (ID IMAGE)", "FROM (IMAGE ID)"),
    "inspect.tags.col.new": ("KE (ID IMAGE)", "TO (IMAGE ID)"),
    "inspect.tags.col.command": ("PERINTAH", "COMMAND"),
    "inspect.tags.note": (
        "Setiap baris: satu tag yang dibuat, dipindah, atau dihapus, urut dari yang paling lama. ID "
        "image = 12 digit pertama, seperti di `docker images`.",
        "Each row: one tag set, moved or removed, oldest first. Image ID = the first 12 digits, as "
        "in `docker images`.",
    ),
    "inspect.tags.cut": (
        "Riwayat ini panjang: hanya {count} peristiwa terakhir yang ditampilkan.",
        "This history is long: only the last {count} events are shown.",
    ),
}
