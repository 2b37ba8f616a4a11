"""More checker tests (kept apart from tests/test_exercises.py, which others edit):
02.3 asks for the temporary file, and 00.2's feedback does not give the answer away."""

from __future__ import annotations

import re

import dockerlab
from dockerlab import exercises as ex
from conftest_inspect import DIR
from test_exercises import BASE, UNDUHAN, assert_result, image_from

BASE_STEP = "dockerlab: busybox-static"
ONE_RUN = ("/bin/sh -c head -c 400000 /dev/zero > /tmp/unduhan.bin  && mkdir -p /opt "
           "&& wc -c < /tmp/unduhan.bin > /opt/ukuran.txt  && rm /tmp/unduhan.bin")
RESULT = [("opt", DIR), ("opt/ukuran.txt", b"400000\n")]


def test_02_3_accepts_one_run_that_makes_and_removes_the_download(tmp_path):
    legacy = image_from(tmp_path / "l", [BASE, RESULT], steps=(BASE_STEP, ONE_RUN))
    assert_result(ex.no_waste(legacy), True, "100%")
    buildkit = image_from(tmp_path / "b", [BASE, RESULT], steps=(BASE_STEP, "RUN " + ONE_RUN + " # buildkit"))
    assert_result(ex.no_waste(buildkit), True)


def test_02_3_rejects_a_result_written_without_the_temporary_file(tmp_path):
    """A learner trial: `RUN mkdir -p /opt && echo 400000 > /opt/ukuran.txt` passed."""
    typed = image_from(tmp_path / "t", [BASE, RESULT],
                       steps=(BASE_STEP, "/bin/sh -c mkdir -p /opt && echo 400000 > /opt/ukuran.txt"))
    result = ex.no_waste(typed)
    assert_result(result, False, "tidak punya RUN yang membuat lalu menghapus /tmp/unduhan.bin",
                  "head -c 400000 /dev/zero > /tmp/unduhan.bin")
    assert "membuang" not in result.message
    # mentioned but never deleted, or only in a COPY: still not the exercise
    no_rm = image_from(tmp_path / "n", [BASE, RESULT],
                       steps=(BASE_STEP, "/bin/sh -c echo /tmp/unduhan.bin; echo 400000 > /opt/ukuran.txt"))
    assert_result(ex.no_waste(no_rm), False, "tidak punya RUN")
    copied = image_from(tmp_path / "c", [BASE, RESULT],
                        steps=(BASE_STEP, "/bin/sh -c #(nop) COPY file:abc in /tmp/unduhan.bin rm "))
    assert_result(ex.no_waste(copied), False, "tidak punya RUN")
    dockerlab.set_language("en")
    assert_result(ex.no_waste(typed), False, "no RUN that creates and then deletes /tmp/unduhan.bin")


def test_02_3_a_kept_temporary_file_is_explained_once(tmp_path):
    kept = image_from(tmp_path / "k", [BASE, RESULT + [("tmp", DIR), ("tmp/unduhan.bin", UNDUHAN)]],
                      steps=(BASE_STEP, "/bin/sh -c head -c 400000 /dev/zero > /tmp/unduhan.bin"))
    result = ex.no_waste(kept)
    assert_result(result, False, "masih ada di image", "rm /tmp/unduhan.bin")
    assert "tidak punya RUN" not in result.message


# ---- 00.2: counts in the message, the missing choices only in the last hint ------------------

def test_00_2_message_counts_without_naming_a_missing_choice():
    """A learner trial: "Pilihan d juga termasuk isi image" gave the answer away at once."""
    result = ex.image_contents({"a", "c", "f", "g"})
    assert not result.ok
    assert result.message.startswith("Pilihan Anda a, c, f, g: 2 tepat, 2 keliru, dan 2 pilihan yang benar "
                                     "belum dipilih.")
    assert "(f) Kontainer memakai kernel" in result.message and "(g) Data yang ditulis" in result.message
    assert set(re.findall(r"\b[a-g]\b", result.message)) == {"a", "c", "f", "g"}
    assert len(result.hints) == 2 and "b" not in re.findall(r"\b[a-g]\b", result.hints[0])
    assert result.hints[-1].startswith("Masih ada 2 pilihan yang termasuk isi image")   # counted, not named
    assert set(re.findall(r"\b[a-g]\b", result.hints[-1])) == set()
    only_wrong = ex.image_contents("abcde")                              # nothing missing
    assert "0 pilihan yang benar belum dipilih" in only_wrong.message and len(only_wrong.hints) == 1
    assert ex.image_contents("abc").hints[-1].startswith("Masih ada 1 pilihan yang termasuk isi image")
    dockerlab.set_language("en")
    english = ex.image_contents("ab")
    assert english.message == "You chose a, b: 2 right, 0 wrong; right choices not chosen yet: 2."
    assert english.hints[-1].startswith("Choices that are part of an image but not ticked yet: 2.")


def test_02_3_history_rule_follows_the_file_not_the_spelling():
    """A review: `cd /tmp && … > unduhan.bin … rm unduhan.bin` is right; an `rm` alone is not."""
    from types import SimpleNamespace as N

    from dockerlab.exercises.layers import _made_and_removed

    def image(*commands):
        return N(config=N(history=[N(created_by=c) for c in commands]))

    path = "/tmp/unduhan.bin"
    assert not _made_and_removed(image("/bin/sh -c echo 400000 > /opt/ukuran.txt && rm -f /tmp/unduhan.bin"), path)
    assert _made_and_removed(image("/bin/sh -c cd /tmp && head -c 400000 /dev/zero > unduhan.bin "
                                   "&& wc -c < unduhan.bin > /opt/ukuran.txt && rm unduhan.bin"), path)
    assert _made_and_removed(image("/bin/sh -c dd if=/dev/zero of=/tmp/unduhan.bin bs=1000 count=400 "
                                   "&& wc -c < /tmp/unduhan.bin > /opt/ukuran.txt && rm /tmp/unduhan.bin"), path)
    # the three-RUN template: made, then removed in a later RUN (its waste is judged apart)
    assert _made_and_removed(image("/bin/sh -c head -c 400000 /dev/zero > /tmp/unduhan.bin",
                                   "/bin/sh -c wc -c < /tmp/unduhan.bin > /opt/ukuran.txt",
                                   "/bin/sh -c rm /tmp/unduhan.bin"), path)
    # removed before it was ever made does not count
    assert not _made_and_removed(image("/bin/sh -c rm /tmp/unduhan.bin",
                                       "/bin/sh -c head -c 4 /dev/zero > /tmp/unduhan.bin"), path)
    assert not _made_and_removed(image("/bin/sh -c #(nop) COPY file:abc in /tmp/unduhan.bin",
                                       "/bin/sh -c rm /tmp/unduhan.bin"), path)
