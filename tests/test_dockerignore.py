"""``.dockerignore`` with moby patternmatcher's rules, and Go ``filepath.Match`` for COPY wildcards.

The single-pattern table is taken from moby/patternmatcher's own test table (TestMatches), so
these cases check the port against Docker's behaviour rather than against itself.
"""

from __future__ import annotations

import os

import pytest

from dockerlab.builder.context import BuildContext
from dockerlab.builder.dockerignore import DockerIgnore, clean, match
from dockerlab.errors import BuildContextError

MOBY_TABLE = [
    ("**", "file", True), ("**", "file/", True), ("**/", "file", True), ("**/", "file/", True),
    ("**", "/", True), ("**/", "/", True), ("**", "dir/file", True), ("**/", "dir/file", True),
    ("**", "dir/file/", True), ("**/", "dir/file/", True), ("**/**", "dir/file", True),
    ("**/**", "dir/file/", True), ("dir/**", "dir/file", True), ("dir/**", "dir/file/", True),
    ("dir/**", "dir/dir2/file", True), ("dir/**", "dir/dir2/file/", True), ("**/dir", "dir", True),
    ("**/dir", "dir/file", True), ("**/dir2/*", "dir/dir2/file", True),
    ("**/dir2/*", "dir/dir2/file/", True), ("**/dir2/**", "dir/dir2/dir3/file", True),
    ("**/dir2/**", "dir/dir2/dir3/file/", True), ("**file", "file", True), ("**file", "dir/file", True),
    ("**/file", "dir/file", True), ("**file", "dir/dir/file", True), ("**/file", "dir/dir/file", True),
    ("**/file*", "dir/dir/file", True), ("**/file*", "dir/dir/file.txt", True),
    ("**/file*txt", "dir/dir/file.txt", True), ("**/file*.txt", "dir/dir/file.txt", True),
    ("**/file*.txt*", "dir/dir/file.txt", True), ("**/**/*.txt", "dir/dir/file.txt", True),
    ("**/**/*.txt2", "dir/dir/file.txt", False), ("**/*.txt", "file.txt", True),
    ("**/**/*.txt", "file.txt", True), ("a**/*.txt", "a/file.txt", True),
    ("a**/*.txt", "a/dir/file.txt", True), ("a**/*.txt", "a/dir/dir/file.txt", True),
    ("a/*.txt", "a/dir/file.txt", False), ("a/*.txt", "a/file.txt", True),
    ("a/*.txt**", "a/file.txt", True), ("a[b-d]e", "ae", False), ("a[b-d]e", "ace", True),
    ("a[b-d]e", "aae", False), ("a[^b-d]e", "aze", True), (".*", ".foo", True), (".*", "foo", False),
    ("abc.def", "abcdef", False), ("abc.def", "abc.def", True), ("abc.def", "abcZdef", False),
    ("abc?def", "abcZdef", True), ("abc?def", "abcdef", False), ("a\\\\", "a\\", True),
    ("**/foo/bar", "foo/bar", True), ("**/foo/bar", "dir/foo/bar", True),
    ("**/foo/bar", "dir/dir2/foo/bar", True), ("abc/**", "abc", False), ("abc/**", "abc/def", True),
    ("abc/**", "abc/def/ghi", True), ("**/.foo", ".foo", True), ("**/.foo", "bar.foo", False),
    ("a(b)c/def", "a(b)c/def", True), ("a(b)c/def", "a(b)c/xyz", False),
    ("a.|)$(}+{bc", "a.|)$(}+{bc", True),
    ("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
     "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", True),
    ("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", True),
]


@pytest.mark.parametrize("pattern, path, expected", MOBY_TABLE)
def test_moby_pattern_table(pattern, path, expected):
    assert DockerIgnore([pattern]).ignored(path) is expected


@pytest.mark.parametrize("patterns, path, expected", [
    (["dir"], "dir/file", True),  # a path is excluded when its parent directory is
    (["dir/sub"], "dir/sub/deep/file", True),
    (["/foo"], "foo", True),  # a leading "/" is dropped
    (["foo/../bar"], "bar", True),  # patterns are filepath.Clean-ed
    (["./foo//bar/"], "foo/bar", True),
    (["*.md", "!README*.md", "README-secret.md"], "README.md", False),
    (["*.md", "!README*.md", "README-secret.md"], "README-secret.md", True),
    (["*.md", "!README*.md", "README-secret.md"], "CHANGES.md", True),
    (["docs", "!docs/keep.md"], "docs/keep.md", False),
    (["docs", "!docs/keep.md"], "docs/other.md", True),
    (["*", "!src"], "src/app.py", False),
    (["*/temp*"], "somedir/temporary.txt", True),
    (["*/temp*"], "temp.txt", False),
    (["*/*/temp*"], "a/b/temp.txt", True),
    (["temp?"], "temp1", True),
    (["temp?"], "temp12", False),
    (["  spaced  "], "spaced", True),
    ([""], "anything", False),
])
def test_rules_with_exceptions_and_parents(patterns, path, expected):
    assert DockerIgnore(patterns).ignored(path) is expected


def test_dockerignore_file_comments_and_bom(tmp_path):
    (tmp_path / ".dockerignore").write_text("\ufeff# comment\n*.log\n\n!keep.log\n  # not a comment after spaces\n")
    ignore = DockerIgnore.read(tmp_path)
    assert ignore.patterns == ("*.log", "!keep.log", "# not a comment after spaces")
    assert ignore.ignored("x.log") and not ignore.ignored("keep.log")


def test_bad_pattern_is_reported():
    with pytest.raises(BuildContextError, match="tidak valid"):
        DockerIgnore(["a[b"])


def _tree(root, files):
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name)


def test_context_walk_skips_ignored_directories_like_docker(tmp_path):
    _tree(tmp_path, ["a.txt", "dir/keep.txt", "dir/drop.txt", "other/keep.txt", "other/x.txt", "b.log"])
    (tmp_path / ".dockerignore").write_text("dir\nother\n!dir/keep.txt\n!*/x.txt\n*.log\n")
    walked = [e.rel for e in BuildContext(tmp_path).walk()]
    # dir is walked (an exception starts with "dir/"); "other" is skipped even though "!*/x.txt"
    # would match other/x.txt: Docker only rescues directories named by an exception's prefix.
    assert walked == [".dockerignore", "a.txt", "dir/keep.txt"]


@pytest.mark.parametrize("pattern, name, expected", [
    ("*.txt", "a.txt", True), ("*.txt", "dir/a.txt", False), ("dir/*", "dir/a", True),
    ("?.txt", "ab.txt", False), ("[a-c].txt", "b.txt", True), ("[^a-c].txt", "d.txt", True),
    ("\\*.txt", "*.txt", True), ("\\*.txt", "a.txt", False), ("**.txt", "a/b.txt", False),
])
def test_go_filepath_match(pattern, name, expected):
    assert match(pattern, name) is expected


@pytest.mark.parametrize("path, expected", [
    ("", "."), ("a//b", "a/b"), ("a/./b/", "a/b"), ("a/../..", ".."), ("/../a", "/a"), ("./", "."),
])
def test_clean_is_go_path_clean(path, expected):
    assert clean(path) == expected


def test_context_sources_refuse_paths_outside(tmp_path):
    ctx = tmp_path / "ctx"
    _tree(ctx, ["in.txt"])
    (tmp_path / "secret").write_text("x")
    os.symlink("../secret", ctx / "link")
    context = BuildContext(ctx)
    with pytest.raises(BuildContextError, match="di luar konteks"):
        context.sources("../secret", line=3, keyword="COPY")
    with pytest.raises(BuildContextError, match="di luar konteks"):
        context.sources("link", line=3, keyword="COPY")
    with pytest.raises(BuildContextError, match="tidak menemukan"):
        context.sources("nope.txt", line=3, keyword="COPY")
    assert [e.rel for e in context.sources("/in.txt", line=3, keyword="COPY")] == ["in.txt"]


def test_hash_cache_remembers_by_stat_and_sees_every_write(tmp_path):
    import time

    from dockerlab.builder.context import HashCache

    file = tmp_path / "f.bin"
    file.write_bytes(b"one")
    old = time.time() - 60
    os.utime(file, (old, old))
    cache = HashCache(tmp_path / "hashes.db")
    first = cache.digest(str(file), os.lstat(file))
    # a racy (recent ctime) entry is not remembered; wait the window out with a bounded loop
    deadline = time.time() + 10
    while not cache.data and time.time() < deadline:
        time.sleep(0.2)
        cache.digest(str(file), os.lstat(file))
    assert cache.data, "an old file's hash is remembered"
    cache.save()
    again = HashCache(tmp_path / "hashes.db")
    assert again.data == cache.data
    file.write_bytes(b"two")  # same size, mtime set back: ctime still changes
    os.utime(file, (old, old))
    assert again.digest(str(file), os.lstat(file)) != first
