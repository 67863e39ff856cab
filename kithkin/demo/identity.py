"""Identifiers for synthetic people: NHS numbers, phone numbers and email addresses that are valid but not real.

Every value is checked with the same validators the forms and the API use, so the seed never writes
what a worker could not have typed in.
"""

import unicodedata
from random import Random

from nhs_number import REGION_SYNTHETIC, calculate_checksum

from kithkin.core.validators import normalise_nhs_number, normalise_phone


class NhsNumbers:
    """Unique NHS numbers in the range kept for synthetic and test patients (900 000 0000 to 999 999 9999)."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.used: set[str] = set()

    def take(self, digits: str | None = None) -> str:
        while True:
            body = digits or f"9{self.rng.randrange(10**8):08d}"
            digits = None
            check = calculate_checksum(body)
            if check is None or check == 10:  # 10 means no valid number has these nine digits
                continue
            number = f"{body}{check}"
            if number in self.used:
                continue
            if normalise_nhs_number(number) != number or not REGION_SYNTHETIC.contains_number(number):
                raise ValueError(f"Generated an invalid NHS number: {number}")
            self.used.add(number)
            return number


def landline(rng: Random) -> str:
    """Ofcom's drama range for the fictional 01632 area."""
    return checked_phone(f"01632 960{rng.randrange(1000):03d}")


def mobile(rng: Random) -> str:
    """Ofcom's drama range for mobiles."""
    return checked_phone(f"07700 900{rng.randrange(1000):03d}")


def checked_phone(number: str) -> str:
    if normalise_phone(number) != number:
        raise ValueError(f"Generated an invalid phone number: {number}")
    return number


def email(rng: Random, given: str, family: str) -> str:
    """An address at one of the domains reserved for examples; letters folded to plain ASCII."""
    def ascii_only(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
        return "".join(c for c in folded.encode("ascii", "ignore").decode() if c.isalnum()).lower()

    local = f"{ascii_only(given)}.{ascii_only(family)}{rng.randrange(1, 99) if rng.random() < 0.5 else ''}"
    return f"{local}@{rng.choice(('example.org', 'example.com', 'example.net'))}"
