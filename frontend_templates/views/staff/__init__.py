"""The staff console (`/consola/`): the programme's roster, vendor applications and vendors.

Every view here is wrapped in `staff_view`, which refuses early (login, then permission) and
turns a PermissionDenied from a service into the console's 403 page; the services check the
same permissions again, so no rule lives only in a page."""
