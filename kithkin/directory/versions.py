"""What the pages work out from the directory (the spelling vocabulary, the list of languages, which
places a service reaches) is kept in each process until the directory changes. An import, an approved
change or a changed place calls `directory_changed()`; every process sees the new version in the shared
cache (Redis in production) and works its values out again."""

from django.core.cache import cache

VERSION_KEY = "directory:index-version"
_kept: dict = {"version": None, "values": {}}


def current() -> int:
    return cache.get(VERSION_KEY, 0)


def while_the_directory_is_unchanged(name: str, compute):
    version = current()
    if _kept["version"] != version:
        _kept["version"], _kept["values"] = version, {}
    if name not in _kept["values"]:
        _kept["values"][name] = compute()
    return _kept["values"][name]


def directory_changed() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)
    _kept["version"] = None
