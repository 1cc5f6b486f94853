"""Editors correct everything here: dates, entries, mentions, aliases."""

from django.contrib import admin, messages
from django.db import transaction
from django.template.response import TemplateResponse

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
)
from articles.services.actors import actor_merge
from articles.services.deletion import articles_delete, entries_delete
from articles.services.denorm import entry_denorm_refresh
from articles.services.facets import facet_counts_invalidate

admin.site.site_header = admin.site.site_title = "Conflict news archive"
admin.site.index_title = "Edit the archive"


class YesNoFilter(admin.SimpleListFilter):
    """A yes/no question in the editors' words ("Is a repeat"), not "By duplicate of: Empty"."""

    parameter_name = ""
    condition: dict = {}  # the lookup that answers "yes"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(**self.condition)
        if self.value() == "no":
            return queryset.exclude(**self.condition)
        return queryset


class IsRepeatFilter(YesNoFilter):
    title = "is a repeat"
    parameter_name = "repeat"
    condition = {"duplicate_of__isnull": False}


class HasDateFilter(YesNoFilter):
    title = "has a date"
    parameter_name = "dated"
    condition = {"published_on__isnull": False}


class HasTimeFilter(YesNoFilter):
    title = "has a time of day"
    parameter_name = "timed"
    condition = {"published_time__isnull": False}


class EntryInline(admin.StackedInline):
    model = Entry
    fk_name = "article"
    extra = 0
    fields = [
        "position",
        "title",
        "body",
        "published_on",
        "date_precision",
        "published_time",
        "time_zone",
        "duplicate_of",
    ]
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
    list_filter = ["date_precision", "publisher", HasDateFilter]
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
    list_display = ["__str__", "article", "position", "published_on", "published_time", "is_canonical"]
    list_filter = [IsRepeatFilter, HasDateFilter, HasTimeFilter]
    search_fields = ["title", "body", "article__headline"]
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
