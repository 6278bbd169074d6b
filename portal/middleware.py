"""Response headers Django does not set itself."""

from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE

# The portal uses no camera, microphone, location, payment or USB device, on any page; say so,
# so that nothing embedded in a page can ask for them either.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), browsing-topics=()"
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# Wagtail's admin (its editor, choosers and previews) uses inline script and style, and shows
# previews in frames of its own: it gets this policy instead of the public site's. It still
# loads nothing from another site.
ADMIN_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}


class AdminContentSecurityPolicyMiddleware:
    """Give the admin's responses ADMIN_POLICY (django-csp reads it from the response)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_config = ADMIN_POLICY["DIRECTIVES"]
        return response
