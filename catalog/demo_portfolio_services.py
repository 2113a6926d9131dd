"""Hand-written demo portfolios of the businesses that sell services, in the format of
`demo_portfolio_goods`, plus `| desde` (a "from" price) or `| cotizar` (quoted on request, price
0) and `| cat=<slug>`. Each business serves its own town and its neighbours (`SERVICE_AREAS`)."""

SERVICES = {
    "Diseño Pixel Paisa": (
        "diseno-grafico",
        """
Diseño de logo | 450000 | Tres propuestas de logo y manual básico de marca. | desde
Kit de redes sociales | 280000 | Plantillas para Instagram y Facebook a tu medida.
Identidad de marca completa | 0 | Logo, paleta, tipografía, papelería y manual. | cotizar
Diseño de etiqueta de producto | 220000 | Etiqueta lista para imprenta, con normativa INVIMA. | desde
Tarjetas de presentación | 90000 | Diseño e impresión de 500 tarjetas.
Menú para restaurante | 180000 | Diseño de menú impreso y versión digital con QR.
Asesoría de marca 1 hora | 120000 | Sesión virtual para revisar tu marca.
Diseño de empaque | 0 | Empaque a la medida para tu producto. | cotizar
""",
    ),
    "Reparaciones Don Fredy": (
        "reparaciones-y-mantenimiento",
        """
Reparación de nevera a domicilio | 90000 | Diagnóstico y reparación de neveras de todas las marcas; el repuesto se cobra aparte. Garantía de 90 días. | desde
Mantenimiento de lavadora | 85000 | Limpieza de tambor, revisión de motor y cambio de correas. | desde
Visita de diagnóstico | 40000 | Revisamos el electrodoméstico y te damos el presupuesto; si reparas con nosotros, no se cobra.
Reparación de horno microondas | 70000 | Cambio de magnetrón, plato o tarjeta, según el daño. | desde
Instalación de estufa o calentador | 95000 | Instalación a gas natural con prueba de fugas.
Mantenimiento de aire acondicionado | 150000 | Limpieza de filtros y serpentín, revisión de gas refrigerante.
Reparación de licuadora o plancha | 35000 | Pequeños electrodomésticos, recogemos y entregamos en Bello. | desde
Plan de mantenimiento para negocios | 0 | Visitas mensuales para restaurantes y panaderías. | cotizar
""",
    ),
    "Tour Silletero": (
        "recorridos",
        """
Recorrido por fincas silleteras | 120000 | Medio día en Santa Elena con una familia silletera: historia, cultivo de flores y almuerzo campesino. | desde
Taller de silleta para niños | 65000 | Los niños arman su propia silleta pequeña con flores de temporada.
Tour de la Feria de las Flores | 180000 | Desfile de silleteros con silla reservada, transporte y refrigerio (agosto).
Caminata por el Camino de la Cuesta | 75000 | Sendero precolombino de piedra con guía local, 3 horas. | cat=naturaleza-y-aventura
Tour de café y flores | 150000 | Finca cafetera y cultivo de flores en un mismo día.
Ruta de fotografía en Santa Elena | 95000 | Amanecer entre cultivos con un fotógrafo guía.
Recorrido para grupos empresariales | 0 | Integraciones para equipos de 15 a 60 personas. | cotizar
Taller de arreglos florales | 85000 | Aprende a armar un arreglo con flores de la finca y llévatelo.
""",
    ),
    "Consultorías Contables JM": (
        "contabilidad-y-finanzas",
        """
Declaración de renta persona natural | 180000 | Preparamos y presentamos tu declaración ante la DIAN. | desde
Contabilidad mensual para mipymes | 450000 | Registro contable, conciliaciones e informes cada mes. | desde
Liquidación de nómina electrónica | 120000 | Nómina electrónica hasta cinco empleados, con reporte a la DIAN. | desde
Inscripción en el RUT y facturación electrónica | 150000 | Te ayudamos a inscribirte y a emitir tu primera factura electrónica.
Asesoría tributaria 1 hora | 100000 | Resolvemos tus dudas sobre IVA, régimen simple y retenciones.
Estados financieros anuales | 0 | Balance, estado de resultados y notas para tu empresa. | cotizar
Declaración de IVA bimestral | 140000 | Preparación y presentación de la declaración de IVA.
Taller de finanzas para emprendedores | 60000 | Taller de tres horas: precios, costos y flujo de caja.
""",
    ),
    "Estudio Foto Colibrí": (
        "fotografia-y-video",
        """
Fotografía de producto x 10 | 250000 | Diez fotos de producto con fondo blanco, editadas y listas para tu tienda en línea.
Sesión de retratos | 220000 | Sesión de una hora en estudio con diez fotos editadas.
Cubrimiento de eventos | 600000 | Fotografía de cuatro horas para cumpleaños, grados o eventos de empresa. | desde
Video para redes sociales | 350000 | Video vertical de 30 segundos con guion, grabación y edición.
Fotos de comida para menú | 300000 | Quince platos fotografiados en tu restaurante. | desde
Sesión de fotos familiar | 280000 | Sesión al aire libre en un parque de Envigado.
Foto para documento | 18000 | Seis fotos tamaño documento en el estudio.
Video corporativo | 0 | Video institucional con entrevistas y tomas de tu negocio. | cotizar
""",
    ),
    "Bicis Girardota": (
        "reparaciones-y-mantenimiento",
        """
Mantenimiento general de bicicleta | 85000 | Desarme, limpieza, engrase de rodamientos y ajuste de cambios y frenos.
Ajuste de cambios y frenos | 30000 | Ajuste rápido mientras esperas.
Montaje de llanta tubeless | 45000 | Montaje con sellante por rueda.
Cambio de pastillas de freno | 25000 | Mano de obra por rueda; las pastillas se cobran aparte.
Revisión antes de la ruta | 20000 | Revisión de seguridad antes de tu salida de fin de semana.
Salida guiada al Alto de Matasanos | 60000 | Ruta guiada de 40 km con hidratación y asistencia mecánica. | cat=naturaleza-y-aventura
Armado de bicicleta nueva | 70000 | Armado y ajuste de una bicicleta comprada en caja.
Mantenimiento para flotas de domicilios | 0 | Planes para negocios con cinco o más bicicletas. | cotizar
""",
    ),
    "Jardinería Verde Caldas": (
        "plantas-y-jardin",
        """
Mantenimiento de jardín | 120000 | Poda, limpieza de maleza y abono para jardines de hasta 50 m². | desde
Montaje de huerta urbana | 350000 | Camas de cultivo, sustrato y plántulas para tu balcón o terraza. | desde
Diseño de jardín | 0 | Visita, propuesta con plantas nativas y presupuesto. | cotizar
Poda de árboles | 180000 | Poda técnica con permiso ambiental cuando se necesita. | desde
Instalación de jardín vertical | 420000 | Muro verde con riego por goteo, por metro cuadrado.
Taller de compostaje | 50000 | Taller de dos horas para hacer compost en casa. | cat=clases-y-talleres
Fumigación orgánica | 90000 | Control de plagas con productos orgánicos.
Siembra de césped | 25000 | Grama en rollo instalada, por metro cuadrado.
""",
    ),
    "Clases de Inglés Fluent": (
        "clases-y-talleres",
        """
Curso de inglés para adultos | 380000 | Un mes de clases en grupos de seis, dos veces por semana, presencial en Sabaneta o virtual.
Clase particular de inglés | 70000 | Clase individual de una hora, a tu ritmo. | desde
Inglés para niños | 320000 | Un mes de clases con juegos y canciones para niños de 6 a 11 años.
Preparación para examen internacional | 650000 | Ocho semanas de preparación para IELTS o TOEFL.
Inglés para negocios | 450000 | Conversación, correos y presentaciones en inglés.
Club de conversación | 35000 | Dos horas de conversación los sábados.
Prueba de nivel | 0 | Evaluación gratuita para ubicarte en el curso adecuado. | cotizar
Inglés para empresas | 0 | Clases en tu empresa para grupos de empleados. | cotizar
""",
    ),
}

# Services are offered in the business's town and nearby ones.
SERVICE_AREAS = {
    "medellin": ["medellin", "envigado", "bello", "itagui"],
    "bello": ["bello", "medellin", "copacabana"],
    "itagui": ["itagui", "medellin", "envigado", "sabaneta", "la-estrella"],
    "envigado": ["envigado", "medellin", "sabaneta", "itagui"],
    "girardota": ["girardota", "copacabana", "barbosa", "bello"],
    "caldas": ["caldas", "la-estrella", "sabaneta", "itagui"],
    "sabaneta": ["sabaneta", "envigado", "itagui", "la-estrella"],
}
