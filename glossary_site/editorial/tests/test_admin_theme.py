"""The site's stylesheets and the admin's share one page (the admin loads tokens.css
for its preview), so their variables must never meet: the site's are --site-*, and
every variable a stylesheet uses is defined, by tokens.css or by Django's admin.
The colours themselves are measured in a browser (tests/test_admin_theme_browser.py)."""

import re
from pathlib import Path

import django
from django.conf import settings

CSS_DIR = Path(settings.BASE_DIR) / "static" / "css"
ADMIN_CSS_DIR = Path(django.__file__).parent / "contrib" / "admin" / "static" / "admin" / "css"
_DEFINED = re.compile(r"(--[\w-]+)\s*:")
_USED = re.compile(r"var\(\s*(--[\w-]+)")


def defined(paths):
    return {name for path in paths for name in _DEFINED.findall(path.read_text(encoding="utf-8"))}


def test_the_sites_variables_are_all_prefixed_so_none_is_one_of_the_admins():
    ours = defined([CSS_DIR / "tokens.css"])
    admins = defined(ADMIN_CSS_DIR.glob("*.css"))

    assert ours and all(name.startswith("--site-") for name in ours), sorted(ours)
    assert "--accent" in admins  # the name that once leaked: the check reads the admin's
    assert not ours & admins


def test_every_variable_a_stylesheet_uses_is_defined_by_tokens_css_or_the_admin():
    known = defined(CSS_DIR.glob("*.css")) | defined(ADMIN_CSS_DIR.glob("*.css"))
    used = {
        (path.name, name)
        for path in CSS_DIR.glob("*.css")
        for name in _USED.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "the check read no var()"
    assert sorted((sheet, name) for sheet, name in used if name not in known) == []


def test_public_stylesheets_use_only_the_sites_variables():
    # The public pages do not load the admin's stylesheets: an admin name there is unset.
    site = defined([CSS_DIR / "tokens.css"])
    stray = {
        (path.name, name)
        for path in CSS_DIR.glob("*.css")
        if not path.name.startswith("admin-")
        for name in _USED.findall(path.read_text(encoding="utf-8"))
        if name not in site
    }
    assert sorted(stray) == []
