from django.core.exceptions import ValidationError


def add_service_errors(
    form, exc: ValidationError, *, aliases: dict[str, str] | None = None
) -> None:
    """Put a service's ValidationError on the form: field errors next to their inputs (`aliases`
    maps a service field to a differently named form field), and errors for fields the form does
    not show at the top, so no message is ever lost."""
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            name = aliases.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
