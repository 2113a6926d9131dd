"""The programme's category tree, seeded by a data migration (Spanish names, stable slugs)."""

CATEGORY_TREE = [
    (
        "Alimentos y bebidas",
        [
            "Panadería y repostería",
            "Café y chocolate",
            "Comida preparada",
            "Dulces y postres",
            "Bebidas",
            "Frutas, verduras y campo",
            "Salsas y conservas",
        ],
    ),
    ("Moda y calzado", ["Ropa", "Calzado", "Bolsos y marroquinería", "Joyería y bisutería"]),
    ("Artesanías", ["Tejidos", "Madera", "Cerámica", "Velas y aromas"]),
    ("Hogar y decoración", ["Muebles", "Decoración", "Plantas y jardín"]),
    ("Belleza y cuidado personal", ["Cosmética natural", "Cuidado del cabello"]),
    ("Tecnología", ["Accesorios para celular", "Computadores y accesorios"]),
    ("Mascotas", []),
    (
        "Servicios profesionales",
        [
            "Contabilidad y finanzas",
            "Asesoría legal",
            "Tecnología y web",
            "Reparaciones y mantenimiento",
            "Aseo",
        ],
    ),
    (
        "Servicios creativos y culturales",
        ["Diseño gráfico", "Fotografía y video", "Eventos y recreación", "Clases y talleres"],
    ),
    ("Turismo y experiencias", ["Recorridos", "Naturaleza y aventura"]),
]
