"""The Kithkin JSON API: /api/, OpenAPI at /api/openapi.json, docs at /api/docs."""

from ninja import NinjaAPI

from kithkin.conversations.api import router as conversations_router
from kithkin.core.api import TokenAuth, install_error_handlers
from kithkin.people.api import router as people_router
from kithkin.prevention.api import router as alerts_router

api = NinjaAPI(
    title="Kithkin API",
    version="1",
    description=("People, circles of support, contacts and conversations, and partners' alerts. "
                 "Authenticate with a bearer token."),
    auth=TokenAuth(),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", people_router)
api.add_router("/", conversations_router)
api.add_router("/", alerts_router)
