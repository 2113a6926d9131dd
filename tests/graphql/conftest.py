import pytest

from marketplace.accounts.tokens import token_create

ENDPOINT = "/graphql/"


@pytest.fixture
def gql(client):
    """Post one GraphQL document as JSON; returns the response (parsed JSON on `.json()`)."""

    def post(query, variables=None, **extra):
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return client.post(ENDPOINT, body, content_type="application/json", **extra)

    return post


@pytest.fixture
def bearer(citizen, password, rf):
    """An Authorization header with a valid access token for `citizen`."""
    pair = token_create(
        email=citizen.email, password=password, request=rf.post(ENDPOINT, REMOTE_ADDR="127.0.0.1")
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {pair.token}"}
