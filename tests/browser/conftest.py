"""Playwright in Debian's Chromium against pytest-django's live server.

One browser for the session; a fresh context (cookies, storage) and page for each test. Every page a
test visits goes through `check_page`, which runs axe-core on it and fails on serious or critical
violations (the rest are printed), and fails if at 375px wide anything pushes the page sideways. The
browser's console is watched too: a Content Security Policy refusal, a JavaScript error or a missing
script, stylesheet or image fails the test.

Set KITHKIN_SCREENSHOTS=/some/dir to also save each checked page at desktop width and at 375px.

Tests read the database only once the page shows that a request has finished: on in-memory SQLite the
live server's thread shares the test's connection.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = os.environ.get("KITHKIN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
BLOCKING = {"serious", "critical"}
SCREENSHOTS = os.environ.get("KITHKIN_SCREENSHOTS", "")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def console_problems():
    """Console errors (CSP refusals among them) and uncaught exceptions seen by the page."""
    return []


@pytest.fixture
def page(browser, live_server, console_problems):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="en-GB",
                                  timezone_id="Europe/London")
    context.set_default_timeout(15_000)
    page = context.new_page()

    def on_console(msg):
        # A page answered 400 or 403 on purpose (a form with errors, a refusal) is logged as a failed load;
        # failed loads of anything else are caught by on_response below, with their address.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            console_problems.append(f"console {msg.type}: {msg.text}")

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            console_problems.append(f"{response.status} for {response.request.resource_type} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda exc: console_problems.append(f"page error: {exc}"))
    yield page
    context.close()
    assert not console_problems, "The browser reported problems:\n" + "\n".join(console_problems)


# The elements that stick out past the right edge of the viewport (and are not inside a box that scrolls).
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const extra = document.documentElement.scrollWidth - width;
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right <= width + 1 || box.width === 0) continue;
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") { clipped = true; break; }
    }
    if (!clipped) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${Math.round(box.right)}px)`);
  }
  return [`${extra}px`, ...out.slice(0, 8)];
}"""


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class PageChecker:
    """Checks the page as it is now: axe-core finds no serious or critical violations, and at 375px wide
    nothing pushes the page sideways (wide tables scroll in their own box). Remembers what it checked."""

    def __init__(self, node_name: str):
        self.axe = Axe()
        self.checked: list[str] = []
        self.node_name = _slug(node_name)

    def __call__(self, page, name: str) -> None:
        page.wait_for_load_state("load")
        results = self.axe.run(page)
        violations = results.response["violations"]
        blocking = [v for v in violations if v.get("impact") in BLOCKING]
        for v in violations:
            if v.get("impact") not in BLOCKING:
                targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
                print(f"axe [{name}] {v.get('impact')}: {v['id']}: {v['help']} ({targets})")
        self.checked.append(name)
        assert not blocking, f"axe found serious or critical problems on {name} ({page.url}):\n" + "\n".join(
            f"- {v['impact']}: {v['id']}: {v['help']}\n    " + "\n    ".join(n["html"][:200] for n in v["nodes"][:5])
            for v in blocking
        )
        if SCREENSHOTS:
            self.screenshot(page, name, DESKTOP, "desktop")
        page.set_viewport_size(MOBILE)
        try:
            overflow = page.evaluate(WIDEST)
            if SCREENSHOTS:
                self.screenshot(page, name, MOBILE, "mobile")
        finally:
            page.set_viewport_size(DESKTOP)
        assert not overflow, f"{name} scrolls sideways at {MOBILE['width']}px wide, by {overflow[0]}: {overflow[1:]}"

    def screenshot(self, page, name: str, size: dict, label: str) -> None:
        """Full-page, in slices a person can read rather than one long strip."""
        folder = Path(SCREENSHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"{self.node_name}--{len(self.checked):02d}-{_slug(name)}--{label}"
        height = page.evaluate("new Promise(done => requestAnimationFrame(() => "
                               "done(document.documentElement.scrollHeight)))")
        for part, top in enumerate(range(0, height, 1200), start=1):
            clip = {"x": 0, "y": top, "width": size["width"], "height": min(1200, height - top)}
            try:
                page.screenshot(path=str(folder / f"{stem}-{part}.png"), full_page=True, clip=clip)
            except PlaywrightError as exc:  # a screenshot is for people to look at, not a test result
                print(f"screenshot [{name}] part {part}: {exc.message.splitlines()[0]}")


@pytest.fixture
def check_page(request):
    """check_page(page, "name"): axe-core finds no serious or critical violations on the page."""
    return PageChecker(request.node.name)


# --- The people the tests meet -------------------------------------------------------------------


@pytest.fixture
def jones_family(team, colleague):
    """The Jones family from the Transforming Lives case study, recorded earlier by a colleague.

    Arthur (84, COPD) looks after his wife Edna (dementia) and does not want to be called her carer;
    their daughter Sarah lives ten miles away with a young family. Built with the real actions.
    """
    from datetime import timedelta

    from django.utils import timezone

    from kithkin.core.audit import Auditor
    from kithkin.people import actions

    auditor = Auditor(colleague)
    today = timezone.localdate()
    arthur = actions.create_person({
        "given_name": "Arthur", "family_name": "Jones", "date_of_birth": today - timedelta(days=round(84.4 * 365.25)),
        "address_line_1": "4 Mill Lane", "town": "Wickfield", "postcode": "FN1 1AD", "phone": "01632 960 222",
        "living_situation": "partner",
        "what_matters": "Staying at home with Edna, and getting to the bowls club on Thursdays",
        "strengths": "Has looked after Edna every day since her diagnosis; knows everyone on Mill Lane",
        "communication_needs": "Has COPD and gets breathless on long calls: short calls, and give him time",
        "consent_to_record": True, "share_with_family": True,
    }, auditor)
    edna = actions.create_person({
        "given_name": "Edna", "family_name": "Jones", "date_of_birth": today - timedelta(days=round(81.2 * 365.25)),
        "address_line_1": "4 Mill Lane", "town": "Wickfield", "postcode": "FN1 1AD", "living_situation": "partner",
        "communication_needs": "Has dementia: one question at a time, and let Arthur join in if she wants him to",
        "what_matters": "Her garden, and Arthur", "consent_to_record": True,
    }, auditor)
    sarah = actions.create_person({
        "given_name": "Sarah", "family_name": "Jones", "town": "Holme St Agnes", "postcode": "FN2 4QT",
        "phone": "01632 960 111", "living_situation": "family",
        "what_matters": "Her parents being safe, and her two young children",
    }, auditor)
    actions.add_circle_member(arthur, {
        "name": "Edna Jones", "linked_person": edna, "connection": "family", "relationship": "wife",
        "closeness": 1,
    }, auditor)
    return {"arthur": arthur, "edna": edna, "sarah": sarah}


def sign_in(page, check_page, user, password=None):
    """Sign in through the real sign-in page."""
    from tests.conftest import PASSWORD

    page.goto("/sign-in")
    check_page(page, "sign-in")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
