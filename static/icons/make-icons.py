#!/usr/bin/env python3
"""Draws PAT Guard's icon (the shield of the popup's inline SVG) at 16, 32, 48 and 128 px.

Plain Python (zlib and struct), so anyone can re-create the committed PNGs byte for byte:
    python3 static/icons/make-icons.py
"""
import os
import struct
import zlib

BLUE = (9, 105, 218)
WHITE = (255, 255, 255)


def cubic(p0, p1, p2, p3, steps=32):
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        yield (
            u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
            u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
        )


# The shield of src/ui/shield.rs, in its 24-unit view box:
# M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5z
SHIELD = [(12, 2), (4, 5), (4, 11)]
SHIELD += list(cubic((4, 11), (4, 16), (7.4, 20.4), (12, 22)))
SHIELD += list(cubic((12, 22), (16.6, 20.4), (20, 16), (20, 11)))
SHIELD += [(20, 5)]
CHECK = [((8.5, 12), (11, 14.5)), ((11, 14.5), (15.5, 9.5))]


def inside(x, y, polygon):
    result = False
    j = len(polygon) - 1
    for i, (xi, yi) in enumerate(polygon):
        xj, yj = polygon[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            result = not result
        j = i
    return result


def near_segment(x, y, a, b, radius):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    px, py = ax + t * dx, ay + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= radius * radius


def render(size, samples=4):
    rows = []
    for row in range(size):
        line = bytearray([0])  # filter: none
        for col in range(size):
            r = g = b = a = 0.0
            for sy in range(samples):
                for sx in range(samples):
                    x = (col + (sx + 0.5) / samples) * 24 / size
                    y = (row + (sy + 0.5) / samples) * 24 / size
                    if not inside(x, y, SHIELD):
                        continue
                    color = WHITE if any(near_segment(x, y, p, q, 1.0) for p, q in CHECK) else BLUE
                    r, g, b, a = r + color[0], g + color[1], b + color[2], a + 1
            n = samples * samples
            if a:
                line += bytes([round(r / a), round(g / a), round(b / a), round(255 * a / n)])
            else:
                line += bytes([0, 0, 0, 0])
        rows.append(bytes(line))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for size in (16, 32, 48, 128):
        with open(os.path.join(here, f"icon-{size}.png"), "wb") as out:
            out.write(render(size))
