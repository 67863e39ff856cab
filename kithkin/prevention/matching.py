"""Who an alert is about: by NHS number first, else by name, date of birth and postcode together.
Only an exact, single match counts; anything less waits for a person to decide."""

from kithkin.people.models import Person


def match_person(nhs_number: str, given_name: str, family_name: str, date_of_birth, postcode: str):
    """(person, how) or (None, "")."""
    if nhs_number:
        person = Person.objects.filter(nhs_number=nhs_number).first()
        if person is not None:
            return person, "nhs_number"
    if given_name and family_name and date_of_birth and postcode:
        found = list(Person.objects.filter(given_name__iexact=given_name, family_name__iexact=family_name,
                                           date_of_birth=date_of_birth, postcode=postcode)[:2])
        if len(found) == 1:
            return found[0], "name_dob_postcode"
    return None, ""
