"""Server-rendered pages. Views are thin: they check the shape of the input with a form, call a
service or selector, and render; the rules live in the apps' services."""
