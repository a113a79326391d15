"""Translations in the admin, shown only when the site has more than one language:
the language field (fixed once an item exists), "Minor change" on a source,
"Translate into…" on a source, and on a translation its source side by side with
the source's changes since and "Mark as up to date"; the change lists' language
column and filters. What is done is editorial/translations.py's."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse

from glossary_site.content import languages
from glossary_site.content import translations as states
from glossary_site.editorial import translations
from glossary_site.editorial.admin_views import object_to_change

MINOR_FIELD = "minor_change"


class LanguageFilter(admin.SimpleListFilter):
    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(code, languages.language_name(code)) for code in languages.site_languages()]

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


class MissingInFilter(admin.SimpleListFilter):
    """Sources with no translation in the chosen language yet."""

    title = "not yet translated into"
    parameter_name = "missing_in"

    def lookups(self, request, model_admin):
        return [(code, languages.language_name(code)) for code in languages.translation_languages()]

    def queryset(self, request, queryset):
        if self.value() not in languages.translation_languages():
            return queryset
        return queryset.missing_in(self.value())


class TranslationsAdminMixin:
    """For a publishable item's admin. A kind's admin may name fields a new
    translation copies from its source (`copied_to_translations`) and fill its
    relations (`copy_relations`)."""

    copied_to_translations = ()

    def copy_relations(self, source, translation):
        """Relations a new translation takes from its source; none by default."""

    def _url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/translate/", wrap(self.translate_view), name=self._url_name("translate")),
            path(
                "<path:object_id>/mark-up-to-date/",
                wrap(self.mark_up_to_date_view),
                name=self._url_name("mark_up_to_date"),
            ),
            *super().get_urls(),
        ]

    # --- the form --------------------------------------------------------------
    @staticmethod
    def _minor_offered(obj):
        return (
            languages.is_multilingual() and obj is not None and obj.pk and languages.is_source(obj.language)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not languages.is_multilingual():
            return fieldsets
        (name, options), *rest = fieldsets
        fields = list(options["fields"])
        fields.insert(1, "language")  # after the title, which it is the language of
        if self._minor_offered(obj):
            fields.append(MINOR_FIELD)
        return [(name, {**options, "fields": fields}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not self._minor_offered(obj):
            # Declared fields are in the form whatever the fieldsets show: elsewhere
            # the box is not even read.
            form.base_fields.pop(MINOR_FIELD, None)
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk:
            fields.append("language")  # a translation stays in the language it was made in
        return fields

    def marked_minor(self, form, obj):
        """Whether the editor marked this change minor, where the box is offered: for a
        save now and for one scheduled for later alike."""
        return bool(form.cleaned_data.get(MINOR_FIELD)) and bool(self._minor_offered(obj))

    def save_model(self, request, obj, form, change):
        """ModelAdmin's save (under PublishableAdmin's, which decides whether to save
        now), told whether the editor marked the change minor."""
        obj.save(minor=self.marked_minor(form, obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if languages.is_multilingual() and obj is not None and obj.pk:
            context["translating"] = self._translating(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _translating(self, request, obj):
        change_url = self._change_url_of
        if languages.is_source(obj.language):
            others = states.translations_of(obj).order_by("language")
            return {
                "translate_url": reverse(
                    f"{self.admin_site.name}:{self._url_name('translate')}", args=[obj.pk]
                ),
                "into": [(code, languages.language_name(code)) for code in translations.languages_to_add(obj)]
                if self.has_add_permission(request)
                else [],
                "translations": [
                    {
                        "item": other,
                        "language": languages.language_name(other.language),
                        "url": change_url(other),
                        "out_of_date": states.is_out_of_date(other, obj),
                    }
                    for other in others
                ],
            }
        source = states.source_of(obj)
        if source is None:
            return {}
        return {
            "source": source,
            "source_language": languages.language_name(source.language),
            "source_url": change_url(source),
            "out_of_date": states.is_out_of_date(obj, source),
            "changes": translations.changes_since(source, obj.translated_from),
            "mark_url": reverse(f"{self.admin_site.name}:{self._url_name('mark_up_to_date')}", args=[obj.pk]),
            "can_mark": self.has_change_permission(request, obj),
        }

    def _change_url_of(self, item):
        return reverse(f"{self.admin_site.name}:{self._url_name('change')}", args=[item.pk])

    # --- the views -------------------------------------------------------------
    def translate_view(self, request, object_id):
        """POST language=de: a draft German translation of this source, then its page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        source = self.get_object(request, object_id)
        if source is None:
            raise Http404
        if not self.has_add_permission(request) or not self.has_view_or_change_permission(request, source):
            raise PermissionDenied
        try:
            translation = translations.translate(
                source, request.POST.get("language", ""), self.copied_to_translations, self.copy_relations
            )
        except translations.CannotTranslate as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(self._change_url_of(source))
        name = languages.language_name(translation.language)
        self.log_addition(request, translation, f"Translated from “{source}” into {name}.")
        self.message_user(
            request,
            f"A {name} draft of “{source}” was made from the source: translate it beside the source.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._change_url_of(translation))

    def mark_up_to_date_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = object_to_change(self, request, object_id)
        if translations.mark_up_to_date(obj):
            self.log_change(request, obj, "Marked as up to date with its source.")
            self.message_user(request, f"“{obj}” is marked as up to date with its source.", messages.SUCCESS)
        else:
            self.message_user(request, f"“{obj}” is not a translation of a page.", messages.WARNING)
        return HttpResponseRedirect(self._change_url_of(obj))

    # --- the change list ---------------------------------------------------------
    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if languages.is_multilingual():
            shown.insert(1, "language_shown")
        return shown

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if languages.is_multilingual():
            filters = [LanguageFilter, MissingInFilter, *filters]
        return filters

    @admin.display(description="Language", ordering="language")
    def language_shown(self, obj):
        return languages.language_name(obj.language)
