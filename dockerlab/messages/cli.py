"""The messages of ``dockerlab.cli`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # cli/__init__.py
    "cli.description": (
        "dockerlab: membangun, memeriksa, dan menjalankan image kontainer — dengan atau tanpa Docker.",
        "dockerlab: build, inspect and run container images — with or without Docker.",
    ),
    "cli.engine_help": ("mesin yang dipakai: auto, local, docker, atau podman", "engine to use: auto, local, docker or podman"),
    "cli.lang_help": ("bahasa keluaran: id atau en", "output language: id or en"),
    "cli.error": ("Galat: {message}", "Error: {message}"),
    "cli.system_error": (
        "Galat: {message}\nPeriksa path dan izin berkas yang disebut di atas, lalu coba lagi.",
        "Error: {message}\nCheck the path and permissions of the file named above, then try again.",
    ),
    "cli.command_metavar": ("PERINTAH", "COMMAND"),
    # cli/build.py
    "cli.build.help": ("bangun image dari Dockerfile (docker build)", "build an image from a Dockerfile (docker build)"),
    "cli.build.tag": ("nama:tag image (boleh diulang)", "image name:tag (may repeat)"),
    "cli.build.file": ("jalur Dockerfile (bawaan: PATH/Dockerfile)", "Dockerfile path (default: PATH/Dockerfile)"),
    "cli.build.arg": ("variabel build NAMA=nilai (boleh diulang)", "build variable NAME=value (may repeat)"),
    "cli.build.target": ("tahap yang dibangun pada build multi-tahap", "stage to build in a multi-stage build"),
    "cli.build.no_cache": ("jangan pakai cache build", "do not use the build cache"),
    "cli.build.platform": ("platform target, mis. linux/amd64", "target platform, e.g. linux/amd64"),
    "cli.build.quiet": ("hanya cetak ID image", "print only the image ID"),
    "cli.build.path": ("folder konteks build", "build context directory"),
    "cli.build.bad_arg": (
        "--build-arg {value!r} harus berbentuk NAMA=nilai.",
        "--build-arg {value!r} must look like NAME=value.",
    ),
    "cli.images.help": ("daftar image lokal (docker images)", "list local images (docker images)"),
    "cli.images.all": ("tampilkan semua image (dockerlab tidak menyimpan image perantara)",
                       "show all images (dockerlab keeps no intermediate images)"),
    "cli.images.quiet": ("hanya cetak ID image", "print only image IDs"),
    "cli.images.no_trunc": ("ID image lengkap", "full image IDs"),
    "cli.tag.help": ("beri tag baru pada image (docker tag)", "give an image a new tag (docker tag)"),
    "cli.tag.done": ("{target} sekarang menunjuk ke {id}", "{target} now points at {id}"),
    "cli.rmi.help": ("hapus image (docker rmi)", "remove images (docker rmi)"),
    "cli.rmi.force": ("hapus walau dipakai beberapa tag", "remove even when several tags use it"),
    "cli.rmi.done": ("Dihapus: {item}", "Deleted: {item}"),
    "cli.save.help": ("simpan image ke file tar (docker save)", "save images to a tar file (docker save)"),
    "cli.save.output": (
        "file tar tujuan (bawaan: stdout)",
        "tar file to write (default: stdout)",
    ),
    "cli.save.done": ("Tersimpan di {path}", "Saved to {path}"),
    "cli.load.help": ("muat image dari file tar (docker load)", "load images from a tar file (docker load)"),
    "cli.load.input": (
        "file tar sumber (bawaan: stdin)",
        "tar file to read (default: stdin)",
    ),
    "cli.load.done": ("Dimuat: {name} ({id})", "Loaded: {name} ({id})"),
    # cli/containers.py
    "cli.container.help": (
        "perintah kontainer (docker container …): run, ls, logs, stop, rm, diff, commit",
        "container commands (docker container …): run, ls, logs, stop, rm, diff, commit",
    ),
    "cli.run.help": ("jalankan perintah di kontainer baru (docker run)", "run a command in a new container (docker run)"),
    "cli.run.detach": ("jalankan di latar belakang dan cetak ID kontainer", "run in the background and print the container ID"),
    "cli.run.name": ("nama kontainer", "container name"),
    "cli.run.env": ("variabel lingkungan NAMA=nilai (boleh diulang)", "environment variable NAME=value (may repeat)"),
    "cli.run.workdir": ("folder kerja di dalam kontainer", "working directory inside the container"),
    "cli.run.user": ("user (nama atau UID[:GID])", "user (name or UID[:GID])"),
    "cli.run.rm": ("hapus kontainer setelah selesai", "remove the container when it ends"),
    "cli.run.entrypoint": ("ganti ENTRYPOINT image", "override the image's ENTRYPOINT"),
    "cli.run.image": ("image yang dijalankan", "image to run"),
    "cli.run.command": ("perintah dan argumennya (bawaan: CMD image)", "command and its arguments (default: the image's CMD)"),
    "cli.run.bad_env": ("-e {value!r} harus berbentuk NAMA=nilai atau NAMA.", "-e {value!r} must look like NAME=value or NAME."),
    "cli.run.publish": ("terbitkan port kontainer ke host: [IP:]PORT_HOST:PORT_KONTAINER[/tcp|udp]",
                        "publish a container port to the host: [IP:]HOST_PORT:CONTAINER_PORT[/tcp|udp]"),
    "cli.run.bad_publish": (
        "-p {value!r} tidak dikenal. Tulis seperti docker: 8080:80, 127.0.0.1:8080:80, 80 atau "
        "53:53/udp.",
        "-p {value!r} is not understood. Write it like docker: 8080:80, 127.0.0.1:8080:80, 80 or "
        "53:53/udp.",
    ),
    "cli.run.publish_local": (
        "-p {value}: di mesin bawaan dockerlab kontainer memakai jaringan komputer ini, jadi -p hanya "
        "berlaku untuk satu port TCP bersama -d: dockerlab memilih port yang bebas di 127.0.0.1 dan "
        "memberikannya lewat variabel PORT, yang harus didengarkan image (`dockerlab ps --json` "
        "menyebut port-nya). Untuk -p seperti Docker sepenuhnya, jalankan dengan --engine docker.",
        "-p {value}: containers of dockerlab's embedded engine use this computer's network, so -p only "
        "works for one TCP port together with -d: dockerlab picks a free port on 127.0.0.1 and hands "
        "it in the PORT variable, which the image must listen on (`dockerlab ps --json` names the "
        "port). For -p exactly as Docker does it, run with --engine docker.",
    ),
    "cli.ps.no_trunc": ("jangan potong ID dan perintah", "do not truncate IDs and commands"),
    "cli.ps.ports": ("PORT", "PORTS"),
    "cli.ps.help": ("daftar kontainer (docker ps)", "list containers (docker ps)"),
    "cli.ps.all": ("tampilkan juga kontainer yang sudah berhenti", "also show containers that have ended"),
    "cli.ps.id": ("ID KONTAINER", "CONTAINER ID"),
    "cli.ps.image": ("IMAGE", "IMAGE"),
    "cli.ps.command": ("PERINTAH", "COMMAND"),
    "cli.ps.created": ("DIBUAT", "CREATED"),
    "cli.ps.status": ("STATUS", "STATUS"),
    "cli.ps.name": ("NAMA", "NAMES"),
    "cli.logs.help": ("tampilkan keluaran kontainer (docker logs)", "show a container's output (docker logs)"),
    "cli.stop.help": ("hentikan kontainer (docker stop)", "stop containers (docker stop)"),
    "cli.stop.time": ("detik menunggu sebelum SIGKILL", "seconds to wait before SIGKILL"),
    "cli.rm.help": ("hapus kontainer (docker rm)", "remove containers (docker rm)"),
    "cli.rm.force": ("hentikan dulu bila masih berjalan", "stop it first if it is running"),
    "cli.diff.help": ("perubahan berkas di kontainer (docker diff); dua image: dockerlab compare",
                      "file changes in a container (docker diff); two images: dockerlab compare"),
    "cli.commit.help": ("jadikan kontainer image baru (docker commit)", "make a new image from a container (docker commit)"),
    "cli.commit.message": ("pesan commit", "commit message"),
    "cli.commit.author": ("penulis", "author"),
    "cli.prune.help": (
        "hapus semua kontainer yang sudah berhenti (docker container prune)",
        "remove every container that has ended (docker container prune)",
    ),
    "cli.prune.done": ("Dihapus: {count} kontainer", "Removed: {count} containers"),
    "cli.container": ("nama atau ID kontainer", "container name or ID"),
    "cli.commit.ref": ("nama:tag image baru", "name:tag of the new image"),
    # cli/info.py
    "cli.info.help": ("tampilkan mesin aktif dan alat yang tersedia", "show the active engine and available tools"),
    # cli/inspect.py
    "cli.inspect.history": ("riwayat langkah sebuah image (seperti docker history)",
                            "the steps of an image (like docker history)"),
    "cli.inspect.layers": ("layer sebuah image: digest, diff_id, ukuran", "layers of an image: digest, diff_id, sizes"),
    "cli.inspect.tree": ("pohon file image, atau perubahan satu layer", "file tree of an image, or of one layer's changes"),
    "cli.inspect.compare": ("bandingkan dua image: layer bersama, file (docker tidak punya perintah ini)",
                            "compare two images: shared layers, files (docker has no such verb)"),
    "cli.history.no_trunc": ("jangan potong CREATED BY", "do not truncate CREATED BY"),
    "cli.history.quiet": ("hanya cetak ID image", "print only image IDs"),
    "cli.inspect.efficiency": ("efisiensi image dan ruang terbuang (seperti dive)",
                               "image efficiency and wasted space (like dive)"),
    "cli.inspect.inspect": ("manifest dan config sebagai JSON", "manifest and config as JSON"),
    "cli.inspect.image": ("image (nama:tag, nama@sha256:…, atau ID)", "image (name:tag, name@sha256:… or ID)"),
    "cli.inspect.json": ("keluaran JSON untuk skrip", "JSON output for scripts"),
    "cli.inspect.layer": ("hanya perubahan layer ke-N (0 = dasar)", "only the changes of layer N (0 = base)"),
    "cli.inspect.depth": ("kedalaman pohon yang ditampilkan", "tree depth to show"),
    "cli.inspect.path": ("mulai dari folder ini", "start at this folder"),
    "cli.inspect.measure": ("baca layer terkompresi untuk tahu ukuran aslinya",
                            "read compressed layers to learn their real size"),
    # cli/parser.py
    "cli.usage_prefix": ("cara pakai: ", "usage: "),
    "cli.positionals": ("argumen posisi", "positional arguments"),
    "cli.optionals": ("opsi", "options"),
    "cli.help_help": ("tampilkan bantuan ini lalu keluar", "show this help message and exit"),
    "cli.usage_error": (
        "{prog}: galat: {message}\nLihat `{prog} --help` untuk cara pakainya.",
        "{prog}: error: {message}\nSee `{prog} --help` for how to use it.",
    ),
    "cli.argparse.invalid_choice": (
        "argumen {argument}: pilihan {value} tidak sah (pilih dari {choices})",
        "argument {argument}: invalid choice: {value} (choose from {choices})",
    ),
    "cli.argparse.required": (
        "argumen berikut wajib diisi: {names}",
        "the following arguments are required: {names}",
    ),
    "cli.argparse.unrecognized": (
        "argumen tidak dikenal: {names}",
        "unrecognized arguments: {names}",
    ),
    "cli.argparse.expected_one": (
        "argumen {argument}: perlu satu nilai",
        "argument {argument}: expected one argument",
    ),
    "cli.argparse.invalid_value": (
        "argumen {argument}: nilai {value} tidak sah (harus berjenis {type})",
        "argument {argument}: invalid {type} value: {value}",
    ),
    "cli.argparse.not_allowed": (
        "argumen {argument}: tidak boleh dipakai bersama {other}",
        "argument {argument}: not allowed with argument {other}",
    ),
    "cli.argparse.ambiguous": (
        "opsi {option} ambigu, bisa berarti: {matches}",
        "ambiguous option: {option} could match {matches}",
    ),
    # cli/registry.py
    "cli.push.help": ("kirim image ke registry (docker push)", "send an image to its registry (docker push)"),
    "cli.push.uncompressed": ("kirim layer tanpa kompresi gzip", "send layers without gzip compression"),
    "cli.pull.help": ("ambil image dari registry (docker pull)", "fetch an image from a registry (docker pull)"),
    "cli.pull.platform": ("platform yang diambil dari index, mis. linux/arm64",
                          "platform to take from an index, e.g. linux/arm64"),
    "cli.pull.all": ("ambil index beserta image semua platform", "fetch the index with every platform's image"),
    "cli.pull.done": ("{ref}: digest {digest}, ID image {id}", "{ref}: digest {digest}, image ID {id}"),
    "cli.tags.help": ("daftar tag sebuah repository di registry", "list a repository's tags in its registry"),
    "cli.manifest.help": ("manifest di registry (docker manifest)", "manifests in a registry (docker manifest)"),
    "cli.manifest.inspect": ("tampilkan manifest tanpa mengunduh layer", "show a manifest without pulling layers"),
    "cli.manifest.summary": (
        "{ref}: {kind} {digest}, {count} layer, ukuran unduhan {size:,} byte, platform {platform}",
        "{ref}: {kind} {digest}, {count} layers, download size {size:,} bytes, platform {platform}",
    ),
    "cli.manifest.index": ("{ref}: index {digest} dengan {count} manifest:", "{ref}: index {digest} with {count} manifests:"),
    "cli.manifest.entry": ("{platform}: {digest}, ukuran unduhan {size:,} byte",
                           "{platform}: {digest}, download size {size:,} bytes"),
    "cli.registry.help": ("registry kursus di komputer ini", "the course registry on this machine"),
    "cli.registry.start": ("jalankan registry kursus", "start the course registry"),
    "cli.registry.stop": ("hentikan registry kursus", "stop the course registry"),
    "cli.registry.status": ("apakah registry kursus berjalan?", "is the course registry running?"),
    "cli.registry.storage": ("folder penyimpanan (bawaan: $DOCKERLAB_HOME/registry)",
                             "storage folder (default: $DOCKERLAB_HOME/registry)"),
    "cli.registry.port": ("port (bawaan: port bebas)", "port (default: a free port)"),
    "cli.registry.mirror": ("jadikan mirror pull-through dari URL registry ini",
                            "make it a pull-through mirror of this registry URL"),
    "cli.registry.use": ("Pakai nama image seperti {address}/halo:1.0", "Use image names like {address}/halo:1.0"),
    # cli/output.py
    "cli.format_help": ("template keluaran seperti docker: json, table …, {{.Kolom}}",
                        "output template like docker's: json, table …, {{.Field}}"),
    "cli.format.unknown_field": (
        "--format {template!r}: kolom .{field} tidak ada di sini. Kolom yang ada: {fields}.",
        "--format {template!r}: there is no field .{field} here. Fields: {fields}.",
    ),
    "cli.format.unsupported": (
        "--format {template!r}: dockerlab hanya mengenal {{{{.Kolom}}}}, {{{{json .}}}}, `json` dan "
        "`table …` dari template Go milik Docker.",
        "--format {template!r}: dockerlab knows only {{{{.Field}}}}, {{{{json .}}}}, `json` and "
        "`table …` of Docker's Go templates.",
    ),
    # Dockerfile front end, lexer and the command line (issue 17)
    "cli.images.repository": (
        "hanya image repository ini (boleh dengan :tag)",
        "only this repository's images (a :tag may follow)",
    ),
    "cli.save.terminal": (
        "Tar image tidak dicetak ke terminal. Pakai -o FILE, atau alihkan keluarannya: dockerlab "
        "save IMAGE > image.tar",
        "An image tar is not printed to a terminal. Use -o FILE, or redirect the output: "
        "dockerlab save IMAGE > image.tar",
    ),
    "cli.load.terminal": (
        "Tidak ada tar untuk dimuat. Pakai -i FILE, atau alirkan: dockerlab load < image.tar",
        "No tar to load. Use -i FILE, or pipe it in: dockerlab load < image.tar",
    ),
    "cli.load.quiet": (
        "tanpa keterangan",
        "print nothing but errors",
    ),
    "cli.inspect.format": (
        "template Go seperti docker inspect -f, mis. '{{.Config.Env}}' atau '{{json .Config}}'",
        "a Go template like docker inspect -f, e.g. '{{.Config.Env}}' or '{{json .Config}}'",
    ),
    "cli.quiet_transfer": (
        "tanpa progres; cetak hanya nama image",
        "no progress; print only the image name",
    ),
}
