import pytest

from tests.factories import (
    EnrollmentFactory,
    UserFactory,
    VendorFactory,
    VendorMembershipFactory,
)
from tests.pages.support import compile_catalogues
from vendors.models import Program


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    """Uploaded roster files wait for confirmation under VAR_DIR; keep them out of var/."""
    settings.VAR_DIR = tmp_path


@pytest.fixture
def program(db):
    return Program.objects.get(slug="desarrollo-economico-aburra")


@pytest.fixture
def staff_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def pending_vendor(db):
    """An application waiting for review, claimed by its owner."""
    owner = UserFactory(
        email="solicitante@example.com", first_name="Marta", last_name="Ospina", roles=[]
    )
    vendor = VendorFactory(
        status="pending_review",
        display_name="Tostadora La Ceja",
        enrollment=EnrollmentFactory(legal_name="Tostadora La Ceja S.A.S."),
    )
    VendorMembershipFactory(vendor=vendor, user=owner, role="owner")
    return vendor


@pytest.fixture
def active_vendor(db):
    return VendorFactory(status="active", display_name="Cerámicas El Carmen")
