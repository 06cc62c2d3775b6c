#!/usr/bin/env python3
"""Checks a built rmbench-site in headless Chromium the way a user would.

    python3 Tests/browser/test_site.py --site /path/to/Site --screenshots browser-screenshots

Opens the pages from file:// (the site must work offline), clicks the leaderboard's
sort buttons, uses the type filter, follows a model link, looks at the page at 400 px
and in dark mode, and fails on any SEVERE console message or Content-Security-Policy
violation. Then the side-by-side view (ticking rows on the leaderboard, both models' numbers
and matrices, the selection restored from the URL fragment, the page without JavaScript),
the prompt page's 3×3 grids against the rewards shown, a model page's wrong-prompt links, and
the prompt list ordered by models right (default order, sorting, the sort in the URL). Writes PNG screenshots to --screenshots. The last line of the output is
always "N passed, M failed"; the exit status is 1 if anything failed.
"""

import argparse
import base64
import sys
import time
from pathlib import Path

from browser_support import Run, make_chromium
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

WIDE = (1280, 900)
NARROW = (400, 850)
# Longest screenshot kept; longer pages are cut (the file stays small enough to attach).
MAX_SHOT_HEIGHT = 6000
# Installed before any page script runs; DevTools-injected scripts are not subject to the page's CSP.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
    ' at ' + (e.sourceFile || '?') + ':' + e.lineNumber);
});
"""


def make_driver(javascript=True):
    driver = make_chromium(WIDE, javascript=javascript, browser_log=True)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_LISTENER})
    return driver


class Browser:
    def __init__(self, driver, site, screenshots):
        self.driver = driver
        self.site = site
        self.screenshots = screenshots
        self.problems = []  # console / CSP problems of the current page

    def url(self, relative):
        return (self.site / relative).resolve().as_uri()

    def set_viewport(self, width, height, mobile=False):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def set_color_scheme(self, scheme):
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})

    def open(self, relative):
        self.driver.get(self.url(relative))
        self.wait_loaded()

    def wait_loaded(self):
        WebDriverWait(self.driver, 20).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def console_problems(self):
        """SEVERE console messages and CSP violations since the last call (the log is drained)."""
        problems = []
        for entry in self.driver.get_log("browser"):
            message = entry.get("message", "")
            if entry.get("level") == "SEVERE" or "Content Security Policy" in message or "Content-Security-Policy" in message:
                problems.append(f"{entry.get('level')}: {message}")
        try:
            for violation in self.driver.execute_script("return window.__cspViolations || []"):
                problems.append(f"CSP violation: {violation}")
        except WebDriverException:
            pass
        return problems

    def screenshot(self, name):
        """The whole page (up to MAX_SHOT_HEIGHT css px) as <screenshots>/<name>.png."""
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        content = metrics.get("cssContentSize") or metrics["contentSize"]
        viewport = metrics.get("cssLayoutViewport") or metrics["layoutViewport"]
        width = max(content["width"], viewport["clientWidth"])
        height = min(max(content["height"], viewport["clientHeight"]), MAX_SHOT_HEIGHT)
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        path = self.screenshots / f"{name}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


# --- leaderboard helpers --------------------------------------------------------------------

def header_index(driver, label):
    """Column index of the leaderboard header whose text is `label`."""
    headers = driver.find_elements(By.CSS_SELECTOR, "table.leaderboard thead th")
    for index, th in enumerate(headers):
        if th.text.strip() == label:
            return index
    raise AssertionError(f"no leaderboard header {label!r} (headers: {[th.text.strip() for th in headers]})")


def column(driver, index, visible_only=True):
    """Texts of one column for the body rows, in document order."""
    return driver.execute_script("""
        var rows = document.querySelector('table.leaderboard').tBodies[0].rows, out = [];
        for (var i = 0; i < rows.length; i++) {
          if (arguments[1] && rows[i].hidden) continue;
          out.push(rows[i].cells[arguments[0]].textContent.trim());
        }
        return out;""", index, visible_only)


def summarize(problems, limit=3, width=260):
    """A few console problems, each cut to `width` characters, and how many more there were."""
    shown = [p if len(p) <= width else p[:width] + "…" for p in problems[:limit]]
    more = f" (+{len(problems) - limit} more)" if len(problems) > limit else ""
    return f"{len(problems)} problem(s): " + " | ".join(shown) + more


def number(text):
    cleaned = text.replace("†", "").replace("*", "").strip()
    try:
        return float(cleaned.split()[0])
    except (ValueError, IndexError):
        return None  # "–": not reported


def row_names(driver):
    return column(driver, header_index(driver, "Model"), visible_only=False)


def average_header(driver):
    index = header_index(driver, "Average")
    th = driver.find_elements(By.CSS_SELECTOR, "table.leaderboard thead th")[index]
    buttons = th.find_elements(By.CSS_SELECTOR, "button")
    assert buttons, "the Average header has no button (site.js did not run?)"
    return index, th, buttons[0]


# --- side by side and prompt helpers ---------------------------------------------------------

def leaderboard_meta(site):
    """slug → (display name, provenance) from the leaderboard's hidden row data, in table order."""
    import html as html_module
    import re
    text = (site / "index.html").read_text(encoding="utf-8")
    meta = {}
    for match in re.finditer(r'<li data-slug="([^"]*)" data-names="([^"]*)" data-provenance="([^"]*)"', text):
        slug, names, provenance = (html_module.unescape(g) for g in match.groups())
        meta[slug] = (names.split("\n")[0], provenance)
    return meta


def names_of(site):
    return {slug: value[0] for slug, value in leaderboard_meta(site).items()}


def provenance_of(site):
    return {slug: value[1] for slug, value in leaderboard_meta(site).items()}


def side_by_side_pair(site):
    """Two models to compare: the generated recomputed models when the site has them (the
    browser-test data), else the first two recomputed rows, else the first two rows."""
    meta = leaderboard_meta(site)
    generated = [s for s in ("generated-rm-1", "generated-rm-4") if s in meta]
    if len(generated) == 2:
        return generated
    recomputed = [s for s, (_, p) in meta.items() if p != "published"]
    return (recomputed + [s for s in meta if s not in recomputed])[:2]


def leaderboard_averages(browser, slugs):
    """Each row's Average cell text on the leaderboard (bold marks dropped)."""
    browser.open("index.html")
    index = header_index(browser.driver, "Average")
    return {slug: browser.driver.execute_script(
        "return document.getElementById(arguments[0]).cells[arguments[1]].textContent.trim()", slug, index) for slug in slugs}


def open_side_by_side(browser, slugs):
    """side-by-side.html with the slugs in its fragment (the fragment is not part of the file path)."""
    browser.driver.get(browser.url("side-by-side.html") + "#models=" + ",".join(slugs))
    browser.wait_loaded()


def side_by_side_state(driver):
    """What the side-by-side view shows: column names, the Average row, row labels, matrices per model."""
    return driver.execute_script("""
        var t = document.querySelector('table.side-by-side-table'), out = {models: [], average: [], rowLabels: [],
            matricesPerModel: {}, hardMarked: 0, checked: []};
        if (t) {
          out.models = Array.prototype.slice.call(t.tHead.rows[0].cells, 1).map(function (th) { return th.querySelector('a').textContent; });
          Array.prototype.forEach.call(t.tBodies[0].rows, function (tr) {
            var label = tr.cells[0].textContent.trim(); out.rowLabels.push(label);
            if (label === 'Average') out.average = Array.prototype.slice.call(tr.cells, 1).map(function (td) { return td.textContent.trim(); });
          });
        }
        document.querySelectorAll('table.side-by-side-matrix').forEach(function (m) {
          var name = m.querySelector('caption .matrix-model').textContent;
          out.matricesPerModel[name] = (out.matricesPerModel[name] || 0) + 1;
          out.hardMarked += m.querySelectorAll('td.cell-hard').length;
        });
        document.querySelectorAll('.side-by-side-choices input:checked').forEach(function (b) { out.checked.push(b.value); });
        out.checked.sort();
        return out;""")


def first_prompt_page(site):
    """The first prompt page of the first domain folder (not a list or ranking page)."""
    for folder in sorted(p for p in (site / "prompts").iterdir() if p.is_dir()):
        pages = sorted(p for p in folder.glob("*.html") if not p.name.startswith("page-") and p.name != "by-models-right.html")
        if pages:
            return pages[0].relative_to(site).as_posix()
    raise AssertionError("no prompt pages")


def parse_scores(text):
    """`1.95 · 1.25 · 2.24` → [1.95, 1.25, 2.24]; NaN and ±∞ as None (not compared)."""
    values = []
    for part in text.split("·"):
        part = part.strip().replace("−", "-")
        try:
            value = float(part)
            values.append(value if value == value and abs(value) != float("inf") else None)
        except ValueError:
            values.append(None)
    return values


# --- the checks -----------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, type=Path)
    parser.add_argument("--screenshots", required=True, type=Path)
    parser.add_argument("--model", default="baseline-length", help="slug of a model page with matrices")
    arguments = parser.parse_args()
    site = arguments.site.resolve()
    screenshots = arguments.screenshots
    screenshots.mkdir(parents=True, exist_ok=True)
    for old in screenshots.glob("*.png"):
        old.unlink()

    run = Run()
    started = time.monotonic()
    try:
        driver = make_driver()
    except Exception as error:  # noqa: BLE001
        print(f"FAIL  start chromium + chromedriver: {error}")
        print("0 passed, 1 failed")
        return 1
    browser = Browser(driver, site, screenshots)
    print(f"{driver.capabilities.get('browserName')} {driver.capabilities.get('browserVersion')}, "
          f"site {site}, screenshots {screenshots}", flush=True)

    def page_is_clean(label):
        problems = browser.console_problems()
        assert not problems, f"{label}: {summarize(problems)}"

    def loads_offline(relative, expect_title=True):
        """The page came from file://, has its stylesheet and script, and one visible h1."""
        def check():
            assert driver.current_url.startswith("file://"), f"not a file:// URL: {driver.current_url}"
            assert driver.execute_script("return document.styleSheets.length") >= 1, "no stylesheet loaded"
            scripts = driver.execute_script(
                "return Array.prototype.map.call(document.scripts, function (s) { return s.src; })")
            assert any(src.endswith("assets/site.js") for src in scripts), f"site.js not referenced: {scripts}"
            h1 = driver.find_elements(By.CSS_SELECTOR, "h1")
            assert len(h1) == 1 and h1[0].is_displayed(), "expected one visible h1"
            if expect_title:
                assert driver.title.strip(), "empty <title>"
            broken = driver.execute_script("""
                return Array.prototype.filter.call(document.images, function (i) {
                  return !i.complete || i.naturalWidth === 0; }).map(function (i) { return i.src; });""")
            assert not broken, f"images that did not load: {broken}"
            return relative
        return check

    model = arguments.model
    try:
        # 1. Leaderboard at 1280 px, light.
        browser.set_viewport(*WIDE)
        browser.set_color_scheme("light")
        browser.open("index.html")
        run.check("leaderboard loads from file://", loads_offline("index.html"))
        run.check("leaderboard: no console errors or CSP violations", lambda: page_is_clean("index.html"))
        run.check("screenshot leaderboard-1280-light",
                  lambda: browser.screenshot("leaderboard-1280-light").name)

        def fits_wide():
            result = driver.execute_script("""
                var t = document.querySelector('table.leaderboard'), w = document.documentElement.clientWidth;
                var r = t.getBoundingClientRect(), clipped = [];
                t.tHead.rows[0].querySelectorAll('th').forEach(function (th) {
                  var b = th.getBoundingClientRect();
                  if (th.scrollWidth > th.clientWidth + 1 || b.right > w + 0.5 || b.width === 0) clipped.push(th.textContent.trim());
                });
                return [r.right, w, clipped, t.scrollWidth, t.clientWidth];""")
            right, width, clipped, scroll_width, client_width = result
            assert right <= width + 0.5, f"the table's right edge is at {right:.0f} px in a {width} px viewport"
            assert scroll_width <= client_width + 1, f"the table scrolls sideways ({scroll_width} > {client_width})"
            assert not clipped, f"clipped header cells: {clipped}"
            return f"right edge {right:.0f} ≤ {width}"
        run.check("leaderboard at 1280: every column in view, no header cell clipped", fits_wide)

        def sticky_header():
            driver.execute_script("window.scrollTo(0, 1500)")
            time.sleep(0.1)
            top, bottom, scrolled = driver.execute_script("""
                var r = document.querySelector('table.leaderboard thead th').getBoundingClientRect();
                return [r.top, r.bottom, window.scrollY];""")
            driver.execute_script("window.scrollTo(0, 0)")
            assert scrolled >= 1400, f"the page scrolled only {scrolled} px"
            assert 0 <= top <= 80 and bottom > 0, f"after scrolling {scrolled} px the header row is at {top:.0f}…{bottom:.0f} px"
            return f"header at {top:.0f} px after {scrolled} px"
        run.check("leaderboard: header row stays within the top 80 px after scrolling 1,500 px", sticky_header)

        def ranks_are_numbers():
            ranks = column(driver, header_index(driver, "Rank"), visible_only=False)
            bad = [r for r in ranks if not r.split(" ")[0].isdigit()]
            assert ranks and not bad, f"{len(bad)} rank cells without a number: {bad[:5]}"
            numbers = [int(r.split(" ")[0]) for r in ranks]
            assert numbers == sorted(numbers), f"ranks are not in table order: {numbers[:10]}"
            assert numbers[0] == 1, f"the first row's rank is {numbers[0]}"
            ids = driver.execute_script(
                "return Array.prototype.filter.call(document.querySelectorAll('table.leaderboard tbody tr'), function (r) { return r.id; }).length")
            assert ids == len(ranks), f"{ids} of {len(ranks)} rows have an id"
            titles = driver.execute_script(
                "return Array.prototype.map.call(document.querySelectorAll('table.leaderboard thead th'), function (t) { return t.title ? '' : t.textContent.trim(); }).filter(Boolean)")
            assert not titles, f"headers without a title: {titles}"
            return f"{len(ranks)} ranks {numbers[0]} … {numbers[-1]}, every row has an id, every header a title"
        run.check("leaderboard: every rank cell holds a number, every row an id, every header a title", ranks_are_numbers)

        initial_order = []

        def headers_are_buttons():
            buttons = driver.find_elements(By.CSS_SELECTOR, "table.leaderboard thead th button.sort")
            labels = [b.text.strip() for b in buttons]
            assert "Average" in labels, f"no Average sort button; buttons: {labels}"
            _, th, _ = average_header(driver)
            assert th.get_attribute("aria-sort") == "descending", \
                f"initial aria-sort of Average is {th.get_attribute('aria-sort')!r}, expected 'descending'"
            initial_order.extend(row_names(driver))
            return f"{len(buttons)} sort buttons, {len(initial_order)} rows"
        run.check("leaderboard: headers are sort buttons, Average starts descending", headers_are_buttons)

        def average_click_ascending():
            index, th, button = average_header(driver)
            button.click()
            assert th.get_attribute("aria-sort") == "ascending", \
                f"after one click aria-sort is {th.get_attribute('aria-sort')!r}, expected 'ascending'"
            values = [number(t) for t in column(driver, index)]
            known = [v for v in values if v is not None]
            assert known, "no Average values"
            assert values[0] is not None, f"first row has no Average after sorting ascending: {column(driver, index)[:3]}"
            assert values[0] <= known[-1], f"first Average {values[0]} > last {known[-1]}"
            assert known == sorted(known), f"Averages not ascending: {known}"
            first_unknown = next((i for i, v in enumerate(values) if v is None), len(values))
            assert all(v is None for v in values[first_unknown:]), "a row without Average is not last"
            status = driver.find_element(By.CSS_SELECTOR, ".sort-status").text
            return f"{known[0]} … {known[-1]}; status {status!r}"
        run.check("sort: clicking Average sorts ascending", average_click_ascending)

        def average_click_descending():
            index, th, button = average_header(driver)
            button.click()
            assert th.get_attribute("aria-sort") == "descending", \
                f"after two clicks aria-sort is {th.get_attribute('aria-sort')!r}, expected 'descending'"
            known = [v for v in (number(t) for t in column(driver, index)) if v is not None]
            assert known == sorted(known, reverse=True), f"Averages not descending: {known}"
            order = row_names(driver)
            assert order == initial_order, \
                "second click did not restore the initial order; first difference at row " + \
                str(next(i for i, (a, b) in enumerate(zip(order, initial_order)) if a != b))
            return f"{known[0]} … {known[-1]}"
        run.check("sort: clicking Average again restores descending", average_click_descending)

        def keyboard_sort():
            from selenium.webdriver.common.keys import Keys
            index, th, button = average_header(driver)
            button.send_keys(Keys.ENTER)
            assert th.get_attribute("aria-sort") == "ascending", "Enter on the focused Average button did not sort"
            button.send_keys(Keys.SPACE)
            assert th.get_attribute("aria-sort") == "descending", "Space on the focused Average button did not sort"
            assert row_names(driver) == initial_order, "keyboard sorting did not come back to the initial order"
        run.check("sort: keyboard (Enter, Space) works on the header button", keyboard_sort)

        def rank_sort_best_first():
            index = header_index(driver, "Rank")
            th = driver.find_elements(By.CSS_SELECTOR, "table.leaderboard thead th")[index]
            th.find_element(By.CSS_SELECTOR, "button").click()
            ranks = [int(r.split(" ")[0]) for r in column(driver, index)]
            assert th.get_attribute("aria-sort") == "ascending", f"Rank aria-sort {th.get_attribute('aria-sort')!r}"
            assert ranks[0] == 1 and ranks == sorted(ranks), f"sorting by Rank does not put 1 first: {ranks[:8]}"
            _, _, average = average_header(driver)
            average.click()  # back to the initial view (Average, descending)
            assert row_names(driver) == initial_order, "clicking Average did not restore the initial order"
            return f"{ranks[0]} … {ranks[-1]}"
        run.check("sort: Rank puts the best first", rank_sort_best_first)

        def search_names():
            query = model
            box = driver.find_element(By.CSS_SELECTOR, "input[type=search]")
            box.send_keys(query)
            shown, expected = driver.execute_script("""
                var q = arguments[0].toLowerCase(), shown = [], expected = [];
                document.querySelectorAll('table.leaderboard tbody tr').forEach(function (r) {
                  var names = r.getAttribute('data-search') || '';
                  if (names.indexOf(q) >= 0) expected.push(r.id);
                  if (!r.hidden && r.getBoundingClientRect().height > 0) shown.push(r.id);
                });
                return [shown.sort(), expected.sort()];""", query)
            assert shown and shown == expected, f"searching {query!r} shows {shown}, expected {expected}"
            assert f"q={query}" in driver.current_url, f"the search is not in the URL: {driver.current_url}"
            box.clear()
            box.send_keys(" ")  # fires input; an all-blank query shows every row
            visible = [r for r in driver.find_elements(By.CSS_SELECTOR, "table.leaderboard tbody tr") if r.is_displayed()]
            assert len(visible) == len(initial_order), f"clearing the search shows {len(visible)} of {len(initial_order)} rows"
            box.clear()
            return f"{query!r}: {shown}"
        run.check("search: typing a model's name leaves exactly the matching rows", search_names)

        def type_filter():
            type_index = header_index(driver, "Type")
            select = Select(driver.find_element(By.CSS_SELECTOR, "select#type-filter"))
            values = [o.get_attribute("value") for o in select.options]
            assert "Baseline" in values, f"no Baseline option: {values}"
            all_types = column(driver, type_index, visible_only=False)
            expected = sum(1 for t in all_types if t == "Baseline")
            select.select_by_value("Baseline")
            rows = driver.find_elements(By.CSS_SELECTOR, "table.leaderboard tbody tr")
            shown = [r for r in rows if r.is_displayed()]
            shown_types = [r.find_elements(By.CSS_SELECTOR, "td")[type_index].text.strip() for r in shown]
            assert len(shown) == expected, f"{len(shown)} rows visible, {expected} rows say Baseline"
            assert set(shown_types) == {"Baseline"}, f"visible types: {sorted(set(shown_types))}"
            assert len(rows) - len(shown) == len(all_types) - expected, "hidden row count is wrong"
            status = driver.find_element(By.CSS_SELECTOR, ".sort-status").text
            select.select_by_value("")
            again = [r for r in driver.find_elements(By.CSS_SELECTOR, "table.leaderboard tbody tr") if r.is_displayed()]
            assert len(again) == len(all_types), f"'All types' shows {len(again)} of {len(all_types)} rows"
            return f"{expected} of {len(all_types)} rows shown; status {status!r}"
        run.check("filter: type Baseline shows only Baseline rows", type_filter)
        run.check("leaderboard after sorting/filtering: no console errors", lambda: page_is_clean("index.html"))

        def fragment_restores_view():
            fragment = "sort=hard&dir=desc&type=Baseline&q=baseline"
            driver.get("about:blank")
            driver.get(browser.url("index.html") + "#" + fragment)
            browser.wait_loaded()
            driver.refresh()
            browser.wait_loaded()
            hard = header_index(driver, "Hard")
            th = driver.find_elements(By.CSS_SELECTOR, "table.leaderboard thead th")[hard]
            assert th.get_attribute("aria-sort") == "descending", f"Hard aria-sort {th.get_attribute('aria-sort')!r} after reload"
            assert driver.find_element(By.CSS_SELECTOR, "input[type=search]").get_attribute("value") == "baseline"
            assert Select(driver.find_element(By.CSS_SELECTOR, "select#type-filter")).first_selected_option.get_attribute("value") == "Baseline"
            types = column(driver, header_index(driver, "Type"))
            assert types and set(types) == {"Baseline"}, f"visible types {set(types)}"
            values = [v for v in (number(t) for t in column(driver, hard)) if v is not None]
            assert values == sorted(values, reverse=True), f"Hard not descending: {values}"
            return f"{len(types)} rows, Hard {values[:3]}…"
        run.check("leaderboard: reloading a URL with a sort/filter/search fragment restores the view", fragment_restores_view)
        run.check("leaderboard with a fragment: no console errors", lambda: page_is_clean("index.html#fragment"))

        def permalink_row():
            driver.get("about:blank")
            driver.get(browser.url("index.html") + "#" + model)
            browser.wait_loaded()
            time.sleep(0.2)
            top, bottom, height, marked = driver.execute_script("""
                var r = document.getElementById(arguments[0]); if (!r) return [null, null, 0, false];
                var b = r.getBoundingClientRect(); return [b.top, b.bottom, window.innerHeight, r.classList.contains('target-row')];""", model)
            assert top is not None, f"no element with id {model!r}"
            assert 0 <= top and bottom <= height, f"row {model} is at {top}…{bottom} px in a {height} px window"
            assert marked, "the row is not highlighted"
            browser.screenshot("leaderboard-permalink-1280")
            return f"row at {top:.0f} px"
        run.check(f"leaderboard: index.html#{model} scrolls to and highlights that row", permalink_row)
        browser.open("index.html")

        # 2. Follow a model link.

        def follow_model_link():
            links = driver.find_elements(By.CSS_SELECTOR, f"table.leaderboard a[href$='models/{model}.html']")
            assert links, f"no link to models/{model}.html in the leaderboard"
            links[0].click()
            WebDriverWait(driver, 20).until(lambda d: d.current_url.endswith(f"models/{model}.html"))
            browser.wait_loaded()
            return driver.current_url.rsplit("/", 2)[-1]
        followed = run.check(f"model link opens models/{model}.html", follow_model_link)
        if not followed:
            browser.open(f"models/{model}.html")
        run.check(f"model page {model} loads from file://", loads_offline(f"models/{model}.html"))
        run.check(f"model page {model}: no console errors or CSP violations", lambda: page_is_clean(model))

        def matrices_visible():
            charts = driver.find_elements(By.CSS_SELECTOR, ".chart-grid svg[role=img]")
            assert charts, "no svg[role=img] inside .chart-grid"
            sizes = [driver.execute_script(
                "var r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", c) for c in charts]
            empty = [i for i, (w, h) in enumerate(sizes) if not (w > 0 and h > 0)]
            assert not empty, f"charts with zero size: {empty} of {len(charts)} ({[sizes[i] for i in empty]})"
            labelled = [c for c in charts if (c.get_attribute("aria-label") or
                                              c.find_elements(By.CSS_SELECTOR, "title"))]
            assert len(labelled) == len(charts), "a chart has neither aria-label nor <title>"
            return f"{len(charts)} charts, first {sizes[0][0]:.0f}×{sizes[0][1]:.0f} px"
        run.check(f"model page {model}: every matrix has a non-zero size", matrices_visible)

        def length_chart_loads():
            # The reward-vs-length chart is the file in charts/, shown as an image (not inlined).
            images = driver.find_elements(By.CSS_SELECTOR, ".chart-grid figure.chart img")
            assert images, "no chart image in the model page"
            for image in images:
                driver.execute_script("arguments[0].scrollIntoView()", image)
                WebDriverWait(driver, 10).until(lambda d: d.execute_script("return arguments[0].complete", image))
                width = driver.execute_script("return arguments[0].naturalWidth", image)
                assert width > 0, f"{image.get_attribute('src')} did not load"
                assert len(image.get_attribute("alt") or "") > 40, f"{image.get_attribute('src')} has no description"
            return f"{len(images)} image(s), {image.get_attribute('src').rsplit('/', 2)[-2:]}"
        run.check(f"model page {model}: its length chart loads from charts/ with its description as alt text", length_chart_loads)
        run.check(f"screenshot model-{model}-1280", lambda: browser.screenshot(f"model-{model}-1280").name)

        # 3. Methodology and correlations pages.
        for slug in ("methodology", "correlations"):
            browser.open(f"{slug}.html")
            run.check(f"{slug} page loads from file://", loads_offline(f"{slug}.html"))
            run.check(f"{slug} page: no console errors or CSP violations", lambda slug=slug: page_is_clean(slug))
            run.check(f"screenshot {slug}-1280", lambda slug=slug: browser.screenshot(f"{slug}-1280").name)

        # 3b. Side by side, prompt pages, wrong-prompt links, prompt ranking (issue 12).
        pair = side_by_side_pair(site)

        def leaderboard_picks():
            browser.open("index.html")
            from selenium.webdriver.common.keys import Keys
            boxes = {b.get_attribute("value"): b for b in driver.find_elements(By.CSS_SELECTOR, "table.leaderboard input.pick")}
            rows = driver.find_elements(By.CSS_SELECTOR, "table.leaderboard tbody tr")
            assert len(boxes) == len(rows), f"{len(boxes)} selection boxes for {len(rows)} rows"
            for slug in pair:
                assert slug in boxes, f"no selection box for {slug}"
            boxes[pair[0]].click()
            # Keyboard: focus the second box and press Space.
            driver.execute_script("arguments[0].focus()", boxes[pair[1]])
            boxes[pair[1]].send_keys(Keys.SPACE)
            assert boxes[pair[1]].is_selected(), "Space on a focused box did not tick it"
            link = driver.find_element(By.CSS_SELECTOR, "a.side-by-side-link")
            expected = "side-by-side.html#models=" + ",".join(pair)
            text = link.text
            assert link.get_attribute("href").endswith(expected), f"link {link.get_attribute('href')!r}, expected …{expected}"
            assert "2 selected" in text, f"link text {text!r}"
            link.click()
            WebDriverWait(driver, 20).until(lambda d: "side-by-side.html" in d.current_url)
            browser.wait_loaded()
            shown = side_by_side_state(driver)
            assert shown["models"] == [names_of(site)[s] for s in pair], f"the view shows {shown['models']}"
            return f"{len(boxes)} boxes; {text!r} → {expected}"
        run.check("leaderboard: ticking two rows (mouse, then keyboard) links to their side-by-side view", leaderboard_picks)

        def side_by_side_shows_both():
            averages = leaderboard_averages(browser, pair)
            open_side_by_side(browser, pair)
            shown = side_by_side_state(driver)
            assert shown["models"] == [names_of(site)[s] for s in pair], f"columns {shown['models']}, expected {pair}"
            assert shown["average"] == [averages[s] for s in pair], f"Average {shown['average']}, leaderboard {averages}"
            rows = shown["rowLabels"]
            for label in ("Rank", "Type", "Chat", "Math", "Code", "Safety", "Easy", "Normal", "Hard", "Average", "95 % CI", "Numbers"):
                assert label in rows, f"no {label!r} row: {rows}"
            recomputed = [s for s in pair if provenance_of(site)[s] != "published"]
            per_model = shown["matricesPerModel"]
            for slug in recomputed:
                name = names_of(site)[slug]
                assert per_model.get(name, 0) >= 2, f"{name}: {per_model.get(name, 0)} matrices (expected pooled + domains)"
            assert shown["hardMarked"] > 0, "no matrix cell is marked Hard"
            return f"Average {shown['average']}, matrices {per_model}"
        run.check("side by side: both models' Average (as on the leaderboard) and recomputed models' matrices", side_by_side_shows_both)
        run.check("side by side: no console errors or CSP violations", lambda: page_is_clean("side-by-side.html"))

        def side_by_side_reload():
            driver.refresh()
            browser.wait_loaded()
            shown = side_by_side_state(driver)
            assert shown["models"] == [names_of(site)[s] for s in pair], f"after reload: {shown['models']}"
            assert shown["checked"] == sorted(pair), f"chooser boxes ticked after reload: {shown['checked']}"
            # Unticking one in the chooser updates the fragment and the view.
            driver.execute_script("document.querySelector('.side-by-side-chooser').open = true")
            box = driver.find_element(By.CSS_SELECTOR, f".side-by-side-choices input[value='{pair[0]}']")
            box.click()
            assert driver.current_url.endswith("#models=" + pair[1]), f"URL after unticking: {driver.current_url}"
            after = side_by_side_state(driver)
            assert after["models"] == [names_of(site)[pair[1]]], f"columns after unticking: {after['models']}"
            box.click()
            assert driver.current_url.endswith("#models=" + pair[1] + "," + pair[0]), f"URL after ticking again: {driver.current_url}"
            return f"restored {shown['models']}"
        run.check("side by side: reloading the URL restores the selection; the chooser edits the fragment", side_by_side_reload)
        open_side_by_side(browser, pair)
        run.check("screenshot side-by-side-1280", lambda: browser.screenshot("side-by-side-1280").name)

        def prompt_grid():
            relative = first_prompt_page(site)
            browser.open(relative)
            checked = driver.execute_script("""
                var out = [], grids = document.querySelectorAll('table.comparison-grid');
                var scores = {};
                document.querySelectorAll('main table:not(.comparison-grid) tbody tr').forEach(function (tr) {
                  var a = tr.querySelector('a'); if (!a || tr.cells.length < 5) return;
                  scores[a.getAttribute('href')] = [tr.cells[1].textContent, tr.cells[2].textContent];
                });
                grids.forEach(function (t) {
                  var href = t.querySelector('caption a').getAttribute('href');
                  var cells = Array.prototype.map.call(t.tBodies[0].querySelectorAll('td'), function (td) {
                    return [td.className, td.textContent.trim(), getComputedStyle(td, '::before').content,
                            getComputedStyle(td, '::after').content, td.querySelector('span').getBoundingClientRect().width]; });
                  out.push([href, scores[href] || null, cells]);
                });
                return out;""")
            assert checked, f"{relative}: no comparison grid"
            verified = 0
            for href, scores, cells in checked:
                assert scores, f"{relative}: grid for {href} has no Scores row"
                chosen, rejected = (parse_scores(s) for s in scores)
                assert len(cells) == 9, f"{href}: {len(cells)} cells"
                for index, (classes, text, glyph, mark, width) in enumerate(cells):
                    i, j = divmod(index, 3)
                    hard = i < j
                    assert ("cell-hard" in classes) == hard, f"{href} cell ({i}, {j}) Hard mark {classes!r}"
                    right = "cell-right" in classes
                    # The glyph and the H come from the style sheet, the words are the cell's text.
                    assert glyph.startswith('"✓"' if right else '"✗"'), f"{href} cell ({i}, {j}): class {classes!r}, glyph {glyph!r}"
                    assert (mark.startswith('"H"')) == hard, f"{href} cell ({i}, {j}): Hard mark drawn {mark!r}"
                    assert width <= 1, f"{href} cell ({i}, {j}): the words are {width:.0f} px wide, not visually hidden"
                    words = ("right" if right else "wrong") + (", Hard" if hard else "")
                    assert text == words, f"{href} cell ({i}, {j}): screen-reader text {text!r}, expected {words!r}"
                    a, b = chosen[i], rejected[j]
                    if a is not None and b is not None and abs(a - b) > 0.01 * max(abs(a), abs(b), 1e-9):
                        assert right == (a > b), f"{href} cell ({i}, {j}): chosen {a} vs rejected {b} shows {'✓' if right else '✗'}"
                        verified += 1
            return f"{relative}: {len(checked)} grids, {verified} cells checked against the shown rewards"
        run.check("prompt page: a 3×3 grid per model, cells agree with the rewards, Hard marked, words for screen readers", prompt_grid)
        run.check("prompt page: no console errors", lambda: page_is_clean("prompt page"))
        run.check("screenshot prompt-1280", lambda: browser.screenshot("prompt-1280").name)

        def wrong_prompt_links():
            slug = pair[0] if provenance_of(site)[pair[0]] != "published" else model
            browser.open(f"models/{slug}.html")
            lists = driver.find_elements(By.CSS_SELECTOR, "details.wrong-prompts")
            assert lists, f"models/{slug}.html has no wrong-prompt lists"
            hrefs = driver.execute_script("""
                return Array.prototype.map.call(document.querySelectorAll('details.wrong-prompts a'), function (a) { return a.href; });""")
            missing = [h for h in hrefs if not Path(h.replace("file://", "")).is_file()]
            assert hrefs and not missing, f"{len(missing)} of {len(hrefs)} links do not resolve: {missing[:3]}"
            summary = lists[0].find_element(By.CSS_SELECTOR, "summary")
            summary.click()
            link = lists[0].find_element(By.CSS_SELECTOR, "a")
            assert link.is_displayed(), "opening the first list does not show its links"
            browser.screenshot(f"model-{slug}-wrong-prompts-1280")
            difficulty = summary.text.split("·")[1].split(":")[0].strip()   # "Chat · Hard: 12 of 129 prompts"
            link.click()
            browser.wait_loaded()
            wrong = driver.execute_script("""
                var t = Array.prototype.filter.call(document.querySelectorAll('table.comparison-grid'), function (t) {
                  return t.getAttribute('data-model') === arguments[0]; }, null)[0];
                if (!t) return null;
                var cells = t.tBodies[0].querySelectorAll('td'), out = [];
                for (var k = 0; k < 9; k++) out.push(cells[k].className.indexOf('cell-wrong') >= 0);
                return out;""".replace("arguments[0]", repr(slug)))
            assert wrong is not None, f"{driver.current_url}: no grid for {slug}"
            cells = {"Hard": [1, 2, 5], "Normal": [0, 4, 8], "Easy": [3, 6, 7]}[difficulty]
            assert any(wrong[k] for k in cells), f"{driver.current_url}: {slug} lost no {difficulty} comparison, yet it is listed"
            return f"{len(lists)} lists, {len(hrefs)} links resolve; {difficulty} list's first prompt shows a lost {difficulty} cell"
        run.check("model page: wrong-prompt links resolve and lead to a prompt the model lost", wrong_prompt_links)

        def ranking_sort():
            browser.open("prompts/index.html")
            links = driver.find_elements(By.CSS_SELECTOR, "main a[href$='by-models-right.html']")
            assert links, "the prompt index does not link a by-models-right page"
            links[0].click()
            browser.wait_loaded()
            table = "main div.sortable-table table"
            def col(index):
                return driver.execute_script("""
                    return Array.prototype.map.call(document.querySelector(arguments[0]).tBodies[0].rows,
                      function (r) { return r.cells[arguments[1]].textContent.trim(); });""".replace("arguments[1]", str(index)), table)
            headers = [th.text.strip() for th in driver.find_elements(By.CSS_SELECTOR, table + " thead th")]
            all9 = next(i for i, h in enumerate(headers) if h.startswith("All 9 right"))
            mean = next(i for i, h in enumerate(headers) if h.startswith("Mean right"))
            default = [int(x) for x in col(all9)]
            assert default == sorted(default), f"default order is not fewest all-right first: {default[:10]}"
            button = driver.find_elements(By.CSS_SELECTOR, table + " thead th button.sort")[mean]
            button.click()
            values = [float(x) for x in col(mean)]
            assert values == sorted(values, reverse=True), f"Mean right not descending after a click: {values[:10]}"
            assert "sort=mean-right-of-9&dir=desc" in driver.current_url, f"sort not in the URL: {driver.current_url}"
            driver.refresh()
            browser.wait_loaded()
            again = [float(x) for x in col(mean)]
            th = driver.find_elements(By.CSS_SELECTOR, table + " thead th")[mean]
            assert again == values and th.get_attribute("aria-sort") == "descending", "reload did not restore the sort"
            return f"{len(default)} prompts; All 9 right {default[0]}…{default[-1]}; Mean right {values[0]}…{values[-1]} after sorting"
        run.check("prompt list by models right: default order, sortable column, sort kept in the URL", ranking_sort)
        run.check("prompt list by models right: no console errors", lambda: page_is_clean("by-models-right"))

        def without_javascript():
            plain = make_driver(javascript=False)
            try:
                plain.get(browser.url("side-by-side.html") + "#models=" + ",".join(pair))
                WebDriverWait(plain, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
                text = plain.find_element(By.CSS_SELECTOR, "main").text
                assert "This view needs JavaScript" in text, "the page does not say it needs JavaScript"
                assert not plain.find_elements(By.CSS_SELECTOR, "table.side-by-side-table"), "a view was drawn without JavaScript"
                links = [a.get_attribute("href") for a in plain.find_elements(By.CSS_SELECTOR, "main li a[href*='models/']")]
                expected = len(leaderboard_meta(site))
                assert len(links) == expected, f"{len(links)} model links without JavaScript, {expected} models"
                missing = [h for h in links if not Path(h.replace("file://", "")).is_file()]
                assert not missing, f"links that do not resolve: {missing[:3]}"
                return f"{len(links)} model links"
            finally:
                plain.quit()
        run.check("side by side without JavaScript: says what it needs and links every model page", without_javascript)

        # 4. 400 px wide, phone-like (mobile viewport, so the viewport meta tag matters).
        def fits_narrow(label):
            def check():
                width = driver.execute_script("return window.innerWidth")
                assert width <= NARROW[0] + 1, f"viewport is {width} px, not {NARROW[0]}"
                scroll = driver.execute_script("return document.documentElement.scrollWidth")
                if scroll > width + 1:
                    # Name the widest offenders outside tables, to make the report useful.
                    offenders = driver.execute_script("""
                        var out = [], w = window.innerWidth;
                        document.querySelectorAll('body *').forEach(function (e) {
                          if (e.closest('table')) return;
                          var r = e.getBoundingClientRect();
                          if (r.right > w + 1) out.push(e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className : '') + ' right=' + Math.round(r.right));
                        });
                        return out.slice(0, 5);""")
                    raise AssertionError(f"{label}: page is {scroll} px wide in a {width} px viewport; {offenders}")
                h1 = driver.find_element(By.CSS_SELECTOR, "h1")
                rect = driver.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.left, r.right, r.width, r.height];", h1)
                assert h1.is_displayed() and rect[2] > 0 and rect[3] > 0, f"{label}: h1 not visible"
                assert rect[0] >= 0 and rect[1] <= width + 1, f"{label}: h1 outside the viewport {rect}"
                return f"scrollWidth {scroll} ≤ {width}"
            return check

        browser.set_viewport(*NARROW, mobile=True)
        browser.open("index.html")
        run.check("leaderboard at 400 px: no horizontal page overflow, h1 visible", fits_narrow("index.html"))

        def narrow_model_and_average():
            result = driver.execute_script("""
                var row = document.querySelector('table.leaderboard tbody tr'), w = window.innerWidth, out = {};
                ['col-model', 'col-average', 'col-rank'].forEach(function (k) {
                  var c = row.querySelector('.' + k), b = c.getBoundingClientRect();
                  out[k] = [b.left, b.right, b.width, getComputedStyle(c).display];
                });
                return [out, w];""")
            cells, width = result
            for key, (left, right, w, display) in cells.items():
                assert display != "none" and w > 0, f"{key} is hidden at 400 px"
                assert left >= 0 and right <= width + 0.5, f"{key} is outside the viewport: {left:.0f}…{right:.0f}"
            return ", ".join(f"{k} {v[0]:.0f}…{v[1]:.0f}" for k, v in cells.items())
        run.check("leaderboard at 400 px: the first row's Rank, Model and Average are visible", narrow_model_and_average)

        def narrow_controls():
            select = driver.find_element(By.CSS_SELECTOR, "select#type-filter")
            assert select.is_displayed(), "type filter not visible at 400 px"
            table = driver.find_element(By.CSS_SELECTOR, "table.leaderboard")
            right = driver.execute_script("return arguments[0].getBoundingClientRect().right", table)
            assert right <= NARROW[0] + 1, f"the table box ends at {right} px (it should scroll inside itself)"
            Select(select).select_by_value("Baseline")
            shown = [r for r in driver.find_elements(By.CSS_SELECTOR, "table.leaderboard tbody tr") if r.is_displayed()]
            assert shown, "filter at 400 px shows no rows"
            _, _, button = average_header(driver)
            driver.execute_script("arguments[0].scrollIntoView({inline: 'center', block: 'center'})", button)
            button.click()
            Select(driver.find_element(By.CSS_SELECTOR, "select#type-filter")).select_by_value("")
            button.click()
            driver.execute_script("window.scrollTo(0, 0); arguments[0].scrollLeft = 0;", table)
            return f"{len(shown)} Baseline rows"
        run.check("leaderboard at 400 px: filter and sort usable, table scrolls inside itself", narrow_controls)
        run.check("leaderboard at 400 px: no console errors", lambda: page_is_clean("index.html @400"))
        run.check("screenshot leaderboard-400", lambda: browser.screenshot("leaderboard-400").name)

        browser.open(f"models/{model}.html")
        run.check(f"model page at 400 px: no horizontal page overflow, h1 visible", fits_narrow(model))
        run.check(f"model page at 400 px: matrices visible", matrices_visible)
        run.check(f"model page at 400 px: no console errors", lambda: page_is_clean(f"{model} @400"))
        run.check(f"screenshot model-{model}-400", lambda: browser.screenshot(f"model-{model}-400").name)

        open_side_by_side(browser, pair)
        run.check("side by side at 400 px: no horizontal page overflow, h1 visible", fits_narrow("side-by-side.html"))
        def narrow_side_by_side():
            shown = side_by_side_state(driver)
            assert shown["average"] and all(shown["average"]), f"Average cells {shown['average']}"
            right = driver.execute_script("return document.querySelector('table.side-by-side-table').getBoundingClientRect().right")
            assert right <= NARROW[0] + 1, f"the numbers table ends at {right} px"
            return f"table right edge {right:.0f}"
        run.check("side by side at 400 px: the numbers table fits", narrow_side_by_side)
        run.check("screenshot side-by-side-400", lambda: browser.screenshot("side-by-side-400").name)
        browser.open(first_prompt_page(site))
        run.check("prompt page at 400 px: no horizontal page overflow", fits_narrow("prompt page"))
        run.check("screenshot prompt-400", lambda: browser.screenshot("prompt-400").name)

        # 5. Dark mode.
        browser.set_viewport(*WIDE)
        browser.set_color_scheme("dark")
        browser.open("index.html")

        def dark_background():
            matches = driver.execute_script("return matchMedia('(prefers-color-scheme: dark)').matches")
            assert matches, "prefers-color-scheme: dark emulation is not active"
            color = driver.execute_script("""
                var e = document.body, c;
                while (e) { c = getComputedStyle(e).backgroundColor;
                  if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; e = e.parentElement; }
                return getComputedStyle(document.documentElement).backgroundColor;""")
            channels = [float(x) for x in color[color.index("(") + 1:color.index(")")].split(",")[:3]]
            luminance = (0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]) / 255
            assert luminance < 0.35, f"background {color} is not dark in dark mode"
            return f"background {color}"
        run.check("leaderboard in dark mode has a dark background", dark_background)
        run.check("leaderboard dark: no console errors", lambda: page_is_clean("index.html dark"))
        run.check("screenshot leaderboard-1280-dark", lambda: browser.screenshot("leaderboard-1280-dark").name)

        open_side_by_side(browser, pair)
        run.check("side by side dark: no console errors", lambda: page_is_clean("side-by-side dark"))
        run.check("screenshot side-by-side-1280-dark", lambda: browser.screenshot("side-by-side-1280-dark").name)
        browser.open(first_prompt_page(site))
        run.check("screenshot prompt-1280-dark", lambda: browser.screenshot("prompt-1280-dark").name)

        # 6. Every other page of the site, once, for console errors and CSP violations.
        browser.set_color_scheme("light")

        def every_page_clean():
            pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
            bad = {}
            for relative in pages:
                browser.open(relative)
                problems = browser.console_problems()
                if problems:
                    bad[relative] = problems
            assert not bad, f"{len(bad)} of {len(pages)} pages log errors: " + "; ".join(
                f"{page}: {summarize(problems, limit=1, width=160)}" for page, problems in list(bad.items())[:6]) + \
                (f"; and {len(bad) - 6} more pages" if len(bad) > 6 else "")
            return f"{len(pages)} pages"
        run.check("every page: no console errors or CSP violations", every_page_clean)
    finally:
        try:
            driver.quit()
        except Exception:  # noqa: BLE001
            pass

    elapsed = time.monotonic() - started
    print()
    print(f"Screenshots in {screenshots}: " + ", ".join(sorted(p.name for p in screenshots.glob('*.png'))))
    return run.finish("browser test", elapsed)


if __name__ == "__main__":
    sys.exit(main())
