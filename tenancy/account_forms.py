"""allauth's sign-in forms with the product's words (settings ``ACCOUNT_FORMS`` and
``MFA_FORMS``): visible labels instead of placeholders, "E-postadress" for the e-mail
field, "tvåstegsverifiering" for the second factor, and no "Glömt lösenordet?" inside a
field's help (the login page has the one link, below the form)."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.utils.translation import gettext_lazy as _

EMAIL = _("E-postadress")
PASSWORD = _("Lösenord")
NEW_PASSWORD = _("Nytt lösenord")
NEW_PASSWORD_AGAIN = _("Nytt lösenord en gång till")
CODE = _("Kod för tvåstegsverifiering")
CODE_HELP = _("Sex siffror från autentiseringsappen, eller en av dina reservkoder.")


def plain_fields(form: forms.Form, labels: dict[str, Any], help_texts: dict[str, Any]) -> None:
    """Our labels and help texts; no placeholder repeats the label."""
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        if name in labels:
            field.label = labels[name]
        if name in help_texts:
            field.help_text = help_texts[name]


class LoginForm(account_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_fields(self, {"login": EMAIL, "password": PASSWORD}, {"password": ""})
        self.fields.pop("remember", None)


class ReauthenticateForm(account_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_fields(self, {"password": PASSWORD}, {"password": ""})


class ResetPasswordForm(account_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_fields(self, {"email": EMAIL}, {})


class ResetPasswordKeyForm(account_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_fields(self, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN}, {})


class ChangePasswordForm(account_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_fields(
            self,
            {
                "oldpassword": _("Nuvarande lösenord"),
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD_AGAIN,
            },
            {"oldpassword": ""},
        )


class AuthenticateForm(mfa_forms.AuthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_fields(self, {"code": CODE}, {"code": CODE_HELP})


class MfaReauthenticateForm(mfa_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_fields(self, {"code": CODE}, {"code": CODE_HELP})


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_fields(
            self,
            {"code": _("Kod från autentiseringsappen")},
            {"code": _("Sex siffror som appen visar just nu.")},
        )
