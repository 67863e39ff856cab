"""Search that understands people: full text with stemming, everyday words mapped to the taxonomy,
forgiving spelling, and distance. Every hit carries its reasons, in plain words.

The full-text index is one row per service (name; taxonomy terms and organisation; everything else),
kept by `reindex` whenever the directory changes. SQLite uses FTS5 with the Porter stemmer; PostgreSQL
a weighted English tsvector. Both give a relevance score we combine with taxonomy matches and distance.
"""

import re
from dataclasses import dataclass, field

from django.db import connection

from kithkin.directory import semantic, spelling
from kithkin.directory.lay_words import LAY_WORDS, STOP_WORDS
from kithkin.directory.models import Attribute, Language, TaxonomyTerm
from kithkin.directory.versions import while_the_directory_is_unchanged

TEXT_MATCH = "Matches your words"
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
TEXT_LIMIT = 300            # best full-text hits considered
SEMANTIC_WEIGHT = 0.5       # with the `semantic` extra: a close meaning, scaled by its similarity
TERM_WEIGHT = 0.6           # a category match: as much as a good text match, not more than the best
DISTANCE_SCALE_M = 8_000    # relevance halves at this distance when ranking by relevance near a postcode
RELATIVE_FLOOR = 0.15       # hits scoring under this share of the best are noise ("group" alone), left out
STRONG_SHARE = 0.5          # nearest first lists matches this good before the weaker ones, each nearest first
LANGUAGE_WEIGHT = 0.6       # "Polish speaking": services offered in Polish
AREA_WIDE_AS_M = 5_000      # a service with no place to visit (area-wide, online) ranks as if this far away


@dataclass
class Understood:
    """What we took the words to mean: shown back to the person, and used to search."""

    words: list[str] = field(default_factory=list)            # search words after spelling, before expansion
    extra_words: list[str] = field(default_factory=list)      # from everyday words
    term_ids: list[str] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)  # typed -> read as


@dataclass
class Hit:
    service_id: str
    score: float
    reasons: list[str] = field(default_factory=list)
    distance_m: float | None = None


def understand(text: str, *, plain: bool = False) -> Understood:
    """The words to search for. `plain` skips spelling and everyday words: full text alone, for comparison."""
    lowered = (text or "").lower().replace("’", "'")
    tokens = [t for t in WORD.findall(lowered) if t not in STOP_WORDS]
    result = Understood()
    if plain:
        result.words = [t.split("'")[0] for t in tokens if len(t) > 1]
        return result
    consumed: set[str] = set()
    for phrase, (terms, extra) in LAY_WORDS.items():
        if " " in phrase and phrase in lowered:
            result.term_ids += terms
            result.extra_words += extra
            consumed |= {t for t in tokens if any(t.startswith(p) for p in phrase.split())}
    vocabulary = spelling.vocabulary()
    for token in tokens:
        word = token.split("'")[0]
        if len(word) < 2:
            continue
        corrected = spelling.correct(word, vocabulary)
        if corrected != word:
            result.corrections[word] = corrected
        result.words.append(corrected)
        if token in consumed:
            continue
        for stem, (terms, extra) in LAY_WORDS.items():
            if " " not in stem and corrected.startswith(stem):
                result.term_ids += terms
                result.extra_words += extra
    result.term_ids = list(dict.fromkeys(result.term_ids))
    result.extra_words = [w for w in dict.fromkeys(result.extra_words) if w not in result.words]
    return result


def _text_scores(words: list[str], extra: list[str]) -> dict[str, float]:
    """service id -> full-text score in 0..1 (1 the best match): FTS5 bm25, or PostgreSQL ts_rank."""
    if not words and not extra:
        return {}
    # A word the directory uses is matched as a word (both stemmers make "clubs" "club"); one it does not
    # use may be the start of one ("physio"), so it is matched as a prefix.
    vocabulary = spelling.vocabulary()
    if connection.vendor == "postgresql":
        query = " | ".join([w if w in vocabulary else f"{w}:*" for w in words] + extra)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT service_id, ts_rank(document, q, 1) FROM directory_service_fts, "
                "to_tsquery('english', %s) q WHERE document @@ q ORDER BY 2 DESC LIMIT %s",
                [_pg_safe(query), TEXT_LIMIT])
            rows = cursor.fetchall()
    else:
        typed = [f'"{w}"' if w in vocabulary else f'"{w}"*' for w in words]
        query = " OR ".join(typed + [f'"{w}"' for w in extra])
        with connection.cursor() as cursor:
            # bm25 is lower-is-better; the weights favour the name, then the categories.
            cursor.execute("SELECT service_id, -bm25(directory_service_fts, 0, 5.0, 3.0, 1.0) FROM "
                           "directory_service_fts WHERE directory_service_fts MATCH %s ORDER BY 2 DESC LIMIT %s",
                           [query, TEXT_LIMIT])
            rows = cursor.fetchall()
    if not rows:
        return {}
    best = max(score for _, score in rows) or 1.0
    return {service_id: max(score, 0.0) / best for service_id, score in rows}


def _pg_safe(query: str) -> str:
    return re.sub(r"[^a-z0-9:*| ]", "", query)


def _term_matches(term_ids: list[str]) -> dict[str, list[str]]:
    """service id -> names of the matched categories (a broad term matches its narrower ones)."""
    if not term_ids:
        return {}
    wanted = set(term_ids) | set(TaxonomyTerm.objects.filter(parent_id__in=term_ids).values_list("id", flat=True))
    matches: dict[str, list[str]] = {}
    rows = Attribute.objects.filter(link_entity="service", taxonomy_term_id__in=wanted)
    for service_id, name in rows.values_list("link_id", "taxonomy_term__name"):
        matches.setdefault(service_id, []).append(name)
    return matches


def _languages_named(words: list[str]) -> dict[str, str]:
    """service id -> a language the person named ("Polish", "Urdu") that the service is offered in."""
    known = while_the_directory_is_unchanged("languages", lambda: {
        name.lower(): name for name in Language.objects.exclude(name=None).values_list("name", flat=True).distinct()})
    named = [known[w] for w in words if w in known and w != "english"]
    if not named:
        return {}
    rows = Language.objects.filter(name__in=named, service_id__isnull=False)
    return dict(rows.values_list("service_id", "name"))


def rank_services(text: str, services, *, origin=None, nearest_first: bool = False,
                  plain: bool = False, understood: Understood | None = None) -> list[Hit]:
    """The services (a filtered queryset) that match the words, best first, each with its reasons.
    Pass `understood` when the caller has read the words already: spelling is not cheap to do twice."""
    from kithkin.directory.queries import nearest_place_of

    understood = understood or understand(text, plain=plain)
    text_scores = _text_scores(understood.words, understood.extra_words)
    term_matches = _term_matches(understood.term_ids)
    meanings = {} if plain else semantic.similar(text)
    spoken = {} if plain else _languages_named(understood.words)
    candidates = set(text_scores) | set(term_matches) | set(meanings) | set(spoken)
    allowed = set(services.filter(pk__in=candidates).values_list("id", flat=True)) if candidates else set()
    hits = []
    for service_id in allowed:
        reasons = []
        score = text_scores.get(service_id, 0.0)
        if service_id in text_scores:
            reasons.append(TEXT_MATCH)  # which words: `explain` says, for the hits people will see
        if service_id in meanings:
            score += SEMANTIC_WEIGHT * meanings[service_id]
            if service_id not in text_scores:
                reasons.append("Close in meaning to what you asked")
        if service_id in spoken:
            score += LANGUAGE_WEIGHT
            reasons.append(f"Offered in {spoken[service_id]}")
        if service_id in term_matches:
            score += TERM_WEIGHT
            reasons.append("Listed under " + " and ".join(dict.fromkeys(term_matches[service_id])))
        hits.append(Hit(service_id, score, reasons))
    if understood.corrections:
        note = "; ".join(f"we read “{a}” as “{b}”" for a, b in understood.corrections.items())
        for hit in hits:
            hit.reasons.append(note[0].upper() + note[1:])
    if hits:
        # Weak matches are noise ("group" alone); judged on relevance, before distance has its say.
        best = max(hit.score for hit in hits)
        hits = [hit for hit in hits if hit.score >= best * RELATIVE_FLOOR]
        strong = {hit.service_id for hit in hits if hit.score >= best * STRONG_SHARE}
    if origin is not None:
        _apply_distance(hits, nearest_place_of([h.service_id for h in hits], *origin), nearest_first)
    if nearest_first:
        # Nearest first among the good matches, then nearest first among the rest.
        hits.sort(key=lambda h: (h.service_id not in strong, h.distance_m is None, h.distance_m or 0, -h.score,
                                 h.service_id))
    else:
        hits.sort(key=lambda h: (-h.score, h.service_id))
    return hits


def _stem(word: str) -> str:
    """Enough of a word to find its forms ("falling", "falls" -> "fall"), without a stemmer of our own."""
    return word[:max(4, len(word) - 3)] if len(word) > 4 else word


def explain(hits: list[Hit], texts: dict[str, str], understood: Understood) -> None:
    """Say which of the person's words each shown hit's entry uses (`texts`: service id -> its words)."""
    patterns = {w: re.compile(r"\b" + re.escape(_stem(w))) for w in understood.words + understood.extra_words}
    for hit in hits:
        if TEXT_MATCH not in hit.reasons:
            continue
        words = texts.get(hit.service_id, "").lower()
        typed = [w for w in understood.words if patterns[w].search(words)]
        related = [w for w in understood.extra_words if patterns[w].search(words)]
        if typed:
            reason = "Mentions " + ", ".join(f"“{w}”" for w in typed[:4])
        elif related:
            reason = "Mentions related words: " + ", ".join(f"“{w}”" for w in related[:3])
        else:
            continue
        hit.reasons[hit.reasons.index(TEXT_MATCH)] = reason


def _apply_distance(hits: list[Hit], nearest: dict[str, float], nearest_first: bool) -> None:
    for hit in hits:
        hit.distance_m = nearest.get(hit.service_id)
        if not nearest_first:
            # Places further away count for less. Area-wide and online services are always eligible, but
            # a good match with a place down the road should come before them.
            metres = hit.distance_m if hit.distance_m is not None else AREA_WIDE_AS_M
            hit.score /= 1 + metres / DISTANCE_SCALE_M
