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


# Singular and plural of Spanish nouns and adjectives, family by family. Snowball alone gives
# different stems for the -ar/-er/-or nouns ("taller" -> "tall", "talleres" -> "taller").
PLURALS = {
    "-ar": [("hogar", "hogares"), ("collar", "collares"), ("lugar", "lugares"),
            ("celular", "celulares"), ("altar", "altares"), ("mar", "mares")],
    "-er": [("taller", "talleres"), ("mujer", "mujeres"), ("placer", "placeres"),
            ("poder", "poderes"), ("alfiler", "alfileres")],
    "-or": [("color", "colores"), ("motor", "motores"), ("sabor", "sabores"),
            ("vendedor", "vendedores"), ("tenedor", "tenedores"), ("flor", "flores")],
    "-z": [("luz", "luces"), ("lápiz", "lápices"), ("nuez", "nueces"), ("cruz", "cruces"),
           ("arroz", "arroces"), ("pez", "peces"), ("maíz", "maíces")],
    "-ión": [("canción", "canciones"), ("camión", "camiones"), ("reunión", "reuniones"),
             ("decoración", "decoraciones"), ("reparación", "reparaciones")],
    "vowel": [("arepa", "arepas"), ("zapato", "zapatos"), ("café", "cafés"), ("dulce", "dulces"),
              ("clase", "clases"), ("bolso", "bolsos"), ("mochila", "mochilas")],
    "other consonants": [("papel", "papeles"), ("pan", "panes"), ("red", "redes"),
                         ("reloj", "relojes"), ("jardín", "jardines"), ("país", "países"),
                         ("mes", "meses"), ("interés", "intereses"), ("autobús", "autobuses")],
}  # fmt: skip


@pytest.mark.parametrize(
    "singular, plural", [pair for family in PLURALS.values() for pair in family]
)
def test_singular_and_plural_reach_the_same_index_term(singular, plural):
    assert text.stems(singular) == text.stems(plural)
    assert text.stems(singular.upper()) == text.stems(plural)


def test_words_that_only_look_plural_keep_their_s():
    assert text.singular("tenis") == "tenis"
    assert text.singular("virus") == "virus"
    assert text.stem("tenis") != text.stem("teni")


def test_compatibility_characters_are_normalised_before_tokenising():
    assert text.words("ＡＲＥＰＡＳ ﬁnas") == ["arepas", "finas"]
    # A halfwidth voiced mark is a "letter" to a regex but folds to nothing: no empty word.
    assert parse_query("queso \uff9e").words == ("queso",)
    assert parse_query("\uff9e").is_empty
    assert parse_query("pan\u0301\u0301").words == ("pan",)
    assert all(parse_query(q).is_empty for q in ("de la", "☕", ":", "\u0301", "\uff9e\uff9f"))


def test_zapatos_para_todos_keeps_only_the_product_word():
    assert parse_query("zapatos para todos").words == ("zapatos",)
