"""WCAG 2.1 A and AA in a real browser: axe-core on every page, and the keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.site import LANGUAGES, MULTILINGUAL, pages, search_results, search_word

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# The controls a reader can operate, and whether one is shown (in layout, with an area, and
# not hidden on purpose with its surroundings, such as a closed drawer). A control hidden by
# itself while its parent shows, such as a permalink that appears on hover, still counts.
_MARK_CONTROLS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary,'
                 + ' [tabindex]:not([tabindex="-1"])';
  const controls = [...document.querySelectorAll(selector)].filter(el => {
    if (el.disabled || el.closest('[inert]')) return false;
    const box = el.getBoundingClientRect();
    if (!el.getClientRects().length || box.width * box.height === 0) return false;
    const parent = el.parentElement;
    return !parent || getComputedStyle(parent).visibility === 'visible';
  });
  controls.forEach((el, i) => el.dataset.control = i);
  return controls.map(el => describe(el));
  function describe(el) {
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
      + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
  }
}"""

# Where focus is now: which control, and whether a sighted reader can see it there.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  const onScreen = box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  const indicator = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                    || style.boxShadow !== 'none';
  return {control: el.dataset.control ?? null, html: el.outerHTML.slice(0, 120),
          visible: onScreen && style.visibility === 'visible' && style.opacity !== '0',
          indicator};
}"""


def axe_report(url: str, violations: list[dict]) -> str:
    """One line per rule and element: what failed, where, and where to read how to fix it."""
    lines = [f"{url}: {len(violations)} rule(s) violated"]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}"
                     f" - {violation['helpUrl']}")
        lines += [f"      {' '.join(node['target'])}" for node in violation["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_passes_axe_at_wcag_21_aa(lang, html_sites, site_url, styled_page):
    word, _ = search_word(lang)
    axe = Axe()
    reports = []

    def check(url):
        violations = axe.run(styled_page, options=AXE_OPTIONS).response["violations"]
        if violations:
            reports.append(axe_report(url, violations))

    for name in pages(html_sites[lang].parent):
        url = f"{site_url}{lang}/{name}"
        styled_page.goto(url)
        check(url)
    # The search page once more, showing results.
    url = f"{site_url}{lang}/search.html?q={word}"
    styled_page.goto(url)
    search_results(styled_page)
    check(url)
    assert not reports, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(reports)


@pytest.mark.skipif(not MULTILINGUAL, reason="handbook.toml declares one language: no chooser")
def test_language_chooser_passes_axe_at_wcag_21_aa(site_url, styled_page):
    url = f"{site_url}index.html"
    styled_page.goto(url)
    violations = Axe().run(styled_page, options=AXE_OPTIONS).response["violations"]
    assert not violations, axe_report(url, violations)


def tab_through(page) -> tuple[list[str], list[dict]]:
    """The page's controls, and where focus goes when Tab is pressed until it comes round."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    controls = page.evaluate(_MARK_CONTROLS)
    stops = []
    for _ in range(len(controls) * 2 + 20):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None:
            continue
        if stops and focused["html"] == stops[0]["html"]:
            break
        stops.append(focused)
    return controls, stops


def assert_reaches_every_control(url, controls, stops):
    reached = {stop["control"] for stop in stops}
    missed = [description for index, description in enumerate(controls)
              if str(index) not in reached]
    assert not missed, f"{url}: Tab never reaches {missed}"
    hidden = [stop["html"] for stop in stops if not stop["visible"]]
    assert not hidden, f"{url}: focus goes where it cannot be seen: {hidden}"
    unmarked = [stop["html"] for stop in stops if not stop["indicator"]]
    assert not unmarked, f"{url}: focus has no visible indicator on {unmarked}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_comes_first_and_moves_past_the_navigation(lang, site_url, page):
    page.goto(f"{site_url}{lang}/strategia.html")
    page.keyboard.press("Tab")
    skip = page.evaluate("""() => {
      const el = document.activeElement;
      const target = el.hash && document.getElementById(el.hash.slice(1));
      return {isLink: el.tagName === 'A', hasTarget: !!target,
              targetIsMain: !!target && !!target.closest('main, [role=main]'),
              text: el.innerText.trim()};
    }""")
    assert skip["isLink"] and skip["hasTarget"] and skip["targetIsMain"] and skip["text"], skip
    assert page.evaluate(_FOCUSED)["visible"], "the skip link does not show when focused"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is inside the main content, not the sidebar the link skipped.
    assert page.evaluate("!!document.activeElement.closest('main, [role=main]')")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tab_reaches_every_control_and_focus_stays_visible(lang, html_sites, site_url,
                                                          sized_page):
    for name in pages(html_sites[lang].parent):
        url = f"{site_url}{lang}/{name}"
        sized_page.goto(url)
        assert_reaches_every_control(url, *tab_through(sized_page))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_the_drawers_open_and_close_from_the_keyboard(lang, site_url, phone_page):
    page = phone_page
    url = f"{site_url}{lang}/strategia.html"
    page.goto(url)
    for toggle, drawer in ((".nav-overlay-icon", ".sidebar-drawer"),
                           (".toc-header-icon", ".toc-drawer")):
        assert not page.locator(drawer).is_visible(), f"{drawer} shows before it is opened"
        # Tab to the toggle, as a keyboard user would, and open the drawer.
        for _ in range(50):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches('{toggle}')"):
                break
        else:
            pytest.fail(f"{url}: Tab never reaches the drawer toggle {toggle}")
        assert page.get_attribute(toggle, "aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert page.get_attribute(toggle, "aria-expanded") == "true"
        assert page.locator(f"{drawer} a[href]:visible").count(), f"{drawer} did not open"
        assert page.evaluate(f"!!document.activeElement.closest('{drawer}')"), \
            f"focus did not move into {drawer}"
        controls, stops = tab_through(page)
        assert_reaches_every_control(f"{url} with {drawer} open", controls, stops)
        page.keyboard.press("Escape")
        assert page.get_attribute(toggle, "aria-expanded") == "false"
        assert page.evaluate(f"document.activeElement.matches('{toggle}')")
