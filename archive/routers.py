"""Send reads to read replicas and everything else to the primary.

Switched on in settings only when `DATABASE_REPLICA_URLS` names replicas (aliases replica1..N).
A request reads from one replica, chosen among those that answer and do not lag too far
(archive/replicas.py); with none usable it reads from the primary. Once a request has written,
and inside any transaction, its reads stay on the primary, so it sees its own writes.
Elsewhere a replica may trail the primary by up to DATABASE_REPLICA_MAX_LAG seconds.
"""

import random

from asgiref.local import Local
from django.conf import settings
from django.core.signals import request_started
from django.db import DEFAULT_DB_ALIAS, connections

from archive import replicas

# Per request (and per thread): the alias this request reads from, once chosen.
_request = Local()


def replica_aliases() -> list[str]:
    """The configured replica aliases (replica1..N), in order."""
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def start_request(**kwargs) -> None:
    """Forget the previous request's choice: each request picks a replica afresh."""
    _request.read_alias = None


request_started.connect(start_request, dispatch_uid="archive.routers.start_request")


def pin_reads_to_primary() -> None:
    """Read from the primary for the rest of this request (it has written)."""
    _request.read_alias = DEFAULT_DB_ALIAS


def _choose_read_alias() -> str:
    candidates = replica_aliases()
    random.shuffle(candidates)
    return next((alias for alias in candidates if replicas.is_usable(alias)), DEFAULT_DB_ALIAS)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        alias = getattr(_request, "read_alias", None)
        if alias is None:
            alias = _request.read_alias = _choose_read_alias()
        return alias

    def db_for_write(self, model, **hints):
        pin_reads_to_primary()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data, so objects read anywhere may be related.
        known = {DEFAULT_DB_ALIAS, *replica_aliases()}
        return obj1._state.db in known and obj2._state.db in known

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
