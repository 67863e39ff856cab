"""Open Referral UK data is public: any web page may read /oruk/ (GET only), as the standard expects."""

from django.http import HttpResponse

PREFIX = "/oruk/"


class OpenReadCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":  # a browser's preflight
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Headers"] = request.headers.get("Access-Control-Request-Headers", "")
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        return response
