"""The README's configuration table is the operator's reference: every variable the settings and
the gunicorn configuration read is in it."""

from .support import NOT_DJANGO_SETTINGS, readme_variables, settings_variables


def test_every_variable_read_is_documented():
    read = settings_variables()
    assert {"SECRET_KEY", "DATABASE_URL", "GUNICORN_WORKERS", "EMAIL_URL"} <= read
    assert not read - readme_variables()


def test_the_table_documents_only_variables_something_reads():
    stale = readme_variables() - settings_variables() - NOT_DJANGO_SETTINGS
    assert not stale, f"documented but read nowhere: {stale}"
