"""Helpers for browser tests on a phone, a tablet and a desktop: open a page, note sideways
scrolling, an open menu on a narrow screen and targets too small for a finger, take its
screenshot. An application's own browser test can use `Visitor` for its screens:

    visit = Visitor(page, live_server.url, screenshot)
    page.set_viewport_size({"width": 390, "height": 844})
    visit("my-screen", "/my-app/")
    assert not visit.problems, "\n".join(visit.problems)
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

DEVICES = {"phone": (390, 844), "tablet": (768, 1024), "desktop": (1280, 900)}
NARROW = 800  # site.css collapses the menu and enlarges tap targets up to this width
TAP = 44  # px, the smallest comfortable target for a finger (WCAG 2.5.5)

# The elements that stick out to the right of the window, for a readable failure.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => !el.parentElement.closest("body *") ||
                    el.parentElement.getBoundingClientRect().right <= width + 1)
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")}`
                 + ` right=${Math.round(el.getBoundingClientRect().right)}`);
}"""

# Visible buttons (and button-looking links) of the page content smaller than a finger.
SMALL_TARGETS = """(tap) => [...document.querySelectorAll(
    "main button, main .btn, main input[type=submit], .topbar button, .menu-toggle")]
  .filter((el) => el.offsetParent !== null)
  .filter((el) => el.getBoundingClientRect().height < tap)
  .map((el) => `${el.tagName.toLowerCase()} "${el.textContent.trim()}" `
               + `${Math.round(el.getBoundingClientRect().height)}px`)"""

CHECKBOX_TARGETS = """(selector) => [...document.querySelectorAll(selector)].map((box) => {
  const label = box.closest("label") || box;
  const [b, l] = [box.getBoundingClientRect(), label.getBoundingClientRect()];
  return {box: [b.width, b.height], label: [l.width, l.height]};
})"""


class Visitor:
    """Opens a page (or, with an empty path, takes the one the browser is on), notes horizontal
    overflow, on a narrow screen an open menu and small targets, and takes its screenshot. The
    test fails at its end with every page's problems, so one run shows them all."""

    def __init__(self, page: Page, base: str, screenshot: Callable[[str], object]) -> None:
        self.page, self.base, self.screenshot = page, base, screenshot
        self.problems: list[str] = []

    def __call__(self, name: str, path: str = "") -> None:
        page = self.page
        if path:
            page.goto(f"{self.base}{path}")
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            self.problems.append(
                f"{name} scrolls sideways by {overflow}px: {page.evaluate(OVERFLOWING)}"
            )
        narrow = (page.viewport_size or {"width": 1280})["width"] <= NARROW
        menu, toggle = page.locator(".sidenav"), page.locator(".menu-toggle")
        if narrow and menu.count() and (menu.is_visible() or not toggle.is_visible()):
            self.problems.append(f"{name}: the menu is not collapsed behind its toggle")
        small = page.evaluate(SMALL_TARGETS, TAP) if narrow else []
        if small:
            self.problems.append(f"{name}: targets under {TAP}px: {small}")
        self.screenshot(name)

    def check_checkboxes(self, selector: str) -> None:
        """Each checkbox is at least 24 px and sits in a label of at least 44x44 px: the finger's
        target is the box with the label around it."""
        sizes = self.page.evaluate(CHECKBOX_TARGETS, selector)
        assert sizes, f"no checkboxes {selector}"
        small = [s for s in sizes if min(s["box"]) < 24 or min(s["label"]) < TAP]
        if small:
            self.problems.append(f"checkboxes too small to tap: {small[:3]}")
