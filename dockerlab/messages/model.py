"""The messages of ``dockerlab.model`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # model/blobs.py
    "model.digest_mismatch": (
        "Blob {digest} di {path} rusak: isinya ber-sha256 {actual}, bukan {digest}. "
        "Hapus image yang memakainya lalu ambil lagi (build/pull/load); "
        "`dockerlab.store.Store().verify('nama:tag')` menunjukkan apa saja yang rusak.",
        "Blob {digest} at {path} is corrupt: its content hashes to {actual}, not {digest}. "
        "Remove the image that uses it and get it again (build/pull/load); "
        "`dockerlab.store.Store().verify('name:tag')` shows everything that is damaged.",
    ),
    "model.blob_missing": (
        "Blob {digest} tidak ada di {where}. Image yang memakainya tidak lengkap; "
        "ambil lagi image itu (build/pull/load).",
        "Blob {digest} is missing from {where}. The image that uses it is incomplete; "
        "get that image again (build/pull/load).",
    ),
    # model/descriptor.py
    "model.bad_descriptor": (
        "Descriptor tidak sah di {where}: {problem}. Descriptor harus punya 'mediaType', "
        "'digest' (sha256:…) dan 'size' (bilangan bulat ≥ 0).",
        "Invalid descriptor in {where}: {problem}. A descriptor needs 'mediaType', "
        "'digest' (sha256:…) and 'size' (a whole number ≥ 0).",
    ),
    "model.bad_platform": (
        "Platform {text!r} tidak sah: tulis 'os/arsitektur' atau 'os/arsitektur/varian', "
        "misalnya 'linux/amd64' atau 'linux/arm64/v8'.",
        "Platform {text!r} is not valid: write 'os/architecture' or 'os/architecture/variant', "
        "for example 'linux/amd64' or 'linux/arm64/v8'.",
    ),
    # model/digest.py
    "model.bad_digest": (
        "Digest {text!r} tidak sah: bentuknya harus 'sha256:' diikuti 64 digit heksadesimal "
        "huruf kecil (contoh: sha256:1a2b…). Salin digest lengkap dari `docker images --digests`.",
        "Digest {text!r} is not valid: it must be 'sha256:' followed by 64 lowercase hexadecimal "
        "digits (for example sha256:1a2b…). Copy the full digest from `docker images --digests`.",
    ),
    "model.bad_epoch": (
        "SOURCE_DATE_EPOCH={value!r} bukan bilangan bulat detik sejak 1970. Kosongkan variabel "
        "itu atau beri angka, misalnya 1704067200.",
        "SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970. Unset it or "
        "give a number such as 1704067200.",
    ),
    # model/gate.py
    "model.gate.algorithm": (
        "{where}: {what} memakai digest {digest}; dockerlab hanya membaca digest sha256.",
        "{where}: {what} uses the digest {digest}; dockerlab only reads sha256 digests.",
    ),
    "model.gate.layer_count": (
        "Manifest {digest} punya {layers} layer, tetapi config-nya mencatat {diff_ids} diff_id. "
        "Image ini rusak dan tidak disimpan; buat ulang dari sumbernya.",
        "Manifest {digest} has {layers} layers, but its config lists {diff_ids} diff_ids. "
        "This image is broken and was not stored; make it again from its source.",
    ),
    "model.gate.history_count": (
        "Config {digest} punya {entries} entri history yang membuat layer, tetapi image punya "
        "{layers} layer. Image ini rusak dan tidak disimpan; buat ulang dari sumbernya.",
        "Config {digest} has {entries} history entries that made a layer, but the image has "
        "{layers} layers. This image is broken and was not stored; make it again from its source.",
    ),
    "model.gate.diff_id": (
        "Layer {index} ({digest}) tidak dikompresi, jadi digest-nya harus sama dengan diff_id di "
        "config ({diff_id}). Image ini rusak dan tidak disimpan; buat ulang dari sumbernya.",
        "Layer {index} ({digest}) is not compressed, so its digest must equal the config's "
        "diff_id ({diff_id}). This image is broken and was not stored; make it again from its source.",
    ),
    "model.gate.too_big": (
        "{where}: {what} {digest} disebut berukuran {size:,} byte, lebih dari batas {limit:,} byte. "
        "Image ini tidak disimpan.",
        "{where}: {what} {digest} is said to be {size:,} bytes, more than the limit of {limit:,} "
        "bytes. This image was not stored.",
    ),
    "model.gate.too_deep": (
        "Index {digest} bersarang lebih dari {limit} tingkat (index di dalam index …). "
        "Tidak ada image yang disimpan.",
        "Index {digest} nests more than {limit} levels (an index inside an index …). "
        "No image was stored.",
    ),
    # model/image.py
    "model.zstd_unsupported": (
        "Layer {digest} dikompresi dengan zstd, yang belum bisa dibaca di sini. "
        "Pasang paket Python 'zstandard', atau ambil image versi gzip.",
        "Layer {digest} is zstd-compressed, which cannot be read here yet. "
        "Install the Python package 'zstandard', or get the gzip version of the image.",
    ),
    "model.no_platform": (
        "Index {digest} tidak punya image untuk platform {platform}. Yang ada: {available}. "
        "Pilih salah satunya dengan platform=…",
        "Index {digest} has no image for platform {platform}. Available: {available}. "
        "Choose one of them with platform=…",
    ),
    # model/manifest.py
    # One key per problem, so no English fragment is spliced into an Indonesian sentence.
    "model.field.not_object": (
        "{what} {where} tidak sah: isinya bukan objek JSON {{…}}. Berkas itu rusak atau bukan "
        "{what}; ambil ulang image-nya (build/pull/load lagi).",
        "{what} {where} is not valid: its content is not a JSON object {{…}}. The file is damaged "
        "or is not a {what}; get the image again (build/pull/load it again).",
    ),
    "model.field.not_list": (
        "{what} {where} tidak sah: kolom {field!r} bukan daftar (list). Berkas itu rusak; "
        "ambil ulang image-nya (build/pull/load lagi).",
        "{what} {where} is not valid: field {field!r} is not a list. The file is damaged; "
        "get the image again (build/pull/load it again).",
    ),
    "model.field.schema_version": (
        "{what} {where} tidak sah: kolom 'schemaVersion' bernilai {value!r}, seharusnya 2. "
        "dockerlab hanya membaca format OCI / Docker v2.2; build atau pull ulang image-nya "
        "dengan alat yang baru.",
        "{what} {where} is not valid: field 'schemaVersion' is {value!r}, it should be 2. "
        "dockerlab only reads the OCI / Docker v2.2 format; build or pull the image again "
        "with a recent tool.",
    ),
    "model.field.missing": (
        "{what} {where} tidak sah: kolom {field!r} tidak ada. Berkas itu rusak; "
        "ambil ulang image-nya (build/pull/load lagi).",
        "{what} {where} is not valid: field {field!r} is missing. The file is damaged; "
        "get the image again (build/pull/load it again).",
    ),
    "model.field.rootfs": (
        "{what} {where} tidak sah: kolom 'rootfs' tidak ada atau tidak berisi daftar 'diff_ids'. "
        "Berkas itu rusak; ambil ulang image-nya (build/pull/load lagi).",
        "{what} {where} is not valid: field 'rootfs' is missing or has no 'diff_ids' list. "
        "The file is damaged; get the image again (build/pull/load it again).",
    ),
    "model.field.not_digest": (
        "{what} {where} tidak sah: kolom {field!r} berisi nilai yang bukan digest sha256 "
        "(sha256: diikuti 64 digit heksadesimal). Berkas itu rusak; ambil ulang image-nya "
        "(build/pull/load lagi).",
        "{what} {where} is not valid: field {field!r} holds a value that is not a sha256 digest "
        "(sha256: followed by 64 hex digits). The file is damaged; get the image again "
        "(build/pull/load it again).",
    ),
    "model.field.not_object_list": (
        "{what} {where} tidak sah: kolom {field!r} bukan daftar objek JSON. Berkas itu rusak; "
        "ambil ulang image-nya (build/pull/load lagi).",
        "{what} {where} is not valid: field {field!r} is not a list of JSON objects. The file is "
        "damaged; get the image again (build/pull/load it again).",
    ),
    "model.wrong_media_type": (
        "{where} punya media type {media_type!r}, padahal yang diharapkan {expected}.",
        "{where} has media type {media_type!r}, but {expected} was expected.",
    ),
    # model/schema.py
    "model.bad_json": (
        "{what} {where} bukan JSON yang sah ({error}). Berkas itu rusak atau bukan {what}; "
        "ambil ulang image-nya (build/pull/load lagi).",
        "{what} {where} is not valid JSON ({error}). The file is damaged or is not a {what}; "
        "get the image again (build/pull/load it again).",
    ),
    "model.too_big": (
        "{what} {where} berukuran {size:,} byte, lebih dari batas {limit:,} byte untuk {what}. "
        "Berkas sebesar itu bukan {what} yang wajar; sumbernya rusak atau sengaja dibuat aneh.",
        "{what} {where} is {size:,} bytes, more than the limit of {limit:,} bytes for a {what}. "
        "A file that large is no sensible {what}; its source is damaged or deliberately odd.",
    ),
    "model.field.wrong_type": (
        "{what} {where} tidak sah: kolom {field!r} seharusnya {expected}, bukan {given}. Berkas "
        "itu rusak; ambil ulang image-nya (build/pull/load lagi).",
        "{what} {where} is not valid: field {field!r} should be {expected}, not {given}. The file "
        "is damaged; get the image again (build/pull/load it again).",
    ),
    # model/validate.py
    "model.problem.missing_blob": (
        "{what} {digest} tidak ada di penyimpanan.",
        "{what} {digest} is missing from storage.",
    ),
    "model.problem.digest_mismatch": (
        "{what} {digest} rusak: hash SHA-256 isinya {actual}.",
        "{what} {digest} is corrupt: its content hashes to {actual}.",
    ),
    "model.problem.size_mismatch": (
        "{what} {digest} berukuran {actual:,} byte, padahal manifest menyebut {expected:,} byte.",
        "{what} {digest} is {actual:,} bytes, but the manifest says {expected:,} bytes.",
    ),
    "model.problem.diff_id_mismatch": (
        "Layer {digest}: hash SHA-256 tar tanpa kompresinya {actual}, padahal config menyebut diff_id {expected}.",
        "Layer {digest}: the uncompressed tar hashes to {actual}, but the config says diff_id {expected}.",
    ),
    "model.problem.layer_count": (
        "Manifest menyebut {layers} layer, tetapi config punya {diff_ids} diff_id.",
        "The manifest lists {layers} layers, but the config has {diff_ids} diff_ids.",
    ),
    "model.problem.history_count": (
        "History config punya {entries} entri yang membuat layer, tetapi image punya {layers} layer.",
        "The config history has {entries} entries that made a layer, but the image has {layers} layers.",
    ),
    "model.problem.media_type": (
        "{what} {digest} punya media type {media_type!r} yang tidak dikenal.",
        "{what} {digest} has an unknown media type {media_type!r}.",
    ),
    "model.problem.identity": (
        "{what} dari view ini {given}, padahal manifest-nya menunjukkan {actual}. Media yang "
        "memberi image ini tidak jujur tentang identitasnya.",
        "This view's {what} is {given}, but its manifest gives {actual}. The medium that gave this "
        "image is not truthful about its identity.",
    ),
    "model.problem.unreadable": (
        "{what} {digest} tidak bisa dibaca: {error}",
        "{what} {digest} cannot be read: {error}",
    ),
    "model.validate.ok": (
        "✅ semua blob cocok dengan digest-nya ({checked} blob diperiksa)",
        "✅ every blob matches its digest ({checked} blobs checked)",
    ),
    "model.validate.not_image": (
        "dockerlab.model.validate hanya menerima Image, bukan objek {given}. Untuk hasil build "
        "atau nama image seperti 'my-app:latest', pakai dockerlab.validate(...).",
        "dockerlab.model.validate takes only an Image, not a {given} object. For a build result "
        "or an image name like 'my-app:latest', use dockerlab.validate(...).",
    ),
    "model.validate.problems": (
        "❌ {count} masalah ditemukan ({checked} blob diperiksa):",
        "❌ {count} problems found ({checked} blobs checked):",
    ),
}
