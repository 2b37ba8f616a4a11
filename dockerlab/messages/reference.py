"""The messages of ``dockerlab.reference`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # reference.py
    "ref.empty": (
        "Referensi image kosong. Tulis nama image, misalnya 'halo:1.0' atau 'localhost:5000/app'.",
        "The image reference is empty. Write an image name such as 'halo:1.0' or 'localhost:5000/app'.",
    ),
    "ref.too_long": (
        "Nama image {name!r} terlalu panjang ({length} karakter); paling banyak 255.",
        "The image name {name!r} is too long ({length} characters); at most 255.",
    ),
    "ref.uppercase": (
        "Nama repository {name!r} di {text!r} harus huruf kecil semua. Coba {lower!r}.",
        "The repository name {name!r} in {text!r} must be all lowercase. Try {lower!r}.",
    ),
    "ref.uppercase_invalid": (
        "Nama repository {name!r} di {text!r} tidak sah: harus huruf kecil semua, dan hanya boleh "
        "berisi huruf kecil, angka, serta pemisah '.', '_', '__' atau '-' di antara huruf/angka "
        "(tanpa spasi). Pilih nama lain, misalnya 'halo-dunia'.",
        "The repository name {name!r} in {text!r} is not valid: it must be all lowercase and may "
        "hold only lowercase letters, digits, and the separators '.', '_', '__' or '-' between "
        "letters/digits (no spaces). Choose another name, for example 'halo-dunia'.",
    ),
    "ref.bad_component": (
        "Bagian nama {component!r} di {text!r} tidak sah: hanya huruf kecil, angka, dan pemisah "
        "'.', '_', '__' atau '-' di antara huruf/angka (tidak boleh di awal atau akhir).",
        "The name part {component!r} in {text!r} is not valid: only lowercase letters, digits, and "
        "the separators '.', '_', '__' or '-' between letters/digits (not at the start or end).",
    ),
    "ref.bad_domain": (
        "Alamat registry {domain!r} di {text!r} tidak sah. Tulis nama host dengan port bila perlu, "
        "misalnya 'localhost:5000' atau 'registry.example.com'.",
        "The registry address {domain!r} in {text!r} is not valid. Write a host name, with a port if "
        "needed, such as 'localhost:5000' or 'registry.example.com'.",
    ),
    "ref.bad_tag": (
        "Tag {tag!r} di {text!r} tidak sah: tag diawali huruf, angka atau '_', lalu paling banyak "
        "127 huruf, angka, '_', '.' atau '-'. Contoh: '1.0', 'latest', 'v2-alpine'.",
        "The tag {tag!r} in {text!r} is not valid: a tag starts with a letter, digit or '_', then at "
        "most 127 letters, digits, '_', '.' or '-'. Examples: '1.0', 'latest', 'v2-alpine'.",
    ),
    "ref.bad_digest": (
        "Digest {digest!r} di {text!r} tidak sah: tulis 'sha256:' dan 64 digit heksadesimal huruf kecil.",
        "The digest {digest!r} in {text!r} is not valid: write 'sha256:' and 64 lowercase hexadecimal digits.",
    ),
    "ref.hex_name": (
        "{text!r} tampak seperti ID image (64 digit heksadesimal), bukan nama repository. "
        "Untuk menunjuk image lewat ID-nya, tulis 'sha256:{text}'.",
        "{text!r} looks like an image ID (64 hexadecimal digits), not a repository name. "
        "To name an image by its ID, write 'sha256:{text}'.",
    ),
}
