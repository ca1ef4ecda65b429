"""Real-shaped parts of Riksdag documents, and hypothesis strategies that assemble them.

Each strategy draws a whole document as the genre writes it — letterhead lines,
a document line in one of its forms, titles, who asked, a body, place and date,
a signature block — combining and permuting the parts the way real documents
do (title on the same line or the next, ``av`` on the number's line or the
next, the signer's title before or after the name, letterhead lines in any
order), then adds the noise of a Word export (`noisy`).  It returns the text
and the fields a reader of the text would state, so a test can compare.

The words are written for these tests, in the shapes of real documents; no
document is copied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hypothesis import strategies as st

from riksdoc.vocabulary import MONTHS

NAMES = ["Anna Berg", "Per-Olof Ek", "Åsa Lindqvist Öberg", "Jan van der Linden", "Eva Nyström",
         "Karl-Johan Söder", "Lena Hallberg", "Omar Said", "Britt Åhlund", "Ulf Öst"]
MINISTERS = ["Morgan Ström", "Ylva Berglund", "Tomas Engström", "Mikael Dahl", "Ann Lindell",
             "Peter Kullberg", "Lotta Edvall", "Ardalan Sheikh"]
OFFICIALS = ["Cecilia Bergman", "Gunnar Ek", "Maria Holm"]
PARTIES = ["M", "S", "SD", "C", "V", "KD", "L", "MP", "fp", "v", "mp", "kd"]
SESSIONS = ["2022/23", "2019/2020", "2008/09", "2016/17", "2024/25"]
TITLES = ["Vägar i Norrland", "Skolskjutsar i glesbygd", "Upprustning av Inlandsbanan",
          "Flytt av myndigheter till Skåne", "Statens stöd till kulturen", "Bredband på landet",
          "Polisens närvaro i Värmland", "Tågtrafiken mellan Umeå och Luleå",
          "Vargens roll i ekosystemet", "Ökade kostnader för vården?"]
ROLES = ["Statsrådet", "Infrastrukturminister", "Närings- och innovationsminister",
         "Justitie- och inrikesminister", "Socialförsäkringsminister", "Försvarsminister",
         "Bostads-, stadsutvecklings- och it-minister", "Klimat- och miljöminister"]
ROLES_DEFINITE = ["Justitie- och migrationsministern", "Infrastrukturministern",
                  "Närings- och innovationsministern", "Statsrådet"]
DEPARTMENTS = ["Justitiedepartementet", "Näringsdepartementet", "Miljö- och energidepartementet",
               "Socialdepartementet", "Finansdepartementet"]
OFFICIAL_TITLES = ["Kansliråd", "Expeditions- och rättschef", "Departementsråd"]
SENTENCES = ["Regeringen följer frågan noga.", "Arbetet pågår inom Regeringskansliet.",
             "Jag avser inte att vidta några ytterligare åtgärder.",
             "Myndigheten har fått i uppdrag att se över reglerna, och ska redovisa uppdraget "
             "senast den 1 december.",
             "Det är angeläget att hela landet har goda förbindelser.",
             "Frågan bereds för närvarande i Näringsdepartementet."]
DELAYS = ["{what} kommer att besvaras den {day} {month} {year}.",
          "{what} kommer att besvaras fredagen den {day} {month} {year}.",
          "{what} kommer inte att besvaras."]


@dataclass
class Asked:
    """One question as the text states it."""

    session: str
    number: int
    questioner: str | None
    party: str | None
    title: str | None

    @property
    def designation(self) -> str:
        first, second = self.session.split("/")
        return f"{first}/{second[-2:]}:{self.number}"


@dataclass
class Expected:
    """What the text states: the fields a reader would take from it."""

    kind: str
    questions: list[Asked]
    place: str | None = None
    date: tuple[int, int, int | None] | None = None
    signatory: tuple[str, str | None, str | None] | None = None
    """Name, party, title of the first signer."""
    minister: tuple[str, str] | None = None
    """Role and name of the header's minister line."""
    addressee: tuple[str, str] | None = None
    """Role and name of the minister asked."""
    department: str | None = None
    speakers: list[tuple[str, str | None]] = field(default_factory=list)
    stated: bool = True
    """Whether the header names the questioners (else the body does)."""


@st.composite
def question(draw, session: str | None = None, questioner: str | None = None,
             party: str | None = None) -> Asked:
    return Asked(session or draw(st.sampled_from(SESSIONS)), draw(st.integers(1, 3999)),
                 questioner or draw(st.sampled_from(NAMES)),
                 party or draw(st.sampled_from(PARTIES)), draw(st.sampled_from(TITLES)))


@st.composite
def full_date(draw) -> tuple[int, int, int]:
    return draw(st.integers(1, 28)), draw(st.integers(1, 12)), draw(st.integers(1995, 2030))


def date_words(date: tuple[int, int, int | None]) -> str:
    day, month, year = date
    return f"{day} {MONTHS[month - 1]}" + (f" {year}" if year else "")


def number(q: Asked) -> str:
    return f"{q.session}:{q.number}"


# -- letterhead and closing ---------------------------------------------------------------

@st.composite
def letterhead(draw) -> tuple[list[str], str | None]:
    """Some of: department, the minister's title, a Dnr, ``Till riksdagen``, in any order."""
    department = draw(st.sampled_from(DEPARTMENTS))
    parts = draw(st.lists(st.sampled_from(["department", "role", "dnr", "riksdag"]),
                          unique=True, max_size=4))
    lines = {"department": department, "role": draw(st.sampled_from(ROLES_DEFINITE)),
             "dnr": f"Dnr {department[:2]}{draw(st.integers(2015, 2025))}/0{draw(st.integers(1000, 9999))}",
             "riksdag": "Till riksdagen"}
    order = draw(st.permutations(parts))
    return [lines[p] for p in order], department if "department" in parts else None


@st.composite
def signature(draw, minister: str, role_choice: bool = True) -> tuple[list[str], tuple]:
    """A signature block in one of its real shapes, and (name, party, title) of the signer."""
    shape = draw(st.sampled_from(["name", "party", "dashes", "title-after", "title-before",
                                  "by-order"] if role_choice else ["name", "party", "dashes"]))
    party = draw(st.sampled_from(["S", "M", "KD", "L"]))
    role = draw(st.sampled_from(ROLES))
    if shape == "name":
        return [minister], (minister, None, None)
    if shape == "party":
        return [f"{minister} ({party})"], (minister, party, None)
    if shape == "dashes":
        return [f"{minister} {draw(st.sampled_from(['–', '––', '—', '___']))}"], (minister, None, None)
    if shape == "title-after":
        return [minister, role], (minister, None, role)
    if shape == "title-before":
        return [role, minister], (minister, None, role)
    official, title = draw(st.sampled_from(OFFICIALS)), draw(st.sampled_from(OFFICIAL_TITLES))
    return ["Enligt uppdrag", official, title], (official, None, title)


def prose(draw, opening: str | None) -> list[str]:
    body = [opening] if opening else []
    body += draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
    return body


# -- answers -----------------------------------------------------------------------------

@st.composite
def answer(draw) -> tuple[list[str], Expected]:
    shape = draw(st.sampled_from(["one-line", "two-lines", "blank-between", "skriftlig",
                                  "joint", "plural", "older"]))
    if shape == "older":
        return draw(older_answer())
    if shape == "joint":
        questions = draw(st.lists(question(), min_size=2, max_size=3,
                                  unique_by=lambda q: (q.session, q.number)))
        header = [f"Svar på fråga {number(questions[0])} av {questions[0].questioner} "
                  f"({questions[0].party})"]
        if draw(st.booleans()):  # "T1, fråga N2 av … T2 och fråga N3 av … T3" on one line
            rest = [questions[0].title]
            for i, q in enumerate(questions[1:], start=1):
                word = "och fråga" if i == len(questions) - 1 else ", fråga"
                rest.append(f"{word} {number(q)} av {q.questioner} ({q.party}) {q.title}")
            header.append(" ".join(rest).replace(" , fråga", ", fråga"))
        else:  # a title a line, each question on a line of its own
            header.append(questions[0].title)
            for i, q in enumerate(questions[1:], start=1):
                word = "och fråga" if i == len(questions) - 1 else "fråga"
                header += [f"{word} {number(q)} av {q.questioner} ({q.party})", q.title]
        asked = " och ".join(dict.fromkeys(q.questioner for q in questions if q.questioner))
    elif shape == "plural":
        first = draw(question())
        count = draw(st.integers(2, 3))
        numbers = sorted(draw(st.lists(st.integers(1, 3999), min_size=count, max_size=count,
                                       unique=True)))
        titles = draw(st.lists(st.sampled_from(TITLES), min_size=count, max_size=count))
        questions = [Asked(first.session, n, first.questioner, first.party, t)
                     for n, t in zip(numbers, titles, strict=True)]
        listed = [number(questions[0])] + [str(n) for n in numbers[1:]]
        joined = ", ".join(listed[:-1]) + " och " + listed[-1]
        header = [f"Svar på frågorna {joined} av {first.questioner} ({first.party})", *titles]
        asked = first.questioner
    else:
        q = draw(question())
        questions = [q]
        opening = "Svar på skriftlig fråga" if shape == "skriftlig" else "Svar på fråga"
        line = f"{opening} {number(q)} av {q.questioner} ({q.party})"
        header = {"one-line": [f"{line} {q.title}"], "two-lines": [line, q.title],
                  "blank-between": [line, "", q.title], "skriftlig": [line, q.title]}[shape]
        asked = q.questioner
    top, department = draw(letterhead())
    date = draw(full_date())
    minister = draw(st.sampled_from(MINISTERS))
    signed, signer = draw(signature(minister))
    body = prose(draw, f"{asked} har frågat mig om detta.")
    lines = top + header + [""] + body + ["", f"Stockholm den {date_words(date)}", ""] + signed
    return lines, Expected("frs", questions, "Stockholm", date, signer, department=department)


@st.composite
def older_answer(draw) -> tuple[list[str], Expected]:
    """``den 14 september`` / ``Svar på fråga(orna)`` / ``N Titel`` lines / minister line;
    the questioners named only in the body."""
    count = draw(st.integers(1, 3))
    session = draw(st.sampled_from(SESSIONS))
    numbers = draw(st.lists(st.integers(1, 3999), min_size=count, max_size=count, unique=True))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=count, max_size=count, unique=True))
    titles = draw(st.lists(st.sampled_from(TITLES), min_size=count, max_size=count))
    questions = [Asked(session, n, name, None, t)
                 for n, name, t in zip(numbers, names, titles, strict=True)]
    role, minister = draw(st.sampled_from(ROLES)), draw(st.sampled_from(MINISTERS))
    day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
    split_date = draw(st.booleans())
    dateline = ["den", f"{day} {MONTHS[month - 1]}"] if split_date else \
        [f"den {day} {MONTHS[month - 1]}"]
    opening = "Svar på fråga" if count == 1 else "Svar på frågorna"
    asked = ". ".join(f"{q.questioner} har frågat mig om {q.title.lower().rstrip('?')}"
                      for q in questions) + "."
    lines = [*dateline, "", opening, "", *[f"{number(q)} {q.title}" for q in questions], "",
             f"{role} {minister}", "", asked, *prose(draw, None)]
    return lines, Expected("frs", questions, None, (day, month, None), None,
                           minister=(role, minister), stated=False)


# -- notices -----------------------------------------------------------------------------

@st.composite
def notice(draw) -> tuple[list[str], Expected]:
    q = draw(question())
    date = draw(full_date())
    later = draw(full_date())
    minister = draw(st.sampled_from(MINISTERS))
    interpellation = draw(st.booleans())
    what = "Interpellationen" if interpellation else "Frågan"
    delay = draw(st.sampled_from(DELAYS)).format(what=what, day=later[0],
                                                 month=MONTHS[later[1] - 1], year=later[2])
    if draw(st.booleans()):  # the Riksdag's form: number / Till riksdagen / number and title
        word = "Interpellation" if interpellation else "Fråga"
        by_line = draw(st.booleans())
        header = [f"{word} {number(q)}", "", "Till riksdagen", "",
                  f"{word} {number(q)} {q.title}" if by_line else f"{word} {number(q)}",
                  f"av {q.questioner} ({q.party})" if by_line else
                  f"av {q.questioner} ({q.party}) {q.title}"]
        department = draw(st.sampled_from(DEPARTMENTS))
        signed = [department, minister]
        signer = (minister, None, None)
        if draw(st.booleans()):
            official, title = draw(st.sampled_from(OFFICIALS)), draw(st.sampled_from(OFFICIAL_TITLES))
            signed += ["Enligt uppdrag", official, title]
    else:
        kind = draw(st.sampled_from(["försenat", "fördröjt", "uteblivet"]))
        target = "interpellation" if interpellation else "fråga"
        line = f"Meddelande om {kind} svar på {target} {number(q)}"
        header = draw(st.sampled_from([[f"{line} av {q.questioner} ({q.party}) {q.title}"],
                                       [line, f"av {q.questioner} ({q.party}) {q.title}"],
                                       [line, f"av {q.questioner} ({q.party})", q.title]]))
        department = None
        signed, signer = draw(signature(minister, role_choice=False))
    lines = header + ["", delay, "", f"Stockholm den {date_words(date)}", ""] + signed
    return lines, Expected("notice", [q], "Stockholm", date, signer, department=department)


# -- questions and interpellations ---------------------------------------------------------

QUOTES = [
    ["Exempel:", "Meddelande om fördröjt svar på fråga 2021/22:77", "av Britt Åhlund (C) Annat",
     "Frågan kommer att besvaras den 3 maj 2022.", "Stockholm den 1 maj 2022", "Ann Lindell"],
    ["I svaret stod:", "Svar på fråga 2020/21:12 av Omar Said (V) Något annat",
     "Omar Said har frågat mig om något."],
]


@st.composite
def asked_question(draw) -> tuple[list[str], Expected]:
    q = draw(question())
    interpellation = draw(st.booleans())
    word = "Interpellation" if interpellation else "Fråga"
    role, minister, party = (draw(st.sampled_from(ROLES)), draw(st.sampled_from(MINISTERS)),
                             draw(st.sampled_from(["S", "M", "KD", "L"])))
    to = f"till {role} {minister} ({party})"
    shape = draw(st.sampled_from(["modern", "older", "one-line", "next-line", "page", "form"]))
    date = None
    if shape == "modern":
        header = [f"{word} {number(q)} {q.title}", "", f"av {q.questioner} ({q.party})", "", to]
    elif shape == "older":
        day, month = draw(st.integers(1, 28)), draw(st.integers(1, 12))
        date = (day, month, None)
        header = [f"den {day} {MONTHS[month - 1]}", word, number(q), q.title,
                  f"av {q.questioner} ({q.party})", to]
    elif shape == "one-line":
        header = [f"{word} {number(q)} av {q.questioner} ({q.party}) till {role.lower()} "
                  f"{minister} om {q.title.lower()}"]
        q = Asked(q.session, q.number, q.questioner, q.party, q.title.lower())
        to = None
    elif shape == "next-line":
        header = [f"{word} {number(q)}", f"av {q.questioner} ({q.party}) till {role} {minister} "
                  f"om {q.title}"]
        to = None
    elif shape == "page":
        prefix = "Skriftlig fråga" if not interpellation else "Interpellation"
        header = [q.title, f"{prefix} {number(q)} av {q.questioner} ({q.party})", "", to]
    else:
        form = "INTERPELLATION TILL STATSRÅD" if interpellation else "SKRIFTLIG FRÅGA TILL STATSRÅD"
        header = [form, f"Nr\t{number(q)}\t", f"Frågeställare\t{q.questioner}\t",
                  f"Parti\t{q.party}\t", f"Till\t{role} {minister}\t", f"Rubrik\t{q.title}\t"]
        party = None
    body = prose(draw, None)
    if draw(st.booleans()):  # the question quotes another document
        at = draw(st.integers(0, len(body)))
        body[at:at] = draw(st.sampled_from(QUOTES))
    body.append(f"Vad avser {'statsrådet' if role == 'Statsrådet' else 'ministern'} att göra?")
    addressee = (role if shape != "one-line" else role.lower(), minister)
    expected = Expected("ip" if interpellation else "fr", [q], None, date, None,
                        addressee=addressee)
    return header + [""] + body, expected


# -- debates -----------------------------------------------------------------------------

@st.composite
def debate(draw) -> tuple[list[str], Expected]:
    q = draw(question())
    role, minister = draw(st.sampled_from(ROLES)), draw(st.sampled_from(MINISTERS)).upper()
    party = draw(st.sampled_from(["S", "M", "KD", "L"]))
    member = q.questioner.upper() if q.questioner else "ANNA BERG"
    paragraph = "§ " + str(draw(st.integers(1, 40))) + " " if draw(st.booleans()) else ""
    header = [f"{paragraph}Svar på interpellation {number(q)} om {q.title.lower()}"]
    if draw(st.booleans()):  # the protocol's heading above its items
        header.insert(0, "Svar på interpellationer")
    speeches = [(f"Anf. 1 {role} {minister} ({party}):",
                 [f"Fru talman! {q.questioner} har frågat mig om detta.", *prose(draw, None)]),
                (f"Anf. 2 {member} ({q.party}):", ["Fru talman! Jag tackar för svaret."])]
    if draw(st.booleans()):
        speeches.append((f"Anf. 3 {role} {minister} ({party}) replik:", ["Fru talman! Kort."]))
    lines = header + [""]
    same_line = draw(st.booleans())  # "Anf. 1 … (S): Fru talman! …" on one line
    for speaker, said in speeches:
        lines += [f"{speaker} {said[0]}", *said[1:], ""] if same_line else [speaker, *said, ""]
    if draw(st.booleans()):
        lines.append("Överläggningen var härmed avslutad.")
    asked = Asked(q.session, q.number, q.questioner, q.party, q.title.lower())
    expected = Expected("prot", [asked], speakers=[(minister, party), (member, q.party)]
                        + ([(minister, party)] if len(speeches) == 3 else []), stated=False)
    return lines, expected


# -- Word-export noise ----------------------------------------------------------------------

SPLIT_AFTER = ("och", "av", "i", "för", "om", "till", "på", "mellan")
"""A title may be wrapped after these words (a title never ends with one)."""


@st.composite
def split(draw, lines: list[str], header: int) -> list[str]:
    """Lines of the first *header* lines wrapped in two, as a text wrapped at a fixed width
    or a Word line break does: a document, questioner, addressee, minister or date line at
    any space, a title only after a word no title ends with."""
    out: list[str] = []
    for at, line in enumerate(lines):
        spaces = [i for i, ch in enumerate(line) if ch == " "]
        if at >= header or not spaces or "\t" in line or draw(st.integers(0, 3)) != 0:
            out.append(line)
            continue
        if re.match(r"(?:Svar|Fråga|Interpellation|Meddelande|av |till |den |§|Skriftlig|"
                    r"Statsrådet|[\w-]+minister)", line) or line.startswith(tuple(ROLES)):
            cut = draw(st.sampled_from(spaces[1:] if line.startswith("§") else spaces)
                       if len(spaces) > 1 or not line.startswith("§") else spaces)
        else:
            after = [i for i in spaces if line[:i].rsplit(" ", 1)[-1] in SPLIT_AFTER]
            if not after:
                out.append(line)
                continue
            cut = draw(st.sampled_from(after))
        out += [line[:cut], line[cut + 1:]]
    return out


@st.composite
def noisy(draw, lines: list[str]) -> str:
    """*lines* as a Word export might give them: bookmarks, soft hyphens, zero-width spaces,
    whitespace at the ends, no-break-space lines between parts, field codes, reviewer
    comments, header lines wrapped in two, CRLF.  The normaliser takes the noise out and
    reports it; the parser reads wrapped lines together."""
    first_empty = lines.index("") if "" in lines else len(lines)
    lines = draw(split(lines, first_empty))
    out: list[str] = []
    for line in lines:
        if not line:
            out.append(draw(st.sampled_from(["", "\u00a0", " ", "\u00a0\u00a0", "\t"])))
            continue
        line = _inside(draw, line)
        if draw(st.integers(0, 9)) == 0:
            line = draw(st.sampled_from(["[bookmark: _GoBack]", "[bookmark: _Hlk1]"])) + line
        if draw(st.integers(0, 9)) == 0:
            line += draw(st.sampled_from([" ", "  ", "\u00a0", "[bookmark: _GoBack]",
                                          "\tComment by Lena: kolla"]))
        out.append(line)
    if draw(st.booleans()):
        out.insert(0, draw(st.sampled_from(["STYLEREF Kantrubrik \\* MERGEFORMAT",
                                            "PAGE \\* MERGEFORMAT", "[image: Riksdagens logotyp]"])))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return ending.join(out) + ending


def _inside(draw, line: str) -> str:
    """Invisible noise inside a word: a soft hyphen or a zero-width space."""
    if draw(st.integers(0, 4)) != 0:
        return line
    words = [i for i, ch in enumerate(line) if ch.isalpha() and i > 0 and line[i - 1].isalpha()]
    if not words:
        return line
    at = draw(st.sampled_from(words))
    return line[:at] + draw(st.sampled_from(["\u00ad", "\u200b"])) + line[at:]


DOCUMENTS = st.one_of(answer(), notice(), asked_question(), debate())
"""Any document of the family, in any of its shapes."""
