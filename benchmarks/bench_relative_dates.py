"""How the date resolution agrees with the analyst's dates of the bundled events.yaml.

    python benchmarks/bench_relative_dates.py [EVENTS] [--seeds DIR]

For each event whose date_basis quotes a phrase ('on Wednesday', 'Last October', 'at the
time'), in each of the event's articles that holds the phrase: the sentence that holds it
(the one overlapping the event's quote there, if any) is resolved against the article's
publication date from the seeds' sources.yaml, twice:
- phrase: the date find_all reads from the quoted words themselves;
- sentence: what resolve(sentence, published, context=the text before) gives the sentence.
Each is compared with the event's date by their first and last possible days: "same",
"wider" (ours holds the analyst's date: true, less precise), "narrower" (inside it),
"differs", or "-" (no date read). Prints a table and the figures.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from timeline.dates import parse_date
from timeline.relative_dates import find_all, resolve, sentence_spans

HERE = Path(__file__).resolve().parent
QUOTED = re.compile(r"(?<!\w)'([^']+?)'(?!\w)")


def compare(ours: str | None, theirs: str) -> str:
    if ours is None:
        return "-"
    a, b = parse_date(ours), parse_date(theirs)
    a_first, a_last = a.earliest or parse_date("0001").earliest, a.latest or parse_date("9999").latest
    b_first, b_last = b.earliest or parse_date("0001").earliest, b.latest or parse_date("9999").latest
    if (a_first, a_last) == (b_first, b_last):
        return "same"
    if a_first <= b_first and b_last <= a_last:
        return "wider"
    if b_first <= a_first and a_last <= b_last:
        return "narrower"
    return "differs"


def sentence_with(text: str, phrase: str, quotes: list[str]) -> tuple[int, int] | None:
    """The sentence that holds the phrase ("a ... b": both parts), preferring one that
    overlaps a quote of the event."""
    parts = [p.strip() for p in phrase.split("...")]
    holding = [s for s in sentence_spans(text) if all(p in text[s[0]:s[1]] for p in parts)]
    quoted = [(text.find(q), text.find(q) + len(q)) for q in quotes if q in text]
    overlapping = [s for s in holding if any(a < s[1] and s[0] < b for a, b in quoted)]
    return (overlapping or holding or [None])[0]


def phrase_date(sentence: str, phrase: str, published) -> str | None:
    at = sentence.find(phrase.split("...")[-1].strip())
    return next((r.edtf for r in find_all(sentence, published) if r.start < at + len(phrase) and at < r.end), None)


def rows(events_path: Path, seeds: Path) -> list[dict]:
    data = yaml.safe_load(events_path.read_text(encoding="utf-8"))
    facts = {entry["file"]: entry for entry in yaml.safe_load((seeds / "sources.yaml").read_text(encoding="utf-8"))}
    out = []
    for event in data["events"]:
        for phrase in QUOTED.findall(event.get("date_basis", "")):
            for key in dict.fromkeys(s["source"] for s in event["sources"]):
                file = data["sources"][key]["file"]
                text = (seeds / file).read_text(encoding="utf-8")
                quotes = [s["quote"] for s in event["sources"] if s["source"] == key]
                where = sentence_with(text, phrase, quotes)
                if where is None:
                    continue
                published = parse_date(str(facts[file]["published"]))
                sentence = text[where[0]:where[1]]
                by_phrase = phrase_date(sentence, phrase, published)
                by_sentence = resolve(sentence, published, context=text[:where[0]])
                out.append({"event": event["id"], "file": file[:3], "phrase": phrase, "theirs": str(event["date"]),
                            "phrase_date": by_phrase, "phrase_cmp": compare(by_phrase, str(event["date"])),
                            "sentence_date": by_sentence and by_sentence.edtf,
                            "sentence_cmp": compare(by_sentence and by_sentence.edtf, str(event["date"]))})
    return out


def figures(found: list[dict], column: str) -> str:
    dated = [r for r in found if r[column] != "-"]
    same = sum(r[column] == "same" for r in found)
    wider = sum(r[column] == "wider" for r in found)
    return (f"{same}/{len(dated)} of those read give the same days ({same + wider}/{len(dated)} same or wider: "
            f"true but less precise); {len(found) - len(dated)} of {len(found)} quoted phrases give no date")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", nargs="?", type=Path, default=HERE.parent / "events.yaml")
    parser.add_argument("--seeds", type=Path, default=HERE.parent.parent / "shared" / "seeds")
    args = parser.parse_args()
    if not (args.seeds / "sources.yaml").exists():
        sys.exit(f"no seed articles at {args.seeds} (--seeds DIR)")
    found = rows(args.events, args.seeds)
    print(f"{'event':44} {'art':3} {'phrase':24} {'analyst':22} {'phrase':22} {'':8} {'sentence':22}")
    for r in found:
        print(f"{r['event'][:44]:44} {r['file']:3} {r['phrase'][:24]:24} {r['theirs']:22} "
              f"{r['phrase_date'] or '-':22} {r['phrase_cmp']:8} {r['sentence_date'] or '-':22} {r['sentence_cmp']}")
    print()
    print("phrase:  ", figures(found, "phrase_cmp"))
    print("sentence:", figures(found, "sentence_cmp"))


if __name__ == "__main__":
    main()
