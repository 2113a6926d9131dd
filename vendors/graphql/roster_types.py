"""The programme roster, for staff who manage it; only reachable through `enrollments`."""

import graphene
from graphene_django import DjangoObjectType

from marketplace.graphql.connections import CountableConnection
from vendors.identifiers import nit_format
from vendors.models import Enrollment as EnrollmentModel

from .dataloaders import VendorByEnrollmentLoader
from .types import Municipality, Sector, Vendor, choice_value, choices_enum

EnrollmentStatus = choices_enum(
    "EnrollmentStatus", EnrollmentModel.Status, "A business's standing in the programme."
)
PersonType = choices_enum(
    "PersonType", EnrollmentModel.PersonType, "Natural person or company (DIAN)."
)
BusinessSize = choices_enum(
    "BusinessSize", EnrollmentModel.Size, "Size by annual income (Decreto 957 de 2019)."
)


class Enrollment(DjangoObjectType):
    """A business enrolled in the programme: the gate to selling in the store."""

    nit = graphene.String(required=True, description="Formatted with its check digit.")
    annual_income = graphene.BigInt(description="Whole Colombian pesos; null when not known.")
    person_type = graphene.Field(PersonType, required=True)
    size = graphene.Field(BusinessSize, description="Null when not yet known.")
    status = graphene.Field(EnrollmentStatus, required=True)
    program = graphene.String(required=True, description="The programme's name.")
    municipality = graphene.Field(Municipality, required=True)
    sector = graphene.Field(Sector, required=True)
    vendor = graphene.Field(Vendor, description="Its store account, once claimed.")

    class Meta:
        model = EnrollmentModel
        name = "Enrollment"
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection
        fields = (
            "legal_name",
            "trade_name",
            "ciiu_class",
            "contact_name",
            "contact_email",
            "contact_phone",
            "cohort",
            "diagnosis_score",
            "diagnosis_date",
            "created_at",
            "updated_at",
        )

    @classmethod
    def get_node(cls, info, id):  # noqa: A002 - graphene's signature
        # Never by ID: roster reads need the acting user, which only `enrollments` passes on.
        return None

    @staticmethod
    def resolve_nit(root, info):
        return nit_format(root.nit)

    @staticmethod
    def resolve_person_type(root, info):
        return choice_value(root.person_type)

    @staticmethod
    def resolve_size(root, info):
        return choice_value(root.size) or None

    @staticmethod
    def resolve_status(root, info):
        return choice_value(root.status)

    @staticmethod
    def resolve_program(root, info):
        return root.program.name

    @staticmethod
    def resolve_municipality(root, info):
        return root.municipality

    @staticmethod
    def resolve_sector(root, info):
        return root.ciiu_section

    @staticmethod
    def resolve_vendor(root, info):
        return VendorByEnrollmentLoader(info.context).load_for(root, key=lambda e: e.pk)
