"""Failed-login logging and the admin's login throttle (django-axes, database handler).

Every failed login is logged with the client address and username. The counters are axes'
`AccessAttempt` rows in the database: every worker sees them and nothing evicts them (a cache
could be flushed by filling it with random usernames). After `LOGIN_FAILURE_LIMIT` failures
from one address within `LOGIN_FAILURE_WINDOW` seconds that address is refused — even with the
right password — until the window has passed since its last counted failure. Attempts refused
while locked out are not counted (no new rows, the window is not extended).

The lock is on the attacking address, never on the username: a username guessed at from
anywhere would otherwise lock its owner out for as long as the guessing goes on. An IPv6
client is counted by its /64 network, which one machine is usually given whole.
"""

from __future__ import annotations

import ipaddress
import logging
import math

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

logger = logging.getLogger("archive.security")

_IPV6_LOCK_PREFIX = 64


def client_ip(request: HttpRequest | None) -> str:
    """The peer address; X-Forwarded-For is ignored because any client can forge it."""
    if request is None:
        return "unknown"
    return request.META.get("REMOTE_ADDR") or "unknown"


def lockout_address(request: HttpRequest) -> str | None:
    """The address failures are counted against (AXES_CLIENT_IP_CALLABLE): IPv4 as is, IPv6
    as its /64 network's first address (still a valid IP for axes' column)."""
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return None
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/{_IPV6_LOCK_PREFIX}", strict=False).network_address)


class LoginThrottleBackend(AxesStandaloneBackend):
    """First in AUTHENTICATION_BACKENDS: refuses a locked-out address (axes). An authentication
    without a request (`Client.login()`, a shell) has no client address to count, so it is left
    to the next backend instead of failing as axes' own backend does."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed, dispatch_uid="archive.security.login_failed")
def login_failed_log(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    """Log a failed login, refused ones included (axes counts them; `lockout_response` says
    which were refused)."""
    username = str(credentials.get("username") or "")
    logger.warning("Failed login for username=%r from ip=%s", username[:150], client_ip(request))


def lockout_seconds_left(request: HttpRequest) -> int:
    """Seconds until this address may try again: the window after its last counted failure."""
    from axes.models import AccessAttempt

    last = AccessAttempt.objects.filter(ip_address=lockout_address(request)).aggregate(last=Max("attempt_time"))
    if last["last"] is None:
        return 0
    ends = last["last"] + settings.AXES_COOLOFF_TIME
    return max(0, math.ceil((ends - timezone.now()).total_seconds()))


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a 429 that says what happened and when to try again."""
    username = str((credentials or {}).get("username") or "")
    logger.warning("Login throttled for username=%r from ip=%s", username[:150], client_ip(request))
    seconds = lockout_seconds_left(request)
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed login attempts",
        "minutes": max(1, math.ceil(seconds / 60)),
    }
    response = TemplateResponse(request, "admin/login_locked.html", context, status=429)
    response["Retry-After"] = str(max(1, seconds))
    return response.render()
