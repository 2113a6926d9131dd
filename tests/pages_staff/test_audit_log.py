"""The audit log page and its CSV export: who may see them, what each row says, the filters,
and a file that opens cleanly and safely in a spreadsheet."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.core.audit import audit_record
from marketplace.core.models import AuditEvent, Municipality
from tests.factories import EnrollmentFactory, ProductFactory, UserFactory, VendorFactory

AUDIT = "/consola/auditoria/"
EXPORT = "/consola/auditoria/exportar.csv"


def _at(day: int, hour: int = 10):
    return datetime(2026, 11, day, hour, tzinfo=timezone.get_current_timezone())


def _event(when, *, actor=None, action="vendor.approved", target=None, data=None):
    """An event at a chosen time (audit_record always stamps now, and events cannot be edited
    afterwards)."""
    is_person = actor is not None
    return AuditEvent.objects.create(
        occurred_at=when,
        actor=actor,
        actor_repr=actor.email if is_person else "system",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target) if target is not None else "",
        data=data or {},
    )


@pytest.fixture
def history(db, moderator, coordinator):
    """A week of the programme: a listing approved, one rejected, a vendor suspended."""
    product = ProductFactory(name="Arepa de chócolo", status="published")
    rejected = ProductFactory(name="Café de origen", status="rejected")
    vendor = VendorFactory(display_name="Cerámicas El Carmen")
    return {
        "approved": _event(
            _at(2),
            actor=moderator,
            action="listing.approved",
            target=product,
            data={"before": {"status": "in_review"}, "after": {"status": "published"}},
        ),
        "rejected": _event(
            _at(4),
            actor=moderator,
            action="listing.rejected",
            target=rejected,
            data={
                "before": {"status": "in_review"},
                "after": {"status": "rejected"},
                "reason": "price_error",
                "message": "El precio dice 1 peso.",
            },
        ),
        "suspended": _event(
            _at(6),
            actor=coordinator,
            action="vendor.suspended",
            target=vendor,
            data={
                "before": {"status": "active"},
                "after": {"status": "suspended"},
                "reason": "Dejó el programa.",
            },
        ),
        "product": product,
        "vendor": vendor,
    }


# --- access -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [AUDIT, EXPORT])
def test_anonymous_people_are_sent_to_log_in(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("url", [AUDIT, EXPORT])
@pytest.mark.parametrize("who", ["citizen", "vendor_owner"])
def test_citizens_and_vendor_members_get_403(db, client, request, url, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(url)

    assert response.status_code == 403
    assert "Auditoría" not in response.content.decode()


@pytest.mark.parametrize("url", [AUDIT, EXPORT])
@pytest.mark.parametrize("who", ["moderator", "coordinator"])
def test_moderators_and_coordinators_open_the_audit_log(db, client, request, url, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(url).status_code == 200


def test_the_console_shows_each_page_only_to_those_who_may_open_it(client, moderator, coordinator):
    metrics = reverse("staff:moderation_metrics")

    client.force_login(moderator)
    html = client.get(reverse("staff:home")).content.decode()
    assert f'href="{AUDIT}"' in html
    assert f'href="{metrics}"' not in html

    client.force_login(coordinator)
    html = client.get(reverse("staff:home")).content.decode()
    assert f'href="{AUDIT}"' in html
    assert f'href="{metrics}"' in html


def test_a_staff_member_without_the_audit_permission_is_refused(client, db):
    from django.contrib.auth.models import Permission

    user = UserFactory(email="registro@example.com", roles=[])
    user.user_permissions.add(Permission.objects.get(codename="manage_roster"))
    client.force_login(user)

    assert client.get(AUDIT).status_code == 403
    assert f'href="{AUDIT}"' not in client.get(reverse("staff:home")).content.decode()


# --- rows -----------------------------------------------------------------------------------


def test_events_read_in_spanish_newest_first(client, coordinator, history):
    client.force_login(coordinator)

    response = client.get(AUDIT)

    rows = response.context["rows"]
    assert [r.action for r in rows] == ["vendor.suspended", "listing.rejected", "listing.approved"]
    html = response.content.decode()
    assert "3 eventos registrados" in html
    assert "Vendedor suspendido" in html
    assert "Publicación rechazada" in html
    assert "Publicación aprobada" in html
    # Moderation stores the reason's code; the page shows its label and the message.
    assert "Error en el precio" in html
    assert "El precio dice 1 peso." in html
    rejected = rows[1]
    assert [(c.label, c.before, c.after) for c in rejected.changes] == [
        ("estado", "En revisión", "Rechazado")
    ]
    suspended = rows[0]
    assert suspended.actor_email == coordinator.email
    assert suspended.reason == "Dejó el programa."


def test_an_unknown_action_shows_its_code(client, moderator, db):
    _event(_at(3), action="orders.refunded")
    client.force_login(moderator)

    html = client.get(AUDIT).content.decode()

    assert "orders.refunded" in html
    assert "Sistema (automático)" in html


def test_vendor_targets_link_to_the_vendor_page_for_those_who_manage_vendors(
    client, coordinator, moderator, history
):
    vendor_url = reverse("staff:vendor_detail", args=[history["vendor"].pk])

    client.force_login(coordinator)
    assert vendor_url in client.get(AUDIT).content.decode()

    # Moderators cannot open the vendor page, so they get no link to a 403.
    client.force_login(moderator)
    html = client.get(AUDIT).content.decode()
    assert vendor_url not in html
    assert "Cerámicas El Carmen" in html


def test_enrolment_changes_show_names_not_ids(client, coordinator, db):
    enrollment = EnrollmentFactory(legal_name="Panadería San José S.A.S.")
    bello, envigado = (Municipality.objects.get(name=name) for name in ("Bello", "Envigado"))
    audit_record(
        actor=coordinator,
        action="enrollment.updated",
        target=enrollment,
        data={"before": {"municipality": str(bello.pk)}, "after": {"municipality": envigado.pk}},
    )
    client.force_login(coordinator)

    (row,) = client.get(AUDIT).context["rows"]

    assert (row.changes[0].before, row.changes[0].after) == ("Bello", "Envigado")
    assert row.target_url == reverse("staff:enrollment_detail", args=[enrollment.pk])


# --- filters --------------------------------------------------------------------------------


def _actions(response):
    return [row.action for row in response.context["rows"]]


def test_filters_by_action_kind_actor_target_and_dates(client, moderator, coordinator, history):
    client.force_login(moderator)
    product = history["product"]

    assert _actions(client.get(AUDIT, {"action": "listing."})) == [
        "listing.rejected",
        "listing.approved",
    ]
    assert _actions(client.get(AUDIT, {"action": "vendor.suspended"})) == ["vendor.suspended"]
    assert _actions(client.get(AUDIT, {"actor": " COORDINADOR@example.com "})) == [
        "vendor.suspended"
    ]
    assert _actions(
        client.get(AUDIT, {"target_type": "catalog.product", "target_id": product.pk})
    ) == ["listing.approved"]
    assert _actions(client.get(AUDIT, {"target_type": "vendors.vendor"})) == ["vendor.suspended"]
    # Both ends of the range are whole days, in Colombian time.
    assert _actions(client.get(AUDIT, {"date_from": "2026-11-04", "date_to": "2026-11-04"})) == [
        "listing.rejected"
    ]
    assert _actions(client.get(AUDIT, {"date_from": "2026-11-03"})) == [
        "vendor.suspended",
        "listing.rejected",
    ]


def test_filters_stay_on_every_page(client, moderator, db):
    for n in range(55):
        _event(_at(1) + timedelta(minutes=n), action="listing.approved")
    _event(_at(2), action="vendor.approved")
    client.force_login(moderator)

    first = client.get(AUDIT, {"action": "listing.approved"})
    html = first.content.decode()
    assert len(first.context["rows"]) == 50
    assert "?action=listing.approved&amp;pagina=2" in html
    assert "exportar.csv?action=listing.approved" in html

    second = client.get(AUDIT, {"action": "listing.approved", "pagina": 2})
    assert _actions(second) == ["listing.approved"] * 5


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"date_from": "2026-02-30"}, "date_from", "Escribe una fecha válida"),
        ({"date_to": "ayer"}, "date_to", "Escribe una fecha válida"),
        ({"date_to": "9999-12-31"}, "date_to", "Escribe una fecha entre"),
        ({"date_from": "0001-01-01"}, "date_from", "Escribe una fecha entre"),
        (
            {"date_from": "2026-11-10", "date_to": "2026-11-01"},
            "date_to",
            "La fecha final no puede ser anterior",
        ),
        ({"action": "nope"}, "action", "Elige una acción de la lista"),
    ],
)
def test_bad_filters_give_a_field_error_not_a_list(
    client, moderator, history, query, field, message
):
    client.force_login(moderator)

    response = client.get(AUDIT, query)

    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "Corrige los filtros marcados" in html
    assert response.context["rows"] == []
    assert "Exportar CSV" not in html


def test_day_first_dates_are_understood(client, moderator, history):
    client.force_login(moderator)

    response = client.get(AUDIT, {"date_from": "04/11/2026", "date_to": "04/11/2026"})

    assert _actions(response) == ["listing.rejected"]


def test_an_empty_result_says_so(client, moderator, history):
    client.force_login(moderator)

    html = client.get(AUDIT, {"actor": "nadie@example.com"}).content.decode()

    assert "Ningún evento coincide con estos filtros" in html


def test_an_empty_log_says_so(client, moderator):
    client.force_login(moderator)

    html = client.get(AUDIT).content.decode()

    assert "Todavía no hay eventos registrados" in html


# --- query count --------------------------------------------------------------------------


def _mixed_events(count, actors, product, vendor, enrollment):
    kinds = [
        (
            "listing.approved",
            product,
            {"before": {"status": "in_review"}, "after": {"status": "published"}},
        ),
        (
            "vendor.suspended",
            vendor,
            {"before": {"status": "active"}, "after": {"status": "suspended"}, "reason": "x"},
        ),
        (
            "enrollment.updated",
            enrollment,
            {
                "before": {"municipality": "1", "ciiu_section": "1"},
                "after": {"municipality": "2", "ciiu_section": "2"},
            },
        ),
        ("roster.imported", None, {"filename": "registro.csv", "new": 3}),
    ]
    for n in range(count):
        action, target, data = kinds[n % len(kinds)]
        _event(
            _at(1) + timedelta(minutes=n),
            actor=actors[n % len(actors)],
            action=action,
            target=target,
            data=data,
        )


def test_a_page_of_50_events_costs_the_same_queries_as_a_page_of_5(client, coordinator, db):
    actors = [UserFactory(roles=[]) for _ in range(5)] + [None]
    targets = (ProductFactory(), VendorFactory(), EnrollmentFactory())
    _mixed_events(5, actors, *targets)
    client.force_login(coordinator)
    client.get(AUDIT)  # the session and permission caches are warm in both measurements
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(AUDIT).context["rows"]) == 5
    _mixed_events(45, actors, *targets)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(AUDIT).context["rows"]) == 50

    assert len(few) == len(many)


# --- CSV ------------------------------------------------------------------------------------


def _csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_export_streams_exactly_the_filtered_events_as_excel_friendly_csv(
    client, moderator, history
):
    client.force_login(moderator)

    response = client.get(EXPORT, {"action": "listing."})

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="auditoria-')
    header, *rows = _csv(response)
    assert header[:5] == ["fecha_hora", "actor_nombre", "actor_correo", "accion", "accion_codigo"]
    assert [r[4] for r in rows] == ["listing.rejected", "listing.approved"]
    rejected = dict(zip(header, rows[0], strict=True))
    assert rejected["accion"] == "Publicación rechazada"
    assert rejected["actor_correo"] == "moderadora@example.com"
    assert rejected["objeto_tipo"] == "Publicación"
    assert rejected["objeto"] == "Café de origen"
    assert rejected["motivo"] == "Error en el precio"
    assert rejected["cambios"] == "estado: En revisión → Rechazado"
    assert rejected["fecha_hora"] == "2026-11-04T10:00:00-05:00"
    assert '"reason": "price_error"' in rejected["datos"]


def test_the_export_neutralises_spreadsheet_formulas(client, moderator, db):
    vendor = VendorFactory(display_name='=HYPERLINK("http://malo.example","clic")')
    _event(
        _at(5),
        actor=moderator,
        action="vendor.suspended",
        target=vendor,
        data={"reason": "+SUM(1,2)", "message": "@cmd", "before": {"display_name": "-2+3"}},
    )
    client.force_login(moderator)

    header, row = _csv(client.get(EXPORT))

    cells = dict(zip(header, row, strict=True))
    assert cells["objeto"] == '\'=HYPERLINK("http://malo.example","clic")'
    assert cells["motivo"] == "'+SUM(1,2)"
    assert cells["mensaje"] == "'@cmd"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_an_export_with_bad_filters_goes_back_to_the_page_with_the_errors(client, moderator, db):
    client.force_login(moderator)

    response = client.get(EXPORT, {"date_from": "2026-13-01", "action": "listing."})

    assert response.status_code == 302
    assert response["Location"] == f"{AUDIT}?date_from=2026-13-01&action=listing."


def test_the_page_and_the_file_follow_the_chosen_language(client, coordinator, history):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.force_login(coordinator)

    html = client.get(AUDIT).content.decode()
    header, *rows = _csv(client.get(EXPORT, {"action": "vendor.suspended"}))

    assert "<h1>Audit log</h1>" in html
    assert "3 recorded events" in html
    assert "Vendor suspended" in html
    # The file is written after the view returns; it keeps the visitor's language all the same.
    assert rows[0][header.index("accion")] == "Vendor suspended"


# --- events whose changes name relations ----------------------------------------------------


@pytest.fixture
def photo_revision(db, moderator):
    """A vendor's proposed change to a live listing's photos, as the revision service files it:
    `images` is a reverse relation of the product, not a column."""
    product = ProductFactory(name="Mochila wayuu", status="published")
    return _event(
        _at(8),
        actor=moderator,
        action="product.revision_proposed",
        target=product,
        data={
            "before": {"images": [{"id": 1, "alt": "Frente"}]},
            "after": {"images": [{"id": 1, "alt": "Frente"}, {"id": 2, "alt": "Detalle"}]},
        },
    )


def test_a_change_of_photos_reads_as_a_count_of_photos(client, coordinator, photo_revision):
    client.force_login(coordinator)

    response = client.get(AUDIT)

    assert response.status_code == 200
    [row] = response.context["rows"]
    assert [(c.label, c.before, c.after) for c in row.changes] == [("fotos", "1 foto", "2 fotos")]


def test_the_export_writes_every_row_past_a_change_of_photos(
    client, coordinator, history, photo_revision
):
    client.force_login(coordinator)

    header, *rows = _csv(client.get(EXPORT))

    assert [r[4] for r in rows] == [
        "product.revision_proposed",
        "vendor.suspended",
        "listing.rejected",
        "listing.approved",
    ]
    assert dict(zip(header, rows[0], strict=True))["cambios"] == "fotos: 1 foto → 2 fotos"
