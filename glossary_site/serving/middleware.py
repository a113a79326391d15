"""Request middleware shared by the whole site."""

from django.conf import settings


class ForwardedForMiddleware:
    """Take the client's address from X-Forwarded-For, but only from our own proxies.

    A request straight from the internet could claim any X-Forwarded-For; the header
    is believed only when the connection comes from an address in
    FORWARDED_ALLOW_IPS, and then the right-most address that is not one of our
    proxies is the client.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = set(settings.FORWARDED_ALLOW_IPS)

    def __call__(self, request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
        if forwarded and request.META.get("REMOTE_ADDR") in self.trusted:
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            clients = [hop for hop in hops if hop not in self.trusted]
            if clients:
                request.META["REMOTE_ADDR"] = clients[-1]
        return self.get_response(request)
