import pytest

ENDPOINT = "/graphql/"
ERRORS = "errors { field code message }"


@pytest.fixture
def gql(client):
    """Post one GraphQL document as `user` (anonymous when None); returns the parsed JSON and
    fails on transport errors so tests read `data` directly."""

    # Logging in writes a session, so it happens only when the user changes: a request
    # measured for its queries then costs what it would cost a client already logged in.
    current = {"user": None}

    def post(query, variables=None, *, user=None):
        if user is not current["user"]:
            client.logout()
            if user is not None:
                client.force_login(user)
            current["user"] = user
        body = {"query": query, "variables": variables or {}}
        response = client.post(ENDPOINT, body, content_type="application/json")
        assert response.status_code == 200, response.content
        return response.json()

    return post


@pytest.fixture
def mutate(gql):
    """Run a mutation and return its payload, asserting the request itself succeeded."""

    def run(query, variables=None, *, user=None):
        result = gql(query, variables, user=user)
        assert "errors" not in result, result["errors"]
        return next(iter(result["data"].values()))

    return run


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def other_vendor(db):
    """Vendor B, owned by someone else than `vendor_owner`."""
    from tests.factories import VendorMembershipFactory

    return VendorMembershipFactory().vendor
