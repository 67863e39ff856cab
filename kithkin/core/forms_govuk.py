"""Turn Django forms into the parameters GOV.UK Frontend's macros expect.

Templates call `field_params(form["name"])` and hand the result to the matching
govuk macro, so every form gets GOV.UK labels, hints, error messages and the error
summary without repeating markup.
"""

from django import forms
from django.core.exceptions import ValidationError


def _label(bound_field) -> str:
    label = str(bound_field.label)
    return label if bound_field.field.required else f"{label} (optional)"


def _error(bound_field):
    return {"text": " ".join(str(e) for e in bound_field.errors)} if bound_field.errors else None


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
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        bound = form[name]
        widget = bound.field.widget
        anchor = bound.auto_id
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput):
            anchor = bound.auto_id  # GOV.UK radios give the first input the bare id
        elif getattr(widget, "govuk_date", False):
            anchor = f"{bound.auto_id}_day"
        items.extend({"text": str(e), "href": f"#{anchor}"} for e in errors)
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
