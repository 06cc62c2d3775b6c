#!/usr/bin/env python3
"""Writes the render fuzzer's seeds into Fuzz/render/seeds/: one small input per mode and the
extreme values of issue 10, in the byte layout Fuzz/render/entry.swift reads.

    python3 Fuzz/render/make-seeds.py

Findings of the fuzzer are kept next to these (finding-*), as the regression inputs they are.
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")
SCATTER, STRIP, MATRIX, NUMBERS = 0, 1, 2, 3
# Indexes into FuzzBytes.specials.
ZERO, NEG_ZERO, ONE, MINUS_ONE, MAX, NEG_MAX, TINY, NEG_TINY = range(8)
NAN, INF, NEG_INF, E300, E_MINUS_300, E1_7_308, E308, E_MINUS_320 = 10, 12, 13, 14, 18, 20, 21, 22


def special(i):
    return bytes([i])


def raw(x):
    """A double by its bit pattern (tag 128…255)."""
    return bytes([0x80]) + struct.pack(">d", x)


def decimal(x):
    """A two-decimal value (tag 64…95), or its bit pattern when it does not fit 16 bits."""
    if not -32768 <= round(x * 100) <= 32767:
        return raw(x)
    return bytes([0x40]) + struct.pack(">h", round(x * 100))


def text(s):
    b = s.encode("utf-8")[:31]
    return bytes([len(b)]) + b


def write(name, mode, flags, body):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes([mode | flags << 2]) + body)


def scatter_points(pairs):
    out = bytes([len(pairs)])
    for x, y in pairs:
        out += x + y + bytes([0])  # no label
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    names = text("chart-1") + text("A <title> & more") + text("x (%)") + text("y (%)")
    ordinary = [(decimal(x), decimal(y)) for x, y in [(20.5, 60.1), (35.2, 71.4), (50.0, 80.3)]]
    # flags: trends (4) + reference lines (16).
    write("scatter-ordinary", SCATTER, 4 | 16,
          names + bytes([1]) + text("models") + bytes([0]) + scatter_points(ordinary)
          + bytes([1]) + text("random") + decimal(50))
    # One reward of 1.7e308 among ordinary ones (issue 10), log x as on the model pages.
    extreme = [(decimal(300), decimal(0.5)), (decimal(1200), special(E1_7_308)), (decimal(80), decimal(-1.25))]
    write("scatter-reward-1.7e308", SCATTER, 1 | 4, names + bytes([1]) + text("chosen") + bytes([0]) + scatter_points(extreme))
    # External metrics of 1e-320 and 1e308 against RM-Bench numbers (issue 10).
    external = [(special(E_MINUS_320), decimal(60)), (special(E308), decimal(70)), (decimal(40), decimal(65))]
    write("scatter-external-1e-320-1e308", SCATTER, 2 | 4, names + bytes([1]) + text("models") + bytes([0]) + scatter_points(external))
    specials = [(special(i), special(j)) for i, j in [(MAX, NEG_MAX), (TINY, NEG_ZERO), (NAN, INF), (NEG_INF, E300)]]
    write("scatter-specials", SCATTER, 4, names + bytes([2]) + text("a") + bytes([1]) + scatter_points(specials)
          + text("b") + bytes([2]) + scatter_points([(raw(1e-310), raw(-1e-310)), (raw(5e-324), raw(2.5e-308))]))

    def strip(values):
        body = text("lengths") + text("Lengths") + text("characters") + bytes([1]) + text("concise") + bytes([2])
        for name, vs in [("chosen", values), ("rejected", values[::-1])]:
            body += text(name) + bytes([len(vs)]) + b"".join(vs)
        return body
    ordinary = [decimal(v) for v in [120, 340, 90, 4000, 610]]
    write("strip-ordinary", STRIP, 2 | 4, strip(ordinary) + text("caption"))
    extreme = [special(i) for i in [ZERO, NEG_ZERO, TINY, E_MINUS_320, MAX, NEG_MAX, ONE, E300]]
    write("strip-log-extremes", STRIP, 1, strip(extreme))
    write("strip-linear-extremes", STRIP, 2, strip(extreme))

    counts = b"".join(bytes([3]) + bytes([5, 7, 9]) for _ in range(3))
    write("matrix-ordinary", MATRIX, 1, text("matrix-all") + text("model — all") + bytes([3]) + counts + bytes([10])
          + b"".join(decimal(0.2) + decimal(0.8) for _ in range(9)))
    write("matrix-64-bit", MATRIX, 2, text("m") + text("t") + bytes([2, 3]) + struct.pack(">qqq", -2**63, 2**63 - 1, 0)
          + bytes([1]) + struct.pack(">q", 1) + struct.pack(">q", 3))

    numbers = [special(i) for i in range(32)] + [raw(-0.04), raw(-0.0004), raw(-1e-320)]
    body = b""
    for i, v in enumerate(numbers):
        body += v + numbers[(i * 7 + 3) % len(numbers)] + bytes([i % 24])
    write("numbers-specials", NUMBERS, 0, body)


if __name__ == "__main__":
    main()
