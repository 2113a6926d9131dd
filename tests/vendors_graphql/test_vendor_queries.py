import pytest
from graphql_relay import from_global_id

from tests.factories import EnrollmentFactory, VendorFactory, VendorMembershipFactory

from .support import storefront_vendor

VENDOR = """
query($slug: String!) {
  vendor(slug: $slug) {
    id slug displayName shortDescription whatsapp whatsappUrl website publicAddress
    offersPickup offersDelivery vatResponsible
    logo { width height url(width: 150, format: JPEG) renditions { width height webp jpeg } }
    banner { url }
    municipality { code name } sector { code title }
    sellerInformation { legalName nit noticeAddress phone email }
    deliveryZones { municipality { code name } fee }
    status statusReason members { email role }
  }
}
"""
VENDOR_SLUGS = """
query($filter: VendorFilterInput) {
  vendors(first: 50, filter: $filter) { totalCount edges { node { slug } } }
}
"""


def slugs(gql, **filters):
    page = gql(VENDOR_SLUGS, {"filter": filters})["data"]["vendors"]
    assert page["totalCount"] == len(page["edges"])
    return {edge["node"]["slug"] for edge in page["edges"]}


def test_public_vendor_shows_storefront_and_seller_information(gql, db):
    vendor = storefront_vendor(
        enrollment=EnrollmentFactory(legal_name="Arepas Doña Luz S.A.S.", nit="9003739238"),
        notice_email="notificaciones@arepas.example.com",
        notice_phone="+576044445566",
    )
    data = gql(VENDOR, {"slug": vendor.slug})["data"]["vendor"]
    assert from_global_id(data["id"]) == ("Vendor", str(vendor.pk))
    assert data["whatsappUrl"] == "https://wa.me/573001234567"
    assert data["municipality"] == {"code": "05001", "name": "Medellín"}
    assert data["sector"]["code"] == "I"
    assert data["sellerInformation"] == {
        "legalName": "Arepas Doña Luz S.A.S.",
        "nit": "900.373.923-8",
        "noticeAddress": "Cra 50 # 10-20",
        "phone": "+576044445566",
        "email": "notificaciones@arepas.example.com",
    }
    assert [(z["municipality"]["code"], z["fee"]) for z in data["deliveryZones"]] == [
        ("05360", 8000),
        ("05001", 5000),
    ]
    logo = data["logo"]
    assert logo["url"] == f"/media/vendors/{vendor.pk}/logo/abc-200.jpg"
    assert [r["width"] for r in logo["renditions"]] == [96, 200, 400]
    assert logo["renditions"][0]["webp"].endswith("-96.webp")
    assert data["banner"] is None
    assert (data["status"], data["statusReason"], data["members"]) == (None, None, None)


@pytest.mark.parametrize("status", ["pending_review", "suspended", "rejected", "closed"])
def test_vendor_outside_the_store_is_neither_listed_nor_found(gql, db, status):
    hidden = VendorFactory(status=status)
    shown = VendorFactory()
    assert slugs(gql) == {shown.slug}
    assert gql(VENDOR, {"slug": hidden.slug})["data"]["vendor"] is None
    assert gql(VENDOR, {"slug": "no-existe"})["data"]["vendor"] is None


def test_vendors_filter_by_municipality_sector_and_search(gql, db):
    from marketplace.core.models import Municipality
    from vendors.models import CiiuSection

    bello = Municipality.objects.get(slug="bello")
    in_bello = VendorFactory(enrollment=EnrollmentFactory(municipality=bello))
    industry = VendorFactory(
        enrollment=EnrollmentFactory(ciiu_section=CiiuSection.objects.get(code="C"))
    )
    named = VendorFactory(display_name="Cafés del Sur")
    assert slugs(gql, municipality="bello") == {in_bello.slug}
    assert slugs(gql, municipality="05088") == {in_bello.slug}
    assert slugs(gql, sector="c") == {industry.slug}
    assert slugs(gql, search="cafés") == {named.slug}
    assert len(slugs(gql)) == 3


def test_members_see_their_private_fields_and_other_vendors_do_not(gql, vendor, vendor_owner):
    other = VendorMembershipFactory().vendor
    own = gql(VENDOR, {"slug": vendor.slug}, user=vendor_owner)["data"]["vendor"]
    assert own["status"] == "ACTIVE"
    assert own["members"] == [{"email": vendor_owner.email, "role": "OWNER"}]
    theirs = gql(VENDOR, {"slug": other.slug}, user=vendor_owner)["data"]["vendor"]
    assert theirs["slug"] == other.slug
    assert (theirs["status"], theirs["statusReason"], theirs["members"]) == (None, None, None)


def test_staff_who_manage_vendors_see_private_fields(gql, vendor, coordinator, moderator):
    assert gql(VENDOR, {"slug": vendor.slug}, user=coordinator)["data"]["vendor"]["members"]
    assert gql(VENDOR, {"slug": vendor.slug}, user=moderator)["data"]["vendor"]["members"] is None


def test_municipalities_lists_the_ten_of_the_valle_de_aburra(gql, db):
    data = gql("{ municipalities { code name slug } }")["data"]["municipalities"]
    assert len(data) == 10
    assert {"code": "05001", "name": "Medellín", "slug": "medellin"} in data
