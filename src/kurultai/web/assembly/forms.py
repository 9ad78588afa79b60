"""Forms of the assembly: a session, a motion, a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea)
    opens_at = forms.DateTimeField(label=_("Opens"),
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text of the motion"), widget=forms.Textarea)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your contribution to the debate"), widget=forms.Textarea,
                           max_length=4000)
