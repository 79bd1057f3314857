"""Render resources/icons/rm-desktop.svg to the PNG and the Windows .ico the app and installers use.

Run after editing the SVG: ``python installer/make_icon.py``. The outputs are committed, so a
build never needs this script. Qt's SVG renderer does the drawing (no Pillow); the .ico holds one
PNG-compressed image per size, which Windows Vista and later read at every size.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "rm-desktop.svg"
PNG = ICONS / "rm-desktop.png"
ICO = ICONS / "rm-desktop.ico"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """ICONDIR + one ICONDIRENTRY per image + the PNG data (a 256 px side is written as 0)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    images = {size: render_png(renderer, size) for size in ICO_SIZES}
    PNG.write_bytes(images[256])
    ICO.write_bytes(ico_bytes(images))
    print(f"wrote {PNG.name} and {ICO.name} ({len(images)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
