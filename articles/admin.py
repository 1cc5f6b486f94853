"""Editors correct everything here: dates, entries, mentions, aliases."""

from django.contrib import admin, messages
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone

from articles.models import (
    Actor,
    ActorAlias,
    Article,
    Entry,
    EntryActor,
    EntryLocation,
    Location,
    LocationAlias,
    MentionSource,
    PublisherLine,
)
from articles.selectors.publisher_lines import learned_furniture_forget
from articles.services.actors import actor_merge
from articles.services.deletion import articles_delete, entries_delete
from articles.services.denorm import entry_denorm_refresh
from articles.services.facets import facet_counts_invalidate


class EntryInline(admin.StackedInline):
    model = Entry
    fk_name = "article"
    extra = 0
    fields = ["position", "title", "body", "captions", "published_on", "date_precision", "duplicate_of"]
    raw_id_fields = ["duplicate_of"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "headline",
        "published_on",
        "date_precision",
        "publisher",
        "entry_count",
        "source_file",
        "updated_at",
    ]
    list_filter = ["date_precision", "publisher", ("published_on", admin.EmptyFieldListFilter)]
    search_fields = ["headline", "standfirst", "byline", "source_file"]
    date_hierarchy = "published_on"
    readonly_fields = ["content_hash", "source_file", "imported_at", "updated_at", "entry_count"]
    inlines = [EntryInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        facet_counts_invalidate()  # dates and entries may change what the pages count
        if change and "published_on" in form.changed_data:
            # Entries carry the article's date (denormalised for filtering) unless they have their own.
            obj.entries.filter(published_on=form.initial.get("published_on")).update(
                published_on=obj.published_on, date_precision=obj.date_precision
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is Entry:
            instances = formset.save(commit=False)
            # Entries removed here may be the canonical copy of a story repeated elsewhere.
            entries_delete(entry_ids=[obj.pk for obj in formset.deleted_objects])
            for obj in instances:
                obj.save()
            formset.save_m2m()
            entry_denorm_refresh(entry_ids=form.instance.entries.values_list("pk", flat=True))
        else:
            super().save_formset(request, form, formset, change)

    def delete_model(self, request, obj):
        articles_delete(article_ids=[obj.pk])

    def delete_queryset(self, request, queryset):
        articles_delete(article_ids=queryset.values_list("pk", flat=True))


class EntryActorInline(admin.TabularInline):
    model = EntryActor
    extra = 0
    autocomplete_fields = ["actor"]
    fields = ["actor", "count", "source"]


class EntryLocationInline(admin.TabularInline):
    model = EntryLocation
    extra = 0
    autocomplete_fields = ["location"]
    fields = ["location", "count", "source"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "position", "published_on", "is_canonical"]
    list_filter = [("duplicate_of", admin.EmptyFieldListFilter), ("published_on", admin.EmptyFieldListFilter)]
    search_fields = ["title", "body", "captions", "article__headline"]
    date_hierarchy = "published_on"
    list_select_related = ["article"]
    raw_id_fields = ["article", "duplicate_of"]
    readonly_fields = ["content_hash", "actor_ids", "location_ids", "country_codes"]
    exclude = ["search_vector"]
    inlines = [EntryActorInline, EntryLocationInline]

    @admin.display(boolean=True, description="canonical")
    def is_canonical(self, obj):
        return obj.duplicate_of_id is None

    def delete_model(self, request, obj):
        entries_delete(entry_ids=[obj.pk])

    def delete_queryset(self, request, queryset):
        entries_delete(entry_ids=queryset.values_list("pk", flat=True))

    def save_formset(self, request, form, formset, change):
        # A mention an editor adds or touches is theirs: re-extraction will not undo it.
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if obj.source == MentionSource.AUTO:
                obj.source = MentionSource.MANUAL
            obj.save()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        transaction.on_commit(lambda: entry_denorm_refresh(entry_ids=[form.instance.pk]))
        facet_counts_invalidate()  # its date or mentions may have changed


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "mention_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["mention_count"]
    inlines = [ActorAliasInline]
    actions = ["merge_actors"]

    @admin.action(description="Merge selected actors into…", permissions=["change"])
    def merge_actors(self, request, queryset):
        """Intermediate page: choose which of the selected actors the others merge into."""
        actors = list(queryset.order_by("-mention_count", "name"))
        if len(actors) < 2:
            self.message_user(request, "Select at least two actors to merge.", messages.WARNING)
            return None
        target_id = request.POST.get("merge_target")
        if request.POST.get("confirm") and target_id:
            target = next((a for a in actors if str(a.pk) == target_id), None)
            if target is None:
                self.message_user(request, "Choose one of the selected actors as the target.", messages.ERROR)
                return None
            sources = [a for a in actors if a.pk != target.pk]
            for source in sources:
                actor_merge(source=source, target=target)
            names = ", ".join(a.name for a in sources)
            self.message_user(request, f"Merged {names} into {target.name}.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge actors",
            "actors": actors,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/actor/merge_confirmation.html", context)


class LocationAliasInline(admin.TabularInline):
    model = LocationAlias
    extra = 1


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country_code", "mention_count"]
    list_filter = ["kind", "country_code"]
    search_fields = ["name", "slug", "country_code", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["mention_count"]
    inlines = [LocationAliasInline]


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]


@admin.register(LocationAlias)
class LocationAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "location"]
    search_fields = ["name", "location__name"]
    autocomplete_fields = ["location"]


@admin.register(PublisherLine)
class PublisherLineAdmin(admin.ModelAdmin):
    """Lines each publisher repeats; seen in 3 articles they are furniture unless an editor says news."""

    list_display = ["text", "publisher", "article_count", "verdict", "furniture", "learned_at"]
    list_filter = ["verdict", ("learned_at", admin.EmptyFieldListFilter), "publisher"]
    list_editable = ["verdict"]
    search_fields = ["text", "publisher"]
    readonly_fields = ["publisher", "fingerprint", "text", "article_count", "learned_at"]
    ordering = ["-article_count", "id"]
    actions = ["mark_furniture", "mark_news", "mark_auto"]

    @admin.display(boolean=True, description="furniture")
    def furniture(self, obj: PublisherLine) -> bool:
        return obj.is_furniture

    def has_add_permission(self, request) -> bool:
        return False  # lines are counted by imports

    def save_model(self, request, obj, form, change):
        if obj.is_furniture and obj.learned_at is None:
            obj.learned_at = timezone.now()  # so `reclean_articles --since` finds it
        super().save_model(request, obj, form, change)
        learned_furniture_forget()

    def _decide(self, request, queryset, verdict: str) -> None:
        for line in queryset:
            line.verdict = verdict
            if line.is_furniture and line.learned_at is None:
                line.learned_at = timezone.now()
            line.save(update_fields=["verdict", "learned_at"])
        learned_furniture_forget()
        self.message_user(
            request, f"{queryset.count()} line(s) updated; run reclean_articles to apply them to stored articles."
        )

    @admin.action(description="Mark as furniture (removed from this publisher's articles)", permissions=["change"])
    def mark_furniture(self, request, queryset):
        self._decide(request, queryset, PublisherLine.Verdict.FURNITURE)

    @admin.action(description="Mark as news (never removed)", permissions=["change"])
    def mark_news(self, request, queryset):
        self._decide(request, queryset, PublisherLine.Verdict.NEWS)

    @admin.action(description="Decide by count again", permissions=["change"])
    def mark_auto(self, request, queryset):
        self._decide(request, queryset, PublisherLine.Verdict.AUTO)
