from marketplace.core.models import Municipality

EXPECTED = {
    "05001": "Medellín",
    "05079": "Barbosa",
    "05088": "Bello",
    "05129": "Caldas",
    "05212": "Copacabana",
    "05266": "Envigado",
    "05308": "Girardota",
    "05360": "Itagüí",
    "05380": "La Estrella",
    "05631": "Sabaneta",
}


def test_the_ten_municipalities_exist_in_every_database(db):
    loaded = dict(Municipality.objects.values_list("dane_code", "name"))
    assert loaded == EXPECTED
    itagui = Municipality.objects.get(dane_code="05360")
    assert itagui.slug == "itagui" and itagui.department == "Antioquia"
