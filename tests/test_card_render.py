"""The Jupyter card reads the same in every notebook front end (issue 15).

Before: in nbconvert's "lab" page (JupyterLab's own stylesheet) every value of the card was
right-aligned — ``:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`` is more specific than the
card's ``.vnd td`` — and the source text broke words mid-syllable ("H|ĐND") in both the lab and the
classic page, whose ``pre`` rules say ``word-break: break-all``. Now the card's stylesheet is scoped to
its own class with ``!important`` declarations, cells and the text pane repeat the key rules inline,
and the text wraps at spaces.

The first test reads the card's HTML and CSS (no browser). The second renders the card in
nbconvert's lab and classic pages and in a dark page with hostile rules (standing in for VS Code's
dark theme) with headless Chromium, measures the layout in the page (every cell's text at its left
edge, no word split across two lines, the card's own colours) and checks the screenshot's pixels; it
skips where Chromium or nbconvert is absent. ``VNDIRECTIVE_SCREENSHOTS=DIR`` keeps the screenshots.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from vndirective.exports.display import CARD_CLASS

ROOT = Path(__file__).resolve().parents[1]
FOUNDING = ROOT / "corpus" / "334-CV-HU_luc-ngan_2021.md"
WINDOW = (1100, 1600)
INK, PAPER = "rgb(31, 35, 40)", "rgb(255, 255, 255)"  # the card's own text and background colours, as the browser gives them


def _style_rules(page: str) -> list[tuple[list[str], dict[str, str]]]:
    [css] = re.findall(r"<style>(.*?)</style>", page, flags=re.S)
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(d.split(":", 1) for d in body.split(";") if d.strip())
        rules.append(([s.strip() for s in selectors.split(",")], {k.strip(): v.strip() for k, v in declarations.items()}))
    return rules


def test_card_css_is_scoped_important_left_aligned_and_wraps_at_spaces(founding: Any) -> None:
    page = founding._repr_html_()
    rules = _style_rules(page)
    assert rules
    for selectors, declarations in rules:
        assert all(s == f".{CARD_CLASS}" or s.startswith(f".{CARD_CLASS} ") for s in selectors), selectors  # scoped: nothing outside the card
        assert all(v.endswith("!important") for v in declarations.values()), declarations  # wins over the host's more specific rules

    def rule(selector: str) -> dict[str, str]:
        return {k: v.removesuffix("!important") for sel, decl in rules if selector in sel for k, v in decl.items()}

    cells = rule(f".{CARD_CLASS} td")
    assert cells["text-align"] == "left" and cells["vertical-align"] == "top"
    pane = rule(f".{CARD_CLASS} .vnd-text")
    assert (pane["white-space"], pane["word-break"], pane["overflow-wrap"]) == ("pre-wrap", "normal", "break-word")
    card = rule(f".{CARD_CLASS}")
    assert (card["color"], card["background"]) == ("#1f2328", "#ffffff")  # readable on a dark theme too
    assert "break-all" not in page and "anywhere" not in page
    # Inline copies, for hosts that drop <style>: every cell, and the text pane.
    cells_html = re.findall(r"<t[dh]\b[^>]*>", page)
    assert cells_html and all('style="text-align:left;vertical-align:top"' in c for c in cells_html)
    assert '<div class="vnd-text" style="white-space:pre-wrap;word-break:normal;overflow-wrap:break-word">' in page
    assert f'<div class="{CARD_CLASS}"' in page
    # Elements the hosts style heavily are not used: pre (wrapping, fonts), h1-h6 (anchors, the table of contents).
    assert not re.search(r"<(pre|h[1-6])\b", page)


# ---------------------------------------------------------------------------- in a browser

# Runs in the page: where each cell's text starts, which words of the text pane lie on two lines,
# the card's colours and place. Written into <pre id="vnd-result"> for --dump-dom.
_PROBE = """
<script>
(function () {
  const out = {};
  const card = document.querySelector('.%(card)s');
  out.found = !!card;
  if (card) {
    const cs = getComputedStyle(card);
    out.color = cs.color; out.background = cs.backgroundColor;
    const r = card.getBoundingClientRect(); out.rect = [r.left, r.top, r.width, r.height];
    out.cells = [];
    for (const cell of card.querySelectorAll('td, th')) {
      const range = document.createRange(); range.selectNodeContents(cell);
      const t = range.getBoundingClientRect(), c = cell.getBoundingClientRect();
      out.cells.push({text: cell.textContent.slice(0, 40), align: getComputedStyle(cell).textAlign, offset: t.left - c.left, slack: c.width - t.width});
    }
    const pane = card.querySelector('.vnd-text') || card.querySelector('pre');  // pre: the card before issue 15
    const ps = getComputedStyle(pane);
    out.pane = {whiteSpace: ps.whiteSpace, wordBreak: ps.wordBreak, overflowWrap: ps.overflowWrap, width: pane.clientWidth};
    const nodes = [], walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);  // the whole card: cells, lists, legend, text
    let text = '', n;
    let block = null;  // text in another cell, item or block is another word: a space between
    while ((n = walker.nextNode())) {
      const b = n.parentElement.closest('td, th, li, div');
      if (b !== block) { text += ' '; block = b; }
      nodes.push([n, text.length]); text += n.data;
    }
    let k = 0;
    const at = (i) => { while (k + 1 < nodes.length && nodes[k + 1][1] <= i) k++; return [nodes[k][0], i - nodes[k][1]]; };
    out.words = 0; out.broken = [];
    const re = /[^\\s\\-\u2010\u2013]+/g; let m;  // words: a line may break at a space or after a hyphen ('tế-|xã')
    while ((m = re.exec(text))) {
      if (m[0].length > 40) continue;  // a token longer than a line may break: overflow-wrap
      const [sn, so] = at(m.index), [en, eo] = at(m.index + m[0].length - 1);
      const range = document.createRange(); range.setStart(sn, so); range.setEnd(en, eo + 1);
      const tops = Array.from(range.getClientRects()).filter((q) => q.width > 0).map((q) => q.top).sort((a, b) => a - b);
      out.words++;
      if (tops.length && tops[tops.length - 1] - tops[0] > 6) out.broken.push(m[0]);
    }
  }
  const pre = document.createElement('pre'); pre.id = 'vnd-result'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""

# A dark page with the rules hosts are known to have, made as hostile as can be: VS Code's dark colours,
# right-aligned and centred cells (one !important), tables centred, break-all on every pre and div.
_DARK_HOST = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { background: #1e1e1e; color: #cccccc; font-family: sans-serif; font-size: 13px; margin: 20px; }
table { margin-left: auto; margin-right: auto; table-layout: fixed; }
table td, table th, table tr { text-align: right; padding: 0.5em; white-space: normal; }
td { text-align: center !important; }
pre, div { word-break: break-all; overflow-wrap: anywhere; }
tbody tr:nth-child(odd) { background: #252526; }
</style></head><body><div class="output">%s</div></body></html>"""


def _chromium() -> str:
    for name in (os.environ.get("VNDIRECTIVE_CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if name and shutil.which(name):
            return str(shutil.which(name))
    pytest.skip("no headless Chromium (Debian: apt-get install chromium)")


def _run_chromium(browser: str, page: Path, *args: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={profile}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
        ]
        done = subprocess.run([browser, *flags, *args, page.as_uri()], capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def _pages(tmp_path: Path) -> dict[str, Path]:
    """The card in nbconvert's lab and classic pages, and in the dark page, each with the probe."""
    nbformat = pytest.importorskip("nbformat")
    nbconvert = pytest.importorskip("nbconvert")
    import vndirective

    d = vndirective.parse(FOUNDING)
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(f'vndirective.parse("{FOUNDING.relative_to(ROOT).as_posix()}")', execution_count=1)
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/html": d._repr_html_(), "text/plain": repr(d)}, execution_count=1)]
    nb.cells = [cell]
    probe = _PROBE % {"card": CARD_CLASS}
    pages = {}
    for template in ("lab", "classic"):
        body, _ = nbconvert.HTMLExporter(template_name=template).from_notebook_node(nb)
        assert f"<style>.{CARD_CLASS}" in body and f'<div class="{CARD_CLASS}"' in body  # nbconvert keeps the card and its style
        pages[f"nbconvert-{template}"] = body.replace("</body>", probe + "</body>")
    pages["dark-host"] = (_DARK_HOST % d._repr_html_()).replace("</body>", probe + "</body>")
    paths = {}
    for name, text in pages.items():
        paths[name] = tmp_path / f"card-{name}.html"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_card_reads_the_same_in_nbconvert_lab_classic_and_a_dark_host(tmp_path: Path) -> None:
    browser = _chromium()
    pages = _pages(tmp_path)
    keep = os.environ.get("VNDIRECTIVE_SCREENSHOTS")
    problems = []
    for name, page in pages.items():
        dom = _run_chromium(browser, page, "--dump-dom")
        found = re.search(r'<pre id="vnd-result">(.*?)</pre>', dom, flags=re.S)
        assert found, f"{name}: the probe did not run"
        result = json.loads(html.unescape(found.group(1)))
        assert result["found"], f"{name}: no card in the page"
        right = [c["text"] for c in result["cells"] if c["align"] != "left" or c["offset"] > 8]
        if right:
            problems.append(f"{name}: cells not at their left edge: {right[:4]}")
        pane = result["pane"]
        if (pane["whiteSpace"], pane["wordBreak"], pane["overflowWrap"]) != ("pre-wrap", "normal", "break-word"):
            problems.append(f"{name}: the text pane wraps with {pane}")
        if result["broken"]:
            problems.append(f"{name}: {len(result['broken'])} of {result['words']} words split over two lines, e.g. {result['broken'][:5]}")
        assert result["words"] > 1000 and len(result["cells"]) > 20
        if (result["color"], result["background"]) != (INK, PAPER):
            problems.append(f"{name}: the card's colours are {result['color']} on {result['background']}")

        shot = tmp_path / f"card-{name}.png"
        _run_chromium(browser, page, f"--screenshot={shot}")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy2(shot, Path(keep) / shot.name)
        problems += _check_screenshot(name, shot, result["rect"])
    assert not problems, "\n".join(problems)


def _check_screenshot(name: str, shot: Path, rect: list[float]) -> list[str]:
    """The card's part of the picture is dark text on white paper: mostly white, some dark ink."""
    image_module = pytest.importorskip("PIL.Image")
    with image_module.open(shot) as image:
        rgb = image.convert("RGB")
        x0, y0, w, h = (round(v) for v in rect)
        box = (max(0, x0), max(0, y0), min(rgb.width, x0 + w), min(rgb.height, y0 + min(h, 600)))
        crop = rgb.crop(box)
        pixels = [crop.getpixel((x, y)) for y in range(0, crop.height, 2) for x in range(0, crop.width, 2)]
    if not pixels:
        return [f"{name}: the card is not in the screenshot ({rect})"]
    white = sum(1 for p in pixels if min(p) >= 235) / len(pixels)
    ink = sum(1 for p in pixels if max(p) <= 90) / len(pixels)
    if white < 0.6 or ink < 0.005:
        return [f"{name}: the card in {shot} is {white:.0%} white and {ink:.1%} dark ink"]
    return []
