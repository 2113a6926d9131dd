"""Hand-written demo portfolios of the businesses that sell goods. One listing a line:
`name | price in pesos | description`, then optional `| cat=<slug>` (a category other than the
business's) and `| <option>: <value>=<price>, ...` (variants; the first is the default)."""

GOODS = {
    "Arepas Doña Luz": (
        "comida-preparada",
        """
Arepa de chócolo con quesito | 6500 | Arepa dulce de maíz tierno con quesito antioqueño.
Paquete de 10 arepas de maíz pelao | 9800 | Arepas delgadas listas para asar, hechas esta mañana.
Arepa rellena de carne desmechada | 11900 | Arepa asada rellena de carne desmechada en hogao.
Arepa de queso x 5 | 12500 | Arepas con queso costeño por dentro, para el desayuno.
Arepitas para fiesta x 50 | 38000 | Arepitas de coctel para pasabocas y eventos.
Arepa integral de linaza x 8 | 10500 | Maíz integral y linaza, sin conservantes.
Combo desayuno paisa | 18900 | Arepa, quesito, chocolate y huevos pericos para dos.
Arepa boyacense | 7500 | Arepa dulce rellena de cuajada.
""",
    ),
    "Cueros del Sur": (
        "bolsos-y-marroquineria",
        """
Bolso de cuero tipo tote | 189000 | Bolso amplio en cuero graso curtido en Itagüí. | color: Miel=189000, Negro=189000, Café=189000
Billetera de cuero para hombre | 69000 | Billetera con monedero y ocho ranuras.
Correa de cuero clásica | 59000 | Correa en cuero de 3,5 cm con hebilla niquelada. | talla: 32=59000, 34=59000, 36=59000, 38=62000
Morral de cuero urbano | 249000 | Morral con compartimiento para portátil de 14 pulgadas.
Tarjetero minimalista | 35000 | Tarjetero delgado en cuero vegetal.
Cartera de mano para dama | 129000 | Cartera con cierre metálico y correa removible.
Llavero de cuero grabado | 18000 | Llavero con tu inicial grabada a fuego.
Portapasaporte de cuero | 45000 | Protege tu pasaporte y tiquetes en viaje.
""",
    ),
    "Café La Montañera": (
        "cafe-y-chocolate",
        """
Café de origen molido 500 g | 32000 | Notas de panela y cítricos, tostión media. | molienda: Media=32000, Fina=32000, Gruesa=32000
Café en grano 1 kg | 58000 | Grano arábica de Ciudad Bolívar, tostado cada semana.
Café especial honey 250 g | 28000 | Proceso honey, dulce y con cuerpo.
Cápsulas compatibles x 10 | 19900 | Cápsulas compostables de café de origen.
Kit de cafetera de filtro | 89000 | Dripper, filtros y 250 g de café para empezar.
Café descafeinado 340 g | 30000 | Descafeinado natural con agua de montaña.
Panela pulverizada 500 g | 8500 | Panela orgánica para acompañar tu tinto.
Bolsa regalo cafetera | 65000 | Dos cafés de origen y una taza de cerámica.
""",
    ),
    "Calzado Rayito": (
        "calzado",
        """
Tenis de cuero blanco | 159000 | Tenis unisex en cuero, suela cosida. | talla: 36=159000, 37=159000, 38=159000, 39=159000, 40=159000, 41=159000
Sandalia de dama trenzada | 89000 | Sandalia plana con tiras trenzadas en cuero. | talla: 35=89000, 36=89000, 37=89000, 38=89000
Zapato escolar negro | 99000 | Zapato escolar resistente, del 28 al 40. | talla: 28 a 33=89000, 34 a 40=99000
Botín de cuero para hombre | 219000 | Botín con suela antideslizante.
Mocasín clásico | 149000 | Mocasín en cuero suave, ideal para oficina.
Baleta de dama | 79000 | Baleta cómoda en cuero napa.
Alpargata de fique | 59000 | Alpargata tradicional con suela de fique.
Tenis infantil con luces | 89000 | Tenis para niños con luces LED.
""",
    ),
    "Dulces de la Abuela": (
        "dulces-y-postres",
        """
Obleas con arequipe x 6 | 15000 | Obleas crujientes con arequipe casero.
Cocadas de panela x 12 | 14000 | Cocadas de coco con panela.
Bocadillo veleño en hoja | 9000 | Bocadillo de guayaba envuelto en hoja de bijao.
Arequipe casero 500 g | 16000 | Arequipe cocinado a fuego lento en paila.
Caja surtida de dulces típicos | 39000 | Cocadas, bocadillos, panelitas y obleas.
Brevas con arequipe | 18000 | Brevas caladas rellenas de arequipe.
Panelitas de leche x 20 | 12000 | Panelitas blandas de leche.
Manjar blanco 250 g | 11000 | Manjar blanco tradicional.
""",
    ),
    "Tejidos Manos de Oro": (
        "tejidos",
        """
Mochila tejida en fique | 95000 | Mochila de fique natural tejida a mano en Girardota, con cordón trenzado y forro de tela. Cada una tarda tres días.
Cojín tejido en telar 45 x 45 cm | 68000 | Funda de cojín en algodón tejida en telar, con relleno de fibra siliconada. | color: Tierra=68000, Mostaza=68000, Verde selva=68000
Manta de lana para sofá | 149000 | Manta de 1,30 x 1,70 m en lana de oveja y algodón, ideal para las noches frías.
Individuales de fique x 4 | 52000 | Juego de cuatro individuales redondos de 35 cm, lavables a mano.
Canasto multiuso tejido | 58000 | Canasto de fibra natural con asas, para ropa, juguetes o plantas. | tamaño: Mediano=58000, Grande=76000
Bolso playero en paja | 84000 | Bolso amplio en paja tejida con asas de cuero.
Tapete de yute redondo | 119000 | Tapete de 90 cm de diámetro tejido en yute.
Llaveros tejidos x 3 | 18000 | Tres llaveros en mostacilla y fique, buenos para detalles.
""",
    ),
    "Floristería El Jardín": (
        "plantas-y-jardin",
        """
Ramo de 12 rosas | 85000 | Rosas rojas de Santa Elena con follaje y papel kraft. Entrega el mismo día en Medellín. | color: Rojas=85000, Blancas=85000, Surtidas=89000
Arreglo de girasoles | 72000 | Seis girasoles con eucalipto en base de madera.
Orquídea en matera de cerámica | 98000 | Orquídea phalaenopsis con dos varas, en matera pintada a mano.
Suculentas en trío | 45000 | Tres suculentas en materas de barro, fáciles de cuidar.
Bouquet de flores silvestres | 65000 | Astromelias, margaritas y lisianthus de temporada.
Arreglo fúnebre | 260000 | Arreglo de pie con rosas y lirios blancos, con cinta y mensaje.
Anturio en matera | 56000 | Anturio rojo de interior, florece todo el año.
Caja de rosas preservadas | 135000 | Rosas preservadas que duran hasta un año sin agua.
""",
    ),
    "Panadería La Espiga": (
        "panaderia-y-reposteria",
        """
Pandequeso x 6 | 9000 | Pandequeso de almidón y queso costeño, crocante por fuera.
Pan de bono x 6 | 9600 | Pan de bono de yuca y queso, horneado cada mañana.
Buñuelos x 10 | 12000 | Buñuelos antioqueños redondos y dorados, para la novena o el desayuno.
Pan aliñado grande | 8500 | Pan suave con mantequilla y un toque de azúcar, de 600 g.
Pan integral de masa madre | 14000 | Masa madre de 24 horas, harina integral y semillas.
Roscón de guayaba | 7500 | Roscón relleno de bocadillo y cubierto con azúcar.
Torta negra en porción | 6000 | Torta de frutas maceradas en vino, receta de la casa.
Mantecadas x 4 | 8000 | Mantecadas esponjosas de mantequilla.
""",
    ),
    "Moda Sostenible Aburrá": (
        "ropa",
        """
Camiseta en algodón reciclado | 59000 | Camiseta unisex teñida con tintes naturales de achiote y nogal. | talla: S=59000, M=59000, L=59000, XL=62000
Blusa de lino | 119000 | Blusa fresca de lino con botones de tagua. | talla: S=119000, M=119000, L=119000
Chaqueta en jean recuperado | 189000 | Chaqueta armada con retazos de jean recuperado, pieza única. | talla: S=189000, M=189000, L=189000
Falda midi estampada | 98000 | Falda de viscosa con estampado de hojas de yarumo. | talla: S=98000, M=98000, L=98000
Pantalón palazzo | 129000 | Pantalón amplio de tiro alto en lino y algodón. | talla: S=129000, M=129000, L=129000
Bolsa de tela reutilizable | 25000 | Bolsa de lona estampada para el mercado.
Buso de algodón orgánico | 139000 | Buso cuello redondo, cálido y liviano. | talla: S=139000, M=139000, L=139000, XL=142000
Pañoleta teñida a mano | 45000 | Pañoleta de algodón teñida con índigo.
""",
    ),
    "Muebles El Roble": (
        "muebles",
        """
Mesa de centro en roble | 480000 | Mesa de 90 x 50 cm en roble de cultivo con acabado natural. Se entrega armada.
Silla de comedor en madera | 260000 | Silla con asiento tejido en cuerda de algodón. | acabado: Natural=260000, Nogal=275000
Biblioteca de cinco entrepaños | 690000 | Biblioteca de 1,80 m en pino y roble, con anclaje a la pared.
Mesa de noche con cajón | 320000 | Mesa de noche con cajón de cierre suave.
Banco de entrada | 290000 | Banco de 1 m con repisa para zapatos.
Escritorio para estudio | 560000 | Escritorio de 1,20 m con pasacables, pensado para trabajar en casa.
Repisa flotante | 95000 | Repisa de 60 cm con herrajes ocultos. | largo: 60 cm=95000, 90 cm=125000
Taburete alto | 210000 | Taburete para barra de cocina, altura de 65 cm.
""",
    ),
    "Catering Sabor Paisa": (
        "comida-preparada",
        """
Bandeja paisa | 32000 | Frijoles, arroz, carne molida, chicharrón, chorizo, huevo, tajada, arepa y aguacate.
Fiambre antioqueño | 24000 | Arroz, carne, papa y plátano envueltos en hoja de plátano, como para el paseo.
Bandeja de pasabocas x 50 | 145000 | Empanaditas, aborrajados, deditos de queso y salsas de la casa.
Sancocho trifásico para 10 | 220000 | Sancocho de res, cerdo y pollo con mazorca, yuca y plátano.
Almuerzo ejecutivo | 18000 | Sopa del día, seco con proteína, ensalada y jugo natural.
Mondongo antioqueño | 26000 | Mondongo con papa, yuca y chorizo, con arroz y aguacate.
Tamal antioqueño x 2 | 19000 | Tamales de cerdo y pollo envueltos en hoja de bijao.
Postre de natas en porción | 8000 | Postre tradicional de natas de leche, como el de la abuela.
""",
    ),
    "Belleza Natural Sabaneta": (
        "cosmetica-natural",
        """
Jabón artesanal de avena y miel | 14000 | Jabón en barra de 110 g, para piel sensible.
Champú sólido de romero | 32000 | Champú en barra que rinde como dos frascos, sin sulfatos. | cat=cuidado-del-cabello
Crema corporal de cacao | 38000 | Crema de 200 ml con manteca de cacao colombiano.
Bálsamo labial de caléndula | 12000 | Bálsamo en lata de 15 g con cera de abejas.
Desodorante natural en crema | 26000 | Desodorante de bicarbonato y aceite de coco, sin aluminio. | aroma: Lavanda=26000, Limonaria=26000
Aceite capilar de coco y aguacate | 29000 | Aceite de 60 ml para puntas secas. | cat=cuidado-del-cabello
Exfoliante de café | 27000 | Exfoliante corporal con borra de café y azúcar morena.
Kit de cuidado facial | 89000 | Limpiador, tónico de rosas y crema hidratante.
""",
    ),
    "TecnoSoluciones Bello": (
        "accesorios-para-celular",
        """
Cargador rápido USB-C 20 W | 39000 | Cargador de pared con certificación, compatible con la mayoría de celulares.
Cable USB-C trenzado 2 m | 22000 | Cable reforzado en nailon, con garantía de seis meses.
Audífonos inalámbricos | 119000 | Audífonos Bluetooth con estuche de carga y 20 horas de batería. | color: Negro=119000, Blanco=119000
Forro antigolpes | 35000 | Forro de silicona con esquinas reforzadas. | modelo: Samsung A15=35000, Samsung A25=35000, iPhone 13=38000, Xiaomi Redmi 13=35000
Vidrio templado | 18000 | Protector de pantalla con instalación gratis en el local.
Batería externa 10.000 mAh | 79000 | Power bank delgada con dos salidas y carga rápida.
Soporte de celular para carro | 32000 | Soporte magnético para la rejilla del aire.
Mouse inalámbrico | 45000 | Mouse silencioso con receptor USB. | cat=computadores-y-accesorios
""",
    ),
    "Cerámicas La Estrella": (
        "ceramica",
        """
Taza de cerámica pintada a mano | 32000 | Taza de 350 ml con flores pintadas a mano, apta para microondas.
Vajilla de 16 piezas | 390000 | Cuatro platos hondos, cuatro pandos, cuatro postreros y cuatro tazas en gres.
Matera de cerámica con plato | 48000 | Matera esmaltada con agujero de drenaje. | tamaño: Pequeña=48000, Mediana=68000, Grande=92000
Plato decorativo silletero | 85000 | Plato de pared de 30 cm con motivo de silleta.
Juego de mugs x 2 | 58000 | Dos mugs de gres esmaltado en azul y terracota.
Jarrón de barro | 110000 | Jarrón de 35 cm en barro cocido con acabado mate.
Portavelas de cerámica | 26000 | Portavelas calado que proyecta estrellas.
Bandeja para servir | 75000 | Bandeja rectangular de 35 cm para pasabocas.
""",
    ),
    "Orgánicos de Barbosa": (
        "frutas-verduras-y-campo",
        """
Canasta de frutas de temporada | 48000 | Unos 6 kg de mango, piña, guayaba y banano cosechados esta semana en Barbosa.
Mercado orgánico semanal | 89000 | Hortalizas, frutas y hierbas para una familia de cuatro. Entrega los jueves.
Piña oro miel x 2 | 14000 | Dos piñas dulces cosechadas en su punto.
Aguacates Hass x 6 | 16000 | Aguacates listos para comer en dos o tres días.
Huevos de campo x 30 | 24000 | Huevos de gallinas en pastoreo, con yema naranja.
Panela orgánica x 4 | 18000 | Cuatro panelas de 500 g de trapiche familiar.
Lechugas hidropónicas x 3 | 9000 | Lechuga crespa, morada y romana.
Limones mandarinos 2 kg | 8000 | Limones jugosos para limonada y aliños.
""",
    ),
    "Heladería Frutal": (
        "dulces-y-postres",
        """
Paletas de fruta x 6 | 21000 | Paletas de mango biche, maracuyá y lulo hechas con fruta de verdad.
Helado de guanábana 1 litro | 26000 | Helado cremoso de guanábana sin colorantes.
Helado de coco 1 litro | 26000 | Helado de coco rallado y leche de coco.
Cholado para llevar | 14000 | Hielo raspado, frutas picadas, lecherita y salpicón.
Paleta de maracuyá con chocolate | 5500 | Paleta cremosa bañada en chocolate semiamargo.
Torta helada de mora | 68000 | Torta para ocho porciones con capas de helado de mora y vainilla.
Helado de arequipe 1 litro | 27000 | Helado de leche con remolinos de arequipe.
Sorbete de lulo x 4 | 16000 | Cuatro sorbetes de lulo para tomar.
""",
    ),
    "Chocolates Cacao Vivo": (
        "cafe-y-chocolate",
        """
Chocolate de mesa 500 g | 18000 | Pastillas de cacao puro con canela, para chocolate caliente.
Barra de chocolate 70 % cacao | 12000 | Chocolate oscuro de cacao de Urabá, 80 g.
Bombones surtidos x 12 | 45000 | Bombones rellenos de maracuyá, café y arequipe. | caja: 12 unidades=45000, 24 unidades=85000
Nibs de cacao 250 g | 19000 | Trozos de cacao tostado para yogur, granola o repostería.
Chocolate con leche y maní | 11000 | Barra de 80 g con maní tostado.
Cacao en polvo 300 g | 22000 | Cacao sin azúcar para bebidas y tortas.
Chocolatina de café | 10000 | Chocolate blanco con café de Antioquia.
Caja regalo de cacao | 69000 | Tres barras, chocolate de mesa y una tasa de madera para batir.
""",
    ),
    "Confecciones Copacabana": (
        "ropa",
        """
Uniforme escolar de diario | 98000 | Jardinera o pantalón y camisa, con el escudo bordado de tu colegio. | talla: 6=98000, 8=98000, 10=102000, 12=106000, 14=110000
Sudadera escolar completa | 115000 | Chaqueta y pantalón en perchado con reata del colegio. | talla: 6=115000, 8=115000, 10=120000, 12=125000
Camiseta tipo polo bordada | 42000 | Polo en piqué con el logo de tu empresa bordado (mínimo 12). | talla: S=42000, M=42000, L=42000, XL=45000
Overol de trabajo | 89000 | Overol en dril con cinta reflectiva.
Delantal de cocina | 28000 | Delantal en lona con bolsillos, bordado opcional.
Bata de laboratorio | 65000 | Bata antifluidos de manga larga.
Camisa de dotación | 58000 | Camisa oxford manga larga para dotación.
Chaqueta impermeable | 135000 | Chaqueta con capota para motorizados y mensajeros.
""",
    ),
    "Artesanías Guayacán": (
        "madera",
        """
Tabla para picar en guayacán | 65000 | Tabla de 40 x 25 cm en una sola pieza, curada con aceite mineral.
Juego de cucharas de palo x 3 | 32000 | Cucharas talladas a mano para la cocina.
Pesebre en madera tallada | 180000 | Nacimiento de nueve figuras talladas y pintadas a mano.
Portarretrato en guadua | 38000 | Marco para foto de 10 x 15 cm.
Caja de madera para té | 72000 | Caja con seis compartimentos y tapa de vidrio.
Lámpara de guadua | 150000 | Lámpara de mesa calada con bombillo LED cálido. | cat=decoracion
Chiva decorativa | 95000 | Chiva de madera pintada a mano, de 30 cm.
Mortero de madera | 42000 | Mortero con mano para ajo y especias.
""",
    ),
    "Mascotas Felices": (
        "mascotas",
        """
Cama para perro acolchada | 98000 | Cama lavable con bordes altos y base antideslizante. | tamaño: Pequeña=98000, Mediana=128000, Grande=158000
Collar con placa grabada | 35000 | Collar de reata con placa y el nombre de tu mascota.
Rascador para gato | 119000 | Rascador de sisal con dos niveles y cama.
Galletas naturales para perro | 18000 | Galletas horneadas de avena, zanahoria y pollo, 250 g.
Pechera acolchada | 52000 | Pechera ajustable con argolla para traílla. | talla: S=52000, M=55000, L=58000
Comedero doble en acero | 39000 | Dos platos de acero con base de madera.
Juguete de cuerda | 15000 | Cuerda de algodón para morder y jalar.
Arena para gato 10 kg | 45000 | Arena aglomerante con control de olores.
""",
    ),
    "Licores de Frutas Envigado": (
        "bebidas",
        """
Crema de café 750 ml | 48000 | Crema de licor con café de Antioquia. Venta solo a mayores de 18 años.
Licor de mora 375 ml | 32000 | Licor dulce de mora de Castilla, 14 % vol. Venta solo a mayores de 18 años.
Crema de arequipe 750 ml | 52000 | Crema de licor con arequipe casero. Venta solo a mayores de 18 años.
Vino de uchuva 750 ml | 45000 | Vino frutal semiseco de uchuva. Venta solo a mayores de 18 años.
Licor de maracuyá 375 ml | 32000 | Licor ácido y dulce para cocteles. Venta solo a mayores de 18 años.
Kit de tres cremas pequeñas | 58000 | Café, arequipe y coco en botellas de 200 ml. Venta solo a mayores de 18 años.
Crema de coco 750 ml | 50000 | Crema de licor de coco. Venta solo a mayores de 18 años.
Sangría de frutas 1 litro | 38000 | Sangría lista para servir con frutas de la región. Venta solo a mayores de 18 años.
""",
    ),
    "Marroquinería Estilo": (
        "bolsos-y-marroquineria",
        """
Morral en lona y cuero | 169000 | Morral de lona encerada con base y correas de cuero, para portátil de 15 pulgadas. | color: Verde oliva=169000, Azul=169000, Negro=169000
Maletín ejecutivo | 289000 | Maletín de cuero con dos compartimentos y correa para el hombro.
Riñonera de cuero | 79000 | Riñonera con cierre y bolsillo interno.
Bolso de viaje | 259000 | Bolso de lona y cuero de 40 litros para fin de semana.
Estuche para portátil | 95000 | Funda acolchada en lona. | tamaño: 13 pulgadas=95000, 15 pulgadas=105000
Manos libres en cuero | 89000 | Bolso pequeño cruzado para celular y documentos.
Neceser de lona | 49000 | Neceser impermeable por dentro.
Portacelular para correa | 39000 | Estuche de cuero que se lleva en la correa.
""",
    ),
}
