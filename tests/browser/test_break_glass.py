"""Need-to-know in a real browser: no relationship, no record, unless break-glass with a reason."""

import re

import pytest
from playwright.sync_api import expect

from kithkin.core.models import AuditEvent, BreakGlass
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_worker_without_a_relationship_must_give_a_reason_to_open_a_record(
    page, check_page, outsider, agent, jones_family
):
    """
    Given Arthur Jones's record, with an open contact on another team's worklist
        and a community agent from a different team, who has no relationship with him
    When the agent opens Arthur's page by its address
    Then they see "You do not have access", nothing of Arthur's, and a break-glass button
    When they use break-glass without a reason
    Then they are asked for one
    When they give a reason
    Then the record opens, with a warning that their manager will review it, and the reason is recorded
    """
    from kithkin.conversations import actions as front_door
    from kithkin.core.audit import Auditor
    from tests.conftest import take_contact

    arthur = jones_family["arthur"]
    front_door.link_person(take_contact(agent), arthur, Auditor(agent))

    # When: the outsider opens the record by its address.
    sign_in(page, check_page, outsider)
    response = page.goto(f"/people/{arthur.pk}")

    # Then: refused, and offered break-glass.
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this record")
    expect(page.locator("main")).not_to_contain_text("Arthur")
    check_page(page, "no access")
    assert AuditEvent.objects.filter(kind="access_denied", person=arthur, actor=outsider).exists()

    # When: break-glass, first with no reason.
    page.get_by_role("button", name="Use break-glass access").click()
    expect(page.get_by_role("heading", name="Break-glass access", level=1)).to_be_visible()
    check_page(page, "break-glass")
    page.get_by_role("button", name="Open the record").click()

    # Then: asked for a reason.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Why do you need to see this record now?")).to_be_focused()
    check_page(page, "break-glass with errors")
    assert not BreakGlass.objects.exists()

    # When: with a reason.
    page.get_by_label("Why do you need to see this record now?").fill(
        "Ambulance crew at the house asking who looks after Mrs Jones tonight")
    page.get_by_role("button", name="Open the record").click()

    # Then: the record, with a warning, and the reason kept for the manager.
    expect(page).to_have_url(re.compile(rf"/people/{arthur.pk}$"))
    expect(page.get_by_role("heading", name="Arthur Jones", level=1)).to_be_visible()
    expect(page.locator(".govuk-warning-text")).to_contain_text("You opened this record with break-glass access")
    expect(page.get_by_role("alert", name="Success")).to_contain_text("Your manager will review it")
    check_page(page, "person by break-glass")
    grant = BreakGlass.objects.get(user=outsider, person=arthur)
    assert grant.reason.startswith("Ambulance crew")
    assert AuditEvent.objects.filter(kind="view", person=arthur, actor=outsider, reason="break-glass").exists()
