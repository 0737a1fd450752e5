"""The Markdown chronology keeps the structure: each denial or answer names the claim it
answers (and the claim its answers), each article is cited once with its quotes under it,
no quotation mark is added to a quote, and nothing from the file changes the document.

The documents are read back with markdown-it (CommonMark, with GitHub's tables and
strikethrough), as a reader's Markdown viewer would read them.
"""

import json
import re
from dataclasses import replace
from html.parser import HTMLParser

from conftest import EVENTS
from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt
from test_loader_paths import examples

from timeline.claims import ANSWERS
from timeline.dates import parse_date
from timeline.chronology import LINK_NAMES
from timeline.export import to_markdown, to_timelinejs
from timeline.loader import load
from timeline.model import INVERSE_NAMES, Citation, Event, Relation, Source, Timeline

QUOTATION_MARKS = "\"'“”‘’«»„‚‹›「」"
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


class Page(HTMLParser):
    """What a reader sees of rendered HTML: its text, and the tags in their order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(name for name, _ in attrs)))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag, ()))

    def handle_data(self, data):
        self.text.append(data)


def page(markdown: str) -> Page:
    reader = Page()
    reader.feed(MARKDOWN.render(markdown))
    return reader


def one_line(text: str) -> str:
    """Text as Markdown shows it: each run of spaces and line breaks one space, and no
    white space (a no-break space too) at either end."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def event_blocks(text: str) -> dict[str, str]:
    """Each event's lines in the chronology (its own line and the links under it), by id."""
    chronology = text[:text.index("\n## Sources\n")]
    blocks = re.split(r'\n(?=- <a id="event-)', chronology)
    return {re.match(r'- <a id="event-([^"]+)"', b).group(1): b for b in blocks if b.startswith("- <a id")}


# --- the bundled file ---------------------------------------------------------------------

def test_each_denial_and_answer_names_the_claim_it_answers_and_the_claim_its_answers():
    timeline = load(EVENTS)
    text = to_markdown(timeline, list(timeline.events))
    blocks = event_blocks(text)
    links = [(e, r) for e in timeline.events for r in e.related if r.type in ANSWERS]
    assert len(links) >= 15 and any(r.type == "denies" for _, r in links)
    for answer, relation in links:
        claim = timeline.event(relation.event)
        named = f"[{claim.title}](#event-{claim.id}) ({claim.date.display()})"
        assert f"\n  - {LINK_NAMES[relation.type]}: {named}" in blocks[answer.id]
        back = f"[{answer.title}](#event-{answer.id}) ({answer.date.display()})"
        assert f"\n  - {INVERSE_NAMES[relation.type].capitalize()}: {back}" in blocks[claim.id]
    assert set(blocks) == {e.id for e in timeline.events}  # every anchor a link can go to


def test_a_denial_reads_with_its_claim():
    """As a reader sees it: Karimov's denial names Kadyrov's claim, and the claim names its denial."""
    timeline = load(EVENTS)
    blocks = event_blocks(to_markdown(timeline, list(timeline.events)))
    denial = next(e for e in timeline.events if e.kind == "denial" and e.related)
    claim = timeline.event(next(r.event for r in denial.related if r.type == "denies"))
    assert f"  - Denies: [{claim.title}](#event-{claim.id})" in blocks[denial.id]
    assert f"  - Denied by: [{denial.title}](#event-{denial.id})" in blocks[claim.id]


def without_marks(text: str | None) -> str | None:
    return text.translate({ord(mark): None for mark in QUOTATION_MARKS}) if text is not None else None


def squeezed(text: str) -> str:
    """Text without its white space: taking a mark out of '“ a' leaves ' a', shown as 'a'."""
    return "".join(text.split())


def timeline_without_marks(timeline: Timeline) -> Timeline:
    """The same timeline with every quotation mark taken out of its texts."""
    events = [replace(e, title=without_marks(e.title), summary=without_marks(e.summary),
                      sources=[Citation(c.source, without_marks(c.quote)) for c in e.sources])
              for e in timeline.events]
    sources = {i: replace(s, outlet=without_marks(s.outlet), headline=without_marks(s.headline))
               for i, s in timeline.sources.items()}
    return Timeline([e.to_record() for e in events], sources, title=without_marks(timeline.title))


def adds_no_quotation_mark(timeline: Timeline, **options) -> None:
    """The document shows the marks the texts have, and no other: without them in the
    texts, it is the document without them."""
    shown = "".join(page(to_markdown(timeline, list(timeline.events), **options)).text)
    plain = timeline_without_marks(timeline)
    assert squeezed(without_marks(shown)) == squeezed("".join(page(to_markdown(plain, list(plain.events),
                                                                                **options)).text))


def test_the_bundled_chronology_adds_no_quotation_mark():
    timeline = load(EVENTS)
    adds_no_quotation_mark(timeline)
    quote = "“We will, with the consent of Allah, free Chechnya and all of the Caucasus!” said the fighter."
    assert f"\n  > {quote}\n" in to_markdown(timeline, list(timeline.events))  # once wrapped as ““...”
    assert not re.search(r"““|””|“\"|\"”", to_markdown(timeline, list(timeline.events)))


# --- any text -------------------------------------------------------------------------------

SPECIALS = list("*_[]()<>#|~`\\!&;:-+=.1 \t\n") + list(QUOTATION_MARKS) + ["a", "b", "&amp;", "&#35;", "http://x.y",
                                                                           "\u00a0", "é"]
# Each with something besides quotation marks and spaces: a headline of marks alone would be
# no headline without them, and the documents compared would differ by more than the marks.
texts = st.lists(st.sampled_from(SPECIALS), min_size=1, max_size=12).map("".join).filter(
    lambda t: without_marks(t).strip())


def claim_and_denial(title, claim_title, summary, quote, outlet, headline, answer_title) -> Timeline:
    """A claim and its denial, from one article."""
    source = Source("src", outlet, parse_date("2016-02-09"), headline, "https://example.org/a?b=1&c=2")
    claim = Event("claim", parse_date("2016-02-08"), "claim", claim_title, summary=summary, status="disputed",
                  sources=[Citation("src", quote), Citation("src", quote + " again")])
    answer = Event("answer", parse_date("2016-02-10~"), "denial", answer_title,
                   sources=[Citation("src", quote)], related=[Relation("denies", "claim")])
    return Timeline([claim.to_record(), answer.to_record()], {"src": source}, title=title)


def documents(*texts) -> str:
    timeline = claim_and_denial(*texts)
    return to_markdown(timeline, list(timeline.events), filters=f"text: {texts[0]}")


@settings(max_examples=examples(200), deadline=None)
@given(st.tuples(*[texts] * 7))
def test_no_text_changes_the_document_and_no_quote_gets_marks_of_ours(given_texts):
    """Whatever the titles, quotes, outlets and headlines hold, the document has the shape
    it has with plain words (the same tags, in the same order), shows each text as written,
    and has no quotation mark but theirs."""
    shown = page(documents(*given_texts))
    assert shown.tags == page(documents(*["x"] * 7)).tags
    for written in given_texts:
        assert one_line(written) in "".join(shown.text)
    adds_no_quotation_mark(claim_and_denial(*given_texts))


def test_markdown_in_the_data_stays_text():
    title = "*Breaking*: _news_ [here](http://x) #1 | <b>bold</b> `code` ~~gone~~ &amp; 1\\2"
    shown = page(documents(title, title, title, "- 1. > # quote", title, title, title))
    assert title in "".join(shown.text)
    assert "- 1. > # quote" in "".join(shown.text)
    assert not {tag for tag, _ in shown.tags} & {"b", "code", "del", "s", "table", "h3", "img"}


# --- TimelineJS -----------------------------------------------------------------------------

def test_timelinejs_escapes_headlines_dates_and_groups_as_it_reads_them_as_html():
    event = Event("e", parse_date("2016-02-09"), "claim", "<script>alert(1)</script> & more",
                  sources=[Citation("src", "q")])
    timeline = Timeline([event.to_record()], {"src": Source("src", "O")}, title="A <b>title</b>")
    document = json.loads(to_timelinejs(timeline, list(timeline.events)))
    assert document["title"]["text"]["headline"] == "A &lt;b&gt;title&lt;/b&gt;"
    slide = document["events"][0]
    assert slide["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
    assert slide["group"] == "claim" and slide["display_date"] == "9 Feb 2016"
