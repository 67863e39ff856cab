"""The Jones family, from the Transforming Lives case study, as Fenmere knows them.

Mr Jones (Arthur, 84, COPD) looks after his wife Edna, who has dementia, and does not want to be called
her carer. Their daughter Sarah lives ten miles away in Holme St Agnes with a young family. Each has a
record, and each is in the others' circles. They have a little history with the front door (one contact,
months ago, resolved) and nothing open, so the demo can take a new contact from Sarah about her parents.
"""

from datetime import date, datetime, time, timedelta

from kithkin.conversations.models import Contact, ContactEvent, Conversation, Outcome
from kithkin.demo.clock import LOCAL, weekday_near
from kithkin.demo.identity import NhsNumbers
from kithkin.demo.writer import Writer
from kithkin.people.models import CircleMember, Closeness, Connection, LivingSituation, Person

WICKFIELD_HOME = {"address_line_1": "4 Mill Lane", "town": "Wickfield", "postcode": "FN1 1AD"}


def born(today: date, years: float) -> date:
    return today - timedelta(days=round(years * 365.25))


def people(today: date, nhs: NhsNumbers) -> dict[str, dict]:
    arthur = {
        **WICKFIELD_HOME, "given_name": "Arthur", "family_name": "Jones", "date_of_birth": born(today, 84.4),
        "nhs_number": nhs.take("999084001"), "phone": "01632 960222", "languages": "English",
        "living_situation": LivingSituation.PARTNER,
        "communication_needs": "Has COPD and gets breathless on long calls: short calls, and give him time.",
        "what_matters": "Looking after Edna myself, at home, the way we always have. I'm her husband, not her "
                        "carer - don't call me that. Getting to the bowls club on Thursdays when my chest allows.",
        "strengths": "Has looked after Edna every day since her diagnosis. Knows everyone on Mill Lane. Stubborn "
                     "in a good way.",
        "interests": "Bowls, his allotment, the cricket on the radio.",
        "good_life": "Edna and me in our own home, Sarah and the grandchildren on a Sunday, and nobody fussing.",
        "consent_to_record": True, "share_with_gp": True, "share_with_family": True,
        "sharing_notes": "Happy for Sarah to know everything.",
    }
    edna = {
        **WICKFIELD_HOME, "given_name": "Edna", "family_name": "Jones", "date_of_birth": born(today, 81.2),
        "nhs_number": nhs.take("999081002"), "phone": "01632 960222", "languages": "English",
        "living_situation": LivingSituation.PARTNER,
        "communication_needs": "Has dementia: one question at a time, in the morning if you can, and let Arthur "
                               "join in if she wants him to.",
        "what_matters": "Being at home with Arthur. My garden and the birds at the feeder. Sarah and the little "
                        "ones on a Sunday.",
        "strengths": "Still a wonderful baker. Loves company and a sing-song. Knows every plant in the garden.",
        "interests": "Gardening, hymns, baking, watching the birds.",
        "good_life": "Pottering in the garden with Arthur close by.",
        "consent_to_record": True, "share_with_gp": True, "share_with_family": True,
        "sharing_notes": "Arthur and Sarah speak for her when she asks them to.",
    }
    sarah = {
        "given_name": "Sarah", "family_name": "Jones", "date_of_birth": born(today, 41.6),
        "nhs_number": nhs.take("999041003"), "address_line_1": "27 Willow Drive", "town": "Holme St Agnes",
        "postcode": "FN2 4DU", "phone": "07700 900111", "email": "sarah.jones@example.org", "languages": "English",
        "living_situation": LivingSituation.FAMILY,
        "what_matters": "Mum and Dad being safe at home. Being there for my two little ones, and keeping my job.",
        "strengths": "Organised. Rings Mum and Dad every evening. Good with the online prescriptions.",
        "interests": "Running, her children's swimming lessons.",
        "good_life": "Knowing Mum and Dad are all right without having to drive over every day.",
        "consent_to_record": True, "share_with_family": True,
    }
    return {"arthur": arthur, "edna": edna, "sarah": sarah}


def circles(ids: dict[str, int]) -> list[dict]:
    def member(whose, name, connection, relationship, *, linked=None, carer=False, closeness=Closeness.CLOSE,
               phone="", reach="", helps=""):
        return {"person_id": ids[whose], "name": name, "linked_person_id": ids.get(linked), "connection": connection,
                "relationship": relationship, "closeness": closeness, "phone": phone, "how_to_reach": reach,
                "happy_to_help_with": helps, "is_unpaid_carer": carer}

    return [
        member("edna", "Arthur Jones", Connection.FAMILY, "husband - 'I'm her husband, not her carer'",
               linked="arthur", carer=True, phone="01632 960222", reach="At home; short calls",
               helps="Everything, every day - his words: 'that's what you do'"),
        member("edna", "Sarah Jones", Connection.FAMILY, "daughter", linked="sarah", phone="07700 900111",
               reach="Evenings after 7, once the children are in bed", helps="Sundays, prescriptions, appointments"),
        member("edna", "Dr Anita Rao", Connection.PROFESSIONAL, "GP at Wickfield Surgery",
               closeness=Closeness.AROUND, phone="01632 960300"),
        member("edna", "Wickfield Memory Cafe", Connection.COMMUNITY_GROUP, "memory cafe on Tuesdays",
               closeness=Closeness.AROUND),
        member("arthur", "Edna Jones", Connection.FAMILY, "wife", linked="edna"),
        member("arthur", "Sarah Jones", Connection.FAMILY, "daughter", linked="sarah", phone="07700 900111",
               reach="Evenings after 7", helps="Sundays, and sorting his prescriptions online"),
        member("arthur", "Lisa Harding", Connection.PROFESSIONAL, "respiratory nurse, COPD clinic",
               closeness=Closeness.AROUND, phone="01632 960310"),
        member("arthur", "Wickfield Bowls Club", Connection.COMMUNITY_GROUP, "the bowls club - Thursdays",
               closeness=Closeness.IN_TOUCH),
        member("sarah", "Arthur Jones", Connection.FAMILY, "Dad", linked="arthur"),
        member("sarah", "Edna Jones", Connection.FAMILY, "Mum", linked="edna"),
        member("sarah", "Tom Jones", Connection.FAMILY, "husband", closeness=Closeness.CLOSE),
    ]


def add(writer: Writer, today: date, now: datetime, days: int, team_id: int, handler, nhs: NhsNumbers) -> int:
    """Write the family and their one old contact; returns how many contacts that is."""
    records = people(today, nhs)
    when = weekday_near((now - timedelta(days=min(150, max(1, days * 6 // 10)))).date(), _NoRandom())
    received = datetime.combine(when, time(10, 20), LOCAL)
    ids = {key: writer.new_id(Person) for key in records}
    for key, row in records.items():
        created = received + timedelta(minutes=25 if key == "arthur" else 40)
        writer.add(Person, {**row, "id": ids[key], "created_at": created, "updated_at": created,
                            "consent_recorded_at": created, "created_by_id": handler.user_id})
    for row in circles(ids):
        writer.add(CircleMember, {**row, "id": writer.new_id(CircleMember), "created_at": received})
    contact_id = writer.new_id(Contact)
    spoken, resolved = received + timedelta(minutes=2), received + timedelta(minutes=34)
    writer.add(Contact, {
        "id": contact_id, "team_id": team_id, "person_id": ids["arthur"], "received_at": received,
        "channel": "phone", "raised_by": "self", "caller_name": "Arthur Jones", "caller_phone": "01632 960222",
        "postcode": "FN1 1AD", "handled_by_id": handler.user_id, "first_spoken_at": spoken,
        "resolved_at": resolved, "outcome": Outcome.CONNECTION,
        "in_their_words": "My chest is bad this winter and I can't always get Edna to her club. I'm not asking "
                          "for a carer - I'm her husband, I look after her. I just need a lift now and then.",
    })
    writer.add(Conversation, {
        "id": writer.new_id(Conversation), "contact_id": contact_id, "person_id": ids["arthur"],
        "held_at": resolved, "held_by_id": handler.user_id, "outcome": Outcome.CONNECTION,
        "what_matters": "Looking after Edna himself, at home. Not being called her carer.",
        "working_well": "Arthur and Edna look after each other; Sarah rings every evening.",
        "not_working": "Breathless in the cold; can't always drive Edna to the memory cafe.",
        "strengths_and_network": "Sarah, the bowls club, Pauline next door, the memory cafe.",
        "ideas_tried": "Sarah drives when she can, but she works and has two little ones.",
        "connected_to": "Wickfield Dial-a-Ride; Wickfield Memory Cafe",
        "outcome_notes": "Booked Dial-a-Ride for Tuesdays; the cafe will look out for them.",
    })
    for kind, at, detail in ((ContactEvent.Kind.RECEIVED, received, "Phone, from the person themselves"),
                             (ContactEvent.Kind.SPOKEN, spoken, ""),
                             (ContactEvent.Kind.LINKED, spoken, "Arthur Jones"),
                             (ContactEvent.Kind.CONVERSATION, resolved, Outcome.CONNECTION.label),
                             (ContactEvent.Kind.CLOSED, resolved, Outcome.CONNECTION.label)):
        writer.add(ContactEvent, {"id": writer.new_id(ContactEvent), "contact_id": contact_id, "kind": kind,
                                  "at": at, "user_id": handler.user_id, "detail": detail})
    return 1


class _NoRandom:
    """weekday_near wants a coin to toss; the Jones's history is the same every time."""

    def random(self) -> float:
        return 0.0
