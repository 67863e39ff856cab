from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "kithkin.prevention"
    label = "prevention"
    verbose_name = "Early identification and crisis"
