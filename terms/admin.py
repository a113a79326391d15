"""The glossary's admin: terms with their aliases and related terms."""

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Q
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy

from glossary_site.editorial.admin import PublishableAdmin
from glossary_site.markup import backlinks
from glossary_site.markup.linker import MatchCase

from . import merging
from .models import Term, TermAlias
from .usage import usage


class AliasFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """Two rows of one submission with the same address: the model's check sees
        only saved aliases, and the language is not a field of the form, so Django's
        own check of the rows against each other does not see them either."""
        super().clean()
        seen = set()
        for form in self.forms:
            slug = form.cleaned_data.get("slug") if hasattr(form, "cleaned_data") else None
            if not slug or self.can_delete and self._should_delete_form(form):
                continue
            if slug in seen:
                form.add_error("slug", f"“{slug}” is given to two aliases here: give each its own address.")
            seen.add(slug)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # A table's column headings do not name its boxes for a screen reader.
        row = "a new alias" if form.instance.pk is None else f"alias “{form.instance.name}”"
        labels = (
            ("name", "Name"),
            ("slug", "Slug"),
            ("link_automatically", "Link automatically"),
            ("DELETE", "Delete"),
        )
        for name, what in labels:
            if name in form.fields:
                form.fields[name].widget.attrs["aria-label"] = f"{what} of {row}"


class AliasInline(admin.TabularInline):
    model = TermAlias
    formset = AliasFormSet
    extra = 1
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Term)
class TermAdmin(PublishableAdmin):
    inlines = [AliasInline]
    # A search box, not a list of every term: at 50,000 terms a two-list widget sends
    # them all with every edit page.
    autocomplete_fields = ["related"]
    search_fields = [*PublishableAdmin.search_fields, "aliases__name"]

    readonly_fields = [*PublishableAdmin.readonly_fields, "automatic_links", "where_used"]

    class Media:
        js = ["js/admin-autocomplete-labels.js"]

    actions = [*PublishableAdmin.actions, "merge_terms"]

    @admin.action(description="Merge two selected terms into one", permissions=["delete"])
    def merge_terms(self, request, queryset):
        """Two terms: a page showing both side by side with what links each, the one
        more pages point at chosen to stay; then a confirmation naming the term that
        will be deleted; then the merge (terms/merging.py)."""
        terms = list(queryset.order_by("sort_key")[:3])
        if len(terms) != 2:
            self.message_user(request, "Select exactly two terms to merge.", messages.ERROR)
            return None
        keep = next((t for t in terms if str(t.pk) == request.POST.get("keep")), None)
        gone = next((t for t in terms if keep is not None and t.pk != keep.pk), None)
        if (
            gone is not None
            and request.POST.get("confirm") == "yes"
            and request.POST.get("delete") == str(gone.pk)
        ):
            return self._merge(request, keep, gone)
        pairs = [(term, usage(term, self._change_url)) for term in terms]
        counts = {term.pk: merging.links(used) for term, used in pairs}
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge two terms" if gone is None else f"Delete “{gone}” and keep “{keep}”?",
            "subtitle": None,
            "opts": self.opts,
            "terms": [{"term": term, "usage": used, "links": counts[term.pk]} for term, used in pairs],
            "suggested": merging.suggested(pairs),
            "keep": keep,
            "gone": gone,
            # Deleting the term more pages point at: said before the confirmation.
            "heavier_gone": (counts[gone.pk], counts[keep.pk])
            if gone is not None and counts[gone.pk] > counts[keep.pk]
            else None,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/terms/merge.html", context)

    def _merge(self, request, keep, gone):
        gone_title = gone.title
        merging.merge(keep, gone)
        self.log_change(request, keep, f"Merged “{gone_title}” into this term.")
        self.message_user(
            request,
            f"“{gone_title}” is merged into “{keep}”: its name is an alias, its address answers 301.",
            messages.SUCCESS,
        )
        return None

    def copy_relations(self, source, translation):
        """A new translation relates the translations of its source's related terms,
        where they exist in its language (editorial/translations_admin.py)."""
        keys = source.related.values("translation_key")
        translation.related.set(Term.objects.filter(language=translation.language, translation_key__in=keys))

    def get_search_results(self, request, queryset, search_term):
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            # Choosing a related term: by its title or an alias, not by words of every body.
            if not search_term:
                return queryset, False
            named = Q(title__icontains=search_term) | Q(aliases__name__icontains=search_term)
            return queryset.filter(named).distinct(), False
        return super().get_search_results(request, queryset, search_term)

    def get_fieldsets(self, request, obj=None):
        """After the writing and publishing: related terms, then the technical panels,
        folded, each with what it holds in its one line."""
        main, publishing, *details = super().get_fieldsets(request, obj)
        linking = ["link_automatically", "match_case", "never_link_in", "automatic_links"]
        return [
            _with_sort_as(main),
            publishing,
            ("Related terms", {"fields": ["related"]}),
            (f"Linking rules: {self._linking_line(obj)}", {"classes": ["collapse"], "fields": linking}),
            (
                format_lazy("Where this term is used: {}", self._usage_line_when_shown(obj)),
                {"classes": ["collapse"], "fields": ["where_used"]},
            ),
            *details,
        ]

    @staticmethod
    def _linking_line(term):
        if term is None:
            return "linked automatically, capitals as written"
        rules = ["linked automatically" if term.link_automatically else "linked by hand only"]
        rules.append(
            {
                MatchCase.ALWAYS: "only as written",
                MatchCase.NEVER: "in any case",
                MatchCase.CAPITALISED: "only when capitalised",
            }.get(term.match_case, "capitals as written")
        )
        phrases = len([line for line in term.never_link_in.splitlines() if line.strip()])
        if phrases:
            rules.append(f"never in {phrases} phrase{'' if phrases == 1 else 's'}")
        return ", ".join(rules)

    def _usage_line_when_shown(self, term):
        """The usage line, worked out only if the form is shown: a save that succeeds
        redirects without it, and finding the pages that link a term by hand reads
        every body (seconds with 100,000 terms)."""
        if term is None or term.pk is None:
            return "nowhere yet"
        as_read = copy.copy(term)  # the form's checks write the posted values into `term`

        def line():
            text = self._usage_line(as_read)
            term._admin_usage = as_read._admin_usage  # the panel below shows the same reading
            return text

        return lazy(line, str)()

    def _usage_line(self, term):
        if term is None or term.pk is None:
            return "nowhere yet"
        found = self._usage(term)
        pages = found.automatic_count + len(found.by_hand)
        addresses = 1 + len(found.aliases) + len(found.old_addresses)
        linked = "1 page links it" if pages == 1 else f"{pages} pages link it"
        return f"{linked}, {addresses} address{'' if addresses == 1 else 'es'}"

    def _usage(self, term):
        """Read once per request and term: the panel's line and its content both show it."""
        if getattr(term, "_admin_usage", None) is None:
            term._admin_usage = usage(term, self._change_url)
        return term._admin_usage

    @admin.display(description="Linked automatically from")
    def automatic_links(self, term):
        """How many pages link this term by themselves, and the sentence of each link."""
        if term is None or term.pk is None:
            return "No page yet: the term is new."
        count, shown = backlinks.linking(term)
        if not count:
            return "No page links this term automatically."
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a>: {}<strong>{}</strong>{}</li>',
            ((self._change_url(b.item), b.item.title, b.before, b.words, b.after) for b in shown),
        )
        more = f" (the first {len(shown)} by title)" if count > len(shown) else ""
        pages = "page links" if count == 1 else "pages link"
        return format_html("<p>{} {} this term automatically{}:</p><ul>{}</ul>", count, pages, more, items)

    @admin.display(description="Where is this used")
    def where_used(self, term):
        """Every page that links the term, and every address it answers at: what a
        rename, a delete or an unpublishing touches."""
        if term is None or term.pk is None:
            return "Nowhere yet: the term is new."
        return render_to_string("admin/terms/where_used.html", {"usage": self._usage(term)})

    def delete_view(self, request, object_id, extra_context=None):
        term = self.get_object(request, object_id)
        if term is not None:
            extra_context = {"usage": usage(term, self._change_url), **(extra_context or {})}
        return super().delete_view(request, object_id, extra_context)

    def _change_url(self, item):
        opts = item._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def _with_sort_as(fieldset):
    """The "sort as" reading beside the title it reads."""
    name, options = fieldset
    fields = [("title", "sort_as") if field == "title" else field for field in options["fields"]]
    return (name, {**options, "fields": fields})
