from tests.conftest import GRAPHQL_ERRORS as ERRORS  # noqa: F401 - imported by the tests here
