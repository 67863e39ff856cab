from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "kithkin.people"
    label = "people"
