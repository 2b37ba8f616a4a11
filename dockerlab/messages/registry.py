"""The messages of ``dockerlab.registry`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # registry/auth.py
    "registry.credential_helper": (
        "Helper kredensial Docker {helper!r} (dari {config}) gagal memberi kredensial untuk {registry}: "
        "{reason}. Pasang program docker-credential-{helper}, atau hapus \"credsStore\"/\"credHelpers\" "
        "dari {config} lalu jalankan `docker login {registry}` lagi.",
        "Docker credential helper {helper!r} (from {config}) could not give credentials for {registry}: "
        "{reason}. Install the program docker-credential-{helper}, or remove \"credsStore\"/\"credHelpers\" "
        "from {config} and run `docker login {registry}` again.",
    ),
    "registry.docker_config_bad": (
        "File konfigurasi Docker {config} tidak bisa dibaca: {reason}. Perbaiki file itu (atau "
        "jalankan `docker login {registry}` lagi).",
        "Docker's configuration file {config} cannot be read: {reason}. Fix that file (or run "
        "`docker login {registry}` again).",
    ),
    "registry.token_missing": (
        "Server token {realm} tidak memberikan token untuk {scope}. Periksa konfigurasi auth registry.",
        "The token server {realm} gave no token for {scope}. Check the registry's auth configuration.",
    ),
    # registry/client.py
    "registry.bad_answer": (
        "Registry {registry} memberi jawaban yang tidak bisa dipakai untuk {action}: {problem}. "
        "Registry itu rusak atau bukan registry OCI; coba lagi atau pakai registry lain.",
        "Registry {registry} gave an answer that cannot be used for {action}: {problem}. That "
        "registry is broken or not an OCI registry; try again or use another registry.",
    ),
    # registry/errors.py
    "registry.error": (
        "Registry {registry} menolak {action} ({status} {code}): {explanation} {detail}",
        "Registry {registry} refused {action} ({status} {code}): {explanation} {detail}",
    ),
    "registry.unreachable": (
        "Registry {registry} tidak bisa dihubungi ({error}). Periksa alamatnya; untuk registry "
        "kursus jalankan `dockerlab registry start` lalu pakai alamat yang ditampilkannya.",
        "Registry {registry} cannot be reached ({error}). Check the address; for the course "
        "registry run `dockerlab registry start` and use the address it prints.",
    ),
    "registry.bad_digest_header": (
        "Registry {registry} melaporkan digest {reported} untuk {what}, padahal isinya ber-sha256 "
        "{actual}. Jangan pakai hasil ini; coba lagi atau periksa registry-nya.",
        "Registry {registry} reported digest {reported} for {what}, but its content hashes to "
        "{actual}. Do not use this result; try again or check the registry.",
    ),
    "registry.code.MANIFEST_UNKNOWN": (
        "manifest (tag atau digest) ini tidak ada di repository tersebut: belum di-push, atau ejaan "
        "tag-nya berbeda. Lihat tag yang ada dengan `dockerlab.list_tags(\"REGISTRY/REPOSITORY\")` "
        "(di terminal: `dockerlab tags REGISTRY/REPOSITORY`).",
        "this manifest (tag or digest) does not exist in that repository: it was not pushed yet, or "
        "the tag is spelt differently. List the tags with `dockerlab.list_tags(\"REGISTRY/REPOSITORY\")` "
        "(in a terminal: `dockerlab tags REGISTRY/REPOSITORY`).",
    ),
    "registry.code.NAME_UNKNOWN": (
        "repository ini tidak dikenal oleh registry. Periksa nama image-nya; repository baru "
        "muncul setelah push pertama.",
        "the registry does not know this repository. Check the image name; a repository "
        "appears after its first push.",
    ),
    "registry.code.UNAUTHORIZED": (
        "perlu login. Beri username dan password (auth=(user, password)) atau jalankan "
        "`docker login` untuk registry ini.",
        "authentication is required. Give a username and password (auth=(user, password)) or "
        "run `docker login` for this registry.",
    ),
    "registry.code.DENIED": (
        "akses ditolak: akun ini tidak boleh melakukan itu di repository ini. Periksa nama "
        "repository (push hanya ke repository milik Anda) dan hak akses akun.",
        "access denied: this account may not do that in this repository. Check the repository "
        "name (push only to repositories you own) and the account's permissions.",
    ),
    "registry.code.TOOMANYREQUESTS": (
        "terlalu banyak permintaan (batas laju registry). Tunggu beberapa menit lalu coba lagi, "
        "login agar batasnya lebih longgar, atau pakai mirror registry kelas.",
        "too many requests (the registry's rate limit). Wait a few minutes and try again, log "
        "in for a higher limit, or use the class's registry mirror.",
    ),
    "registry.code.BLOB_UNKNOWN": (
        "blob (layer atau config) ini tidak ada di registry. Push ulang image-nya secara utuh.",
        "this blob (layer or config) is not in the registry. Push the whole image again.",
    ),
    "registry.code.BLOB_UPLOAD_INVALID": (
        "unggahan blob tidak sah atau sudah kedaluwarsa. Ulangi push; blob yang sudah sampai "
        "tidak dikirim lagi.",
        "the blob upload is invalid or has expired. Push again; blobs already there are not "
        "sent again.",
    ),
    "registry.code.BLOB_UPLOAD_UNKNOWN": (
        "sesi unggahan blob tidak dikenal (mungkin kedaluwarsa). Ulangi push.",
        "the blob upload session is unknown (it may have expired). Push again.",
    ),
    "registry.code.DIGEST_INVALID": (
        "isi yang diterima registry tidak cocok dengan digest-nya (rusak di jalan?). Ulangi push.",
        "the content the registry received does not match its digest (damaged on the way?). "
        "Push again.",
    ),
    "registry.code.MANIFEST_BLOB_UNKNOWN": (
        "manifest menunjuk blob yang belum ada di registry. Push blob-nya dulu (push ulang "
        "seluruh image).",
        "the manifest names a blob the registry does not have yet. Push the blobs first (push "
        "the whole image again).",
    ),
    "registry.code.MANIFEST_INVALID": (
        "registry menganggap manifest ini tidak sah. Periksa image dengan dockerlab.validate().",
        "the registry considers this manifest invalid. Check the image with dockerlab.validate().",
    ),
    "registry.code.NAME_INVALID": (
        "nama repository tidak sah untuk registry ini. Pakai huruf kecil, angka, '.', '_', '-' dan '/'.",
        "the repository name is not valid for this registry. Use lowercase letters, digits, "
        "'.', '_', '-' and '/'.",
    ),
    "registry.code.TAG_INVALID": (
        "tag tidak sah untuk registry ini. Pakai huruf, angka, '_', '.' dan '-'.",
        "the tag is not valid for this registry. Use letters, digits, '_', '.' and '-'.",
    ),
    "registry.code.SIZE_INVALID": (
        "ukuran yang dikirim tidak cocok dengan yang diumumkan. Ulangi push.",
        "the size sent does not match the size announced. Push again.",
    ),
    "registry.code.UNSUPPORTED": (
        "registry ini tidak mendukung operasi tersebut (misalnya menghapus, atau media type ini).",
        "this registry does not support that operation (for example deleting, or this media type).",
    ),
    "registry.code.UNKNOWN": (
        "registry mengembalikan galat yang tidak dikenal. Lihat log registry-nya.",
        "the registry returned an unknown error. Look at the registry's log.",
    ),
    "registry.action.ping": ("pemeriksaan /v2/", "the /v2/ check"),
    "registry.action.manifest_get": ("pengambilan manifest {ref}", "fetching manifest {ref}"),
    "registry.action.manifest_put": ("pengiriman manifest {ref}", "sending manifest {ref}"),
    "registry.action.blob_get": ("pengambilan blob {digest}", "fetching blob {digest}"),
    "registry.action.blob_head": ("pemeriksaan blob {digest}", "checking blob {digest}"),
    "registry.action.blob_upload": ("pengunggahan blob {digest}", "uploading blob {digest}"),
    "registry.action.tags": ("daftar tag {repository}", "the tag list of {repository}"),
    "registry.action.token": ("pemberian token untuk {scope}", "issuing a token for {scope}"),
    # registry/push.py
    "registry.no_ref": (
        "Image {image} belum punya nama untuk registry. Beri nama dulu, misalnya "
        "dockerlab.tag({image!r}, 'localhost:5000/halo:1.0'), lalu push nama itu.",
        "Image {image} has no name for a registry yet. Name it first, for example "
        "dockerlab.tag({image!r}, 'localhost:5000/halo:1.0'), then push that name.",
    ),
    "registry.bad_compression": (
        "Kompresi {compression!r} tidak didukung untuk push. Pakai compression='gzip' (bawaan) "
        "atau compression=None (layer dikirim apa adanya).",
        "Compression {compression!r} is not supported for push. Use compression='gzip' (the "
        "default) or compression=None (layers sent as stored).",
    ),
    "registry.nested_index": (
        "Index ini berisi index lain ({digest}); push index bertingkat belum didukung. "
        "Buat index yang langsung menunjuk manifest tiap platform.",
        "This index contains another index ({digest}); pushing nested indexes is not supported yet. "
        "Make an index that points straight at each platform's manifest.",
    ),
    # registry/result.py
    "registry.push_done": (
        "{ref}: digest {digest} (dilaporkan registry), ID image {image_id}, {sent} blob dikirim, "
        "{skipped} sudah ada, {mounted} di-mount dari repository lain.",
        "{ref}: digest {digest} (reported by the registry), image ID {image_id}, {sent} blobs sent, "
        "{skipped} already there, {mounted} mounted from another repository.",
    ),
    "registry.cmp.what": ("identitas", "identity"),
    "registry.cmp.local": ("lokal (store)", "local (store)"),
    "registry.cmp.remote": ("di registry", "in the registry"),
    "registry.cmp.same": ("sama?", "same?"),
    "registry.cmp.image_id": ("ID image (digest config)", "image ID (config digest)"),
    "registry.cmp.manifest": ("digest manifest", "manifest digest"),
    "registry.cmp.layer": ("layer {n}: digest blob", "layer {n}: blob digest"),
    "registry.cmp.diff_id": ("layer {n}: diff_id", "layer {n}: diff_id"),
    "registry.cmp.size": ("layer {n}: ukuran blob", "layer {n}: blob size"),
    "registry.cmp.yes": ("ya", "yes"),
    "registry.cmp.no": ("tidak", "no"),
    # registry/server.py
    "registry.binary_missing": (
        "Program server registry ({names}) tidak ditemukan. Pasang dengan: "
        "sudo apt-get install docker-registry",
        "The registry server program ({names}) was not found. Install it with: "
        "sudo apt-get install docker-registry",
    ),
    "registry.running": (
        "Registry berjalan di {address} (penyimpanan: {storage})",
        "Registry running at {address} (storage: {storage})",
    ),
    "registry.stopped": (
        "Registry di {address} sudah dihentikan",
        "Registry at {address} has been stopped",
    ),
    "registry.not_running": (
        "Tidak ada registry kursus yang berjalan dengan penyimpanan {storage}. Mulai dengan "
        "`dockerlab registry start`.",
        "No course registry is running with storage {storage}. Start one with `dockerlab registry start`.",
    ),
    "registry.start_timeout": (
        "Server registry di {address} belum menjawab setelah {timeout:g} detik, jadi dihentikan lagi. "
        "Akhir log-nya ({log}):\n{tail}\nCoba lagi; jika tetap gagal, periksa log itu atau beri "
        "waktu lebih lama: start_registry(startup_timeout=60).",
        "The registry server at {address} did not answer within {timeout:g} seconds, so it was stopped "
        "again. The end of its log ({log}):\n{tail}\nTry again; if it keeps failing, read that log or "
        "allow more time: start_registry(startup_timeout=60).",
    ),
    "registry.log_empty": ("(log-nya kosong)", "(the log is empty)"),
    "registry.exited": (
        "Server registry berhenti sendiri (kode {code}). Akhir log-nya ({log}):\n{tail}",
        "The registry server exited by itself (code {code}). The end of its log ({log}):\n{tail}",
    ),
    # registry/result.py: PushResult.transfers()
    "registry.blob.kind": ("blob", "blob"),
    "registry.blob.digest": ("digest di registry", "digest in the registry"),
    "registry.blob.size": ("ukuran", "size"),
    "registry.blob.action": ("yang terjadi", "what happened"),
    "registry.blob.layer": ("layer {n}", "layer {n}"),
    "registry.blob.config": ("config", "config"),
    "registry.action.sent": ("dikirim", "sent"),
    "registry.action.skipped": ("sudah ada, tidak dikirim", "already there, not sent"),
    "registry.action.mounted": ("di-mount dari repository lain", "mounted from another repository"),
    "registry.action.fetched": ("diunduh", "fetched"),
    "registry.action.present": ("sudah ada", "already there"),
}
