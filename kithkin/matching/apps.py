from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "kithkin.matching"
    label = "matching"
    verbose_name = "Carers, matching and rosters"
