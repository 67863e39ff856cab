"""Forgiving spelling: a typed word the directory never uses is read as the nearest word it does use
("demensia" -> "dementia"), by edit distance over the words in the search index."""

import re
from collections import Counter

from django.core.cache import cache
from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

VERSION_KEY = "directory:index-version"
_cached: dict = {"version": None, "words": Counter()}


def _read_words() -> Counter:
    words: Counter = Counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, terms, body FROM directory_service_fts")
        for row in cursor.fetchall():
            words.update(set(re.findall(r"[a-z]+", " ".join(filter(None, row)).lower())))
    return words


def vocabulary() -> Counter:
    """Word -> how many services use it; read again in each process after the index changes."""
    version = cache.get(VERSION_KEY, 0)
    if _cached["version"] != version:
        _cached["words"] = _read_words()
        _cached["version"] = version
    return _cached["words"]


_derived: dict = {"version": None, "values": {}}


def while_the_index_is_unchanged(name: str, compute):
    """A value worked out from the directory, kept in this process until the next import changes it."""
    version = cache.get(VERSION_KEY, 0)
    if _derived["version"] != version:
        _derived["version"], _derived["values"] = version, {}
    if name not in _derived["values"]:
        _derived["values"][name] = compute()
    return _derived["values"][name]


def forget_vocabulary() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)
    _cached["version"] = None
    _derived["version"] = None


def correct(word: str, words: Counter) -> str:
    """The word, or the commonest indexed word within one edit (two for longer words)."""
    if len(word) < 4 or word in words or not words or word.isdigit():
        return word
    # A word that starts an indexed word is a stem or a prefix ("garden" of "gardening"), not a typo.
    if any(w.startswith(word) for w in words):
        return word
    allowed = 1 if len(word) < 7 else 2
    # Short words are easy to land near by chance ("plugh" -> "plug"): only read them as common words.
    common = [w for w, n in words.items() if n >= 3] if len(word) < 6 else list(words)
    close = process.extract(word, common, scorer=Levenshtein.distance, score_cutoff=allowed, limit=5)
    if not close:
        return word
    best = min(close, key=lambda match: (match[1], -words[match[0]]))
    return best[0]
