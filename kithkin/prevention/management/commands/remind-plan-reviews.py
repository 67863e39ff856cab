"""Run daily (cron): tell each contingency plan's named worker, once, that the plan is due a review."""

from django.core.management.base import BaseCommand

from kithkin.prevention.reviews import remind_reviews


class Command(BaseCommand):
    help = "Tell named workers about contingency plans due to be looked at again (run once a day)."

    def handle(self, *args, **options):
        told = remind_reviews()
        self.stdout.write(f"Reminded named workers about {told:,} plan{'' if told == 1 else 's'} due for review.")
