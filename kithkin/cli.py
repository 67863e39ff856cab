"""The `kithkin` command: Django's management commands with Kithkin's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kithkin.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A missing setting is the operator's to fix, not a crash: one line saying what to set.
        sys.exit(f"kithkin: {error}")


if __name__ == "__main__":
    main()
