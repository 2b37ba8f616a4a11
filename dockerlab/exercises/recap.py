"""Checkers for 09-rangkuman: a recap quiz of twelve questions over the whole course, in three parts.

Each part takes ``{question number: letter}`` (the form gives exactly that). The verdict counts the
right answers; every wrong or missing one gets its own explanation, naming the notebook that shows
it, so a half-right part says precisely what to look at again.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..i18n import messages, tr
from .answers import not_template
from .result import Explain, Result, checker, wrong_type

LETTERS = "abcd"
# question number -> (right letter, notebook)
KEY: dict[int, tuple[str, str]] = {
    1: ("b", "00"), 2: ("c", "02"), 3: ("a", "02"), 4: ("d", "03"),
    5: ("a", "04"), 6: ("b", "05"), 7: ("c", "05"), 8: ("d", "06"),
    9: ("a", "07"), 10: ("c", "07"), 11: ("b", "07"), 12: ("d", "08"),
}
PARTS = {"09.1": (1, 2, 3, 4), "09.2": (5, 6, 7, 8), "09.3": (9, 10, 11, 12)}

messages({
    "ex.09.q1": ("Apa beda image dan kontainer?", "What is the difference between an image and a container?"),
    "ex.09.q1.a": ("Image adalah proses yang berjalan; kontainer adalah berkasnya.",
                   "An image is the running process; a container is its files."),
    "ex.09.q1.b": ("Image adalah paket read-only (layer dan config); kontainer adalah proses yang berjalan dari "
                   "image itu, dengan layer tulisnya sendiri.",
                   "An image is a read-only package (layers and config); a container is a process running from "
                   "it, with a writable layer of its own."),
    "ex.09.q1.c": ("Keduanya sama, hanya namanya berbeda.", "They are the same, only the names differ."),
    "ex.09.q1.d": ("Kontainer adalah image yang dikompresi.", "A container is a compressed image."),
    "ex.09.q1.why": ("Image adalah cetakannya (read-only), kontainer adalah yang berjalan dari cetakan itu.",
                     "The image is the template (read-only); the container is what runs from it."),
    "ex.09.q2": ("Instruksi Dockerfile mana yang tidak menambah layer?",
                 "Which Dockerfile instruction adds no layer?"),
    "ex.09.q2.a": ("COPY", "COPY"), "ex.09.q2.b": ("RUN", "RUN"), "ex.09.q2.c": ("ENV", "ENV"),
    "ex.09.q2.d": ("ADD", "ADD"),
    "ex.09.q2.why": ("ENV (seperti CMD, EXPOSE, USER) hanya mengubah config; COPY, ADD dan RUN mengubah berkas.",
                     "ENV (like CMD, EXPOSE, USER) only changes the config; COPY, ADD and RUN change files."),
    "ex.09.q3": ("Sebuah RUN menambah berkas 100 MB dan RUN berikutnya menghapusnya. Berapa ukuran image?",
                 "One RUN adds a 100 MB file and the next RUN deletes it. How big is the image?"),
    "ex.09.q3.a": ("Tetap membawa 100 MB itu: berkasnya masih tersimpan di layer yang lebih bawah.",
                   "It still carries those 100 MB: the file is still stored in the lower layer."),
    "ex.09.q3.b": ("100 MB lebih kecil daripada sebelum berkas itu ditambah.", "100 MB smaller than before the file was added."),
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
    "ex.09.q5.a": ("sama persis.", "is exactly the same."),
    "ex.09.q5.b": ("berbeda, karena komputernya lain.", "differs, because it is another computer."),
    "ex.09.q5.c": ("tergantung tag-nya.", "depends on its tag."),
    "ex.09.q5.d": ("hilang; harus di-build ulang.", "is lost; it must be rebuilt."),
    "ex.09.q5.why": ("Image portabel: ID image dan diff_id tidak bergantung pada di mana image itu disimpan.",
                     "Images are portable: the image ID and diff_ids do not depend on where it is stored."),
    "ex.09.q6": ("Apa arti tag latest?", "What does the tag latest mean?"),
    "ex.09.q6.a": ("Selalu versi terbaru, diperbarui otomatis.", "Always the newest version, updated automatically."),
    "ex.09.q6.b": ("Hanya sebuah nama: menunjuk image mana pun yang terakhir diberi nama itu.",
                   "Only a name: it points to whichever image was last given that name."),
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
    "ex.09.q8.a": ("Semua layer, setiap kali.", "Every layer, every time."),
    "ex.09.q8.b": ("Hanya tag-nya.", "Only its tag."),
    "ex.09.q8.c": ("Tidak ada; registry mengambilnya sendiri.", "Nothing; the registry fetches it itself."),
    "ex.09.q8.d": ("Layer yang baru, config, dan manifest; layer lain sudah ada di registry.",
                   "The new layer, the config and the manifest; the other layers are already there."),
    "ex.09.q8.why": ("Registry menyimpan blob menurut digest; yang sudah ada tidak dikirim lagi ('sudah ada').",
                     "A registry stores blobs by digest; those already there are not sent again."),
    "ex.09.q9": ("Apa itu base image (image dasar)?", "What is a base image?"),
    "ex.09.q9.a": ("Image yang disebut di FROM: lapisan paling bawah image kita.",
                   "The image named in FROM: the bottom of our image."),
    "ex.09.q9.b": ("Image terakhir yang di-build.", "The last image built."),
    "ex.09.q9.c": ("Registry tempat image disimpan.", "The registry that stores images."),
    "ex.09.q9.d": ("Cache build.", "The build cache."),
    "ex.09.q9.why": ("Custom image menambah layer di atas base image dari FROM (atau tanpa base: FROM scratch).",
                     "A custom image adds layers on top of the base image from FROM (or none: FROM scratch)."),
    "ex.09.q10": ("Mengapa multi-stage build membuat image lebih kecil?", "Why does a multi-stage build give a smaller image?"),
    "ex.09.q10.a": ("Karena layer-layernya dikompresi lebih kuat.", "Because its layers are compressed harder."),
    "ex.09.q10.b": ("Karena base image dihapus.", "Because the base image is removed."),
    "ex.09.q10.c": ("Karena image akhir hanya menyalin hasil build; alat build tertinggal di tahap pembangun.",
                    "Because the final image copies only the build's result; the build tools stay in the builder stage."),
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
    "ex.09.q12.c": ("-d: direktori kerja; -p: platform.", "-d: working directory; -p: platform."),
    "ex.09.q12.d": ("-d: berjalan di latar belakang; -p: port 8080 kontainer dibuka untuk komputer ini.",
                    "-d: run in the background; -p: the container's port 8080 is opened to this computer."),
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
})


def _answers(value: Any, numbers: tuple[int, ...]) -> dict[int, str]:
    not_template(value)
    if not isinstance(value, Mapping):
        raise wrong_type(tr("ex.what.answer"), tr("ex.09.expect", example="{1: 'a', 2: 'c'}"), value)
    out: dict[int, str] = {}
    unknown = []
    for key, letter in value.items():
        try:
            number = int(key)
        except (TypeError, ValueError):
            unknown.append(str(key))
            continue
        if number not in numbers:
            unknown.append(str(key))
            continue
        if letter is None or letter is Ellipsis:
            continue
        text = str(letter).strip().lower().rstrip(")")
        if text not in LETTERS or len(text) != 1:
            raise Explain(tr("ex.09.bad_letter", number=number, value=letter))
        out[number] = text
    if unknown:
        raise Explain(tr("ex.09.unknown", numbers=", ".join(unknown), known=", ".join(map(str, numbers))))
    return out


def _check(exercise: str, value: Any) -> Result:
    numbers = PARTS[exercise]
    given = _answers(value, numbers)
    lines, right = [], 0
    for number in numbers:
        letter, notebook = KEY[number]
        if number not in given:
            lines.append(tr("ex.09.missing_one", number=number))
        elif given[number] == letter:
            right += 1
        else:
            lines.append(tr("ex.09.wrong_one", number=number, given=given[number], notebook=notebook,
                            why=tr(f"ex.09.q{number}.why")))
    total = len(numbers)
    if right == total:
        return Result(exercise, True, tr("ex.09.all_right", total=total))
    key = "ex.09.none_right" if right == 0 else "ex.09.some_right"
    marks = [tr("ex.09.right_one", number=n) for n in numbers if given.get(n) == KEY[n][0]]
    return Result(exercise, False, tr(key, right=right, total=total) + (" " + ", ".join(marks) if marks else ""),
                  tuple(lines))


@checker("09.1", "quiz_1({1: 'a', 2: 'b', 3: 'c', 4: 'd'})")
def quiz_1(answers: Any) -> Result:
    """09.1: questions 1-4 (image vs container, layers, deleted files, content addressing)."""
    return _check("09.1", answers)


@checker("09.2", "quiz_2({5: 'a', 6: 'b', 7: 'c', 8: 'd'})")
def quiz_2(answers: Any) -> Result:
    """09.2: questions 5-8 (save/load, latest, digests, push)."""
    return _check("09.2", answers)


@checker("09.3", "quiz_3({9: 'a', 10: 'b', 11: 'c', 12: 'd'})")
def quiz_3(answers: Any) -> Result:
    """09.3: questions 9-12 (base image, multi-stage, base updates, run -d -p)."""
    return _check("09.3", answers)
