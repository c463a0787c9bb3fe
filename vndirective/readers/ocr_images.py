"""Text Tesseract's page layout took for a picture: a seal over the signature block, a signature
across the signer's title, a stamp. On a signed scan the signer's title and name stand inside the
red (or, on a photocopy, black) seal; Tesseract's page segmentation then calls the whole region an
image and reads none of its words. It says so: the region comes out of its TSV as a word without
text. Each such region is read again on its own, as one block of text, from the red channel of
the page (red ink, the seal's, is as light there as the paper; the black print stays black), and
the words it gives are added to the page's where the page had none:

- a word Tesseract is not sure of (below :data:`REREAD_CONFIDENCE`) is dropped: the seal's ring
  and emblem and the signature's strokes read as such words;
- a word that overlaps a word the page already has is dropped (the region often covers text that
  was read, the Nơi nhận list beside the signature);
- a line with unread ink just before its first word or after its last is dropped whole: it is
  only part of what is printed ('Thanh Trà' of 'Phạm Thị Thanh Trà', the first words lost under
  the seal), and a part of a name or a title is worse than none.

Only the pure functions are here; :mod:`.ocr` renders the page and runs Tesseract.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

REREAD_CONFIDENCE = 50  # a word read again from an image region counts from this confidence
MIN_WIDTH = 30.0  # pt: an image region narrower than this holds no line of text worth reading again
MIN_HEIGHT = 10.0  # pt: ...nor one lower than this (a rule, a line under the motto)
PAD = 6.0  # pt around the region, for the ink of the letters on its edge
INK = 110  # a pixel darker than this (0-255, red channel) is ink
INK_SHARE = 0.03  # the share of dark pixels that makes a strip beside a line hold ink
SIDE = 0.8  # the strip beside a line: this many line heights wide
RED = 60  # a pixel whose red exceeds its green and blue by this much (0-255) is red ink
CELL = 2.5  # pt: red ink is looked for in cells this wide...
RED_SHARE = 0.08  # ...a cell with this share of red pixels is red
SEAL = 40.0  # pt: a patch of red this wide and high is a seal (the smallest round seals are some 30 mm, 85 pt)

Reader = Callable[[Any], list[dict[str, Any]]]  # an image (PIL) → its words read as one block of text, in pixels, each with its "line"


def image_regions(tsv: str, pixels_per_point: float) -> list[tuple[float, float, float, float]]:
    """The regions (x0, top, x1, bottom in points) Tesseract's TSV marks as images: words without
    text, at least :data:`MIN_WIDTH` × :data:`MIN_HEIGHT`."""
    found = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or cells[11].strip():
            continue
        try:
            left, top, w, h = (float(c) / pixels_per_point for c in cells[6:10])
        except ValueError:
            continue
        if w >= MIN_WIDTH and h >= MIN_HEIGHT:
            found.append((left, top, left + w, top + h))
    return found


def red_regions(image: Any, pixels_per_point: float) -> list[tuple[float, float, float, float]]:
    """The neighbourhood (x0, top, x1, bottom in points) of each red seal of a colour page: the signature
    block stands over the seal and to its right, its title above it and its name under it. A seal is a patch
    of red ink at least :data:`SEAL` points across; the neighbourhood reaches half its width to the left,
    its width to the right and half its height above and below."""
    if image.mode not in ("RGB", "RGBA"):
        return []
    from PIL import Image, ImageChops

    r, g, b = image.convert("RGB").split()
    red = ImageChops.subtract(r, ImageChops.lighter(g, b)).point(lambda v: 255 if v > RED else 0)
    cell = max(1, round(CELL * pixels_per_point))
    grid = red.resize((max(1, red.width // cell), max(1, red.height // cell)), Image.Resampling.BOX)
    width = grid.width
    data = grid.tobytes()
    inked = {i for i, v in enumerate(data) if v >= RED_SHARE * 255}
    found = []
    while inked:
        stack = [inked.pop()]
        xs, ys = [], []
        while stack:
            i = stack.pop()
            x, y = i % width, i // width
            xs.append(x)
            ys.append(y)
            for j in (i - 1 if x else -1, i + 1 if x + 1 < width else -1, i - width, i + width):
                if j in inked:
                    inked.discard(j)
                    stack.append(j)
        x0, x1 = min(xs) * cell / pixels_per_point, (max(xs) + 1) * cell / pixels_per_point
        y0, y1 = min(ys) * cell / pixels_per_point, (max(ys) + 1) * cell / pixels_per_point
        if x1 - x0 >= SEAL and y1 - y0 >= SEAL:
            w, h = x1 - x0, y1 - y0
            found.append((max(0.0, x0 - w / 2), max(0.0, y0 - h / 2), x1 + w, y1 + h / 2))
    return found


def reread_regions(
    image: Any, regions: list[tuple[float, float, float, float]], pixels_per_point: float, page_words: list[dict[str, Any]], read: Reader
) -> list[dict[str, Any]]:
    """The words of each image region read again (see the module docstring), in points on the page,
    as :func:`.ocr.tsv_words` gives them; none that overlaps a word of ``page_words``. ``read`` gives the
    words of an image, every one (the punctuation too: it covers ink), in pixels."""
    gray = _red_channel(image)
    added: list[dict[str, Any]] = []
    for x0, top, x1, bottom in merge_regions(regions, PAD):
        box = (
            max(0, int((x0 - PAD) * pixels_per_point)),
            max(0, int((top - PAD) * pixels_per_point)),
            min(gray.width, int((x1 + PAD) * pixels_per_point) + 1),
            min(gray.height, int((bottom + PAD) * pixels_per_point) + 1),
        )
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        crop = gray.crop(box)
        words = read(crop)  # in pixels of the crop
        lines = _lines(words)
        height = _line_height(lines)
        for line in lines:
            kept = [w for w in line if w["conf"] >= REREAD_CONFIDENCE and any(c.isalnum() for c in w["text"])]
            if not kept or _stroke_or_edge(kept[0], height, crop.height) or _at_side(kept, crop.width) or _cut(crop, kept, words, height):
                continue
            placed = [_placed(w, box, pixels_per_point) for w in kept]
            known = [other for w in placed for other in page_words if _overlap(w, other)]
            new = [w for w in placed if not any(_overlap(w, other) for other in (*page_words, *added))]
            if known:  # the rest of a line the page has: on that line ('CHÁNH' before the 'VĂN PHÒNG' read)
                for w in new:
                    w["top"], w["bottom"] = known[0]["top"], known[0]["bottom"]
            added += new
    return added


def merge_regions(regions: list[tuple[float, float, float, float]], gap: float) -> list[tuple[float, float, float, float]]:
    """The regions, those that overlap or stand within ``gap`` of each other joined into one (Tesseract cuts a
    signature block under a seal into strips; read apart, a line on the edge of two is read twice, in halves)."""
    merged = [list(r) for r in regions]
    joined = True
    while joined:
        joined = False
        for i in range(len(merged)):
            for j in range(i + 1, len(merged)):
                a, b = merged[i], merged[j]
                if a[0] - gap <= b[2] and b[0] - gap <= a[2] and a[1] - gap <= b[3] and b[1] - gap <= a[3]:
                    merged[i] = [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]
                    del merged[j]
                    joined = True
                    break
            if joined:
                break
    return [(r[0], r[1], r[2], r[3]) for r in merged]


def _line_height(lines: list[list[dict[str, Any]]]) -> float:
    """The median height of the region's lines that hold a word read with some confidence: a line of text's."""
    heights = sorted(line[0]["bottom"] - line[0]["top"] for line in lines if any(w["conf"] >= REREAD_CONFIDENCE for w in line))
    return heights[len(heights) // 2] if heights else 0.0


def _stroke_or_edge(word: dict[str, Any], height: float, crop_height: int) -> bool:
    """Whether a line (one of its words) is no line of text: far lower than the region's lines (a pen stroke
    read as 'T'), or cut by the edge of the region (the rest of its letters are outside)."""
    return word["bottom"] - word["top"] < 0.5 * height or word["top"] <= 1 or word["bottom"] >= crop_height - 1


def _at_side(kept: list[dict[str, Any]], crop_width: int) -> bool:
    """Whether a line touches the left or right edge of the region: it goes on outside it."""
    return kept[0]["x0"] <= 1 or kept[-1]["x1"] >= crop_width - 1


def _red_channel(image: Any) -> Any:
    """The page in grey, red ink as light as the paper: the red channel of a colour page, a grey page as it is."""
    if image.mode in ("RGB", "RGBA"):
        return image.getchannel("R")
    return image.convert("L")


def _lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped by Tesseract's line, left to right."""
    lines: dict[Any, list[dict[str, Any]]] = {}
    for w in words:
        lines.setdefault(w["line"], []).append(w)
    return [sorted(line, key=lambda w: w["x0"]) for line in lines.values()]


def _cut(crop: Any, kept: list[dict[str, Any]], words: list[dict[str, Any]], line_height: float) -> bool:
    """Whether ink that no word of the region covers stands just before the first kept word or just
    after the last: the line was read only in part."""
    top, bottom = kept[0]["top"], kept[0]["bottom"]
    band = (top + 0.2 * (bottom - top), bottom - 0.2 * (bottom - top))
    height = max(1.0, bottom - top, line_height)
    left, right = kept[0]["x0"], kept[-1]["x1"]
    others = [w for w in words if w["top"] < band[1] and band[0] < w["bottom"]]
    before = max([w["x1"] for w in others if w["x1"] <= left + 1], default=0.0)
    after = min([w["x0"] for w in others if w["x0"] >= right - 1], default=float(crop.width))
    strips = ((max(before + 2, left - SIDE * height), left - 2), (right + 2, min(after - 2, right + SIDE * height)))
    return any(_inked(crop, a, band[0], b, band[1]) for a, b in strips)


def _inked(crop: Any, x0: float, top: float, x1: float, bottom: float) -> bool:
    """Whether the part of ``crop`` (pixels) holds ink: at least :data:`INK_SHARE` of its pixels dark."""
    x0, x1 = max(0, int(x0)), min(crop.width, int(x1))
    top, bottom = max(0, int(top)), min(crop.height, int(bottom))
    if x1 - x0 < 2 or bottom - top < 2:
        return False
    histogram = crop.crop((x0, top, x1, bottom)).histogram()[:256]
    return sum(histogram[:INK]) >= INK_SHARE * (x1 - x0) * (bottom - top)


def _placed(word: dict[str, Any], box: tuple[int, int, int, int], pixels_per_point: float) -> dict[str, Any]:
    """A word of a crop (pixels) moved to its place on the page (points)."""
    out = dict(word)
    for key in ("x0", "x1"):
        out[key] = (word[key] + box[0]) / pixels_per_point
    for key in ("top", "bottom", "ink_top", "ink_bottom"):
        out[key] = (word[key] + box[1]) / pixels_per_point
    out.pop("line", None)
    return out


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two words' boxes overlap by more than a third of the smaller one."""
    w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    if w <= 0 or h <= 0:
        return False
    smaller = min((a["x1"] - a["x0"]) * (a["bottom"] - a["top"]), (b["x1"] - b["x0"]) * (b["bottom"] - b["top"]))
    return w * h > smaller / 3
