"""Turning whatever a person typed into a query every backend can run safely."""

import re
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
    cleaned = "".join(ch if ch.isprintable() else " " for ch in str(raw)[: MAX_QUERY_LENGTH * 4])
    cleaned = _SPACE.sub(" ", cleaned).strip()[:MAX_QUERY_LENGTH].strip()
    terms = tuple(t.lower() for t in _WORD.findall(cleaned))[:MAX_TERMS]
    words = tuple(w for w in (text.fold(t) for t in terms) if w not in text.STOP_WORDS)
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
    last = text.fold(parsed.terms[-1])
    words = parsed.words
    if not words or words[-1] != last:
        words = (*words, last)
    return ParsedQuery(
        text=parsed.text,
        terms=parsed.terms,
        words=words,
        stems=tuple(text.stem(w) for w in words),
    )
