"""The ``riksdoc`` command: normalise, inspect and convert documents.

Exit codes: 0 all good; 1 some input failed (the others were still done, one
line on stderr per failure, no traceback); 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterator, Sequence

from . import __version__
from .errors import InputError
from .model import Document, Kind, Person
from .readers import Read, read
from .writers import DEFAULT_FORMATS, FORMATS, NotAvailable, write, writer

PROG = "riksdoc"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except BrokenPipeError:  # e.g. `riksdoc normalise x.txt | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn Word→text exports of Riksdag documents into a print PDF, archival "
                    "Akoma Ntoso XML and an editable Word file.",
        epilog=f"Run '{PROG} COMMAND --help' for the examples of each command.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _command(sub, "normalise", _normalise, "print the clean text of an export",
                 f"""examples:
  {PROG} normalise answer.txt
  {PROG} normalise answer.txt --report answer.report.json

The clean text goes to stdout. Footnotes show as [^1] at the reference and
'[^1]: text' lines after the body (endnotes [^e1]).""")
    p.add_argument("file", metavar="FILE", help="a Word→text export ('-' for stdin)")
    p.add_argument("--report", metavar="REPORT.json", type=Path,
                   help="write the normalisation report (every change) as JSON")

    p = _command(sub, "inspect", _inspect, "show what riksdoc finds in a document",
                 f"""examples:
  {PROG} inspect answer.txt
  {PROG} inspect archive/answer.akn.xml

Shows the encoding, what normalisation removed or converted, the document
type and its metadata, and any warnings.""")
    p.add_argument("file", metavar="FILE", help="an input file ('-' for stdin)")

    p = _command(sub, "convert", _convert, "convert documents to AKN, DOCX, PDF, HTML, JSON",
                 f"""examples:
  {PROG} convert answer.txt                       # answer.akn.xml, .docx, .pdf here
  {PROG} convert seeds/ -o out/                   # every *.txt in seeds/
  {PROG} convert answer.txt -t json,html -o out/
  cat answer.txt | {PROG} convert - -t akn        # stdin → stdin.akn.xml

Outputs are named DIR/<stem>.akn.xml, .docx, .pdf, .html, .json.""")
    p.add_argument("inputs", metavar="INPUT", nargs="+",
                   help="files, directories (their *.txt) or '-' for stdin")
    p.add_argument("-t", "--to", metavar="FORMATS", default=",".join(DEFAULT_FORMATS),
                   type=_formats,
                   help=f"comma list from {','.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)})")
    p.add_argument("-o", "--output-dir", metavar="DIR", type=Path, default=Path("."),
                   help="where to write (default: the current directory)")
    return parser


def _command(sub: argparse._SubParsersAction, name: str, run: object, summary: str,
             examples: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".",
                       epilog=examples, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(run=run)
    return p


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {','.join(FORMATS)}")
    return names


# --- commands -------------------------------------------------------------

def _normalise(args: argparse.Namespace) -> int:
    result = _read_one(args.file)
    if result is None:
        return 1
    if result.normalised is None:
        return _fail(args.file, "normalise reads Word→text exports, not AKN, DOCX or JSON")
    sys.stdout.write(result.normalised.text)
    if args.report:
        data = json.dumps(result.normalised.report(), ensure_ascii=False, indent=2) + "\n"
        try:
            write_atomic(args.report, data.encode("utf-8"))
        except OSError as exc:
            return _fail(str(args.report), exc.strerror or str(exc))
    return 0


def _inspect(args: argparse.Namespace) -> int:
    result = _read_one(args.file)
    if result is None:
        return 1
    print(describe(result, args.file))
    return 0


def _convert(args: argparse.Namespace) -> int:
    for name in args.to:
        try:
            writer(name)
        except NotAvailable as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 2
    try:
        inputs = list(_expand(args.inputs))
    except InputError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    failed = 0
    for source in inputs:
        if not convert_one(source, args.to, args.output_dir):
            failed += 1
    return 1 if failed else 0


def convert_one(source: str, formats: Sequence[str], out_dir: Path) -> bool:
    """Convert one input to every format; all outputs are written, or none."""
    result = _read_one(source)
    if result is None:
        return False
    _print_warnings(source, result.document)
    stem = stem_of(source)
    outputs: list[tuple[Path, bytes]] = []
    for name in formats:
        try:
            data = write(result.document, name, stem=stem)
        except InputError as exc:
            _fail(source, f"cannot write {name}: {exc}")
            return False
        outputs.append((out_dir / f"{stem}{FORMATS[name].suffix}", data))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for path, data in outputs:
            write_atomic(path, data)
    except OSError as exc:
        _fail(source, f"cannot write to {out_dir}: {exc.strerror or exc}")
        return False
    return True


# --- helpers --------------------------------------------------------------

def _expand(inputs: Sequence[str]) -> Iterator[str]:
    seen: set[str] = set()
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            found = sorted(str(p) for p in path.glob("*.txt") if p.is_file())
            if not found:
                raise InputError(f"{item}: directory has no *.txt files")
        else:
            found = [item]
        for name in found:
            if name not in seen:
                seen.add(name)
                yield name


def stem_of(source: str) -> str:
    """Output base name: ``answer.txt`` → ``answer``, ``x.akn.xml`` → ``x``, stdin → ``stdin``."""
    if source == "-":
        return "stdin"
    name = Path(source).name
    for suffix in (".akn.xml", ".txt", ".docx", ".json", ".xml"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return Path(name).stem or name


def _read_one(source: str) -> Read | None:
    try:
        if source == "-":
            data = sys.stdin.buffer.read()
        else:
            data = Path(source).read_bytes()
    except IsADirectoryError:
        return _fail(source, "is a directory")
    except FileNotFoundError:
        return _fail(source, "no such file")
    except PermissionError:
        return _fail(source, "permission denied")
    except OSError as exc:
        return _fail(source, exc.strerror or str(exc))
    try:
        return read(data, "stdin.txt" if source == "-" else source)
    except InputError as exc:
        return _fail(source, str(exc))


def _fail(source: str, reason: str) -> None:
    print(f"{PROG}: {source}: {reason}", file=sys.stderr)
    return None


def _print_warnings(source: str, document: Document) -> None:
    for w in document.warnings:
        where = f"{source}:{w.line}" if w.line else source
        print(f"{PROG}: {where}: warning: {w.text}", file=sys.stderr)


def write_atomic(path: Path, data: bytes) -> None:
    """Write *data* to a temporary file beside *path*, then rename it into place.

    A reader of *path* sees the old file or the complete new one, never a part.
    """
    directory = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def describe(result: Read, source: str) -> str:
    """A human-readable account of what riksdoc found in one input."""
    doc = result.document
    out = [f"File:      {source}"]
    if result.normalised is not None:
        norm = result.normalised
        out.append(f"Encoding:  {norm.encoding}")
        if norm.changes:
            out.append(f"Normalisation: {len(norm.changes)} change(s)")
            for c in sorted(norm.changes, key=lambda c: (c.line, c.column)):
                detail = f" — {c.detail}" if c.detail else ""
                out.append(f"  line {c.line}, col {c.column}: {c.kind} {c.text!r}{detail}")
        else:
            out.append("Normalisation: nothing to change")
    out.append(f"Type:      {doc.kind.value} ({_KIND_NAMES[doc.kind]})")
    for q in doc.questions:
        who = f" av {_person(q.questioner)}" if q.questioner else ""
        out.append(f"Question:  {q.designation}{who}" + (f" — {q.title}" if q.title else ""))
    if doc.heading:
        out.append(f"Heading:   {doc.heading}")
    if doc.addressee:
        out.append(f"To:        {_person(doc.addressee)}")
    if doc.minister:
        out.append(f"Minister:  {_person(doc.minister)}")
    if doc.place or doc.date:
        date = doc.date.iso() if doc.date else "no date"
        out.append(f"Place/date: {doc.place or 'no place'}, {date}"
                   + (f" ({doc.date_text})" if doc.date_text else ""))
    for s in doc.signatures:
        out.append(f"Signed:    {_person(s.person)}")
    counts = {"paragraph": 0, "list": 0, "table": 0}
    for b in doc.blocks:
        counts[type(b).__name__.lower().replace("listblock", "list")] += 1
    out.append("Body:      " + ", ".join(f"{n} {k}(s)" for k, n in counts.items() if n)
               + (f", {len(doc.notes)} note(s)" if doc.notes else ""))
    for w in doc.warnings:
        out.append(f"Warning:   {'line ' + str(w.line) + ': ' if w.line else ''}{w.text}")
    return "\n".join(out)


_KIND_NAMES = {Kind.ANSWER: "svar på skriftlig fråga", Kind.QUESTION: "skriftlig fråga",
               Kind.INTERPELLATION: "interpellation", Kind.NOTICE: "meddelande",
               Kind.GENERIC: "unrecognised document"}


def _person(p: Person) -> str:
    text = f"{p.role} {p.name}" if p.role else p.name
    return f"{text} ({p.party})" if p.party else text
