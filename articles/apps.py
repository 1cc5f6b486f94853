from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Archive"

    def ready(self):
        from articles import lookups  # noqa: F401  (registers `__any`)
