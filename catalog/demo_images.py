"""Demo product photos: flat illustrations drawn with Pillow, one motif per category on a soft
backdrop, in one style (thick dark outline, two-tone fills, a shadow on a tabletop). The colours
vary per listing so a business's cards do not all look alike. No text is ever drawn."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from PIL import Image, ImageDraw

from . import demo_motifs as motifs
from .demo_motifs import INK

WIDTH, HEIGHT, SCALE = 800, 600, 2

# Backdrop (light) and object colours per top-level family of categories.
FAMILIES = {
    "food": ((253, 240, 222), [(232, 160, 60), (214, 98, 62), (150, 94, 54), (238, 196, 90)]),
    "fashion": ((240, 232, 246), [(122, 82, 160), (198, 84, 112), (64, 120, 168), (168, 112, 70)]),
    "craft": ((244, 236, 226), [(186, 112, 64), (94, 140, 104), (200, 150, 72), (160, 86, 70)]),
    "home": ((230, 242, 234), [(86, 150, 102), (190, 132, 74), (70, 128, 140), (204, 170, 96)]),
    "beauty": (
        (250, 234, 238),
        [(214, 120, 150), (120, 168, 130), (236, 180, 120), (150, 120, 190)],
    ),
    "tech": ((228, 236, 248), [(60, 90, 140), (80, 160, 200), (70, 70, 84), (220, 110, 80)]),
    "service": ((232, 240, 246), [(48, 112, 160), (230, 142, 60), (90, 150, 110), (176, 80, 96)]),
}

MOTIFS = {
    "comida-preparada": ("food", motifs.plate),
    "panaderia-y-reposteria": ("food", motifs.bread),
    "cafe-y-chocolate": ("food", motifs.mug),
    "dulces-y-postres": ("food", motifs.cake),
    "bebidas": ("food", motifs.bottle),
    "frutas-verduras-y-campo": ("food", motifs.fruit),
    "salsas-y-conservas": ("food", motifs.jar),
    "ropa": ("fashion", motifs.shirt),
    "calzado": ("fashion", motifs.shoe),
    "bolsos-y-marroquineria": ("fashion", motifs.handbag),
    "joyeria-y-bisuteria": ("fashion", motifs.necklace),
    "tejidos": ("craft", motifs.woven_bag),
    "madera": ("craft", motifs.board),
    "ceramica": ("craft", motifs.vase),
    "velas-y-aromas": ("craft", motifs.candle),
    "muebles": ("home", motifs.chair),
    "decoracion": ("home", motifs.lamp),
    "plantas-y-jardin": ("home", motifs.plant),
    "mascotas": ("home", motifs.pet_bowl),
    "cosmetica-natural": ("beauty", motifs.cosmetics),
    "cuidado-del-cabello": ("beauty", motifs.cosmetics),
    "accesorios-para-celular": ("tech", motifs.phone),
    "computadores-y-accesorios": ("tech", motifs.laptop),
    "tecnologia-y-web": ("tech", motifs.laptop),
    "reparaciones-y-mantenimiento": ("service", motifs.wrench),
    "contabilidad-y-finanzas": ("service", motifs.ledger),
    "asesoria-legal": ("service", motifs.ledger),
    "aseo": ("service", motifs.bucket),
    "diseno-grafico": ("service", motifs.palette),
    "fotografia-y-video": ("service", motifs.camera),
    "eventos-y-recreacion": ("service", motifs.balloons),
    "clases-y-talleres": ("service", motifs.book),
    "recorridos": ("service", motifs.mountains),
    "naturaleza-y-aventura": ("service", motifs.mountains),
}


class Pen:
    """Draws in 800x600 units on a canvas twice as large (downsampled at the end for smooth
    edges), every shape with the same dark outline."""

    def __init__(self, draw: ImageDraw.ImageDraw):
        self.draw = draw

    @staticmethod
    def _box(box):
        return [v * SCALE for v in box]

    def ellipse(self, box, fill, outline=INK, width=5):
        self.draw.ellipse(self._box(box), fill=fill, outline=outline, width=width * SCALE)

    def rect(self, box, fill, radius=12, outline=INK, width=5):
        self.draw.rounded_rectangle(
            self._box(box), radius * SCALE, fill=fill, outline=outline, width=width * SCALE
        )

    def poly(self, points, fill, outline=INK, width=5):
        scaled = [(x * SCALE, y * SCALE) for x, y in points]
        self.draw.polygon(scaled, fill=fill)
        if outline:
            self.draw.line([*scaled, scaled[0]], fill=outline, width=width * SCALE, joint="curve")

    def line(self, points, fill=INK, width=5):
        self.draw.line(
            [(x * SCALE, y * SCALE) for x, y in points],
            fill=fill,
            width=width * SCALE,
            joint="curve",
        )

    def arc(self, box, start, end, fill=INK, width=5):
        self.draw.arc(self._box(box), start, end, fill=fill, width=width * SCALE)


def shade(colour, factor: float):
    """Lighter (factor > 1) or darker (< 1) version of an RGB colour."""
    if factor >= 1:
        return tuple(int(c + (255 - c) * (factor - 1)) for c in colour)
    return tuple(int(c * factor) for c in colour)


def draw_listing_picture(category_slug: str, seed: int) -> Image.Image:
    family, motif = MOTIFS.get(category_slug, ("home", motifs.lamp))
    backdrop, colours = FAMILIES[family]
    rng = random.Random(seed)  # noqa: S311 (decoration, not secrets)
    main = colours[seed % len(colours)]
    accent = colours[(seed + 1 + rng.randrange(len(colours) - 1)) % len(colours)]
    image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), backdrop)
    pen = Pen(ImageDraw.Draw(image))
    # Confetti of soft dots, then a halo and a tabletop with the object's shadow.
    for _ in range(18):
        x, y, r = rng.randrange(WIDTH), rng.randrange(HEIGHT), rng.randrange(4, 10)
        pen.ellipse((x - r, y - r, x + r, y + r), shade(accent, 1.6), outline=None, width=0)
    pen.ellipse((190, 60, 610, 480), shade(backdrop, 1.5), outline=None, width=0)
    pen.rect((-20, 470, WIDTH + 20, HEIGHT + 20), shade(backdrop, 0.93), radius=0, outline=None)
    pen.ellipse((230, 448, 570, 498), shade(backdrop, 0.82), outline=None, width=0)
    motif(pen, main, accent, rng)
    return image.resize((WIDTH, HEIGHT), Image.LANCZOS)


def demo_photo(name: str, category_slug: str, seed: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    draw_listing_picture(category_slug, seed).save(buffer, "JPEG", quality=86)
    return SimpleUploadedFile(f"{slugify(name)[:60]}.jpg", buffer.getvalue())
