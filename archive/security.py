"""Failed-login logging and throttling for the admin.

Every failed login is logged with the client IP and username. After
`LOGIN_FAILURE_LIMIT` failures from one IP or for one username within
`LOGIN_FAILURE_WINDOW` seconds, `LoginThrottleBackend` (first in
AUTHENTICATION_BACKENDS) refuses further attempts, even with the right password,
until the window ends. Counters live in the default cache: per process with the
LocMem default, shared between workers when a shared cache is configured.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest

logger = logging.getLogger("archive.security")


def client_ip(request: HttpRequest | None) -> str:
    """The peer address; X-Forwarded-For is ignored because any client can forge it."""
    if request is None:
        return "unknown"
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8", "replace")).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _username(credentials: dict) -> str:
    return str(credentials.get("username") or "")


def login_failures(*, ip: str, username: str) -> int:
    """The larger of the failure counts for this IP and this username."""
    counts = cache.get_many([_key("ip", ip), _key("user", username)])
    return max(counts.values(), default=0)


def login_is_throttled(*, ip: str, username: str) -> bool:
    """True when this IP or username has used up its failed attempts for the window."""
    return login_failures(ip=ip, username=username) >= settings.LOGIN_FAILURE_LIMIT


def _count_failure(key: str) -> None:
    # add() starts the window at the first failure; incr() keeps its expiry.
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)


@receiver(user_login_failed, dispatch_uid="archive.security.login_failed")
def login_failed_record(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    """Log a failed login and count it against the IP and the username."""
    ip, username = client_ip(request), _username(credentials)
    _count_failure(_key("ip", ip))
    if username:
        _count_failure(_key("user", username))
    logger.warning("Failed login for username=%r from ip=%s", username[:150], ip)


@receiver(user_logged_in, dispatch_uid="archive.security.logged_in")
def login_succeeded_reset(sender, request: HttpRequest | None = None, user=None, **kwargs) -> None:
    """A successful login clears the username's counter (not the IP's)."""
    if user is not None:
        cache.delete(_key("user", user.get_username()))


class LoginThrottleBackend:
    """Authentication backend that stops authentication while a client is throttled."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, **credentials):
        """Raise PermissionDenied (which ends authentication) when throttled, else defer."""
        ip = client_ip(request)
        if login_is_throttled(ip=ip, username=username or ""):
            logger.warning("Login throttled for username=%r from ip=%s", (username or "")[:150], ip)
            raise PermissionDenied("Too many failed login attempts; try again later.")
        return None

    # No get_user(): this backend never logs anyone in, and without it Django's
    # force_login() and session lookups go straight to ModelBackend.
