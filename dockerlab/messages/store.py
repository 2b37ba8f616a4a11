"""The messages of ``dockerlab.store`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # store/core.py
    "store.write_mismatch": (
        "Blob yang ditulis ber-sha256 {actual}, padahal yang diharapkan {digest}. Tidak ada yang "
        "disimpan; sumbernya rusak atau terpotong — ambil ulang.",
        "The blob written hashes to {actual}, but {digest} was expected. Nothing was stored; the "
        "source is damaged or cut short — get it again.",
    ),
    "store.not_found": (
        "Image {ref!r} tidak ada di penyimpanan lokal ({root}). Lihat daftar dengan "
        "`dockerlab.images()` (setara `docker images`), atau build/pull/load dulu.",
        "Image {ref!r} is not in the local store ({root}). List what is there with "
        "`dockerlab.images()` (like `docker images`), or build/pull/load it first.",
    ),
    "store.ambiguous": (
        "ID {ref!r} cocok dengan lebih dari satu image: {matches}. Tulis lebih banyak digit.",
        "The ID {ref!r} matches more than one image: {matches}. Write more digits.",
    ),
    "store.multiple_tags": (
        "Image {ref} dipakai oleh beberapa tag ({tags}). Hapus lewat nama tag, atau pakai "
        "force=True (setara `docker rmi -f`).",
        "Image {ref} is used by several tags ({tags}). Remove it by tag name, or use force=True "
        "(like `docker rmi -f`).",
    ),
    "store.bad_index": (
        "{path} rusak ({error}). Penyimpanan tidak diubah. Pulihkan berkas itu, atau pindahkan "
        "folder {root} dan mulai dengan penyimpanan baru.",
        "{path} is damaged ({error}). The store was not changed. Restore that file, or move the "
        "folder {root} away and start with a new store.",
    ),
    "store.tag_digest": (
        "Tag tidak bisa dibuat dari {ref!r}: referensi dengan digest (@sha256:…) menunjuk isi yang "
        "tetap, bukan nama yang bisa dipindah. Tulis nama:tag saja, misalnya 'halo:1.0'.",
        "Cannot create a tag from {ref!r}: a reference with a digest (@sha256:…) names fixed "
        "content, not a movable name. Write just name:tag, for example 'halo:1.0'.",
    ),
    "store.not_image": (
        "{digest} di penyimpanan bukan manifest atau index image (media type {media_type!r}).",
        "{digest} in the store is not an image manifest or index (media type {media_type!r}).",
    ),
    "store.unsafe_root": (
        "Penyimpanan {path} tidak aman dipakai: {problem}. Pengguna lain di mesin ini bisa mengubah "
        "atau menghalangi isinya. Pakai folder milik Anda yang hanya bisa Anda tulisi (misalnya "
        "`chmod go-w {path}`), atau pilih folder lain dengan DOCKERLAB_HOME.",
        "The store {path} is not safe to use: {problem}. Other users of this machine could change "
        "or block what it holds. Use a folder of your own that only you can write (for example "
        "`chmod go-w {path}`), or choose another folder with DOCKERLAB_HOME.",
    ),
    "store.lock_timeout": (
        "Penyimpanan {root} masih dikunci proses dockerlab lain setelah {seconds} detik (kunci: "
        "{path}). Tunggu sampai perintah lain itu selesai (atau hentikan), lalu coba lagi.",
        "The store {root} is still locked by another dockerlab process after {seconds} seconds "
        "(lock: {path}). Wait for that other command to finish (or stop it), then try again.",
    ),
    "store.blob_vanished": (
        "Blob {digest} hilang dari penyimpanan saat image sedang ditulis (dihapus proses lain?). "
        "Image tidak di-tag; jalankan perintah yang sama sekali lagi.",
        "Blob {digest} vanished from the store while the image was being written (removed by "
        "another process?). The image was not tagged; run the same command once more.",
    ),
    # store/writer.py
    "store.size_mismatch": (
        "Blob {digest} dari {where} berukuran {actual:,} byte, padahal descriptor-nya menyebut {size:,} "
        "byte. Tidak ada yang disimpan; sumbernya rusak atau berbohong — ambil ulang dari sumber lain.",
        "Blob {digest} from {where} is {actual:,} bytes, but its descriptor says {size:,} bytes. Nothing "
        "was stored; the source is damaged or lying — get it again from another source.",
    ),
    "store.inner_bomb": (
        "Layer {digest} dari {where} mengembang lebih dari {limit:,} byte saat didekompresi (bom "
        "dekompresi?). Tidak ada yang disimpan. Bila layer itu memang sebesar itu, naikkan batas "
        "dengan {variable}.",
        "Layer {digest} from {where} expands to more than {limit:,} bytes when decompressed (a "
        "decompression bomb?). Nothing was stored. If the layer really is that large, raise the "
        "limit with {variable}.",
    ),
    # store/history.py
    "store.history.unsafe": (
        "Riwayat tag {path} bukan berkas biasa milik Anda ({problem}), jadi tidak ada yang diubah "
        "(tag juga tidak). Hapus atau pindahkan berkas itu, lalu jalankan perintahnya lagi.",
        "The tag history {path} is not a regular file of yours ({problem}), so nothing was changed "
        "(no tag either). Remove or move that file away, then run the command again.",
    ),
    "store.history.bad_line": (
        "{where} di riwayat tag {path} tidak bisa dibaca ({problem}) dan dilewati. Tag dan image di "
        "penyimpanan tidak terpengaruh: riwayat hanya catatan.",
        "{where} of the tag history {path} cannot be read ({problem}) and was skipped. The tags and "
        "images in the store are not affected: the history is only a record.",
    ),
    "store.history.line": ("Baris {line}", "Line {line}"),
    "store.history.at_byte": ("Baris pada byte {offset}", "The line at byte {offset}"),
    "store.history.unreadable": (
        "Riwayat tag {path} tidak bisa dibaca ({problem}); yang ditampilkan kosong. Tag dan image di "
        "penyimpanan tidak terpengaruh.",
        "The tag history {path} cannot be read ({problem}); nothing is shown. The tags and images in "
        "the store are not affected.",
    ),
}
