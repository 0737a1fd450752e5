"""Parquet files of events: read as any events file is (the validator checks every row,
and each problem names its row), and written by `timeline export --format parquet`.

The columns are those of the store's events file (store.event_schema; README: Parquet),
so a file this tool writes reads back, and other tools (pandas, polars, DuckDB) read its
events as a table. The registries ride in the file's key-value metadata, under
`timeline`: the JSON of a JSON Lines header (title, kinds, sources, actors), and, for
sources given in place rather than registered, `sources_inline` (their fields by id,
merged into each citation as a JSON Lines line would give them).
"""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from .model import R_LOCATION, R_RELATED, Event, Timeline
from .parsing import Map
from .problems import LoadError, Pos, Problem

METADATA_KEY = b"timeline"
ROWS_AT_ONCE = 4096  # rows made into dicts at a time: a large file is never held as dicts whole


def read_parquet(data: bytes, name: str) -> tuple[Map | None, Iterator[tuple[int, object]], list[Problem]]:
    """The header (or None), and (row number, event) for every row as it is read, as
    parsing.parse_jsonl gives a JSON Lines file's; problems of the file as a whole."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(pa.BufferReader(data))
    except (pa.ArrowException, OSError, ValueError) as error:
        raise LoadError([Problem(name, Pos(0), f"cannot be read as Parquet ({error})")]) from None
    problems: list[Problem] = []
    header, inline = _header(file.schema_arrow.metadata or {}, name, problems)

    def rows() -> Iterator[tuple[int, object]]:
        number = 0
        try:
            for batch in file.iter_batches(batch_size=ROWS_AT_ONCE):
                for row in batch.to_pylist():
                    number += 1
                    yield number, _event(row, inline)
        except (pa.ArrowException, OSError) as error:  # a damaged page: the rows before it were read
            problems.append(Problem(name, Pos(number + 1), f"cannot be read ({error})"))

    return header, rows(), problems


def _header(metadata: dict, name: str, problems: list[Problem]) -> tuple[Map | None, dict]:
    if METADATA_KEY not in metadata:
        return None, {}
    try:
        value = orjson.loads(metadata[METADATA_KEY])
    except orjson.JSONDecodeError:
        problems.append(Problem(name, Pos(0), "its 'timeline' metadata is not JSON"))
        return None, {}
    if not isinstance(value, dict):
        problems.append(Problem(name, Pos(0), "its 'timeline' metadata should be a JSON object"))
        return None, {}
    inline = value.pop("sources_inline", {})
    header = Map(Pos(0))
    header.update(value)
    return header, inline if isinstance(inline, dict) else {}


def _event(row: dict, inline: dict) -> dict:
    """A row as the JSON Lines line of the event: no nulls, and no lines (a row's place is
    its number)."""
    event = {}
    for key, value in row.items():
        if key == "line" or value is None:
            continue
        if isinstance(value, list):
            value = [_item(item) for item in value]
            if key == "sources":
                value = [{**item, **inline.get(item.get("source"), {})} if isinstance(item, dict) else item
                         for item in value]
        event[key] = value
    return event


def _item(item):
    if isinstance(item, dict):
        return {k: v for k, v in item.items() if v is not None and k != "line"}
    return item


def to_parquet(timeline: Timeline, events: list[Event]) -> bytes:
    """The events as a Parquet file in the store's schema, with the registries in its
    metadata; links to events outside the export are left out, so it reads back."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .export import actor_references, jsonl_header
    from .store import BATCH_ROWS, EventsWriter, event_schema

    kept = {e.id for e in events}
    records = []
    for event in events:
        record = event.to_record()
        records.append(record[:R_RELATED] + (tuple(r for r in record[R_RELATED] if r[1] in kept),)
                       + record[R_RELATED + 1:])
    locations = list(dict.fromkeys(r[R_LOCATION] for r in records if r[R_LOCATION] is not None))
    writer = EventsWriter(timeline, locations, actor_references(timeline.actors))
    batches = [writer.batch(records[i:i + BATCH_ROWS]) for i in range(0, len(records), BATCH_ROWS)]
    header, inline = jsonl_header(timeline)
    if inline:
        header["sources_inline"] = inline
    table = pa.Table.from_batches(batches, schema=event_schema())
    table = table.replace_schema_metadata({METADATA_KEY: orjson.dumps(header)})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()
