from django.apps import AppConfig


class RosteringConfig(AppConfig):
    name = "kithkin.rostering"
    label = "rostering"
    verbose_name = "Carers, matching and rosters"
