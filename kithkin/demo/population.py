"""Synthetic people of Fenmere, a household at a time: who they are, their circle of support, their contacts.

Some households have two records (a couple, or a parent and the grown-up child who helps them),
each in the other's circle with `linked_person`, like the Jones family.
"""

from datetime import date, datetime, timedelta
from random import Random

from kithkin.demo import identity, names, profiles
from kithkin.demo.contacts import ContactFactory, Subject
from kithkin.demo.pick import Pick
from kithkin.demo.places import HOUSE_NAMES, postcodes_by_town, streets, team_index_for, town_weights
from kithkin.demo.writer import Writer
from kithkin.people.models import CircleMember, Closeness, Connection, Person

COMMUNITIES = Pick(names.COMMUNITIES, [c.weight for c in names.COMMUNITIES])
CIRCLE_SIZES = Pick(range(9), [8, 12, 18, 20, 16, 11, 8, 4, 3])
PREFERRED = {"Margaret": "Peggy", "Kenneth": "Ken", "Patricia": "Pat", "Dorothy": "Dot", "Ronald": "Ron",
             "Stanisław": "Stan", "Krystyna": "Krysia", "Tomasz": "Tom", "Aleksandra": "Ola", "Vytautas": "Vytas",
             "Elizabeth": "Betty", "Frederick": "Fred", "Raymond": "Ray", "Gheorghe": "George", "Mohammed": "Mo"}
REACH = ("Evenings after six", "Text first", "Any time", "Weekends", "Mornings are best", "Via her husband", "")
ANONYMOUS_NEEDS = Pick.of({"money": 2, "lonely": 2, "home": 2, "digital": 1, "transport": 1})
NEEDS_CARE = {"dementia", "frail_falls", "stroke", "learning_disability", "brain_injury"}
MEMBER_KINDS = Pick.of({Connection.FAMILY: 34, Connection.FRIEND: 18, Connection.NEIGHBOUR: 16,
                        Connection.PROFESSIONAL: 16, Connection.COMMUNITY_GROUP: 10, Connection.PERSONAL_ASSISTANT: 3,
                        Connection.OTHER: 3})
PROFILES_OLDER = Pick([p for p in profiles.PROFILES if p.older], [p.weight for p in profiles.PROFILES if p.older])
PROFILES_YOUNGER = Pick([p for p in profiles.PROFILES if not p.older],
                        [p.weight for p in profiles.PROFILES if not p.older])
PROFILE_BY_KEY = {p.key: p for p in profiles.PROFILES}
NEEDS = {p.key: Pick.of(p.needs) for p in profiles.PROFILES}
LIVING = {p.key: Pick.of(p.living) for p in profiles.PROFILES}
HELPS = ("Shopping on Saturdays", "Lifts to appointments", "Sorting the post and forms", "Popping in most days",
         "A phone call every evening", "Anything in an emergency", "Dog walking", "Cutting the grass", "")


class PopulationFactory:
    def __init__(self, rng: Random, writer: Writer, contacts: ContactFactory, today: date, now: datetime,
                 nhs: identity.NhsNumbers):
        self.rng, self.writer, self.contacts, self.today, self.now, self.nhs = rng, writer, contacts, today, now, nhs
        self.last: dict | None = None
        self.towns = Pick(*town_weights())

    # -- a household ------------------------------------------------------------------------------------
    def household(self, contact_counts: list[int]) -> int:
        """Write one or two people (as many as `contact_counts` has room for); returns how many."""
        rng = self.rng
        first = self._person(COMMUNITIES(rng))
        people = [first]
        if len(contact_counts) > 1 and rng.random() < 0.08:
            people.append(self._relative(first))
        for person in people:
            person["circle"] = self._circle(person)
        for person, count in zip(people, contact_counts, strict=False):
            received, handler = [], None
            for _ in range(count):
                moment, handled_by = self.contacts.add(self._subject(person))
                received.append(moment)
                handler = handler or handled_by
            if received:
                created = min(min(received) + timedelta(minutes=25), self.now)
            else:
                created = self.now - timedelta(days=rng.randrange(1, self.contacts.days + 400))
            row = person["row"]
            row.update(created_at=created, updated_at=created, created_by_id=handler,
                       consent_recorded_at=created if row["consent_to_record"] else None)
            for member in person["circle"]:
                member["created_at"] = row["created_at"]
        self.last = first
        for person in people:
            self.writer.add(Person, person["row"])
        for person in people:
            for member in person["circle"]:
                self.writer.add(CircleMember, member)
        self.contacts.write_rows()
        return len(people)

    def anonymous(self, count: int) -> None:
        """Contacts from people who gave no details, near the last household."""
        near = self.last
        for _ in range(count):
            self.contacts.add(Subject(None, "", "", identity.mobile(self.rng), self.rng.choice(near["codes"]).code,
                                      near["town"], near["team"], ANONYMOUS_NEEDS, female=self.rng.random() < 0.6))
        self.contacts.write_rows()

    # -- people -----------------------------------------------------------------------------------------
    def _person(self, community, *, age: int | None = None, family: str | None = None, town: str | None = None,
                profile_key: str | None = None) -> dict:
        rng = self.rng
        if age is None:
            older = rng.random() < community.older
            age = 65 + int(rng.betavariate(1.6, 2.8) * 37) if older else 18 + int(rng.betavariate(1.4, 1.3) * 47)
        older = age >= 65
        female = rng.random() < (0.57 if older else 0.48)
        profile = PROFILE_BY_KEY[profile_key] if profile_key else (PROFILES_OLDER if older else PROFILES_YOUNGER)(rng)
        given = rng.choice((community.older_f if female else community.older_m) if older
                           else (community.younger_f if female else community.younger_m))
        family_name = family or names.family_name(rng.choice(community.family), female)
        town = town or self.towns(rng)
        codes = postcodes_by_town()[town]
        postcode = rng.choice(codes)
        languages = rng.choice(community.languages_older if older else community.languages_younger)
        row = {
            "id": self.writer.new_id(Person), "given_name": given, "family_name": family_name,
            "preferred_name": PREFERRED.get(given, "") if rng.random() < 0.5 else "",
            "date_of_birth": self.today - timedelta(days=int((age + rng.random()) * 365.25))
            if rng.random() < 0.95 else None,
            "nhs_number": self.nhs.take() if rng.random() < 0.65 else None,
            "address_line_1": self._address(town), "town": town, "postcode": postcode.code,
            "phone": identity.landline(rng) if older and rng.random() < 0.7 else identity.mobile(rng),
            "email": identity.email(rng, given, family_name) if rng.random() < (0.08 if older else 0.3) else "",
            "languages": languages,
            "communication_needs": self._communication(profile, languages),
            "what_matters": self._what_matters(profile, community),
            "strengths": ". ".join(rng.sample(profiles.STRENGTHS, 2)) + ".",
            "interests": _sentence(", ".join(rng.sample(profiles.INTERESTS, rng.randrange(2, 4)))),
            "good_life": rng.choice(profiles.GOOD_LIFE) + ".",
            "living_situation": LIVING[profile.key](rng),
        }
        consent = rng.random() < 0.92
        row.update(consent_to_record=consent, share_with_gp=consent and rng.random() < 0.8,
                   share_with_family=consent and rng.random() < 0.7,
                   share_with_providers=consent and rng.random() < 0.6,
                   sharing_notes=rng.choice(profiles.SHARING_NOTES) if consent and rng.random() < 0.2 else "")
        return {"row": row, "community": community, "profile": profile, "female": female, "older": older,
                "age": age, "town": town, "codes": codes, "team": team_index_for(postcode.outward),
                "relatives": [], "family_names": []}

    def _relative(self, first: dict) -> dict:
        """A partner of the same generation, or a grown-up child who helps (sometimes living elsewhere)."""
        rng = self.rng
        row = first["row"]
        needs_care = first["profile"].key in NEEDS_CARE
        if first["older"] and rng.random() < 0.55:
            person = self._person(first["community"], age=max(65, first["age"] + rng.randrange(-6, 7)),
                                  family=row["family_name"], town=first["town"],
                                  profile_key="older_carer" if needs_care and rng.random() < 0.6 else None)
            person["row"].update(address_line_1=row["address_line_1"], postcode=row["postcode"], phone=row["phone"],
                                 living_situation="partner")
            row["living_situation"] = "partner"
            first["relatives"].append((person, "wife" if person["female"] else "husband"))
            person["relatives"].append((first, "wife" if first["female"] else "husband"))
            return person
        if first["older"]:
            age = max(18, first["age"] - rng.randrange(22, 36))
            family = row["family_name"] if rng.random() < 0.7 else None
            person = self._person(first["community"], age=age, family=family,
                                  profile_key="younger_carer" if age < 65 and needs_care else None)
            parent, child = first, person
        else:
            person = self._person(first["community"], age=first["age"] + rng.randrange(22, 32),
                                  family=row["family_name"])
            parent, child = person, first
        parent["relatives"].append((child, "daughter" if child["female"] else "son"))
        child["relatives"].append((parent, "Mum" if parent["female"] else "Dad"))
        return person

    def _address(self, town: str) -> str:
        rng = self.rng
        if town in ("Wickfield", "Holme St Agnes", "Marshby") or rng.random() < 0.7:
            return f"{rng.randrange(1, 120)} {rng.choice(streets(town))}"
        return f"{rng.choice(HOUSE_NAMES)}, {rng.choice(streets(town))}"

    def _communication(self, profile, languages: str) -> str:
        rng = self.rng
        first_language = languages.split(",")[0]
        if first_language != "English" and ("some English" in languages or "little English" in languages
                                            or "English" not in languages) and rng.random() < 0.7:
            return f"Speaks {first_language} best: use an interpreter for anything about health or money."
        if profile.communication and rng.random() < 0.5:
            return rng.choice(profile.communication)
        return ""

    def _what_matters(self, profile, community) -> str:
        rng = self.rng
        first = rng.choice(profile.what_matters)
        extra = profiles.COMMUNITY_MATTERS.get(community.key)
        second = rng.choice(extra) if extra and rng.random() < 0.5 else rng.choice(profiles.WHAT_MATTERS)
        return f"{first}. {second}."

    # -- circles ----------------------------------------------------------------------------------------
    def _circle(self, person: dict) -> list[dict]:
        members = []
        for other, relationship in person["relatives"]:
            carer = other["profile"].key in ("older_carer", "younger_carer") or person["profile"].key in NEEDS_CARE
            name = f"{other['row']['given_name']} {other['row']['family_name']}"
            members.append(self._member(person, name, Connection.FAMILY, relationship, linked=other["row"]["id"],
                                        carer=carer, close=True))
        for _ in range(CIRCLE_SIZES(self.rng) - len(members)):
            members.append(self._random_member(person))
        person["family_names"] = [m["name"] for m in members if m["connection"] == Connection.FAMILY] or [
            self._relative_name(person)]  # family not in the circle (yet) may still ring up
        return members

    def _relative_name(self, person: dict) -> str:
        rng, community = self.rng, person["community"]
        female = rng.random() < 0.6
        given = rng.choice(community.younger_f if female else community.younger_m)
        return f"{given} {names.family_name(rng.choice(community.family), female)}"

    def _random_member(self, person: dict) -> dict:
        rng = self.rng
        kind = MEMBER_KINDS(rng)
        community = person["community"]
        if kind == Connection.FAMILY:
            female = rng.random() < 0.55
            given = rng.choice(community.younger_f if female else community.younger_m)
            relation = rng.choice(("daughter", "niece", "sister", "granddaughter") if female
                                  else ("son", "nephew", "brother", "grandson"))
            family = person["row"]["family_name"] if rng.random() < 0.6 else names.family_name(
                rng.choice(community.family), female)
            return self._member(person, f"{given} {family}", kind, relation, carer=rng.random() < 0.25)
        if kind == Connection.FRIEND:
            return self._member(person, rng.choice(names.FRIEND_NAMES), kind, rng.choice(("friend", "old friend")))
        if kind == Connection.NEIGHBOUR:
            return self._member(person, rng.choice(names.NEIGHBOUR_NAMES), kind, "neighbour")
        if kind in (Connection.PROFESSIONAL, Connection.COMMUNITY_GROUP):
            name, relationship = rng.choice(names.PROFESSIONALS if kind == Connection.PROFESSIONAL
                                            else names.COMMUNITY_GROUPS)
            return self._member(person, name, kind, relationship)
        if kind == Connection.PERSONAL_ASSISTANT:
            return self._member(person, rng.choice(names.PAS), kind, "my PA")
        return self._member(person, "Reverend Sue Parfitt", kind, "vicar at St Agnes")

    def _member(self, person: dict, name: str, kind: str, relationship: str, *, linked: int | None = None,
                carer: bool = False, close: bool = False) -> dict:
        rng = self.rng
        closeness = Closeness.CLOSE if close or (kind == Connection.FAMILY and rng.random() < 0.6) else rng.choice(
            (Closeness.IN_TOUCH, Closeness.AROUND))
        return {
            "id": self.writer.new_id(CircleMember), "person_id": person["row"]["id"], "name": name,
            "linked_person_id": linked, "connection": kind, "relationship": relationship, "closeness": closeness,
            "phone": identity.mobile(rng) if rng.random() < 0.6 else "",
            "how_to_reach": rng.choice(REACH), "happy_to_help_with": rng.choice(HELPS), "is_unpaid_carer": carer,
        }

    # -- contacts ---------------------------------------------------------------------------------------
    def _subject(self, person: dict) -> Subject:
        row = person["row"]
        female = person["female"]
        if person["older"]:
            called = self.rng.choice(("Mum", "my mother", "my wife") if female else ("Dad", "my father", "my husband"))
        else:
            called = self.rng.choice(("my daughter", "my sister") if female else ("my son", "my brother"))
        return Subject(row["id"], f"{row['given_name']} {row['family_name']}", called, row["phone"],
                       row["postcode"], person["town"], person["team"], NEEDS[person["profile"].key],
                       row["what_matters"], "English" not in row["languages"] or "some English" in row["languages"],
                       person["family_names"], female)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."
