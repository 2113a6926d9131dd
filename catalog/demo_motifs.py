"""The objects of the demo illustrations, one function per category motif. Each draws on a
`demo_images.Pen` in 800x600 units, centred near (400, 300), standing on the tabletop at y=470."""

INK = (52, 42, 48)
CREAM, WHITE, GOLD, GREEN, BROWN = (
    (252, 244, 226),
    (255, 255, 255),
    (240, 190, 70),
    (90, 160, 90),
    (140, 92, 56),
)


def _light(colour, amount=0.45):
    return tuple(int(c + (255 - c) * amount) for c in colour)


def _dark(colour, amount=0.75):
    return tuple(int(c * amount) for c in colour)


def plate(pen, main, accent, rng):
    pen.ellipse((170, 300, 630, 480), WHITE)
    pen.ellipse((220, 325, 580, 455), CREAM, width=3)
    for x, y in ((300, 350), (420, 340), (360, 395)):
        pen.ellipse((x - 80, y - 42, x + 80, y + 42), GOLD)
        pen.line([(x - 40, y - 10), (x + 40, y - 10)], _dark(GOLD), 4)
        pen.line([(x - 40, y + 12), (x + 40, y + 12)], _dark(GOLD), 4)
    pen.ellipse((470, 300, 540, 340), GREEN, width=4)


def bread(pen, main, accent, rng):
    pen.ellipse((200, 300, 520, 460), _light(BROWN, 0.25))
    for x in (280, 340, 400, 460):
        pen.arc((x - 30, 330, x + 30, 420), 200, 340, _dark(BROWN), 5)
    for x, y in ((540, 400), (600, 420), (470, 250)):
        pen.ellipse((x - 55, y - 50, x + 55, y + 50), GOLD)
        pen.ellipse((x - 25, y - 25, x + 5, y - 5), _light(GOLD), outline=None, width=0)


def mug(pen, main, accent, rng):
    pen.rect((280, 230, 480, 460), main, radius=26)
    pen.arc((440, 280, 540, 400), 270, 90, INK, 20)
    pen.arc((440, 280, 540, 400), 270, 90, main, 10)
    pen.rect((280, 300, 480, 340), _light(main), radius=0, width=0, outline=None)
    pen.ellipse((290, 215, 470, 250), BROWN)
    for x in (330, 380, 430):
        pen.arc((x - 20, 120, x + 20, 200), 100, 260, _light(INK, 0.5), 5)
    for x, y in ((560, 440), (600, 455), (230, 450)):
        pen.ellipse((x - 22, y - 15, x + 22, y + 15), BROWN)
        pen.line([(x - 12, y), (x + 12, y)], _dark(BROWN), 3)


def cake(pen, main, accent, rng):
    pen.ellipse((220, 420, 580, 480), WHITE)
    pen.rect((250, 270, 550, 450), CREAM, radius=18)
    pen.rect((250, 330, 550, 360), main, radius=0)
    pen.rect((250, 400, 550, 425), accent, radius=0)
    pen.ellipse((250, 245, 550, 300), _light(main, 0.6))
    for x in (300, 350, 400, 450, 500):
        pen.ellipse((x - 14, 240, x + 14, 268), (200, 40, 60), width=3)


def bottle(pen, main, accent, rng):
    pen.rect((300, 230, 400, 460), main, radius=30)
    pen.rect((330, 140, 370, 240), main, radius=8)
    pen.rect((325, 120, 375, 150), BROWN, radius=6)
    pen.rect((300, 310, 400, 390), CREAM, radius=0)
    pen.ellipse((330, 330, 370, 370), accent, width=3)
    pen.poly([(450, 300), (560, 300), (540, 460), (470, 460)], _light(accent, 0.6))
    pen.rect((462, 380, 548, 455), accent, radius=0, width=0, outline=None)
    pen.ellipse((520, 270, 580, 330), (240, 200, 60))


def fruit(pen, main, accent, rng):
    pen.poly([(200, 350), (600, 350), (560, 470), (240, 470)], _light(BROWN, 0.3))
    for y in (385, 420, 450):
        pen.line([(225, y), (575, y)], _dark(BROWN), 3)
    colours = [(240, 170, 40), (220, 60, 60), (120, 180, 60), (250, 210, 60), (200, 100, 40)]
    for i, (x, y) in enumerate(((270, 320), (350, 300), (430, 310), (510, 325), (390, 250))):
        colour = colours[(i + rng.randrange(5)) % 5]
        pen.ellipse((x - 50, y - 50, x + 50, y + 50), colour)
        pen.ellipse((x + 5, y - 70, x + 45, y - 45), GREEN, width=3)


def jar(pen, main, accent, rng):
    pen.rect((300, 250, 500, 465), _light(main, 0.1), radius=30)
    pen.rect((310, 215, 490, 260), GOLD, radius=8)
    pen.poly([(285, 230), (515, 230), (540, 270), (260, 270)], accent)
    pen.rect((330, 330, 470, 410), CREAM, radius=10)
    pen.ellipse((380, 345, 420, 395), main, width=3)


def shirt(pen, main, accent, rng):
    pen.poly(
        [
            (300, 170),
            (360, 150),
            (440, 150),
            (500, 170),
            (590, 250),
            (540, 300),
            (500, 270),
            (500, 460),
            (300, 460),
            (300, 270),
            (260, 300),
            (210, 250),
        ],
        main,
    )
    pen.arc((360, 120, 440, 190), 20, 160, INK, 6)
    pen.rect((360, 260, 440, 290), accent, radius=6, width=3)


def shoe(pen, main, accent, rng):
    pen.poly(
        [
            (190, 430),
            (200, 300),
            (290, 290),
            (350, 360),
            (520, 380),
            (610, 410),
            (610, 440),
            (190, 440),
        ],
        main,
    )
    pen.rect((180, 430, 620, 465), CREAM, radius=14)
    for x in (300, 330, 360):
        pen.line([(x, 330), (x + 30, 310)], WHITE, 5)
    pen.line([(200, 330), (290, 320)], accent, 8)


def handbag(pen, main, accent, rng):
    pen.arc((300, 150, 500, 350), 180, 360, INK, 22)
    pen.arc((300, 150, 500, 350), 180, 360, _dark(main), 12)
    pen.poly([(240, 250), (560, 250), (600, 465), (200, 465)], main)
    pen.rect((240, 250, 560, 300), _dark(main, 0.85), radius=0)
    pen.rect((380, 285, 420, 325), GOLD, radius=6, width=4)


def necklace(pen, main, accent, rng):
    pen.arc((220, 80, 580, 420), 20, 160, _light(INK, 0.4), 5)
    for i in range(11):
        x = 260 + i * 28
        y = 330 + int(((i - 5) ** 2) * -3) + 60
        pen.ellipse((x - 12, y - 12, x + 12, y + 12), accent if i % 2 else GOLD, width=3)
    pen.poly([(400, 400), (440, 440), (400, 480), (360, 440)], main)


def woven_bag(pen, main, accent, rng):
    pen.line([(300, 240), (340, 120), (460, 120), (500, 240)], INK, 14)
    pen.rect((260, 230, 540, 465), main, radius=40)
    colours = [accent, CREAM, _dark(main), GOLD]
    for row, y in enumerate(range(270, 440, 40)):
        points = [(270 + i * 26, y + (10 if i % 2 else -10)) for i in range(11)]
        pen.line(points, colours[row % 4], 8)


def board(pen, main, accent, rng):
    wood = _light(BROWN, 0.35)
    pen.rect((200, 300, 520, 460), wood, radius=30)
    pen.rect((510, 355, 610, 405), wood, radius=20)
    for y in (340, 380, 420):
        pen.arc((230, y - 20, 480, y + 20), 190, 350, _dark(wood, 0.8), 3)
    pen.ellipse((250, 200, 330, 290), wood)
    pen.line([(290, 290), (300, 440)], INK, 18)
    pen.line([(290, 290), (300, 440)], wood, 8)


def vase(pen, main, accent, rng):
    pen.poly(
        [
            (340, 150),
            (460, 150),
            (450, 200),
            (530, 300),
            (500, 465),
            (300, 465),
            (270, 300),
            (350, 200),
        ],
        main,
    )
    pen.line([(290, 300), (510, 300)], CREAM, 10)
    pen.line([(285, 360), (515, 360)], accent, 12)
    pen.line([(295, 415), (505, 415)], CREAM, 8)


def candle(pen, main, accent, rng):
    pen.rect((320, 250, 480, 465), CREAM, radius=18)
    pen.rect((320, 360, 480, 420), main, radius=0)
    pen.line([(400, 250), (400, 215)], INK, 5)
    pen.poly([(400, 120), (430, 180), (400, 215), (370, 180)], GOLD)
    pen.ellipse((385, 165, 415, 205), (250, 140, 40), outline=None, width=0)


def chair(pen, main, accent, rng):
    wood = _light(BROWN, 0.2) if rng.random() < 0.5 else main
    pen.rect((290, 130, 510, 310), wood, radius=16)
    pen.rect((320, 160, 480, 280), accent, radius=8, width=3)
    pen.rect((270, 300, 530, 340), wood, radius=8)
    for x in (285, 495):
        pen.rect((x, 335, x + 20, 465), wood, radius=4)


def lamp(pen, main, accent, rng):
    pen.poly([(310, 150), (490, 150), (540, 290), (260, 290)], main)
    pen.rect((390, 290, 410, 430), BROWN, radius=4)
    pen.ellipse((320, 420, 480, 470), _dark(main))
    pen.ellipse((380, 280, 420, 310), GOLD, width=3)


def plant(pen, main, accent, rng):
    for angle, (x, y) in enumerate(((320, 200), (400, 150), (480, 200), (350, 260), (450, 260))):
        green = (70 + angle * 12, 150 + angle * 6, 80)
        pen.ellipse((x - 45, y - 80, x + 45, y + 60), green)
        pen.line([(x, y - 60), (400, 330)], _dark(green), 4)
    pen.poly([(300, 320), (500, 320), (470, 465), (330, 465)], main)
    pen.rect((290, 300, 510, 340), _dark(main, 0.85), radius=6)


def pet_bowl(pen, main, accent, rng):
    pen.poly([(240, 380), (560, 380), (520, 465), (280, 465)], main)
    pen.ellipse((240, 360, 560, 400), _dark(main, 0.7))
    for x, y in ((330, 365), (380, 355), (430, 362), (475, 368)):
        pen.ellipse((x - 18, y - 12, x + 18, y + 12), BROWN, width=3)
    for x, y, r in ((400, 230, 50), (330, 170, 24), (375, 145, 24), (425, 145, 24), (470, 170, 24)):
        pen.ellipse((x - r, y - r, x + r, y + r), accent)


def cosmetics(pen, main, accent, rng):
    pen.rect((260, 220, 380, 465), main, radius=24)
    pen.rect((300, 170, 340, 225), CREAM, radius=6)
    pen.rect((320, 150, 380, 175), CREAM, radius=6)
    pen.rect((270, 300, 370, 380), CREAM, radius=10, width=3)
    pen.ellipse((300, 320, 340, 360), GREEN, width=3)
    pen.rect((410, 370, 580, 465), accent, radius=24)
    pen.ellipse((440, 385, 550, 430), _light(accent), outline=None, width=0)


def phone(pen, main, accent, rng):
    pen.rect((300, 120, 480, 465), (44, 44, 56), radius=30)
    pen.rect((315, 150, 465, 430), _light(main, 0.3), radius=12, width=3)
    pen.ellipse((360, 200, 420, 260), accent, width=3)
    pen.rect((340, 300, 440, 320), WHITE, radius=6, width=0, outline=None)
    pen.rect((340, 340, 410, 356), WHITE, radius=6, width=0, outline=None)
    for x in (540, 600):
        pen.ellipse((x - 28, 400, x + 28, 456), WHITE)
        pen.rect((x - 8, 440, x + 8, 470), WHITE, radius=4, width=4)


def laptop(pen, main, accent, rng):
    pen.rect((230, 170, 570, 400), (44, 44, 56), radius=16)
    pen.rect((250, 190, 550, 380), _light(main, 0.3), radius=6, width=3)
    for i, y in enumerate((230, 270, 310)):
        pen.rect((280, y, 420 + i * 30, y + 20), WHITE, radius=6, width=0, outline=None)
    pen.poly([(190, 400), (610, 400), (640, 450), (160, 450)], _light((44, 44, 56), 0.5))


def wrench(pen, main, accent, rng):
    pen.ellipse((220, 130, 580, 470), _light(main, 0.55))
    pen.line([(300, 400), (470, 220)], INK, 42)
    pen.line([(300, 400), (470, 220)], (180, 186, 196), 30)
    pen.ellipse((430, 150, 540, 260), (180, 186, 196))
    pen.ellipse((475, 175, 525, 225), _light(main, 0.55), width=0, outline=None)
    pen.rect((270, 370, 330, 430), accent, radius=10)


def ledger(pen, main, accent, rng):
    pen.rect((260, 130, 540, 465), WHITE, radius=14)
    for i, y in enumerate(range(180, 300, 30)):
        pen.line([(295, y), (505 - (i % 2) * 60, y)], _light(INK, 0.6), 5)
    for i, height in enumerate((50, 90, 70, 120)):
        x = 310 + i * 50
        pen.rect((x, 430 - height, x + 34, 430), main if i % 2 else accent, radius=4, width=3)


def bucket(pen, main, accent, rng):
    pen.arc((290, 170, 510, 390), 190, 350, INK, 8)
    pen.poly([(280, 260), (520, 260), (490, 465), (310, 465)], main)
    for x, y, r in ((330, 230, 30), (380, 210, 38), (440, 222, 32), (480, 240, 22)):
        pen.ellipse((x - r, y - r, x + r, y + r), _light(accent, 0.75), width=3)


def palette(pen, main, accent, rng):
    pen.ellipse((210, 170, 560, 450), CREAM)
    pen.ellipse((260, 360, 320, 420), _light(INK, 0.8), width=3)
    for (x, y), colour in zip(
        ((300, 250), (380, 215), (460, 240), (500, 320), (420, 390)),
        (main, accent, GOLD, GREEN, (220, 70, 70)),
        strict=True,
    ):
        pen.ellipse((x - 30, y - 26, x + 30, y + 26), colour, width=3)
    pen.line([(470, 440), (610, 150)], INK, 18)
    pen.line([(470, 440), (610, 150)], GOLD, 9)


def camera(pen, main, accent, rng):
    pen.rect((330, 180, 420, 230), (60, 60, 70), radius=8)
    pen.rect((220, 210, 580, 440), (60, 60, 70), radius=28)
    pen.rect((220, 260, 580, 400), main, radius=0, width=0, outline=None)
    pen.ellipse((320, 240, 480, 400), (40, 40, 50))
    pen.ellipse((350, 270, 450, 370), _light(accent, 0.3), width=4)
    pen.ellipse((375, 290, 405, 320), WHITE, outline=None, width=0)


def balloons(pen, main, accent, rng):
    for (x, y), colour in zip(
        ((330, 200), (420, 160), (480, 240)), (main, accent, GOLD), strict=True
    ):
        pen.line([(x, y + 75), (400, 460)], INK, 3)
        pen.ellipse((x - 55, y - 70, x + 55, y + 75), colour)
        pen.ellipse((x - 30, y - 45, x - 10, y - 15), _light(colour, 0.6), outline=None, width=0)


def book(pen, main, accent, rng):
    pen.poly([(400, 220), (600, 180), (600, 430), (400, 465)], WHITE)
    pen.poly([(400, 220), (200, 180), (200, 430), (400, 465)], CREAM)
    for y in (240, 280, 320, 360):
        pen.line([(230, y), (370, y + 25)], _light(INK, 0.6), 4)
        pen.line([(430, y + 25), (570, y)], _light(INK, 0.6), 4)
    pen.rect((360, 110, 440, 190), main, radius=40)
    pen.ellipse((375, 125, 425, 175), accent, width=3)


def mountains(pen, main, accent, rng):
    pen.ellipse((470, 120, 560, 210), GOLD)
    pen.poly([(170, 465), (330, 200), (470, 465)], _dark(GREEN, 0.8))
    pen.poly([(330, 465), (490, 240), (640, 465)], GREEN)
    pen.poly([(300, 250), (330, 200), (360, 250), (330, 240)], WHITE, width=3)
    for x in (220, 560, 600):
        pen.poly([(x, 400), (x + 22, 465), (x - 22, 465)], _dark(GREEN, 0.6), width=3)
