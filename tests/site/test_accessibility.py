"""axe-core on the built site, in Material's light and dark palettes, plus keyboard checks.

axe-core comes from npm (package.json pins it; `npm ci --no-audit --no-fund` installs it) and is
injected into each page, so no CDN is involved. Any violation of impact "serious" or
"critical" fails the test with the rule, the elements and how to fix them.

Every rule runs in the light palette. The dark palette changes colours only (Material swaps CSS
custom properties; the document is the same), so there axe runs the rules that read colours:
a full second run per page cost most of the test suite's time and checked the same DOM twice.
"""

from __future__ import annotations

import pytest
from browser_helpers import PAGES_OF_EVERY_KIND, SCHEMES, use_scheme, visit
from tools import AXE

BLOCKING = {"serious", "critical"}
PAGES = PAGES_OF_EVERY_KIND
TAB_LIMIT = 80
# axe rules whose result depends on colours (the only thing a palette changes).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def describe(violations: list[dict]) -> str:
    """A readable report: rule, impact, what to do, and each offending element."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}\n  {v['helpUrl']}")
        for node in v["nodes"][:8]:
            summary = " ".join(node.get("failureSummary", "").split())
            html = " ".join(node["html"].split())[:160]
            lines.append(f"    at {' > '.join(map(str, node['target']))}: {summary}\n      {html}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def run_axe(page, rules: list[str] | None = None) -> list[dict]:
    """Serious and critical violations of every rule, or of `rules` only."""
    page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": rules}} if rules else {})}
    results = page.evaluate("async options => await axe.run(document, options)", options)
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_axe_violations(open_page, site_server, built_site, name, scheme):
    path = PAGES[name]
    assert (built_site / path / "index.html").exists(), f"{path} is missing from the built site"
    page = open_page(scheme=scheme)
    visit(page, site_server + path)
    use_scheme(page, scheme)
    violations = run_axe(page, None if scheme == "default" else COLOUR_RULES)
    assert not violations, f"axe on /{path} ({scheme}):\n{describe(violations)}"


# --- keyboard ---------------------------------------------------------------------

FOCUS_STYLE = """() => {
  const s = getComputedStyle(document.activeElement);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor].join("|");
}"""
ACTIVE = """(until) => {
  const e = document.activeElement;
  return {id: e.id, tag: e.tagName, type: e.type || "", filter: !!e.closest("[data-sqc-filters]"),
          toggle: !!until && e.matches(until)};
}"""
TOGGLE = "[data-sqc-panel] > summary"  # the button the search page's filters are folded behind


def tab_through(page, limit: int = TAB_LIMIT, until: str | None = None, start: str | None = None) -> list[dict]:
    """Press Tab from the top of the page (or from the element `start`) and record what gets
    focus, with its focus style; stop after the element matching `until` got it."""
    page.locator(start or "body").first.focus()
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append({**page.evaluate(ACTIVE, until or ""), "focused": page.evaluate(FOCUS_STYLE)})
        if until and seen[-1]["toggle"]:
            break
    return seen


def focus_is_visible(page, selector: str) -> bool:
    """Focused by keyboard, the element looks different than when it is not focused."""
    element = page.locator(selector).first
    element.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS_STYLE)
    page.evaluate("() => document.activeElement.blur()")
    blurred = element.evaluate("""e => { const s = getComputedStyle(e);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor].join("|"); }""")
    return focused != blurred


def test_keyboard_reaches_search_box_and_filters(open_page, site_server):
    """A keyboard user tabs to the search box, then to the closed filters' button, opens it with
    Enter, and tabs on into the filters; each shows a visible focus."""
    page = open_page()
    visit(page, site_server + "tim-kiem/", "#sqc-query")
    page.wait_for_function("() => /kết quả|Nhập từ khóa/.test(document.querySelector('[data-sqc-status]').textContent)")
    assert page.locator("[data-sqc-filters] input").count() == 0, "the filters should start closed"
    seen = tab_through(page, until=TOGGLE)
    assert any(item["id"] == "sqc-query" for item in seen), f"Tab never reached the search box: {seen}"
    assert seen[-1]["toggle"], f"Tab never reached the filters' button: {seen}"
    page.keyboard.press("Enter")  # focus is on the button
    page.wait_for_selector("[data-sqc-filters] input", state="visible", timeout=10_000)
    assert page.locator("[data-sqc-panel]").evaluate("details => details.open")
    after = tab_through(page, start=TOGGLE, limit=5)
    assert any(item["filter"] for item in after), f"Tab never reached a filter once opened: {after}"
    assert focus_is_visible(page, "[data-sqc-filters] input, [data-sqc-filters] select"), "filters show no visible focus"
    assert focus_is_visible(page, "#sqc-query"), "the search box shows no visible focus"
    assert focus_is_visible(page, TOGGLE), "the filters' button shows no visible focus"


def test_keyboard_reaches_map_marks_with_visible_focus(open_page, site_server):
    page = open_page()
    visit(page, site_server + "thong-ke/", "svg.qc-map")
    marks = page.locator("svg.qc-map a")
    assert marks.count() == 34
    mark = marks.first
    mark.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == mark.get_attribute("aria-label")
    ring = mark.locator(".qc-map-hit")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # :focus-visible comes with keyboard focus
    assert ring.evaluate("e => getComputedStyle(e).strokeWidth") not in ("0px", "1px")
    assert ring.evaluate("e => getComputedStyle(e).stroke") != "none"
