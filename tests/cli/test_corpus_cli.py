"""`timeline check --corpus DIR` reads only the regular files inside DIR: a hostile
`file:` is a problem at its line, never the first line of whatever it leads to, and never
a hang."""

import os

from conftest import run

EVENTS = """\
sources:
  wire: {{outlet: Wire, published: 2021-05-01, file: {file}}}
events:
  - id: taken
    date: 2021-05-01
    date_basis: stated
    kind: report
    title: The town is taken
    sources:
      - {{source: wire, quote: "root:x:0:0"}}
      - {{source: wire, quote: "The town fell."}}
"""


def check(tmp_path, file: str):
    events = tmp_path / "events.yaml"
    events.write_text(EVENTS.format(file=file), encoding="utf-8")
    corpus = tmp_path / "articles"
    corpus.mkdir(exist_ok=True)
    return run("check", str(events), "--corpus", str(corpus), timeout=30), events, corpus


def test_a_file_that_climbs_out_of_the_corpus_is_a_problem_at_its_line(tmp_path):
    result, events, corpus = check(tmp_path, "../../../../../../../../etc/passwd")
    assert result.returncode == 2
    assert result.stderr == (
        f"{events}:2:53: cannot check 2 quotes: source 'wire': the file '../../../../../../../../etc/passwd' is a "
        f"path through '..'; expected a file name relative to the corpus folder {corpus} (such as 'article.txt'): "
        "put the article in that folder and name it from there\n")
    assert "root:" not in result.stdout.replace('"root:x:0:0"', "")
    assert result.stdout == f"{events}: 1 event, 1 source, 0 actors; 0 of 2 quotes found verbatim in {corpus}; " \
                            "1 error, 0 warnings\n"


def test_an_absolute_file_is_refused(tmp_path):
    result, events, corpus = check(tmp_path, "/etc/passwd")
    assert result.returncode == 2 and "the file '/etc/passwd' is an absolute path" in result.stderr
    assert "nearest" not in result.stderr


def test_a_link_out_of_the_corpus_is_refused(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "wire.txt").symlink_to("/etc/passwd")
    result, events, corpus = check(tmp_path, "wire.txt")
    assert result.returncode == 2
    assert f"{events}:2:53: cannot check 2 quotes: source 'wire': the file 'wire.txt' is a link that leads out " \
           f"of the folder, to /etc/passwd" in result.stderr
    assert "nearest" not in result.stderr


def test_a_fifo_in_the_corpus_is_refused_at_once(tmp_path):
    (tmp_path / "articles").mkdir()
    os.mkfifo(tmp_path / "articles" / "wire.txt")  # no writer: an open for reading would wait for ever
    result, events, corpus = check(tmp_path, "wire.txt")
    assert result.returncode == 2
    assert f"{corpus / 'wire.txt'} is a named pipe (FIFO), not a regular file" in result.stderr


def test_an_article_that_is_not_utf8_is_a_message(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "wire.txt").write_bytes(b"The town fell.\n\xff\n")
    result, events, corpus = check(tmp_path, "wire.txt")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{corpus / 'wire.txt'} is not UTF-8 text (byte 0xff at line 2, column 1)" in result.stderr


def test_a_huge_article_is_a_message(tmp_path):
    (tmp_path / "articles").mkdir()
    with open(tmp_path / "articles" / "wire.txt", "wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # sparse: no disk space taken
    result, events, corpus = check(tmp_path, "wire.txt")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{corpus / 'wire.txt'} is 210 MB, more than the 50 MB an article's text may be" in result.stderr


def test_a_paraphrase_is_not_looked_for_in_its_article(tmp_path):
    """Not the article's words: neither found nor missed, and the summary says so."""
    events = tmp_path / "events.yaml"
    events.write_text(EVENTS.format(file="wire.txt").replace(
        '{source: wire, quote: "root:x:0:0"}', '{source: wire, paraphrase: "The army says it holds the town."}'),
        encoding="utf-8")
    (tmp_path / "wire.txt").write_text("The town fell.\n", encoding="utf-8")
    result = run("check", str(events), "--corpus", str(tmp_path), timeout=30)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (f"{events}: 1 event, 1 source, 0 actors; 1 of 1 quotes found verbatim in {tmp_path} "
                             "(1 paraphrase not checked: not the articles' words); 0 errors, 0 warnings\n")
