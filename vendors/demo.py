"""Demo roster and vendors for `manage.py seed_demo`: 60 enrolled businesses across the ten
municipalities, 30 active vendors with complete profiles and generated logos, a pending
application and a suspended vendor. Deterministic and idempotent."""

import io
from datetime import date

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw
from stdnum.co import nit as stdnum_nit

from marketplace.accounts.models import PrivacyConsent, User
from marketplace.accounts.roles import Role, grant_role
from marketplace.core.images import demo_font, image_store_renditions
from marketplace.core.models import Municipality

from .demo_data import BUSINESSES, PEOPLE, TOWNS
from .identifiers import business_size
from .models import CiiuSection, DeliveryZone, Enrollment, Program, Vendor, VendorMembership
from .services.profile import LOGO_WIDTHS

ACTIVE_VENDORS = 30
PENDING_INDEX = 30  # tienda31@example.com
SUSPENDED_INDEX = 31  # tienda32@example.com
COLOURS = ["#0b6e4f", "#8c2f39", "#1d4e89", "#b25d00", "#5b3f8c", "#2f6f73", "#7a4b1f", "#a4243b"]


def demo_nit(index: int) -> str:
    base = f"{901_100_000 + index * 37:09d}"
    return base + stdnum_nit.calc_check_digit(base)


def _logo(name: str, index: int) -> SimpleUploadedFile:
    size = 400
    image = Image.new("RGB", (size, size), COLOURS[index % len(COLOURS)])
    draw = ImageDraw.Draw(image)
    initials = "".join(word[0] for word in name.split() if word[0].isalpha())[:2].upper()
    font = demo_font(170)
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(f"{slugify(name)}.png", buffer.getvalue())


def _owner(index: int) -> User:
    """Created once: a restart keeps a password or a name the person changed."""
    first, last = PEOPLE[index]
    user, created = User.objects.get_or_create(
        email=f"tienda{index + 1}@example.com",
        defaults={"first_name": first, "last_name": last, "is_active": True},
    )
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
        grant_role(user, Role.CITIZEN)
        grant_role(user, Role.VENDOR_MEMBER)
        PrivacyConsent.objects.get_or_create(
            user=user, policy_version=settings.PRIVACY_POLICY_VERSION
        )
    return user


def _enrollment(program, index, towns, sections) -> Enrollment:
    """Created once: staff edits to the roster survive a restart."""
    name, section, ciiu_class, _description = BUSINESSES[index]
    first, last = PEOPLE[index]
    income = 120_000_000 + index * 45_000_000
    enrollment, _ = Enrollment.objects.get_or_create(
        program=program,
        nit=demo_nit(index),
        defaults={
            "legal_name": f"{name} S.A.S." if index % 3 else f"{first} {last}",
            "trade_name": name,
            "person_type": "juridica" if index % 3 else "natural",
            "municipality": towns[TOWNS[name]],
            "ciiu_section": sections[section],
            "ciiu_class": ciiu_class,
            "annual_income": income,
            "size": business_size(annual_income_cop=income, ciiu_section=section, year=2026),
            "contact_name": f"{first} {last}",
            "contact_email": f"contacto{index + 1}@negocios.example.com",
            "contact_phone": f"+57300{1_000_000 + index * 1_111:07d}",
            "cohort": f"2026-{1 + index % 2}",
            "diagnosis_score": 35 + (index * 7) % 60,
            "diagnosis_date": date(2026, 2 + index % 6, 1 + index % 27),
            "status": "active" if index < 50 else "enrolled",
        },
    )
    return enrollment


def _vendor(enrollment, index, status, owner, municipalities) -> Vendor | None:
    """Created once, with its owner, logo and delivery zones; a vendor staff suspended or a
    profile its owner edited stays as they left it."""
    if Vendor.objects.filter(enrollment=enrollment).exists():
        return None
    name, _section, _class, description = BUSINESSES[index]
    municipality = enrollment.municipality
    vendor = Vendor.objects.create(
        enrollment=enrollment,
        **{
            "status": status,
            "status_reason": "Incumplió los tiempos de entrega reportados."
            if status == "suspended"
            else "",
            "display_name": name,
            "slug": slugify(name),
            "short_description": description[:160],
            "description": (
                f"{description}\n\nSomos un negocio de {municipality.name} acompañado por el programa "
                "de desarrollo económico del Valle de Aburrá. Escríbenos para pedidos especiales."
            ),
            "whatsapp": f"+57310{2_000_000 + index * 1_313:07d}",
            "website": f"https://{slugify(name)}.example.com",
            "instagram": f"https://instagram.com/{slugify(name).replace('-', '')}",
            "public_address": f"Calle {10 + index} # {40 + index}-{10 + index % 50}, {municipality.name}",
            "opening_hours": "Lunes a sábado, 8:00 a. m. a 6:00 p. m.",
            "offers_pickup": index % 2 == 0,
            "offers_delivery": True,
            "vat_responsible": index % 4 == 0,
            "notice_address": f"Calle {10 + index} # {40 + index}-{10 + index % 50}, {municipality.name}, Antioquia",
            "notice_phone": enrollment.contact_phone,
            "notice_email": enrollment.contact_email,
            "approved_at": None if status == "pending_review" else timezone.now(),
        },
    )
    VendorMembership.objects.get_or_create(vendor=vendor, user=owner, defaults={"role": "owner"})
    if status != "pending_review":
        vendor.logo = image_store_renditions(
            _logo(name, index),
            prefix=f"vendors/{vendor.pk}/logo",
            widths=LOGO_WIDTHS,
            crop_square=True,
        ).as_json()
        vendor.save(update_fields=["logo"])
    for offset, fee in ((0, 4000), (1, 7000), (2, 9000)):
        DeliveryZone.objects.get_or_create(
            vendor=vendor,
            municipality=municipalities[
                (municipalities.index(municipality) + offset) % len(municipalities)
            ],
            defaults={"fee": fee},
        )
    return vendor


def seed(log) -> None:
    program = Program.objects.get(slug="desarrollo-economico-aburra")
    municipalities = list(Municipality.objects.order_by("dane_code"))
    towns = {m.slug: m for m in municipalities}
    sections = {s.code: s for s in CiiuSection.objects.all()}
    for index in range(len(BUSINESSES)):
        enrollment = _enrollment(program, index, towns, sections)
        if index < ACTIVE_VENDORS:
            _vendor(enrollment, index, "active", _owner(index), municipalities)
        elif index == PENDING_INDEX:
            _vendor(enrollment, index, "pending_review", _owner(index), municipalities)
        elif index == SUSPENDED_INDEX:
            _vendor(enrollment, index, "suspended", _owner(index), municipalities)
    log(
        f"roster: {len(BUSINESSES)} businesses, {ACTIVE_VENDORS} active vendors "
        f"(tienda1..tienda{ACTIVE_VENDORS}@example.com), pending application tienda31@example.com, "
        f"suspended vendor tienda32@example.com"
    )
    unclaimed = unclaimed_enrollment()
    if unclaimed is None:
        log("every demo NIT has been claimed: add a business to the roster to try onboarding")
    else:
        log(f"unclaimed NIT to try onboarding: {stdnum_nit.format(unclaimed.nit)} ({unclaimed})")


def unclaimed_enrollment() -> Enrollment | None:
    """The first active demo business nobody has claimed yet (a restart after someone claimed
    one offers the next)."""
    nits = [demo_nit(index) for index in range(len(BUSINESSES))]
    candidates = Enrollment.objects.filter(
        nit__in=nits, status="active", vendor__isnull=True
    ).order_by("nit")
    by_nit = {e.nit: e for e in candidates}
    return next((by_nit[nit] for nit in nits[40:] + nits[:40] if nit in by_nit), None)
