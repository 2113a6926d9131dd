from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .emails import email_normalize


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Users need an email address")
        user = self.model(email=email_normalize(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        # Exact match on the normalised address: see accounts.emails for why not __iexact.
        return self.get(**{self.model.USERNAME_FIELD: email_normalize(username)})


class User(AbstractBaseUser, PermissionsMixin):
    """A person: buyer, vendor member or programme staff. Logs in with email; no username."""

    email = models.EmailField(_("correo electrónico"), unique=True)
    first_name = models.CharField(_("nombre"), max_length=150, blank=True)
    last_name = models.CharField(_("apellidos"), max_length=150, blank=True)
    # E.164 (+573001234567), validated with phonenumbers for region CO.
    phone = models.CharField(_("teléfono"), max_length=20, blank=True)
    is_active = models.BooleanField(_("activo"), default=True)
    is_staff = models.BooleanField(_("acceso al administrador"), default=False)
    date_joined = models.DateTimeField(_("fecha de registro"), default=timezone.now)
    # Set by the activation link; distinguishes "never activated" from "deactivated by staff".
    email_verified_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")
        permissions = [
            ("place_orders", "Can buy in the store"),
            ("moderate_listings", "Can review, approve, reject and take down listings"),
            ("manage_roster", "Can import and edit the programme's enrolment roster"),
            ("manage_vendors", "Can approve, suspend and reactivate vendors"),
            ("view_program_reports", "Can see programme reports and metrics"),
            ("manage_own_vendor", "Can manage the vendors they are a member of"),
            ("handle_data_requests", "Can answer data-subject requests (Ley 1581)"),
        ]

    def __str__(self):
        return self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self):
        return self.first_name or self.email

    def clean(self):
        super().clean()
        self.email = email_normalize(self.email)


class PrivacyConsent(models.Model):
    """Proof of consent to personal-data processing (Ley 1581 de 2012, Decreto 1377 de 2013):
    who, when, which version of the policy text, and from where."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="privacy_consents")
    policy_version = models.CharField(max_length=20)
    accepted_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "policy_version"], name="one_consent_per_version"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.policy_version} {self.accepted_at:%Y-%m-%d}"


class RefreshToken(models.Model):
    """One issued refresh token. Each is good for one refresh, which issues the next one of its
    family; presenting a used one again means it was copied, so the whole family is revoked
    (the thief's copy and the owner's current token alike)."""

    jti = models.CharField(max_length=32, unique=True)
    family = models.CharField(max_length=32, db_index=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user_id} {self.family}/{self.jti}"


class AccountDeletionRequest(models.Model):
    """A person's request to delete their personal data (Ley 1581 art. 15, a "reclamo"): the
    programme answers it within 15 business days, which it may extend by 8 more."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pendiente")
        DONE = "done", _("Atendida")

    # Kept after the account is anonymised, as proof the request was received and answered.
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="deletion_requests")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(help_text="Last business day to answer within the legal term.")
    extended_due_on = models.DateField(help_text="Last day if the term is extended.")
    # The one extension the law allows (art. 15): when, by whom and why, since the person must
    # be told the reasons for the delay. `due_on` then holds the extended date.
    extended_at = models.DateTimeField(null=True, blank=True)
    extended_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extension_reason = models.TextField(blank=True)
    original_due_on = models.DateField(
        null=True, blank=True, help_text="The first legal due date, kept once it is extended."
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_deletion_request_per_user",
            )
        ]

    def __str__(self):
        # No name or email: this text is copied into the audit log, which outlives the account.
        return f"Solicitud de eliminación #{self.pk}"
