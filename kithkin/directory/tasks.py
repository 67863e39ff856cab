"""Background work for the directory, run by the django-tasks worker."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def email_saved_list(address: str, subject: str, body: str) -> int:
    """The person's saved list, sent to the address they gave. We keep neither."""
    return send_mail(subject=subject, message=body, from_email=None, recipient_list=[address])
