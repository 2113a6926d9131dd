"""The vendor dashboard's catalogue: the business's products and services with their variants,
stock and photos, the CSV export and import, and the quote requests it receives.

Every view resolves the business the person is working on exactly as the rest of the dashboard
does (vendor_dashboard.current_vendor: the id kept in the session, checked against the person's
memberships on every request), and then finds the product, variant, photo or quote request
only among that business's own rows. Anything else (another business's id, or one that does
not exist) gets the same 403, so ids cannot be probed, and nothing is changed.
"""
