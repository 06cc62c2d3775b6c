#!/usr/bin/env python3
"""Runs axe-core (WCAG 2.0/2.1 A and AA rules) over a built rmbench-site in headless Chromium.

    python3 Tests/browser/test_accessibility.py --site /path/to/Site --screenshots browser-screenshots

Checks the leaderboard, a recomputed model page, a published-only model page, a prompt page,
the correlations page, a compare page (the first of each kind the site has; the compare page is
made with `rmbench-site compare` when the site has none) and the types and lengths pages, each
in the light and the dark colour scheme, from file://. axe cannot judge text inside SVG, so
chart texts get a contrast check of their own (SVG_TEXT_CONTRAST). Every page and scheme is one check; a failing
check prints every violation (rule, impact, a target selector, the element's HTML cut to 200
characters). No axe rule is disabled. axe.min.js comes from the pinned axe-playwright-python
package (Tests/browser/requirements.txt), read as a file: playwright itself is not used.
Writes a screenshot per failing page to --screenshots. The last line of the output is always
"N passed, M failed"; the exit status is 1 if anything failed.
"""

import argparse
import base64
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from browser_support import Run, make_chromium
from selenium.webdriver.support.ui import WebDriverWait

WIDE = (1280, 900)
MAX_SHOT_HEIGHT = 6000
# WCAG 2.0 and 2.1, levels A and AA (the standard the site promises), and axe's best practices
# (heading order, landmarks, empty table headers, …).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SNIPPET = 200
REPO = Path(__file__).resolve().parents[2]


def axe_source():
    """The text of axe.min.js from the installed axe-playwright-python package (not imported)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("axe-playwright-python is not installed (pip install -r Tests/browser/requirements.txt)")
    path = Path(list(spec.submodule_search_locations)[0]) / "axe.min.js"
    return path.read_text(encoding="utf-8")


def make_driver():
    driver = make_chromium(WIDE)
    driver.set_script_timeout(120)
    return driver


def set_color_scheme(driver, scheme):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})


def screenshot(driver, path):
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    content = metrics.get("cssContentSize") or metrics["contentSize"]
    viewport = metrics.get("cssLayoutViewport") or metrics["layoutViewport"]
    width = max(content["width"], viewport["clientWidth"])
    height = min(max(content["height"], viewport["clientHeight"]), MAX_SHOT_HEIGHT)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    path.write_bytes(base64.b64decode(shot["data"]))


# --- which pages ----------------------------------------------------------------------------

def first_model_page(site, recomputed):
    """The first model page (by file name) of a recomputed model, or of a published-only one.

    A recomputed model's page has the style-substance matrices (`charts` placeholder); a
    published-only page says its numbers are published and has none."""
    for path in sorted((site / "models").glob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        has_matrix = "<svg" in text
        if recomputed and has_matrix:
            return path.relative_to(site).as_posix()
        if not recomputed and not has_matrix and "Published" in text:
            return path.relative_to(site).as_posix()
    return None


def first_prompt_page(site):
    """A single prompt's page: prompts/<domain>/… that is neither an index nor a list page."""
    for path in sorted((site / "prompts").rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "prompts/index.html" or re.search(r"/(index|page-\d+)\.html$", relative):
            continue
        return relative
    return None


def rmbench_binary():
    """The rmbench-site binary scripts/browser-test.sh used: $RMBENCH_SITE, else swift build's
    bin path (with --scratch-path $SWIFT_SCRATCH when set), as the script finds it."""
    given = os.environ.get("RMBENCH_SITE")
    if given:
        return Path(given)
    command = [os.environ.get("SWIFT", "swift"), "build", "--show-bin-path"]
    if os.environ.get("SWIFT_SCRATCH"):
        command += ["--scratch-path", os.environ["SWIFT_SCRATCH"]]
    output = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True).stdout
    return Path(output.strip().splitlines()[-1]) / "rmbench-site"


def compare_page(site, folder):
    """A compare page: the site's compare.html if it has one, else `rmbench-site compare` of two
    of the default data's baselines (random → length) written into `folder` (the default site
    has no compare page: it is the `compare --format html` output, a single file)."""
    if (site / "compare.html").is_file():
        return site / "compare.html"
    results = REPO / "Data" / "results" / "Baseline"
    a = results / "baseline-random" / "baseline-random.json"
    b = results / "baseline-length" / "baseline-length.json"
    output = folder / "compare.html"
    # The templates of the checkout, as scripts/browser-test.sh builds the site with them.
    subprocess.run([str(rmbench_binary()), "compare", str(a), str(b), "--bootstrap", "200",
                    "--templates", str(REPO / "Templates"), "--output", str(output)], check=True, capture_output=True, text=True)
    return output


def pages(site, scratch):
    """(label, absolute path or None) for every kind of page the check covers."""
    def under(relative):
        return site / relative if relative else None
    try:
        compare = compare_page(site, scratch)
    except (subprocess.CalledProcessError, OSError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        print(f"no compare page: {detail.strip()[:300]}", flush=True)
        compare = None
    return [
        ("leaderboard", under("index.html" if (site / "index.html").is_file() else None)),
        ("recomputed model page", under(first_model_page(site, recomputed=True))),
        ("published-only model page", under(first_model_page(site, recomputed=False))),
        ("prompt page", under(first_prompt_page(site))),
        ("correlations", under("correlations.html" if (site / "correlations.html").is_file() else None)),
        ("compare page", compare),
        # The other chart pages, for the chart text contrast.
        ("types", under("types.html" if (site / "types.html").is_file() else None)),
        ("lengths", under("lengths.html" if (site / "lengths.html").is_file() else None)),
    ]


# --- axe ------------------------------------------------------------------------------------

def run_axe(driver, source):
    """axe.run over the whole document with the WCAG A/AA rules; returns its violations."""
    driver.execute_script(source + "\n;window.__axeLoaded = typeof axe === 'object';")
    assert driver.execute_script("return window.__axeLoaded === true"), "axe.min.js did not load"
    result = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
          .then(function (r) { done({violations: r.violations, version: axe.version}); })
          .catch(function (e) { done({error: String(e)}); });""", TAGS)
    assert "error" not in result, f"axe.run failed: {result['error']}"
    return result["violations"], result["version"]


# axe leaves text inside SVG "incomplete" (it cannot tell what is painted under it), so chart
# text gets its own contrast check: the text's computed fill against what is painted under the
# centre of its box — the last filled shape before it in the same SVG whose box holds that point
# (blended by its opacities), else the first opaque background of the SVG's HTML ancestors.
# WCAG 1.4.3: 4.5 : 1, or 3 : 1 for large text (24 px, or 18.66 px bold, as rendered).
SVG_TEXT_CONTRAST = r"""
function rgba(text) {
  var m = /rgba?\(([^)]+)\)/.exec(text || '');
  if (!m) return null;
  var p = m[1].split(',').map(function (x) { return parseFloat(x); });
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
}
function over(top, under, alpha) {
  return {r: top.r * alpha + under.r * (1 - alpha), g: top.g * alpha + under.g * (1 - alpha),
          b: top.b * alpha + under.b * (1 - alpha), a: 1};
}
function luminance(c) {
  function channel(v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}
function contrast(a, b) {
  var x = luminance(a), y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
function pageBackground(element) {
  for (var e = element; e; e = e.parentElement) {
    var c = rgba(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0) return c;
  }
  return {r: 255, g: 255, b: 255, a: 1};
}
var failures = [], checked = 0;
document.querySelectorAll('svg').forEach(function (svg) {
  var base = pageBackground(svg.parentElement);
  var shapes = Array.prototype.slice.call(svg.querySelectorAll('rect, circle, ellipse, polygon, path'));
  svg.querySelectorAll('text').forEach(function (text) {
    if (!text.textContent.trim()) return;
    var box = text.getBBox();
    if (box.width === 0 || text.getClientRects().length === 0) return;
    var cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    var under = base;
    shapes.forEach(function (shape) {
      if (!(shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
      if (shape.closest('defs, clipPath')) return;
      var style = getComputedStyle(shape);
      var fill = rgba(style.fill);
      if (!fill || style.display === 'none' || style.visibility === 'hidden') return;
      var b = shape.getBBox();
      if (cx < b.x || cx > b.x + b.width || cy < b.y || cy > b.y + b.height) return;
      var alpha = fill.a * parseFloat(style.fillOpacity || '1') * parseFloat(style.opacity || '1');
      var g = shape.parentElement;
      // fill-opacity is inherited (the computed value already holds a group's); opacity is not.
      while (g && g !== svg) { alpha *= parseFloat(getComputedStyle(g).opacity || '1'); g = g.parentElement; }
      under = over(fill, under, alpha);
    });
    var style = getComputedStyle(text);
    var color = rgba(style.fill);
    if (!color) return;
    color = over(color, under, color.a * parseFloat(style.fillOpacity || '1'));
    var scale = svg.getScreenCTM() ? svg.getScreenCTM().a : 1;
    var size = parseFloat(style.fontSize) * scale;
    var bold = parseInt(style.fontWeight, 10) >= 700;
    var needed = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
    var ratio = contrast(color, under);
    checked++;
    if (ratio < needed - 0.005) {
      failures.push({ratio: Math.round(ratio * 100) / 100, needed: needed, text: text.textContent.trim().slice(0, 60),
                     fill: style.fill, under: 'rgb(' + [under.r, under.g, under.b].map(Math.round).join(', ') + ')',
                     svg: svg.getAttribute('class') || ''});
    }
  });
});
return {checked: checked, failures: failures};
"""


def svg_text_contrast(driver):
    """(texts checked, failures) of SVG_TEXT_CONTRAST on the current page."""
    result = driver.execute_script(SVG_TEXT_CONTRAST)
    return result["checked"], result["failures"]


def describe(violations):
    """One line per violating element: rule, impact, selector, HTML cut to SNIPPET characters."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            html = " ".join(node.get("html", "").split())
            if len(html) > SNIPPET:
                html = html[:SNIPPET] + "…"
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {violation['id']} [{violation.get('impact')}] {target}: {html}"
                         + (f" — {summary[:240]}" if summary else ""))
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, type=Path)
    parser.add_argument("--screenshots", required=True, type=Path)
    arguments = parser.parse_args()
    site = arguments.site.resolve()
    # A folder of its own: test_site.py clears the *.png files of --screenshots when it starts.
    screenshots = arguments.screenshots / "accessibility"
    screenshots.mkdir(parents=True, exist_ok=True)
    for old in screenshots.glob("*.png"):
        old.unlink()
    scratch = Path(tempfile.mkdtemp(prefix="rmbench-a11y."))

    run = Run()
    started = time.monotonic()
    try:
        source = axe_source()
        driver = make_driver()
    except Exception as error:  # noqa: BLE001
        print(f"FAIL  load axe-core and start chromium + chromedriver: {error}")
        print("0 passed, 1 failed")
        return 1
    print(f"{driver.capabilities.get('browserName')} {driver.capabilities.get('browserVersion')}, "
          f"site {site}, rules {', '.join(TAGS)}", flush=True)

    try:
        kinds = pages(site, scratch)
        for label, path in kinds:
            shown = (path.relative_to(site).as_posix() if path and path.is_relative_to(site) else path.name) if path else None
            for scheme in ("light", "dark"):
                name = f"axe {scheme}: {label}" + (f" ({shown})" if shown else "")

                def check(path=path, shown=shown, scheme=scheme, label=label):
                    assert path, f"the site has no {label}"
                    set_color_scheme(driver, scheme)
                    driver.get(path.resolve().as_uri())
                    WebDriverWait(driver, 20).until(
                        lambda d: d.execute_script("return document.readyState") == "complete")
                    active = driver.execute_script(
                        "return matchMedia('(prefers-color-scheme: ' + arguments[0] + ')').matches", scheme)
                    assert active, f"prefers-color-scheme: {scheme} emulation is not active"
                    violations, version = run_axe(driver, source)
                    checked, low = svg_text_contrast(driver)
                    problems = describe(violations) + [
                        f"    svg-text-contrast [serious] svg.{f['svg']} text \"{f['text']}\": {f['ratio']} : 1 "
                        f"(needs {f['needed']} : 1), fill {f['fill']} on {f['under']}" for f in low]
                    if problems:
                        shot = screenshots / f"{scheme}-{re.sub(r'[^A-Za-z0-9]+', '-', shown).strip('-')}.png"
                        screenshot(driver, shot)
                        rules = [v["id"] for v in violations] + (["svg-text-contrast"] if low else [])
                        raise AssertionError(
                            f"{len(problems)} violation(s) of {len(rules)} rule(s) ({', '.join(rules)}); "
                            f"screenshot {shot.name}\n" + "\n".join(problems))
                    return f"axe {version}, 0 violations; {checked} chart texts with enough contrast"

                run.check(name, check)
        # Model pages: every header of the headline and group tables has its definition, as the
        # cell's title (site.js) and in the list under the table (readable without the script).
        model = next((path for label, path in kinds if label == "recomputed model page"), None)

        def header_definitions(scripts):
            assert model, "the site has no recomputed model page"
            set_color_scheme(driver, "light")
            driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not scripts})
            try:
                driver.get(model.resolve().as_uri())
                WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
                tables = driver.execute_script("""
                    return Array.prototype.filter.call(document.querySelectorAll('main table'), function (t) {
                      var next = t.nextElementSibling;
                      return next && next.matches('dl.table-definitions');
                    }).map(function (t) {
                      var list = t.nextElementSibling;
                      return {headers: Array.prototype.map.call(t.tHead.rows[0].cells, function (th) {
                                return {label: th.textContent.trim(), title: th.title}; }),
                              terms: Array.prototype.map.call(list.querySelectorAll('dt'), function (dt) { return dt.textContent.trim(); }),
                              visible: list.getBoundingClientRect().height > 0};
                    });""")
            finally:
                driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
            assert len(tables) >= 2, f"expected the headline and group tables with definition lists, found {len(tables)}"
            for table in tables:
                labels = [h["label"] for h in table["headers"]]
                assert table["visible"], f"the definitions of {labels} are not visible"
                missing = [label for label in labels if label not in table["terms"]]
                assert not missing, f"no definition for {missing}"
                titled = [h["label"] for h in table["headers"] if h["title"]]
                if scripts:
                    assert titled == labels, f"header cells without a title: {[l for l in labels if l not in titled]}"
                else:
                    # The titles come from site.js: none without it (the emulation works).
                    assert not titled, f"titles without JavaScript: {titled}"
            return f"{len(tables)} tables, {sum(len(t['headers']) for t in tables)} columns"

        shown = model.relative_to(site).as_posix() if model else "none"
        run.check(f"model page column definitions as header titles ({shown})", lambda: header_definitions(True))
        run.check(f"model page column definitions without JavaScript ({shown})", lambda: header_definitions(False))
    finally:
        try:
            driver.quit()
        except Exception:  # noqa: BLE001
            pass
        shutil.rmtree(scratch, ignore_errors=True)

    elapsed = time.monotonic() - started
    print()
    return run.finish("accessibility test", elapsed)


if __name__ == "__main__":
    sys.exit(main())
