"""The messages of ``dockerlab.course`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # course/commands.py
    # course/kernel.py
    "course.kernel.missing_name": (
        "Nama `{name}` belum ada, karena sel sebelumnya yang seharusnya membuatnya tidak bisa "
        "berjalan di sini: {reason} Sel ini memerlukan hasil sel itu, jadi juga tidak bisa "
        "berjalan. Yang bisa dilakukan: jalankan kursus di tempat yang punya proot (`sudo apt-get "
        "install proot` atau `conda install -c conda-forge proot`) atau Docker Engine, lalu "
        "jalankan notebook ini lagi dari awal. Lihat juga peringatan ⚠ di bawah sel pertama "
        "(`course.start`).",
        "The name `{name}` does not exist, because the earlier cell that was to make it cannot "
        "run here: {reason} This cell needs that cell's result, so it cannot run either. What to "
        "do: run the course where proot (`sudo apt-get install proot` or `conda install -c "
        "conda-forge proot`) or a Docker Engine is available, then run this notebook again from "
        "the top. See also the ⚠ warning under the first cell (`course.start`).",
    ),
    # course/lesson.py
    "course.bad_lesson": (
        "Nama pelajaran {name!r} tidak dikenal. Pakai nama berkas notebook tanpa .ipynb, "
        "misalnya '01-image-pertama'.",
        "Unknown lesson name {name!r}. Use the notebook's file name without .ipynb, for example "
        "'01-image-pertama'.",
    ),
    "course.ready": ("Pelajaran {name} siap.", "Lesson {name} is ready."),
    "course.workdir": ("Folder kerja", "Working folder"),
    "course.workdir_note": (
        "baru dan bersih; semua path di notebook ini relatif terhadap folder ini",
        "new and clean; every path in this notebook is relative to this folder",
    ),
    "course.examples": ("Contoh yang disalin", "Examples copied"),
    "course.none": ("(tidak ada)", "(none)"),
    "course.engine": ("Mesin", "Engine"),
    "course.base": ("Image dasar (base image) yang siap", "Base image ready"),
    "course.no_executor": (
        "⚠ Di sini langkah RUN dan kontainer tidak bisa dijalankan: {reason} Sel yang memakainya "
        "akan gagal dengan ExecutorUnavailable, dan sel sesudahnya yang memerlukan hasilnya "
        "gagal dengan NameError (jalankan `%load_ext dockerlab.course.kernel` sekali agar sel-sel "
        "itu juga menjelaskan sebabnya). Pasang proot (`sudo apt-get install proot` atau `conda "
        "install -c conda-forge proot`), atau pakai Docker Engine, agar semua sel bisa berjalan.",
        "⚠ RUN steps and containers cannot run here: {reason} Cells that use them will fail with "
        "ExecutorUnavailable, and later cells that need their results with NameError (run "
        "`%load_ext dockerlab.course.kernel` once so that those say why too). Install proot "
        "(`sudo apt-get install proot` or `conda install -c conda-forge proot`), or use a Docker "
        "Engine, so that every cell can run.",
    ),
    # course/portability.py
    "course.no_docker": (
        "Tidak ada Docker Engine yang menjawab di sini ({error}), jadi langkah pemindahan ke Docker "
        "dilewati. Mesin bawaan dockerlab tetap bekerja: sel-sel lain berjalan seperti biasa. Di "
        "komputer dengan Docker, sel ini memindahkan image dan menampilkan ID yang sama.",
        "No Docker Engine answers here ({error}), so the move to Docker is skipped. The dockerlab "
        "embedded engine keeps working: the other cells run as usual. On a computer with Docker, "
        "this cell moves the image and shows the same ID.",
    ),
    "course.docker_missing": (
        "Docker tidak terpasang di komputer ini (tidak ada program docker, dan tidak ada socket di "
        "{host}), jadi langkah pemindahan ke Docker dilewati. Mesin bawaan dockerlab tetap bekerja: "
        "sel-sel lain berjalan seperti biasa. Di komputer dengan Docker, sel ini memindahkan image "
        "dan menampilkan ID yang sama.",
        "Docker is not installed on this computer (no docker program, and no socket at {host}), so "
        "the move to Docker is skipped. The dockerlab embedded engine keeps working: the other "
        "cells run as usual. On a computer with Docker, this cell moves the image and shows the "
        "same ID.",
    ),
    "course.docker_not_running": (
        "Docker terpasang di komputer ini, tetapi Docker Engine tidak berjalan (tidak ada yang "
        "menjawab di {host}). Jalankan Docker dulu: buka Docker Desktop (Windows/macOS), atau di "
        "Linux ketik `sudo systemctl start docker`, lalu jalankan sel ini lagi. Sampai saat itu "
        "pemindahan ke Docker dilewati; mesin bawaan dockerlab tetap bekerja, jadi sel-sel lain "
        "berjalan seperti biasa.",
        "Docker is installed on this computer, but the Docker Engine is not running (nothing "
        "answers at {host}). Start Docker first: open Docker Desktop (Windows/macOS), or on Linux "
        "type `sudo systemctl start docker`, then run this cell again. Until then the move to "
        "Docker is skipped; the dockerlab embedded engine keeps working, so the other cells run "
        "as usual.",
    ),
    "course.moved": (
        "{ref} dipindah dari {src} ke {dst}. ID image di sana: {after} (sebelumnya {before}); "
        "diff_id {layers} layer juga sama.",
        "{ref} moved from {src} to {dst}. Image ID there: {after} (before: {before}); the diff_ids "
        "of its {layers} layers are the same too.",
    ),
    "course.unpacked": ("{count} berkas dibongkar ke {folder}/", "{count} files unpacked into {folder}/"),
    "course.converted": (
        "{archive} berformat docker-archive saja, tanpa layout OCI: Docker Engine sebelum versi 25 "
        "menulis `docker save` seperti itu. dockerlab membacanya lalu menuliskannya lagi dengan "
        "layout OCI. Config dan layer-nya sama persis (ID image dan diff_id tidak berubah); "
        "manifest-nya dibuat di sini, karena format lama itu tidak menyimpan manifest.",
        "{archive} is in the docker-archive format only, without an OCI layout: Docker Engine "
        "before version 25 writes `docker save` that way. dockerlab read it and wrote it again "
        "with an OCI layout. Its config and layers are exactly the same (the image ID and "
        "diff_ids do not change); the manifest is made here, because that old format keeps none.",
    ),
    "course.host_ran": (
        "Kernel mesin ini menjalankan {program} langsung (tanpa kontainer): {output}",
        "This machine's kernel ran {program} directly (no container): {output}",
    ),
    "course.host_refused": (
        "Kernel mesin ini ({host}) menolak menjalankan {program} dari image {platform}: {error}",
        "This machine's kernel ({host}) refuses to run {program} from the {platform} image: {error}",
    ),
    "course.no_file": ("Image tidak berisi {program}.", "The image holds no {program}."),
    "course.host_emulated": (
        "Program {program} dari image {platform} berjalan di mesin ini ({host}) lewat emulator "
        "(binfmt_misc meneruskannya ke QEMU), bukan langsung oleh CPU-nya: {output}",
        "The program {program} from the {platform} image ran on this machine ({host}) through an "
        "emulator (binfmt_misc hands it to QEMU), not directly on its CPU: {output}",
    ),
    # course/tampering.py
    "course.tampered": (
        "Satu byte diubah di salinan blob {digest} (byte ke-{offset}: {old} → {new}). Nama berkas "
        "salinan itu tetap digest lama; blob aslinya di penyimpanan tidak berubah.",
        "One byte changed in a copy of blob {digest} (byte {offset}: {old} → {new}). The copy's "
        "file name is still the old digest; the original blob in the store is unchanged.",
    ),
    "course.restored": ("Salinan blob {digest} dikembalikan seperti semula.",
                        "The copy of blob {digest} is restored."),
    "course.tamper_text_missing": (
        "Teks {find!r} tidak ada di layer {layer} image {image} (blob {digest}), jadi tidak ada "
        "byte yang diubah. Pilih teks yang ada di berkas layer itu, atau pakai offset=…",
        "The text {find!r} is not in layer {layer} of image {image} (blob {digest}), so no byte "
        "was changed. Choose text that is in that layer's files, or use offset=…",
    ),
    "course.tamper_no_layer": (
        "Image {image} punya {count} layer, jadi tidak ada layer={layer}. Pakai 0 untuk layer "
        "pertama (paling bawah) sampai {last} untuk yang teratas, atau -1 untuk yang teratas.",
        "Image {image} has {count} layers, so there is no layer={layer}. Use 0 for the first "
        "(bottom) layer up to {last} for the top one, or -1 for the top one.",
    ),
    "course.tamper_bad_offset": (
        "offset={offset} ada di luar blob {digest} (layer {layer} image {image}), yang panjangnya "
        "{size:,} byte. Pakai angka dari 0 sampai {last}, atau find='…' untuk mencari teks.",
        "offset={offset} is outside blob {digest} (layer {layer} of image {image}), which is "
        "{size:,} bytes long. Use a number from 0 to {last}, or find='…' to look for text.",
    ),
    # course/workspace.py
    "course.outside": (
        "Path {path!r} keluar dari folder kerja pelajaran. Pakai path relatif seperti 'contoh/my-app/Dockerfile'.",
        "Path {path!r} leaves the lesson's working folder. Use a relative path like 'contoh/my-app/Dockerfile'.",
    ),
    "course.not_found": (
        "Berkas {path!r} tidak ada di folder kerja. Lihat isi foldernya dengan course.files({folder!r}).",
        "File {path!r} is not in the working folder. List the folder with course.files({folder!r}).",
    ),
    "course.text_missing": (
        "Teks {old!r} tidak ditemukan di {path}, dan teks penggantinya {new!r} juga tidak ada, "
        "jadi tidak ada yang diubah. Lihat isi berkasnya dengan course.show({path!r}).",
        "Neither the text {old!r} nor its replacement {new!r} is in {path}, so nothing was "
        "changed. Look at the file with course.show({path!r}).",
    ),
    "course.changed": ("Diubah: {path}", "Changed: {path}"),
    "course.already_changed": (
        "sudah diubah sebelumnya ({old!r} → {new!r}) — tidak ada yang diubah lagi",
        "already changed before ({old!r} → {new!r}) — nothing changed again",
    ),
    "course.copied": ("disalin dari {src}", "copied from {src}"),
    "course.copied_again": (
        "disalin ulang dari {src}; yang sebelumnya ada di {dst} diganti",
        "copied again from {src}; what was at {dst} before was replaced",
    ),
    "course.copy_onto_example": (
        "{dst} adalah bagian dari contoh bawaan pelajaran ini (disalin oleh course.start), jadi "
        "tidak ditimpa dengan salinan {src}. Pilih tujuan lain, misalnya {suggestion!r}.",
        "{dst} is part of this lesson's own examples (copied by course.start), so it is not "
        "overwritten with a copy of {src}. Choose another destination, e.g. {suggestion!r}.",
    ),
    "course.copy_into_itself": (
        "{dst} ada di dalam {src}; salinan tidak bisa diletakkan di dalam folder asalnya. Pilih "
        "tujuan di luarnya, misalnya {suggestion!r}.",
        "{dst} is inside {src}; a copy cannot be put inside the folder it copies. Choose a "
        "destination outside it, e.g. {suggestion!r}.",
    ),
    "course.tool_missing": (
        "Program {program} tidak terpasang di sini, jadi langkah ini dilewati. Pasang dengan: "
        "sudo apt-get install {package}",
        "The program {program} is not installed here, so this step is skipped. Install it with: "
        "sudo apt-get install {package}",
    ),
    "course.tool_timeout": (
        "{program} belum selesai setelah {timeout:g} detik, jadi dihentikan. Coba lagi, atau beri "
        "waktu lebih lama: course.tool(..., timeout=120).",
        "{program} had not finished after {timeout:g} seconds, so it was stopped. Try again, or "
        "allow longer: course.tool(..., timeout=120).",
    ),
    "course.tool_failed": ("{program} berhenti dengan kode {code}.", "{program} exited with code {code}."),
    # course/tags.py
    "course.index.note": (
        "{shown} dari {total} entri; setiap tag adalah satu entri: nama di anotasi, digest manifest di \"digest\"",
        "{shown} of {total} entries; each tag is one entry: the name in an annotation, the manifest digest in \"digest\"",
    ),
    # course/transfers.py
    "course.push.head": ("Push ke repository [{repository}]", "The push refers to repository [{repository}]"),
    "course.push.sent": ("diunggah ({size}; di registry {remote} setelah dikompresi gzip)",
                         "pushed ({size}; {remote} in the registry after gzip compression)"),
    "course.push.sent_plain": ("diunggah ({size})", "pushed ({size})"),
    "course.push.skipped": ("sudah ada di registry — tidak dikirim lagi", "already exists in the registry — not sent again"),
    "course.push.mounted": ("sudah ada di repository lain di registry ini — di-mount, tidak dikirim lagi",
                            "already in another repository of this registry — mounted, not sent again"),
    "course.push.done": ("{tag}: digest: {digest}", "{tag}: digest: {digest}"),
    "course.pull.head": ("Pull {ref} ke {where}", "Pulling {ref} into {where}"),
    "course.pull.fetched": ("diunduh ({size})", "pull complete ({size})"),
    "course.pull.present": ("sudah ada — tidak diunduh lagi", "already exists — not downloaded again"),
    "course.pull.done": ("Digest: {digest}", "Digest: {digest}"),
    "course.pull.engine": ("mesin aktif", "the active engine"),
    "course.pull.other": ("komputer lain", "the other computer"),
    "course.other.made": (
        "Komputer lain siap: penyimpanan image baru yang masih kosong ({count} image). Ia hanya bisa "
        "mendapat image lewat registry.",
        "The other computer is ready: a new image store, still empty ({count} images). It can get "
        "images only through the registry.",
    ),
    "course.ids.what": ("identitas", "identity"),
    "course.ids.same": ("sama?", "same?"),
    "course.ids.id": ("ID image (digest config)", "image ID (config digest)"),
    "course.ids.manifest": ("digest manifest", "manifest digest"),
    "course.ids.layer": ("layer {n}: digest", "layer {n}: digest"),
    "course.ids.diff_id": ("layer {n}: diff_id", "layer {n}: diff_id"),
    "course.ids.media": ("layer {n}: jenis", "layer {n}: kind"),
    "course.ids.gzip": ("tar + gzip", "tar + gzip"),
    "course.ids.tar": ("tar tanpa kompresi", "uncompressed tar"),
    "course.ids.yes": ("ya", "yes"),
    "course.ids.no": ("tidak", "no"),
    # course/registries.py
    "course.registry.running": (
        "Registry kursus berjalan di {address} (server `registry` sungguhan, penyimpanannya di folder "
        "pelajaran ini). Nama image untuk registry ini diawali alamatnya, misalnya {example}. "
        "Registry berhenti sendiri saat kernel berhenti atau course.start dijalankan lagi.",
        "The course registry runs at {address} (the real `registry` server, its storage in this "
        "lesson's folder). Image names for this registry start with its address, for example "
        "{example}. It stops by itself when the kernel stops or course.start runs again.",
    ),
    "course.registry.stopped": ("Registry kursus di {address} sudah berhenti.",
                                "The course registry at {address} has stopped."),
    "course.registry.bad_repository": (
        "Nama repository {name!r} tidak sah untuk registry {address}: tulis misalnya 'my-app' atau "
        "'{address}/my-app'.",
        "The repository name {name!r} is not valid for the registry {address}: write for example "
        "'my-app' or '{address}/my-app'.",
    ),
    "course.api.request": ("Permintaan", "Request"),
    "course.api.answer": ("Jawaban", "Answer"),
    "course.api.headers": ("Header penting", "Key headers"),
    "course.api.body": ("Isi (JSON)", "Body (JSON)"),
    "course.api.blob": (
        "Blob {size:,} byte. sha256 dari byte yang diterima: {actual} — {verdict}.",
        "A blob of {size:,} bytes. sha256 of the bytes received: {actual} — {verdict}.",
    ),
    "course.api.blob_ok": ("sama dengan digest yang diminta", "the same as the digest asked for"),
    "course.api.blob_bad": ("TIDAK sama dengan digest yang diminta", "NOT the digest asked for"),
    "course.api.gzip": (
        "Isinya dikompresi gzip. Setelah dibuka: {size:,} byte dengan digest {diff_id} — itulah diff_id layer ini.",
        "Its content is gzip-compressed. Uncompressed: {size:,} bytes with digest {diff_id} — that is this "
        "layer's diff_id.",
    ),
    "course.api.json_blob": ("Isinya JSON (config image):", "Its content is JSON (an image config):"),
    "course.api.too_big": ("Jawaban lebih dari {limit} byte; dipotong.", "The answer is over {limit} bytes; cut."),
    "course.hub.offline": (
        "Docker Hub (registry-1.docker.io) tidak bisa dihubungi dari sini dalam {seconds} detik: komputer "
        "ini tidak tersambung ke internet, atau aksesnya diblokir. Tidak apa-apa: semua sel lain di "
        "notebook ini memakai registry kursus. Di komputer yang tersambung ke internet (misalnya "
        "Binder), sel ini mengunduh {ref} sungguhan dari Docker Hub.",
        "Docker Hub (registry-1.docker.io) cannot be reached from here within {seconds} seconds: this "
        "computer is not connected to the internet, or access is blocked. That is fine: every other "
        "cell in this notebook uses the course registry. On a computer connected to the internet "
        "(Binder, for example), this cell pulls the real {ref} from Docker Hub.",
    ),
    "course.hub.pulled": (
        "Diunduh dari Docker Hub: {ref} → {full}. Digest manifest: {digest}; ID image: {image_id}; "
        "{layers} layer.",
        "Pulled from Docker Hub: {ref} → {full}. Manifest digest: {digest}; image ID: {image_id}; "
        "{layers} layers.",
    ),
    "course.hub.failed": (
        "Docker Hub menjawab, tetapi pull {ref} gagal: {error}",
        "Docker Hub answers, but pulling {ref} failed: {error}",
    ),
    # course/serving.py
    "course.fetch.ok": ("HTTP {status} dari {url}", "HTTP {status} from {url}"),
    "course.fetch.failed": (
        "Halaman {url} tidak bisa diambil: {error}. Apakah kontainernya masih berjalan "
        "(`kontainer.status`) dan dijalankan dengan ports=8080?",
        "The page {url} could not be fetched: {error}. Is the container still running "
        "(`container.status`) and was it run with ports=8080?",
    ),
    "course.fetch.bad": (
        "course.fetch perlu kontainer yang berjalan dengan ports=… atau alamat http://…; yang diberikan: {value!r}.",
        "course.fetch needs a container run with ports=… or an http://… address; given: {value!r}.",
    ),
    "course.where.local": (
        "Mesin bawaan: kontainer memakai jaringan komputer ini, jadi dockerlab memilih port yang "
        "bebas dan memberikannya lewat variabel PORT (CMD image mendengarkan di ${{PORT}}); port "
        "{port} kontainer = 127.0.0.1:{host}.",
        "Embedded engine: the container uses this computer's network, so dockerlab picked a free "
        "port and gave it in the PORT variable (the image's CMD listens on ${{PORT}}); container "
        "port {port} = 127.0.0.1:{host}.",
    ),
    "course.where.docker": (
        "{engine}: kontainer punya jaringan sendiri; port {port}-nya diteruskan (publish, `-p`) ke "
        "127.0.0.1:{host} di komputer ini.",
        "{engine}: the container has a network of its own; its port {port} is published (`-p`) "
        "on 127.0.0.1:{host} of this computer.",
    ),
    "course.registry.ready": (
        "Registry kursus berjalan di {address}. Nama image untuk registry ini diawali alamatnya, "
        "misalnya {example}. Registry berhenti sendiri saat kernel berhenti atau course.start dijalankan lagi.",
        "The course registry runs at {address}. Image names for it start with its address, for "
        "example {example}. It stops by itself when the kernel stops or course.start runs again.",
    ),
    "course.clean.done": (
        "Dihentikan dan dihapus ({count} kontainer): {names}. Tidak ada lagi kontainer dari pelajaran "
        "ini yang berjalan.",
        "Stopped and removed ({count} containers): {names}. No container of this lesson is running any more.",
    ),
    "course.clean.nothing": (
        "Tidak ada kontainer dari pelajaran ini yang masih berjalan.",
        "No container of this lesson is still running.",
    ),
    # course/bases.py
    "course.bases.ref": ("image", "image"),
    "course.bases.size": ("ukuran terkompresi (pull)", "compressed size (pull)"),
    "course.bases.based_on": ("dibangun di atas", "built on"),
    "course.bases.contents": ("isi", "contents"),
    "course.bases.note": (
        "Docker Hub tidak menjawab dalam {seconds} detik (komputer ini tidak tersambung ke internet, atau aksesnya diblokir), jadi ini angka yang "
        "tersimpan: {source}, dicatat {recorded} dan dibulatkan; ukuran sebuah tag berubah sedikit setiap kali "
        "dibangun ulang. Di komputer yang tersambung ke internet (misalnya Binder), sel ini mengukurnya sendiri "
        "dari manifest di Docker Hub. Ini byte yang diunduh `docker pull` (layer terkompresi), bukan ukuran di "
        "disk setelah dibongkar. Untuk perbandingan: image dasar kursus ini {ours} (tidak dikompresi).",
        "Docker Hub did not answer within {seconds} seconds (this computer has no internet, or access is blocked), so these are stored figures: "
        "{source}, recorded {recorded} and rounded; a tag's size moves a little each time it is rebuilt. On a "
        "computer with internet (Binder, for example), this cell measures them itself from the manifests on "
        "Docker Hub. These are the bytes `docker pull` downloads (compressed layers), not the size on disk "
        "once unpacked. For comparison: this course's base image is {ours} (uncompressed).",
    ),
    "course.bases.measured": (
        "Diukur sekarang ({date}) dari {registry}: untuk setiap tag, manifest linux/amd64 dibaca (tanpa "
        "mengunduh layer) dan ukuran layer terkompresinya dijumlahkan. Ini byte yang diunduh `docker pull`, "
        "bukan ukuran di disk setelah dibongkar. Untuk perbandingan: image dasar kursus ini {ours} (tidak "
        "dikompresi).",
        "Measured now ({date}) from {registry}: for each tag the linux/amd64 manifest is read (no layer is "
        "downloaded) and its compressed layer sizes are added up. These are the bytes `docker pull` "
        "downloads, not the size on disk once unpacked. For comparison: this course's base image is {ours} "
        "(uncompressed).",
    ),
    "course.bases.partly": (
        "Diukur sekarang ({date}) dari {registry}: {count} dari {total} tag (manifest linux/amd64, ukuran "
        "layer terkompresinya dijumlahkan). Yang bertanda ≈ adalah angka tersimpan (dicatat {recorded}, "
        "dibulatkan), karena: {problem} Ini byte yang diunduh `docker pull`, bukan ukuran di disk setelah "
        "dibongkar. Untuk perbandingan: image dasar kursus ini {ours} (tidak dikompresi).",
        "Measured now ({date}) from {registry}: {count} of {total} tags (the linux/amd64 manifest, its "
        "compressed layer sizes added up). Those marked ≈ are stored figures (recorded {recorded}, rounded), "
        "because: {problem} These are the bytes `docker pull` downloads, not the size on disk once "
        "unpacked. For comparison: this course's base image is {ours} (uncompressed).",
    ),
    "course.bases.too_slow": ("jawabannya tidak lengkap dalam {seconds} detik.",
                              "the answers were not complete within {seconds} seconds."),
    "course.bases.source": ("perkiraan dari halaman tag Docker Hub, platform linux/amd64",
                            "estimates from Docker Hub's tag pages, platform linux/amd64"),
    "course.base.summary": (
        "{name}: {layers} layer, {size}, {files} entri.",
        "{name}: {layers} layer(s), {size}, {files} entries.",
    ),
    "course.base.dir": ("{path}: {count} entri: {sample}", "{path}: {count} entries: {sample}"),
    "course.base.links": ("{count} tautan (symlink) ke busybox, misalnya {sample}",
                          "{count} links (symlinks) to busybox, for example {sample}"),
    "course.share.image": ("image", "image"),
    "course.share.layers": ("layer", "layers"),
    "course.share.size": ("ukuran", "size"),
    "course.share.shared": ("dipakai bersama", "shared"),
    "course.share.unique": ("milik sendiri", "unique"),
    "course.share.separate": ("Dihitung terpisah (jumlah kolom ukuran): {size}",
                              "Counted separately (sum of the size column): {size}"),
    "course.share.disk": ("Di disk (setiap layer disimpan sekali): {size} — hemat {saved}",
                          "On disk (each layer stored once): {size} — {saved} saved"),
    "course.share.layer_label": ("layer {short}\\n{size}", "layer {short}\\n{size}"),
    "course.share.shared_by": ("dipakai {count} image", "used by {count} images"),
    "course.stale.image": ("image", "image"),
    "course.stale.base": ("base di dalamnya", "base inside it"),
    "course.stale.verdict": ("perlu build ulang?", "rebuild needed?"),
    "course.stale.current": ("versi terbaru {id}", "the current one {id}"),
    "course.stale.old": ("versi lama", "an old one"),
    "course.stale.none": ("tidak memakai base ini", "does not use this base"),
    "course.stale.yes": ("ya", "yes"),
    "course.stale.no": ("tidak", "no"),
    "course.cmp.what": ("yang dibandingkan", "compared"),
    "course.cmp.layers": ("jumlah layer", "layers"),
    "course.cmp.size": ("ukuran image", "image size"),
    "course.cmp.files": ("entri di sistem berkas", "filesystem entries"),
    "course.cmp.score": ("skor efisiensi", "efficiency score"),
    "course.cmp.wasted": ("ruang terbuang (ukuran dive)", "wasted space (dive's measure)"),
    "course.cmp.removed": ("dihapus, tetapi tetap tersimpan", "deleted, yet still stored"),
}
