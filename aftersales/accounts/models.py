from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from aftersales import clock


class Brand(models.TextChoices):
    BMW = "bmw", "BMW"
    BMW_MOTORRAD = "bmw_motorrad", "BMW Motorrad"
    MINI = "mini", "MINI"
    ROLLS_ROYCE = "rolls_royce", "Rolls-Royce Motor Cars"


class Organisation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("organisation name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=20)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO country code"))
    vat_number = models.CharField(
        _("VAT / company number"), max_length=30, help_text=_("Stored compact, e.g. DK13585628")
    )
    phone = models.CharField(_("phone"), max_length=40)
    contact_email = models.EmailField(_("contact e-mail"))
    brands = models.JSONField(_("brands serviced"), default=list)
    trade_licence = models.FileField(_("trade licence"), upload_to="trade-licences/%Y/", blank=True)
    labour_rate_per_hour = models.DecimalField(
        _("labour rate per hour (net, EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Used for the package prices of the order base (1 hour = 12 FRU)."),
    )
    require_second_factor = models.BooleanField(
        _("second factor required for all users"),
        default=False,
        help_text=_(
            "Every user of the organisation logs on with an authenticator app or a passkey "
            "besides the password."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The operator may leave; the decision stays.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["vat_number"], name="organisation_vat_number_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "verified", "rejected"]),
                name="organisation_status_valid",
            ),
        ]
        indexes = [
            # The operator's verification queue: status filter, oldest first.
            models.Index(fields=["status", "created_at"], name="org_status_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    def missing_fields(self) -> list[str]:
        """Names of the fields an organisation needs and lacks, for the Overview status box."""
        required = ["name", "street", "postcode", "city", "country", "vat_number", "phone"]
        missing = [f for f in required if not getattr(self, f)]
        if not self.brands:
            missing.append("brands")
        labels = {f.name: str(f.verbose_name) for f in self._meta.fields}
        return [labels[f] for f in missing]

    def brand_labels(self) -> list[str]:
        return [Brand(b).label for b in self.brands if b in Brand.values]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        """Log-in is case-insensitive: addresses are stored lower-case."""
        return self.get(email=(username or "").strip().lower())

    def _create(self, email: str, password: str | None, **extra: object) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create(email, password, **extra)


# django-otp (untyped) gives the factors of aftersales.mfa their manager; mypy cannot see it.
class User(AbstractBaseUser, PermissionsMixin):  # type: ignore[django-manager-missing]
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    organisation = models.ForeignKey(
        Organisation,
        # An organisation with users is never deleted, only deactivated; refuse it loudly.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    is_org_admin = models.BooleanField(_("organisation administrator"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("operator (back office access)"), default=False)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    date_joined = models.DateTimeField(default=clock.now, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # save() lower-cases; this also keeps rows written around save() unique.
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]
        indexes = [
            # My organisation: the users of one organisation.
            models.Index(fields=["organisation", "email"], name="user_org_email_idx"),
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name or self.email

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None


class OutgoingEmail(models.Model):
    """An e-mail of the portal, kept until it is sent: a failed send is retried by the task
    (aftersales/accounts/tasks.py) and shown to the operator in the back office."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RETRYING = "retrying", _("Failed, will be retried")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            # The back office's list: failed and retrying e-mails first, newest first.
            models.Index(fields=["status", "created_at"], name="outgoing_email_status_idx"),
        ]

    def __str__(self) -> str:
        return self.subject
