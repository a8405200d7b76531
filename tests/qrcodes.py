"""Reading QR codes back in tests: from segno's SVG path, from its PNG, with zxing-cpp.

No imaging library is needed: segno draws an SVG QR code as one path of horizontal runs
(``M4 4.5h7m3 0h1...``, one unit a module) and writes its PNG as 1-bit greyscale rows, so
both are turned into a numpy image here and handed to zxing-cpp, an independent decoder.
"""

from __future__ import annotations

import re
import struct
import zlib

import numpy
import zxingcpp

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PATH = re.compile(r'<path[^>]*\sd="([^"]+)"')
_COMMAND = re.compile(r"([MmHhVvZz])\s*([-0-9.\s]*)")
PIXELS_PER_MODULE = 4


def decode(image: numpy.ndarray) -> str:
    """The text of the one QR code in a greyscale image (0 dark, 255 light)."""
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1, f"expected one QR code, found {len(found)}"
    return found[0].text


def svg_image(svg: str) -> numpy.ndarray:
    """Redraw the dark modules of segno's SVG path as a greyscale image."""
    match = _PATH.search(svg)
    assert match, "no <path d=...> in the SVG"
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for command, raw in _COMMAND.findall(match.group(1)):
        numbers = [float(value) for value in raw.split()]
        if command in "Mm":
            dx, dy = numbers
            x, y = (dx, dy) if command == "M" else (x + dx, y + dy)
        elif command == "h":
            (length,) = numbers
            dark.update((int(y), int(x + step)) for step in range(int(length)))
            x += length
        else:
            raise AssertionError(f"unexpected path command {command!r} in the QR code")
    size = max(max(row, column) for row, column in dark) + 1 + 4  # with the quiet zone
    modules = numpy.full((size, size), 255, dtype=numpy.uint8)
    for row, column in dark:
        modules[row, column] = 0
    return numpy.kron(modules, numpy.ones((PIXELS_PER_MODULE,) * 2, dtype=numpy.uint8))


def png_image(data: bytes) -> numpy.ndarray:
    """The pixels of a 1-bit greyscale PNG as segno writes it (row filters None and Up)."""
    assert data.startswith(PNG_SIGNATURE), "not a PNG file"
    chunks: dict[bytes, bytes] = {}
    position = len(PNG_SIGNATURE)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        chunks[kind] = chunks.get(kind, b"") + data[position + 8 : position + 8 + length]
        position += 12 + length
    width, height, depth, color, _, _, _ = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, color) == (1, 0), f"expected 1-bit greyscale, got depth {depth} type {color}"
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = (width + 7) // 8 + 1
    rows = []
    previous = numpy.zeros(stride - 1, dtype=numpy.uint8)
    for index in range(height):
        line = raw[index * stride : (index + 1) * stride]
        assert line[0] in (0, 2), f"row filter {line[0]} is not None or Up"
        current = numpy.frombuffer(line[1:], dtype=numpy.uint8)
        if line[0] == 2:  # Up: each byte adds the byte above
            current = (current.astype(numpy.uint16) + previous) % 256
        previous = current.astype(numpy.uint8)
        rows.append(numpy.unpackbits(previous)[:width] * 255)
    return numpy.array(rows, dtype=numpy.uint8)
