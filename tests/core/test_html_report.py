"""The HTML report: one page that needs nothing from outside, with every event, every
citation as written (paraphrases said to be such), the claim/answer links as anchors both
ways, the articles numbered as the Markdown export numbers them, and nothing from the file
changing the page.

The pages are read back with html.parser, as a browser's parser reads them (the
Chromium test, tests/cli/test_html_chromium.py, opens them in a real one).
"""

import re
from html.parser import HTMLParser

from conftest import EVENTS
from hypothesis import given, settings, strategies as st
from test_loader_paths import examples

from timeline.dates import parse_date
from timeline.export import export_text, to_markdown
from timeline.html_report import DENIED_LABEL, PARAPHRASE_LABEL, to_html, url
from timeline.loader import load
from timeline.model import Actor, ActorRole, Citation, Event, Figure, Relation, Source, Timeline


class Element:
    def __init__(self, tag: str, attrs: dict, parent: "Element | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list = []  # Elements and texts

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()

    def find(self, tag: str | None = None, cls: str | None = None) -> list["Element"]:
        return [e for e in self.walk() if (tag is None or e.tag == tag)
                and (cls is None or cls in e.attrs.get("class", "").split())]


VOID = {"meta", "br", "hr", "img", "input", "link"}


class Tree(HTMLParser):
    """The page as a tree of elements, and its tags in the order they come."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.at = Element("#document", {}, None)
        self.tags: list[tuple[str, tuple]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        element = Element(tag, dict(attrs), self.at)
        self.at.children.append(element)
        if tag not in VOID:
            self.at = element

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag, ()))
        assert self.at.tag == tag, f"</{tag}> closes <{self.at.tag}>"
        self.at = self.at.parent

    def handle_data(self, data):
        self.at.children.append(data)


def tree(page: str) -> Tree:
    parsed = Tree()
    parsed.feed(page)
    parsed.close()
    assert parsed.at is parsed.root, "an element is left open"
    return parsed


def bundled():
    timeline = load(EVENTS)
    return timeline, tree(to_html(timeline, list(timeline.events))).root


def articles(root: Element) -> dict[str, Element]:
    return {a.attrs["id"].removeprefix("event-"): a for a in root.find("article", "event")}


def test_every_event_in_time_order_with_its_date_title_and_every_citation():
    timeline, root = bundled()
    shown = articles(root)
    assert list(shown) == [e.id for e in timeline.events]
    for e in timeline.events:
        article = shown[e.id]
        assert article.find(cls="title")[0].text() == e.title
        assert article.find(cls="date")[0].text() == e.date.display()
        assert article.find(cls="date")[0].attrs["title"] == e.date.edtf()
        quotes = [b.text() for b in article.find("blockquote")]
        assert quotes == [c.quote for c in e.sources if c.quote is not None]
        items = [c for c in article.find("ul", "citations")[0].children if isinstance(c, Element)]
        assert len(items) == len(e.sources)
        for item, c in zip(items, e.sources):
            source = timeline.sources[c.source]
            cited = item.find(cls="cite")[0]
            assert source.outlet in cited.text()
            assert (source.headline or "") in cited.text() and source.published.display() in cited.text()
            if source.url:
                assert [a.attrs["href"] for a in cited.find("a", "url")] == [source.url]


def test_uncertainty_shows_in_words_and_a_season_its_days():
    event = Event("e", parse_date("2016-21~"), "other", "In spring", sources=[Citation("s", "q")])
    timeline = Timeline([event.to_record()], {"s": Source("s", "O", parse_date("2016-06-01"))})
    date = tree(to_html(timeline, list(timeline.events))).root.find("h3")[0]
    assert date.text() == "Spring 2016~ (approximate) (1 Mar – 31 May 2016) — In spring"


def test_articles_are_numbered_as_the_markdown_export_numbers_them():
    timeline, root = bundled()
    markdown = to_markdown(timeline, list(timeline.events))
    for e in timeline.events:
        line = next(li for li in markdown.splitlines() if f'<a id="event-{e.id}"></a>' in li)
        numbers = re.findall(r"\[\[(\d+)\]\]\(#source-\d+\)", line)
        assert articles(root)[e.id].find("ul", "citations")[0].attrs["data-sources"] == " ".join(numbers)
    sources = root.find("div", "source")
    headings = re.findall(r'<a id="source-(\d+)"></a>\*\*\[\d+\]\*\* ([^,]+)', markdown)
    assert [(s.attrs["id"].removeprefix("source-"), s.find("p", "article")[0].text().split("] ", 1)[1]
             .split(",")[0]) for s in sources] == headings


def test_each_source_lists_the_events_that_cite_it_as_links_back():
    timeline, root = bundled()
    shown = articles(root)
    for source in root.find("div", "source"):
        targets = [a.attrs["href"] for a in source.find("ul")[0].find("a")]
        citing = [f"#event-{e.id}" for e in timeline.events
                  if any(a.attrs["href"] == f"#{source.attrs['id']}" for a in shown[e.id].find("a", "ref"))]
        assert targets == citing and targets, source.text()


def test_claims_and_answers_link_to_each_other_both_ways():
    timeline, root = bundled()
    shown = articles(root)
    ids = set(shown)
    pairs = 0
    for e in timeline.events:
        for r in e.related:
            if r.event not in ids:
                continue
            pairs += 1
            there = [a.attrs["href"] for a in shown[e.id].find("ul", "links")[0].find("a")]
            back = [a.attrs["href"] for a in shown[r.event].find("ul", "links")[0].find("a")]
            assert f"#event-{r.event}" in there and f"#event-{e.id}" in back
    assert pairs >= 5
    denied = [e for e in timeline.events if timeline.is_denied(e)]
    assert denied and all(DENIED_LABEL in shown[e.id].find("p", "meta")[0].text() for e in denied)


def test_a_link_to_an_event_left_out_names_it_without_an_anchor():
    timeline = load(EVENTS)
    answer = next(e for e in timeline.events if any(r.type == "denies" for r in e.related))
    claim = timeline.event(next(r.event for r in answer.related if r.type == "denies"))
    links = articles(tree(to_html(timeline, [answer], ["text: x"])).root)[answer.id].find("ul", "links")[0]
    assert f"Denies: {claim.title} ({claim.date.display()}; not in this export)" in [li.text() for li in links.find("li")]
    assert not links.find("a")


def test_the_filters_used_are_named():
    timeline = load(EVENTS)
    peskov = [e for e in timeline.events if "peskov" in e.actor_ids]
    root = tree(export_text("html", timeline, peskov, ["actor: Dmitry Peskov", "kind: statement"])).root
    assert root.find("p", "scope")[0].text() == f"{len(peskov)} of {len(timeline.events)} events, chosen by these filters:"
    assert [li.text() for li in root.find("ul", "filters")[0].find("li")] == ["actor: Dmitry Peskov", "kind: statement"]
    assert len(articles(root)) == len(peskov)


def test_a_paraphrase_is_said_to_be_one_and_is_no_block_quote():
    event = Event("e", parse_date("2016-02-09"), "other", "T",
                  sources=[Citation("s", None, paraphrase="what it says"), Citation("s", "its words")])
    timeline = Timeline([event.to_record()], {"s": Source("s", "O", parse_date("2016-02-09"))})
    root = tree(to_html(timeline, list(timeline.events))).root
    said = root.find("li", "paraphrase")[0]
    assert said.find("p", "said")[0].text() == f"{PARAPHRASE_LABEL} what it says"
    assert not said.find("blockquote")
    assert [b.text() for b in root.find("blockquote")] == ["its words"]


def test_the_page_needs_nothing_from_outside():
    """No script, stylesheet, font, image or frame to fetch: the only addresses are the
    page's own anchors and the articles' links."""
    timeline = load(EVENTS)
    page = to_html(timeline, list(timeline.events))
    parsed = tree(page)
    assert not {tag for tag, _ in parsed.tags} & {"script", "link", "img", "iframe", "object", "embed", "video",
                                                  "audio", "source", "base", "form"}
    assert not any("src" in attrs for _, attrs in parsed.tags)
    style = parsed.root.find("style")[0].text()
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    for a in parsed.root.find("a"):
        href = a.attrs["href"]
        assert href.startswith("#") or href.startswith(("https://", "http://")), href
        if href.startswith("#"):
            assert any(e.attrs.get("id") == href[1:] for e in parsed.root.walk()), href
    assert "@media print" in style


def test_only_http_addresses_become_links():
    assert url("https://example.org/a?b=1&c=2") == \
        '<a class="url" href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>'
    for address in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "file:///etc/passwd", "data:text/html,x",
                    "http://[", "example.org", '"><script>x</script>', "https://example.org/a b",
                    "https://example.org/\u202e"):
        shown = tree(url(address))
        assert not shown.root.find("a") and shown.root.text() == address


# --- escaping -----------------------------------------------------------------------------

def many_texts(title, claim_title, summary, quote, outlet, headline, address, paraphrase, place, actor, tag, basis):
    """A claim and its denial, every text of theirs given."""
    source = Source("src", outlet, parse_date("2016-02-09"), headline, address)
    claim = Event("claim", parse_date("2016-02-08"), "claim", claim_title, summary=summary, status="disputed",
                  location=place, actors=[ActorRole("who")], tags=[tag], date_basis=basis,
                  figures=[Figure("dead", 3, what=summary, claimed_by="who")],
                  sources=[Citation("src", quote), Citation("src", None, paraphrase=paraphrase)])
    answer = Event("answer", parse_date("2016-02-10~"), "denial", title,
                   sources=[Citation("src", quote)], related=[Relation("denies", "claim")])
    return Timeline([claim.to_record(), answer.to_record()], {"src": source}, {"who": Actor("who", actor)},
                    title=title)


def page_of(texts) -> Tree:
    timeline = many_texts(*texts)
    return tree(to_html(timeline, list(timeline.events), [f"text: {texts[0]}"]))


SPECIALS = list("<>&\"'=/;#! \t\n") + ["<script>", "</p>", "<!--", "-->", "&amp;", "&#35;", "&lt", "]]>",
                                       "javascript:", "http://x.y", "\u00a0", "é", "“", "a", "b"]
texts = st.one_of(st.text(min_size=1, max_size=20), st.lists(st.sampled_from(SPECIALS), min_size=1, max_size=10)
                  .map("".join)).filter(lambda t: t.strip() and "\r" not in t and "\x00" not in t)


@settings(max_examples=examples(200), deadline=None)
@given(st.tuples(*[texts] * 12))
def test_any_text_shows_as_written_and_changes_nothing_in_the_page(given_texts):
    """Whatever the texts hold, the page has the shape it has with plain words (the same
    tags with the same attributes, in the same order) and each element shows its text as
    written."""
    (title, claim_title, summary, quote, outlet, headline, address, paraphrase, place, actor, tag,
     basis) = given_texts
    shown = page_of(given_texts)
    plain = page_of(["x"] * 6 + ["https://example.org" if url(address).startswith("<a") else "x"] + ["x"] * 5)
    assert shown.tags == plain.tags
    root = shown.root
    assert root.find("title")[0].text() == title == root.find("h1")[0].text()
    claim, answer = root.find("article")
    assert claim.find(cls="title")[0].text() == claim_title and answer.find(cls="title")[0].text() == title
    assert claim.find("p", "summary")[0].text() == summary
    assert [b.text() for b in root.find("blockquote")] == [quote, quote]
    assert claim.find("p", "said")[0].text() == f"{PARAPHRASE_LABEL} {paraphrase}"
    assert claim.find(cls="location")[0].text() == place and claim.find(cls="actors")[0].text() == actor
    assert claim.find(cls="tags")[0].text() == f"tags: {tag}"
    assert claim.find("p", "basis")[0].text() == f"How dated: {basis}"
    assert root.find("ul", "filters")[0].text() == f"text: {title}"
    cite = claim.find("p", "cite")[0]
    assert cite.find("cite")[0].text() == headline and outlet in cite.text()
    assert cite.find(cls="url")[0].text() == address
    assert [a.attrs["href"] for a in answer.find("ul", "links")[0].find("a")] == ["#event-claim"]


def test_markup_in_the_data_stays_text():
    title = '<b>bold</b> <script>alert("x")</script> &amp; <a href="javascript:x">y</a> <!-- c'
    shown = page_of([title] * 6 + ["javascript:alert(1)"] + [title] * 5)
    assert not {tag for tag, _ in shown.tags} & {"b", "script", "img"}
    assert title in shown.root.text()
    assert all(a.attrs["href"].startswith("#") for a in shown.root.find("a"))
