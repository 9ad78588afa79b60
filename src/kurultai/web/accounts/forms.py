"""Sign-up (a username, a name as the member wants it shown, and a password; nothing else) and
log-in, which pauses for an account after too many wrong passwords (throttle.py)."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kurultai.web.accounts import throttle


class SignupForm(UserCreationForm):
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150, required=False)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name")


class _Paused:
    """Refuses log-in to an account while throttle.py pauses it, and counts wrong passwords."""

    def clean(self):
        username = self.cleaned_data.get("username", "")
        if throttle.paused(username):
            raise ValidationError(
                _("Too many wrong passwords for this account: log-in to it is paused for up to "
                  "%(minutes)s minutes. Your sessions elsewhere stay open."),
                code="paused", params={"minutes": int(throttle.WINDOW.total_seconds() // 60)})
        try:
            cleaned = super().clean()
        except ValidationError:
            if self.user_cache is None:  # a wrong password, not an inactive or non-staff account
                throttle.failed(username)
            raise
        throttle.succeeded(username)
        return cleaned


class LoginForm(_Paused, AuthenticationForm):
    pass


class AdminLoginForm(_Paused, AdminAuthenticationForm):
    """The admin's log-in, which checks the same passwords and so counts against the same pause."""
