"""The editors' admin site: named for this site, the editor's desk on its index
(editorial/home.py), content first, operators' tools last.

Installed in place of `django.contrib.admin` (settings.INSTALLED_APPS), so every
`admin.site.register` and `@admin.register` lands here."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify

from glossary_site.content import registry

# Apps an operator needs now and then, kept out of the editors' way: after the
# content on the index page, and not in the sidebar beside the edit form.
OPERATOR_APPS = ("axes", "django_tasks_database")
# Apps only superusers may open, whatever permissions a group grants: django-axes'
# lockout records name accounts and client addresses, and deleting them unlocks.
SUPERUSER_ONLY_APPS = ("axes",)


class SuperuserOnlyAdminMixin:
    """Every permission of the admin refused to anyone but an active superuser: the
    models leave the index and the sidebar, and their addresses answer 403."""

    def _superuser(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._superuser(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._superuser(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._superuser(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._superuser(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._superuser(request) and super().has_delete_permission(request, obj)


class EditorsAdminSite(admin.AdminSite):
    site_header = f"{settings.SITE_NAME} editors"
    site_title = f"{settings.SITE_NAME} editors"
    index_title = "Your desk"

    @property
    def login_form(self):
        """Failed logins slow an address down rather than lock an account out."""
        # Imported when asked for: this module loads with the apps, before the auth models.
        from glossary_site.editorial.login_throttle import ThrottledLoginForm

        return ThrottledLoginForm

    def register(self, model_or_iterable, admin_class=None, **options):
        models = [model_or_iterable] if isinstance(model_or_iterable, type) else list(model_or_iterable)
        if any(model._meta.app_label in SUPERUSER_ONLY_APPS for model in models):
            base = admin_class or admin.ModelAdmin
            admin_class = type(f"SuperuserOnly{base.__name__}", (SuperuserOnlyAdminMixin, base), {})
        return super().register(model_or_iterable, admin_class, **options)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        # Stable sort: operator apps last, the rest in Django's alphabetical order.
        return sorted(apps, key=lambda app: app["app_label"] in OPERATOR_APPS)

    def get_urls(self):
        from glossary_site.editorial import transfer_admin

        return transfer_admin.urls(self) + super().get_urls()

    def index(self, request, extra_context=None):
        from glossary_site.editorial import home

        context = {
            "editor_home": home.lists(request, self),
            "reader_demand": self._reader_demand(request),
            **(extra_context or {}),
        }
        return super().index(request, context)

    def _reader_demand(self, request):
        """What readers looked for and did not find (search/demand.py), each with the
        address of "Add term" with the title filled in; for those who may add terms."""
        from glossary_site.search import demand

        try:
            opts = registry.link_target().model._meta
        except StopIteration:
            return None
        if not request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            return None
        add_url = reverse(f"{self.name}:{opts.app_label}_{opts.model_name}_add")
        rows = demand.top()
        for row in rows:
            title = row["query"][:1].upper() + row["query"][1:]
            row["add_url"] = f"{add_url}?{urlencode({'title': title, 'slug': slugify(title)})}"
        return {"rows": rows, "days": demand.KEEP_DAYS, "noun": opts.verbose_name}

    def each_context(self, request):
        context = super().each_context(request)
        context["available_apps"] = [
            app for app in context["available_apps"] if app["app_label"] not in OPERATOR_APPS
        ]
        return context


class EditorsAdminConfig(AdminConfig):
    default_site = "glossary_site.editorial.admin_site.EditorsAdminSite"
