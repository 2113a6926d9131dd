"""What the database backend searches for when the words as typed find nothing, and how it
orders what it found.

1. Every word matches: those results, nothing else.
2. Otherwise, words that no listing has ("unknown") are corrected from the index vocabulary;
   when the corrected query finds listings, they are shown and `corrected` says so. A word the
   index knows is never corrected.
3. Otherwise the unknown words are left out and the rest must all match ("Sin resultados para
   «baratos»; mostramos resultados para «bolsos de tela»").
4. Otherwise (each word matches somewhere, never together) listings holding any of the words,
   those holding more of them and rarer ones first.

Ranking a word found in half the catalogue would score every match; past a limit of matches
(SEARCH_EXACT_LIMIT) only a bounded candidate set (SEARCH_RANK_POOL) is ranked: the newest
listings with the words in their name and the newest with them anywhere (see `candidates`).
Deeper pages continue with the rest, newest first.
"""

import difflib
import math
from dataclasses import dataclass, field

from django.db.models import Case, F, FloatField, QuerySet, Value, When

from .. import conf, text
from ..query import ParsedQuery, parse_query
from .engines import NAME, NEWEST_ORDER, Engine

# How close (difflib ratio) a known word must be to replace an unknown query word.
SUGGESTION_CUTOFF = 0.75
# Document frequencies for rarity weights are counted up to this (enough to tell words apart).
RARITY_COUNT_CAP = 10_000
RANK_ORDER = (
    F("score").desc(),
    F("in_stock").desc(),
    F("published_at").desc(nulls_last=True),
    "-pk",
)


@dataclass
class Plan:
    query: ParsedQuery  # the words the results are for (ranking, highlights)
    base: QuerySet  # the filtered documents, before any word matched
    matched: QuerySet
    suggestion: str | None = None
    corrected: bool = False
    left_out: tuple[str, ...] = ()  # query terms, as typed, that no result holds
    # stem -> weight when results need not hold every word (step 4); None otherwise.
    coverage: dict[str, float] | None = None
    totals: dict = field(default_factory=dict)


def _terms_without(query: ParsedQuery, words: set[str]) -> tuple[str, ...]:
    return tuple(t for t in query.terms if not set(text.words(t)) & words)


def _sub_query(query: ParsedQuery, words: set[str]) -> ParsedQuery:
    """`query` without the terms holding `words`."""
    terms = _terms_without(query, words)
    kept = [(w, s) for w, s in zip(query.words, query.stems, strict=True) if w not in words]
    return ParsedQuery(
        text=" ".join(terms),
        terms=terms,
        words=tuple(w for w, _ in kept),
        stems=tuple(s for _, s in kept),
    )


def corrections(engine: Engine, words: list[str]) -> dict[str, str]:
    """Unknown word -> the closest known word, for the words that have one."""
    found = {}
    for word in words:
        if len(word) < 3 or word.isdigit():
            continue
        candidates = set(engine.candidates(word))
        for best in difflib.get_close_matches(word, candidates, n=3, cutoff=SUGGESTION_CUTOFF):
            if text.stem(best) != text.stem(word) and engine.known(text.stem(best)):
                found[word] = best
                break
    return found


def plan(engine: Engine, base: QuerySet, query: ParsedQuery, count) -> Plan:
    """`count(qs, stems)` counts a candidate result set holding every one of `stems` (the
    backend computes facets with it, so the plan that wins has its figures ready in
    `totals`)."""
    if query.is_empty:
        return Plan(query, base, base, totals=count(base))
    matched = engine.match(base, query.stems)
    totals = count(matched, query.stems)
    if totals["total"]:
        return Plan(query, base, matched, totals=totals)
    nothing = Plan(query, base, matched, totals=totals)

    unknown = [w for w, s in zip(query.words, query.stems, strict=True) if not engine.known(s)]
    fixes = corrections(engine, unknown)
    suggestion = None
    if fixes:
        suggestion = " ".join(
            " ".join(fixes.get(w, w) for w in text.words(term)) for term in query.terms
        )
        fixed = parse_query(suggestion)
        fixed_matches = engine.match(base, fixed.stems)
        fixed_totals = count(fixed_matches, fixed.stems)
        if fixed_totals["total"]:
            return Plan(fixed, base, fixed_matches, suggestion, True, totals=fixed_totals)
        nothing.suggestion = suggestion

    left_out = set(unknown)
    kept = _sub_query(query, left_out)
    if not kept.words:
        return nothing
    left_terms = tuple(t for t in query.terms if t not in kept.terms)
    if left_out:
        kept_matches = engine.match(base, kept.stems)
        kept_totals = count(kept_matches, kept.stems)
        if kept_totals["total"]:
            return Plan(
                kept, base, kept_matches, suggestion, left_out=left_terms, totals=kept_totals
            )
    if len(set(kept.stems)) < 2:
        return nothing
    any_matches = engine.match_any(base, kept.stems)
    any_totals = count(any_matches)
    if not any_totals["total"]:
        return nothing
    return Plan(
        kept,
        base,
        any_matches,
        suggestion,
        left_out=left_terms,
        coverage=_rarity(engine, base, kept.stems, any_totals["total"]),
        totals=any_totals,
    )


def _rarity(engine: Engine, base: QuerySet, stems, total: int) -> dict[str, float]:
    """stem -> weight: a word few listings hold says more about what is wanted (idf)."""
    weights = {}
    for stem_ in dict.fromkeys(stems):
        held = base.filter(engine.holds(stem_)).values("pk")[:RARITY_COUNT_CAP].count()
        weights[stem_] = math.log(1 + (total + 1) / (held + 1))
    return weights


def _coverage(engine: Engine, weights: dict[str, float]):
    terms = [
        Case(When(engine.holds(s), then=Value(w)), default=Value(0.0), output_field=FloatField())
        for s, w in weights.items()
    ]
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total


def relevance_rows(engine: Engine, chosen: Plan, offset: int, limit: int, fields):
    """One page of `fields` rows in relevance order."""
    qs, stems = chosen.matched, chosen.query.stems
    if chosen.coverage:
        ordered = engine.ranked(qs, stems).annotate(coverage=_coverage(engine, chosen.coverage))
        ordered = ordered.order_by(F("coverage").desc(), *RANK_ORDER)
        return list(ordered.values_list(*fields)[offset : offset + limit])
    if chosen.totals["exact"]:
        ordered = engine.ranked(qs, stems).order_by(*RANK_ORDER)
        return list(ordered.values_list(*fields)[offset : offset + limit])

    # A frequent word: rank a bounded candidate set, then the rest newest first.
    pool = candidates(engine, chosen)
    rows = []
    if offset < len(pool):
        ranked = engine.ranked(qs.filter(pk__in=pool), stems).order_by(*RANK_ORDER)
        rows = list(ranked.values_list(*fields)[offset : offset + limit])
    if len(rows) < limit:
        start = max(offset - len(pool), 0)
        rest = qs.exclude(pk__in=pool).order_by(*NEWEST_ORDER)
        rows += list(rest.values_list(*fields)[start : start + limit - len(rows)])
    return rows


def candidates(engine: Engine, chosen: Plan) -> list[int]:
    """The ids a frequent word's ranking scores: the newest `rank_pool` listings holding the
    words in their name (where ts_rank puts its weight, so the best matches are there) and
    the newest `rank_pool` holding them anywhere (read already, when the total was
    estimated). Recency is the static score: an older listing whose name matches as well as
    a newer one's ranks on page one only if it is among the newest name matches, and deeper
    pages go on newest first. That is the price of answering in milliseconds; a rare word
    (up to SEARCH_EXACT_LIMIT matches) is ranked exactly."""
    size = conf.rank_pool()
    named = chosen.totals.get("named")
    # The newest matches were read with a flag for a name match: when they hold `size` name
    # matches, those are the newest name matches of all, and no second search is needed.
    if named is None or len(named) < size:
        found, _estimate = engine.newest(
            engine.match(chosen.base, chosen.query.stems, columns=NAME), chosen.base, size
        )
        named = found.values_list("pk", flat=True)[:size]
    return list(dict.fromkeys([*named[:size], *chosen.totals.get("newest", ())[:size]]))
