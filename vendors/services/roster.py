"""Roster writes: validating and upserting enrolments (by NIT within a programme) and changing
their status. Withdrawing an enrolment suspends its vendor."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.phones import phone_normalize
from marketplace.core.audit import audit_record
from marketplace.core.errors import CoreErrorCode
from marketplace.core.models import Municipality
from marketplace.core.permissions import require_perm

from ..error_codes import VendorErrorCode
from ..identifiers import business_size, nit_normalize
from ..models import CiiuSection, Enrollment, Program, Vendor
from .lifecycle import vendor_suspend

# The fields an import or form may set, in the order of the import template.
ENROLLMENT_FIELDS = [
    "nit",
    "legal_name",
    "trade_name",
    "person_type",
    "municipality",
    "ciiu_section",
    "ciiu_class",
    "annual_income",
    "size",
    "contact_name",
    "contact_email",
    "contact_phone",
    "cohort",
    "diagnosis_score",
    "diagnosis_date",
    "status",
]
COMPARED = [f for f in ENROLLMENT_FIELDS if f != "nit"]


def _err(errors: dict, field: str, message: str, code) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def _choice(value: str, choices, labels: dict[str, str]) -> str | None:
    value = (value or "").strip().lower()
    for key, label in choices:
        if value in {key, str(label).lower(), labels.get(key, "")}:
            return key
    return None


def enrollment_clean(raw: dict[str, Any], *, municipalities=None, sections=None) -> dict[str, Any]:
    """Validate one roster row (from a form or an import) into model values; raises one
    ValidationError naming every bad field. Lookups may be passed in to avoid per-row queries."""
    municipalities = municipalities or {m.name.lower(): m for m in Municipality.objects.all()}
    sections = sections or {s.code: s for s in CiiuSection.objects.all()}
    errors: dict[str, list] = {}
    data: dict[str, Any] = {}

    def text(name, required=False, max_length=255):
        value = str(raw.get(name) or "").strip()
        if required and not value:
            _err(errors, name, _("Este campo es obligatorio."), CoreErrorCode.REQUIRED)
        return value[:max_length]

    try:
        data["nit"] = nit_normalize(raw.get("nit"))
    except ValidationError as exc:
        errors.update(exc.error_dict)
    data["legal_name"] = text("legal_name", required=True)
    data["trade_name"] = text("trade_name")
    person = _choice(
        raw.get("person_type"),
        Enrollment.PersonType.choices,
        {"natural": "n", "juridica": "jurídica"},
    )
    if person is None:
        _err(errors, "person_type", _("Usa «natural» o «jurídica»."), CoreErrorCode.INVALID)
    data["person_type"] = person
    muni_raw = str(raw.get("municipality") or "").strip()
    muni = municipalities.get(muni_raw.lower()) or next(
        (m for m in municipalities.values() if m.dane_code == muni_raw.zfill(5)), None
    )
    if muni is None:
        _err(
            errors,
            "municipality",
            _("Municipio desconocido: «%(value)s». Usa uno de los diez del Valle de Aburrá.")
            % {"value": muni_raw},
            VendorErrorCode.UNKNOWN_MUNICIPALITY,
        )
    data["municipality"] = muni
    section = sections.get(str(raw.get("ciiu_section") or "").strip().upper())
    if section is None:
        _err(
            errors,
            "ciiu_section",
            _("Sección CIIU desconocida (usa una letra de la A a la U)."),
            VendorErrorCode.UNKNOWN_CIIU_SECTION,
        )
    data["ciiu_section"] = section
    data["ciiu_class"] = text("ciiu_class", max_length=10)
    if data["ciiu_class"] and not (len(data["ciiu_class"]) == 4 and data["ciiu_class"].isdigit()):
        _err(errors, "ciiu_class", _("La clase CIIU tiene 4 dígitos."), CoreErrorCode.INVALID)
    income = (
        str(raw.get("annual_income") or "")
        .replace(".", "")
        .replace(",", "")
        .replace("$", "")
        .strip()
    )
    data["annual_income"] = None
    if income:
        if income.isdigit():
            data["annual_income"] = int(income)
        else:
            _err(
                errors,
                "annual_income",
                _("Los ingresos van en pesos enteros."),
                CoreErrorCode.INVALID,
            )
    size = str(raw.get("size") or "").strip().lower()
    data["size"] = _choice(size, Enrollment.Size.choices, {"pequena": "pequeña"}) if size else ""
    if data["size"] is None:
        _err(errors, "size", _("Tamaño: micro, pequeña o mediana."), CoreErrorCode.INVALID)
    if data["annual_income"] is not None and section is not None:
        data["size"] = business_size(
            annual_income_cop=data["annual_income"],
            ciiu_section=section.code,
            year=timezone.now().year,
        )
    data["contact_name"] = text("contact_name", required=True, max_length=200)
    data["contact_email"] = text("contact_email", required=True).lower()
    if data["contact_email"]:
        try:
            validate_email(data["contact_email"])
        except ValidationError:
            _err(
                errors,
                "contact_email",
                _("Correo no válido: «%(value)s».") % {"value": data["contact_email"]},
                CoreErrorCode.INVALID,
            )
    try:
        data["contact_phone"] = phone_normalize(
            str(raw.get("contact_phone") or ""), field="contact_phone"
        )
    except ValidationError as exc:
        errors.update(exc.error_dict)
    data["cohort"] = text("cohort", max_length=50)
    score = str(raw.get("diagnosis_score") or "").strip()
    data["diagnosis_score"] = None
    if score:
        if score.isdigit() and 0 <= int(score) <= 100:
            data["diagnosis_score"] = int(score)
        else:
            _err(errors, "diagnosis_score", _("El puntaje va de 0 a 100."), CoreErrorCode.INVALID)
    when = raw.get("diagnosis_date")
    data["diagnosis_date"] = None
    if isinstance(when, date):
        data["diagnosis_date"] = when if not hasattr(when, "date") else when.date()
    elif str(when or "").strip():
        try:
            data["diagnosis_date"] = date.fromisoformat(str(when).strip()[:10])
        except ValueError:
            _err(
                errors, "diagnosis_date", _("Fecha con formato AAAA-MM-DD."), CoreErrorCode.INVALID
            )
    status = str(raw.get("status") or "").strip().lower()
    data["status"] = (
        _choice(status, Enrollment.Status.choices, {})
        if status
        else Enrollment.Status.ENROLLED.value
    )
    if data["status"] is None:
        _err(
            errors,
            "status",
            _("Estado: inscrita, activa, graduada o retirada."),
            CoreErrorCode.INVALID,
        )
    if errors:
        raise ValidationError(errors)
    return data


def _comparable(value):
    return value.pk if hasattr(value, "pk") else value


@dataclass(frozen=True)
class UpsertResult:
    enrollment: Enrollment
    change: str  # "new" | "updated" | "unchanged"
    changed_fields: tuple[str, ...] = ()


def enrollment_diff(
    existing: Enrollment | None, data: dict[str, Any]
) -> tuple[str, tuple[str, ...]]:
    if existing is None:
        return "new", ()
    changed = tuple(
        f for f in COMPARED if _comparable(getattr(existing, f)) != _comparable(data[f])
    )
    return ("updated" if changed else "unchanged"), changed


@transaction.atomic
def enrollment_upsert(*, program: Program, data: dict[str, Any], actor) -> UpsertResult:
    """Create or update by NIT; unchanged rows write nothing, so re-imports are idempotent."""
    require_perm(actor, "accounts.manage_roster")
    existing = (
        Enrollment.objects.select_for_update().filter(program=program, nit=data["nit"]).first()
    )
    change, changed = enrollment_diff(existing, data)
    if change == "unchanged":
        return UpsertResult(existing, change)
    if existing is None:
        enrollment = Enrollment.objects.create(program=program, **data)
        audit_record(
            actor=actor, action="enrollment.created", target=enrollment, data={"nit": data["nit"]}
        )
        return UpsertResult(enrollment, change)
    before = {f: str(_comparable(getattr(existing, f))) for f in changed}
    previous_status = existing.status
    for field in changed:
        setattr(existing, field, data[field])
    existing.save()
    audit_record(
        actor=actor,
        action="enrollment.updated",
        target=existing,
        data={"before": before, "after": {f: str(_comparable(data[f])) for f in changed}},
    )
    _on_status_change(existing, previous_status, actor)
    return UpsertResult(existing, change, changed)


def _on_status_change(enrollment: Enrollment, previous: str, actor) -> None:
    if previous == enrollment.status or enrollment.status != Enrollment.Status.WITHDRAWN:
        return
    vendor = Vendor.objects.filter(enrollment=enrollment, status=Vendor.Status.ACTIVE).first()
    if vendor is not None:
        # The coordinator who withdrew the enrolment is the one who suspended the vendor.
        can_decide = actor is not None and actor.has_perm("accounts.manage_vendors")
        vendor_suspend(
            vendor=vendor,
            suspended_by=actor if can_decide else None,
            reason=_("La inscripción en el programa fue retirada."),
        )


@transaction.atomic
def enrollment_change_status(*, enrollment: Enrollment, status: str, changed_by) -> Enrollment:
    require_perm(changed_by, "accounts.manage_roster")
    if status not in Enrollment.Status.values:
        raise ValidationError(
            {"status": ValidationError(_("Estado no válido."), code=CoreErrorCode.INVALID)}
        )
    locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    previous = locked.status
    if previous == status:
        return locked
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=changed_by,
        action="enrollment.status_changed",
        target=locked,
        data={"before": {"status": previous}, "after": {"status": status}},
    )
    _on_status_change(locked, previous, changed_by)
    return locked
