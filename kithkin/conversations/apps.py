from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "kithkin.conversations"
    label = "conversations"
