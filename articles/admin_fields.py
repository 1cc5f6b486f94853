"""Form fields the admin edits text with."""

from django import forms


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
