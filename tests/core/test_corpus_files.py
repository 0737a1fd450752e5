"""A source's `file:` names a regular file inside the corpus folder, and nothing else is
read: not a path that climbs out with '..', an absolute path or a link that leads out of
the folder, not a FIFO or a device (which would hang the read), not a file too large to
be an article; and a text that is not UTF-8 says where."""

import os

import pytest

from timeline.corpus import MAX_ARTICLE_BYTES, Corpus, file_positions
from timeline.model import Source
from timeline.problems import Pos


@pytest.fixture
def folder(tmp_path):
    """A corpus folder with one article, beside a secret file that is not in it."""
    (tmp_path / "secret.txt").write_text("root:x:0:0\n", encoding="utf-8")
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "wire.txt").write_text("On Monday the town was taken.\n", encoding="utf-8")
    return corpus


def source(file: str) -> Source:
    return Source(id="leak", outlet="Wire", file=file)


def refused(folder, file: str) -> str:
    corpus = Corpus(folder)
    assert corpus.text(source(file)) is None
    return corpus.why_missing(source(file))


OUTSIDE = ("; expected a file name relative to the corpus folder {root} (such as 'article.txt'): "
           "put the article in that folder and name it from there")


@pytest.mark.parametrize("file, reason", [
    ("../secret.txt", "a path through '..'"),
    ("../../../../../../etc/passwd", "a path through '..'"),
    ("wire/../../secret.txt", "a path through '..'"),
    ("./../secret.txt", "a path through '..'"),
])
def test_a_path_through_dot_dot_is_refused(folder, file, reason):
    assert refused(folder, file) == f"source 'leak': the file '{file}' is {reason}" + OUTSIDE.format(root=folder)


def test_even_a_path_through_dot_dot_that_comes_back_in_is_refused(folder):
    """'sub/../wire.txt' is inside, but a name with '..' in it is never needed."""
    assert "is a path through '..'" in refused(folder, "sub/../wire.txt")


def test_an_absolute_path_is_refused(folder):
    secret = str(folder.parent / "secret.txt")
    assert refused(folder, secret) == f"source 'leak': the file '{secret}' is an absolute path" + \
        OUTSIDE.format(root=folder)


def test_a_link_that_leads_out_of_the_folder_is_refused(folder):
    (folder / "link.txt").symlink_to(folder.parent / "secret.txt")
    (folder / "up").symlink_to(folder.parent)
    secret = (folder.parent / "secret.txt").resolve()
    for file in ("link.txt", "up/secret.txt"):
        assert refused(folder, file) == (f"source 'leak': the file '{file}' is a link that leads out of the "
                                         f"folder, to {secret}" + OUTSIDE.format(root=folder))


def test_a_link_that_stays_in_the_folder_is_read(folder):
    (folder / "sub").mkdir()
    (folder / "sub" / "alias.txt").symlink_to(folder / "wire.txt")
    assert Corpus(folder).text(source("sub/alias.txt")) == "On Monday the town was taken.\n"


def test_a_corpus_folder_reached_through_a_link_reads_its_articles(folder, tmp_path):
    (tmp_path / "via").symlink_to(folder)
    assert Corpus(tmp_path / "via").text(source("wire.txt")) == "On Monday the town was taken.\n"


def test_what_is_not_a_regular_file_is_refused_without_reading(folder):
    """A FIFO with no writer would block the read for ever; a folder cannot be read."""
    os.mkfifo(folder / "pipe")
    (folder / "sub").mkdir()
    assert refused(folder, "pipe") == (f"source 'leak': {folder / 'pipe'} is a named pipe (FIFO), not a regular "
                                       "file; expected the article's text in a plain file: name that file")
    assert refused(folder, "sub").startswith(f"source 'leak': {folder / 'sub'} is a folder, not a regular file")


def test_a_device_is_refused_even_through_a_link_inside(folder):
    (folder / "zero").symlink_to("/dev/zero")
    assert "is a link that leads out of the folder, to /dev/zero" in refused(folder, "zero")


def test_a_file_too_large_for_an_article_is_refused(folder):
    with open(folder / "huge.txt", "wb") as stream:
        stream.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: no disk space taken
    assert MAX_ARTICLE_BYTES == 50 * 1024 * 1024
    assert refused(folder, "huge.txt") == (f"source 'leak': {folder / 'huge.txt'} is 52 MB, more than the 50 MB "
                                           "an article's text may be; check that this is the right file")


def test_a_text_that_is_not_utf8_says_where(folder):
    (folder / "latin.txt").write_bytes("Caf\u00e9 au lait.\nNa\u00efve.\n".encode("latin-1"))
    assert refused(folder, "latin.txt") == (f"source 'leak': {folder / 'latin.txt'} is not UTF-8 text (byte 0xe9 "
                                            "at line 1, column 4); save the article as UTF-8 and check again")


def test_a_missing_file_says_what_to_do(folder):
    assert refused(folder, "lost.txt") == (f"source 'leak': {folder / 'lost.txt'} does not exist; check the "
                                           "file name, or put the article in the corpus folder")


def test_a_name_with_a_nul_byte_is_refused(folder):
    assert refused(folder, "wire.txt\x00") == (f"source 'leak': the file 'wire.txt\\x00' has a NUL character in "
                                               f"its name" + OUTSIDE.format(root=folder))


def test_where_each_source_names_its_file(write):
    path = write("events.yaml", """\
        sources:
          wire: {outlet: Wire, published: 2021-05-01, file: ../../etc/passwd}
          paper:
            outlet: Paper
            published: 2021-05-01
            file: paper.txt
          notes: {outlet: Notes, published: 2021-05-01}
        events: []
        """)
    assert file_positions(path) == {"wire": Pos(2, 53), "paper": Pos(6, 11)}
    header = write("events.jsonl", '{"sources": {"wire": {"outlet": "W", "published": "2021", "file": "a.txt"}}}\n')
    assert file_positions(header) == {"wire": Pos(1)}
    assert file_positions(write("inline.jsonl", '{"id": "a"}\n')) == {}  # sources in place: their citation's line
    assert file_positions(write("broken.yaml", "sources: [\n")) == {}
