from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin

from .address import clean_phone, clean_postcode
from .models import Brand, Organisation, User
from .selectors import email_taken
from .services import (
    ORGANISATION_DATA_FIELDS,
    ORGANISATION_EDITABLE_FIELDS,
    VERIFIED_FIELDS,
    verified_field_message,
)
from .vat import clean_vat_number, country_choices


class QueuedPasswordResetForm(TextInputsMixin, PasswordResetForm):
    """The reset link goes through the outgoing e-mails (tasks.email_queue), never from inside
    the request: a slow or unreachable mail server neither holds the page nor fails unseen
    (a failed one is retried, then shown to the operator under Outgoing e-mails)."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from .tasks import email_queue

        subject = render_to_string(subject_template_name, context)
        body = render_to_string(email_template_name, context)
        email_queue(to=[to_email], subject=subject, body=body)


TRADE_LICENCE_TYPES = {"application/pdf", "image/jpeg", "image/png"}
# The declared content type is the sender's word; the name and the first bytes must agree.
TRADE_LICENCE_SIGNATURES = {
    ".pdf": b"%PDF-",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
}
TRADE_LICENCE_MAX_BYTES = 5 * 1024 * 1024


class LoginForm(TextInputsMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not correct. Please try again. "
            "After several failed attempts the address is locked for a while."
        ),
        "inactive": _(
            "This account has been deactivated. Contact your organisation administrator."
        ),
    }


class OrganisationFieldsMixin(TextInputsMixin, forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=country_choices, initial="DK")
    brands = forms.MultipleChoiceField(
        label=_("Brands serviced"), choices=Brand.choices, widget=forms.CheckboxSelectMultiple
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        country, vat = cleaned.get("country"), cleaned.get("vat_number")
        for name, check in (("postcode", clean_postcode), ("phone", clean_phone)):
            if country and cleaned.get(name) and name in self.fields:
                try:
                    cleaned[name] = check(country, cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        if country and vat:
            try:
                cleaned["vat_number"] = clean_vat_number(country, vat)
            except ValidationError as error:
                self.add_error("vat_number", error)
                return cleaned
            duplicates = Organisation.objects.filter(vat_number=cleaned["vat_number"])
            if self.instance.pk:
                duplicates = duplicates.exclude(pk=self.instance.pk)
            if duplicates.exists():
                self.add_error(
                    "vat_number", _("An organisation with this VAT number is already registered.")
                )
        return cleaned


class RegistrationForm(OrganisationFieldsMixin):
    admin_full_name = forms.CharField(label=_("Your name"), max_length=150)
    admin_email = forms.EmailField(label=_("Your e-mail address (your login)"))
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput,
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(label=_("Repeat password"), widget=forms.PasswordInput, strip=False)
    trade_licence = forms.FileField(
        label=_("Trade licence (PDF, JPEG or PNG, at most 5 MB)"), required=False
    )
    accept_terms = forms.BooleanField(label=_("I accept the conditions of use."))

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_DATA_FIELDS)

    def clean_admin_email(self) -> str:
        # A taken address is not refused here: that would tell anyone which addresses have
        # accounts. organisation_register tells the address's owner by e-mail instead.
        email: str = self.cleaned_data["admin_email"].strip().lower()
        return email

    def clean_trade_licence(self) -> Any:
        upload = self.cleaned_data.get("trade_licence")
        if upload:
            if upload.size > TRADE_LICENCE_MAX_BYTES:
                raise ValidationError(_("The file is larger than 5 MB."))
            signature = TRADE_LICENCE_SIGNATURES.get(Path(upload.name or "").suffix.lower())
            head = upload.read(8)
            upload.seek(0)
            if (
                getattr(upload, "content_type", None) not in TRADE_LICENCE_TYPES
                or signature is None
                or not head.startswith(signature)
            ):
                raise ValidationError(_("Please upload a PDF, JPEG or PNG file."))
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            probe = User(
                email=cleaned.get("admin_email") or "",
                full_name=cleaned.get("admin_full_name") or "",
            )
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class OrganisationForm(OrganisationFieldsMixin):
    class Meta:
        model = Organisation
        fields = list(ORGANISATION_EDITABLE_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_verified:
            for name in VERIFIED_FIELDS:  # shown, kept as verified; a POST cannot change them
                self.fields[name].disabled = True
                self.fields[name].help_text = verified_field_message()


class ProfileForm(TextInputsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]


class EmailChangeForm(TextInputsMixin, forms.Form):
    """A new address for the logged-in user, with their password: an open session alone
    (a borrowed computer) must not move the account, and with it the password reset."""

    new_email = forms.EmailField(label=_("New e-mail address"), max_length=254)
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_email(self) -> str:
        return str(self.cleaned_data["new_email"]).strip().lower()

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise ValidationError(_("Your password was entered incorrectly."))
        return password


class InviteUserForm(TextInputsMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Name"), max_length=150)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    is_org_admin = forms.BooleanField(label=_("Organisation administrator"), required=False)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email_taken(email):
            raise ValidationError(_("A user with this e-mail address already exists."))
        return email
