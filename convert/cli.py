"""The ``riksdoc`` command: normalise, inspect, convert and validate documents.

Exit codes: 0 all good; 1 some input failed (the others were still done, one
line on stderr per failure, no traceback); 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from . import batch
from .errors import InputError, OutputError
from .housestyle import BUILT_IN, HouseStyle, StyleError
from .inputs import Inputs, collect_inputs, read_source
from .inspect import describe
from .kinds import choices, kind_named
from .limits import Limits
from .model import Kind
from .outputs import MANIFEST, write_atomic
from .readers import Read, read, suffixes
from .version import __version__
from .writers import DEFAULT_FORMATS, FORMATS

PROG = "riksdoc"


class UsageError(Exception):
    """A command line that asks for something impossible: one line, exit 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `riksdoc normalise x.txt | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn Word→text exports of Riksdag documents (answers, questions, "
                    "interpellations, motions, committee reports, bills, communications), the "
                    "Riksdag's open-data records and Swedish statutes (SFS) into a print PDF, "
                    "archival Akoma Ntoso XML and an editable Word file.",
        epilog=f"Run '{PROG} COMMAND --help' for the examples of each command.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in (_add_normalise, _add_inspect, _add_convert, _add_validate, _add_serve):
        add(sub)
    return parser


def _add_normalise(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _command(sub, "normalise", _normalise, "print the clean text of an export (also: normalize)",
                 f"""examples:
  {PROG} normalise answer.txt
  {PROG} normalise answer.txt --report answer.report.json

The clean text goes to stdout. Footnotes show as [^1] at the reference and
'[^1]: text' lines after the body (endnotes [^e1]).""")
    p.add_argument("file", metavar="FILE", help="a Word→text export ('-' for stdin)")
    p.add_argument("--report", metavar="REPORT.json", type=Path,
                   help="write the normalisation report (every change) as JSON")


def _add_inspect(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _command(sub, "inspect", _inspect, "show what riksdoc finds in a document",
                 f"""examples:
  {PROG} inspect answer.txt
  {PROG} inspect archive/answer.akn.xml

Shows the encoding, what normalisation removed or converted, the document
type and its metadata, and any warnings.""")
    p.add_argument("file", metavar="FILE", help="an input file ('-' for stdin)")
    _add_kind(p)


def _add_convert(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _command(sub, "convert", _convert, "convert documents to AKN, DOCX, PDF, HTML, JSON",
                 f"""examples:
  {PROG} convert answer.txt                       # answer.akn.xml, .docx, .pdf here
  {PROG} convert answer.txt -o answer.pdf         # that one file (-t from its suffix)
  {PROG} convert answer.txt -t pdf -o - | lpr     # to standard output
  {PROG} convert seeds/ -o out/                   # every input in seeds/
  {PROG} convert archive/ -r -o out/              # and in its folders, mirrored in out/
  {PROG} convert answer.txt -t json,html -o out/
  cat answer.txt | {PROG} convert - -t akn        # stdin → stdin.akn.xml
  {PROG} convert archive/ -o out/ -j 4 --report out/report.json
  {PROG} convert archive/ -o out/ --dask local    # the same work on a Dask LocalCluster
  {PROG} convert sfs-2010-800.json -t akn         # a statute record of the legal database
  {PROG} convert fragment.txt -k sfs -t akn,html  # statute text that starts at '4 §'
  {PROG} convert sfs-2010-800.json --as-of 2026-07-01  # the law in force that day
  {PROG} convert answer.txt --style ministry/     # a house style (see styles/README.md)

-o names a folder when there are several inputs or a folder input, when it
ends in / or when it is an existing folder; outputs are then named
FOLDER/<stem>.akn.xml, .docx, .pdf, .html, .json. Otherwise it names the one
output's file ('-': standard output). Each file is written to a temporary file
and renamed, so no half-written file is ever seen. Inputs unchanged since the
last run into FOLDER (manifest FOLDER/{MANIFEST}) are skipped unless --force.
A folder input takes the files riksdoc reads ({', '.join(suffixes())}, in any
case); what else it holds is listed as ignored.""")
    p.add_argument("inputs", metavar="INPUT", nargs="+",
                   help="files, folders (the files in them riksdoc reads) or '-' for stdin")
    p.add_argument("-t", "--to", metavar="FORMATS", default=None, type=_formats,
                   help=f"comma list from {','.join(FORMATS)}, in any case (default: from "
                        f"-o FILE's suffix, else {','.join(DEFAULT_FORMATS)})")
    p.add_argument("-o", "--output", "--output-dir", dest="output", metavar="OUT", default=None,
                   help="a folder, a file, or '-' for standard output (default: the current "
                        "folder)")
    p.add_argument("-r", "--recursive", action="store_true",
                   help="take the folders inside folder inputs too, mirrored in the output")
    _add_style(p)
    _add_verbosity(p)
    _add_kind(p)
    p.add_argument("--as-of", metavar="DATE", type=_date, default=None,
                   help="publish statutes as in force on DATE (YYYY-MM-DD): of each part with "
                        "versions only the one in force that day (default: every version)")
    p.add_argument("-j", "--jobs", metavar="N", type=_positive, default=os.cpu_count() or 1,
                   help="worker processes (default: the number of CPUs)")
    p.add_argument("--force", action="store_true",
                   help="convert even the inputs unchanged since the last run into DIR")
    p.add_argument("--report", metavar="FILE.json", type=Path,
                   help="write a record per document (outputs, status, error, warnings, timings)")
    p.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                   help="progress bar on stderr (default auto: when stderr is a terminal)")
    _add_limits(p)
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run on the Dask scheduler at ADDRESS, or 'local' for a LocalCluster "
                        "(needs: pip install 'riksdoc[dask]')")


def _add_style(p: argparse.ArgumentParser) -> None:
    p.add_argument("--style", metavar="DIR",
                   help="a house style: a folder laid out as styles/, holding only what it "
                        "changes (see styles/README.md)")


def _add_verbosity(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1,
                       default=0, help="say only what failed")
    group.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1,
                       help="also a line per document")


def _add_limits(p: argparse.ArgumentParser) -> None:
    defaults = Limits()
    p.add_argument("--max-bytes", metavar="N", type=_positive, default=defaults.max_bytes,
                   help=f"refuse inputs larger than N bytes (default {defaults.max_bytes:,})")
    p.add_argument("--max-lines", metavar="N", type=_positive, default=defaults.max_lines,
                   help=f"refuse texts of more than N lines (default {defaults.max_lines:,})")
    p.add_argument("--max-line-length", metavar="N", type=_positive,
                   default=defaults.max_line_length,
                   help=f"refuse texts with a line longer than N characters "
                        f"(default {defaults.max_line_length:,})")
    p.add_argument("--timeout", metavar="SECONDS", type=_positive_seconds,
                   default=defaults.max_seconds,
                   help=f"give up on a document after SECONDS (default {defaults.max_seconds:g})")


def _add_validate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _command(sub, "validate", _validate, "check Akoma Ntoso files against the strict schema "
                 "and the riksdoc profile",
                 f"""examples:
  {PROG} validate answer.akn.xml
  {PROG} validate out/*.akn.xml

Checks the official AKN 3.0 schema (strict), that every #reference resolves
to an eId in <references>, that eIds are unique and well formed, and that the
FRBR URIs agree with FRBRnumber, FRBRdate and FRBRsubtype. One line per
problem on stderr and exit 1; otherwise 'FILE: valid' and exit 0.""")
    p.add_argument("files", metavar="FILE", nargs="+", help="AKN XML files ('-' for stdin)")


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _command(sub, "serve", _serve, "run the web page and HTTP API",
                 f"""examples:
  {PROG} serve                                    # http://127.0.0.1:8000/
  {PROG} serve --port 8080 --workers 4
  {PROG} serve --host 0.0.0.0 --max-upload 2000000 --timeout 30

Paste or upload an export, see the metadata, what normalisation removed and a
preview, and download the files. API: POST /api/convert, GET /api/health,
description at /api/openapi.json. Results are held in memory only and expire
after 30 minutes. Binds to loopback unless --host says otherwise; there is no
login, so put it behind the office's proxy before opening it to a network.
Needs the web extra: pip install 'riksdoc[web]'.""")
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=_positive, default=8000, help="TCP port (default: 8000)")
    p.add_argument("--max-upload", metavar="BYTES", type=_positive, default=10_000_000,
                   help="largest text or file accepted; larger gets 413 (default: 10000000)")
    p.add_argument("--timeout", metavar="SECONDS", type=_positive_seconds, default=60.0,
                   help="time limit for one conversion; longer gets 504 (default: 60)")
    p.add_argument("--workers", metavar="N", type=_positive, default=2,
                   help="worker processes for conversions (default: 2)")
    _add_style(p)


def _command(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
             run: Callable[[argparse.Namespace], int], summary: str,
             examples: str) -> argparse.ArgumentParser:
    aliases = ["normalize"] if name == "normalise" else []
    p: argparse.ArgumentParser = sub.add_parser(
        name, aliases=aliases, help=summary, description=summary[0].upper() + summary[1:] + ".",
        epilog=examples, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(run=run)
    return p


def _add_kind(p: argparse.ArgumentParser) -> None:
    p.add_argument("-k", "--kind", metavar="KIND", type=_kind, default=None,
                   help=f"read text as this kind when it cannot be seen from the text: "
                        f"{', '.join(choices())} (default: recognise it)")


def _kind(value: str) -> Kind:
    try:
        return kind_named(value.strip())
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(map(repr, unknown)) or '(none)'}; "
            f"choose from {','.join(FORMATS)}")
    return names


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {value!r}")
    return seconds


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return number


# --- commands -------------------------------------------------------------

def _normalise(args: argparse.Namespace) -> int:
    result = _read_one(args.file)
    if result is None:
        return 1
    if result.normalised is None:
        _fail(args.file, "normalise shows how a text export is cleaned; this file is already "
                         "structured (AKN, DOCX or riksdoc JSON): try 'riksdoc inspect'")
        return 1
    if args.report:
        data = json.dumps(result.normalised.report(), ensure_ascii=False, indent=2) + "\n"
        try:
            write_atomic(args.report, data.encode("utf-8"))
        except OSError as exc:
            _fail(str(args.report), exc.strerror or str(exc))
            return 1
    sys.stdout.write(result.normalised.text)
    return 0


def _missing_folders(folder: Path) -> list[Path]:
    """The folders that making *folder* creates, deepest first."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    return missing


def _remove_if_empty(folders: list[Path]) -> None:
    """Remove the folders this run made that it left empty (a run where every input failed
    leaves nothing behind), deepest first; a folder with anything in it stays."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:  # not empty (outputs, a report, another run's files) or gone
            return


def _inspect(args: argparse.Namespace) -> int:
    result = _read_one(args.file, args.kind)
    if result is None:
        return 1
    print(describe(result, args.file))
    return 0


def _convert(args: argparse.Namespace) -> int:
    inputs = collect_inputs(args.inputs, args.recursive)
    out_dir, single, formats = _target(args.output, args.to, inputs)
    style = _style(args.style)
    if args.verbosity >= 0:
        for passed in inputs.passed:
            print(f"{PROG}: {passed.path}: ignored: {passed.reason}", file=sys.stderr)
    made = _missing_folders(out_dir) if single != "-" else []
    try:
        if single != "-":
            out_dir.mkdir(parents=True, exist_ok=True)
            if not os.access(out_dir, os.W_OK | os.X_OK):
                raise PermissionError(13, "Permission denied")
    except OSError as exc:
        print(f"{PROG}: {out_dir}: cannot write there: {exc.strerror or exc}", file=sys.stderr)
        return 1
    limits = Limits(args.max_bytes, args.max_lines, args.max_line_length, args.timeout)
    options = batch.Options(formats, out_dir, args.jobs, args.force, args.dask, args.progress,
                            limits, kind=args.kind, as_of=args.as_of, style=style,
                            single=single, verbosity=args.verbosity)
    started = time.perf_counter()
    try:
        outcomes = batch.run_batch(inputs.found, options,
                                   lambda line: print(f"{PROG}: {line}", file=sys.stderr))
    except InputError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except OutputError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    finally:
        _remove_if_empty(made)
    seconds = time.perf_counter() - started
    counts = {status: sum(1 for o in outcomes if o.status == status)
              for status in ("converted", "failed", "skipped")}
    ignored = f", {len(inputs.passed)} ignored" if inputs.passed else ""
    if args.verbosity >= 0 and (len(inputs.found) > 1 or args.report or args.verbosity > 0
                                or counts["skipped"]):
        unchanged = " (unchanged since the last run; --force converts again)" \
            if counts["skipped"] else ""
        print(f"{PROG}: {counts['converted']} converted, {counts['failed']} failed, "
              f"{counts['skipped']} skipped{unchanged}{ignored} in {seconds:.1f} s",
              file=sys.stderr)
    if args.report:
        report = {"riksdoc": __version__, "formats": list(formats), "output_dir": str(out_dir),
                  **counts, "seconds": round(seconds, 3),
                  "documents": [o.record() for o in outcomes],
                  "ignored": [{"path": p.path, "reason": p.reason} for p in inputs.passed]}
        data = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        try:
            write_atomic(args.report, data.encode("utf-8"))
        except OSError as exc:
            _fail(str(args.report), exc.strerror or str(exc))
            return 1
    return 1 if counts["failed"] else 0


_SUFFIX_FORMATS = sorted([*((f.suffix, f.name) for f in FORMATS.values()),
                          (".xml", "akn"), (".htm", "html")], key=lambda pair: -len(pair[0]))
"""A file's suffix → the format ``-o FILE`` writes when ``-t`` does not say."""


def _target(output: str | None, wanted: tuple[str, ...] | None,
            inputs: Inputs) -> tuple[Path, str | None, tuple[str, ...]]:
    """Where ``-o`` sends the outputs: (the folder, the one output's file or ``-`` or None,
    the formats); `UsageError` when that cannot be."""
    several = len(inputs.found) > 1 or inputs.folders
    if output is None or output.endswith(("/", os.sep)) or (output != "-" and Path(output).is_dir()) \
            or (several and output != "-"):
        return Path(output or "."), None, wanted or DEFAULT_FORMATS
    where = "standard output" if output == "-" else output
    if several:
        raise UsageError(f"-o -: standard output takes one output, and there are "
                         f"{len(inputs.found)} inputs{' (a folder)' if inputs.folders else ''}")
    if wanted is None:
        lower = output.lower()
        wanted = next(((name,) for suffix, name in _SUFFIX_FORMATS if lower.endswith(suffix)),
                      None)
        if wanted is None:
            hint = "" if output == "-" else ", or end it with / to name a folder"
            raise UsageError(f"-o {output}: say which format {where} gets with -t (one of "
                             f"{','.join(FORMATS)}){hint}")
    if len(wanted) > 1:
        hint = "" if output == "-" else "; end it with / to name a folder"
        raise UsageError(f"-o {output}: {where} takes one output, and -t asks for "
                         f"{len(wanted)} ({','.join(wanted)}){hint}")
    folder = Path(".") if output == "-" else Path(output).parent
    return folder, output, wanted


def _style(folder: str | None) -> HouseStyle:
    if folder is None:
        return BUILT_IN
    try:
        return HouseStyle.folder(folder)
    except StyleError as exc:
        raise UsageError(f"--style {exc}") from None


def _validate(args: argparse.Namespace) -> int:
    from .validate import problems  # loads the schema: only when asked for

    failed = 0
    for source in args.files:
        data = read_source(source)
        if isinstance(data, str):
            _fail(source, data)
            failed += 1
            continue
        found = problems(data)
        for problem in found:
            _fail(source, problem)
        if found:
            failed += 1
        else:
            print(f"{source}: valid")
    return 1 if failed else 0


def _serve(args: argparse.Namespace) -> int:
    try:  # imported here: `riksdoc convert` never needs the web stack
        from .server import Settings, serve
    except ImportError as exc:
        print(f"{PROG}: serve needs the web extra ({exc.name} is missing): "
              "pip install 'riksdoc[web]'", file=sys.stderr)
        return 2
    serve(Settings(host=args.host, port=args.port, max_upload=args.max_upload,
                   timeout=float(args.timeout), workers=args.workers, style=_style(args.style)))
    return 0


# --- helpers --------------------------------------------------------------

def _read_one(source: str, kind: Kind | None = None) -> Read | None:
    """The input read (as *kind*, if given), or None once one line on stderr said why not."""
    data = read_source(source)
    if isinstance(data, str):
        _fail(source, data)
        return None
    try:
        return read(data, "stdin.txt" if source == "-" else source, kind=kind)
    except InputError as exc:
        reason = str(exc)
    except RecursionError:
        reason = "structure too deeply nested"
    except Exception as exc:  # a bug of ours: one line, not a traceback
        reason = f"internal error ({type(exc).__name__}: {exc}); please report it"
    _fail(source, reason)
    return None


def _fail(source: str, reason: str) -> None:
    print(f"{PROG}: {source}: {reason}", file=sys.stderr)
