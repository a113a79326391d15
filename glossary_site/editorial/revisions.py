"""Revisions in the admin: history with readable diffs, restore, and recovery of
deleted items. The revisions themselves are django-simple-history's records
(`history` on Term and Article), made by every save() with the editor's name.

Restoring copies a revision's text back and saves it, which makes a new revision
and an admin log entry; the publishing state is left as it is (changing it is
the publish permission's job). Recovering a deleted item brings it back as a
draft, under its old id."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from glossary_site.content.models import EditConflict
from glossary_site.editorial.diffs import field_changes
from glossary_site.editorial.publishing import when

HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}


class RevisionsAdminMixin:
    """History, restore and recovery views for a ModelAdmin of a model with `history`."""

    # The editor's content, copied back by Restore; ArticleAdmin adds its own.
    restored_fields = ["title", "slug", "summary", "body"]
    shown_fields = ["title", "slug", "summary", "body", "status", "published_at"]

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("deleted/", wrap(self.deleted_view), name=f"{prefix}_deleted"),
            path(
                "deleted/<int:history_id>/recover/",
                wrap(self.recover_view),
                name=f"{prefix}_recover",
            ),
            path(
                "<path:object_id>/history/<int:history_id>/",
                wrap(self.revision_view),
                name=f"{prefix}_revision",
            ),
            *super().get_urls(),
        ]

    # --- reading ---------------------------------------------------------------
    def _labels(self, names):
        return {name: self.opts.get_field(name).verbose_name.capitalize() for name in names}

    def _values(self, item, names):
        values = {}
        for name in names:
            field = self.opts.get_field(name)
            value = getattr(item, field.attname)
            if name == "published_at":
                value = when(value)
            elif field.is_relation:
                related = field.related_model.objects.filter(pk=value).first() if value else None
                value = str(related) if related else "(none)"
            values[name] = value
        return values

    def _revision_rows(self, obj):
        records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
        labels, rows, previous = self._labels(self.shown_fields), [], {}
        for record in records:
            values = self._values(record, self.shown_fields)
            changes = field_changes(previous, values, labels) if previous else []
            rows.append(
                {"record": record, "kind": HISTORY_TYPES.get(record.history_type), "changes": changes}
            )
            previous = values
        return list(reversed(rows))

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            return super().history_view(request, object_id, extra_context)
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "revisions": self._revision_rows(obj),
            "can_restore": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publishable/object_history.html", context)

    # --- restoring -------------------------------------------------------------
    def revision_view(self, request, object_id, history_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        record = get_object_or_404(obj.history, history_id=history_id)
        if request.method == "POST":
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            return self._restore(request, obj, record)
        labels = self._labels(self.restored_fields)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revision of {when(record.history_date)}: {record.title}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "record": record,
            "changes": field_changes(
                self._values(obj, self.restored_fields), self._values(record, self.restored_fields), labels
            ),
            "can_restore": self.has_change_permission(request, obj),
            "restored_names": ", ".join(label.lower() for label in labels.values()),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publishable/revision.html", context)

    def _copy_fields(self, record, target):
        for name in self.restored_fields:
            field = self.opts.get_field(name)
            value = getattr(record, field.attname)
            if isinstance(field, models.FileField) and value and not default_storage.exists(value):
                continue  # the file (a cover image) is gone: keep the current one
            if (
                field.is_relation
                and value is not None
                and not field.related_model.objects.filter(pk=value).exists()
            ):
                value = None  # the author was deleted since
            setattr(target, field.attname, value)

    def _restore(self, request, obj, record):
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        if self.model.objects.filter(slug=record.slug).exclude(pk=obj.pk).exists():
            self.message_user(
                request,
                f"Not restored: the address “{record.slug}” now belongs to another item.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        self._copy_fields(record, obj)
        message = f"Restored the revision of {when(record.history_date)}."
        obj._change_reason = message
        try:
            obj.save()
        except EditConflict:
            self.message_user(request, "Not restored: someone saved it just now; try again.", messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.log_change(request, obj, message)
        self.message_user(request, format_html("“{}”: {}", obj, message), messages.SUCCESS)
        return HttpResponseRedirect(change_url)

    # --- recovering deleted items ------------------------------------------------
    def _deleted_records(self):
        history = self.model.history.model
        return (
            history.objects.filter(history_type="-")
            .exclude(id__in=self.model.objects.values("pk"))
            .select_related("history_user")
            .order_by("-history_date")
        )

    def deleted_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"Deleted {self.opts.verbose_name_plural}",
            "subtitle": None,
            "opts": self.opts,
            "records": self._deleted_records()[:200],
            "can_recover": self.has_add_permission(request),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publishable/deleted.html", context)

    def recover_view(self, request, history_id):
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_deleted")
            )
        if not self.has_add_permission(request):
            raise PermissionDenied
        record = get_object_or_404(self._deleted_records(), history_id=history_id)
        if self.model.objects.filter(slug=record.slug).exists():
            self.message_user(
                request,
                f"Not recovered: the address “{record.slug}” now belongs to another item.",
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_deleted")
            )
        obj = self.model(pk=record.id, status=self.model.Status.DRAFT, published_at=record.published_at)
        self._copy_fields(record, obj)
        obj._change_reason = "Recovered after deletion"
        obj.save()
        self.log_addition(request, obj, "Recovered after deletion, as a draft.")
        self.message_user(
            request,
            format_html("“{}” is back, as a draft. Check it, then publish it.", obj),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )
