"""Background work for prevention, run by the django-tasks worker."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def email_notification(notification_id: int, words: str = "") -> int:
    """Words that do not say who the person is, and a link: the rest is behind the log-in."""
    from kithkin.prevention.models import Notification

    note = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if note is None or not note.user.email:
        return 0
    words = words or "Something needs you"
    return send_mail(subject=f"{settings.SITE_NAME}: {words[:80]}",
                     message=f"{words}.\n\nOpen it in {settings.SITE_NAME}: {settings.SITE_URL}{note.url}",
                     from_email=None, recipient_list=[note.user.email])
