"""Twelve months (or `months`) of contacts, conversations and their timelines, for one person at a time.

The shape follows a community-led front door: most contacts are talked through the same day and
resolved with information, advice or a connection to people and places nearby; some need a follow-up
conversation; a few go to crisis support or ongoing support; some need nothing further. Recent ones
may still be waiting, so the worklist has work on it, some of it older than 24 hours.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

from kithkin.conversations.models import Channel, Contact, ContactEvent, Conversation, Outcome, RaisedBy
from kithkin.demo import clock, talk
from kithkin.demo.pick import Pick
from kithkin.demo.places import services_near
from kithkin.demo.writer import Writer

# Plain strings rather than the enums: these are used millions of times.
PHONE, DROP_IN, ONLINE, EMAIL, REFERRAL = (c.value for c in Channel)
SELF, FAMILY, GP, HOSPITAL, PROVIDER, OTHER = (r.value for r in RaisedBy)
INFORMATION, ADVICE, CONNECTION, FOLLOW_UP, CRISIS, ONGOING, NO_FURTHER_ACTION = (o.value for o in Outcome)
_KIND = ContactEvent.Kind
RECEIVED, PICKED_UP, SPOKEN, LINKED, CONVERSATION, CLOSED = (
    _KIND.RECEIVED.value, _KIND.PICKED_UP.value, _KIND.SPOKEN.value, _KIND.LINKED.value, _KIND.CONVERSATION.value,
    _KIND.CLOSED.value)

CHANNELS = Pick.of({PHONE: 45, DROP_IN: 12, ONLINE: 15, EMAIL: 10, REFERRAL: 18})
RAISED_BY = {
    PHONE: Pick.of({SELF: 50, FAMILY: 42, OTHER: 8}),
    DROP_IN: Pick.of({SELF: 70, FAMILY: 30}),
    ONLINE: Pick.of({SELF: 48, FAMILY: 47, OTHER: 5}),
    EMAIL: Pick.of({SELF: 40, FAMILY: 45, PROVIDER: 10, OTHER: 5}),
    REFERRAL: Pick.of({GP: 45, HOSPITAL: 30, PROVIDER: 15, OTHER: 10}),
}
FIRST_OUTCOMES = Pick.of({INFORMATION: 19, ADVICE: 19, CONNECTION: 33, FOLLOW_UP: 8, CRISIS: 5, ONGOING: 8,
                          NO_FURTHER_ACTION: 8})
SECOND_OUTCOMES = Pick.of({ADVICE: 15, CONNECTION: 52, CRISIS: 3, ONGOING: 15, NO_FURTHER_ACTION: 15})
ANONYMOUS_OUTCOMES = Pick.of({INFORMATION: 42, ADVICE: 28, CONNECTION: 15, NO_FURTHER_ACTION: 15})
REFERRERS = {
    GP: ("Dr Anita Rao, Wickfield Surgery", "Dr Tom Fielding, Holme St Agnes Medical Centre",
                  "Sam Okoro, social prescribing link worker", "Dr Grace Mensah, Marshby Health Centre"),
    HOSPITAL: ("Discharge team, Fenmere General Hospital", "Ward 7 (frailty), Fenmere General Hospital",
                        "Emergency department, Fenmere General Hospital"),
    PROVIDER: ("Fen Homecare, care coordinator", "Nightingale Sitting", "Lodeside Housing, warden"),
    OTHER: ("Police (welfare check)", "Fire service home safety visit", "Housing officer", "Neighbour"),
}
TAILS = ("", "", "", " I don't want to be a nuisance.", " Please ring after 10.", " My daughter said to get in touch.",
         " I'd rather not have strangers in the house.", " Thank you.", " It's getting urgent now.")
EVENT_COLUMNS = ("id", "contact_id", "kind", "at", "user_id", "detail")


@dataclass
class Subject:
    """The person a contact is about, as the front door knows them (person_id None: they gave no details)."""

    person_id: int | None
    full_name: str
    called: str  # what a relative calls them on the phone: "Mum", "my husband", "Mr Kowalski"
    phone: str
    postcode: str
    town: str
    team: int
    needs: Pick  # of keys of talk.NEEDS
    what_matters: str = ""
    limited_english: bool = False
    family: list[str] = field(default_factory=list)
    female: bool = False


@dataclass
class Staff:
    user_id: int
    name: str
    weight: float
    practitioner: bool = False


class ContactFactory:
    def __init__(self, rng: Random, writer: Writer, now: datetime, months: int, teams: list[int],
                 staff: list[list[Staff]], recent_share: float = 0.0):
        self.rng, self.writer, self.now = rng, writer, now
        self.days = max(1, round(months * 30.44))
        self.start = now - timedelta(days=self.days)
        self.teams, self.staff = teams, [Pick(people, [s.weight for s in people]) for people in staff]
        self.recent_share = recent_share
        self.labels = {o.value: o.label for o in Outcome}
        self.channel_labels = {c.value: c.label for c in Channel}
        self.raised_labels = {r.value: r.label.lower() for r in RaisedBy}
        self.services: dict[tuple[str, str], list[str]] = {}
        self.rows: list[tuple[type, dict | tuple]] = []
        # Events are most of the rows: write them as tuples when the model's columns are the ones we know.
        self.events_as_tuples = writer.columns[ContactEvent] == EVENT_COLUMNS

    # -- one contact ------------------------------------------------------------------------------------
    def add(self, subject: Subject) -> tuple[datetime, int | None]:
        """One contact about the subject, with its conversations and events; (received, handler id).

        The rows wait in `rows` until write_rows, so the person they belong to can be written first.
        """
        rng, now = self.rng, self.now
        channel = CHANNELS(rng)
        raised_by = RAISED_BY[channel](rng)
        if subject.person_id is None and raised_by not in (SELF, FAMILY):
            raised_by = SELF
        received = self._received(channel)
        need_key = subject.needs(rng)
        need = talk.NEEDS[need_key]
        handler = self.staff[subject.team](rng)
        contact_id = self.writer.new_id(Contact)
        row = {"id": contact_id, "team_id": self.teams[subject.team], "person_id": subject.person_id,
               "received_at": received, "channel": channel, "raised_by": raised_by,
               "postcode": subject.postcode, "in_their_words": self._words(subject, raised_by, need)}
        row.update(self._caller(subject, raised_by))
        taken_in_person = channel in (PHONE, DROP_IN)
        events = [(RECEIVED, received, handler if taken_in_person else None,
                   f"{self.channel_labels[channel]}, from {self.raised_labels[raised_by]}")]
        conversations = []
        if self._still_waiting(received):
            picked = taken_in_person or rng.random() < 0.4
            row["handled_by_id"] = handler.user_id if picked else None
            if picked and not taken_in_person:
                events.append((PICKED_UP, received + timedelta(minutes=20), handler, ""))
            self._keep(row, conversations, events)
            return received, row["handled_by_id"]
        row["handled_by_id"] = handler.user_id
        spoken = self._first_spoken(channel, received)
        if not taken_in_person:
            events.append((PICKED_UP, min(spoken, received + timedelta(minutes=rng.randrange(5, 90))), handler, ""))
        if spoken <= now:
            row["first_spoken_at"] = spoken
            events.append((SPOKEN, spoken, handler, ""))
            held = spoken + timedelta(minutes=rng.randrange(8, 45))
            if rng.random() < 0.14:  # needed to find something out first: talked it through the next day
                held = clock.next_working(held + timedelta(days=1), rng)
            if held <= now:
                outcomes = ANONYMOUS_OUTCOMES if subject.person_id is None else FIRST_OUTCOMES
                conversations.append(self._conversation(subject, need, need_key, handler, held, outcomes, row))
                if row["outcome"] == FOLLOW_UP:
                    again = clock.office_time(row["follow_up_on"], rng)
                    if again <= now:
                        conversations.append(
                            self._conversation(subject, need, need_key, handler, again, SECOND_OUTCOMES, row))
        for conversation in conversations:
            events.append((CONVERSATION, conversation["held_at"], handler, self.labels[conversation["outcome"]]))
        if conversations and row["outcome"] != FOLLOW_UP:
            resolved = conversations[-1]["held_at"]
            row["resolved_at"] = resolved
            events.append((CLOSED, resolved, handler, self.labels[row["outcome"]]))
        self._keep(row, conversations, events)
        return received, handler.user_id

    # -- the parts --------------------------------------------------------------------------------------
    def _received(self, channel: str) -> datetime:
        rng = self.rng
        if self.recent_share and rng.random() < self.recent_share:
            offset = rng.random() * 5
        else:
            offset = rng.random() * self.days
        day = (self.now - timedelta(days=offset)).date()
        if channel == DROP_IN:
            moment = clock.drop_in_time(clock.weekday_near(day, rng), rng)
        elif channel in (PHONE, REFERRAL):
            moment = clock.office_time(clock.weekday_near(day, rng), rng)
        else:
            moment = clock.any_time(day, rng)
        if moment > self.now:
            moment = self.now - timedelta(minutes=rng.randrange(5, 300))
        return max(moment, self.start)

    def _still_waiting(self, received: datetime) -> bool:
        """Recent contacts nobody has got to yet: the worklist's open items."""
        age = (self.now - received).total_seconds() / 86400
        chance = 0.5 if age < 1 else 0.3 if age < 2 else 0.12 if age < 4 else 0.0
        return self.rng.random() < chance

    def _first_spoken(self, channel: str, received: datetime) -> datetime:
        rng = self.rng
        if channel == DROP_IN or (channel == PHONE and rng.random() < 0.7):
            return received + timedelta(minutes=rng.randrange(0, 12))
        if channel == PHONE:
            delay = rng.uniform(0.3, 5)
        elif channel == REFERRAL:
            delay = rng.uniform(1, 50)
        else:
            delay = rng.uniform(0.5, 20)
        return clock.next_working(received + timedelta(hours=delay), rng)

    def _caller(self, subject: Subject, raised_by: str) -> dict:
        rng = self.rng
        if raised_by == SELF:
            return {"caller_name": subject.full_name if subject.person_id else rng.choice(("", "Jean", "Mr Fisher")),
                    "caller_phone": subject.phone}
        if raised_by == FAMILY:
            name = rng.choice(subject.family) if subject.family else "Did not give a name"
            return {"caller_name": name, "caller_phone": f"07700 900{rng.randrange(1000):03d}",
                    "about_name": subject.full_name}
        return {"caller_name": rng.choice(REFERRERS[raised_by]), "caller_phone": f"01632 960{rng.randrange(1000):03d}",
                "about_name": subject.full_name}

    def _words(self, subject: Subject, raised_by: str, need: talk.Need) -> str:
        rng = self.rng
        if raised_by == SELF:
            # The speaker's partner: most often of the other sex, in this population.
            words = rng.choice(need.self_words).format(partner="husband" if subject.female else "wife")
            words += rng.choice(TAILS)
            if subject.limited_english and rng.random() < 0.6:
                words += " (Through my son - my English is not so good.)"
            return words
        if raised_by == FAMILY:
            she = subject.female
            words = rng.choice(need.family_words).format(
                who=subject.called, they="she" if she else "he", them="her" if she else "him",
                their="her" if she else "his", partner="husband" if she else "wife")
            return words[0].upper() + words[1:] + rng.choice(TAILS[:4])
        return f"About {subject.full_name}: {rng.choice(need.referral_words)}"

    def _conversation(self, subject, need, need_key, handler, held, outcomes, row) -> dict:
        rng = self.rng
        outcome = outcomes(rng)
        if need_key == "discharge" and (outcome in (INFORMATION, ADVICE)) and rng.random() < 0.3:
            outcome = CRISIS
        conversation = {
            "id": self.writer.new_id(Conversation), "contact_id": row["id"], "person_id": subject.person_id,
            "held_at": held, "held_by_id": handler.user_id, "outcome": outcome,
            "what_matters": subject.what_matters or "They wanted to know what help there is nearby",
            "working_well": rng.choice(talk.WORKING_WELL), "not_working": rng.choice(need.not_working),
            "strengths_and_network": rng.choice(talk.STRENGTHS_AND_NETWORK), "ideas_tried": rng.choice(need.ideas),
        }
        if outcome == CONNECTION:
            conversation["connected_to"] = "; ".join(self._services(need.term, subject.town))
            conversation["outcome_notes"] = "Put in touch; they were happy to give it a go"
        elif outcome in (INFORMATION, ADVICE):
            conversation["outcome_notes"] = rng.choice(talk.ADVICE_NOTES)
        elif outcome == CRISIS:
            conversation["outcome_notes"] = rng.choice(talk.CRISIS_NOTES)
        elif outcome == ONGOING:
            conversation["outcome_notes"] = rng.choice(talk.ONGOING_NOTES)
        elif outcome == NO_FURTHER_ACTION:
            conversation["no_further_action_reason"] = rng.choice(talk.NO_FURTHER_ACTION)
        row["outcome"] = outcome
        row["follow_up_on"] = None
        if outcome == FOLLOW_UP:
            follow_up_on = clock.working_days_after(held.date(), rng.randrange(2, 10))
            conversation["follow_up_on"] = row["follow_up_on"] = follow_up_on
            conversation["outcome_notes"] = "Ringing back once they have talked it over with the family"
        return conversation

    def _services(self, term: str, town: str) -> list[str]:
        key = (term, town)
        if key not in self.services:
            self.services[key] = services_near(term, town) or services_near("info", town)
        found = self.services[key]
        return self.rng.sample(found, min(len(found), self.rng.choice((1, 1, 2))))

    def _keep(self, row: dict, conversations: list[dict], events: list[tuple]) -> None:
        rows = self.rows
        rows.append((Contact, row))
        for conversation in conversations:
            rows.append((Conversation, conversation))
        new_id, contact_id = self.writer.new_id, row["id"]
        for kind, at, staff, detail in events:
            if staff is None:
                rows.append((ContactEvent, (new_id(ContactEvent), contact_id, kind, at, None, detail)))
            else:
                detail = detail or (f"by {staff.name}" if kind == PICKED_UP else "")
                rows.append((ContactEvent, (new_id(ContactEvent), contact_id, kind, at, staff.user_id, detail)))

    def write_rows(self) -> None:
        """Hand the kept rows to the writer (after the people they are about)."""
        writer = self.writer
        for model, row in self.rows:
            if model is not ContactEvent:
                writer.add(model, row)
            elif self.events_as_tuples:
                writer.add_tuple(model, row)
            else:
                writer.add(model, dict(zip(EVENT_COLUMNS, row, strict=True)))
        self.rows = []
