"""Where the selectors' raw SQL runs: the alias the router gives reads (a replica when one is
usable, archive/routers.py), not always the primary as `django.db.connection` would."""

from django.db import connections, router
from django.db.backends.utils import CursorWrapper
from django.db.models import Model


def read_cursor(model: type[Model]) -> CursorWrapper:
    """A cursor on the database that reads of `model` are routed to."""
    return connections[router.db_for_read(model)].cursor()
