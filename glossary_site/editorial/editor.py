"""Staff-only replacements for django-markdownx's preview and upload endpoints.

markdownx's own views answer anonymous requests, return unsanitised HTML
(CVE-2024-2319) and trust the client's file name and content type. These views
let only active staff in, preview through the one sanitising renderer, and store
an upload only after Pillow has decoded it and re-encoded it under a random name.
"""

from django.http import HttpResponse, JsonResponse
from django.utils.html import format_html
from django.views import View

from glossary_site.content import registry
from glossary_site.content.limits import MarkdownTooComplex
from glossary_site.markup import mentions
from glossary_site.markup.alt_text import PLACEHOLDER
from glossary_site.markup.markdown import render
from glossary_site.markup.uploads import UploadRejected, store_image


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return JsonResponse({"error": "Log in to the admin as staff to use the editor."}, status=403)
        return super().dispatch(request, *args, **kwargs)


class MarkdownifyView(StaffOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        try:
            html = render(request.POST.get("content", ""))
        except MarkdownTooComplex as error:
            # markdownx shows any answer in the preview pane, so the editor reads why there.
            message = format_html('<p class="markdownx-error" role="alert">{}</p>', str(error))
            return HttpResponse(message, status=400)
        # Linked as the saved page will be, so the preview is what readers get.
        own_term = _own_term(request)
        names, language = _own_names(own_term)
        linked, _ = mentions.link(html, own_term, names, language)
        return HttpResponse(linked)


def _own_term(request):
    try:
        return int(request.GET.get("own_term", ""))
    except ValueError:
        return None


def _own_names(term_id):
    """The saved title and aliases of the term being edited, draft or not, and its
    language (None, the source language, when there is no such term)."""
    if term_id is None:
        return [], None
    term = registry.link_target().model.objects.filter(pk=term_id).first()
    return (term.own_names(), term.language) if term else ([], None)


class ImageUploadView(StaffOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        upload = request.FILES.get("image")
        if upload is None:
            return JsonResponse({"error": "No image was sent."}, status=400)
        try:
            url = store_image(upload)
        except UploadRejected as rejection:
            return JsonResponse({"error": str(rejection)}, status=400)
        # markdownx inserts image_code into the text; the alt text prompts the editor.
        return JsonResponse({"image_code": f"![{PLACEHOLDER}]({url})"})
