from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kithkin.demo"
    label = "demo"
