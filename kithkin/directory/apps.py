from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "kithkin.directory"
    label = "directory"
    verbose_name = "Community directory"
