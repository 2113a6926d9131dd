from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Product(models.Model):
    """A good or a service in a vendor's portfolio. Every sellable unit is a variant."""

    class Kind(models.TextChoices):
        GOODS = "goods", _("Producto")
        SERVICE = "service", _("Servicio")

    class TaxClass(models.TextChoices):
        IVA_19 = "iva_19", _("IVA 19 %")
        IVA_5 = "iva_5", _("IVA 5 %")
        EXEMPT = "exento", _("Exento")
        EXCLUDED = "excluido", _("Excluido")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Borrador")
        IN_REVIEW = "in_review", _("En revisión")
        PUBLISHED = "published", _("Publicado")
        REJECTED = "rejected", _("Rechazado")
        UNPUBLISHED = "unpublished", _("Despublicado")
        ARCHIVED = "archived", _("Archivado")

    class RetractoExclusion(models.TextChoices):
        # Ley 1480 art. 47: goods the right of withdrawal does not cover.
        NONE = "", _("Aplica el derecho de retracto")
        PERISHABLE = "perishable", _("Perecedero")
        HYGIENE = "hygiene", _("Uso personal o higiene")
        CUSTOM = "custom", _("Hecho a la medida")

    class PricingMode(models.TextChoices):
        FIXED = "fixed", _("Precio fijo")
        FROM = "from", _("Desde")
        QUOTE = "quote", _("Cotización")

    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="products")
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind.choices, default=Kind.GOODS)
    name = models.CharField(_("nombre"), max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    # Plain text; line breaks are kept when shown. Never rendered as HTML.
    description = models.TextField(_("descripción"), blank=True)
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.PROTECT, related_name="products"
    )
    tax_class = models.CharField(
        _("clase de impuesto"), max_length=10, choices=TaxClass.choices, default=TaxClass.IVA_19
    )
    status = models.CharField(
        _("estado"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    pricing_mode = models.CharField(
        _("modo de precio"), max_length=6, choices=PricingMode.choices, default=PricingMode.FIXED
    )
    service_municipalities = models.ManyToManyField(
        "core.Municipality", blank=True, related_name="+", verbose_name=_("municipios del servicio")
    )
    duration_minutes = models.PositiveIntegerField(_("duración (minutos)"), null=True, blank=True)
    retracto_exclusion = models.CharField(
        _("excluido del retracto"),
        max_length=12,
        choices=RetractoExclusion.choices,
        blank=True,
        default=RetractoExclusion.NONE,
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What every list shows, sorts and filters by, kept here by catalog.listing_fields (called by
    # each service that changes variants, stock or photos, in its transaction) so a page of a
    # list never aggregates variants or reads photos row by row. Null/False/{} without variants
    # or photos.
    min_price = models.PositiveIntegerField(null=True, blank=True, editable=False)
    max_price = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_available = models.BooleanField(default=False, editable=False)
    thumbnail = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("producto")
        verbose_name_plural = _("productos")
        # One per sort and filter of the public lists (catalog.selectors.SORTS), each ending in
        # the id so ties page deterministically.
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="product_list_newest"),
            models.Index(fields=["status", "min_price", "-id"], name="product_list_price"),
            # Dearest first keeps the newest first among equal prices: not the reverse of the
            # cheapest-first index, so it needs its own.
            models.Index(fields=["status", "-min_price", "-id"], name="product_list_price_desc"),
            models.Index(fields=["status", "name", "id"], name="product_list_name"),
            models.Index(
                fields=["status", "-is_available", "-published_at", "-id"],
                name="product_list_featured",
            ),
            models.Index(
                fields=["category", "status", "-published_at", "-id"],
                name="product_list_category",
            ),
            models.Index(
                fields=["vendor", "status", "-published_at", "-id"], name="product_list_vendor"
            ),
            # A category page counts its listings (up to the pager's cap) from this index alone:
            # the category and the vendor, whose state the count checks, without reading the
            # wide product rows (26 ms → 3 ms for a root category at 100,000 listings).
            models.Index(
                fields=["category", "vendor"],
                condition=models.Q(status="published"),
                name="product_published_category",
            ),
        ]

    def __str__(self):
        return self.name


LISTING_FIELDS = ("min_price", "max_price", "is_available", "thumbnail")


class LiveImageManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(revision__isnull=True)


class ProductImage(models.Model):
    """A photo of a listing. Photos added to a published listing are staged in its pending
    revision (`revision` set) and stay out of every ordinary read until it is approved: the
    default manager, which `product.images` and prefetches use, only returns live photos."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    revision = models.ForeignKey(
        "catalog.ProductRevision",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staged_images",
    )
    position = models.PositiveSmallIntegerField(default=0)
    alt = models.CharField(_("texto alternativo"), max_length=200)
    # marketplace.core.images.StoredImage.as_json(): size and renditions by width.
    image = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LiveImageManager()
    with_staged = models.Manager()  # noqa: DJ012 - a manager, not a field

    class Meta:
        ordering = ["position", "id"]
        base_manager_name = "with_staged"

    def __str__(self):
        return self.alt


class QuoteRequest(models.Model):
    """A citizen asks a vendor to quote a service priced on request."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="quote_requests")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("nombre"), max_length=150)
    email = models.EmailField(_("correo"))
    phone = models.CharField(_("teléfono"), max_length=20, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("mensaje"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.product} · {self.email}"
