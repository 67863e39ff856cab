"""Forms for the front door: taking a contact, the conversation, and the public 'Talk to us' form."""

from django import forms

from kithkin.conversations.models import Channel, Contact, Conversation, Outcome, RaisedBy
from kithkin.core.fields import DateField
from kithkin.core.validators import normalise_phone, normalise_postcode

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class ContactForm(forms.ModelForm):
    postcode = forms.CharField(label="Postcode of the person it is about", max_length=20, required=False,
                               widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))

    class Meta:
        model = Contact
        fields = ["channel", "raised_by", "caller_name", "caller_phone", "caller_email", "about_name",
                  "postcode", "in_their_words"]
        labels = {
            "channel": "How did they get in touch?",
            "raised_by": "Who got in touch?",
            "caller_name": "Their name",
            "caller_phone": "Their phone number",
            "caller_email": "Their email address",
            "about_name": "Who is it about, if not them?",
            "postcode": "Postcode of the person it is about",
            "in_their_words": "What they said, in their words",
        }
        error_messages = {
            "channel": {"required": "Select how they got in touch"},
            "raised_by": {"required": "Select who got in touch"},
            "in_their_words": {"required": "Write down what they said, in their words"},
        }
        widgets = {
            "channel": forms.RadioSelect, "raised_by": forms.RadioSelect, "in_their_words": TEXTAREA,
        }

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        return normalise_postcode(value) if value.strip() else ""

    def clean_caller_phone(self):
        return normalise_phone(self.cleaned_data.get("caller_phone", ""))


class ConversationForm(forms.ModelForm):
    follow_up_on = DateField(label="Date of the follow-up conversation", required=False,
                             help_text="Only if a follow-up is booked. For example, 27 3 2027")

    class Meta:
        model = Conversation
        fields = ["what_matters", "working_well", "not_working", "strengths_and_network", "ideas_tried",
                  "outcome", "connected_to", "follow_up_on", "no_further_action_reason", "outcome_notes"]
        labels = {
            "what_matters": "What matters to them?",
            "working_well": "What is working well?",
            "not_working": "What is not working?",
            "strengths_and_network": "Their strengths, and the people and places around them",
            "ideas_tried": "Ideas talked about or already tried",
            "outcome": "What happens next?",
            "connected_to": "Who or what did you connect them to?",
            "no_further_action_reason": "Reason for no further action",
            "outcome_notes": "Anything else to note",
        }
        help_texts = {"connected_to": "Needed if you connected them, for example: Wickfield Good Neighbours"}
        error_messages = {
            "what_matters": {"required": "Write down what matters to them"},
            "outcome": {"required": "Select what happens next"},
        }
        widgets = {name: TEXTAREA for name in ["what_matters", "working_well", "not_working",
                                               "strengths_and_network", "ideas_tried", "connected_to",
                                               "no_further_action_reason", "outcome_notes"]}
        widgets["outcome"] = forms.RadioSelect


class TalkToUsForm(forms.Form):
    """The public form: no login, plain words, as little as we need to call back."""

    ABOUT = [("me", "Me"), ("someone_else", "Someone I know or care for")]
    REPLY = [("phone", "Phone"), ("email", "Email")]

    about = forms.ChoiceField(label="Who is this about?", choices=ABOUT, widget=forms.RadioSelect,
                              error_messages={"required": "Select who this is about"})
    your_name = forms.CharField(label="Your name", max_length=200,
                                error_messages={"required": "Enter your name"},
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    their_name = forms.CharField(label="Their name", max_length=200, required=False,
                                 help_text="If it is about someone else")
    postcode = forms.CharField(label="Postcode", max_length=20, required=False,
                               help_text="Where the person it is about lives. This helps us find support near them",
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code",
                                                             "class": "govuk-input--width-10"}))
    what_is_happening = forms.CharField(
        label="What is happening, and what matters to you?", max_length=5000,
        help_text="In your own words. You do not need to use any special terms",
        error_messages={"required": "Tell us a little about what is happening"}, widget=TEXTAREA)
    reply_by = forms.ChoiceField(label="How should we get back to you?", choices=REPLY, widget=forms.RadioSelect,
                                 error_messages={"required": "Select how we should get back to you"})
    phone = forms.CharField(label="Phone number", max_length=30, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))
    email = forms.EmailField(label="Email address", required=False,
                             error_messages={"invalid": "Enter an email address like name@example.com"},
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        return normalise_postcode(value) if value.strip() else ""

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        if data.get("reply_by") == "phone" and not data.get("phone"):
            self.add_error("phone", "Enter a phone number so we can call you back")
        if data.get("reply_by") == "email" and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter an email address so we can reply")
        if data.get("about") == "someone_else" and not data.get("their_name", "").strip():
            self.add_error("their_name", "Enter the name of the person it is about")
        return data

    def contact_data(self) -> dict:
        data = self.cleaned_data
        return {
            "channel": Channel.ONLINE,
            "raised_by": RaisedBy.SELF if data["about"] == "me" else RaisedBy.FAMILY,
            "caller_name": data["your_name"],
            "caller_phone": data.get("phone", ""),
            "caller_email": data.get("email", ""),
            "about_name": data.get("their_name", "") if data["about"] == "someone_else" else "",
            "postcode": data.get("postcode", ""),
            "in_their_words": data["what_is_happening"],
        }


OUTCOME_CHOICES = Outcome.choices
