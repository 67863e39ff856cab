"""Turn Django forms into the parameters GOV.UK Frontend's macros expect.

Templates call `field_params(form["name"])` and hand the result to the matching
govuk macro, so every form gets GOV.UK labels, hints, error messages and the error
summary without repeating markup.
"""

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError


def _label(bound_field) -> str:
    label = str(bound_field.label)
    return label if bound_field.field.required else f"{label} (optional)"


# Django's own messages ("This field is required.", "Enter a valid time.") do not say which field, which matters
# on a form with 28 times on it. Ours, by the error's code, with the field's label (GOV.UK's error message style).
PLAIN = {
    "required": "Enter {label}",
    "invalid_time": "{Label} must be a time, like 09:30",
    "invalid_int": "{Label} must be a whole number, like 2",
    "invalid_number": "{Label} must be a number",
    "max_value": "{Label} must be {limit_value} or less",
    "min_value": "{Label} must be {limit_value} or more",
    "max_length": "{Label} must be {limit_value} characters or fewer",
    "invalid_choice": "Choose {label} from the options given",
    "invalid_list": "Choose {label} from the options given",
    "invalid_pk_value": "Choose {label} from the options given",
    "invalid_email": "Enter {label} in the right form, like name@example.com",
}
# A label that is a question ("How should we get back to you?") does not fit in a sentence: the answer does.
QUESTION = {
    "required": "Answer the question ‘{Label}’", "invalid_time": "The answer to ‘{Label}’ must be a time, like 09:30",
    "invalid_int": "The answer to ‘{Label}’ must be a whole number, like 2",
    "invalid_number": "The answer to ‘{Label}’ must be a number",
    "max_value": "The answer to ‘{Label}’ must be {limit_value} or less",
    "min_value": "The answer to ‘{Label}’ must be {limit_value} or more",
    "max_length": "The answer to ‘{Label}’ must be {limit_value} characters or fewer",
    "invalid_choice": "Choose one of the answers given to ‘{Label}’",
    "invalid_list": "Choose one of the answers given to ‘{Label}’",
    "invalid_pk_value": "Choose one of the answers given to ‘{Label}’",
    "invalid_email": "The answer to ‘{Label}’ must be an email address, like name@example.com",
}
PROPER = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "English", "NHS", "I"}
CHOOSE = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.CheckboxInput)


def plain_errors(bound_field) -> list[str]:
    """The field's errors, Django's standard ones in plain words that name the field."""
    label = str(bound_field.label or bound_field.name).rstrip(":")
    proper = label[1:2].isupper() or label.split(" ")[0].rstrip(":,") in PROPER  # DBS, Monday
    words = {"label": label if proper else label[:1].lower() + label[1:], "Label": label}
    messages = []
    for error in bound_field.form.errors.as_data().get(bound_field.name, []):
        code = error.code
        if code == "invalid":
            field = bound_field.field
            # DecimalField and FloatField are kinds of IntegerField in Django: ask for them first.
            code = ("invalid_time" if isinstance(field, forms.TimeField) else "invalid_email"
                    if isinstance(field, forms.EmailField) else "invalid_number"
                    if isinstance(field, forms.DecimalField | forms.FloatField) else "invalid_int"
                    if isinstance(field, forms.IntegerField) else code)
        template = (QUESTION if label.endswith("?") else PLAIN).get(code)
        if template and code == "required" and isinstance(bound_field.field.widget, CHOOSE):
            template = "Choose an answer to ‘{Label}’" if label.endswith("?") else "Choose {label}"
        if template and str(error.message) == str(_default_message(bound_field.field, error.code)):
            params = dict(error.params or {})
            if code == "max_value" and isinstance(params.get("limit_value"), int) and params["limit_value"] > 10**6:
                template = "{Label} is too large"  # the database's own limit: no use to anyone as a figure
            messages.append(template.format(**words, **params))
        else:
            messages.extend(str(m) for m in error)
    return messages


def _default_message(field, code: str):
    """Django's own message for `code` on this kind of field (not one a form set): only those are put in plain
    words, ours stay as written."""
    for cls in type(field).__mro__:
        own = cls.__dict__.get("default_error_messages", {})
        if code in own:
            return own[code]
    for validator in field.validators:
        if getattr(validator, "code", None) == code and type(validator).__module__.startswith("django."):
            return validator.message
    # A model field's own validators (a ModelForm checks them after the form's): Django's words for each code.
    return DJANGO_VALIDATORS.get(code)


DJANGO_VALIDATORS = {"max_value": validators.MaxValueValidator.message,
                     "min_value": validators.MinValueValidator.message,
                     "max_length": validators.MaxLengthValidator.message,
                     "invalid_pk_value": forms.ModelMultipleChoiceField.default_error_messages["invalid_pk_value"]}


def _error(bound_field):
    return {"text": " ".join(plain_errors(bound_field))} if bound_field.errors else None


def _choices(bound_field, selected):
    items = []
    for value, text in bound_field.field.choices:
        if value == "" and str(text) == "---------" and not isinstance(bound_field.field.widget, forms.Select):
            continue  # Django's blank choice means nothing as a radio; a named one ("No preference") stays
        chosen = str(value) in selected
        items.append({"value": value, "text": str(text), "checked": chosen, "selected": chosen})
    return items


def field_params(bound_field, **overrides) -> dict:
    """Parameters for the govuk macro named in `params["macro"]`."""
    widget = bound_field.field.widget
    if getattr(widget, "govuk_date", False):
        return date_params(bound_field, **overrides)
    value = bound_field.value()
    params = {
        "id": bound_field.auto_id,
        "name": bound_field.html_name,
        "label": {"text": _label(bound_field)},
        "hint": {"text": str(bound_field.help_text)} if bound_field.help_text else None,
        "errorMessage": _error(bound_field),
    }
    if isinstance(widget, forms.CheckboxInput):
        params.update(
            macro="checkboxes",
            idPrefix=bound_field.auto_id,
            fieldset=None,
            items=[{"value": "on", "text": str(bound_field.label), "checked": bool(value),
                    "hint": params["hint"]}],
        )
        params.pop("label")
        params["hint"] = None
    elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        selected = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None}
        params.update(
            # CheckboxSelectMultiple is a subclass of RadioSelect in Django: ask for it first.
            macro="checkboxes" if isinstance(widget, forms.CheckboxSelectMultiple) else "radios",
            idPrefix=bound_field.auto_id,
            fieldset={"legend": {"text": _label(bound_field), "classes": "govuk-fieldset__legend--s"}},
            items=_choices(bound_field, selected),
        )
        params.pop("label")
    elif isinstance(widget, forms.Select):
        params.update(macro="select", items=_choices(bound_field, {str(value) if value is not None else ""}))
    elif isinstance(widget, forms.Textarea):
        params.update(macro="textarea", value=value or "", rows=widget.attrs.get("rows", 4))
    else:
        if isinstance(widget, forms.DateInput | forms.TimeInput | forms.DateTimeInput) and value is not None:
            value = widget.format_value(value)  # 17:00, as it was typed, not 17:00:00
        params.update(
            macro="input",
            value="" if value is None else value,
            type=getattr(widget, "input_type", "text") if getattr(widget, "input_type", "") != "text" else None,
            autocomplete=widget.attrs.get("autocomplete"),
            inputmode=widget.attrs.get("inputmode"),
            spellcheck=widget.attrs.get("spellcheck"),
            classes=widget.attrs.get("class"),
        )
    params.update(overrides)
    return params


def error_summary_list(form) -> list[dict]:
    """The error summary's links: each error points at its field, as GOV.UK asks."""
    items = [{"text": str(e), "href": "#"} for e in form.non_field_errors()]
    for name in form.errors:
        if name == "__all__":
            continue
        bound = form[name]
        widget = bound.field.widget
        anchor = bound.auto_id
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput):
            anchor = bound.auto_id  # GOV.UK radios give the first input the bare id
        elif getattr(widget, "govuk_date", False):
            anchor = f"{bound.auto_id}_day"
        items.extend({"text": text, "href": f"#{anchor}"} for text in plain_errors(bound))
    return items


def date_params(bound_field, **overrides) -> dict:
    """Parameters for govukDateInput from one of our DateFields."""
    values = bound_field.field.widget.decompress(bound_field.value()) if not bound_field.form.is_bound else [
        bound_field.form.data.get(f"{bound_field.html_name}_{part}", "") for part in ("day", "month", "year")
    ]
    widths = {"day": 2, "month": 2, "year": 4}
    error = " ".join(str(e) for e in bound_field.errors)
    items = [
        {
            "id": f"{bound_field.auto_id}_{part}",
            "name": f"{bound_field.html_name}_{part}",
            "label": part.capitalize(),
            "value": "" if value is None else value,
            "classes": f"govuk-input--width-{widths[part]}" + (" govuk-input--error" if error else ""),
        }
        for part, value in zip(("day", "month", "year"), values, strict=True)
    ]
    params = {
        "macro": "date",
        "id": bound_field.auto_id,
        "items": items,
        "fieldset": {"legend": {"text": _label(bound_field), "classes": "govuk-fieldset__legend--s"}},
        "hint": {"text": str(bound_field.help_text)} if bound_field.help_text else None,
        "errorMessage": {"text": error} if error else None,
    }
    params.update(overrides)
    return params


def apply_errors(form, exc: ValidationError) -> None:
    """Put a domain ValidationError onto the form so the page shows it in the error summary."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
