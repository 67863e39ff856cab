"""Forgiving spelling: a typed word the directory never uses is read as the nearest word it does use
("demensia" -> "dementia"), by edit distance over the words in the search index."""

import re
from collections import Counter

from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from kithkin.directory.versions import while_the_directory_is_unchanged


def _read_words() -> Counter:
    words: Counter = Counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, terms, body FROM directory_service_fts")
        for row in cursor.fetchall():
            words.update(set(re.findall(r"[a-z]+", " ".join(filter(None, row)).lower())))
    return words


def vocabulary() -> Counter:
    """Word -> how many services use it; read again in each process after the directory changes."""
    return while_the_directory_is_unchanged("vocabulary", _read_words)


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
