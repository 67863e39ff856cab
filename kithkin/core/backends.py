"""Sign-in backend: Django's, but the user comes with their team, which nearly every staff page shows."""

from django.contrib.auth.backends import ModelBackend


class KithkinBackend(ModelBackend):
    def get_user(self, user_id):
        from kithkin.core.models import User

        user = User._default_manager.select_related("team").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
