"""Django's standard form errors say which field, in plain words; a form's own messages stay as written."""

from django import forms

from kithkin.core.forms_govuk import error_summary_list, plain_errors


class AvailabilityForm(forms.Form):
    starts = forms.TimeField(label="Monday: from")
    rooms = forms.IntegerField(label="Rooms for people", max_value=9)
    name = forms.CharField(label="Name", max_length=5)
    travel = forms.ChoiceField(label="How they travel", choices=[("car", "Car")], widget=forms.RadioSelect)
    phone = forms.CharField(label="Phone", error_messages={"required": "Enter a phone number they can be called on"})
    hours = forms.DecimalField(label="Hours a week", required=False)
    email = forms.EmailField(label="Email", required=False)
    days = forms.MultipleChoiceField(label="Days", choices=[("mon", "Monday")], required=False)
    miles = forms.FloatField(label="Miles", required=False)


def errors_of(data) -> dict[str, list[str]]:
    form = AvailabilityForm(data)
    form.is_valid()
    return {name: plain_errors(form[name]) for name in form.errors}


def test_standard_errors_name_the_field():
    assert errors_of({"starts": "25:99", "rooms": "12", "name": "Bartholomew", "travel": "bus", "phone": "1"}) == {
        "starts": ["Monday: from must be a time, like 09:30"],
        "rooms": ["Rooms for people must be 9 or less"],
        "name": ["Name must be 5 characters or fewer"],
        "travel": ["Choose how they travel from the options given"],
    }


def test_a_missing_answer_says_enter_or_choose_and_a_forms_own_message_is_kept():
    errors = errors_of({"rooms": "two"})
    assert errors["starts"] == ["Enter Monday: from"] and errors["name"] == ["Enter name"]
    assert errors["rooms"] == ["Rooms for people must be a whole number, like 2"]
    assert errors["travel"] == ["Choose how they travel"]
    assert errors["phone"] == ["Enter a phone number they can be called on"]


def test_an_email_and_a_list_say_what_is_wanted():
    form = AvailabilityForm({"email": "not an address", "days": "mon"})
    form.is_valid()
    assert plain_errors(form["email"]) == ["Enter email in the right form, like name@example.com"]
    assert plain_errors(form["days"]) == ["Choose days from the options given"]


def test_a_decimal_or_a_float_is_a_number_not_a_whole_number():
    errors = errors_of({"hours": "abc", "miles": "far"})
    assert errors["hours"] == ["Hours a week must be a number"] and errors["miles"] == ["Miles must be a number"]


class QuestionForm(forms.Form):
    story = forms.CharField(label="What is happening, and what matters to you?", max_length=10)
    reply = forms.ChoiceField(label="How should we get back to you?", choices=[("phone", "Phone")],
                              widget=forms.RadioSelect)


def test_a_label_that_is_a_question_is_answered_not_quoted():
    form = QuestionForm({"story": "a long story indeed", "reply": "pigeon"})
    form.is_valid()
    assert plain_errors(form["story"]) == [
        "The answer to ‘What is happening, and what matters to you?’ must be 10 characters or fewer"]
    assert plain_errors(form["reply"]) == ["Choose one of the answers given to ‘How should we get back to you?’"]
    form = QuestionForm({})
    form.is_valid()
    assert plain_errors(form["story"]) == ["Answer the question ‘What is happening, and what matters to you?’"]
    assert plain_errors(form["reply"]) == ["Choose an answer to ‘How should we get back to you?’"]


def test_the_error_summary_says_the_same():
    form = AvailabilityForm({"rooms": "two"})
    form.is_valid()
    assert {"text": "Rooms for people must be a whole number, like 2", "href": "#id_rooms"} in error_summary_list(form)
