"""The command line: `timeline [FILE]` opens the explorer; `check` and `list` work headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .controls import VisibleStream
from .dates import DateError, parse_loose
from .loader import default_events_path, load_with_problems
from .output import OutputError
from .problems import OUT_OF_MEMORY, LoadError, Pos, Problem
from .query import (Query, QueryError, Searcher, resolve_actor, resolve_kind, resolve_location, resolve_source,
                    resolve_status, resolve_tag, text_match)
from .wording import counted

EXIT_OK, EXIT_DIFFERENT, EXIT_BAD_INPUT = 0, 1, 2
MAX_PROBLEMS_SHOWN = 200

COMMANDS = ("check", "list", "export", "import", "draft", "diff", "completion", "serve")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # One rule for all that is written: a control character read from a file (a title,
    # an article, a file name, a message quoting them) is shown, never obeyed.
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(sys.stdout), VisibleStream(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _main(argv: list[str]) -> int:
    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser().parse_args(argv)
            _check_date_range(args)
            return args.run(args)
        args = _app_parser().parse_args(argv)
        _check_date_range(args)
        return run_app(args)
    except (LoadError, QueryError, OutputError) as error:
        _print_problems(error)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `timeline list ... | head` closes the pipe early (an OSError too: before it)
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:  # a path that cannot be read or written is bad input too
        where = f"{error.filename}: " if error.filename else ""
        print(f"timeline: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except MemoryError:
        print(f"timeline: {OUT_OF_MEMORY}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RecursionError:  # a limit of the readers missed; a file, not the user, is at fault
        print("timeline: the file is nested too deeply to read; an events file needs a few levels", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def _print_problems(error: Exception) -> None:
    problems = getattr(error, "problems", None)
    if problems is None:
        print(f"timeline: {error}", file=sys.stderr)
        return
    _print_capped(problems)


def _print_capped(problems: list) -> None:
    """Every problem up to a cap, then how many more there are."""
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(problem, file=sys.stderr)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print(f"... and {len(problems) - MAX_PROBLEMS_SHOWN} more", file=sys.stderr)


# --- parsers -----------------------------------------------------------------------------

def _date_arg(text: str):
    try:
        return parse_loose(text)
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _check_date_range(args) -> None:
    """--from after --to is refused before the file is read: no event could match."""
    from .filters import date_range_problem

    problem = date_range_problem(getattr(args, "date_from", None), getattr(args, "date_to", None), ("--from", "--to"))
    if problem:
        raise QueryError(problem)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--actor", action="append", default=[], metavar="A",
                        help="only events in which this actor acts (id, name or alias; repeat for any of several)")
    parser.add_argument("--kind", action="append", default=[], metavar="K",
                        help="only events of this kind (repeat for any of several)")
    parser.add_argument("--search", metavar="TEXT", default="",
                        help="only events whose id, title, summary, location, quotes or actors hold every word "
                        "of TEXT, in any order, whatever the case and accents; \"a phrase\" in double quotes as "
                        "written; a TEXT starting with / is a regular expression")


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Explore a timeline of events drawn from news articles.",
        epilog="commands:\n  timeline check FILE [--corpus DIR]   validate a file (and its quotes)\n"
               "  timeline list FILE [filters]         print the matching events\n"
               "  timeline export FILE --format F      write events for TimelineJS, a spreadsheet or a report\n"
               "  timeline import FILE.csv -o OUT      read an ACLED-style CSV into this format\n"
               "  timeline draft ARTICLE --published D draft events from an article's own words\n"
               "  timeline diff OLD NEW                what changed between two versions of a file\n"
               "  timeline completion bash|zsh|tcsh    the shell's completion script\n"
               "  timeline serve [FILE]                the explorer in a web browser\n"
               "Run 'timeline COMMAND --help' for each command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", help="events file (.yaml, .jsonl or .parquet); default ./events.yaml, "
                        "else the bundled events")
    _add_app_options(parser)
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    return parser


def _add_app_options(parser: argparse.ArgumentParser) -> None:
    _add_list_filters(parser)
    parser.add_argument("--corpus", metavar="DIR", help="folder holding the article texts")
    parser.add_argument("--clean", action="store_true",
                        help="start on every event, not on the view left last time on this file")


def whole_parser() -> argparse.ArgumentParser:
    """Every command and option in one parser, for shell completion: the commands, and
    beside them the explorer's options (`timeline [FILE] [filters]`)."""
    parser = _command_parser()
    _add_app_options(parser)
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="timeline")
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    commands = parser.add_subparsers(metavar="COMMAND")

    check = commands.add_parser("check", help="validate an events file",
                                description="Validate an events file; with --corpus, confirm each quote "
                                "is in its article verbatim. Exit 0 when clean, 2 on any error.")
    check.add_argument("file", help="events file (.yaml, .jsonl or .parquet)")
    check.add_argument("--corpus", metavar="DIR", help="folder holding the article texts")
    check.set_defaults(run=run_check)

    listing = commands.add_parser("list", help="print the matching events in time order",
                                  description="Print the events that match the filters, in time order.")
    listing.add_argument("file", help="events file (.yaml, .jsonl or .parquet)")
    _add_list_filters(listing)
    listing.add_argument("--format", choices=("table", "json", "csv"), default="table")
    listing.set_defaults(run=run_list)

    export = commands.add_parser("export", help="write the (filtered) events in another format",
                                 description="Write the events that match the filters as JSON Lines (reads "
                                 "back in), TimelineJS JSON, ACLED-like CSV, a Markdown chronology, an HTML page "
                                 "(one file, offline, printable) or Parquet (reads back in; a table for pandas, "
                                 "polars, DuckDB).")
    export.add_argument("file", help="events file (.yaml, .jsonl or .parquet)")
    _add_list_filters(export)
    export.add_argument("--format", required=True,
                        choices=("jsonl", "timelinejs", "csv", "markdown", "html", "parquet"))
    export.add_argument("-o", "--output", metavar="OUT", help="write here instead of to standard output "
                        "(a new file, unless --force; never the events file itself)")
    _add_force(export)
    export.add_argument("--group", choices=("kind", "actor"), default="kind",
                        help="TimelineJS groups: by kind or by first actor (default kind)")
    export.set_defaults(run=run_export)

    importer = commands.add_parser("import", help="read an ACLED-style CSV into this format",
                                   description="Read an ACLED-style CSV export (event_date, time_precision, "
                                   "event_type, actor1, actor2, location, source, notes, ...) and write an "
                                   "events file. Rows that cannot be read are listed with their line numbers; "
                                   "then nothing is written unless --skip-bad is given.")
    importer.add_argument("file", help="the CSV file")
    importer.add_argument("-o", "--output", required=True, metavar="OUT", help="the events file to write "
                          "(.jsonl or .yaml); a new file, unless --force")
    _add_force(importer)
    importer.add_argument("--title", help="the title of the new file")
    importer.add_argument("--skip-bad", action="store_true", help="write the rows that can be read, "
                          "and list the others")
    importer.set_defaults(run=run_import)
    _add_draft_parser(commands)
    _add_diff_parser(commands)
    _add_completion_parser(commands)
    return parser


def _add_diff_parser(commands) -> None:
    differ = commands.add_parser("diff", help="what changed between two versions of an events file",
                                 description="Compare two versions of an events file: the events added, removed "
                                 "and changed (which fields, the quotes added or removed, a date moved), matched "
                                 "by id, and the changes to its title, kinds, sources and actors. Exit 0 when "
                                 "they are the same, 1 when they differ, 2 when either cannot be read.")
    differ.add_argument("old", metavar="OLD", help="the earlier version (.yaml, .jsonl or .parquet)")
    differ.add_argument("new", metavar="NEW", help="the later version")
    differ.add_argument("--format", choices=("text", "json"), default="text")
    differ.set_defaults(run=run_diff)


def _add_completion_parser(commands) -> None:
    completion = commands.add_parser("completion", help="print the shell's completion script",
                                     description="Print a script that completes timeline's commands, options "
                                     "and file names in the shell. Bash: timeline completion bash > "
                                     "~/.local/share/bash-completion/completions/timeline; zsh: timeline "
                                     "completion zsh > a folder on $fpath, named _timeline; tcsh: "
                                     "eval `timeline completion tcsh` in ~/.tcshrc.")
    completion.add_argument("shell", choices=("bash", "zsh", "tcsh"))
    completion.set_defaults(run=run_completion)


def _add_draft_parser(commands) -> None:
    drafter = commands.add_parser("draft", help="draft candidate events from an article's own words",
                                  description="Draft candidate events from an article: statements, claims, "
                                  "denials, attacks and figures, each with its verbatim quote and a date read "
                                  "from the text against the publication date, tagged 'draft' until reviewed. "
                                  "With --into, passages that report an event of that file are proposed as "
                                  "new sources of it; the file is not changed.")
    drafter.add_argument("file", metavar="ARTICLE", help="the article's text (UTF-8)")
    drafter.add_argument("--published", required=True, type=_date_arg, metavar="DATE",
                         help="its publication date (2016-02-09; an interval such as 2016-02-08/2016-02-14 "
                         "when unsure)")
    drafter.add_argument("--outlet", metavar="NAME", help="who published it (default: the source of --into "
                         "that names this file, else 'unknown outlet')")
    drafter.add_argument("--headline", metavar="H", help="the article's headline")
    drafter.add_argument("--url", metavar="URL", help="its link")
    drafter.add_argument("--into", metavar="EVENTS", help="the events file the draft is for: its actors are "
                         "matched, its events corroborated (never changed)")
    drafter.add_argument("-o", "--output", metavar="OUT", help="write here instead of to standard output "
                         "(a new file, unless --force; never the article or --into)")
    _add_force(drafter)
    drafter.set_defaults(run=run_draft)

    server = commands.add_parser("serve", help="the explorer in a web browser",
                                 description="Serve the explorer to web browsers (textual-serve): each tab runs "
                                 "its own app on FILE; exports and copies are downloads. There is no login: "
                                 "anyone who reaches the port can use it, so it listens on this machine only "
                                 "unless --host says otherwise. Ctrl+C (or SIGTERM) stops it and its apps.")
    server.add_argument("file", nargs="?", help="events file; default ./events.yaml, else the bundled events")
    server.add_argument("--corpus", metavar="DIR", help="folder holding the article texts")
    server.add_argument("--host", default="localhost", help="the address to listen on (default: localhost)")
    server.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
    server.set_defaults(run=run_serve)


def _add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists (never the input file)")


def _add_list_filters(parser: argparse.ArgumentParser) -> None:
    _add_filters(parser)
    parser.add_argument("--source", action="append", default=[], metavar="S",
                        help="only events citing this source (id or outlet)")
    parser.add_argument("--from", dest="date_from", type=_date_arg, metavar="DATE",
                        help="only events that may fall on or after DATE (2016, 2016-02, 'Feb 2016')")
    parser.add_argument("--to", dest="date_to", type=_date_arg, metavar="DATE",
                        help="only events that may fall on or before DATE")
    parser.add_argument("--status", action="append", default=[], metavar="S",
                        help="only events of this status: reported, alleged or disputed (repeat for any of several)")
    parser.add_argument("--tag", action="append", default=[], metavar="T",
                        help="only events with this tag (repeat for any of several)")
    parser.add_argument("--location", action="append", default=[], metavar="L",
                        help="only events at this location (any case); when none is called so, at every "
                        "location that holds it ('chechnya' for 'Grozny, Chechnya'; repeat for any of several)")
    parser.add_argument("--single-outlet", action="store_true",
                        help="only events that a single outlet reports")
    parser.add_argument("--not-actor", action="append", default=[], metavar="A",
                        help="leave out the events in which this actor acts (repeat for several)")
    parser.add_argument("--not-kind", action="append", default=[], metavar="K",
                        help="leave out the events of this kind (repeat for several)")
    parser.add_argument("--marked", action="store_true",
                        help="only the events marked in the explorer (m) on this file")


# --- commands ----------------------------------------------------------------------------

def run_check(args) -> int:
    if not streams(args.file):
        timeline, problems = load_with_problems(args.file)
        return check(args, timeline, problems, len(timeline.events), lambda: timeline.events)
    from .stream import Scan, events_of
    from .warm import warm_scan

    # the records are read again only to check the quotes
    scan = warm_scan(args.file) or Scan(args.file, spill=bool(args.corpus))
    try:
        return check(args, scan.registry, scan.problems, scan.count,
                     lambda: events_of(scan, scan.in_time_order(range(scan.count))))
    finally:
        scan.close()


def streams(path: str | Path) -> bool:
    """Whether `check`, `list` and `export` take the streaming road (stream.py): for JSON
    Lines, which it reads a line at a time. A YAML file is read whole by its readers, so
    it is loaded as a Timeline, through the cache."""
    from .loader import JSONL_SUFFIXES

    return Path(path).suffix.lower() in JSONL_SUFFIXES


def check(args, timeline, problems: list, count: int, events) -> int:
    """`timeline check` of a file read: its problems, then (with a corpus) its quotes,
    event by event from `events()` in time order, then what it holds."""
    from .corpus import Corpus, resolve_corpus, verify_event_quotes

    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    _print_capped(problems)
    actors = sum(a.registered for a in timeline.actors.values())
    summary = f"{args.file}: {counted(count, 'event')}, {counted(len(timeline.sources), 'source')}, " \
              f"{counted(actors, 'actor')}"
    folder, why = resolve_corpus(timeline, args.corpus)
    if args.corpus and folder is None:
        raise QueryError(f"{why}; name the folder holding the articles")
    if folder is None and timeline.corpus:
        print(f"{args.file}: warning: {why}", file=sys.stderr)
        warnings += 1
    if folder is not None and not errors:
        corpus, found, total, paraphrases = Corpus(folder), 0, 0, 0
        unread: dict[str, list] = {}  # source id → [its first check, how many]
        for event in events():  # one at a time: only what is said is kept
            paraphrases += sum(c.quote is None for c in event.sources)
            for quote in verify_event_quotes(timeline, event, corpus):
                total += 1
                found += quote.found
                if quote.missing_article:
                    unread.setdefault(quote.citation.source, [quote, 0])[1] += 1
                elif not quote.found:
                    errors += 1
                    print(_quote_problem(args.file, quote), file=sys.stderr)
        for problem in _unread_articles(args.file, unread):
            errors += 1
            print(problem, file=sys.stderr)
        summary += f"; {found} of {total} quotes found verbatim in {folder}"
        if paraphrases:  # said, so that they are not taken for checked ones
            summary += f" ({counted(paraphrases, 'paraphrase')} not checked: not the articles' words)"
    summary += f"; {counted(errors, 'error')}, {counted(warnings, 'warning')}"
    print(summary)
    return EXIT_BAD_INPUT if errors else EXIT_OK



def _unread_articles(path: str, unread: dict[str, list]) -> list[str]:
    """One problem for each source whose article cannot be read (`unread`: source id →
    its first quote's check and how many), at the line of its `file:` where the events
    file has one, else at its first citation."""
    from .corpus import file_positions

    positions = file_positions(path) if unread else {}
    problems = []
    for source_id, (first, missed) in unread.items():
        where = positions.get(source_id) or Pos(first.citation.line or first.event.line)
        problems.append(str(Problem(path, where, f"cannot check {counted(missed, 'quote')}: "
                                                 f"{first.missing_article}")))
    return problems


def _quote_problem(path: str, check) -> str:
    where = f"{path}:{check.citation.line or check.event.line}:1"
    article = f"{check.source.file} ({check.source.outlet})" if check.source else check.citation.source
    return (f"{where}: the quote of event '{check.event.id}' is not in {article} verbatim\n"
            f"    quote:   {check.citation.quote}\n"
            f"    nearest: {check.nearest}\n"
            f"    differs: {'; '.join(check.differences)}")


def build_query(timeline, args, tags=None, places=None) -> Query:
    """The query of the filters given. `tags` and `places`: every tag and location of the
    file in time order, when the timeline has no events to tell them (the streaming road)."""
    text_match(args.search or "")  # a regular expression that is not valid stops here, saying why
    return Query(
        actors=tuple(resolve_actor(timeline, a) for a in args.actor),
        kinds=tuple(resolve_kind(timeline, k) for k in args.kind),
        sources=tuple(s for term in getattr(args, "source", []) for s in resolve_source(timeline, term)),
        text=args.search or "",
        date_from=args.date_from.earliest_moment if getattr(args, "date_from", None) else None,
        date_to=args.date_to.latest_moment if getattr(args, "date_to", None) else None,
        statuses=_unique(resolve_status(s) for s in args.status),
        tags=_unique(tag for term in args.tag for tag in resolve_tag(timeline, term, tags)),
        locations=_unique(p for term in args.location for p in resolve_location(timeline, term, places)),
        single_outlet=args.single_outlet,
        not_actors=_unique(resolve_actor(timeline, a) for a in args.not_actor),
        not_kinds=_unique(resolve_kind(timeline, k) for k in args.not_kind),
        marked=_marked(args) if getattr(args, "marked", False) else None,
    )


def _marked(args) -> frozenset[str]:
    """The ids marked in the explorer on this file (its session, session.py)."""
    from .session import marked_ids

    ids, problem = marked_ids(args.file or default_events_path())
    if problem:
        print(f"timeline: {problem}", file=sys.stderr)
    return ids


def _unique(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def load_for_use(path: str | Path, check_content: bool = True):
    """Load through the cache, with a progress line when it takes a while (see
    cache.load_cached for `check_content`)."""
    from .cache import load_cached
    from .progress import TerminalProgress

    progress = TerminalProgress(f"Loading {path}")
    try:
        return load_cached(path, progress=progress, check_content=check_content)
    finally:
        progress.close()


def scan_for_use(args):
    """The streaming road's reading of the file, with a progress line when it takes a
    while; a file with errors stops here, as `load` stops it."""
    from .progress import TerminalProgress
    from .stream import Scan, Selection
    from .warm import warm_scan

    selection = Selection(lambda registry, tags, places: build_query(registry, args, tags, places),
                          tags=bool(args.tag), places=bool(args.location), sources=bool(args.source))
    warm = warm_scan(args.file, selection)  # a valid cache entry: its store, not the file again
    if warm is not None:
        return warm
    progress = TerminalProgress(f"Loading {args.file}")
    try:
        scan = Scan(args.file, progress, selection)
    finally:
        progress.close()
    if scan.errors():
        scan.close()
        raise LoadError(scan.problems)
    return scan


def run_list(args) -> int:
    from .cache import save
    from .export import terminal_width, to_csv, to_json, to_table

    if streams(args.file):
        return _stream_list(args)
    timeline = load_for_use(args.file)
    save(timeline)
    query = build_query(timeline, args)
    events = [timeline.events[i] for i in Searcher(timeline).run(query)]
    if args.format == "json":
        sys.stdout.write(to_json(timeline, events))
    elif args.format == "csv":
        sys.stdout.write(to_csv(timeline, events))
    else:
        width = terminal_width() if sys.stdout.isatty() else None
        sys.stdout.write(to_table(timeline, events, width))
    return EXIT_OK


def _stream_list(args) -> int:
    from . import stream
    from .export import terminal_width

    scan = scan_for_use(args)
    try:
        order = scan.select()
        if args.format == "json":
            pieces = stream.json_list(scan, order)
        elif args.format == "csv":
            pieces = stream.csv_rows(scan, order, scan.links(order))
        else:
            pieces = stream.table(scan, order, terminal_width() if sys.stdout.isatty() else None)
        for piece in stream.written(pieces):
            sys.stdout.write(piece)
    finally:
        scan.close()
    return EXIT_OK


def run_export(args) -> int:
    from .cache import save
    from .export import dangling_links, export_text, nothing_to_export
    from .filters import describe

    if streams(args.file) and args.format != "parquet":  # Parquet is written whole, from a Timeline
        return _stream_export(args)
    timeline = load_for_use(args.file)
    save(timeline)
    query = build_query(timeline, args)
    events = [timeline.events[i] for i in Searcher(timeline).run(query)]
    filters = describe(timeline, query)
    if not events:
        raise QueryError(nothing_to_export(filters))
    if args.format == "parquet":
        return _export_parquet(timeline, events, args)
    text = export_text(args.format, timeline, events, filters, group_by=args.group)
    code = write_output(text, args)
    _say_dangling(args.format, dangling_links(events))
    return code


def _export_parquet(timeline, events, args) -> int:
    from .parquet import to_parquet

    if not args.output or args.output == "-":
        raise QueryError("--format parquet writes a binary file; name it with -o OUT.parquet")
    return write_output(to_parquet(timeline, events), args)


def _stream_export(args) -> int:
    from . import stream
    from .export import nothing_to_export
    from .filters import describe

    scan = scan_for_use(args)
    try:
        order = scan.select()
        filters = describe(scan.registry, scan.query)
        if not order:
            raise QueryError(nothing_to_export(filters))
        links = scan.links(order)
        if args.format == "markdown":
            links.fill(scan.registry)
            pieces = stream.markdown(scan, order, links, "; ".join(filters))
        elif args.format == "html":
            links.fill(scan.registry)
            pieces = stream.html(scan, order, links, filters)
        elif args.format == "timelinejs":
            pieces = stream.timelinejs(scan, order, args.group)
        elif args.format == "csv":
            pieces = stream.csv_rows(scan, order, links)
        else:
            pieces = stream.jsonl(scan, order, links)
        code = write_output(stream.written(pieces), args)
        _say_dangling(args.format, links.dangling())
    finally:
        scan.close()
    return code


def _say_dangling(format_name: str, dangling: int) -> None:
    if format_name in ("jsonl", "csv") and dangling:
        print(f"{counted(dangling, 'link')} to events outside the export left out", file=sys.stderr)


def write_output(text, args) -> int:
    """Write to standard output, or to `-o OUT` by the rules of `output.write_file`: never
    over the input, and over an existing file only with --force (export and import alike)."""
    from .output import OutputExists, write_file

    if not args.output or args.output == "-":
        for piece in [text] if isinstance(text, str) else text:  # a text, or its pieces as they come
            sys.stdout.write(piece)
        return EXIT_OK
    try:
        write_file(args.output, text, input_path=args.file, overwrite=args.force)
    except OutputExists as error:
        raise OutputError(f"{error}, or add --force to replace it") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def run_diff(args) -> int:
    """`timeline diff`: both files read (every problem of either said, as `list` says
    them), then what changed; exit 1 when anything did, as diff(1)."""
    from .cache import save
    from .diff import diff, to_json, to_text

    loaded, problems = [], []
    for path in (args.old, args.new):
        try:
            loaded.append(load_for_use(path))
        except LoadError as error:
            problems += error.problems
    if problems:
        _print_capped(problems)
        return EXIT_BAD_INPUT
    for timeline in loaded:
        save(timeline)
    result = diff(*loaded, args.old, args.new)
    sys.stdout.write(to_json(result) if args.format == "json" else to_text(result))
    return EXIT_OK if result.same else EXIT_DIFFERENT


def run_completion(args) -> int:
    from .completion import script

    sys.stdout.write(script(whole_parser(), args.shell))
    return EXIT_OK


def run_import(args) -> int:
    from . import acled, own_csv
    from .parsing import read_text

    if not args.output.endswith((".jsonl", ".yaml", ".yml")):
        raise QueryError(f"{args.output}: the output must be a .jsonl or a .yaml file")
    text = read_text(Path(args.file))
    if own_csv.is_own_csv(text):  # a CSV that `timeline export` wrote: it reads back the same
        result, file_text = own_csv.read_own_csv(text, args.file), own_csv.events_file_text
    else:
        result, file_text = acled.read_acled(text, args.file), acled.events_file_text
    for problem in result.messages():
        print(problem, file=sys.stderr)
    if result.unreadable:
        return EXIT_BAD_INPUT
    if result.bad_rows and not args.skip_bad:
        print(f"{args.file}: {counted(result.bad_rows, 'row')} cannot be read; "
              "nothing written (fix them, or use --skip-bad to write the others)", file=sys.stderr)
        return EXIT_BAD_INPUT
    title = args.title or f"Imported from {Path(args.file).name}"
    write_output(file_text(result, title, yaml=args.output.endswith((".yaml", ".yml"))), args)
    print(f"{args.file}: {len(result.events)} events imported, {result.bad_rows} rows skipped", file=sys.stderr)
    return EXIT_OK


def run_draft(args) -> int:
    """Draft an article's events: to standard output, or to a new file by the rules of
    `output.write_file` (never over the article, nor over --into)."""
    import os

    from .draft_file import Article, draft_text, known_source
    from .output import OutputExists, write_file
    from .parsing import read_text

    if args.published.latest is None:
        raise QueryError(f"--published {args.published.edtf()}: give the day, or an interval with both ends "
                         "(the text's dates are read against its days)")
    into = load_for_use(args.into) if args.into else None
    path = Path(args.file)
    known = known_source(path, into)
    article = Article(read_text(path), path, args.published,
                      args.outlet or (known.outlet if known else "unknown outlet"),
                      args.headline or (known.headline if known else None), args.url or (known.url if known else None))
    target = Path(args.output) if args.output and args.output != "-" else None
    text = draft_text(article, into, written_to=target)
    if target is None:
        sys.stdout.write(text)
        return EXIT_OK
    if args.into and os.path.exists(target) and os.path.samefile(target, args.into):
        raise OutputError(f"{target}: that is the --into file, which a draft never changes; choose another name")
    try:
        write_file(target, text, input_path=path, overwrite=args.force)
    except OutputExists as error:
        raise OutputError(f"{error}, or add --force to replace it") from None
    print(f"wrote {target}", file=sys.stderr)
    return EXIT_OK


def run_serve(args) -> int:
    path = Path(args.file) if args.file else default_events_path()
    if args.corpus and not Path(args.corpus).is_dir():
        raise QueryError(f"{args.corpus}: the corpus folder does not exist; name the folder holding the articles")
    timeline = load_for_use(path)  # a bad file is said here, once, not in every browser tab
    from .tui.serve import serve

    serve(str(Path(path).resolve()), args.host, args.port, corpus=args.corpus and str(Path(args.corpus).resolve()),
          title=timeline.title or "timeline")
    return EXIT_OK


def run_app(args) -> int:
    path = Path(args.file) if args.file else default_events_path()
    if args.corpus and not Path(args.corpus).is_dir():
        raise QueryError(f"{args.corpus}: the corpus folder does not exist; name the folder holding the articles")
    timeline, cold = _first_open(path, args)
    if timeline is None:
        timeline = load_for_use(path, check_content=False)  # the app checks it after its first screen
    query = build_query(timeline, args)
    from .settings import load_keymap
    from .tui import keys  # Textual is imported only when the explorer opens
    from .tui.app import make_app

    keymap = load_keymap(keys.defaults(), keys.scopes(), normalize=keys.normalize)
    app = make_app(timeline, query=query, corpus=args.corpus, keymap=keymap, cold=cold, clean=args.clean)
    try:
        app.run()
    finally:
        if cold is not None:
            cold.close()  # the reading goes on alone, to finish the cache entry
    if app.load_error is not None:
        raise app.load_error  # reported as a file that cannot be loaded always is
    return app.return_code or EXIT_OK


# Below this, a first open loads the file here, before the app starts: measured on screen
# at 100,000 events (54 MB), that shows the whole file in 3.0 s, where the children show a
# first screen in 1.5 s but the whole file only once the cache is written (11.4 s). Above
# it the load costs minutes and gigabytes (1,000,000 events: 115 s and 2.7 GB before the
# first screen), and the children show one in seconds, in 180 MB.
COLD_OPEN_BYTES = 64 << 20


def _first_open(path: Path, args):
    """(the cached timeline, None), or (a timeline with no events yet, the reading that
    fills it in) for a large JSON Lines file opened for the first time with no filters
    given (a filter's words may name what only the whole file defines), or (None, None)."""
    if not streams(path) or not _larger_than(path, COLD_OPEN_BYTES):
        return None, None
    from .cache import open_for_app
    from .coldopen import ColdOpen
    from .model import Timeline

    timeline, entry = open_for_app(path)
    if timeline is not None or entry is None:
        return timeline, None
    waiting = Timeline([], title=path.name)
    waiting.path = str(path)
    try:
        if build_query(waiting, args) != Query():
            return None, None
    except QueryError:
        return None, None
    return waiting, ColdOpen(path, entry)


def _larger_than(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size > size
    except OSError:
        return False  # the load says what is wrong
