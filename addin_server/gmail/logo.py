"""The add-on's logo (the deployment's `logoUrl`): a small PNG drawn here, so no asset file
needs packaging. A green disc with a white tick, 96 x 96 pixels."""
from __future__ import annotations

import functools
import struct
import zlib

SIZE = 96
GREEN = (24, 128, 56)
WHITE = (255, 255, 255)


def _on_tick(x: float, y: float) -> bool:
    """Inside the tick: two thick strokes, (28,50)->(42,64) and (42,64)->(70,34)."""
    def near(ax, ay, bx, by):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= 6.0 ** 2
    return near(28, 50, 42, 64) or near(42, 64, 70, 34)


def _pixel(x: int, y: int) -> tuple[int, int, int, int]:
    cx = cy = (SIZE - 1) / 2
    if (x - cx) ** 2 + (y - cy) ** 2 > (SIZE / 2) ** 2:
        return (0, 0, 0, 0)
    return (*(WHITE if _on_tick(x, y) else GREEN), 255)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def png() -> bytes:
    rows = b"".join(b"\x00" + bytes(c for x in range(SIZE) for c in _pixel(x, y)) for y in range(SIZE))
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b""))
