import factory
from django.conf import settings

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
