from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Project-level wiring that belongs to no single app (login throttling)."""

    name = "archive"
    verbose_name = "Archive site"

    def ready(self) -> None:
        from archive import security  # noqa: F401  (connects the login signal receivers)
