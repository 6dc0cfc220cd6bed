from __future__ import annotations

import copy
import datetime as dt
import re

import pytest

from documents.memo import formats
from documents.memo.content import PeriodWords, build_memo
from documents.memo.texts import SPECS, fill
from documents.tests.readback import build, sensitive_sentences
from documents.tests.sample import NAMES, PRODUCED_AT, sample_extras, sample_memo
from stats.disclosure import hidden_note

HEADINGS = [
    (1, "Sammanfattning"),
    (1, "Bakgrund"),
    (1, "Insatser"),
    (1, "Resultat av i insatsen angivna mål"),
    (1, "Avslutade insatser kvartal 3 och 4"),
    (
        3,
        "Digital plattform för stöd i studier och en digitaliserad samhällsorientering "
        "(strukturinsats)",
    ),
    (3, "Östhammar, Bryggan (individinsats)"),
    (1, "Utfall av beviljad budget"),
    (2, "Prognos och utfall budget"),
    (1, "Kvalitetssäkring av insatsen"),
    (3, "Styrgruppsmöten enligt avtal"),
    (3, "Uppföljning enligt avtal"),
    (3, "Kontroll målgrupp/metod"),
    (3, "Jämlikhet/jämställdhet"),
    (3, "Förutsättningar för implementering"),
    (3, "Avvikelse mål/målgrupp/metod"),
    (1, "Statistik och kostnader"),
    (2, "Beviljade insatser i förhållande till förbundets mål"),
    (2, "Deltagarredovisning"),
    (2, "Utfall deltagare"),
    (3, "Anonymt registrerade deltagare"),
    (3, "Avslutningsanledningar"),
    (2, "Målgrupp"),
    (2, "Tid i insats"),
    (2, "Deltagare i förhållande till förväntat antal"),
    (2, "Aktiviteter"),
    (2, "Förbundets resultatmål"),
    (2, "Diagram"),
    (1, "Sammanfattning och reflektioner"),
]


def test_build_memo_sections_follow_reports_md_order() -> None:
    document = build()

    assert [(s.level, s.heading) for s in document.sections] == HEADINGS


def test_build_memo_tables_are_numbered_in_order() -> None:
    document = build()

    assert [(t.number, t.key) for t in document.tables()] == [
        (1, "interventions"),
        (2, "goal_status"),
        (3, "conditions"),
        (4, "budget"),
        (5, "quality"),
        (6, "funds"),
        (7, "participants"),
        (8, "outcomes"),
        (9, "anonymous"),
        (10, "exit_reasons"),
        (11, "target_group"),
        (12, "time_in_intervention"),
        (13, "expected"),
        (14, "activities"),
        (15, "attendees"),
        (16, "association_goals"),
    ]


def test_build_memo_states_period_time_and_suppressed_version() -> None:
    document = build(suppressed=True)

    assert document.meta_lines == (
        "Period: 2022-07-01–2022-12-31 (2022H2)",
        "Framtagen: 2023-02-01 10:15",
        "Röjandeskyddad version",
    )


def test_build_memo_unsuppressed_says_office_only() -> None:
    document = build(suppressed=False)

    assert document.version_label == "Ej röjandeskyddad version – endast för kansliet"


def test_table_with_hidden_cell_gets_disclosure_note() -> None:
    document = build(suppressed=True)

    assert document.table("participants").notes == (
        "..: uppgiften visas inte eftersom den kan röja enskilda personer: antal 1–4 och antal "
        "som annars skulle kunna räknas fram.",
        "Deltagare registrerade med personuppgifter.",
    )


def test_table_without_hidden_cell_has_no_disclosure_note() -> None:
    document = build(suppressed=False)

    assert document.table("anonymous").notes == ()


def test_disclosure_note_follows_the_threshold() -> None:
    memo = sample_memo(suppressed=True)
    memo["suppression"]["threshold"] = 3
    memo["suppression"]["note"] = hidden_note(3)
    memo["tables"]["anonymous"]["rows"][0]["count"] = ".."

    document = build_memo(
        memo, names=NAMES, extras=sample_extras(), texts={}, produced_at=PRODUCED_AT
    )

    assert document.table("anonymous").notes == (
        "..: uppgiften visas inte eftersom den kan röja enskilda personer: antal 1–2 och antal "
        "som annars skulle kunna räknas fram.",
    )


def test_count_sentence_with_hidden_total_claims_no_range() -> None:
    memo = sample_memo(suppressed=True)
    total = memo["tables"]["participants"]["total"]
    total["registered"] = {"women": "..", "men": "..", "total": 6}
    memo["tables"]["anonymous"]["total"] = ".."

    document = build_memo(
        memo, names=NAMES, extras=sample_extras(), texts={}, produced_at=PRODUCED_AT
    )

    assert sensitive_sentences(document)[1] == (
        "Under perioden jan–dec 2022 har 6 deltagare skrivits in i insatserna, varav ett ej "
        "redovisat antal kvinnor och ett ej redovisat antal män. Utöver dessa har ett ej "
        "redovisat antal deltagare registrerats anonymt. Under perioden har 166 deltagare "
        "avslutats från förbundets insatser och 162 deltagare var inskrivna per 2022-12-31."
    )


def test_summary_counts_interventions_in_words() -> None:
    document = build()

    assert document.sections[0].blocks[0].paragraphs == (  # type: ignore[union-attr]  # a text block, which the test just built
        "Under andra halvåret 2022 har sex finansierade insatser varit i gång. Av de sex "
        "finansierade insatserna är fyra individinsatser och två strukturinsatser. Två insatser "
        "har avslutats under perioden.",
    )


def test_office_text_replaces_default_and_fills_placeholders() -> None:
    document = build(texts={"summary": "Kansliets text om {perioden}.\n\nAndra stycket {okänd}."})

    block = document.sections[0].blocks[0]
    assert (block.paragraphs, block.edited) == (  # type: ignore[union-attr]  # a text block, which the test just built
        ("Kansliets text om andra halvåret 2022.", "Andra stycket {okänd}."),
        True,
    )


def test_reflections_without_text_is_a_marked_place() -> None:
    document = build()

    placeholder = document.sections[-1].blocks[0]
    assert (placeholder.kind, placeholder.paragraphs) == ("placeholder", ())  # type: ignore[union-attr]  # a text block, which the test just built


def test_reflections_with_office_text_shows_it() -> None:
    document = build(texts={"reflections": "Ett bra halvår."})

    assert document.sections[-1].blocks[0].paragraphs == ("Ett bra halvår.",)  # type: ignore[union-attr]  # a text block, which the test just built


def test_goal_status_cells_carry_the_office_colour() -> None:
    document = build()

    row = document.table("goal_status").rows[1]
    assert [(c.text, c.tone) for c in row.cells] == [
        ("Jobbcentrum", ""),
        ("Nej", "red"),
        ("Delvis", ""),
        ("Röd", "red"),
    ]


def test_target_group_bullets_are_bullets() -> None:
    document = build()

    text = document.sections[22].blocks[0]
    assert list(text.parts())[1] == (  # type: ignore[union-attr]  # a text block, which the test just built
        "bullets",
        (
            "42\xa0% är kvinnor och 57\xa0% är män.",
            "57\xa0% var yngre än 30 år vid inskrivningen.",
            "31\xa0% har haft offentlig försörjning i tre år eller mer.",
            "42\xa0% har grundskola som högsta avslutade utbildning.",
            "9\xa0% har någon form av eftergymnasial utbildning.",
        ),
    )


def test_period_words_first_half() -> None:
    memo = copy.deepcopy(sample_memo())
    memo.update(period="2022H1", start="2022-01-01", end="2022-06-30")

    words = PeriodWords.of(memo)

    assert (words.heading, words.period, words.quarters_short, words.ytd) == (
        "Kvartal 1 och 2 2022",
        "första halvåret 2022",
        "kvartal 1–2 2022",
        "jan–juni 2022",
    )


@pytest.mark.parametrize(
    ("period", "start", "end", "short"),
    [
        ("2022Q3", "2022-07-01", "2022-09-30", "kvartal 3 2022"),
        ("2022H2", "2022-07-01", "2022-12-31", "kvartal 3–4 2022"),
        ("2022", "2022-01-01", "2022-12-31", "kvartal 1–4 2022"),
    ],
)
def test_period_words_name_quarters_in_swedish(
    period: str, start: str, end: str, short: str
) -> None:
    memo = copy.deepcopy(sample_memo())
    memo.update(period=period, start=start, end=end)

    assert PeriodWords.of(memo).quarters_short == short


def test_memo_tables_never_name_a_quarter_q() -> None:
    document = build()
    labels = [
        text
        for table in document.tables()
        for text in (table.caption, *table.columns, *(group.label for group in table.groups))
    ]

    assert [label for label in labels if re.search(r"\bQ\d", label)] == []
    assert "kvartal 3–4 2022" in labels


def test_every_default_text_fills_without_leftover_placeholders() -> None:
    document = build()
    values_used = {spec.key for spec in SPECS}

    texts = [p for b in document.blocks() if b.kind == "text" for p in b.paragraphs]  # type: ignore[union-attr]  # a text block, which the test just built
    assert ("reflections" in values_used, [t for t in texts if "{" in t]) == (True, [])


def test_fill_leaves_unknown_braces() -> None:
    assert fill("{a} och {b}", {"a": "1"}) == "1 och {b}"


def test_formats_are_swedish() -> None:
    assert (
        formats.count(1290000),
        formats.tsek(1290500),
        formats.tsek(1499),
        formats.share(42),
        formats.share(None),
        formats.decimal1(123.45),
        formats.count(".."),
        formats.count_phrase(".."),
        formats.iso(dt.date(2022, 12, 31)),
    ) == (
        "1\xa0290\xa0000",
        "1\xa0291",
        "1",
        "42\xa0%",
        "–",
        "123,5",
        "..",
        "ett ej redovisat antal",
        "2022-12-31",
    )


@pytest.mark.parametrize("suppressed", [True, False])
def test_sample_memo_follows_the_json_contract(suppressed: bool) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = pytest.importorskip("stats.memo_schema")

    jsonschema.validate(sample_memo(suppressed=suppressed), schema.MEMO_SCHEMA)
