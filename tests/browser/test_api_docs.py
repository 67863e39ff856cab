"""The API's documentation pages, linked from every page's footer, render in a real browser under the site's
content security policy (no files from a CDN, no inline script)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("address, title", [("/api/docs", "Kithkin API"), ("/oruk/docs", "")])
def test_the_api_documentation_renders_with_its_operations(page, db, address, title):
    """
    Given a developer at a partner organisation, not signed in
    When they follow the footer's link to the API documentation
    Then Swagger UI lists the operations, with nothing refused by the browser (the page fixture checks)
    """
    page.goto(address)

    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    if title:
        expect(page.locator(".swagger-ui .info")).to_contain_text(title)
