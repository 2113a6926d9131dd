"""Spanish text normalisation shared by the database backends, the highlighter and suggestions.

Every backend folds accents and case before stemming, at index and at query time alike, so
"café", "cafe" and "CAFÉS" meet on one stem. PostgreSQL does the same with its
`spanish_unaccent` configuration (unaccent, then the Snowball Spanish stemmer) and Elasticsearch
with asciifolding before its light Spanish stemmer; SQLite has neither, so Python does it here.
"""

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

SYNONYMS_FILE = Path(__file__).with_name("synonyms_es.txt")

# Letters and digits only: every operator a query language might give meaning to (quotes,
# & | : * ( ) - ^ ~) is a separator, so no user input ever reaches FTS5 or to_tsquery as syntax.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Bumped whenever folding, stop words or stemming change: documents' fingerprints include it.
ANALYSIS_VERSION = 2

# Spanish function words (the Snowball list's most frequent entries), accents folded. They carry
# no meaning in a product query ("zapatos de cuero en Itagüí") and would only dilute ranking.
# The one list every backend uses: SQLite and PostgreSQL index what Python computes, and the
# Elasticsearch analyzers are given this list too.
# fmt: off
STOP_WORDS = frozenset({
    "a", "al", "algo", "algunas", "algunos", "ante", "antes", "como", "con", "contra", "cual",
    "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en",
    "entre", "era", "esa", "esas", "ese", "eso", "esos", "esta", "estas", "este", "esto", "estos",
    "fue", "ha", "hay", "la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "mis", "mucho",
    "muy", "nada", "ni", "no", "nos", "nosotros", "o", "os", "otra", "otras", "otro", "otros",
    "para", "pero", "poco", "por", "porque", "que", "quien", "quienes", "se", "sea", "ser", "si",
    "sin", "sobre", "su", "sus", "tambien", "te", "tiene", "tu", "tus", "un", "una", "uno",
    "unos", "y", "ya", "yo", "toda", "todas", "todo", "todos", "hasta", "tan", "tanto", "cada",
    "nuestra", "nuestras", "nuestro", "nuestros", "sino", "segun",
})
# fmt: on


def fold(text: str) -> str:
    """Lowercase without diacritics: "Itagüí" -> "itagui", "Diseño" -> "diseno".

    NFKC first, so compatibility forms (full-width letters, ligatures, halfwidth kana) become
    their ordinary letters before accents are stripped; marks left on their own (a halfwidth
    voiced mark, a lone combining accent) disappear instead of becoming an empty "word"."""
    lowered = unicodedata.normalize("NFKC", text or "").lower()
    decomposed = unicodedata.normalize("NFKD", lowered)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def words(text: str) -> list[str]:
    """The words of `text`, folded, in order (stop words kept). Tokenised after folding, so
    every word has at least one letter or digit."""
    return _WORD.findall(fold(text))


# Plural endings folded before stemming. Snowball reads the -ar/-er/-or of many nouns as a verb
# ending ("taller" -> "tall") but not once "-es" follows ("talleres" -> "taller"), so singular
# and plural never met; folding the plural first gives Snowball the same word twice.
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxyzñ")
_PLURAL_VOWELS = frozenset("aeo")


def singular(word: str) -> str:
    """A folded word with a Spanish plural ending removed: "talleres" -> "taller", "luces" ->
    "luc" (the stem's final z becomes c, so it meets "luz"), "arepas" -> "arepa", "ingleses" ->
    "ingl" (as "ingles"). Words ending in -is/-us ("tenis", "pais", "virus") are kept."""
    if _drops_es(word):
        word = word[:-2]
        if _drops_es(word):  # "-eses": "intereses" -> "interes" -> "inter", as "interes" does
            word = word[:-2]
    elif len(word) >= 4 and word.endswith("s") and word[-2] in _PLURAL_VOWELS:
        word = word[:-1]
    return word


def _drops_es(word: str) -> bool:
    return len(word) >= 5 and word.endswith("es") and word[-3] in _CONSONANTS


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("spanish")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The index term of an already folded word: plural folded, Snowball Spanish stem, a final
    z written c ("arepas" -> "arep", "talleres" and "taller" -> "tall", "luz" -> "luc"). Every
    backend that stems in Python (SQLite, PostgreSQL) stores and queries exactly this."""
    stemmed = _stemmer().stemWord(singular(word))
    if stemmed.endswith("z"):
        stemmed = stemmed[:-1] + "c"
    return stemmed or word


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP_WORDS]


def stems(text: str) -> list[str]:
    """What the SQLite index stores and queries: folded, stop words dropped, stemmed."""
    return [stem(w) for w in content_words(text)]


def synonym_lines() -> list[str]:
    """The synonym groups as written in the file (comments and blank lines dropped)."""
    lines = []
    for raw in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if "," in line:
            lines.append(", ".join(part.strip() for part in line.split(",") if part.strip()))
    return lines


@cache
def synonym_stems() -> dict[str, frozenset[str]]:
    """Stem -> stems of every single-word synonym in its groups (itself included)."""
    groups: dict[str, set[str]] = {}
    for line in synonym_lines():
        members = [fold(p).strip() for p in line.split(",")]
        single = {stem(m) for m in members if _WORD.fullmatch(m)}
        for member in single:
            groups.setdefault(member, set()).update(single)
    return {key: frozenset(value) for key, value in groups.items()}


def expand(stem_: str) -> list[str]:
    """The stem and its synonyms' stems, the stem first and the rest in a stable order."""
    others = sorted(synonym_stems().get(stem_, frozenset()) - {stem_})
    return [stem_, *others]


@cache
def _synonym_word_groups() -> dict[str, tuple[str, ...]]:
    """Stem -> folded single-word synonyms of its groups, for backends that stem themselves."""
    groups: dict[str, set[str]] = {}
    for line in synonym_lines():
        members = [fold(p).strip() for p in line.split(",")]
        single = [m for m in members if _WORD.fullmatch(m)]
        for member in single:
            groups.setdefault(stem(member), set()).update(single)
    return {key: tuple(sorted(value)) for key, value in groups.items()}


def expand_word(word: str) -> list[str]:
    """A folded word and its single-word synonyms (folded), the word first."""
    others = [w for w in _synonym_word_groups().get(stem(word), ()) if w != word]
    return [word, *others]
