"""The rules for headed parts: annexes, the genre's headings, numbered headings, any other
heading, and a heading's proposed law (`riksdoc.parl.grammar` orders them in its table).

Where a heading goes is decided by what it is (see `riksdoc.parl.grammar`); each
``open_…`` method closes the parts it cannot stand in and opens its own.
"""

from __future__ import annotations

from ..model import Division, Kind, Paragraph
from . import lines as rec
from .build import Open, join_wrapped
from .contents import Entry
from .law import read_law
from .state import FINISHED, HEADED_ROLES, PROPOSAL, STOPS, Found, ReaderState, key


class HeadingRules(ReaderState):
    """Recognisers and constructors of headed parts."""

    # -- annexes, the genre's headings, numbered headings ----------------------------------

    def annex(self, index: int) -> Found | None:
        text = self.text_of(index)
        entry = self.toc_annex(text)
        if entry is not None:
            heading, used = self.continued(index, entry.title)
            following = index + used
            while following < len(self.lines) and not self.lines[following].text:
                following += 1
            labelled = following < len(self.lines) and self.lines[following].text == entry.num
            if labelled:
                used = following - index + 1  # the print's running head gave the label too
            return Found(entry.num, heading, used, role="labelled" if labelled else "")
        m = rec.ANNEX.match(text)
        if m is None:
            return None
        if m.group("title"):
            return Found(m.group("num"), m.group("title"), role="labelled") \
                if rec.heading_like(m.group("title")) else None
        title = self.next_index(index)
        if title is not None and rec.heading_like(self.text_of(title)) \
                and not rec.ANNEX.match(self.text_of(title)):
            return Found(m.group("num"), self.text_of(title), title - index + 1, role="labelled")
        return Found(m.group("num"), None, role="labelled")

    def own_label(self, index: int) -> bool:
        """``Bilaga 1`` alone inside annex 1: its label, where a print's page put it (the
        running head of the annex's page), not a new annex."""
        annex = self.inside("annex")
        return annex is not None and annex.num is not None and self.text_of(index) == annex.num \
            and not annex.labelled

    def skip_label(self, index: int, found: object) -> None:
        annex = self.inside("annex")
        assert annex is not None
        annex.labelled = True
        annex.touch(self.line(index))

    def toc_annex(self, text: str) -> Entry | None:
        wanted = key(text)
        return self.annexes.get(wanted) if wanted else None

    def open_annex(self, index: int, found: Found) -> int:
        self.pop_while(lambda node: True)
        node = self.push(Open("annex", self.line(index), found.num, found.heading,
                              last=self.line(index + found.used - 1)))
        node.labelled = found.role == "labelled"
        self.path = ()  # an annex numbers its headings afresh
        return found.used

    def genre(self, index: int) -> rec.Genre | None:
        text = self.text_of(index)
        return rec.genre(text, self.kind) if len(text) <= rec.HEADING_MAX else None

    def open_genre(self, index: int, found: rec.Genre) -> int:
        role = found.role
        department: Paragraph | None = None
        if role == rec.PROPOSALS and self.inside("reservation", "opinion"):
            role = rec.SUB  # a reservation's own proposal: its text, under the reservation
        if role in (rec.SUB, rec.LEAF):
            self.pop_while(lambda node: node.role in ("sub", "leaf", "ordinary", "proposal"))
        elif role == rec.PROTOCOL:
            department = self.take_department()
            self.pop_while(lambda node: True)
        else:
            self.pop_while(lambda node: node.role not in STOPS)
        heading, used = self.text_of(index), 1
        following = index + 1
        if role == rec.PROTOCOL and following < len(self.lines) \
                and rec.DATE_END.match(self.text_of(following)) and not heading[-4:].isdigit():
            heading, used = f"{heading} {self.text_of(following)}", 2  # a wrapped date
        node = self.push(Open(role, self.line(index), heading=heading,
                              last=self.line(index + used - 1)))
        if role == rec.PROTOCOL and department is not None:
            node.flow.blocks.append(department)
            node.first = department.span.first if department.span else node.first
        return used

    def take_department(self) -> Paragraph | None:
        """The department line a print puts above a protocol extract belongs to it."""
        flow = self.top.flow
        flow.close()
        last = flow.blocks[-1] if flow.blocks else None
        if isinstance(last, Paragraph) and len(last.content) == 1 and isinstance(last.content[0], str) \
                and rec.DEPARTMENT_LINE.fullmatch(last.content[0]):
            flow.blocks.pop()
            return last
        return None

    def numbered(self, index: int) -> Found | None:
        m = rec.numbered(self.text_of(index))
        if m is None:
            return None
        num, title = m.group("num"), m.group("title")
        entry = self.numbered_toc.get(num)
        if entry is not None and key(entry.title).startswith(key(title)):
            heading, used = self.continued(index, entry.title)
            return Found(num, heading, used)
        by_title = self.titles.get(key(title))
        if by_title is not None and by_title.num and by_title.num[0].isdigit() and by_title.num != num:
            self.warn("heading-number", f"heading '{title}' is numbered '{num}{m.group('dot') or ''}' "
                      f"in the text but '{by_title.num}' in the table of contents; numbered as "
                      "the table of contents says", index)
            return Found(by_title.num, title)
        if m.group("dot") or not rec.heading_like(title):
            return None
        deeper = len(rec.path(num)) > self.toc_depth
        if (not self.numbered_toc or deeper) and rec.follows(self.path, rec.path(num)):
            return Found(num, title)
        return None

    def open_numbered(self, index: int, found: Found) -> int:
        assert found.num is not None
        number = rec.path(found.num)
        self.pop_while(lambda node: node.role not in STOPS
                       and not (node.path and len(node.path) < len(number)))
        role = "numbered"
        heading = found.heading or ""
        if (g := rec.genre(heading, self.kind)) is not None and g.role == rec.PROPOSALS:
            role = "proposals"
        self.push(Open(role, self.line(index), found.num, found.heading, path=number,
                       last=self.line(index + found.used - 1)))
        self.path = number
        if rec.LAW_HEADING.match(heading):
            return found.used + self.law(index + found.used)
        return found.used

    def continued(self, index: int, title: str) -> tuple[str, int]:
        """The heading at *index* with the lines that continue it to the *title* the table of
        contents gives (a print wraps long headings); and the lines it took."""
        m = rec.numbered(self.text_of(index))
        text = m.group("title") if m and not self.text_of(index).startswith("Bilaga") \
            and key(title).startswith(key(m.group("title"))) else self.text_of(index)
        used, target = 1, key(title)
        following = index + 1
        while key(text) != target:
            while following < len(self.lines) and not self.lines[following].text:
                following += 1
            if following >= len(self.lines):
                break
            joined = join_wrapped(text, self.lines[following].text)
            if not target.startswith(key(joined)):
                break
            text, used, following = joined, following - index + 1, following + 1
        return text, used

    # -- ordinary headings and proposed laws -----------------------------------------------

    def heading(self, index: int) -> bool:
        text = self.text_of(index)
        if self.state == PROPOSAL and self.kind is not Kind.MOTION:
            return False
        if text == self.title and self.next_index(index) is not None:
            return True  # a print repeats the title above the text
        if rec.DECISION.match(text) or rec.DEPARTMENT_LINE.fullmatch(text) or rec.people_row(text) \
                or (rec.person(text) and key(text) not in self.titles):
            return False
        hint = self.hints.get(self.line(index))
        if hint == "text":
            return False  # the markup says it is body text
        if hint == "heading" and not FINISHED.search(text) and not text.endswith(",") \
                and len(text) <= rec.HEADING_MAX and self.next_index(index) is not None:
            return True  # the markup says it is a heading
        if not rec.heading_like(text):
            return False
        return self.stands_alone(index)

    def stands_alone(self, index: int) -> bool:
        """Is the heading-like line at *index* set apart as a heading: not the rest of a
        paragraph above it, not the first line of one below it, not above a table or list?"""
        open_lines = self.top.flow.lines
        if open_lines and index > 0 and open_lines[-1] == self.lines[index - 1] \
                and not FINISHED.search(open_lines[-1].text):
            return False  # the rest of a paragraph a line or page broke
        following = self.next_index(index)
        if following is None:
            return False
        after = self.text_of(following)
        if after[:1].islower() or rec.LIST_ITEM.match(after):
            return False  # the first line of a wrapped paragraph, or one introducing a list
        if self.plain_heading_like(following) and (then := self.next_index(following)) is not None \
                and self.plain_heading_like(then):
            return False  # three short lines in a row are a list of lines, not headings
        return "\t" not in after and not rec.PLACE_DATE.match(after) \
            and not (rec.heading_like(after) and self.next_index(following) is None)

    def plain_heading_like(self, index: int) -> bool:
        """Is the line at *index* heading-like and none of the genre's or numbered headings?"""
        text = self.text_of(index)
        return rec.heading_like(text) and self.genre(index) is None and rec.numbered(text) is None \
            and not rec.ANNEX.match(text)

    def open_ordinary(self, index: int, found: object) -> int:
        text = self.text_of(index)
        listed = (key(text) in self.titles or self.opens_topic(index)) \
            and not rec.LAW_HEADING.match(text)
        top = self.top
        if listed:
            self.pop_while(lambda node: node.role not in STOPS | {"top", "reservations", "opinions"}
                           and not node.path)
        elif not (top.fresh and top.role in HEADED_ROLES):
            self.pop_while(lambda node: node.role in ("leaf", "proposal")
                           or (node.role == "proposals" and not node.path))
            if self.top.role == "ordinary":
                self.pop()
        self.push(Open("topic" if listed else "ordinary", self.line(index), heading=text,
                       last=self.line(index)))
        if rec.LAW_HEADING.match(text):
            return 1 + self.law(index + 1)
        return 1

    def opens_topic(self, index: int) -> bool:
        """A report's topic that its table of contents does not list (or that has none): the
        heading right above a topic's own heading (``Utskottets förslag i korthet``,
        ``Motionerna``)."""
        following = self.next_index(index)
        found = self.genre(following) if following is not None and self.kind is Kind.REPORT \
            else None
        return found is not None and found.role in (rec.SUB, rec.LEAF) \
            and self.inside("reservation", "opinion") is None

    def law(self, start: int) -> int:
        """The proposed law below the heading just opened: its lines up to the next part,
        read with the statute grammar; the number of lines it took."""
        end = start
        while end < len(self.lines):
            text = self.lines[end].text
            if text and end > start and (self.annex(end) or self.genre(end) or self.numbered(end)
                                         or rec.PLACE_DATE.match(text)
                                         or (rec.LAW_HEADING.match(text) and rec.heading_like(text))):
                break
            end += 1
        blocks, warnings = read_law(list(self.lines[start:end]))
        for block in blocks:
            self.top.add(block)
        self.warnings.extend(warnings)
        if not any(isinstance(b, Division) for b in blocks):
            self.warn("law-without-text", "a proposed law's heading without its text (the "
                      "print may give it only as a picture)", start - 1)
        return end - start

