"""Forms and form fields the admin edits the archive with."""

from django import forms
from django.core.exceptions import ValidationError

from articles.models import Entry


class NewlineTextField(forms.CharField):
    """Text as the archive stores it: browsers send `\\r\\n`, the importer stores `\\n`.

    Normalising in `to_python` also makes `has_changed()` compare like with like, so a form
    that differs from the stored text only by its line endings has not changed. Nothing is
    stripped: text an editor did not touch is saved byte for byte as it was.
    """

    def __init__(self, *, strip: bool = False, **kwargs):
        super().__init__(strip=strip, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str):
            return value.replace("\r\n", "\n").replace("\r", "\n")
        return value


class EntryAdminForm(forms.ModelForm):
    """An entry's `duplicate_of` points at a canonical entry, never at itself or into a chain."""

    class Meta:
        model = Entry
        fields = ["article", "position", "title", "body", "published_on", "date_precision", "duplicate_of"]

    def clean_duplicate_of(self):
        target = self.cleaned_data.get("duplicate_of")
        entry = self.instance
        if target is None:
            return target
        if entry.pk is not None and target.pk == entry.pk:
            raise ValidationError("An entry cannot repeat itself.", code="self")
        if target.duplicate_of_id is not None:
            raise ValidationError(
                "Entry %(target)s itself repeats entry %(canonical)s: point at that canonical entry instead.",
                code="not_canonical",
                params={"target": target.pk, "canonical": target.duplicate_of_id},
            )
        if entry.pk is not None and (count := Entry.objects.filter(duplicate_of=entry).count()):
            raise ValidationError(
                "%(count)s other entries repeat this one; it must stay canonical (point them elsewhere first).",
                code="has_duplicates",
                params={"count": count},
            )
        return target

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("duplicate_of") is None and "duplicate_of" not in self.errors and self.instance.pk:
            # One canonical entry per story (entry_unique_canonical_hash): say so instead of a 500.
            twin = (
                Entry.objects.filter(content_hash=self.instance.content_hash, duplicate_of__isnull=True)
                .exclude(pk=self.instance.pk)
                .values_list("pk", flat=True)
                .first()
            )
            if twin is not None:
                self.add_error(
                    "duplicate_of",
                    ValidationError(
                        "Entry %(twin)s is already the canonical copy of this story: this entry repeats it.",
                        code="canonical_taken",
                        params={"twin": twin},
                    ),
                )
        return cleaned
