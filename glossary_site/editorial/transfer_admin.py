"""The admin's Import and export screens (issue 24): download every item as the
.zip export_content writes, and upload a .zip of that format or a .csv of terms,
read its dry run, and apply it in the background (exchange/importing.py).

Only staff with "Can import and export content" (exchange/models.py) may open any
of them; the permission is checked by every view here and again by the task."""

import tempfile
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views import View

from glossary_site.editorial.publishing import when
from glossary_site.exchange import archive, export, importing
from glossary_site.exchange.models import ContentImport

# The site refuses larger requests before any view reads them (MAX_REQUEST_BYTES):
# an import larger than this is one for `manage.py import_content`.
MAX_UPLOAD_BYTES = settings.UPLOAD_MAX_BYTES
KINDS = (".zip", ".csv")


def urls(site):
    """The screens' URLs, for the admin site's get_urls()."""

    def view(cls):
        return site.admin_view(cls.as_view(admin_site=site))

    return [
        path("transfer/", view(TransferView), name="transfer"),
        path("transfer/export/", view(ExportView), name="transfer_export"),
        path("transfer/import/<int:pk>/", view(ImportView), name="transfer_import"),
        path("transfer/import/<int:pk>/apply/", view(ApplyView), name="transfer_apply"),
    ]


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File to import",
        help_text=(
            f"A .zip made by Export, or a .csv file of terms; at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB. "
            "Nothing is written until you have read what it would do and pressed Apply."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(KINDS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in KINDS:
            raise forms.ValidationError("Upload a .zip file made by Export, or a .csv file of terms.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"This file is {upload.size / 1024 / 1024:.1f} MB; the admin takes "
                f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB at most. Import larger ones with "
                "`manage.py import_content`."
            )
        if suffix == ".zip" and not zipfile.is_zipfile(upload):
            raise forms.ValidationError("This is not a readable .zip file.")
        upload.seek(0)
        return upload


class TransferMixin:
    """Staff with the permission only, checked on every request; the admin's frame."""

    admin_site = None

    def dispatch(self, request, *args, **kwargs):
        if not importing.may_transfer(request.user):
            raise PermissionDenied
        request.current_app = self.admin_site.name
        return super().dispatch(request, *args, **kwargs)

    def render(self, template, title, **context):
        context = {**self.admin_site.each_context(self.request), "title": title, "subtitle": None, **context}
        return TemplateResponse(self.request, f"admin/transfer/{template}", context)


class TransferView(TransferMixin, View):
    """Export, the upload form, and the latest imports."""

    def get(self, request, form=None):
        imports = [
            {"row": row, "uploaded": when(row.created_at)}
            for row in ContentImport.objects.select_related("created_by")[:5]
        ]
        return self.render("index.html", "Import and export", form=form or UploadForm(), imports=imports)

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.get(request, form)
        upload = form.cleaned_data["file"]
        row = importing.start(Path(upload.name).name, upload.read(), request.user)
        return HttpResponseRedirect(reverse("admin:transfer_import", args=[row.pk]))


class ExportView(TransferMixin, View):
    """Every item as a .zip of content files and the media they use."""

    def get(self, request):
        zipped = tempfile.TemporaryFile()  # deleted when the response closes it
        with tempfile.TemporaryDirectory(prefix="export-") as folder:
            export.write(Path(folder))
            archive.write(Path(folder), zipped)
        zipped.seek(0)
        name = f"{settings.SITE_NAME.lower()}-export-{timezone.localtime():%Y-%m-%d-%H%M}.zip"
        return FileResponse(zipped, as_attachment=True, filename=name, content_type="application/zip")


class ImportView(TransferMixin, View):
    """An import's dry run, then its progress, then what it did."""

    def get(self, request, pk):
        row = importing.settle(get_object_or_404(ContentImport, pk=pk))
        report = row.report
        context = {
            "row": row,
            "report": report,
            "done": row.state == ContentImport.State.DONE,
            "progress": importing.Progress.of(row),
            "created_at": when(row.created_at),
            "finished_at": when(row.finished_at) if row.finished_at else "",
        }
        return self.render("import.html", f"Import of {row.name}", **context)


class ApplyView(TransferMixin, View):
    def post(self, request, pk):
        row = get_object_or_404(ContentImport, pk=pk)
        importing.queue(row, request.user)  # twice pressed: the second does nothing
        return HttpResponseRedirect(reverse("admin:transfer_import", args=[row.pk]))
