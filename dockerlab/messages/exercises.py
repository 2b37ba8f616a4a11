"""The messages of ``dockerlab.exercises`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # exercises/answers.py
    "ex.what.answer": ("Jawaban", "The answer"),
    "ex.what.image": ("Image yang diperiksa", "The image to check"),
    "ex.what.build": ("Hasil build", "The build result"),
    "ex.what.index": ("Index yang diperiksa", "The index to check"),
    "ex.expect.image": (
        "sebuah image (misalnya hasil dockerlab.image('nama:tag') atau dockerlab.build(...))",
        "an image (for example from dockerlab.image('name:tag') or dockerlab.build(...))",
    ),
    "ex.expect.steps": (
        "hasil dockerlab.build(...) atau daftar langkah build-nya",
        "the result of dockerlab.build(...) or its list of build steps",
    ),
    "ex.expect.index": ("sebuah index multi-arsitektur", "a multi-arch index"),
    "ex.not_a_number": ("Ketik angka saja, misalnya 3 (yang diberikan: {value}).",
                        "Type just a number, for example 3 (what was given: {value})."),
    "ex.expect.digest": (
        "teks digest: 'sha256:' lalu 64 digit heksadesimal, atau minimal 12 digit pertamanya",
        "a digest as text: 'sha256:' and 64 hex digits, or at least its first 12 digits",
    ),
    "ex.expect.choices": (
        "huruf-huruf pilihan Anda di antara tanda kutip, ditulis seperti 'xy' atau {'x', 'y'}",
        "the letters of your choices in quotes, written like 'xy' or {'x', 'y'}",
    ),
    "ex.expect.text": ("teks di antara tanda kutip, misalnya 'docker build ...'",
                       "text in quotes, for example 'docker build ...'"),
    "ex.image_name_not_digest": (
        "{value!r} adalah nama image, bukan digest: salin ID/digest-nya (deretan angka heksadesimal).",
        "{value!r} is an image name, not a digest: copy its ID/digest (the string of hex digits).",
    ),
    "ex.image_list": (
        "{what} berupa daftar berisi {count} image; berikan satu image saja, misalnya daftar[0].",
        "{what} is a list of {count} images; pass a single image, for example list[0].",
    ),
    "ex.image_by_name": (
        "{value!r} adalah teks, bukan image. Jika itu nama variabel, tulis tanpa tanda kutip; jika "
        "nama image, ambil image-nya dulu: dockerlab.image({value!r}).",
        "{value!r} is text, not an image. If it is a variable's name, write it without quotes; if "
        "it is an image name, get the image first: dockerlab.image({value!r}).",
    ),
    "ex.digest_too_short": (
        "Digest {value!r} terlalu pendek: tulis minimal 12 digit heksadesimal (seperti kolom IMAGE ID).",
        "Digest {value!r} is too short: write at least 12 hex digits (like the IMAGE ID column).",
    ),
    "ex.digest_too_long": (
        "Digest {value!r} terlalu panjang: digest sha256 punya tepat 64 digit heksadesimal.",
        "Digest {value!r} is too long: a sha256 digest has exactly 64 hex digits.",
    ),
    "ex.still_template": (
        "Jawaban masih berisi '...' dari templat. Ganti dengan jawaban Anda.",
        "The answer still holds the template's '...'. Replace it with your answer.",
    ),
    # exercises/basics.py
    # 00.1 — image or container?
    "ex.00_1.expect": (
        "pasangan nomor pernyataan: 'image' atau 'kontainer' di antara kurung kurawal, misalnya "
        "{1: '...', 2: '...'} dengan setiap '...' diganti 'image' atau 'kontainer'",
        "pairs of statement number: 'image' or 'container' in curly braces, for example "
        "{1: '...', 2: '...'} with each '...' replaced by 'image' or 'container'",
    ),
    # the statements, as the form shows them beside their drop-downs (notebook 00, Latihan 1)
    "ex.00_1.statement.1": ("Bersifat hanya-baca (read-only).", "Is read-only."),
    "ex.00_1.statement.2": ("Sedang berjalan sebagai proses dan punya nomor proses (PID).",
                            "Runs as a process and has a process number (PID)."),
    "ex.00_1.statement.3": ("Bisa dikirim ke registry dengan `docker push`.",
                            "Can be sent to a registry with `docker push`."),
    "ex.00_1.statement.4": ("Punya layer tulis sendiri tempat berkas baru disimpan.",
                            "Has its own writable layer where new files are stored."),
    "ex.00_1.statement.5": ("Dibuat dari Dockerfile dengan `docker build`.",
                            "Is made from a Dockerfile with `docker build`."),
    "ex.00_1.statement.6": ("Dibuat dengan `docker run`.", "Is made with `docker run`."),
    "ex.00_1.missing": ("Pernyataan yang belum dijawab: {numbers}.", "Statements not answered yet: {numbers}."),
    "ex.00_1.bad_word": (
        "Untuk pernyataan {number}, tulis 'image' atau 'kontainer', bukan {value!r}.",
        "For statement {number}, write 'image' or 'container', not {value!r}.",
    ),
    "ex.00_1.ok": (
        "Keenam pernyataan terjawab dengan tepat. Image adalah templat yang diam dan hanya-baca; "
        "kontainer adalah image yang sedang berjalan.",
        "All six statements are right. An image is a still, read-only template; a container is an "
        "image that is running.",
    ),
    "ex.00_1.wrong": ("{count} dari 6 pernyataan belum tepat: nomor {numbers}.",
                      "{count} of 6 statements are not right yet: number {numbers}."),
    "ex.00_1.why.1": ("Image hanya-baca; yang bisa ditulisi adalah layer milik kontainer.",
                      "An image is read-only; what can be written is the container's own layer."),
    "ex.00_1.why.2": ("Proses dan PID hanya ada ketika sesuatu sedang berjalan.",
                      "Processes and PIDs exist only while something runs."),
    "ex.00_1.why.3": ("Yang dikirim ke registry adalah image (templatnya), bukan proses yang berjalan.",
                      "What goes to a registry is the image (the template), not a running process."),
    "ex.00_1.why.4": ("Setiap kontainer mendapat layer tulis sendiri di atas image.",
                      "Each container gets its own writable layer on top of the image."),
    "ex.00_1.why.5": ("`docker build` membaca Dockerfile dan menghasilkan image.",
                      "`docker build` reads a Dockerfile and produces an image."),
    "ex.00_1.why.6": ("`docker run` membuat dan menjalankan kontainer dari sebuah image.",
                      "`docker run` creates and starts a container from an image."),
    # 00.2 — what is inside an image?
    "ex.00_2.ok": (
        "Tepat: kode, dependensi dan pustaka, konfigurasi, serta berkas sistem operasi dasar.",
        "Right: code, dependencies and libraries, configuration, and the base OS files.",
    ),
    # The choices, as notebook 00 lists them (the form shows them beside the letters).
    "ex.00_2.choice.a": ("kode aplikasi", "application code"),
    "ex.00_2.choice.b": ("dependensi dan pustaka", "dependencies and libraries"),
    "ex.00_2.choice.c": ("konfigurasi (perintah awal, variabel lingkungan)",
                         "configuration (start command, environment variables)"),
    "ex.00_2.choice.d": ("berkas-berkas sistem operasi dasar", "the base operating system's files"),
    "ex.00_2.choice.e": ("proses yang sedang berjalan", "running processes"),
    "ex.00_2.choice.f": ("kernel Linux", "the Linux kernel"),
    "ex.00_2.choice.g": ("data yang ditulis aplikasi saat berjalan", "data the application writes while running"),
    # Counts only: which right choices are missing is in a (folded) hint, not in the message.
    "ex.00_2.wrong": (
        "Pilihan Anda {given}: {correct} tepat, {wrong} keliru, dan {missing} pilihan yang benar belum dipilih.",
        "You chose {given}: {correct} right, {wrong} wrong; right choices not chosen yet: {missing}.",
    ),
    "ex.00_2.think": (
        "Image adalah cetakan yang tidak berubah: ia membawa semua yang dibutuhkan aplikasi untuk "
        "berjalan, tetapi tidak membawa apa pun yang baru ada ketika kontainer berjalan.",
        "An image is an unchanging template: it carries everything the application needs to run, "
        "but nothing that only exists once a container runs.",
    ),
    "ex.00_2.missed": (
        "Masih ada {count} pilihan yang termasuk isi image tetapi belum Anda centang: apa saja yang "
        "dibutuhkan aplikasi supaya bisa berjalan sama persis di komputer lain?",
        "Choices that are part of an image but not ticked yet: {count}. What does the application "
        "need to run exactly the same on another computer?",
    ),
    "ex.00_2.why.e": ("(e) Proses yang berjalan hanya ada di kontainer, bukan di image.",
                      "(e) Running processes exist only in a container, not in an image."),
    "ex.00_2.why.f": ("(f) Kontainer memakai kernel milik mesin host; image hanya membawa berkas sistem operasi.",
                      "(f) Containers use the host machine's kernel; an image carries only the OS files."),
    "ex.00_2.why.g": ("(g) Data yang ditulis saat berjalan masuk ke layer tulis kontainer, image tidak berubah.",
                      "(g) Data written while running goes to the container's writable layer; the image does not change."),
    "ex.00_2.unknown": ("Pilihan {choices} tidak ada; pilih dari a sampai g.",
                        "Choices {choices} do not exist; pick from a to g."),
    # 01.1 — an image that greets: judged by what a container of it prints
    "ex.01_1.ok": ("Kontainer dari image {image} mencetak {text!r} — persis yang diminta.",
                   "A container of image {image} prints {text!r} — exactly what was asked."),
    "ex.01_1.no_cmd": (
        "Image ini tidak punya perintah bawaan (CMD atau ENTRYPOINT), jadi kontainernya tidak "
        "menjalankan apa pun.",
        "This image has no default command (CMD or ENTRYPOINT), so its container runs nothing.",
    ),
    "ex.01_1.hint_add_cmd": (
        "Tambahkan baris CMD di akhir Dockerfile: perintah yang dijalankan kontainer ketika dimulai.",
        "Add a CMD line at the end of the Dockerfile: the command the container runs when it starts.",
    ),
    "ex.01_1.printed": (
        "Kontainer dari image ini mencetak {output!r}, bukan {text!r}.",
        "A container of this image prints {output!r}, not {text!r}.",
    ),
    "ex.01_1.silent": (
        "Kontainer dari image ini tidak mencetak apa pun (perintah bawaannya: {cmd}).",
        "A container of this image prints nothing (its default command: {cmd}).",
    ),
    "ex.01_1.more": (
        "Kontainer mencetak {text!r}, tetapi juga teks lain: {output!r}. Yang diminta hanya {text!r}.",
        "The container prints {text!r}, but other text too: {output!r}. Only {text!r} was asked for.",
    ),
    "ex.01_1.exit_code": ("Kontainernya berhenti dengan kode {code} (bukan 0: perintahnya gagal).",
                          "The container exited with code {code} (not 0: its command failed)."),
    "ex.01_1.hint_text": (
        "Yang dicetak kontainer berasal dari perintah bawaannya, baris CMD di Dockerfile. Ubah teks "
        "yang dicetak CMD itu, lalu jalankan sel ini lagi.",
        "What the container prints comes from its default command, the CMD line of the Dockerfile. "
        "Change the text that CMD prints, then run this cell again.",
    ),
    "ex.01_1.hint_print": (
        "CMD harus mencetak teksnya ke layar (keluaran standar), misalnya dengan program echo.",
        "CMD must print its text to the screen (standard output), for example with the echo program.",
    ),
    "ex.01_1.hint_run": (
        "Dockerfile Anda punya `{step}`: RUN dijalankan ketika image DIBANGUN (build), sedangkan "
        "CMD adalah perintah yang dijalankan kontainer ketika DIMULAI. Ganti RUN itu menjadi CMD.",
        "Your Dockerfile has `{step}`: RUN runs while the image is BUILT, whereas CMD is what the "
        "container runs when it STARTS. Change that RUN to CMD.",
    ),
    "ex.01_1.one_element": (
        "CMD {cmd} menaruh seluruh perintah dalam satu elemen, jadi Docker mencari program yang "
        "bernama {program!r}, dan program itu tidak ada.",
        "CMD {cmd} puts the whole command in one element, so Docker looks for a program named "
        "{program!r}, and there is none.",
    ),
    "ex.01_1.hint_split": (
        "Dalam bentuk JSON, setiap kata perintah menjadi elemen sendiri: nama program dulu, lalu "
        "argumennya, misalnya CMD [\"ls\", \"-l\"].",
        "In the JSON form, each word of the command is its own element: the program's name first, "
        "then its arguments, for example CMD [\"ls\", \"-l\"].",
    ),
    "ex.01_1.bad_json": (
        "CMD {cmd} ditulis seperti array JSON, tetapi bukan JSON yang valid, jadi Docker "
        "menjalankannya sebagai perintah shell dan kontainernya gagal dengan \"not found\".",
        "CMD {cmd} is written like a JSON array but is not valid JSON, so Docker runs it as a "
        "shell command and the container fails with \"not found\".",
    ),
    "ex.01_1.hint_json": ("Periksa tanda kutip (harus kutip ganda \") dan koma di baris CMD itu.",
                          "Check the quotes (they must be double quotes \") and the commas in that CMD line."),
    "ex.01_1.hint_case": ("Periksa huruf besar-kecil dan tanda baca: harus persis {text!r}.",
                          "Check upper/lower case and punctuation: it must be exactly {text!r}."),
    "ex.01_1.cannot_run": (
        "Image ini tidak bisa dijalankan di sini untuk diperiksa: {error}",
        "This image cannot be run here to check it: {error}",
    ),
    "ex.01_1.still_running": (
        "Kontainernya masih berjalan setelah {seconds} detik, jadi dihentikan. Perintah bawaannya "
        "({cmd}) harus mencetak teksnya lalu selesai.",
        "The container was still running after {seconds} seconds, so it was stopped. Its default "
        "command ({cmd}) must print its text and then end.",
    ),
    # 01.2 / 01.3 — the equivalent docker commands
    "ex.cmd.not_docker": ("Perintah harus diawali `docker` (atau `podman`), bukan {word!r}.",
                          "The command must start with `docker` (or `podman`), not {word!r}."),
    "ex.cmd.verb": ("Subperintahnya harus `{verb}`, bukan {given!r}.",
                    "The subcommand must be `{verb}`, not {given!r}."),
    "ex.cmd.case": ("Opsi membedakan huruf besar dan kecil: `{given}` bukan `{wanted}`. Tulis `{wanted}`.",
                    "Options are case-sensitive: `{given}` is not `{wanted}`. Write `{wanted}`."),
    "ex.cmd.parse": ("Perintah tidak bisa dibaca: {error}. Periksa tanda kutip.",
                     "The command cannot be read: {error}. Check the quotes."),
    "ex.01_2.ok": ("`{command}` membangun image my-app:1.0 dari folder saat ini.",
                   "`{command}` builds image my-app:1.0 from the current folder."),
    "ex.01_2.no_tag": ("Nama image belum diberikan. Pakai -t my-app:1.0 (atau --tag).",
                       "The image name is missing. Use -t my-app:1.0 (or --tag)."),
    "ex.01_2.bad_tag": ("Tag-nya {given!r}; yang diminta my-app:1.0.",
                        "The tag is {given!r}; the exercise asks for my-app:1.0."),
    "ex.01_2.context": ("Konteks build harus folder saat ini, yaitu `.`, bukan `{given}`.",
                        "The build context must be the current folder, `.`, not `{given}`."),
    "ex.01_2.no_context": ("Folder build context belum ditulis. Tambahkan `.` (titik = folder saat ini) "
                           "di akhir perintah.",
                           "The build context folder is missing. Add `.` (dot = the current folder) at "
                           "the end of the command."),
    "ex.01_3.detach_after_image": ("`-d` ditulis setelah nama image, jadi Docker menganggapnya perintah "
                                   "yang dijalankan di dalam kontainer, bukan opsi. Pindahkan ke depan: "
                                   "docker run -d my-app:1.0",
                                   "`-d` comes after the image name, so Docker takes it as the command to "
                                   "run inside the container, not as an option. Move it in front: "
                                   "docker run -d my-app:1.0"),
    "ex.01_2.hint_order": ("Bentuknya: docker build -t NAMA:TAG FOLDER", "The shape: docker build -t NAME:TAG FOLDER"),
    "ex.01_3.ok": ("`{command}` menjalankan kontainer dari my-app:1.0 di latar belakang.",
                   "`{command}` runs a container from my-app:1.0 in the background."),
    "ex.01_3.no_detach": ("Kontainer harus berjalan di latar belakang: tambahkan -d (atau --detach).",
                          "The container must run in the background: add -d (or --detach)."),
    "ex.01_3.image": ("Image yang dijalankan {given}; yang diminta my-app:1.0.",
                      "The image run is {given}; the exercise asks for my-app:1.0."),
    "ex.01_3.hint_order": ("Opsi ditulis sebelum nama image: docker run -d NAMA:TAG",
                           "Options come before the image name: docker run -d NAME:TAG"),
    # exercises/forms.py
    "ex.form.check": ("Periksa", "Check"),
    "ex.form.attempt": ("Pemeriksaan ke-{count}", "Check number {count}"),
    "ex.form.empty": ("Belum ada jawaban: isi formulir di atas dulu, lalu klik Periksa.",
                      "No answer yet: fill in the form above first, then click Check."),
    "ex.form.statement": ("Pernyataan {number}", "Statement {number}"),
    "ex.form.choose": ("— pilih —", "— choose —"),
    "ex.form.word.image": ("image", "image"),
    "ex.form.word.kontainer": ("kontainer", "container"),
    "ex.form.text": ("Jawaban:", "Answer:"),
    "ex.form.answer_name": ("jawaban", "answer"),
    "ex.form.base_step": ("image dasar: tidak pernah dari cache", "base image: never from the cache"),
    "ex.form.checked_text": ("jawaban yang diperiksa: {answer}", "answer checked: {answer}"),
    "ex.form.placeholder": ("misalnya {example} — lalu tekan Enter atau klik Periksa",
                            "for example {example} — then press Enter or click Check"),
    # A number field shows no example number: any number could be the answer.
    "ex.form.placeholder_number": ("ketik angkanya — lalu tekan Enter atau klik Periksa",
                                   "type the number — then press Enter or click Check"),
    # ipywidgets cuts text/plain at 110 characters: keep this short.
    "ex.form.plain": ("Latihan {exercise}: formulir jawaban. Lewat kode: {code}",
                      "Exercise {exercise}: an answer form. In code: {code}"),
    # 04.3's choices, as notebook 04 lists them (its checker, in portability.py, names letters only).
    "ex.04_3.choice.a": ("Berkas image rusak saat diunduh.", "The image file was damaged while downloading."),
    "ex.04_3.choice.b": ("Program di dalam image dibuat untuk arsitektur CPU lain.",
                         "The program inside the image was built for another CPU architecture."),
    "ex.04_3.choice.c": ("Pengguna di dalam kontainer tidak punya izin menjalankan program.",
                         "The user inside the container has no permission to run the program."),
    "ex.04_3.choice.d": ("Tag image salah.", "The image tag is wrong."),
    "form.unknown": (
        "Latihan {exercise!r} tidak punya formulir jawaban. Yang punya: {known}. Latihan lain "
        "diperiksa lewat kode, misalnya latihan.check({exercise!r}, ...).",
        "Exercise {exercise!r} has no answer form. Those that do: {known}. Other exercises are "
        "checked in code, for example latihan.check({exercise!r}, ...).",
    ),
    "form.bad_context": ("Formulir latihan {exercise}: {problem}", "The form for exercise {exercise}: {problem}"),
    "form.context": (
        "Formulir latihan {exercise} butuh {needed}: panggil latihan.form({exercise!r}, {needed}).",
        "The form for exercise {exercise} needs {needed}: call latihan.form({exercise!r}, {needed}).",
    ),
    # exercises/identity.py
    "ex.03_1.ok": ("ID image {image} memang digest config-nya (sha256:{short}…).",
                   "The image ID of {image} is indeed its config digest (sha256:{short}…)."),
    "ex.03_1.ok_containerd": (
        "Benar untuk Docker Anda: dengan containerd image store, kolom IMAGE ID menampilkan digest "
        "manifest (sha256:{short}…). Digest config image ini, yang menjadi IMAGE ID di penyimpanan "
        "klasik dan di mesin bawaan, adalah sha256:{config}…",
        "Right for your Docker: with the containerd image store, the IMAGE ID column shows the "
        "manifest digest (sha256:{short}…). This image's config digest, the IMAGE ID in the classic "
        "store and in the embedded engine, is sha256:{config}…",
    ),
    "ex.03_1.ok_config_on_containerd": (
        "Ya, itu digest config {image} (sha256:{short}…): ID image di penyimpanan klasik dan di "
        "mesin bawaan. Docker Anda memakai containerd image store, jadi kolom IMAGE ID-nya "
        "menampilkan digest manifest (sha256:{manifest}…); keduanya menamai image yang sama.",
        "Yes, that is the config digest of {image} (sha256:{short}…): the image ID in the classic "
        "store and in the embedded engine. Your Docker uses the containerd image store, so its "
        "IMAGE ID column shows the manifest digest (sha256:{manifest}…); both name the same image.",
    ),
    "ex.03_1.manifest": (
        "Itu digest manifest (yang dipakai di nama@sha256:… dan di registry). Di {engine} kolom "
        "IMAGE ID berisi digest config, bukan digest manifest.",
        "That is the manifest digest (used in name@sha256:… and by registries). In {engine} the "
        "IMAGE ID column holds the config digest, not the manifest digest.",
    ),
    "ex.03_1.manifest_elsewhere": (
        "(Docker dengan containerd image store, bawaan Docker Engine 29+ dan Docker Desktop 4.34+, "
        "memang menampilkan digest manifest di kolom IMAGE ID. Di sini yang dipakai {engine}.)",
        "(Docker with the containerd image store, the default of Docker Engine 29+ and Docker "
        "Desktop 4.34+, does show the manifest digest in the IMAGE ID column. Here it is {engine}.)",
    ),
    "ex.03_1.store.embedded": ("mesin bawaan dockerlab", "the dockerlab embedded engine"),
    "ex.03_1.store.classic": ("Docker dengan penyimpanan image klasik", "Docker with the classic image store"),
    "ex.03_1.layer": ("Itu digest layer nomor {index}, bukan ID image.",
                      "That is the digest of layer number {index}, not the image ID."),
    "ex.03_1.other": ("Digest {value} tidak cocok dengan apa pun di image ini.",
                      "Digest {value} matches nothing in this image."),
    "ex.03_1.where": ("ID image = digest config. Cari di image.id atau di kolom IMAGE ID dari daftar image.",
                      "Image ID = config digest. Look at image.id or the IMAGE ID column of the image list."),
    "ex.03_2.ok": (
        "Dua image berbeda: ID {old} → {new}. {shared} layer bawah dipakai bersama, {changed} layer "
        "baru. Image lama tetap utuh di bawah ID lamanya.",
        "Two different images: ID {old} → {new}. {shared} lower layers are shared, {changed} layers "
        "are new. The old image stays intact under its old ID.",
    ),
    "ex.03_2.ok_unordered": (
        "Dua image berbeda: ID {old} dan {new}. {shared} layer bawah dipakai bersama, {changed} "
        "layer berbeda. Keduanya tetap utuh, masing-masing di bawah ID-nya sendiri.",
        "Two different images: IDs {old} and {new}. {shared} lower layers are shared, {changed} "
        "layers differ. Both stay intact, each under its own ID.",
    ),
    "ex.03_2.reversed": (
        "Urutannya terbalik: {new} dibuat lebih dulu daripada {old}. Berikan image lama dulu, "
        "lalu image baru: new_digests(image_lama, image_baru).",
        "The order is reversed: {new} was made before {old}. Pass the old image first, then the "
        "new one: new_digests(old_image, new_image).",
    ),
    "ex.03_2.same": (
        "Kedua image identik (ID {id}). Ubah satu byte di berkas konteks build, lalu build ulang "
        "dengan tag baru.",
        "Both images are identical (ID {id}). Change one byte in a build context file, then build "
        "again with a new tag.",
    ),
    "ex.03_2.swapped": ("Image lama dan baru sama-sama {id}: apakah Anda memberikan image yang sama dua kali?",
                        "Old and new are both {id}: did you pass the same image twice?"),
    "ex.03_3.ok": (
        "Commit membuat image baru {new}: semua {base} layer image {old} dipakai ulang apa adanya, "
        "ditambah {added} layer berisi perubahan kontainer.",
        "The commit made a new image {new}: all {base} layers of image {old} are reused as they are, "
        "plus {added} layer holding the container's changes.",
    ),
    "ex.03_3.same": ("Image hasil commit sama dengan image asal ({id}).",
                     "The committed image is the same as the original ({id})."),
    "ex.03_3.not_on_top": (
        "Layer image asal tidak muncul utuh di bawah image hasil commit; apakah image kedua "
        "benar-benar hasil commit dari kontainer image pertama?",
        "The original image's layers do not appear unchanged under the committed image; is the "
        "second image really a commit of a container of the first?",
    ),
    "ex.03_3.no_layer": (
        "Image hasil commit tidak punya layer baru: kontainernya tidak menulis apa pun.",
        "The committed image has no new layer: the container wrote nothing.",
    ),
    "ex.03_3.swapped": (
        "Urutannya terbalik? Dibaca terbalik, {new} adalah image asal dan {old} hasil commit-nya. "
        "Berikan image asal dulu: committed(image_asal, image_commit).",
        "Is the order reversed? Read the other way round, {new} is the original and {old} its "
        "commit. Pass the original first: committed(original_image, committed_image).",
    ),
    "ex.03_3.hint_order": (
        "Hasil commit dibangun di atas image asalnya, jadi selalu punya lebih banyak layer: image "
        "yang layer-nya lebih sedikit adalah image asal, dan ditulis lebih dulu.",
        "A commit is built on top of its original, so it always has more layers: the image with "
        "fewer layers is the original, and comes first.",
    ),
    "ex.03_3.hint": ("Jalankan kontainer yang menulis berkas, lalu commit kontainer itu.",
                     "Run a container that writes a file, then commit that container."),
    # exercises/layers.py
    "ex.02_1.ok": (
        "Ya, image ini punya {count} layer. Riwayatnya berisi {steps}; {empty} di antaranya "
        "tidak menambah layer.",
        "Yes, this image has {count} layers. Its history has {steps}; {empty} of them add no layer.",
    ),
    # {steps} in the 02.1 messages: where the history entries come from, so that a count one or
    # two above the Dockerfile's lines is explained (the base image brings history of its own).
    "ex.02_1.steps_split": (
        "{steps} entri ({base} dari image dasar + {own} dari Dockerfile Anda)",
        "{steps} entries ({base} from the base image + {own} from your Dockerfile)",
    ),
    "ex.02_1.steps": (
        "{steps} entri (termasuk entri dari image dasar)",
        "{steps} entries (the base image's entries included)",
    ),
    "ex.02_1.wrong": ("Jawaban {answer} belum tepat.", "The answer {answer} is not right."),
    "ex.02_1.counted_all": (
        "Anda menghitung semua entri riwayat: {steps}. Entri \"tanpa layer\" tidak dihitung: "
        "{keywords} hanya mengubah config. WORKDIR, COPY dan RUN memang menambah layer.",
        "You counted every history entry: {steps}. \"No layer\" entries do not count: {keywords} "
        "only change the config. WORKDIR, COPY and RUN do add a layer.",
    ),
    "ex.02_1.per_line": (
        "{answer} = satu per baris Dockerfile? Tidak setiap baris menambah layer: hanya baris yang "
        "mengubah berkas. Baris mana saja itu?",
        "{answer} = one per Dockerfile line? Not every line adds a layer: only the lines that "
        "change files do. Which lines are those?",
    ),
    "ex.02_1.forgot_base": (
        "Jangan lupa layer dari image dasar (baris FROM) juga termasuk layer image ini.",
        "Do not forget that the base image's layers (the FROM line) are layers of this image too.",
    ),
    "ex.02_1.look": (
        "Hitung baris yang mengubah berkas, lalu tambahkan layer image dasar. Untuk memeriksa "
        "tebakan Anda: riwayatnya, dockerlab.history(image), kolom layer.",
        "Count the lines that change files, then add the base image's layers. To check your "
        "guess: its history, dockerlab.history(image), the layer column.",
    ),
    "ex.02_2.ok": ("Tebakan tepat: langkah {steps} diambil dari cache, sisanya dijalankan.",
                   "Right guess: steps {steps} came from the cache, the rest were executed."),
    # The counts, never the set: the answer stays in the Solusi until the learner opens it.
    "ex.02_2.wrong": (
        "Tebakan Anda {given} belum tepat: {right} benar, {wrong} tidak diambil dari cache, dan "
        "{missing} langkah yang diambil dari cache belum dicentang.",
        "Your guess {given} is not right yet: {right} right, {wrong} not taken from the cache, and "
        "{missing} steps taken from the cache not ticked yet.",
    ),
    "ex.02_2.from": (
        "Langkah {steps} adalah FROM: langkah itu hanya memilih image dasar, tidak pernah "
        "dijalankan dan tidak pernah diambil dari cache. Jangan dicentang.",
        "Step {steps} is FROM: it only picks the base image; it is never executed and never taken "
        "from the cache. Do not tick it.",
    ),
    "ex.02_2.rule": (
        "Aturannya: langkah dipakai ulang selama langkah itu dan semua langkah di atasnya tidak "
        "berubah. Begitu satu langkah berubah (misalnya COPY berkas yang diedit), semua langkah di "
        "bawahnya dijalankan ulang.",
        "The rule: a step is reused while it and every step above it are unchanged. Once one step "
        "changes (for example a COPY of an edited file), every step below it runs again.",
    ),
    "ex.02_2.find_change": (
        "Cari langkah pertama yang berubah sejak build sebelumnya: berkas mana yang diubah, dan "
        "langkah mana yang menyalinnya?",
        "Find the first step that changed since the previous build: which file was edited, and "
        "which step copies it?",
    ),
    "ex.02_2.above": (
        "Langkah-langkah di atas perubahan itu tidak berubah, jadi diambil dari cache; apakah "
        "semuanya sudah dicentang?",
        "The steps above that change did not change, so they come from the cache; are they all ticked?",
    ),
    "ex.02_2.all_cached": (
        "Build yang diberikan seluruhnya diambil dari cache: sel build itu dijalankan lagi tanpa "
        "perubahan apa pun, jadi tidak ada yang bisa ditebak.",
        "The build given came entirely from the cache: its cell was run again with nothing "
        "changed, so there is nothing to predict.",
    ),
    "ex.02_2.all_cached_hint": (
        "Jalankan ulang notebook dari sel pertama (course.start), atau bandingkan dengan build "
        "sesudah app.sh diubah untuk pertama kali.",
        "Run the notebook again from its first cell (course.start), or use the build made right "
        "after app.sh was first changed.",
    ),
    "ex.02_2.after": ("Langkah {steps} ada di bawah langkah yang berubah, jadi tidak mungkin dari cache.",
                      "Steps {steps} come after the step that changed, so they cannot come from the cache."),
    "ex.02_2.unknown": ("Build ini hanya punya langkah 1 sampai {total}; {steps} tidak ada.",
                        "This build only has steps 1 to {total}; {steps} do not exist."),
    "ex.02_3.ok": (
        "Hemat! Skor efisiensi {score} dan tidak ada ruang terbuang; berkas sementara tidak "
        "pernah tersimpan di layer mana pun.",
        "Lean! Efficiency score {score} and no wasted space; the temporary file never got stored in any layer.",
    ),
    "ex.02_3.wasted": ("Image ini masih membuang {wasted:,} byte (skor efisiensi {score}).",
                       "This image still wastes {wasted:,} bytes (efficiency score {score})."),
    "ex.02_3.paths": ("Berkas yang tersimpan lebih dari sekali: {paths}.", "Files stored more than once: {paths}."),
    "ex.02_3.same_run": (
        "Buat dan hapus berkas sementara di dalam SATU instruksi RUN, disambung dengan &&, "
        "supaya layer tidak pernah menyimpannya.",
        "Create and delete the temporary file inside ONE RUN instruction, joined with &&, so no "
        "layer ever stores it.",
    ),
    "ex.02_3.temp_left": (
        "Berkas sementara {path} masih ada di image, jadi {size:,} byte-nya ikut tersimpan.",
        "The temporary file {path} is still in the image, so its {size:,} bytes are stored with it.",
    ),
    "ex.02_3.hint_rm": (
        "Hapus berkas itu dengan `rm {path}` di akhir RUN yang sama yang membuatnya (disambung &&).",
        "Delete it with `rm {path}` at the end of the same RUN that creates it (joined with &&).",
    ),
    "ex.02_3.no_result": ("Berkas {path} tidak ada di image, padahal hasilnya harus tetap ada di sana.",
                          "The file {path} is not in the image, but the result must stay there."),
    "ex.02_3.not_file": ("{path} ada di image, tetapi bukan berkas biasa (misalnya folder atau tautan).",
                         "{path} is in the image, but it is not a regular file (a folder or a link, say)."),
    "ex.02_3.wrong_size": (
        "{path} berisi {content}, bukan {expected} (ukuran berkas unduhan dalam byte).",
        "{path} holds {content}, not {expected} (the size of the downloaded file in bytes).",
    ),
    "ex.02_3.empty": ("kosong", "nothing"),
    "ex.02_3.no_temp_run": (
        "Riwayat image ini tidak punya RUN yang membuat lalu menghapus {path} (dengan `rm`). "
        "Latihan ini tentang berkas sementara: hasilnya harus diukur dari berkas unduhan itu, "
        "bukan ditulis langsung.",
        "This image's history has no RUN that creates and then deletes {path} (with `rm`). The "
        "exercise is about the temporary file: the result must be measured from that download, "
        "not written directly.",
    ),
    "ex.02_3.hint_temp_run": (
        "Mulai dari Dockerfile `boros`: satukan `head -c 400000 /dev/zero > {path}`, `mkdir -p /opt`, "
        "`wc -c < {path} > /opt/ukuran.txt` dan `rm {path}` dalam satu RUN, disambung &&.",
        "Start from the `boros` Dockerfile: join `head -c 400000 /dev/zero > {path}`, `mkdir -p /opt`, "
        "`wc -c < {path} > /opt/ukuran.txt` and `rm {path}` into one RUN, with &&.",
    ),
    "ex.02_3.hint_wc": (
        "Biarkan `wc -c < {temp} > {path}` menghitung ukurannya dari berkas unduhan (jangan ketik "
        "angkanya sendiri), sebelum `rm` di RUN yang sama; buat foldernya dulu dengan `mkdir -p /opt`.",
        "Let `wc -c < {temp} > {path}` measure it from the downloaded file (do not type the number "
        "yourself), before the `rm` in the same RUN; make the folder first with `mkdir -p /opt`.",
    ),
    # exercises/portability.py
    "ex.04_1.same_object": ("Kedua argumen adalah objek yang sama, jadi tentu sama. Berikan image hasil "
                            "load sebagai argumen kedua, yaitu dimuat[0].",
                            "Both arguments are the same object, so of course they match. Pass the "
                            "loaded image as the second argument: dimuat[0]."),
    "ex.04_1.loaded_list": (
        "Argumen kedua adalah daftar image ({count} image), bukan satu image: dockerlab.load "
        "mengembalikan daftar image; pakai dimuat[0].",
        "The second argument is a list of images ({count} images), not one image: dockerlab.load "
        "returns a list of images; use dimuat[0].",
    ),
    "ex.04_1.ok": (
        "Image yang sama, byte demi byte: ID {id} dan {layers} layer dengan diff_id yang sama.",
        "The same image, byte for byte: ID {id} and {layers} layers with the same diff_ids.",
    ),
    "ex.04_1.different": (
        "ID berbeda: {a} dan {b}. Image hasil load harus berasal dari berkas tar yang disimpan dari image pertama.",
        "The IDs differ: {a} and {b}. The loaded image must come from the tar saved from the first image.",
    ),
    "ex.04_1.layers": ("Layer yang sama: {same} dari {total}.", "Layers in common: {same} of {total}."),
    "ex.04_1.hint": ("Urutannya: save ke berkas tar → load dari berkas itu → bandingkan ID.",
                     "The order: save to a tar file → load from that file → compare IDs."),
    "ex.04_2.ok": ("Perangkat {platform} memakai manifest yang Anda tulis (sha256:{short}…).",
                   "A {platform} machine uses the manifest you wrote (sha256:{short}…)."),
    "ex.04_2.index": ("Itu digest index-nya sendiri (satu nama untuk semua platform), bukan manifest {platform}.",
                      "That is the index's own digest (one name for every platform), not the {platform} manifest."),
    "ex.04_2.other_platform": ("Itu manifest untuk {other}, bukan {platform}.",
                               "That is the manifest for {other}, not {platform}."),
    "ex.04_2.config": (
        "Itu ID image (digest config) untuk {other}. Yang diminta digest manifest yang tercantum di index.",
        "That is the image ID (config digest) for {other}. The exercise asks for the manifest digest listed in the index.",
    ),
    "ex.04_2.none": ("Digest {value} tidak ada di index ini.", "Digest {value} is not in this index."),
    "ex.04_2.hint": ("Lihat daftar manifest index: setiap baris punya platform dan digest.",
                     "Look at the index's manifest list: every row has a platform and a digest."),
    "ex.04_2.no_platform": ("Index ini tidak punya manifest untuk {platform}.",
                            "This index has no manifest for {platform}."),
    "ex.04_3.ok": (
        "Tepat: program di image dibuat untuk arsitektur CPU lain. Kernel tidak bisa menjalankannya "
        "tanpa emulator (misalnya QEMU). Solusinya: pakai image untuk platform mesin ini, atau "
        "index multi-arsitektur.",
        "Right: the image's program was built for another CPU architecture. The kernel cannot run "
        "it without an emulator (such as QEMU). The fix: use an image for this machine's platform, "
        "or a multi-arch index.",
    ),
    "ex.04_3.one": ("Pilih satu jawaban saja (a, b, c, atau d).", "Choose exactly one answer (a, b, c or d)."),
    "ex.04_3.a": ("(a) Berkas yang rusak ketahuan saat verifikasi karena digest-nya tidak cocok (notebook 03), bukan lewat exec format error.",
                  "(a) A damaged file is caught at verification because its digest does not match (notebook 03), not by exec format error."),
    "ex.04_3.c": ("(c) Izin yang kurang memberi 'permission denied', bukan exec format error.",
                  "(c) Missing permissions give 'permission denied', not exec format error."),
    "ex.04_3.d": ("(d) Tag hanya nama; tag yang salah memberi 'image not found'.",
                  "(d) A tag is only a name; a wrong tag gives 'image not found'."),
    "ex.04_3.wrong": ("Jawaban {given} belum tepat.", "Answer {given} is not right."),
    # exercises/result.py
    "ex.title": ("Latihan {exercise}", "Exercise {exercise}"),
    "ex.ok": ("Benar!", "Correct!"),
    "ex.not_yet": ("Belum tepat.", "Not quite."),
    "ex.hint": ("Petunjuk", "Hint"),
    "ex.bad_call": (
        "Pemeriksa ini dipanggil dengan argumen yang tidak cocok: {problem} Contoh pemakaian: {usage}",
        "This checker was called with arguments that do not fit: {problem} Usage: {usage}",
    ),
    "ex.bad_call.missing": ("{names} belum diberikan.", "missing: {names}."),
    "ex.bad_call.missing_one": ("argumen ke-{position} ({name})", "argument {position} ({name})"),
    "ex.bad_call.too_many": (
        "pemeriksa ini menerima paling banyak {most} argumen, tetapi diberi {given}.",
        "this checker takes at most {most} arguments, but was given {given}.",
    ),
    "ex.bad_call.unknown_name": (
        "tidak ada argumen bernama {names}; nama yang dikenal: {known}.",
        "there is no argument named {names}; the known names are: {known}.",
    ),
    "ex.bad_call.twice": (
        "{names} diberikan dua kali (menurut urutan dan dengan nama).",
        "{names} given twice (by position and by name).",
    ),
    "ex.bad_call.other": ("cara memanggilnya tidak sesuai contoh.", "the call does not match the usage."),
    "ex.and": ("dan", "and"),
    "ex.answer": ("jawaban", "answer"),
    "ex.crashed": (
        "Jawaban ini tidak bisa diperiksa. Periksa lagi apa yang Anda berikan; contoh pemakaian: {usage}",
        "This answer cannot be checked. Look again at what you passed; usage: {usage}",
    ),
    "ex.crashed.detail": ("Keterangan teknis (untuk pengajar): {error}",
                          "Technical detail (for the instructor): {error}"),
    "ex.wrong_type": (
        "{what} harus berupa {expected}; yang diberikan: `{value}`.",
        "{what} must be {expected}; what was given: `{value}`.",
    ),
    "ex.unknown_in_lesson": (
        "Tidak ada latihan bernama {exercise!r}. Latihan di pelajaran {lesson}: {known}.",
        "There is no exercise named {exercise!r}. The exercises of lesson {lesson}: {known}.",
    ),
    "ex.unknown": (
        "Tidak ada latihan bernama {exercise!r}. Yang ada: {known}.",
        "There is no exercise named {exercise!r}. Known: {known}.",
    ),
    # exercises/progress.py
    "progress.title": ("Kemajuan {learner}", "Progress of {learner}"),
    "progress.empty": ("Belum ada latihan yang diperiksa.", "No exercise has been checked yet."),
    "progress.exercise": ("latihan", "exercise"),
    "progress.notebook": ("notebook", "notebook"),
    "progress.result": ("hasil terakhir", "last result"),
    "progress.attempts": ("percobaan", "attempts"),
    "progress.time": ("waktu", "time"),
    "progress.done": ("benar", "correct"),
    "progress.not_yet": ("belum", "not yet"),
    "progress.summary": ("{done} dari {total} latihan sudah benar.", "{done} of {total} exercises correct."),
    # exercises/versions.py
    "ex.05_1.choice.a": ("`latest` selalu menunjuk versi yang paling baru.",
                         "`latest` always points at the newest version."),
    "ex.05_1.choice.b": ("`latest` hanya sebuah nama tag: ia menunjuk image yang terakhir diberi tag itu.",
                         "`latest` is only a tag name: it points at the image last given that tag."),
    "ex.05_1.choice.c": ("Docker memindahkan `latest` sendiri setiap kali ada versi baru.",
                         "Docker moves `latest` by itself whenever there is a new version."),
    "ex.05_1.choice.d": ("Nama tanpa tag, misalnya `web`, berarti `web:latest`.",
                         "A name without a tag, such as `web`, means `web:latest`."),
    "ex.05_1.ok": (
        "Tepat: `latest` hanya nama bawaan (dipakai bila tag tidak ditulis), dan ia menunjuk image "
        "yang terakhir diberi nama itu — oleh build -t atau tag — bukan otomatis versi terbaru.",
        "Right: `latest` is only the default name (used when no tag is written), and it points at "
        "the image last given that name — by build -t or tag — not automatically the newest version.",
    ),
    "ex.05_1.partly": ("Sebagian benar: {good} dari {total} pernyataan yang benar sudah Anda pilih{bad}.",
                       "Partly right: you chose {good} of the {total} true statements{bad}."),
    "ex.05_1.missing": ("Masih ada {count} pernyataan benar yang belum Anda pilih.",
                        "True statements you have not chosen yet: {count}."),
    "ex.05_1.and_wrong": (", tetapi juga {count} yang salah", ", but also {count} false ones"),
    "ex.05_1.wrong": ("Belum ada pernyataan benar yang Anda pilih; ada {total} yang benar.",
                      "You chose none of the {total} true statements."),
    "ex.05_1.why.a": (
        "(a) salah: di notebook ini `web:latest` masih menunjuk versi 1.21.6 walaupun sudah ada 1.22.0.",
        "(a) is false: in this notebook `web:latest` still points at 1.21.6 although 1.22.0 exists.",
    ),
    "ex.05_1.why.c": (
        "(c) salah: tidak ada yang memindahkan tag kecuali perintah build -t, tag, load, atau pull.",
        "(c) is false: nothing moves a tag except the commands build -t, tag, load or pull.",
    ),
    "ex.05_1.think": ("Lihat lagi tabel dockerlab.images() setelah versi 1.22.0 dibuat: ke mana `web:latest` menunjuk?",
                      "Look again at dockerlab.images() after 1.22.0 was made: where does `web:latest` point?"),
    "ex.05_1.no_tag": ("Apa arti nama tanpa tag, misalnya `web` di dockerlab.image('web')?",
                       "What does a name without a tag mean, such as `web` in dockerlab.image('web')?"),
    "ex.05_1.unknown": ("Pilihan {choices} tidak ada; pilih dari a, b, c, d.",
                        "There is no choice {choices}; choose from a, b, c, d."),
    "ex.05_2.ok": (
        "Benar: `web:latest` sekarang menunjuk versi baru (ID {new}), dan `web:1.21.6` tetap di versi "
        "lama (ID {old}). Hanya nama yang pindah; kedua image tetap ada.",
        "Right: `web:latest` now points at the new version (ID {new}), and `web:1.21.6` stays on the "
        "old one (ID {old}). Only a name moved; both images are still there.",
    ),
    "ex.05_2.not_moved": (
        "`web:latest` masih menunjuk versi lama (ID {old}): belum ada yang memindahkannya. Beri tag "
        "`web:latest` pada versi baru.",
        "`web:latest` still points at the old version (ID {old}): nobody has moved it yet. Give the new "
        "version the tag `web:latest`.",
    ),
    "ex.05_2.other": (
        "`web:latest` menunjuk image lain (ID {got}), bukan versi baru (ID {new}).",
        "`web:latest` points at another image (ID {got}), not the new version (ID {new}).",
    ),
    "ex.05_2.latest_repository": (
        "Ada image bernama `latest:latest`: sasaran tag yang ditulis 'latest' saja dibaca sebagai "
        "nama repository `latest` (dengan tag latest), jadi `web:latest` tidak berpindah. Sasaran "
        "tag harus menyebut repository-nya juga: `web:latest`.",
        "There is an image named `latest:latest`: a tag target written as just 'latest' is read as "
        "a repository named `latest` (with the tag latest), so `web:latest` did not move. The "
        "target must name its repository too: `web:latest`.",
    ),
    "ex.05_2.missing": ("Tag `web:latest` tidak ada lagi (dihapus?). Buat lagi dengan dockerlab.tag.",
                        "The tag `web:latest` no longer exists (removed?). Make it again with dockerlab.tag."),
    "ex.05_2.exact_moved": (
        "`web:latest` sudah benar, tetapi `web:1.21.6` ikut pindah ke ID {got}. Tag versi lengkap "
        "seperti 1.21.6 seharusnya tidak pernah pindah: orang yang memakainya mengharapkan isi yang "
        "sama. Kembalikan dengan dockerlab.tag(v1, 'web:1.21.6').",
        "`web:latest` is right, but `web:1.21.6` moved too, to ID {got}. A full version tag such as "
        "1.21.6 should never move: whoever uses it expects the same content. Put it back with "
        "dockerlab.tag(v1, 'web:1.21.6').",
    ),
    "ex.05_2.idea": (
        "Tag dipindah dengan memberikan nama itu lagi kepada image lain. Lihat lagi sel di atas yang "
        "memberi v1 nama-nama web:1.21, web:1 dan web:latest.",
        "A tag is moved by giving that name again to another image. Look again at the cell above that "
        "gave v1 the names web:1.21, web:1 and web:latest.",
    ),
    "ex.05_2.hint": ("Perintahnya setara `docker tag web:1.22.0 web:latest`.",
                     "The command is like `docker tag web:1.22.0 web:latest`."),
    "ex.05_3.ok": (
        "Tepat: {ref} selalu berarti image ini (digest manifest {short}…), ke mana pun tag-nya dipindah.",
        "Right: {ref} always means this image (manifest digest {short}…), wherever its tags are moved.",
    ),
    "ex.05_3.tag_only": (
        "{given} adalah nama dengan tag: tag bisa dipindah. Referensi terkunci memakai @ dan digest "
        "manifest: `nama@sha256:…`.",
        "{given} is a name with a tag: a tag can be moved. A pinned reference uses @ and the manifest "
        "digest: `name@sha256:…`.",
    ),
    "ex.05_3.no_name": (
        "Digest-nya benar, tetapi tulislah bersama nama repository-nya: web@{digest}.",
        "The digest is right, but write it with the repository name: web@{digest}.",
    ),
    "ex.05_3.image_id": (
        "Itu ID image (digest config), bukan digest manifest. `nama@sha256:…` memakai digest manifest "
        "— kolom DIGEST di dockerlab.images(digests=True).",
        "That is the image ID (config digest), not the manifest digest. `name@sha256:…` uses the "
        "manifest digest — the DIGEST column of dockerlab.images(digests=True).",
    ),
    "ex.05_3.other_image": (
        "Referensi itu menunjuk image lain (ID {got}), bukan versi 1.21.6 (ID {want}).",
        "That reference points at another image (ID {got}), not version 1.21.6 (ID {want}).",
    ),
    "ex.05_3.unknown": ("Tidak ada image dengan digest itu di mesin ini: {given}.",
                        "There is no image with that digest on this machine: {given}."),
    "ex.05_3.other_name": (
        "Digest-nya benar, tetapi nama repository-nya {name}, bukan web. Nama dan digest harus "
        "cocok: `web@sha256:…`.",
        "The digest is right, but the repository name is {name}, not web. Name and digest must "
        "match: `web@sha256:…`.",
    ),
    "ex.05_3.bad": ("{given} bukan referensi image yang sah: {error}", "{given} is not a valid image reference: {error}"),
    "ex.05_3.short": ("Digest dalam referensi terkunci harus lengkap: 'sha256:' dan 64 digit.",
                      "The digest in a pinned reference must be complete: 'sha256:' and 64 digits."),
    "ex.05_3.hint": ("Salin digest manifest versi 1.21.6 (dicetak di atas), lalu tulis web@ di depannya.",
                     "Copy the manifest digest of version 1.21.6 (printed above), then write web@ in front of it."),
    # exercises/registries.py
    "ex.06_1.ok": (
        "Tepat: registry docker.io (Docker Hub), namespace library (image resmi), repository nginx, tag 1.21.",
        "Right: registry docker.io (Docker Hub), namespace library (official images), repository nginx, tag 1.21.",
    ),
    "ex.06_1.same": ("Itu nama yang ditanyakan; tulis lengkapnya: registry/namespace/repository:tag.",
                     "That is the name asked about; write it in full: registry/namespace/repository:tag."),
    "ex.06_1.no_library": (
        "Hampir: registry-nya benar, tetapi image resmi Docker Hub ada di namespace library.",
        "Almost: the registry is right, but Docker Hub's official images are in the namespace library.",
    ),
    "ex.06_1.no_registry": (
        "Hampir: namespace dan repository benar, tetapi registry-nya belum ditulis (nama tanpa registry berarti docker.io).",
        "Almost: namespace and repository are right, but the registry is missing (a name without a registry means docker.io).",
    ),
    "ex.06_1.no_tag": ("Hampir: jangan lupa tag-nya, 1.21.", "Almost: do not forget its tag, 1.21."),
    "ex.06_1.index": (
        "index.docker.io adalah nama lama Docker Hub; nama yang dipakai Docker sekarang adalah docker.io.",
        "index.docker.io is Docker Hub's old name; the name Docker uses today is docker.io.",
    ),
    "ex.06_1.other": ("{given} berarti {full}, bukan nginx:1.21.", "{given} means {full}, not nginx:1.21."),
    "ex.06_1.other_registry": (
        "{given} menunjuk image di registry {registry}. Nama yang tidak menyebut registry, seperti "
        "nginx:1.21, tidak pernah berarti {registry}.",
        "{given} names an image in the registry {registry}. A name that names no registry, such as "
        "nginx:1.21, never means {registry}.",
    ),
    "ex.06_1.registry_1": (
        "registry-1.docker.io adalah server yang dihubungi Docker untuk nama docker.io (alamat API "
        "Docker Hub), bukan bagian dari nama image: nama lengkapnya tetap memakai docker.io.",
        "registry-1.docker.io is the server Docker contacts for the name docker.io (Docker Hub's API "
        "address), not part of the image's name: the full name keeps docker.io.",
    ),
    "ex.06_1.case": (
        "Nama image ditulis dengan huruf kecil; {given} memakai huruf besar (Docker membaca `Docker.io` "
        "sebagai registry lain, dan nama repository tidak boleh berhuruf besar).",
        "Image names are written in lower case; {given} has capitals (Docker reads `Docker.io` as "
        "another registry, and a repository name may not hold capitals).",
    ),
    "ex.06_1.rest_ok": ("Selain itu, semuanya sudah benar.", "Apart from that, everything is right."),
    "ex.06_1.bad": ("{given} bukan nama image yang sah: {error}", "{given} is not a valid image name: {error}"),
    "ex.06_1.hint": ("Nama tanpa registry berarti docker.io; image resmi (satu kata) ada di library/.",
                     "A name without a registry means docker.io; official (one-word) images are in library/."),
    "ex.06_2.choice.a": ("ID image (digest config)", "the image ID (config digest)"),
    "ex.06_2.choice.b": ("digest manifest", "the manifest digest"),
    "ex.06_2.choice.c": ("digest setiap layer", "each layer's digest"),
    "ex.06_2.choice.d": ("diff_id setiap layer", "each layer's diff_id"),
    "ex.06_2.choice.e": ("ukuran setiap layer", "each layer's size"),
    "ex.06_2.ok": (
        "Tepat: config tidak dikompresi, jadi ID image sama; diff_id adalah sha256 tar yang belum "
        "dikompresi, jadi juga sama. Digest dan ukuran layer berubah karena gzip, dan manifest yang "
        "memuatnya pun berubah.",
        "Right: the config is not compressed, so the image ID is the same; a diff_id is the sha256 of "
        "the uncompressed tar, so it is the same too. Layer digests and sizes change with gzip, and so "
        "does the manifest that lists them.",
    ),
    "ex.06_2.partly": ("Sebagian benar: {good} dari {total} yang tetap sudah Anda pilih{bad}.",
                       "Partly right: you chose {good} of the {total} that stay the same{bad}."),
    "ex.06_2.missing": ("Masih ada {count} yang tetap sama tetapi belum Anda pilih.",
                        "Still not chosen, though they stay the same: {count}."),
    "ex.06_2.and_wrong": (", tetapi juga {count} yang berubah", ", but also {count} that change"),
    "ex.06_2.none": ("Yang Anda pilih semuanya berubah saat push; ada {total} yang tetap sama.",
                     "Everything you chose changes on push; {total} things stay the same."),
    "ex.06_2.why.b": ("(b) berubah: manifest memuat digest layer, dan digest itu berubah.",
                      "(b) changes: the manifest lists the layer digests, and those change."),
    "ex.06_2.why.c": ("(c) berubah: digest layer dihitung dari blob yang dikirim, yaitu tar yang sudah di-gzip.",
                      "(c) changes: a layer digest is of the blob sent, the gzipped tar."),
    "ex.06_2.why.e": ("(e) berubah: gzip membuat blob lebih kecil.", "(e) changes: gzip makes the blob smaller."),
    "ex.06_2.hint": ("Lihat tabel identitas 'komputer ini' dan 'komputer lain' di atas: baris mana yang 'ya'?",
                     "Look at the identity table of 'komputer ini' and 'komputer lain' above: which rows say 'ya'?"),
    "ex.06_2.unknown": ("Pilihan {choices} tidak ada; pilih dari a, b, c, d, e.",
                        "There is no choice {choices}; choose from a, b, c, d, e."),
    "ex.06_3.ok": (
        "Benar: registry menyimpan {repository}:{tag} (digest manifest {digest}…), dan isinya adalah "
        "image Anda (ID {id}), dengan {layers} layer.",
        "Right: the registry holds {repository}:{tag} (manifest digest {digest}…), and it is your "
        "image (ID {id}), with {layers} layers.",
    ),
    "ex.06_3.no_local": (
        "Image {name} belum ada di mesin ini. Build dulu dengan tag itu, lalu push.",
        "The image {name} is not on this machine yet. Build it with that tag first, then push it.",
    ),
    "ex.06_3.not_pushed": (
        "Image {name} ada di mesin ini, tetapi registry belum punya tag {tag}: push dulu.",
        "The image {name} is on this machine, but the registry has no tag {tag} yet: push it first.",
    ),
    "ex.06_3.stale": (
        "Registry punya {repository}:{tag}, tetapi isinya image lain (ID {remote}), bukan image Anda "
        "yang sekarang (ID {local}). Anda mem-build ulang setelah push? Push sekali lagi.",
        "The registry has {repository}:{tag}, but it holds another image (ID {remote}), not your "
        "current image (ID {local}). Did you rebuild after pushing? Push once more.",
    ),
    "ex.06_3.same_as_course": (
        "Registry punya {repository}:{tag}, tetapi itu image yang sama dengan {other} dari notebook "
        "(ID {id}). Ubah dulu isinya (misalnya pesan di app.sh), lalu build dan push lagi.",
        "The registry has {repository}:{tag}, but it is the same image as the notebook's {other} "
        "(ID {id}). Change its content first (the message in app.sh, say), then build and push again.",
    ),
    "ex.06_3.unreachable": ("Registry kursus tidak menjawab: {error}. Jalankan lagi sel `reg = course.registry()`.",
                            "The course registry does not answer: {error}. Run the cell `reg = course.registry()` again."),
    "ex.06_3.idea": (
        "Tiga langkah, seperti di daftar latihan: ubah isi app.sh (supaya image-nya milik Anda), build "
        "dengan nama yang menyebut alamat registry kursus (reg.name memberinya), lalu push nama itu.",
        "Three steps, as the exercise lists them: change app.sh (so the image is yours), build under "
        "a name that holds the course registry's address (reg.name gives it), then push that name.",
    ),
    "ex.06_3.hint": ("Urutannya: dockerlab.build(..., tag=reg.name('my-app:saya')) → course.push(reg.name('my-app:saya')).",
                     "The order: dockerlab.build(..., tag=reg.name('my-app:saya')) → course.push(reg.name('my-app:saya'))."),
    # exercises/forms.py: 07.3's choices, as notebook 07 lists them (its checker, in bases.py, names letters only)
    "ex.07_3.choice.a": ("Semua layer dari tahap pembangun dan dari tahap akhir.",
                         "Every layer of the builder stage and of the final stage."),
    "ex.07_3.choice.b": ("Hanya layer tahap akhir: base image-nya dan berkas yang disalin dengan COPY --from.",
                         "Only the final stage's layers: its base image and the files copied with COPY --from."),
    "ex.07_3.choice.c": ("Hanya berkas yang disalin dengan COPY --from, tanpa base image apa pun.",
                         "Only the files copied with COPY --from, without any base image."),
    "ex.07_3.choice.d": ("Kompiler dari tahap pembangun, karena program membutuhkannya saat berjalan.",
                         "The builder stage's compiler, because the program needs it to run."),
    # exercises/serving.py
    "ex.08_1.registry": (
        "Argumen pertama harus registry kursus (variabel `reg` dari `reg = course.registry()`).",
        "The first argument must be the course registry (the variable `reg` from `reg = course.registry()`).",
    ),
    "ex.08_1.not_text": ("Nama image harus teks, misalnya reg.name('my-app:saya').",
                         "The image name must be text, for example reg.name('my-app:saya')."),
    "ex.08_1.other_registry": (
        "Nama {ref!r} tidak diawali alamat registry kursus ({address}), jadi `push` tidak mengirimnya ke "
        "sana. Buat namanya dengan reg.name('my-app:saya').",
        "The name {ref!r} does not start with the course registry's address ({address}), so `push` does "
        "not send it there. Make the name with reg.name('my-app:saya').",
    ),
    "ex.08_1.not_pushed": (
        "Registry belum punya tag {tag!r} di repository {repository} (tag yang ada: {tags}). Sudah "
        "dockerlab.push(…)?",
        "The registry has no tag {tag!r} in the repository {repository} (tags there: {tags}). Did you "
        "dockerlab.push(…)?",
    ),
    "ex.08_1.no_container": (
        "Argumen kedua harus kontainer hasil dockerlab.run(…, detach=True, ports=8080).",
        "The second argument must be the container from dockerlab.run(…, detach=True, ports=8080).",
    ),
    "ex.08_1.not_running": (
        "Tag {ref} ada di registry ✔, tetapi kontainer {name} tidak berjalan (status: {status}). Jalankan "
        "lagi dengan dockerlab.run({ref!r}, detach=True, ports=8080).",
        "The tag {ref} is in the registry ✔, but container {name} is not running (status: {status}). Run "
        "it again with dockerlab.run({ref!r}, detach=True, ports=8080).",
    ),
    "ex.08_1.no_ports": (
        "Tag {ref} ada di registry ✔ dan kontainer {name} berjalan ✔, tetapi tanpa port: halamannya tidak "
        "bisa dibuka. Jalankan dengan ports=8080.",
        "The tag {ref} is in the registry ✔ and container {name} runs ✔, but without a port: its page "
        "cannot be opened. Run it with ports=8080.",
    ),
    "ex.08_1.other_image": (
        "Tag {ref} ada di registry ✔ dan kontainer {name} berjalan ✔, tetapi kontainer itu menjalankan "
        "image lain ({running}), bukan image di registry ({pushed}). Jalankan kontainer dari nama registry-nya: "
        "dockerlab.run({ref!r}, detach=True, ports=8080).",
        "The tag {ref} is in the registry ✔ and container {name} runs ✔, but it runs another image "
        "({running}), not the one in the registry ({pushed}). Run the container from the registry name: "
        "dockerlab.run({ref!r}, detach=True, ports=8080).",
    ),
    "ex.08_1.not_pulled": (
        "Tag {ref} ada di registry ✔ dan kontainer {name} menjalankan image itu ✔, tetapi image-nya tidak "
        "pernah datang dari registry: kontainer itu berjalan dari image lokal hasil build. Langkah 3 "
        "terlewat: hapus image lokal (dockerlab.remove), lalu jalankan kontainer lagi dari nama registry-nya, "
        "supaya image-nya di-pull dari registry.",
        "The tag {ref} is in the registry ✔ and container {name} runs that image ✔, but the image never "
        "came from the registry: the container runs the local image from the build. Step 3 was skipped: "
        "remove the local image (dockerlab.remove), then run the container again from its registry name, "
        "so that the image is pulled from the registry.",
    ),
    "ex.08_1.run_before_pull": (
        "Tag {ref} ada di registry ✔, tetapi kontainer {name} dibuat sebelum image itu di-pull dari "
        "registry: ia masih berjalan dari image lokal. Hentikan kontainer itu, lalu jalankan kontainer "
        "baru dari nama registry-nya (langkah 4).",
        "The tag {ref} is in the registry ✔, but container {name} was created before the image was "
        "pulled from the registry: it still runs from the local image. Stop that container, then run a "
        "new one from the registry name (step 4).",
    ),
    "ex.08_1.unreachable": (
        "Kontainer {name} berjalan, tetapi halamannya di {url} tidak bisa diambil: {error}.",
        "Container {name} runs, but its page at {url} could not be fetched: {error}.",
    ),
    "ex.08_1.no_text": (
        "Hampir: registry ✔, kontainer dari image itu ✔, halaman terbuka ✔, tetapi teks {text!r} tidak ada "
        "di halamannya. Isi halaman: {page!r}. Ubah index.html, lalu build, push, dan run lagi.",
        "Almost: registry ✔, a container of that image ✔, the page opens ✔, but the text {text!r} is not "
        "on it. The page holds: {page!r}. Change index.html, then build, push and run again.",
    ),
    "ex.08_1.ok": (
        "Siklus lengkap! {ref} ada di registry (ID image {image_id}), kontainer {name} menjalankan image "
        "itu, dan halamannya di {url} memuat teks Anda.",
        "The whole cycle! {ref} is in the registry (image ID {image_id}), container {name} runs that "
        "image, and its page at {url} holds your text.",
    ),
    "ex.08_1.hint": ("Urutannya: build -t NAMA → push NAMA → remove NAMA → run NAMA -d -p 8080.",
                     "The order: build -t NAME → push NAME → remove NAME → run NAME -d -p 8080."),
    "ex.08_2.ok": (
        "Benar: hanya {sent} layer yang dikirim; {skipped} layer lainnya sudah ada di registry (dari v1), "
        "jadi tidak diunggah lagi.",
        "Right: only {sent} layer was sent; the other {skipped} layers were already in the registry (from "
        "v1), so they were not uploaded again.",
    ),
    "ex.08_2.all": (
        "{value} adalah jumlah semua layer image v2. Registry sudah punya sebagian dari push v1: lihat "
        "kolom aksi di hasil push.",
        "{value} is the number of all the v2 image's layers. The registry already had some from the v1 "
        "push: look at the action column of the push result.",
    ),
    "ex.08_2.with_config": (
        "{value} menghitung config juga. Config memang dikirim ulang (isinya berubah), tetapi yang "
        "ditanyakan hanya layer.",
        "{value} counts the config too. The config is sent again (its content changed), but the "
        "question asks about layers only.",
    ),
    "ex.08_2.zero": (
        "0 berarti tidak ada yang berubah. Isi index.html berubah, jadi layer COPY index.html baru.",
        "0 would mean nothing changed. index.html changed, so the COPY index.html layer is new.",
    ),
    "ex.08_2.wrong": ("{value} belum tepat.", "{value} is not right."),
    "ex.08_2.hint": ("Layer yang sudah ada ditandai 'sudah ada' (skipped); yang baru 'dikirim' (sent).",
                     "Layers already there are marked skipped; new ones sent."),
    "ex.08_2.no_push": ("Argumen kedua harus hasil dockerlab.push(…) untuk v2.",
                        "The second argument must be the result of dockerlab.push(…) for v2."),
    "ex.08_3.ok": (
        "Benar: {answer} selalu berarti v1 (manifest {short}…), ke mana pun tag-nya dipindah.",
        "Right: {answer} always means v1 (manifest {short}…), wherever its tag is moved.",
    ),
    "ex.08_3.tag": (
        "{answer} memakai tag, dan tag bisa dipindah (seperti :latest tadi). Pakai @ dan digest manifest v1.",
        "{answer} uses a tag, and a tag can move (like :latest just now). Use @ and v1's manifest digest.",
    ),
    "ex.08_3.not_a_reference": (
        "{answer!r} bukan referensi ke v1: tidak ada nama repository v1 ({wanted}) dan tidak ada "
        "digest di dalamnya.",
        "{answer!r} is no reference to v1: it holds neither v1's repository ({wanted}) nor a digest.",
    ),
    "ex.08_3.image_id": (
        "Digest itu ID image (digest config) v1. Nama@digest memakai digest manifest, yang dilaporkan push.",
        "That digest is v1's image ID (config digest). name@digest uses the manifest digest, which the push reported.",
    ),
    "ex.08_3.other": (
        "Digest itu bukan manifest v1 di registry (mungkin v2, atau digest lokal sebelum push).",
        "That digest is not v1's manifest in the registry (perhaps v2, or the local digest before the push).",
    ),
    "ex.08_3.no_name": (
        "Digest-nya benar ✔, tetapi referensi lengkap juga memuat nama registry dan repository di depan @, "
        "misalnya {example}.",
        "The digest is right ✔, but a full reference also has the registry and repository before the @, "
        "for example {example}.",
    ),
    "ex.08_3.other_name": (
        "Digest-nya benar ✔, tetapi nama sebelum @ ({given}) bukan repository v1 ({wanted}).",
        "The digest is right ✔, but the name before the @ ({given}) is not v1's repository ({wanted}).",
    ),
    "ex.08_3.hint": ("Bentuknya: REGISTRY/REPOSITORY@sha256:DIGEST; hasil_push_v1.pinned menuliskannya.",
                     "The form: REGISTRY/REPOSITORY@sha256:DIGEST; hasil_push_v1.pinned writes it."),
    "ex.08_3.no_push": ("Argumen kedua harus hasil dockerlab.push(…) untuk v1.",
                        "The second argument must be the result of dockerlab.push(…) for v1."),
    # exercises/recap.py
    "ex.09.q1": ("Apa beda image dan kontainer?", "What is the difference between an image and a container?"),
    "ex.09.q1.a": ("Image adalah proses yang sedang berjalan; kontainer adalah berkas-berkas yang disimpan "
                   "di disk untuk proses itu.",
                   "An image is the process that is running; a container is the files kept on disk for "
                   "that process."),
    "ex.09.q1.b": ("Image: paket read-only berisi layer dan config; kontainer: proses yang berjalan dari image itu.",
                   "Image: a read-only package of layers and config; container: a process running from that image."),
    "ex.09.q1.c": ("Keduanya sama, hanya namanya berbeda.", "They are the same, only the names differ."),
    "ex.09.q1.d": ("Kontainer adalah image yang sudah dikompresi supaya lebih kecil dan cepat dikirim ke registry.",
                   "A container is an image compressed so that it is smaller and quicker to send to a registry."),
    "ex.09.q1.why": ("Image adalah cetakannya (read-only), kontainer adalah yang berjalan dari cetakan itu.",
                     "The image is the template (read-only); the container is what runs from it."),
    "ex.09.q2": ("Instruksi Dockerfile mana yang tidak menambah layer?",
                 "Which Dockerfile instruction adds no layer?"),
    "ex.09.q2.a": ("COPY", "COPY"), "ex.09.q2.b": ("RUN", "RUN"), "ex.09.q2.c": ("ENV", "ENV"),
    "ex.09.q2.d": ("RUN yang hanya menghapus berkas (rm)",
                   "a RUN that only deletes files (rm)"),
    "ex.09.q2.why": ("ENV (seperti CMD, EXPOSE, USER) hanya mengubah config; COPY dan RUN mengubah berkas, "
                     "juga RUN yang hanya menghapus: penghapusan pun disimpan sebagai layer (whiteout).",
                     "ENV (like CMD, EXPOSE, USER) only changes the config; COPY and RUN change files, a RUN "
                     "that only deletes too: a deletion is stored as a layer as well (a whiteout)."),
    "ex.09.q3": ("Sebuah RUN menambah berkas 100 MB dan RUN berikutnya menghapusnya. Berapa ukuran image?",
                 "One RUN adds a 100 MB file and the next RUN deletes it. How big is the image?"),
    "ex.09.q3.a": ("Tetap sebesar itu: berkasnya masih ada di layer bawah.",
                   "Just as big: the file is still in the lower layer."),
    "ex.09.q3.b": ("100 MB lebih kecil, karena RUN kedua menghapus berkas itu dari image.",
                   "100 MB smaller, because the second RUN deletes that file from the image."),
    "ex.09.q3.c": ("Build gagal karena berkas tidak boleh dihapus.", "The build fails because files cannot be deleted."),
    "ex.09.q3.d": ("Berkasnya dipindah ke kontainer.", "The file moves into the container."),
    "ex.09.q3.why": ("Layer atas hanya menyembunyikan berkas itu (whiteout); hapus di langkah yang sama, atau "
                     "pakai multi-stage build.",
                     "The upper layer only hides the file (a whiteout); delete it in the same step, or use a "
                     "multi-stage build."),
    "ex.09.q4": ("Satu byte di sebuah layer diubah. Apa yang terjadi dengan ID image?",
                 "One byte of a layer is changed. What happens to the image ID?"),
    "ex.09.q4.a": ("Tetap sama, karena hanya satu byte.", "It stays the same: it is only one byte."),
    "ex.09.q4.b": ("Hanya tag-nya yang berubah.", "Only its tag changes."),
    "ex.09.q4.c": ("Tidak ada yang berubah sampai image di-push.", "Nothing changes until the image is pushed."),
    "ex.09.q4.d": ("Berubah: diff_id layer itu berubah, jadi config berubah, jadi digest config (ID image) berubah.",
                   "It changes: the layer's diff_id changes, so the config does, so the config digest (the image ID) does."),
    "ex.09.q4.why": ("Image dinamai dengan digest isinya (immutable): isi lain, nama lain.",
                     "An image is named by the digest of its content (immutable): other content, other name."),
    "ex.09.q5": ("Image disimpan dengan docker save, lalu dimuat dengan docker load di komputer lain. ID image-nya…",
                 "An image is saved with docker save and loaded with docker load on another computer. Its image ID…"),
    "ex.09.q5.a": ("sama persis, byte demi byte.",
                   "exactly the same, byte for byte."),
    "ex.09.q5.b": ("berbeda, karena komputernya lain.", "differs, because it is another computer."),
    "ex.09.q5.c": ("tergantung tag-nya.", "depends on its tag."),
    "ex.09.q5.d": ("hilang; harus di-build ulang.", "is lost; it must be rebuilt."),
    "ex.09.q5.why": ("Image portabel: ID image dan diff_id tidak bergantung pada di mana image itu disimpan.",
                     "Images are portable: the image ID and diff_ids do not depend on where it is stored."),
    "ex.09.q6": ("Apa arti tag latest?", "What does the tag latest mean?"),
    "ex.09.q6.a": ("Selalu versi terbaru: Docker memindahkannya otomatis setiap ada rilis baru.",
                   "Always the newest version: Docker moves it by itself whenever there is a release."),
    "ex.09.q6.b": ("Hanya nama: menunjuk image yang terakhir diberi nama itu.",
                   "Only a name: the image last given that name."),
    "ex.09.q6.c": ("Versi stabil yang resmi.", "The official stable version."),
    "ex.09.q6.d": ("Digest image terbaru.", "The newest image's digest."),
    "ex.09.q6.why": ("latest adalah tag bawaan bila tidak ada tag yang ditulis; ia tidak bergerak sendiri.",
                     "latest is the default tag when none is written; it never moves by itself."),
    "ex.09.q7": ("Referensi mana yang selalu berarti image yang sama persis?",
                 "Which reference always means exactly the same image?"),
    "ex.09.q7.a": ("my-app:1", "my-app:1"), "ex.09.q7.b": ("my-app:latest", "my-app:latest"),
    "ex.09.q7.c": ("my-app@sha256:… (digest manifest)", "my-app@sha256:… (a manifest digest)"),
    "ex.09.q7.d": ("my-app", "my-app"),
    "ex.09.q7.why": ("Tag bisa dipindah; digest adalah sidik jari isi, jadi tidak bisa menunjuk isi lain.",
                     "Tags can be moved; a digest is a fingerprint of the content, so it cannot name other content."),
    "ex.09.q8": ("Versi baru sebuah image hanya mengubah satu layer. Apa yang dikirim docker push?",
                 "A new version of an image changes only one layer. What does docker push send?"),
    "ex.09.q8.a": ("Semua layer setiap kali, karena registry harus menerima image yang utuh.",
                   "Every layer, every time, because the registry must receive the whole image."),
    "ex.09.q8.b": ("Hanya tag-nya.", "Only its tag."),
    "ex.09.q8.c": ("Tidak ada; registry mengambilnya sendiri.", "Nothing; the registry fetches it itself."),
    "ex.09.q8.d": ("Layer baru, config, dan manifest saja.",
                   "Only the new layer, the config and the manifest."),
    "ex.09.q8.why": ("Registry menyimpan blob menurut digest; yang sudah ada tidak dikirim lagi ('sudah ada').",
                     "A registry stores blobs by digest; those already there are not sent again."),
    "ex.09.q9": ("Apa itu base image (image dasar)?", "What is a base image?"),
    "ex.09.q9.a": ("Image yang disebut di FROM.",
                   "The image named in FROM."),
    "ex.09.q9.b": ("Image terakhir yang di-build di komputer ini, yang dipakai ulang oleh build berikutnya.",
                   "The last image built on this computer, which the next build reuses."),
    "ex.09.q9.c": ("Registry tempat image disimpan.", "The registry that stores images."),
    "ex.09.q9.d": ("Cache build.", "The build cache."),
    "ex.09.q9.why": ("Custom image menambah layer di atas base image dari FROM (atau tanpa base: FROM scratch).",
                     "A custom image adds layers on top of the base image from FROM (or none: FROM scratch)."),
    "ex.09.q10": ("Mengapa multi-stage build membuat image lebih kecil?", "Why does a multi-stage build give a smaller image?"),
    "ex.09.q10.a": ("Karena setiap tahap mengompresi layer-layernya lagi, jadi image akhirnya lebih padat.",
                    "Because each stage compresses its layers again, so the final image is packed tighter."),
    "ex.09.q10.b": ("Karena base image dihapus.", "Because the base image is removed."),
    "ex.09.q10.c": ("Karena image akhir hanya menyalin hasil build; alat build tertinggal.",
                    "Because the final image copies only the result; the build tools stay behind."),
    "ex.09.q10.d": ("Karena cache build tidak dipakai.", "Because the build cache is not used."),
    "ex.09.q10.why": ("Hanya tahap terakhir yang menjadi image; COPY --from membawa berkas yang dipilih saja.",
                      "Only the last stage becomes the image; COPY --from brings only the files chosen."),
    "ex.09.q11": ("Base image mendapat perbaikan keamanan. Apa yang perlu dilakukan dengan image di atasnya?",
                  "The base image gets a security fix. What must be done with the images built on it?"),
    "ex.09.q11.a": ("Tidak ada; image itu ikut diperbarui otomatis.", "Nothing; they are updated automatically."),
    "ex.09.q11.b": ("Build ulang (lalu push) setiap image itu, supaya FROM mengambil base yang baru.",
                    "Rebuild (then push) each of them, so that FROM takes the new base."),
    "ex.09.q11.c": ("Cukup restart kontainernya.", "Just restart their containers."),
    "ex.09.q11.d": ("Hapus tag latest.", "Remove the tag latest."),
    "ex.09.q11.why": ("Image yang sudah ada tidak pernah berubah (immutable): isinya tetap base yang lama.",
                      "An existing image never changes (immutable): it still holds the old base."),
    "ex.09.q12": ("Apa arti -d dan -p di docker run -d -p 8080 my-app?",
                  "What do -d and -p mean in docker run -d -p 8080 my-app?"),
    "ex.09.q12.a": ("-d: debug; -p: pull dulu.", "-d: debug; -p: pull first."),
    "ex.09.q12.b": ("-d: hapus sesudahnya; -p: push.", "-d: delete afterwards; -p: push."),
    "ex.09.q12.c": ("-d: direktori kerja di dalam kontainer; -p: platform CPU yang dipakai image.",
                    "-d: the working directory inside the container; -p: the CPU platform of the image."),
    "ex.09.q12.d": ("-d: di latar belakang; -p: port 8080 kontainer dibuka di komputer ini.",
                    "-d: in the background; -p: the container's port 8080 is opened here."),
    "ex.09.q12.why": ("detach dan publish; EXPOSE di Dockerfile hanya mencatat port, -p yang membukanya.",
                      "detach and publish; EXPOSE in a Dockerfile only records a port, -p opens it."),
    "ex.09.all_right": ("Semua {total} jawaban benar!", "All {total} answers are right!"),
    "ex.09.some_right": ("{right} dari {total} jawaban benar. Yang perlu dilihat lagi ada di petunjuk.",
                         "{right} of {total} answers are right. What to look at again is in the hints."),
    "ex.09.none_right": ("Belum ada jawaban yang benar (0 dari {total}). Petunjuknya menjelaskan setiap soal.",
                         "No answer is right yet (0 of {total}). The hints explain every question."),
    "ex.09.wrong_one": ("Soal {number}: {given} belum tepat. {why} (notebook {notebook})",
                        "Question {number}: {given} is not right. {why} (notebook {notebook})"),
    "ex.09.missing_one": ("Soal {number} belum dijawab.", "Question {number} is not answered yet."),
    "ex.09.right_one": ("Soal {number} ✔", "Question {number} ✔"),
    "ex.09.expect": ("kamus nomor soal → huruf, misalnya {example}",
                     "pairs of question number → letter in braces, for example {example}"),
    "ex.09.bad_letter": ("Jawaban soal {number} harus satu huruf a, b, c, atau d (yang diberikan: {value!r}).",
                         "The answer to question {number} must be one letter a, b, c or d (given: {value!r})."),
    "ex.09.unknown": ("Bagian ini tidak punya soal nomor {numbers}; soalnya: {known}.",
                      "This part has no question number {numbers}; its questions: {known}."),
    # exercises/bases.py
    "ex.07_1.ok": (
        "Benar: {count} layer dipakai bersama ({layers}): layer busybox dan layer basis. Di disk keduanya "
        "disimpan sekali saja.",
        "Right: {count} layers are shared ({layers}): the busybox layer and the basis layer. On disk they "
        "are stored once.",
    ),
    "ex.07_1.only_busybox": (
        "Setengah benar: layer busybox memang dipakai bersama, tetapi basis:latest menambah satu layer lagi "
        "(COPY versi.txt) yang juga ada di kedua image.",
        "Half right: the busybox layer is shared, but basis:latest adds one more layer (COPY versi.txt) "
        "that both images have too.",
    ),
    "ex.07_1.all": (
        "{value} adalah jumlah semua layer satu image. Layer terakhir setiap image (COPY app.sh / COPY "
        "alat.sh) berbeda isinya, jadi tidak dipakai bersama.",
        "{value} is the number of all layers of one image. Each image's last layer (COPY app.sh / COPY "
        "alat.sh) has different content, so it is not shared.",
    ),
    "ex.07_1.wrong": ("{value} belum tepat.", "{value} is not right."),
    "ex.07_1.hint": ("Lihat kolom 'dipakai bersama' di tabel, atau kotak biru di diagram.",
                     "Look at the 'shared' column of the table, or the blue boxes in the diagram."),
    "ex.07_1.same": ("Kedua argumen adalah image yang sama; berikan dua image yang berbeda.",
                     "Both arguments are the same image; pass two different images."),
    "ex.07_2.ok": (
        "Benar: {image} sekarang dibangun di atas {base} versi terbaru ({base_id}); semua {count} layer "
        "base-nya ada di bawah layer miliknya.",
        "Right: {image} is now built on the current {base} ({base_id}); all {count} of the base's layers "
        "are below its own.",
    ),
    "ex.07_2.old": (
        "{image} masih dibangun di atas versi lama {base}: layer busybox-nya sama, tetapi layer basis-nya "
        "dari sebelum pembaruan. Build ulang {image} (dockerlab.build(...)) supaya FROM mengambil base yang baru.",
        "{image} is still built on the old {base}: its busybox layer is the same, but its basis layer is "
        "from before the update. Rebuild {image} (dockerlab.build(...)) so that FROM takes the new base.",
    ),
    "ex.07_2.is_base": ("Itu base-nya sendiri, bukan image yang dibangun di atasnya. Berikan image alat:1.",
                        "That is the base itself, not an image built on it. Pass the image alat:1."),
    "ex.07_2.unrelated": ("{image} tidak dibangun di atas {base} sama sekali.",
                          "{image} is not built on {base} at all."),
    "ex.07_2.hint": ("Build ulang dengan build context contoh/alat dan tag alat:1.",
                     "Rebuild with the build context contoh/alat and the tag alat:1."),
    "ex.07_3.ok": (
        "Tepat: image akhir hanya berisi layer tahap terakhirnya: base image-nya (FROM tahap itu) dan berkas "
        "yang disalin dengan COPY --from. Alat build tahap pembangun tidak ikut.",
        "Right: the final image holds only its last stage's layers: its base image (that stage's FROM) "
        "and the files copied with COPY --from. The builder stage's tools do not come along.",
    ),
    "ex.07_3.one": ("Pilih satu jawaban saja (a, b, c, atau d).", "Choose exactly one answer (a, b, c or d)."),
    "ex.07_3.a": ("(a) Layer tahap pembangun tidak ikut: lihat jumlah layer multi-tahap:1 di tabel (2).",
                  "(a) The builder stage's layers do not come along: see multi-tahap:1's layer count in the table (2)."),
    "ex.07_3.c": ("(c) Hampir: yang disalin memang hanya programnya, tetapi base image tahap akhir (FROM "
                  "dockerlab.local/busybox) tetap menjadi layer pertamanya.",
                  "(c) Almost: only the program is copied, but the final stage's base image (FROM "
                  "dockerlab.local/busybox) is still its first layer."),
    "ex.07_3.d": ("(d) Program hasil build tidak butuh kompilernya saat berjalan; itulah sebabnya tahap akhir "
                  "tidak menyalinnya.",
                  "(d) The built program does not need its compiler to run; that is why the final stage does "
                  "not copy it."),
    "ex.07_3.wrong": ("Jawaban {given} belum tepat.", "Answer {given} is not right."),
}
