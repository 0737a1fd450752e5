"""`timeline draft`: candidate events from an article, as the user runs it."""

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EVENTS, SEEDS, needs_seeds, run

from timeline.corpus import Corpus, verify_quotes
from timeline.loader import load

DRAFTING = Path(__file__).resolve().parent.parent / "drafting"  # news paragraphs written for these tests


def _article(tmp_path, name="wire-strike.txt") -> Path:
    article = tmp_path / name
    shutil.copy(DRAFTING / name, article)
    return article


def test_draft_to_standard_output_is_an_events_file_whose_quotes_are_all_in_the_article(tmp_path):
    article = _article(tmp_path)
    result = run("draft", str(article), "--published", "2023-06-16", "--outlet", "Wire A", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    draft = tmp_path / "draft.yaml"
    draft.write_text(result.stdout, encoding="utf-8")
    checked = run("check", str(draft), "--corpus", str(tmp_path), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.endswith("; 0 errors, 0 warnings\n")
    timeline = load(draft)
    assert all("draft" in event.tags for event in timeline.events)
    [source] = timeline.sources.values()
    assert (source.outlet, source.published.edtf(), source.file) == ("Wire A", "2023-06-16", "wire-strike.txt")
    kinds = {event.kind for event in timeline.events}
    assert {"airstrike", "claim", "denial", "statement", "report"} <= kinds
    # the corpus line points at the article's folder, so the draft checks on its own too
    assert run("check", str(draft), cwd=tmp_path).returncode == 0


def test_draft_with_headline_and_url_writes_them_on_the_source(tmp_path):
    article = _article(tmp_path)
    result = run("draft", str(article), "--published", "2023-06-16", "--outlet", "Wire A", "--headline",
                 "Army strikes rebels", "--url", "https://example.org/a", cwd=tmp_path)
    source = yaml.safe_load(result.stdout)["sources"]["wire-a-2023-06-16"]
    assert source == {"outlet": "Wire A", "headline": "Army strikes rebels", "published": "2023-06-16",
                      "url": "https://example.org/a", "file": "wire-strike.txt"}


def test_undated_candidates_say_so_and_take_the_publication_open_before(tmp_path):
    article = _article(tmp_path, "paper-trial.txt")  # no news dated in the week before: nothing to go by
    result = run("draft", str(article), "--published", "2019-11-13", "--outlet", "Paper", cwd=tmp_path)
    events = yaml.safe_load(result.stdout)["events"]
    warned = next(e for e in events if "warned jurors" in e["sources"][0]["quote"])
    assert warned["date"] == "../2019-11-13"
    assert warned["date_basis"].startswith("No date in the passage: at or before its publication (Wed 2019-11-13)")
    told = next(e for e in events if "told a court" in e["sources"][0]["quote"])
    assert told["date"] == "2019-11-12" and "'on Tuesday'" in told["date_basis"]


def test_undated_statements_answer_the_news_of_the_week(tmp_path):
    article = _article(tmp_path)
    result = run("draft", str(article), "--published", "2023-06-16", "--outlet", "Wire A", cwd=tmp_path)
    events = yaml.safe_load(result.stdout)["events"]
    refusal = next(e for e in events if "refused to confirm" in e["sources"][0]["quote"])
    assert refusal["date"] == "2023-06-14?/2023-06-16"
    assert "the article's news, 'Wednesday's' (2023-06-14), is the earliest it can be" in refusal["date_basis"]
    strikes = next(e for e in events if e["kind"] == "airstrike")
    assert strikes["date"] == "2023-06-15" and "'on Thursday'" in strikes["date_basis"]


def test_output_file_is_new_unless_forced_and_never_the_article(tmp_path):
    article = _article(tmp_path)
    out = tmp_path / "draft.yaml"
    base = ("draft", str(article), "--published", "2023-06-16", "--outlet", "Wire A")
    first = run(*base, "-o", str(out), cwd=tmp_path)
    assert first.returncode == 0 and first.stderr == f"wrote {out}\n" and first.stdout == ""
    written = out.read_bytes()
    again = run(*base, "-o", str(out), cwd=tmp_path)
    assert again.returncode == 2
    assert f"timeline: {out} exists already; choose a new name, or add --force to replace it" in again.stderr
    assert run(*base, "-o", str(out), "--force", cwd=tmp_path).returncode == 0
    assert out.read_bytes() == written
    before = article.read_bytes()
    onto_article = run(*base, "-o", str(article), "--force", cwd=tmp_path)
    assert onto_article.returncode == 2 and "that is the input file" in onto_article.stderr
    assert article.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.yaml", "wire-strike.txt"]  # no temporary left


def test_a_publication_date_must_be_a_date_with_a_last_day(tmp_path):
    article = _article(tmp_path)
    bad = run("draft", str(article), "--published", "sometime", cwd=tmp_path)
    assert bad.returncode == 2 and "--published" in bad.stderr
    open_ended = run("draft", str(article), "--published", "2016-02/..", cwd=tmp_path)
    assert open_ended.returncode == 2
    assert "give the day, or an interval with both ends" in open_ended.stderr
    missing = run("draft", str(tmp_path / "nothing.txt"), "--published", "2016-02-09", cwd=tmp_path)
    assert missing.returncode == 2 and "nothing.txt" in missing.stderr


def _into(tmp_path) -> Path:
    """An events file that already has the strike story from another wire."""
    into = tmp_path / "events.yaml"
    into.write_text("""\
title: "Border war"
corpus: "."
sources:
  wire-a:
    outlet: "Wire A"
    published: "2023-06-16"
    file: "wire-strike.txt"
actors:
  army:
    name: "National army"
    aliases: ["the army", "military"]
  civilians:
    name: "Civilians"
    aliases: ["civilian casualties", "civilians"]
  farouk:
    name: "Ahmed Farouk"
    aliases: ["Colonel Ahmed Farouk"]
events:
  - id: army-will-not-confirm-civilian-deaths
    date: "2023-06-15/2023-06-16"
    date_basis: "after the strikes of Thursday"
    kind: denial
    title: "Army will not confirm civilian casualties"
    actors: [army, civilians]
    sources:
      - {source: wire-a, quote: "The army refused to confirm any civilian casualties."}
  - id: farouk-says-strikes-destroyed-depots
    date: "2023-06-15/2023-06-16"
    date_basis: "after the strikes of Thursday"
    kind: statement
    title: "Army spokesman says the strikes destroyed command centres"
    actors: [farouk]
    sources:
      - {source: wire-a, quote: "said the strikes had destroyed \\"several command centres and weapons depots.\\""}
""", encoding="utf-8")
    return into


def test_into_matches_actors_proposes_corroboration_and_changes_nothing(tmp_path):
    _article(tmp_path)
    other = tmp_path / "paper-b.txt"  # another outlet: the wire copy, and the refusal in its own words
    other.write_text("Air strikes hit rebel bases on Thursday.\n\nColonel Ahmed Farouk said the strikes had "
                     "destroyed \"several command centres and weapons depots\" near the border.\n\nThe army "
                     "declined to comment on reports of civilian casualties.\n\nThe rebels vowed revenge.\n",
                     encoding="utf-8")
    into = _into(tmp_path)
    before = into.read_bytes()
    result = run("draft", str(other), "--published", "2023-06-16", "--outlet", "Paper B", "--into", str(into),
                 "-o", str(tmp_path / "draft.yaml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert into.read_bytes() == before
    text = (tmp_path / "draft.yaml").read_text(encoding="utf-8")
    block = text[text.index("# Corroboration"):]
    assert "# farouk-says-strikes-destroyed-depots (line" in block and "its words overlap a quote" in block
    assert "# army-will-not-confirm-civilian-deaths (line" in block
    assert "the same speaker (National army), the same kind of saying (refusal), about Civilians" in block
    assert '#         quote: "The army declined to comment on reports of civilian casualties."' in block
    draft = load(tmp_path / "draft.yaml")
    quotes = [c.quote for e in draft.events for c in e.sources]
    assert not any("declined to comment" in q or "command centres" in q for q in quotes)
    rebels = next(e for e in draft.events if "vowed revenge" in e.sources[0].quote)
    assert "threat" in rebels.tags
    assert run("check", str(tmp_path / "draft.yaml"), cwd=tmp_path).returncode == 0


def test_into_reuses_the_articles_source_and_known_actor_ids(tmp_path):
    article = _article(tmp_path)
    into = _into(tmp_path)
    result = run("draft", str(article), "--published", "2023-06-16", "--into", str(into), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert list(data["sources"]) == ["wire-a"] and data["sources"]["wire-a"]["outlet"] == "Wire A"
    assert "already in events.yaml as wire-a" in result.stdout
    assert "already cites this article here; nothing to add" in result.stdout
    strikes = next(e for e in data["events"] if e["kind"] == "airstrike")
    assert {"actor": "army", "role": "reporter"} in strikes["actors"]


def test_into_is_never_the_output(tmp_path):
    article = _article(tmp_path)
    into = _into(tmp_path)
    before = into.read_bytes()
    (tmp_path / "link.yaml").symlink_to(into)
    for out in (into, tmp_path / "link.yaml"):
        result = run("draft", str(article), "--published", "2023-06-16", "--into", str(into), "-o", str(out),
                     "--force", cwd=tmp_path)
        assert result.returncode == 2 and "that is the --into file" in result.stderr
    assert into.read_bytes() == before


@needs_seeds
@pytest.mark.parametrize("index", range(5))
def test_every_draft_of_a_seed_article_checks_against_the_corpus(tmp_path, index):
    facts = yaml.safe_load((SEEDS / "sources.yaml").read_text(encoding="utf-8"))[index]
    events_before = EVENTS.read_bytes()
    out = tmp_path / "draft.yaml"
    result = run("draft", str(SEEDS / facts["file"]), "--published", str(facts["published"]), "--outlet",
                 facts["outlet"], "-o", str(out))
    assert result.returncode == 0, result.stderr
    checked = run("check", str(out), "--corpus", str(SEEDS))
    assert checked.returncode == 0, checked.stderr
    timeline = load(out)
    checks = verify_quotes(timeline, Corpus(SEEDS))
    assert checks and all(c.found for c in checks)
    with_into = run("draft", str(SEEDS / facts["file"]), "--published", str(facts["published"]), "--into",
                    str(EVENTS), "-o", str(tmp_path / "into.yaml"))
    assert with_into.returncode == 0, with_into.stderr
    assert run("check", str(tmp_path / "into.yaml"), "--corpus", str(SEEDS)).returncode == 0
    assert EVENTS.read_bytes() == events_before
