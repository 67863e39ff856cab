"""Form fields shaped like the GOV.UK Design System's patterns."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from kithkin.core.validators import record_id

# Nobody we support, and nothing we record, is from before this: older years are typing mistakes.
EARLIEST_YEAR = 1900


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input pattern)."""

    govuk_date = True

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric"}
        super().__init__({"day": forms.TextInput(numeric), "month": forms.TextInput(numeric),
                          "year": forms.TextInput(numeric)}, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """`example`: a date like the ones the field takes, for its error messages (a birthday for a date of birth, a
    recent day for a check); by default the one in its hint ("For example, 14 3 2025")."""

    widget = DateInputWidget

    def __init__(self, *, past_only: bool = False, example: str = "", **kwargs):
        self.past_only = past_only
        found = re.search(r"for example,? ([\d ]+)$", kwargs.get("help_text", ""), re.IGNORECASE)
        example = example or (found.group(1) if found else "")
        example = f", for example {example}" if example else ": the day, month and year as numbers"
        messages = {"incomplete": f"Enter a full date{example}", "invalid": f"Enter a real date{example}"}
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        part = {"required": False, "error_messages": {"invalid": kwargs["error_messages"]["invalid"]}}
        fields = (forms.IntegerField(**part), forms.IntegerField(**part), forms.IntegerField(**part))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or all(v in (None, "") for v in data_list):
            return None
        if any(v in (None, "") for v in data_list):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = data_list
        if year < 1000 or year > 9999:
            raise ValidationError("Year must include 4 numbers", code="invalid")
        if year < EARLIEST_YEAR:
            raise ValidationError(f"Enter a year from {EARLIEST_YEAR} on", code="invalid")
        try:
            value = date(year, month, day)
        except (ValueError, OverflowError) as exc:  # 31 February, or a day of 30 digits
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if self.past_only and value > date.today():
            raise ValidationError("The date must be today or in the past", code="future")
        return value


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Records chosen by ticking boxes. What the browser sends is checked to be record numbers before the database
    sees it (a number of 30 digits overflows the database's integers; Django would echo 5,000 characters back)."""

    def _check_values(self, value):
        if any(record_id(v) is None for v in value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": ""})
        return super()._check_values(value)
