#!/usr/bin/env python3
"""Draw Shortlist's app icon (RGBA PNGs in icons/). Needs Pillow; the PNGs are committed."""
from pathlib import Path
from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "icons"


def draw(size):
    s = 1024
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([64, 64, s - 64, s - 64], radius=200, fill=(37, 99, 235, 255))
    # three list rows, the top one checked
    for i, y in enumerate((300, 500, 700)):
        d.rounded_rectangle([430, y - 40, 800, y + 40], radius=40,
                            fill=(255, 255, 255, 255 if i == 0 else 170))
    d.line([(230, 300), (290, 360), (390, 240)], fill=(255, 255, 255, 255), width=60, joint="curve")
    for y in (500, 700):
        d.ellipse([270, y - 45, 360, y + 45], fill=(255, 255, 255, 170))
    return img.resize((size, size), Image.LANCZOS)


def main():
    OUT.mkdir(exist_ok=True)
    for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256),
                       ("icon.png", 512)]:
        draw(size).save(OUT / name)
    draw(256).save(OUT / "icon.ico", sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])
    print("icons written to", OUT)


if __name__ == "__main__":
    main()
