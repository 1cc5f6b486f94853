"""Editors correct everything here: dates, entries, mentions, aliases."""

from django.contrib import admin, messages
from django.db import IntegrityError, models, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from articles.admin_forms import EntryAdminForm, NewlineTextField
from articles.admin_history import HistoryAdminMixin
from articles.models import (
    Actor,
    ActorAlias,
    ActorRedirect,
    Article,
    Entry,
    EntryActor,
    EntryLocation,
    Location,
    LocationAlias,
    MentionSource,
    PublisherLine,
)
from articles.selectors.articles import article_entries_admin_page
from articles.selectors.publisher_lines import learned_furniture_forget
from articles.services.actors import actor_merge, actor_slug_changed
from articles.services.article_dates import article_entries_redate
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


class ArchiveModelAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Text fields keep the archive's `\n` line endings whatever the browser sends; change forms
    show the object's recorded history."""

    formfield_overrides = {models.TextField: {"form_class": NewlineTextField}}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id and object_id.isdigit():
            extra_context["history_rows"] = self.history_rows(request, int(object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The forms check the constraints they can; a conflict they cannot see (another editor
        # saving at the same moment) is reported on the form's page, never a server error.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            self.message_user(request, f"Not saved: the change conflicts with stored data ({error}).", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ArchiveTabularInline(admin.TabularInline):
    formfield_overrides = ArchiveModelAdmin.formfield_overrides


@admin.register(Article)
class ArticleAdmin(ArchiveModelAdmin):
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
    # No entries inline: a live blog has hundreds or thousands of entries, and an inline posts
    # every one of them back (TooManyFieldsSent at ~200) and lets a browser's `\r\n` rewrite
    # them. The change page lists one page of entries with links to edit each.
    change_form_template = "admin/articles/article/change_form.html"
    entries_per_page = 50

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id and object_id.isdigit():
            extra_context["entry_page"] = article_entries_admin_page(
                article_id=int(object_id), page=request.GET.get("entries_page"), per_page=self.entries_per_page
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        facet_counts_invalidate()  # dates may change what the pages count
        if change and {"published_on", "date_precision"} & set(form.changed_data):
            article_entries_redate(article=obj, old_date=form.initial.get("published_on"))

    def delete_model(self, request, obj):
        articles_delete(article_ids=[obj.pk])

    def delete_queryset(self, request, queryset):
        articles_delete(article_ids=queryset.values_list("pk", flat=True))


class EntryActorInline(ArchiveTabularInline):
    model = EntryActor
    extra = 0
    autocomplete_fields = ["actor"]
    fields = ["actor", "count", "source"]


class EntryLocationInline(ArchiveTabularInline):
    model = EntryLocation
    extra = 0
    autocomplete_fields = ["location"]
    fields = ["location", "count", "source"]


@admin.register(Entry)
class EntryAdmin(ArchiveModelAdmin):
    form = EntryAdminForm
    list_display = ["__str__", "article", "position", "published_on", "published_time", "is_canonical"]
    list_filter = [IsRepeatFilter, HasDateFilter, HasTimeFilter]
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


class ActorAliasInline(ArchiveTabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(ArchiveModelAdmin):
    list_display = ["name", "kind", "slug", "mention_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["mention_count"]
    inlines = [ActorAliasInline]
    actions = ["merge_actors"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            actor_slug_changed(actor=obj, old_slug=form.initial.get("slug", ""))

    def has_merge_permission(self, request) -> bool:
        """A merge changes the survivor and deletes the others: it needs both permissions."""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected actors into…", permissions=["merge"])
    def merge_actors(self, request, queryset):
        """Intermediate page: choose which of the selected actors the others merge into."""
        actors = list(queryset.order_by("-mention_count", "name"))
        if len(actors) < 2:
            self.message_user(request, "Select at least two actors to merge.", messages.WARNING)
            return None
        if len({actor.kind for actor in actors}) > 1:
            self.message_user(
                request, "People and organisations cannot be merged into each other; select one kind.", messages.ERROR
            )
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


class LocationAliasInline(ArchiveTabularInline):
    model = LocationAlias
    extra = 1


@admin.register(Location)
class LocationAdmin(ArchiveModelAdmin):
    list_display = ["name", "kind", "country_code", "mention_count"]
    list_filter = ["kind", "country_code"]
    search_fields = ["name", "slug", "country_code", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["mention_count"]
    inlines = [LocationAliasInline]


@admin.register(ActorAlias)
class ActorAliasAdmin(ArchiveModelAdmin):
    list_display = ["name", "actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]


@admin.register(ActorRedirect)
class ActorRedirectAdmin(ArchiveModelAdmin):
    list_display = ["old_slug", "actor"]
    search_fields = ["old_slug", "actor__name"]
    autocomplete_fields = ["actor"]


@admin.register(LocationAlias)
class LocationAliasAdmin(ArchiveModelAdmin):
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
