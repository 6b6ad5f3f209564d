"""The text of a PDF that Chromium printed, with where each piece stands, read with the standard
library alone (the tests have no PDF library, and need none for this one kind of file).

Chromium writes its PDFs with Skia in one way: uncompressed object syntax, Flate-compressed
streams, Type0 fonts with a ToUnicode map, and text drawn as `<glyph ids> Tj` inside BT ... ET
with `Tm`/`Td` positions, under `cm` transforms and in Form XObjects. This reads that and nothing
more; anything else makes it fail loudly (a KeyError, a zlib error), never read wrong quietly.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_TOKEN = re.compile(rb"<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]<>()]+|-?[\d.]+|[A-Za-z'\"*]+|\((?:\\.|[^\\)])*\)")


@dataclass(frozen=True)
class Run:
    """One piece of text drawn at once (BT ... ET): its start in PDF points from the page's lower
    left corner, its size in points, and its characters."""
    x: float
    y: float
    size: float
    text: str


def pages(data: bytes) -> list[list[Run]]:
    """Every page's runs, pages in order, each page's runs in the order drawn."""
    objs = {int(n): body for n, body in _OBJECT.findall(data)}

    def ref(body: bytes, key: bytes) -> int | None:
        m = re.search(rb"/" + key + rb" (\d+) 0 R", body)
        return int(m.group(1)) if m else None

    def named(body: bytes, key: bytes) -> dict[str, int]:
        m = re.search(rb"/" + key + rb" <<(.*?)>>", body, re.S)
        return {k.decode(): int(v) for k, v in re.findall(rb"/(\S+) (\d+) 0 R", m.group(1))} if m else {}

    def stream(n: int) -> bytes:
        body = objs[n]
        start = re.search(rb"stream\r?\n", body).end()
        length = re.search(rb"/Length (\d+)( 0 R)?", body)
        size = int(re.search(rb"\d+", objs[int(length.group(1))]).group()) if length.group(2) else int(length.group(1))
        raw = body[start:start + size]
        return zlib.decompress(raw) if b"/FlateDecode" in body[:start] else raw

    maps: dict[int, dict[int, str]] = {}

    def to_unicode(font: int) -> dict[int, str]:
        if font not in maps:
            table: dict[int, str] = {}
            text = stream(ref(objs[font], b"ToUnicode")).decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
                for glyph, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    table[int(glyph, 16)] = bytes.fromhex(uni).decode("utf-16-be")
            for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
                for first, last, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    for i, glyph in enumerate(range(int(first, 16), int(last, 16) + 1)):
                        table[glyph] = chr(int(uni, 16) + i)
            maps[font] = table
        return maps[font]

    def draw(content: bytes, fonts: dict, xobjects: dict, ctm: tuple, out: list) -> None:
        saved, operands = [], []
        font = size = run = None
        line = (0.0, 0.0)
        for tok in _TOKEN.findall(content):
            if tok in (b"[", b"]"):
                continue
            if not tok[:1].isalpha() and tok[:1] not in b"'\"*":
                operands.append(tok)
                continue
            if tok == b"q":
                saved.append(ctm)
            elif tok == b"Q":
                ctm = saved.pop()
            elif tok == b"cm":
                a, b, c, d, e, f = map(float, operands[-6:])
                A, B, C, D, E, F = ctm
                ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
            elif tok == b"BT":
                run = None
            elif tok == b"Tf":
                font, size = fonts[operands[-2][1:].decode()], float(operands[-1])
            elif tok == b"Tm":
                line = (float(operands[-2]), float(operands[-1]))
            elif tok == b"Td":
                line = (line[0] + float(operands[-2]), line[1] + float(operands[-1]))
            elif tok in (b"Tj", b"TJ"):
                table = to_unicode(font)
                text = ""
                for o in operands:
                    if o.startswith(b"<"):
                        hexes = re.sub(rb"\s", b"", o[1:-1])
                        text += "".join(table.get(int(hexes[i:i + 4], 16), "\ufffd") for i in range(0, len(hexes), 4))
                if run is None:
                    x, y = line
                    run = [x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5], size * abs(ctm[3]), ""]
                    out.append(run)
                run[3] += text
            elif tok == b"Do":
                n = xobjects.get(operands[-1][1:].decode())
                if n is not None and b"/Subtype /Form" in objs[n]:
                    draw(stream(n), {**fonts, **named(objs[n], b"Font")},
                         {**xobjects, **named(objs[n], b"XObject")}, ctm, out)
            operands = []

    def leaves(n: int):
        body = objs[n]
        if re.search(rb"/Type /Pages\b", body):
            for kid in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids \[(.*?)\]", body, re.S).group(1)):
                yield from leaves(int(kid))
        else:
            yield n

    root = ref(data[data.rindex(b"trailer"):], b"Root")
    result = []
    for page in leaves(ref(objs[root], b"Pages")):
        out: list = []
        body = objs[page]
        draw(stream(ref(body, b"Contents")), named(body, b"Font"), named(body, b"XObject"), (1, 0, 0, 1, 0, 0), out)
        result.append([Run(*r) for r in out])
    return result


def lines(runs: list[Run], keep=lambda run: True) -> list[str]:
    """A page's lines of text from top to bottom (runs on one baseline joined left to right),
    of the runs `keep` accepts."""
    out: list[tuple[float, list[str]]] = []
    for run in sorted((r for r in runs if keep(r)), key=lambda r: (-r.y, r.x)):
        if out and abs(out[-1][0] - run.y) < 2:
            out[-1][1].append(run.text)
        else:
            out.append((run.y, [run.text]))
    return [text for text in (" ".join("".join(parts).split()) for _, parts in out) if text]
