"""Answers, questions, notices and debates in the shapes the corpus does not show.

Every text here is written for the test, in the shape real Riksdag documents
take (issue 15): plural and joint headers, compound ministers' titles,
signature blocks, notices in the Riksdag's own form, printed question forms,
questions quoting other documents, interpellation debates.  `tests/test_shapes.py`
covers the same shapes generated, permuted and noisy.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import docx
import pikepdf
import pytest
from lxml import etree

from riksdoc.jsonmodel import dump
from riksdoc.model import Document, Kind, Person, Speech, SwedishDate, inline_text
from riksdoc.normalise import normalise
from riksdoc.parse import parse
from riksdoc.readers import read
from riksdoc.validate import problems
from riksdoc.writers import write

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0", "rd": "urn:riksdoc:akn:1"}


def doc(text: str) -> Document:
    return parse(normalise(text))


def questions(d: Document) -> list[tuple]:
    return [(q.designation, q.as_written, q.questioner, q.title) for q in d.questions]


def codes(d: Document) -> list[tuple[str, int | None]]:
    return [(w.code, w.line) for w in d.warnings]


def akn(d: Document) -> etree._Element:
    data = write(d, "akn", stem="x")
    assert problems(data) == []
    return etree.fromstring(data)


def round_trips(d: Document) -> None:
    for name, suffix in (("akn", ".akn.xml"), ("docx", ".docx"), ("json", ".json")):
        assert read(write(d, name, stem="x"), f"x{suffix}").document == d, name


# --- 1. plural and joint headers ----------------------------------------------------

PLURAL = """Svar på frågorna 2022/23:410, 411 och 415 av Linnea Holm (V)
Elpriserna i norra Sverige
Elstödet till hushållen
Elnätsavgifterna

Linnea Holm har frågat mig om elpriserna, om elstödet och om elnätsavgifterna. Jag väljer
att besvara frågorna samlat.

Stockholm den 14 februari 2023

Ebba Lundkvist
"""


def test_plural_header_with_one_session_names_every_question() -> None:
    d = doc(PLURAL)
    asker = Person("Linnea Holm", "V")
    assert (d.kind, d.head) == (Kind.ANSWER, "Svar på frågorna")
    assert questions(d) == [
        ("2022/23:410", "2022/23:410", asker, "Elpriserna i norra Sverige"),
        ("2022/23:411", "411", asker, "Elstödet till hushållen"),
        ("2022/23:415", "415", asker, "Elnätsavgifterna")]
    assert (d.place, d.date, d.signatory) == ("Stockholm", SwedishDate(14, 2, 2023),
                                              Person("Ebba Lundkvist"))
    round_trips(d)


def test_plural_header_with_several_questioners_and_repeated_sessions() -> None:
    d = doc("Svar på frågorna 2019/20:1201 av Nils Ek (M) och 2019/20:1240 av Sara Gran (KD)\n"
            "Polisens resurser i Dalarna\nPolisens resurser i Gävleborg\n\n"
            "Nils Ek och Sara Gran har frågat mig om polisen.\n\n"
            "Stockholm den 3 juni 2020\n\nMikael Dahl\n")
    assert questions(d) == [
        ("2019/20:1201", "2019/20:1201", Person("Nils Ek", "M"), "Polisens resurser i Dalarna"),
        ("2019/20:1240", "2019/20:1240", Person("Sara Gran", "KD"),
         "Polisens resurser i Gävleborg")]
    round_trips(d)


def test_joint_header_over_two_lines_with_titles_between() -> None:
    d = doc("Svar på fråga 2021/22:900 av Eva Berg (C)\nBussar i Jämtland och fråga 2021/22:912 "
            "av Olof Ny (S) Tåg i Jämtland\n\nEva Berg och Olof Ny har frågat mig.\n\n"
            "Stockholm den 2 mars 2022\n\nTomas Engström\n")
    assert questions(d) == [
        ("2021/22:900", "2021/22:900", Person("Eva Berg", "C"), "Bussar i Jämtland"),
        ("2021/22:912", "2021/22:912", Person("Olof Ny", "S"), "Tåg i Jämtland")]


OLDER_PLURAL = """den 21 oktober

Svar på frågorna

2011/12:55 Bredband i Norrbotten
2011/12:61 Mobiltäckning i fjällen

Närings- och handelsminister Ewa Björk

Per Holm har frågat mig om bredband i Norrbotten. Lisa Sten har frågat mig om mobiltäckningen.

Regeringen har en bredbandsstrategi.
"""


def test_older_layout_with_one_number_line_per_question() -> None:
    d = doc(OLDER_PLURAL)
    assert (d.kind, d.head) == (Kind.ANSWER, "Svar på frågorna")
    assert questions(d) == [
        ("2011/12:55", "2011/12:55", Person("Per Holm"), "Bredband i Norrbotten"),
        ("2011/12:61", "2011/12:61", Person("Lisa Sten"), "Mobiltäckning i fjällen")]
    assert all(not q.questioner_stated for q in d.questions)  # named in the body only
    assert d.minister == Person("Ewa Björk", None, "Närings- och handelsminister")
    assert d.date == SwedishDate(21, 10, None)
    assert ("questioner-in-body", 10) in codes(d)
    round_trips(d)


# --- 2. ministers with compound titles --------------------------------------------------

@pytest.mark.parametrize("line, role", [
    ("Närings- och handelsminister Ewa Björk", "Närings- och handelsminister"),
    ("Justitie- och inrikesminister Morgan Ström", "Justitie- och inrikesminister"),
    ("Socialförsäkringsminister Ulf Sjö", "Socialförsäkringsminister"),
    ("Statsrådet Anna Ek (S)", "Statsrådet"),
    ("Bostads-, stadsutvecklings- och it-minister Mehmet Kaya", "Bostads-, stadsutvecklings- och it-minister"),
])
def test_older_answer_keeps_a_compound_minister_and_finds_the_questioner(line: str,
                                                                        role: str) -> None:
    d = doc(f"den 3 maj\n\nSvar på fråga\n\n2012/13:401 Vägen till Arjeplog\n\n{line}\n\n"
            "Karin Åberg har frågat mig när vägen byggs.\n\nArbetet pågår.\n")
    assert d.kind is Kind.ANSWER
    assert (d.minister.role, d.minister.name) == (role, line[len(role) + 1:].split(" (")[0])
    assert d.questions[0].questioner == Person("Karin Åberg")
    assert d.blocks[0].content == ("Karin Åberg har frågat mig när vägen byggs.",)


def test_minister_title_on_the_line_before_its_name_is_read_as_one_line() -> None:
    d = doc("den 3 maj\n\nSvar på fråga\n\n2012/13:401 Vägen till Arjeplog\n\n"
            "Justitie- och inrikesminister\nMorgan Ström\n\nKarin Åberg har frågat mig.\n")
    assert d.minister == Person("Morgan Ström", None, "Justitie- och inrikesminister")


# --- 3. signature lines -----------------------------------------------------------------

ANSWER = "Svar på fråga 2020/21:88 av Jonas Lind (L) Skolan\n\nJonas Lind har frågat mig.\n\n" \
         "Stockholm den 9 november 2020\n\n"


@pytest.mark.parametrize("block, person", [
    ("Anna Ekström ––", Person("Anna Ekström")),
    ("Anna Ekström (S)", Person("Anna Ekström", "S")),
    ("Anna Ekström\nUtbildningsminister", Person("Anna Ekström", None, "Utbildningsminister")),
    ("Utbildningsminister\nAnna Ekström", Person("Anna Ekström", None, "Utbildningsminister")),
    ("Enligt uppdrag\n\nMaria Holm\nDepartementsråd", Person("Maria Holm", None, "Departementsråd")),
])
def test_signature_shapes(block: str, person: Person) -> None:
    d = doc(ANSWER + block + "\n")
    assert d.signatory == person
    assert d.signatures[0].lines == tuple(line for line in block.split("\n") if line)
    round_trips(d)


def test_a_minister_signing_with_an_official_by_order() -> None:
    d = doc(ANSWER + "Anna Ekström\n\nEnligt uppdrag\nMaria Holm\nKansliråd\n")
    assert [s.person for s in d.signatures] == [
        Person("Anna Ekström"), Person("Maria Holm", None, "Kansliråd")]
    assert d.signatory == Person("Anna Ekström")


# --- 4. notices -------------------------------------------------------------------------

@pytest.mark.parametrize("opening", ["Meddelande om försenat svar på fråga",
                                     "Meddelande om fördröjt svar på fråga",
                                     "Meddelande om uteblivet svar på fråga"])
@pytest.mark.parametrize("by_line", [" ", "\n"], ids=["same-line", "next-line"])
def test_notices_of_delayed_or_missing_answers(opening: str, by_line: str) -> None:
    d = doc(f"{opening} 2016/17:1502{by_line}av Sofia Wall (MP) Hyrbilar på landsbygden\n\n"
            "Frågan kommer att besvaras den 20 juni 2017.\n\nStockholm den 13 juni 2017\n\n"
            "Peter Eriksson\nInfrastrukturminister\n")
    assert (d.kind, d.head) == (Kind.NOTICE, opening)
    assert questions(d) == [("2016/17:1502", "2016/17:1502", Person("Sofia Wall", "MP"),
                             "Hyrbilar på landsbygden")]
    assert d.signatory == Person("Peter Eriksson", None, "Infrastrukturminister")
    round_trips(d)


RIKSDAG_NOTICE = """Interpellation 2018/19:77

Till riksdagen

Interpellation 2018/19:77 Tullens resurser i Haparanda
av Hanna Lund (SD)

Interpellationen kommer att besvaras fredagen den 22 februari 2019.

Skälet till dröjsmålet är sedan tidigare inbokade arrangemang.

Stockholm den 5 februari 2019

Finansdepartementet
Magnus Strand
"""


def test_a_notice_in_the_riksdags_form_is_a_notice_never_an_interpellation() -> None:
    d = doc(RIKSDAG_NOTICE)
    assert d.kind is Kind.NOTICE
    assert questions(d) == [("2018/19:77", "2018/19:77", Person("Hanna Lund", "SD"),
                             "Tullens resurser i Haparanda")]
    assert d.signatory == Person("Magnus Strand")          # the minister, never the department
    assert d.department == "Finansdepartementet"           # the sender
    from riksdoc.vocabulary import running_header
    assert running_header(d) == "Interpellation 2018/19:77"  # no letterhead names one
    assert [inline_text(p.content) for p in d.preamble] == ["Interpellation 2018/19:77",
                                                            "Till riksdagen"]
    assert codes(d)[0] == ("kind", 5)
    root = akn(d)
    assert root.xpath("//a:TLCReference/@href", namespaces=NS) == \
        ["/akn/se/doc/ip/9999-01-01/2018-19-77"]
    assert root.xpath("//a:signature/a:organization/text()", namespaces=NS) == \
        ["Finansdepartementet"]
    round_trips(d)


def test_the_riksdags_form_with_an_official_signing_by_order() -> None:
    d = doc(RIKSDAG_NOTICE + "Enligt uppdrag\nCecilia Berg\nExpeditions- och rättschef\n")
    assert [s.person for s in d.signatures] == [
        Person("Magnus Strand"), Person("Cecilia Berg", None, "Expeditions- och rättschef")]
    assert d.department == "Finansdepartementet"


# --- 5. questions and interpellations in every form ------------------------------------------

def test_question_with_av_till_om_on_the_next_line() -> None:
    d = doc("Fråga 2003/04:118\nav Per Bill (m) till justitieminister Tomas Borg om straffen "
            "för rån\n\nRånen ökar.\n")
    assert d.kind is Kind.QUESTION
    assert questions(d) == [("2003/04:118", "2003/04:118", Person("Per Bill", "m"),
                             "straffen för rån")]
    assert d.addressee == Person("Tomas Borg", None, "justitieminister")


@pytest.mark.parametrize("form, kind", [("SKRIFTLIG FRÅGA TILL STATSRÅD", Kind.QUESTION),
                                        ("INTERPELLATION TILL STATSRÅD", Kind.INTERPELLATION)])
def test_the_riksdags_printed_form(form: str, kind: Kind) -> None:
    d = doc(f"{form}\nNr\t2004/05:1877\t\nFrågeställare\tGunilla Ek\t\nParti\tmp\t\n"
            "Till\tStatsrådet Lena Sommar\t\nRubrik\tKemikalier i leksaker\t\n\n"
            "Vad avser statsrådet att göra?\n")
    assert (d.kind, d.head) == (kind, form)
    assert questions(d) == [("2004/05:1877", "2004/05:1877", Person("Gunilla Ek", "mp"),
                             "Kemikalier i leksaker")]
    assert d.addressee == Person("Lena Sommar", None, "Statsrådet")
    assert inline_text(d.preamble[0].content) == "Nr\t2004/05:1877\t"  # kept
    round_trips(d)


QUOTING = """Skriftlig fråga 2022/23:901 av Lars Ström (S)
till Statsminister Ulf Kristersson (M)

Svaren dröjer. Ett exempel:
Meddelande om fördröjt svar på fråga 2022/23:899
av Anna Lönn (S) Skolans lokaler
Frågan kommer att besvaras fredagen den 18 augusti 2023.
Stockholm den 4 juli 2023
Mats Persson
Med anledning av detta vill jag fråga statsministern:
Hur kommer statsministern att agera?
"""


def test_a_question_quoting_a_notice_keeps_its_own_kind_and_number() -> None:
    d = doc(QUOTING)
    assert d.kind is Kind.QUESTION
    assert [(q.designation, q.questioner) for q in d.questions] == \
        [("2022/23:901", Person("Lars Ström", "S"))]
    assert d.addressee == Person("Ulf Kristersson", "M", "Statsminister")
    assert (d.place, d.date, d.signatures) == (None, None, ())  # the quoted closing is body
    body = [inline_text(b.content) for b in d.blocks]
    assert "Meddelande om fördröjt svar på fråga 2022/23:899" in body[1]


def test_a_question_whose_first_lines_quote_a_notice_is_not_that_notice() -> None:
    d = doc("Talmannen har beslutat om svarstiderna och statsråden följer dem inte alltid.\n"
            "Meddelande om fördröjt svar på fråga 2022/23:899 av Anna Lönn (S) Skolans lokaler\n"
            "Frågan kommer att besvaras den 18 augusti 2023.\n")
    assert d.kind is Kind.GENERIC and d.questions == ()
    assert codes(d)[:1] == [("quoted-document", 2)]


def test_the_riksdags_page_heading_above_an_answer_is_not_its_document_line() -> None:
    d = doc("Svar på skriftlig fråga 2015/16:2000 besvarad av Statsrådet Ida Lund (MP)\n"
            "Statsrådet Ida Lund (MP)\nDnr N2016/01234/PUB\nNäringsdepartementet\n"
            "Till riksdagen\nSvar på fråga 2015/16:2000 av Per Ek (M) Flygplatsen\n"
            "Per Ek har frågat mig om flygplatsen.\nStockholm den 1 april 2016\nIda Lund\n")
    assert (d.kind, d.head, questions(d)) == (
        Kind.ANSWER, None, [("2015/16:2000", "2015/16:2000", Person("Per Ek", "M"), "Flygplatsen")])
    assert d.department == "Näringsdepartementet" and d.minister is None
    assert len(d.preamble) == 5  # the page's heading and the letterhead, kept as written


def test_the_title_above_the_document_line_on_the_riksdags_page() -> None:
    d = doc("Statens stöd till kulturen\nSkriftlig fråga 2021/22:14 av Ida Berg (KD)\n\n"
            "till Kulturminister Amanda Lind (MP)\n\nKulturen behöver stöd.\n")
    assert (d.kind, d.questions[0].title) == (Kind.QUESTION, "Statens stöd till kulturen")
    assert ("title-before", 1) in codes(d) and d.preamble == ()


# --- 6. interpellation debates ----------------------------------------------------------

DEBATE = """§ 7 Svar på interpellation 2016/17:345 om skogens roll i klimatpolitiken

Anf. 1 Landsbygdsminister SVEN BERG (S):
Fru talman! Maria Dal har frågat mig vilka åtgärder jag avser att vidta för skogen.
Skogen är viktig.
Anf. 2 MARIA DAL (C):
Fru talman! Jag tackar ministern för svaret.
Anf. 3 Landsbygdsminister SVEN BERG (S) replik:
Fru talman! Vi är överens.
Anf. 4 TALMANNEN:
Överläggningen var härmed avslutad.
"""


def test_an_interpellation_debate_is_a_debate_record_never_an_answer() -> None:
    d = doc(DEBATE)
    assert (d.kind, d.head) == (Kind.DEBATE, "§ 7 Svar på interpellation")
    assert questions(d) == [("2016/17:345", "2016/17:345", Person("Maria Dal", "C"),
                             "skogens roll i klimatpolitiken")]
    assert not d.questions[0].questioner_stated
    speeches = [b for b in d.blocks if isinstance(b, Speech)]
    assert [(s.marker, s.speaker) for s in speeches] == [
        ("Anf. 1", Person("SVEN BERG", "S", "Landsbygdsminister")),
        ("Anf. 2", Person("MARIA DAL", "C")),
        ("Anf. 3", Person("SVEN BERG", "S", "Landsbygdsminister")),
        ("Anf. 4", Person("TALMANNEN"))]
    assert speeches[2].label == "Landsbygdsminister SVEN BERG (S) replik:"
    assert [inline_text(b.content) for b in speeches[0].blocks] == [
        "Fru talman! Maria Dal har frågat mig vilka åtgärder jag avser att vidta för skogen.",
        "Skogen är viktig."]
    round_trips(d)


def test_a_protocol_with_its_heading_and_speeches_starting_on_the_speaker_line() -> None:
    d = doc("§ 3 Anmälan om interpellationssvar\n\nTalmannen meddelade att svar på interpellationer "
            "skulle lämnas i dag.\n\nSvar på interpellationer\n"
            "§ 4 Svar på interpellation 2019/20:88 om lantbrukets villkor\n"
            "Anf. 1 Landsbygdsminister JENNY BERG (S): Fru talman! Olle Holm har frågat mig om "
            "villkoren.\nAnf. 2 OLLE HOLM (C): Fru talman! Tack för svaret.\n")
    assert (d.kind, d.head) == (Kind.DEBATE, "§ 4 Svar på interpellation")
    assert questions(d) == [("2019/20:88", "2019/20:88", Person("Olle Holm", "C"),
                             "lantbrukets villkor")]
    speeches = [b for b in d.blocks if isinstance(b, Speech)]
    assert [(s.label, [inline_text(p.content) for p in s.blocks]) for s in speeches] == [
        ("Landsbygdsminister JENNY BERG (S):", ["Fru talman! Olle Holm har frågat mig om villkoren."]),
        ("OLLE HOLM (C):", ["Fru talman! Tack för svaret."])]
    assert [inline_text(p.content) for p in d.preamble][-1] == "Svar på interpellationer"  # kept
    round_trips(d)


def test_a_protocol_whose_first_item_is_the_debate_is_no_statute() -> None:
    from riksdoc.readers import read as read_input
    data = "§ 1 Svar på interpellation 2018/19:16 om jobben\n\nAnf. 1 Arbetsmarknadsminister " \
           "YLVA BERG (S):\nFru talman! Lars Ek har frågat mig om jobben.\n".encode()
    d = read_input(data, "protokoll.txt").document
    assert (d.kind, d.head, d.questions[0].designation) == (Kind.DEBATE, "§ 1 Svar på interpellation",
                                                            "2018/19:16")


def test_the_debate_in_akoma_ntoso() -> None:
    root = akn(doc(DEBATE))
    (debate,) = root.xpath("/a:akomaNtoso/a:debate[@name='prot']", namespaces=NS)
    assert root.xpath("//a:FRBRWork/a:FRBRuri/@value", namespaces=NS) == \
        ["/akn/se/debate/prot/9999-01-01/2016-17-345"]
    speeches = debate.xpath("a:debateBody/a:debateSection/a:speech", namespaces=NS)
    assert [(s.get("by"), s.get("as")) for s in speeches] == [
        ("#svenBerg", "#minister"), ("#mariaDal", "#questioner"), ("#svenBerg", "#minister"),
        ("#talmannen", "#speaker")]
    assert speeches[0].xpath("a:num/text()", namespaces=NS) == ["Anf. 1"]
    assert "".join(speeches[0].xpath("a:from//text()", namespaces=NS)) == \
        "Landsbygdsminister SVEN BERG (S):"
    assert root.xpath("//a:TLCPerson[@eId='mariaDal']/@showAs", namespaces=NS) == ["Maria Dal"]
    assert root.xpath("//a:preface//a:docNumber/text()", namespaces=NS) == ["2016/17:345"]
    assert root.xpath("//a:preface//a:docTitle/text()", namespaces=NS) == \
        ["skogens roll i klimatpolitiken"]


def test_speakers_are_headings_in_html_pdf_and_docx() -> None:
    d = doc(DEBATE)
    from lxml import html as lxml_html
    page = lxml_html.fromstring(write(d, "html", stem="x"))
    assert page.xpath("//section[@class='speech']/h2[@class='speaker']/text()")[:2] == [
        "Anf. 1 Landsbygdsminister SVEN BERG (S):", "Anf. 2 MARIA DAL (C):"]
    word = docx.Document(io.BytesIO(write(d, "docx", stem="x")))
    assert [p.text for p in word.paragraphs if p.style.name == "Riksdoc Speaker"][:2] == [
        "Anf. 1 Landsbygdsminister SVEN BERG (S):", "Anf. 2 MARIA DAL (C):"]
    with pikepdf.open(io.BytesIO(write(d, "pdf", stem="x"))) as pdf:
        headings = [str(node.get("/S")) for node in _structure(pdf.Root.StructTreeRoot)]
    assert headings.count("/H2") == 4


def _structure(node) -> list:
    out = []
    kids = node.get("/K")
    if kids is None:
        return out
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary):
            out.append(kid)
            out += _structure(kid)
    return out


# --- 8. nothing invented --------------------------------------------------------------------

OLDER = """den 14 september

Svar på fråga

2010/11:777 Riksväg 26 genom Halland

Statsrådet Karin Sjö

Olle Ström har frågat mig när riksväg 26 byggs ut.

Arbetet pågår.
"""


def test_a_questioner_found_in_the_body_is_metadata_and_never_words_in_the_document_line() -> None:
    d = doc(OLDER)
    assert d.questions[0].questioner == Person("Olle Ström") and \
        not d.questions[0].questioner_stated
    root = akn(d)
    preface = "".join(root.xpath("//a:preface//text()", namespaces=NS))
    assert "Olle Ström" not in preface and "av" not in preface.split()
    (ref,) = root.xpath("//rd:questioner/@person", namespaces=NS)
    assert root.xpath(f"//a:TLCPerson[@eId='{ref[1:]}']/@showAs", namespaces=NS) == ["Olle Ström"]
    from lxml import html as lxml_html
    page = lxml_html.fromstring(write(d, "html", stem="x"))
    assert page.xpath("string(//p[@class='doc-line'])") == "Svar på fråga 2010/11:777"
    assert "Olle Ström" in page.xpath("string(//meta[@name='keywords']/@content)")
    word = docx.Document(io.BytesIO(write(d, "docx", stem="x")))
    assert [p.text for p in word.paragraphs if p.style.name == "Riksdoc Header"] == \
        ["Svar på fråga 2010/11:777"]
    assert "Olle Ström" in word.core_properties.keywords
    data = json.loads(write(d, "json", stem="x"))
    assert data["questions"][0]["questioner"]["name"] == "Olle Ström"


def test_the_sender_is_a_whole_letterhead_line_never_a_department_in_a_sentence() -> None:
    d = doc("Frågan gäller Kulturdepartementet och hur det arbetar med kulturarvet.\n"
            "Svar på fråga 2020/21:5 av Ida Ek (M) Kulturarvet\n\nIda Ek har frågat mig.\n\n"
            "Stockholm den 1 mars 2021\n\nAmanda Lund\n")
    assert d.department is None
    d = doc("Kulturdepartementet\nKulturministern\n\nSvar på fråga 2020/21:5 av Ida Ek (M) "
            "Kulturarvet\n\nIda Ek har frågat mig.\n\nStockholm den 1 mars 2021\n\nAmanda Lund\n")
    assert d.department == "Kulturdepartementet"


# --- 9. identity in an archive --------------------------------------------------------------

def test_a_joint_answer_is_found_by_every_question_it_answers() -> None:
    d = doc(PLURAL)
    root = akn(d)
    assert root.xpath("//a:FRBRWork/a:FRBRnumber/@showAs", namespaces=NS) == ["2022/23:410"]
    assert root.xpath("//a:FRBRWork/a:FRBRalias[@name='number']/@value", namespaces=NS) == [
        "2022/23:411", "2022/23:415"]
    assert root.xpath("//a:TLCReference/@showAs", namespaces=NS) == [
        "2022/23:410", "2022/23:411", "2022/23:415"]
    keywords = docx.Document(io.BytesIO(write(d, "docx", stem="x"))).core_properties.keywords
    assert all(n in keywords for n in ("2022/23:410", "2022/23:411", "2022/23:415"))
    with pikepdf.open(io.BytesIO(write(d, "pdf", stem="x"))) as pdf:
        pdf_keywords = str(pdf.docinfo["/Keywords"])
    assert all(n in pdf_keywords for n in ("2022/23:410", "2022/23:411", "2022/23:415"))


def test_no_made_up_date_in_any_format() -> None:
    d = doc(OLDER)
    assert d.date == SwedishDate(14, 9, None)
    root = akn(d)
    assert set(root.xpath("//a:FRBRdate/@date", namespaces=NS)) == {"9999-01-01"}
    word = write(d, "docx", stem="x")
    with zipfile.ZipFile(io.BytesIO(word)) as z:
        core = z.read("docProps/core.xml")
    assert b"created" not in core and b"1980" not in core
    pdf = write(d, "pdf", stem="x")
    assert re.findall(rb"D:\d{8}|CreateDate|ModifyDate", pdf) == []  # no date at all
    assert json.loads(write(d, "json", stem="x"))["date"] == {"day": 14, "month": 9, "year": None}
    assert "date" not in json.dumps(dump(d)["questions"])
