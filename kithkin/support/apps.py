from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "kithkin.support"
    label = "support"
