"""The starting weights, so the admin shows every indicator for the council to change."""

from django.db import migrations

DEFAULTS = {"lives_alone": 2, "carer_own_condition": 3, "dementia": 3, "recent_falls": 3, "recent_bereavement": 2,
            "frailty": 2, "recent_hospital_stay": 3, "carer_over_80": 2}


def add(apps, schema_editor):
    RiskWeight = apps.get_model("prevention", "RiskWeight")
    for indicator, weight in DEFAULTS.items():
        RiskWeight.objects.get_or_create(indicator=indicator, defaults={"weight": weight})


class Migration(migrations.Migration):
    dependencies = [("prevention", "0003_risk_indicators")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
