"""Query cleaning and Spanish normalisation shared by the database backends."""

import pytest

from search import text
from search.highlight import highlight, query_stems, snippet
from search.query import MAX_QUERY_LENGTH, parse_prefix, parse_query


def test_folding_removes_accents_and_case():
    assert text.fold("Itagüí ÑANDÚ Café") == "itagui nandu cafe"


@pytest.mark.parametrize(
    "a, b",
    [("arepas", "arepa"), ("cafés", "café"), ("zapatos", "Zapato"), ("diseños", "diseno")],
)
def test_inflections_share_a_stem(a, b):
    assert text.stems(a) == text.stems(b)


def test_stop_words_are_dropped():
    assert text.content_words("zapatos de cuero en Itagüí") == ["zapatos", "cuero", "itagui"]


def test_synonyms_come_from_the_repository_file():
    assert "celular, móvil, smartphone" in text.synonym_lines()
    assert set(text.expand(text.stem("movil"))) >= {text.stem("celular"), text.stem("smartphone")}
    assert "movil" in text.expand_word("celular")
    # Multi-word entries are left to Elasticsearch.
    assert all(" " not in w for w in text.expand_word("laptop"))


def test_queries_lose_operators_and_are_capped():
    parsed = parse_query('  "arepa" & (café | !chocolate):*  ')
    assert parsed.terms == ("arepa", "café", "chocolate")
    assert parsed.words == ("arepa", "cafe", "chocolate")
    assert len(parse_query("x" * 5000).text) == MAX_QUERY_LENGTH
    assert parse_query('"&|:*').is_empty
    assert parse_query(None).is_empty
    assert parse_query("de la y").is_empty


def test_a_prefix_keeps_its_last_word_even_when_it_is_a_stop_word():
    assert parse_prefix("arepa del").words == ("arepa", "del")
    assert parse_prefix("del").words == ("del",)


def test_highlight_escapes_and_marks_inflected_matches():
    stems = query_stems(parse_query("arepa").stems)
    assert (
        highlight("<i>Arepas</i> & más", stems)
        == "&lt;i&gt;<mark>Arepas</mark>&lt;/i&gt; &amp; más"
    )


def test_snippet_centres_on_the_first_match():
    stems = query_stems(parse_query("termo").stems)
    body = "palabra " * 100 + "un termo grande " + "otra " * 100
    cut = snippet(body, stems, size=80)
    assert "<mark>termo</mark>" in cut
    assert cut.startswith("… ") and cut.endswith(" …")
