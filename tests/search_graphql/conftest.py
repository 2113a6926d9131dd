import pytest

from tests.search_pages.conftest import catalogue, reindex  # noqa: F401 - shared fixture

ENDPOINT = "/graphql/"


@pytest.fixture(autouse=True)
def _database_search(settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture
def gql(client):
    """Post one GraphQL document anonymously; returns the parsed JSON."""

    def post(query, variables=None):
        body = {"query": query, "variables": variables or {}}
        response = client.post(ENDPOINT, body, content_type="application/json")
        assert response.status_code == 200, response.content
        return response.json()

    return post


@pytest.fixture
def data(gql):
    """Run a query that must succeed and return its `data`."""

    def run(query, variables=None):
        result = gql(query, variables)
        assert "errors" not in result, result["errors"]
        return result["data"]

    return run
