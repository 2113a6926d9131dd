"""Turning whatever a person typed into a query every backend can run safely."""

import re
import unicodedata
from dataclasses import dataclass, field

from . import text

MAX_QUERY_LENGTH = 200
# More words than this add nothing to a product search but cost every backend a clause each.
MAX_TERMS = 10

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ParsedQuery:
    """`text`: the cleaned query to show back ("Resultados para ..."). `terms`: its words,
    lowercase with accents kept, operators and punctuation gone (what Elasticsearch receives: it
    folds and stems itself). `words`: the same folded with stop words dropped, and `stems` their
    Snowball stems (what the database backends use)."""

    text: str = ""
    terms: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    stems: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.words

    @property
    def term_text(self) -> str:
        return " ".join(self.terms)


def parse_query(raw) -> ParsedQuery:
    """Never raises: None, numbers, control characters, 10 kB of quotes all come out clean."""
    if raw is None:
        return ParsedQuery()
    # NFKC once, before anything else: full-width letters, ligatures and compatibility marks
    # become what they stand for, so what is cut, shown and tokenised is the same text.
    normalised = unicodedata.normalize("NFKC", str(raw)[: MAX_QUERY_LENGTH * 4])
    cleaned = "".join(ch if ch.isprintable() else " " for ch in normalised)
    cleaned = _SPACE.sub(" ", cleaned).strip()[:MAX_QUERY_LENGTH].strip()
    # A term is kept only when folding leaves a word of it (a lone voiced mark or combining
    # accent is a "letter" to the regex but folds to nothing): no backend ever sees an empty
    # word, whatever was typed.
    terms = tuple(t for t in (t.lower() for t in _WORD.findall(cleaned)) if text.words(t))
    terms = terms[:MAX_TERMS]
    words = tuple(w for t in terms for w in text.words(t) if w not in text.STOP_WORDS)
    return ParsedQuery(
        text=cleaned,
        terms=terms,
        words=words,
        stems=tuple(text.stem(w) for w in words),
    )


def parse_prefix(raw) -> ParsedQuery:
    """For autocomplete: like parse_query, but the last word is kept even when it is a stop
    word, because it is still being typed ("del" may become "delicias")."""
    parsed = parse_query(raw)
    if not parsed.terms:
        return parsed
    last = text.words(parsed.terms[-1])[-1]
    words = parsed.words
    if not words or words[-1] != last:
        words = (*words, last)
    return ParsedQuery(
        text=parsed.text,
        terms=parsed.terms,
        words=words,
        stems=tuple(text.stem(w) for w in words),
    )
