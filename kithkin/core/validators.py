"""Checks for the identifiers people give us, with messages a person can act on."""

import re

import nhs_number
from django.core.exceptions import ValidationError

# The shape of a UK postcode (outward code, space, inward code); BS 7666 in short form.
POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


def normalise_postcode(value: str) -> str:
    """'fn1 1ad' -> 'FN1 1AD'. Raises ValidationError if it is not shaped like a postcode."""
    compact = re.sub(r"\s+", "", (value or "").upper())
    match = POSTCODE_RE.match(compact)
    if not match:
        raise ValidationError("Enter a real postcode, like FN1 1AD", code="postcode")
    return f"{match.group(1)} {match.group(2)}"


def normalise_nhs_number(value: str) -> str:
    """'943 476 5919' -> '9434765919', checked with the modulus 11 check digit."""
    digits = re.sub(r"[\s-]", "", value or "")
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError("Enter an NHS number with 10 digits, like 943 476 5919", code="nhs_length")
    if not nhs_number.is_valid(digits):
        raise ValidationError("That NHS number is not right: check the digits", code="nhs_checksum")
    return digits


def normalise_phone(value: str) -> str:
    cleaned = re.sub(r"[\s()-]", "", value or "")
    if cleaned and not re.fullmatch(r"\+?[0-9]{7,15}", cleaned):
        raise ValidationError("Enter a phone number, like 01632 960 123 or 07700 900 123", code="phone")
    return (value or "").strip()


def record_id(text) -> int | None:
    """A record's number as a form or address sends it, or None if it is not one: ASCII digits only (str.isdigit
    also takes '²', which int() then refuses) and small enough for the database."""
    text = str(text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text)
