import factory
from django.conf import settings
from django.utils import timezone

from marketplace.accounts.models import PrivacyConsent, User
from marketplace.accounts.roles import Role, grant_role

PASSWORD = "clave-segura-de-prueba-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.com")
    first_name = factory.Faker("first_name", locale="es_CO")
    last_name = factory.Faker("last_name", locale="es_CO")
    is_active = True
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted if extracted is not None else [Role.CITIZEN]:
            grant_role(self, role)


class PrivacyConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrivacyConsent

    user = factory.SubFactory(UserFactory)
    policy_version = settings.PRIVACY_POLICY_VERSION


def _municipality(code="05001"):
    from marketplace.core.models import Municipality

    return Municipality.objects.get(dane_code=code)


def _ciiu(code="I"):
    from vendors.models import CiiuSection

    return CiiuSection.objects.get(code=code)


def _program():
    from vendors.models import Program

    return Program.objects.get(slug="desarrollo-economico-aburra")


def _category(slug):
    from catalog.models import Category

    return Category.objects.get(slug=slug)


def _valid_nit(n: int) -> str:
    from stdnum.co import nit

    base = f"{900_000_000 + n:09d}"
    return base + nit.calc_check_digit(base)


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vendors.Enrollment"

    program = factory.LazyFunction(_program)
    legal_name = factory.Sequence(lambda n: f"Empresa Demo {n} S.A.S.")
    trade_name = factory.Sequence(lambda n: f"Negocio {n}")
    nit = factory.Sequence(_valid_nit)
    person_type = "juridica"
    municipality = factory.LazyFunction(_municipality)
    ciiu_section = factory.LazyFunction(_ciiu)
    contact_name = factory.Faker("name", locale="es_CO")
    contact_email = factory.Sequence(lambda n: f"contacto{n}@negocio.example.com")
    contact_phone = "+573001234567"
    status = "active"


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vendors.Vendor"

    enrollment = factory.SubFactory(EnrollmentFactory)
    status = "active"
    display_name = factory.LazyAttribute(lambda o: str(o.enrollment))
    slug = factory.Sequence(lambda n: f"negocio-{n}")
    short_description = "Productos hechos en el Valle de Aburrá"


class VendorMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vendors.VendorMembership"

    vendor = factory.SubFactory(VendorFactory)
    user = factory.SubFactory(UserFactory, roles=[Role.CITIZEN, Role.VENDOR_MEMBER])
    role = "owner"


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.Product"
        skip_postgeneration_save = True

    vendor = factory.SubFactory(VendorFactory)
    kind = "goods"
    name = factory.Sequence(lambda n: f"Arepa de chócolo {n}")
    slug = factory.Sequence(lambda n: f"producto-{n}")
    description = "Hecha a mano con maíz tierno."
    category = factory.LazyFunction(lambda: _category("comida-preparada"))
    status = "published"
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def photo(obj, create, extracted, **kwargs):
        """`photo=True` gives the listing one photo, which goods need to go to review."""
        if create and extracted:
            ProductImageFactory(product=obj)


class ProductImageFactory(factory.django.DjangoModelFactory):
    """A photo row pointing at renditions that need not exist on disk."""

    class Meta:
        model = "catalog.ProductImage"

    product = factory.SubFactory(ProductFactory)
    alt = factory.Sequence(lambda n: f"Foto {n} del producto")
    position = 0
    image = factory.LazyAttribute(
        lambda o: {
            "width": 320,
            "height": 320,
            "renditions": {
                "320": {
                    "webp": f"products/{o.product.pk}/a-320.webp",
                    "jpeg": f"products/{o.product.pk}/a-320.jpg",
                    "width": "320",
                    "height": "320",
                }
            },
        }
    )


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.ProductVariant"

    product = factory.SubFactory(ProductFactory)
    vendor = factory.LazyAttribute(lambda o: o.product.vendor)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price = 12_000
    stock_quantity = 10

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Rows written here skip the services, so the product's list fields are refreshed the
        # way the services refresh them.
        from catalog.listing_fields import listing_fields_refresh_product

        variant = super()._create(model_class, *args, **kwargs)
        listing_fields_refresh_product(variant.product)
        return variant


def product_image(product, **fields):
    """A live photo row written directly (no files), with the product's list fields refreshed
    the way the image services refresh them."""
    from catalog.listing_fields import listing_fields_refresh_product
    from catalog.models import ProductImage

    image = ProductImage.objects.create(product=product, **fields)
    listing_fields_refresh_product(product)
    return image
