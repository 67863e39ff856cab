"""Background work for prevention, run by the django-tasks worker."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def email_notification(notification_id: int) -> int:
    """The notification's words and a link; nothing else about the person goes by email."""
    from kithkin.prevention.models import Notification

    note = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if note is None or not note.user.email:
        return 0
    return send_mail(subject=f"{settings.SITE_NAME}: {note.text[:80]}",
                     message=f"{note.text}\n\nOpen it in {settings.SITE_NAME}: {note.url}",
                     from_email=None, recipient_list=[note.user.email])
