"""Send reads to read replicas and everything else to the primary.

Switched on in settings only when `DATABASE_REPLICA_URLS` names replicas (aliases replica1..N).
Inside a transaction reads stay on the primary, so a request that writes then reads sees its
own writes; elsewhere a replica may lag the primary by its replication delay.
"""

import random

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections


def replica_aliases() -> list[str]:
    """The configured replica aliases (replica1..N), in order."""
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        replicas = replica_aliases()
        return random.choice(replicas) if replicas else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data, so objects read anywhere may be related.
        known = {DEFAULT_DB_ALIAS, *replica_aliases()}
        return obj1._state.db in known and obj2._state.db in known

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
