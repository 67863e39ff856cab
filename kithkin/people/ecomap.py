"""The circle of support as a picture: an ecomap in SVG, with the same facts as text.

The person sits in the middle; closer people sit on inner rings, and everyone is spread
evenly round the person. Shapes and line styles (not colour alone) mark the kind of
connection, and the SVG has a title and description for screen readers; the page also
shows the circle as a table, which is the text equivalent.
"""

import math
from dataclasses import dataclass

from kithkin.people.models import CircleMember, Closeness, Connection

SIZE = 480
CENTRE = SIZE / 2
RING_RADIUS = {Closeness.CLOSE: 95, Closeness.IN_TOUCH: 160, Closeness.AROUND: 215}
# Connection kinds share three line styles so the picture reads without colour.
STYLE = {
    Connection.FAMILY: ("kk-eco--family", ""),
    Connection.FRIEND: ("kk-eco--friend", ""),
    Connection.NEIGHBOUR: ("kk-eco--neighbour", ""),
    Connection.PROFESSIONAL: ("kk-eco--professional", "6 4"),
    Connection.PERSONAL_ASSISTANT: ("kk-eco--professional", "6 4"),
    Connection.COMMUNITY_GROUP: ("kk-eco--community", "2 3"),
    Connection.OTHER: ("kk-eco--other", "2 3"),
}


@dataclass
class Node:
    member: CircleMember
    x: float
    y: float
    css: str
    dash: str

    @property
    def label(self) -> str:
        name = self.member.name if len(self.member.name) <= 18 else self.member.name[:17] + "…"
        return name

    @property
    def label_y(self) -> float:
        return self.y + (30 if self.y >= CENTRE else -22)


def layout(members: list[CircleMember]) -> list[Node]:
    """Spread everyone evenly round the person (so no ring bunches up), each at their ring's distance."""
    ordered = sorted(members, key=lambda m: (m.closeness, m.connection, m.name))
    nodes = []
    for i, member in enumerate(ordered):
        angle = math.radians(-90 + 360 * i / max(1, len(ordered)))
        radius = RING_RADIUS.get(member.closeness, RING_RADIUS[Closeness.AROUND])
        css, dash = STYLE.get(member.connection, STYLE[Connection.OTHER])
        nodes.append(Node(member, CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle), css, dash))
    return nodes


def description(person_name: str, members: list[CircleMember]) -> str:
    if not members:
        return f"{person_name}'s circle of support has no one recorded yet."
    parts = [f"{m.name}, {m.relationship or m.get_connection_display().lower()}, {m.get_closeness_display().lower()}"
             + (", gives unpaid care" if m.is_unpaid_carer else "") for m in members]
    return f"{person_name}'s circle of support: " + "; ".join(parts) + "."


def ecomap(person, members=None) -> dict:
    """The drawing's data; pass the circle when the page has already read it."""
    members = list(person.circle.all()) if members is None else members
    return {
        "size": SIZE,
        "centre": CENTRE,
        "rings": list(RING_RADIUS.values()),
        "nodes": layout(members),
        "title": f"Circle of support for {person.known_as}",
        "description": description(person.known_as, members),
    }
