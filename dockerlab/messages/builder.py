"""The messages of ``dockerlab.builder`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # builder/builder.py
    "build.from.not_found": (
        "Dockerfile baris {line}: base image {ref!r} tidak ada di penyimpanan lokal dan mesin bawaan "
        "tidak bisa mengunduh dari internet. Buat image dasar kursus dengan "
        "`dockerlab.base_image()` lalu tulis `FROM dockerlab.local/busybox`, atau muat image "
        "dengan `dockerlab.load('image.tar')`.",
        "Dockerfile line {line}: base image {ref!r} is not in the local store and the embedded "
        "engine cannot download it. Build the course base image with `dockerlab.base_image()` and "
        "write `FROM dockerlab.local/busybox`, or load an image with `dockerlab.load('image.tar')`.",
    ),
    "build.from.not_found_local": (
        "Dockerfile baris {line}: base image {ref!r} tidak ada di penyimpanan lokal dan mesin bawaan "
        "tidak bisa mengunduh dari internet. Pakai image dasar kursus: tulis "
        "`FROM dockerlab.local/busybox`, atau muat image dengan `dockerlab.load('image.tar')`.",
        "Dockerfile line {line}: base image {ref!r} is not in the local store and the embedded "
        "engine cannot download it. Use the course base image: write `FROM dockerlab.local/busybox`, "
        "or load an image with `dockerlab.load('image.tar')`.",
    ),
    "build.from.did_you_mean": (
        "Dockerfile baris {line}: image {ref!r} tidak ada — maksud Anda `{suggestion}`? Image dasar "
        "kursus bernama {base}.",
        "Dockerfile line {line}: image {ref!r} does not exist — did you mean `{suggestion}`? The "
        "course base image is called {base}.",
    ),
    "build.from.did_you_mean_build": (
        "Dockerfile baris {line}: image {ref!r} tidak ada — maksud Anda `{suggestion}`? Image dasar "
        "kursus bernama {base}; di sini image itu juga belum ada: buat dengan "
        "`dockerlab.base_image()`.",
        "Dockerfile line {line}: image {ref!r} does not exist — did you mean `{suggestion}`? The "
        "course base image is called {base}; it is missing here too: build it with "
        "`dockerlab.base_image()`.",
    ),
    "build.from.platform": (
        "Dockerfile baris {line}: image {ref} untuk {actual}, tetapi diminta {wanted}.",
        "Dockerfile line {line}: image {ref} is for {actual}, but {wanted} was asked for.",
    ),
    "build.target.unknown": (
        "Target build {target!r} tidak ada di Dockerfile. Tahap yang ada: {names}.",
        "Build target {target!r} is not in the Dockerfile. Stages: {names}.",
    ),
    "build.arg.unused": (
        "[Peringatan] build-arg berikut tidak dipakai (tidak ada ARG bernama itu): {names}",
        "[Warning] One or more build-args were not consumed (no ARG with that name): {names}",
    ),
    "build.copy.from_current": (
        "Dockerfile baris {line}: {keyword} --from={name} menunjuk tahap yang sedang dibangun "
        "(tahap {index}), dan isinya belum jadi. --from hanya bisa memakai tahap sebelumnya: buat "
        "berkas itu di tahap tersendiri (FROM ... AS nama) lalu tulis {keyword} --from=nama, atau "
        "salin di tahap ini dengan RUN cp.",
        "Dockerfile line {line}: {keyword} --from={name} refers to the stage being built (stage "
        "{index}), whose files are not finished. --from can only use an earlier stage: make the "
        "file in a stage of its own (FROM ... AS name) and write {keyword} --from=name, or copy it "
        "within this stage with RUN cp.",
    ),
    "build.copy.from_later": (
        "Dockerfile baris {line}: {keyword} --from={name}: tahap nomor {name} belum dibangun "
        "(tahap dihitung dari 0; yang selesai sebelum baris ini: {count}). Pakai nomor atau nama "
        "tahap sebelumnya.",
        "Dockerfile line {line}: {keyword} --from={name}: stage {name} is not built yet (stages "
        "count from 0; finished before this line: {count}). Use the number or name of an "
        "earlier stage.",
    ),
    "build.dockerfile.not_regular": (
        "Dockerfile {path} bukan berkas biasa ({kind}), jadi tidak dibaca. Tulis Dockerfile sebagai "
        "berkas teks biasa di folder konteks.",
        "The Dockerfile {path} is not a regular file ({kind}), so it is not read. Write the "
        "Dockerfile as an ordinary text file in the context folder.",
    ),
    "build.arg.bad": (
        "Dockerfile baris {line}: ARG tidak valid: {text!r}. Tulis ARG NAMA atau ARG NAMA=nilai.",
        "Dockerfile line {line}: invalid ARG: {text!r}. Write ARG NAME or ARG NAME=value.",
    ),
    # builder/context.py
    "build.context.missing": (
        "Folder konteks build tidak ditemukan: {path}. Beri jalur folder yang berisi Dockerfile.",
        "Build context directory not found: {path}. Pass the directory that holds the Dockerfile.",
    ),
    "build.context.outside": (
        "Dockerfile baris {line}: {source!r} berada di luar konteks build {context}. {keyword} hanya "
        "bisa menyalin file di dalam folder konteks; pindahkan filenya ke sana.",
        "Dockerfile line {line}: {source!r} is outside the build context {context}. {keyword} can "
        "only copy files inside the context directory; move the file there.",
    ),
    "build.context.special": (
        "Dockerfile baris {line}: {keyword} {source!r} bukan berkas biasa, folder, atau symlink, "
        "melainkan {kind} (misalnya FIFO atau device). Isinya tidak bisa disalin (Docker sendiri "
        "menunggu selamanya di sini). Salin berkas biasa, atau folder yang berisinya.",
        "Dockerfile line {line}: {keyword} {source!r} is not a regular file, folder or symlink but "
        "{kind} (a FIFO or a device, for example). Its content cannot be copied (Docker itself waits "
        "forever here). Copy a regular file, or the folder holding it.",
    ),
    "build.context.not_found": (
        "Dockerfile baris {line}: {keyword} tidak menemukan {source!r} di konteks build {context}. "
        "Periksa nama filenya (dan .dockerignore: file yang diabaikan tidak terlihat oleh build).",
        "Dockerfile line {line}: {keyword} cannot find {source!r} in the build context {context}. "
        "Check the file name (and .dockerignore: ignored files are invisible to the build).",
    ),
    # builder/copy.py
    "build.copy.multi_dest": (
        "Dockerfile baris {line}: {keyword} dengan lebih dari satu sumber butuh tujuan berupa folder "
        "yang diakhiri '/'. Tulis misalnya: {keyword} a.txt b.txt {dest}/",
        "Dockerfile line {line}: {keyword} with more than one source needs a directory destination "
        "ending in '/'. Write e.g.: {keyword} a.txt b.txt {dest}/",
    ),
    "build.copy.bad_chmod": (
        "Dockerfile baris {line}: --chmod={value} bukan mode oktal. Tulis misalnya --chmod=755.",
        "Dockerfile line {line}: --chmod={value} is not an octal mode. Write e.g. --chmod=755.",
    ),
    "build.copy.bad_chown": (
        "Dockerfile baris {line}: --chown={value} tidak bisa dipakai: {detail}. Tulis misalnya "
        "--chown=1000:1000 atau nama user yang ada di /etc/passwd image.",
        "Dockerfile line {line}: cannot use --chown={value}: {detail}. Write e.g. --chown=1000:1000 "
        "or a user name that exists in the image's /etc/passwd.",
    ),
    "build.copy.no_args": (
        "Dockerfile baris {line}: {keyword} butuh sumber dan tujuan, misalnya {keyword} app.py /app/",
        "Dockerfile line {line}: {keyword} needs a source and a destination, e.g. {keyword} "
        "app.py /app/",
    ),
    "build.add.bad_archive": (
        "Dockerfile baris {line}: arsip ADD ini tidak bisa dipakai: {detail}",
        "Dockerfile line {line}: this ADD archive cannot be used: {detail}",
    ),
    "build.copy.offline": (
        "Dockerfile baris {line}: ADD tidak bisa mengunduh {url} ({error}). Mesin ini sepertinya "
        "offline. Unduh filenya dulu ke folder konteks build lalu pakai COPY.",
        "Dockerfile line {line}: ADD cannot download {url} ({error}). This machine seems to be "
        "offline. Download the file into the build context first and use COPY.",
    ),
    # builder/dockerfile.py
    "build.dockerfile.missing": (
        "Dockerfile tidak ditemukan: {path}. Buat file bernama Dockerfile di folder konteks build "
        "atau beri jalurnya dengan dockerfile=...",
        "Dockerfile not found: {path}. Create a file named Dockerfile in the build context or "
        "pass its path with dockerfile=...",
    ),
    "build.dockerfile.empty": (
        "Dockerfile {path} kosong (tidak ada instruksi). Tulis minimal satu baris FROM.",
        "Dockerfile {path} is empty (no instructions). Write at least a FROM line.",
    ),
    "build.dockerfile.unknown": (
        "Dockerfile baris {line}: instruksi tidak dikenal {name!r}. Instruksi yang ada: {known}.",
        "Dockerfile line {line}: unknown instruction {name!r}. Known instructions: {known}.",
    ),
    "build.dockerfile.unknown_close": (
        "Dockerfile baris {line}: instruksi tidak dikenal {name!r} — maksud Anda {match}?",
        "Dockerfile line {line}: unknown instruction {name!r} — did you mean {match}?",
    ),
    "build.dockerfile.unknown_continued": (
        "Dockerfile baris {line}: instruksi tidak dikenal {name!r}. Baris {line} sepertinya lanjutan "
        "perintah {keyword} di baris {previous}: akhiri baris {previous} dengan `{escape}`.",
        "Dockerfile line {line}: unknown instruction {name!r}. Line {line} looks like the rest of the "
        "{keyword} command on line {previous}: end line {previous} with `{escape}`.",
    ),
    "build.dockerfile.json_strings": (
        "Dockerfile baris {line}: array JSON {name} hanya boleh berisi teks dalam tanda kutip ganda: "
        '{text}. Tulis seperti ["sh", "-c", "echo hai"].',
        "Dockerfile line {line}: the JSON array of {name} may hold only double-quoted strings: "
        '{text}. Write it like ["sh", "-c", "echo hi"].',
    ),
    "build.dockerfile.no_args": (
        "Dockerfile baris {line}: {name} membutuhkan argumen. Contoh: {example}",
        "Dockerfile line {line}: {name} needs arguments. Example: {example}",
    ),
    "build.dockerfile.needs_json": (
        "Dockerfile baris {line}: {name} harus ditulis dalam bentuk array JSON, misalnya "
        '{name} ["/bin/sh", "-c"].',
        'Dockerfile line {line}: {name} must be written as a JSON array, e.g. {name} ["/bin/sh", "-c"].',
    ),
    "build.dockerfile.bad_flag": (
        "Dockerfile baris {line}: opsi {flag!r} tidak dikenal untuk {name}. Opsi yang boleh: "
        "{allowed}.",
        "Dockerfile line {line}: unknown flag {flag!r} for {name}. Allowed flags: {allowed}.",
    ),
    "build.dockerfile.heredoc": (
        "Dockerfile baris {line}: heredoc (<<EOF) hanya didukung BuildKit, bukan builder klasik "
        "yang ditiru di sini. Tulis perintahnya dalam satu RUN dengan && atau salin file dengan COPY.",
        "Dockerfile line {line}: heredocs (<<EOF) are BuildKit-only, not supported by the classic "
        "builder reproduced here. Write the commands in one RUN joined with && or COPY a file.",
    ),
    "build.dockerfile.buildkit_flag": (
        "Dockerfile baris {line}: opsi {flag!r} pada {name} adalah fitur BuildKit yang belum "
        "dibuat di dockerlab (builder klasik Docker lama juga tidak mengenalnya). Hapus opsi "
        "itu, atau build dengan Docker Engine yang memakai BuildKit.",
        "Dockerfile line {line}: the {flag!r} option of {name} is a BuildKit feature dockerlab "
        "does not implement (the old classic Docker builder does not know it either). Remove the "
        "option, or build with a Docker Engine that uses BuildKit.",
    ),
    "build.dockerfile.no_from": (
        "Dockerfile baris {line}: {name} sebelum FROM. Hanya ARG yang boleh sebelum FROM pertama.",
        "Dockerfile line {line}: {name} before FROM. Only ARG may come before the first FROM.",
    ),
    "build.from.bad": (
        "Dockerfile baris {line}: FROM tidak valid: {text!r}. Tulis FROM image[:tag] [AS nama].",
        "Dockerfile line {line}: invalid FROM: {text!r}. Write FROM image[:tag] [AS name].",
    ),
    "build.dockerfile.bad_syntax": (
        "Dockerfile baris {line}: {name} tidak bisa dibaca: {detail}",
        "Dockerfile line {line}: cannot read {name}: {detail}",
    ),
    # builder/dockerignore.py
    "build.ignore.bad_pattern": (
        "Pola .dockerignore tidak valid {pattern!r} (baris {line}). Periksa tanda [ ] dan \\.",
        "Invalid .dockerignore pattern {pattern!r} (line {line}). Check [ ] brackets and \\.",
    ),
    # builder/lexer.py
    "build.lex.unterminated": (
        "Tanda kutip {quote} tidak ditutup dalam {word!r}. Tutup tanda kutipnya.",
        "Unterminated {quote} quote in {word!r}. Close the quote.",
    ),
    "build.lex.bad_substitution": (
        "Substitusi variabel tidak valid dalam {word!r}. Tulis ${{NAMA}} atau ${{NAMA:-nilai}}.",
        "Bad variable substitution in {word!r}. Write ${{NAME}} or ${{NAME:-value}}.",
    ),
    "build.lex.required": (
        "Variabel {name} wajib diisi: {message}",
        "Variable {name} is required: {message}",
    ),
    # builder/metadata.py
    "build.meta.lex": (
        "Dockerfile baris {line}: {detail}",
        "Dockerfile line {line}: {detail}",
    ),
    "build.meta.name_value": (
        "Dockerfile baris {line}: {name} butuh pasangan NAMA=nilai, tetapi {word!r} tidak punya '='. "
        "Contoh: {name} VERSI=1.0",
        "Dockerfile line {line}: {name} needs NAME=value pairs, but {word!r} has no '='. "
        "Example: {name} VERSION=1.0",
    ),
    "build.meta.bad_port": (
        "Dockerfile baris {line}: port {port!r} tidak valid. Tulis misalnya EXPOSE 80 atau "
        "EXPOSE 53/udp.",
        "Dockerfile line {line}: invalid port {port!r}. Write e.g. EXPOSE 80 or EXPOSE 53/udp.",
    ),
    "build.meta.bad_signal": (
        "Dockerfile baris {line}: sinyal {signal!r} tidak dikenal. Tulis misalnya STOPSIGNAL SIGTERM.",
        "Dockerfile line {line}: unknown signal {signal!r}. Write e.g. STOPSIGNAL SIGTERM.",
    ),
    "build.meta.bad_healthcheck": (
        "Dockerfile baris {line}: HEALTHCHECK tidak valid ({detail}). Tulis misalnya "
        "HEALTHCHECK --interval=30s CMD wget -q -O- http://localhost/ atau HEALTHCHECK NONE.",
        "Dockerfile line {line}: invalid HEALTHCHECK ({detail}). Write e.g. "
        "HEALTHCHECK --interval=30s CMD wget -q -O- http://localhost/ or HEALTHCHECK NONE.",
    ),
    "build.meta.bad_onbuild": (
        "Dockerfile baris {line}: ONBUILD {name} tidak diizinkan.",
        "Dockerfile line {line}: ONBUILD {name} is not allowed.",
    ),
    # builder/result.py
    "build.progress.step": ("Langkah {step}/{total} : {text}", "Step {step}/{total} : {text}"),
    # One cache vocabulary everywhere (log, tables, history, diagrams): "dari cache" / "from
    # cache" for a reused step, "dijalankan" / "executed" for a step that ran.
    "build.progress.cached": (" ---> dari cache", " ---> from cache"),
    "build.progress.running": (" ---> Menjalankan …", " ---> Running …"),
    # No size here: the layer blob's size (tar blocks) is not what `docker history` shows.
    "build.progress.layer": (" ---> dijalankan: layer {digest}", " ---> executed: layer {digest}"),
    "build.progress.no_layer": (" ---> tanpa layer (hanya metadata)", " ---> no layer (metadata only)"),
    "build.progress.done": ("Berhasil dibangun {id}", "Successfully built {id}"),
    "build.progress.tagged": ("Berhasil diberi tag {tag}", "Successfully tagged {tag}"),
    "build.progress.error": ("GAGAL: {text}", "FAILED: {text}"),
    "build.table.step": ("Langkah", "Step"),
    "build.table.instruction": ("Instruksi", "Instruction"),
    "build.table.line": ("Baris", "Line"),
    "build.table.cache": ("Cache", "Cache"),
    "build.table.layer": ("Layer", "Layer"),
    "build.table.time": ("Waktu", "Time"),
    "build.table.cached": ("dari cache", "from cache"),
    "build.table.built": ("dijalankan", "executed"),
    "build.table.none": ("(tanpa layer)", "(no layer)"),
    "build.table.summary": (
        "Image {id} — {count} langkah, {cached} dari cache, {layers} layer baru",
        "Image {id} — {count} steps, {cached} from cache, {layers} new layers",
    ),
    # builder/steps.py
    "build.run.failed": (
        "Dockerfile baris {line}: perintah RUN gagal dengan kode keluar {code}: {command}\n"
        "Output terakhir:\n{tail}\nPerbaiki perintahnya lalu build lagi; langkah yang sudah berhasil "
        "diambil dari cache.",
        "Dockerfile line {line}: the RUN command failed with exit code {code}: {command}\n"
        "Last output:\n{tail}\nFix the command and build again; the steps that succeeded come from "
        "the cache.",
    ),
    "build.run.no_executor": (
        "Dockerfile baris {line}: RUN perlu menjalankan perintah di dalam image, tetapi di sini "
        "tidak bisa: {reason} Pasang proot (`sudo apt-get install proot` atau `conda install -c "
        "conda-forge proot`) atau jalankan sebagai root. Dockerfile tanpa RUN (hanya COPY dll.) "
        "tetap bisa dibangun.",
        "Dockerfile line {line}: RUN needs to run a command inside the image, which is not "
        "possible here: {reason} Install proot (`sudo apt-get install proot` or `conda install -c "
        "conda-forge proot`) or run as root. A Dockerfile without RUN (only COPY etc.) still builds.",
    ),
    "build.run.owner_lost": (
        "[Catatan] Dockerfile baris {line}: RUN ini memanggil chown/chgrp, tetapi di sini RUN "
        "berjalan lewat proot tanpa root, dan proot hanya berpura-pura mengganti pemilik berkas. "
        "Di layer ini berkas baru tercatat milik {uid}:{gid} (user RUN) dan berkas lama tetap "
        "milik pemilik sebelumnya: hasil chown tidak ikut. Untuk berkas dari konteks pakai "
        "COPY --chown=...; bila pemilik penting, build dengan Docker Engine atau sebagai root.",
        "[Note] Dockerfile line {line}: this RUN calls chown/chgrp, but here RUN runs under proot "
        "without root, and proot only pretends to change file owners. In this layer new files are "
        "owned by {uid}:{gid} (the RUN user) and existing files keep their previous owner: the "
        "chown is lost. For files from the context use COPY --chown=...; if owners matter, build "
        "with the Docker Engine or as root.",
    ),
    "build.run.cannot_start": (
        "Dockerfile baris {line}: RUN tidak bisa dimulai: {detail}",
        "Dockerfile line {line}: RUN cannot start: {detail}",
    ),
    # Dockerfile front end, lexer and the command line (issue 17)
    "build.copy.no_sources": (
        "Dockerfile baris {line}: {keyword} tidak menemukan satu pun file untuk {sources} di "
        "konteks build (pola yang tidak cocok dengan apa pun, atau file yang diabaikan "
        ".dockerignore). Periksa nama dan polanya.",
        "Dockerfile line {line}: {keyword} finds no file at all for {sources} in the build "
        "context (patterns that match nothing, or files .dockerignore leaves out). Check the "
        "names and patterns.",
    ),
    "build.dockerfile.flag_value": (
        "Dockerfile baris {line}: opsi --{flag} pada {name} butuh nilai, misalnya --{flag}=...",
        "Dockerfile line {line}: the --{flag} flag of {name} needs a value, e.g. --{flag}=...",
    ),
    "build.dockerfile.flag_bool": (
        "Dockerfile baris {line}: opsi --{flag} pada {name} hanya menerima true atau false, "
        "bukan {value!r}.",
        "Dockerfile line {line}: the --{flag} flag of {name} takes only true or false, not {value!r}.",
    ),
    "build.dockerfile.flag_twice": (
        "Dockerfile baris {line}: opsi --{flag} ditulis dua kali pada {name}. Tulis sekali saja.",
        "Dockerfile line {line}: the --{flag} flag is given twice on {name}. Give it once.",
    ),
    "build.from.bad_name": (
        "Dockerfile baris {line}: nama tahap {name!r} tidak valid: harus diawali huruf dan hanya "
        "berisi huruf kecil, angka, '-', '_' atau '.'. Contoh: FROM busybox AS pembangun",
        "Dockerfile line {line}: invalid stage name {name!r}: it must start with a letter and "
        "hold only letters, digits, '-', '_' or '.'. Example: FROM busybox AS builder",
    ),
    "build.dockerfile.line_too_long": (
        "Dockerfile baris {line}: baris ini {size:,} byte, lebih dari batas Docker 65.535 byte. "
        "Pecah dengan `{escape}` di akhir baris, atau pindahkan isinya ke file yang di-COPY.",
        "Dockerfile line {line}: this line is {size:,} bytes, more than Docker's limit of 65,535 "
        "bytes. Split it with `{escape}` at the end of a line, or move its content into a COPYed "
        "file.",
    ),
    "build.dockerfile.directive_twice": (
        "Dockerfile baris {line}: direktif parser `# {name}=` hanya boleh ditulis sekali.",
        "Dockerfile line {line}: the parser directive `# {name}=` may be given only once.",
    ),
    "build.dockerfile.bad_escape": (
        "Dockerfile baris {line}: `# escape={value}` tidak valid: karakter escape hanya boleh \\ "
        "atau `.",
        "Dockerfile line {line}: `# escape={value}` is invalid: the escape character must be \\ or `.",
    ),
    "build.dockerfile.heredoc_open": (
        "Dockerfile baris {line}: heredoc <<{name} tidak pernah ditutup: tulis baris berisi "
        "{name} saja setelah isinya (heredoc adalah fitur BuildKit; builder klasik Docker lama "
        "tidak mengenalnya).",
        "Dockerfile line {line}: the heredoc <<{name} is never closed: write a line holding only "
        "{name} after its content (heredocs are a BuildKit feature; the old classic Docker "
        "builder does not know them).",
    ),
    "build.dockerfile.heredoc_quotes": (
        "Dockerfile baris {line}: tanda kutip pada nama heredoc {word!r} tidak berpasangan.",
        "Dockerfile line {line}: the quotes of the heredoc name {word!r} do not match.",
    ),
    "build.dockerfile.heredoc_dest": (
        "Dockerfile baris {line}: tujuan {name} tidak boleh heredoc. Tulis {name} <<EOF /jalur/file",
        "Dockerfile line {line}: the destination of {name} cannot be a heredoc. Write {name} "
        "<<EOF /path/file",
    ),
    "build.dockerfile.empty_continuation": (
        "[Peringatan] Dockerfile baris {line}: ada baris kosong di tengah lanjutan {name}; baris "
        "itu dilewati (BuildKit memperingatkan hal yang sama dan kelak menolaknya). Hapus baris "
        "kosongnya.",
        "[Warning] Dockerfile line {line}: an empty line inside the continuation of {name} is "
        "skipped (BuildKit warns the same and will refuse it in a future release). Remove the "
        "empty line.",
    ),
    "build.dockerfile.network": (
        "Dockerfile baris {line}: RUN --network={value} tidak dikenal. Yang ada: default, none, "
        "host. (Di dockerlab RUN memang tanpa jaringan, seperti --network=none.)",
        "Dockerfile line {line}: RUN --network={value} is unknown. Known: default, none, host. "
        "(In dockerlab RUN has no network anyway, like --network=none.)",
    ),
    "build.dockerfile.network_host": (
        "Dockerfile baris {line}: RUN --network=host butuh izin khusus (BuildKit: --allow "
        "network.host) dan tidak ada di dockerlab: RUN di sini tidak punya jaringan. Hapus "
        "opsinya.",
        "Dockerfile line {line}: RUN --network=host needs a special entitlement (BuildKit: "
        "--allow network.host) and does not exist in dockerlab: RUN here has no network. Remove "
        "the option.",
    ),
    "build.dockerfile.legacy_gap": (
        "{error}\nCatatan: Dockerfile ini memakai fitur BuildKit ({feature}) — builder Docker "
        "Engine masa kini, yang juga diikuti mesin bawaan dockerlab — tetapi Docker Engine ini "
        "membangun dengan builder klasiknya, yang tidak mengenal fitur itu. Build dengan mesin "
        "bawaan (engine local) atau dengan Docker Engine yang memakai BuildKit (docker buildx).",
        "{error}\nNote: this Dockerfile uses a BuildKit feature ({feature}) — the builder of "
        "today's Docker Engine, which dockerlab's embedded engine follows too — but this Docker "
        "Engine builds with its classic builder, which does not know it. Build with the embedded "
        "engine (engine local) or with a Docker Engine that uses BuildKit (docker buildx).",
    ),
    "build.dockerfile.onbuild_bad": (
        "Dockerfile baris {line}: ONBUILD {name} tidak diizinkan.",
        "Dockerfile line {line}: ONBUILD {name} is not allowed.",
    ),
    "build.lex.missing_brace": (
        "Kurung kurawal '}}' tidak ditutup dalam {word!r}. Tulis ${{NAMA}} atau ${{NAMA:-nilai}}.",
        "Missing '}}' in {word!r}. Write ${{NAME}} or ${{NAME:-value}}.",
    ),
    "build.lex.missing_slash": (
        "Substitusi ${{NAMA/pola/ganti}} dalam {word!r} tidak punya '/' kedua.",
        "The substitution ${{NAME/pattern/replacement}} in {word!r} has no second '/'.",
    ),
    "build.lex.unsupported": (
        "Pengubah {modifier!r} dalam {word!r} tidak dikenal Docker. Yang dikenal: ${{NAMA:-x}}, "
        "${{NAMA-x}}, ${{NAMA:+x}}, ${{NAMA+x}}, ${{NAMA:?x}}, ${{NAMA?x}}, ${{NAMA#pola}}, "
        "${{NAMA%pola}}, ${{NAMA/pola/ganti}}.",
        "Docker does not know the modifier {modifier!r} in {word!r}. Known: ${{NAME:-x}}, "
        "${{NAME-x}}, ${{NAME:+x}}, ${{NAME+x}}, ${{NAME:?x}}, ${{NAME?x}}, ${{NAME#pattern}}, "
        "${{NAME%pattern}}, ${{NAME/pattern/replacement}}.",
    ),
    "build.lex.bad_pattern": (
        "Pola {pattern!r} dalam {word!r} tidak valid: {detail}. Di pola hanya \\*, \\? dan \\\\ yang "
        "boleh di-escape.",
        "The pattern {pattern!r} in {word!r} is invalid: {detail}. In a pattern only \\*, \\? and "
        "\\\\ may be escaped.",
    ),
    "build.lex.required_unset": (
        "belum diset",
        "is not allowed to be unset",
    ),
    "build.lex.required_empty": (
        "tidak boleh kosong",
        "is not allowed to be empty",
    ),
}
