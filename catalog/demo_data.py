"""Demo portfolios for the 30 active demo vendors (vendors.demo_data.BUSINESSES[:30]).

Each entry: category slug, kind, and products as (name, price in pesos, description). Services
priced "desde" or on request are marked with a pricing mode in the name tuple's fourth field.
"""

G, S = "goods", "service"

PORTFOLIOS = {
    "Arepas Doña Luz": (
        "comida-preparada",
        G,
        [
            (
                "Arepa de chócolo con quesito",
                6500,
                "Arepa dulce de maíz tierno con quesito antioqueño.",
            ),
            (
                "Paquete de 10 arepas de maíz pelao",
                9800,
                "Arepas delgadas listas para asar, hechas esta mañana.",
            ),
            (
                "Arepa rellena de carne desmechada",
                11900,
                "Arepa asada rellena de carne desmechada en hogao.",
            ),
            ("Arepa de queso x 5", 12500, "Arepas con queso costeño por dentro, para el desayuno."),
            ("Arepitas para fiesta x 50", 38000, "Arepitas de coctel para pasabocas y eventos."),
            ("Arepa integral de linaza x 8", 10500, "Maíz integral y linaza, sin conservantes."),
            ("Combo desayuno paisa", 18900, "Arepa, quesito, chocolate y huevos pericos para dos."),
            ("Arepa boyacense", 7500, "Arepa dulce rellena de cuajada."),
        ],
    ),
    "Cueros del Sur": (
        "bolsos-y-marroquineria",
        G,
        [
            ("Bolso de cuero tipo tote", 189000, "Bolso amplio en cuero graso curtido en Itagüí."),
            ("Billetera de cuero para hombre", 69000, "Billetera con monedero y ocho ranuras."),
            ("Correa de cuero clásica", 59000, "Correa en cuero de 3,5 cm con hebilla niquelada."),
            (
                "Morral de cuero urbano",
                249000,
                "Morral con compartimiento para portátil de 14 pulgadas.",
            ),
            ("Tarjetero minimalista", 35000, "Tarjetero delgado en cuero vegetal."),
            (
                "Cartera de mano para dama",
                129000,
                "Cartera con cierre metálico y correa removible.",
            ),
            ("Llavero de cuero grabado", 18000, "Llavero con tu inicial grabada a fuego."),
            ("Portapasaporte de cuero", 45000, "Protege tu pasaporte y tiquetes en viaje."),
        ],
    ),
    "Café La Montañera": (
        "cafe-y-chocolate",
        G,
        [
            ("Café de origen molido 500 g", 32000, "Notas de panela y cítricos, tostión media."),
            ("Café en grano 1 kg", 58000, "Grano arábica de Ciudad Bolívar, tostado cada semana."),
            ("Café especial honey 250 g", 28000, "Proceso honey, dulce y con cuerpo."),
            ("Cápsulas compatibles x 10", 19900, "Cápsulas compostables de café de origen."),
            ("Kit de cafetera de filtro", 89000, "Dripper, filtros y 250 g de café para empezar."),
            ("Café descafeinado 340 g", 30000, "Descafeinado natural con agua de montaña."),
            ("Panela pulverizada 500 g", 8500, "Panela orgánica para acompañar tu tinto."),
            ("Bolsa regalo cafetera", 65000, "Dos cafés de origen y una taza de cerámica."),
        ],
    ),
    "Diseño Pixel Paisa": (
        "diseno-grafico",
        S,
        [
            ("Diseño de logo", 450000, "Tres propuestas de logo y manual básico de marca.", "from"),
            ("Kit de redes sociales", 280000, "Plantillas para Instagram y Facebook a tu medida."),
            (
                "Identidad de marca completa",
                0,
                "Logo, paleta, tipografía, papelería y manual.",
                "quote",
            ),
            (
                "Diseño de etiqueta de producto",
                220000,
                "Etiqueta lista para imprenta, con normativa INVIMA.",
                "from",
            ),
            ("Tarjetas de presentación", 90000, "Diseño e impresión de 500 tarjetas."),
            ("Menú para restaurante", 180000, "Diseño de menú impreso y versión digital con QR."),
            ("Asesoría de marca 1 hora", 120000, "Sesión virtual para revisar tu marca."),
            ("Diseño de empaque", 0, "Empaque a la medida para tu producto.", "quote"),
        ],
    ),
    "Calzado Rayito": (
        "calzado",
        G,
        [
            ("Tenis de cuero blanco", 159000, "Tenis unisex en cuero, suela cosida."),
            ("Sandalia de dama trenzada", 89000, "Sandalia plana con tiras trenzadas en cuero."),
            ("Zapato escolar negro", 99000, "Zapato escolar resistente, del 28 al 40."),
            ("Botín de cuero para hombre", 219000, "Botín con suela antideslizante."),
            ("Mocasín clásico", 149000, "Mocasín en cuero suave, ideal para oficina."),
            ("Baleta de dama", 79000, "Baleta cómoda en cuero napa."),
            ("Alpargata de fique", 59000, "Alpargata tradicional con suela de fique."),
            ("Tenis infantil con luces", 89000, "Tenis para niños con luces LED."),
        ],
    ),
    "Dulces de la Abuela": (
        "dulces-y-postres",
        G,
        [
            ("Obleas con arequipe x 6", 15000, "Obleas crujientes con arequipe casero."),
            ("Cocadas de panela x 12", 14000, "Cocadas de coco con panela."),
            ("Bocadillo veleño en hoja", 9000, "Bocadillo de guayaba envuelto en hoja de bijao."),
            ("Arequipe casero 500 g", 16000, "Arequipe cocinado a fuego lento en paila."),
            ("Caja surtida de dulces típicos", 39000, "Cocadas, bocadillos, panelitas y obleas."),
            ("Brevas con arequipe", 18000, "Brevas caladas rellenas de arequipe."),
            ("Panelitas de leche x 20", 12000, "Panelitas blandas de leche."),
            ("Manjar blanco 250 g", 11000, "Manjar blanco tradicional."),
        ],
    ),
}

# Businesses not listed above share portfolios by category so the demo store stays full.
GENERIC = {
    "C": (
        "decoracion",
        G,
        [
            (
                "Producto artesanal insignia",
                45000,
                "Nuestro producto más vendido, hecho a mano en el Valle de Aburrá.",
            ),
            ("Presentación familiar", 78000, "Presentación grande para compartir."),
            ("Edición especial de temporada", 52000, "Edición limitada de esta temporada."),
            ("Kit para regalo", 95000, "Caja de regalo con tarjeta personalizada."),
            ("Presentación pequeña", 22000, "Ideal para probar nuestros productos."),
            ("Combo ahorro x 3", 110000, "Tres unidades con precio especial."),
            ("Pedido personalizado", 0, "Fabricamos a tu medida: escríbenos.", "quote"),
            ("Repuesto o complemento", 15000, "Complementos y repuestos de nuestros productos."),
        ],
    ),
    "G": (
        "decoracion",
        G,
        [
            ("Producto destacado", 49000, "Lo más pedido por nuestros clientes."),
            ("Combo del mes", 89000, "Combo con descuento del mes."),
            ("Presentación económica", 19000, "Calidad garantizada a buen precio."),
            ("Presentación premium", 139000, "Nuestra línea premium."),
            ("Accesorio", 25000, "Accesorio compatible."),
            ("Tarjeta de regalo", 50000, "Regala una compra en nuestra tienda."),
            ("Paquete familiar", 99000, "Para toda la familia."),
            ("Novedad", 35000, "Lo último que llegó a la tienda."),
        ],
    ),
    "service": (
        "reparaciones-y-mantenimiento",
        S,
        [
            ("Servicio básico", 80000, "Atención a domicilio en el área metropolitana.", "from"),
            ("Visita de diagnóstico", 45000, "Revisamos y te damos un presupuesto sin compromiso."),
            ("Plan mensual", 250000, "Atención mensual programada."),
            (
                "Servicio a la medida",
                0,
                "Cuéntanos qué necesitas y te enviamos una cotización.",
                "quote",
            ),
            ("Servicio express", 120000, "Atención el mismo día en el área metropolitana."),
            ("Asesoría virtual 1 hora", 60000, "Sesión por videollamada."),
            ("Paquete empresarial", 0, "Para empresas y conjuntos residenciales.", "quote"),
            ("Taller grupal", 90000, "Taller práctico para grupos de hasta 10 personas."),
        ],
    ),
}

SERVICE_SECTIONS = {"M", "N", "P", "R", "S", "I", "J", "F", "H"}
CATEGORY_BY_CLASS = {
    "1512": "bolsos-y-marroquineria",
    "1521": "calzado",
    "1410": "ropa",
    "1392": "tejidos",
    "3110": "muebles",
    "2023": "cosmetica-natural",
    "2393": "ceramica",
    "3290": "madera",
    "1081": "panaderia-y-reposteria",
    "1082": "cafe-y-chocolate",
    "1053": "dulces-y-postres",
    "1101": "bebidas",
    "1061": "cafe-y-chocolate",
    "4741": "accesorios-para-celular",
    "4773": "plantas-y-jardin",
    "4762": "decoracion",
    "0113": "frutas-verduras-y-campo",
    "5621": "comida-preparada",
    "5619": "comida-preparada",
    "7420": "fotografia-y-video",
    "7410": "diseno-grafico",
    "7310": "diseno-grafico",
    "6920": "contabilidad-y-finanzas",
    "9522": "reparaciones-y-mantenimiento",
    "7912": "recorridos",
    "8130": "plantas-y-jardin",
    "8559": "clases-y-talleres",
}
