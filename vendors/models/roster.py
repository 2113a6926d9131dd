"""The programme's roster of enrolled businesses: the gate to selling in the store."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CiiuSection(models.Model):
    """CIIU Rev. 4 A.C. section (A-U), loaded as reference data."""

    code = models.CharField(max_length=1, unique=True)
    title = models.CharField(max_length=255)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sección CIIU")
        verbose_name_plural = _("secciones CIIU")

    def __str__(self):
        return f"{self.code} · {self.title}"


class Program(models.Model):
    name = models.CharField(_("nombre"), max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("descripción"), blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programa")
        verbose_name_plural = _("programas")

    def __str__(self):
        return self.name


class Enrollment(models.Model):
    """One business enrolled in a programme, keyed by NIT within the programme."""

    class PersonType(models.TextChoices):
        NATURAL = "natural", _("Persona natural")
        JURIDICAL = "juridica", _("Persona jurídica")

    class Size(models.TextChoices):
        MICRO = "micro", _("Micro")
        SMALL = "pequena", _("Pequeña")
        MEDIUM = "mediana", _("Mediana")

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Inscrita")
        ACTIVE = "active", _("Activa")
        GRADUATED = "graduated", _("Graduada")
        WITHDRAWN = "withdrawn", _("Retirada")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="enrollments")
    legal_name = models.CharField(_("razón social"), max_length=255)
    trade_name = models.CharField(_("nombre comercial"), max_length=255, blank=True)
    # Normalised digits including the DIAN check digit (python-stdnum `co.nit.compact`).
    nit = models.CharField(_("NIT"), max_length=15)
    person_type = models.CharField(_("tipo de persona"), max_length=10, choices=PersonType.choices)
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        related_name="enrollments",
        verbose_name=_("municipio"),
    )
    ciiu_section = models.ForeignKey(
        CiiuSection,
        on_delete=models.PROTECT,
        related_name="enrollments",
        verbose_name=_("sección CIIU"),
    )
    ciiu_class = models.CharField(
        _("clase CIIU"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("La clase CIIU tiene 4 dígitos."))],
    )
    annual_income = models.BigIntegerField(_("ingresos anuales (COP)"), null=True, blank=True)
    size = models.CharField(_("tamaño"), max_length=10, choices=Size.choices, blank=True)
    contact_name = models.CharField(_("nombre de contacto"), max_length=200)
    contact_email = models.EmailField(_("correo de contacto"))
    contact_phone = models.CharField(_("teléfono de contacto"), max_length=20, blank=True)
    cohort = models.CharField(_("cohorte"), max_length=50, blank=True)
    diagnosis_score = models.PositiveSmallIntegerField(
        _("puntaje de madurez digital"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    diagnosis_date = models.DateField(_("fecha del diagnóstico"), null=True, blank=True)
    status = models.CharField(
        _("estado"), max_length=10, choices=Status.choices, default=Status.ENROLLED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("inscripción")
        verbose_name_plural = _("inscripciones")
        constraints = [
            models.UniqueConstraint(fields=["program", "nit"], name="unique_nit_per_program")
        ]
        indexes = [models.Index(fields=["nit"])]

    def __str__(self):
        return self.trade_name or self.legal_name

    @property
    def can_sell(self) -> bool:
        return self.status != self.Status.WITHDRAWN
