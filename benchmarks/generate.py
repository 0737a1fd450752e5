"""Write a realistic events file of any size, as YAML or JSON Lines.

    python benchmarks/generate.py COUNT OUT.yaml|OUT.jsonl [--seed N]

A mix of kinds, hundreds of actors with aliases, a few thousand sources, a fifth of the
dates uncertain (approximate, uncertain, intervals, open starts), one to three sources
each with a quote, and some relations between events.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

KINDS = ["airstrike", "attack", "statement", "claim", "denial", "report", "media", "deployment", "political", "other"]
KIND_WEIGHTS = [12, 14, 22, 12, 6, 10, 8, 5, 7, 4]
STATUSES = ["reported"] * 7 + ["alleged"] * 2 + ["disputed"]
PLACES = ["Grozny", "Aleppo", "Raqqa", "Moscow", "Idlib", "Homs", "Mosul", "Damascus", "Palmyra", "Nalchik",
          "Makhachkala", "Deir ez-Zor", "Latakia", "Hama", "Kobani", "Tikrit", "Ramadi", "Fallujah"]
VERBS = {
    "airstrike": "strikes targets near", "attack": "attacked in", "statement": "speaks about",
    "claim": "claims gains in", "denial": "denies reports from", "report": "reports casualties in",
    "media": "releases video from", "deployment": "deploys forces to", "political": "appoints envoy for",
    "other": "is mentioned in",
}
WORDS = ("the forces said that operations continued overnight while officials denied any civilian casualties "
         "and observers reported heavy fighting around the city as residents fled toward the border").split()
FIRST = ["Ahmed", "Ivan", "Omar", "Sergei", "Ramzan", "Dmitry", "Abu", "Yusuf", "Maria", "Anna", "Oleg", "Khalid"]
LAST = ["Petrov", "Kadyrov", "Hassan", "Ivanov", "al-Baghdadi", "Volkov", "Saleh", "Karimov", "Sidorov", "Nasser"]
ORGS = ["Ministry", "Brigade", "Front", "Council", "Agency", "Battalion", "Committee", "Movement", "Service"]
OUTLETS = ["Reuters", "AFP", "AP", "BBC", "Interfax", "TASS", "Al Jazeera", "The Guardian", "Le Monde", "RFE/RL",
           "Meduza", "Novaya Gazeta", "Kommersant", "The Moscow Times", "Middle East Eye", "Anadolu"]


def make_actors(rng: random.Random, count: int) -> dict:
    actors = {}
    for i in range(count):
        if i % 3:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
            entry = {"name": name, "aliases": [name.split()[1] + f" {i}"], "type": "person"}
        else:
            name = f"{rng.choice(PLACES)} {rng.choice(ORGS)} {i}"
            entry = {"name": name, "aliases": [f"the {name.split()[1].lower()} {i}"], "type": "organization"}
        actors[f"actor-{i}"] = entry
    return actors


def make_sources(rng: random.Random, count: int) -> dict:
    sources = {}
    for i in range(count):
        year, month, day = rng.randint(1995, 2025), rng.randint(1, 12), rng.randint(1, 28)
        sources[f"src-{i}"] = {
            "outlet": rng.choice(OUTLETS),
            "headline": " ".join(rng.choice(WORDS) for _ in range(8)).capitalize(),
            "published": f"{year}-{month:02d}-{day:02d}",
            "url": f"https://news.example.org/{year}/{month:02d}/article-{i}",
        }
    return sources


def make_date(rng: random.Random) -> str:
    year, month, day = rng.randint(1995, 2025), rng.randint(1, 12), rng.randint(1, 28)
    if rng.random() >= 0.2:  # four in five dates are plain days or months
        return f"{year}-{month:02d}-{day:02d}" if rng.random() < 0.8 else f"{year}-{month:02d}"
    shape = rng.random()
    if shape < 0.4:
        return f"{year}-{month:02d}-{day:02d}{rng.choice('~?%')}"
    if shape < 0.7:
        return f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{min(28, day + rng.randint(1, 5)):02d}"
    if shape < 0.9:
        return f"{year}-{month:02d}?"
    return f"../{year}-{month:02d}"


def make_events(rng: random.Random, count: int, actors: list[str], sources: list[str], names: dict) -> list[dict]:
    events = []
    for i in range(count):
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        who = rng.sample(actors, rng.randint(1, 3))
        place = rng.choice(PLACES)
        quote = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12)))
        event = {
            "id": f"e{i:07d}",
            "date": make_date(rng),
            "date_basis": "generated",
            "kind": kind,
            "title": f"{names[who[0]]} {VERBS[kind]} {place}",
            "summary": " ".join(rng.choice(WORDS) for _ in range(10)).capitalize() + ".",
            "actors": [who[0], {"actor": who[1], "role": "target"}] if len(who) > 1 else who,
            "location": place,
            "status": rng.choice(STATUSES),
            "sources": [{"source": s, "quote": quote} for s in rng.sample(sources, rng.randint(1, 3))],
        }
        if i and rng.random() < 0.1:
            event["related"] = [{"type": rng.choice(["denies", "responds-to", "follows"]),
                                 "event": f"e{rng.randrange(i):07d}"}]
        events.append(event)
    return events


def generate(count: int, seed: int = 7) -> tuple[dict, list[dict]]:
    rng = random.Random(seed)
    actors = make_actors(rng, 300 if count < 100_000 else 800)
    sources = make_sources(rng, max(50, min(5000, count // 20)))
    names = {actor_id: entry["name"] for actor_id, entry in actors.items()}
    header = {"title": f"Generated timeline of {count:,} events", "actors": actors, "sources": sources}
    return header, make_events(rng, count, list(actors), list(sources), names)


def write(path: Path, count: int, seed: int = 7) -> None:
    header, events = generate(count, seed)
    with path.open("w", encoding="utf-8") as out:
        if path.suffix == ".jsonl":
            out.write(json.dumps(header, ensure_ascii=False) + "\n")
            for event in events:
                out.write(json.dumps(event, ensure_ascii=False) + "\n")
        else:
            # Written by hand, one flow mapping per line where it reads well, so a
            # million events do not wait on yaml.dump.
            out.write(f"title: {json.dumps(header['title'])}\nschema: 1\nsources:\n")
            for source_id, source in header["sources"].items():
                out.write(f"  {source_id}: {json.dumps(source, ensure_ascii=False)}\n")
            out.write("actors:\n")
            for actor_id, actor in header["actors"].items():
                out.write(f"  {actor_id}: {json.dumps(actor, ensure_ascii=False)}\n")
            out.write("events:\n")
            for event in events:
                out.write(f"  - id: {event['id']}\n")
                for key, value in event.items():
                    if key != "id":
                        out.write(f"    {key}: {json.dumps(value, ensure_ascii=False)}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write(args.out, args.count, args.seed)
    print(f"wrote {args.count:,} events to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
