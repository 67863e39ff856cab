"""The demo's teams and staff: one log-in per role, and a few more community agents per team."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from kithkin.core.models import Role, Team, User
from kithkin.demo.contacts import Staff
from kithkin.demo.places import TEAMS

# One password for every demo log-in: printed at the end of seed-demo, so never use it outside a demo.
DEMO_PASSWORD = "fenmere-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    team: int | None  # index into places.TEAMS


DEMO_USERS = (
    DemoUser("agent", "Amara", "Okafor", Role.COMMUNITY_AGENT, 0),
    DemoUser("practitioner", "Priya", "Shah", Role.PRACTITIONER, 0),
    DemoUser("manager", "Maria", "Santos", Role.TEAM_MANAGER, 0),
    DemoUser("commissioner", "Colin", "Webb", Role.COMMISSIONER, None),
    DemoUser("provider", "Pat", "Quince", Role.PROVIDER, None),
    DemoUser("gp", "Wickfield", "Surgery", Role.PARTNER, None),
    DemoUser("admin", "Ada", "Lovell", Role.ADMINISTRATOR, None),
    DemoUser("ben.turner", "Ben", "Turner", Role.COMMUNITY_AGENT, 0),
    DemoUser("jolanta.kowalska", "Jolanta", "Kowalska", Role.COMMUNITY_AGENT, 0),
    DemoUser("grace.adeyemi", "Grace", "Adeyemi", Role.TEAM_MANAGER, 1),
    DemoUser("hannah.pegg", "Hannah", "Pegg", Role.COMMUNITY_AGENT, 1),
    DemoUser("joao.silva", "João", "Silva", Role.COMMUNITY_AGENT, 1),
    DemoUser("ruth.boswell", "Ruth", "Boswell", Role.TEAM_MANAGER, 2),
    DemoUser("dan.fenn", "Dan", "Fenn", Role.COMMUNITY_AGENT, 2),
    DemoUser("ioana.popa", "Ioana", "Popa", Role.COMMUNITY_AGENT, 2),
)
# How much of a team's front door each role handles.
HANDLER_WEIGHTS = {Role.COMMUNITY_AGENT: 3.0, Role.PRACTITIONER: 1.0, Role.TEAM_MANAGER: 0.4}


def ensure_teams() -> list[Team]:
    teams = []
    for name, area, codes in TEAMS:
        team, _ = Team.objects.update_or_create(name=name, defaults={"area": area, "outward_codes": codes})
        teams.append(team)
    return teams


def ensure_staff(teams: list[Team]) -> list[User]:
    """Create the demo log-ins that are missing; existing accounts keep their passwords."""
    password = make_password(DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose
    users = []
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(username=demo.username, defaults={
            "first_name": demo.first_name, "last_name": demo.last_name, "role": demo.role,
            "team": teams[demo.team] if demo.team is not None else None, "password": password,
            "email": f"{demo.username}@fenmere.example.org",
            "is_staff": demo.role == Role.ADMINISTRATOR, "is_superuser": demo.role == Role.ADMINISTRATOR,
        })
        users.append(user)
    return users


def handlers(teams: list[Team], users: list[User]) -> list[list[Staff]]:
    """For each team, the staff who take its contacts, weighted by how much of the front door they do."""
    by_team = []
    for team in teams:
        staff = [Staff(u.pk, u.display_name, HANDLER_WEIGHTS[u.role], u.role == Role.PRACTITIONER)
                 for u in users if u.team_id == team.pk and u.role in HANDLER_WEIGHTS]
        if not staff:
            raise ValueError(f"The demo team {team.name} has nobody to take its contacts")
        by_team.append(staff)
    return by_team


def log_ins() -> list[tuple[str, str, str, str]]:
    """(username, role, team, password) for each demo log-in that exists."""
    users = {u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS])
             .select_related("team")}
    rows = []
    for demo in DEMO_USERS:
        user = users.get(demo.username)
        if user is not None:
            rows.append((user.username, user.get_role_display(), user.team.name if user.team else "-", DEMO_PASSWORD))
    return rows


def log_in_table(rows: list[tuple[str, str, str, str]]) -> str:
    header = ("Username", "Role", "Team", "Password")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
