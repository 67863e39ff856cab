"""Which team's worklist a contact lands on."""

from kithkin.core.models import Team


def team_for_postcode(postcode: str) -> Team | None:
    """The team serving the postcode's district; otherwise the first team, so nothing is ever dropped."""
    outward = (postcode or "").split(" ")[0].upper()
    if outward:
        for team in Team.objects.exclude(outward_codes=""):
            if outward in team.outward_codes.upper().split():
                return team
    return Team.objects.order_by("pk").first()
