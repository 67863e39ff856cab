"""Finding the records in an Open Referral file, whichever of the usual shapes it comes in."""

import json
from pathlib import Path


class DirectoryFileError(Exception):
    """The file cannot be read as HSDS at all; nothing from it is imported."""


def _services_in(document) -> list:
    if isinstance(document, list):
        # A list of ORUK pages (each with "contents"), or a list of services.
        if document and all(isinstance(item, dict) and "contents" in item for item in document):
            return [service for page in document for service in _services_in(page)]
        return document
    if isinstance(document, dict):
        for key in ("services", "contents"):
            if key in document:
                if not isinstance(document[key], list):
                    raise DirectoryFileError(f'"{key}" should be a list of services')
                return document[key]
        if "id" in document and "name" in document:
            return [document]  # one service on its own
    raise DirectoryFileError('expected a list of services, {"services": [...]}, or an ORUK page with "contents"')


def _ndjson(text: str) -> list:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except RecursionError:
                raise DirectoryFileError(f"line {number} is nested too deeply to be HSDS") from None
            except json.JSONDecodeError as exc:
                raise DirectoryFileError(f"line {number} is not JSON: {exc.msg}") from None
    return records


def read_json(path: str | Path) -> object:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DirectoryFileError(f"cannot read it: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise DirectoryFileError("it is not UTF-8 text") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise DirectoryFileError("it is nested too deeply to be HSDS") from None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            return _ndjson(text)  # one record a line, as ORUK's format=ndjson gives
        raise DirectoryFileError(f"it is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None


def read_services(path: str | Path) -> list:
    return _services_in(read_json(path))
