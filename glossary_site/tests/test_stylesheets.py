"""Every class the site's markup uses has a rule in static/css/, and every rule's
class is used somewhere: no unstyled parts, no dead rules.

Markup is read where it is written: templates, the Python that builds HTML (the
renderer, the linker, the admin's badges) and the scripts that create elements."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CSS_DIR = ROOT / "static" / "css"
PYTHON_DIRS = ("glossary_site", "terms", "articles")

# Classes that markup of other people's code sets, which our stylesheets style:
# django-markdownx's widget template and Django's admin and forms.
SET_BY_OTHERS = {
    "markdownx",  # markdownx's widget: the wrapper of text box and preview
    "markdownx-editor",  # markdownx's widget: the text box
    "markdownx-preview",  # markdownx's widget: the preview pane
    "aligned",  # Django admin: a fieldset with labels beside fields
    "flex-container",  # Django admin: a field's label and widget
    "breadcrumbs",  # Django admin: our history pages fill its breadcrumbs block
    "default",  # Django admin: the main submit button
    "module",  # Django admin: a fieldset or box
    "submit-row",  # Django admin: the row of save buttons
    "actions",  # Django admin: the change list's action bar
    "errornote",  # Django admin: the note of what a form refused
}

_CLASS_ATTR = re.compile(r"""\bclass(?:Name)?\s*[=:]\s*(["'`])(.*?)\1""", re.S)  # ` : a JS template literal
_CLASS_PARAM = re.compile(r"""\b\w+_class=(["'])(.*?)\1""")  # {% include ... extra_class="..." %}
_CLASS_LIST = re.compile(r"""classList\.(?:add|remove|toggle|contains)\((["'])(.*?)\1""")
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}")  # {% if %}: a boundary between names
_TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}|\{\}|\$\{.*?\}")  # a value filled in at run time
_FILLED = "\x00"
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")


def _sources():
    yield from (ROOT / "templates").rglob("*.html")
    yield from (ROOT / "static" / "js").rglob("*.js")
    for folder in PYTHON_DIRS:
        yield from (
            path
            for path in (ROOT / folder).rglob("*.py")
            if "tests" not in path.parts and "migrations" not in path.parts
        )


def used_classes():
    """(names, prefixes): class names in markup, and stems of names built at run time
    such as `status-{}` or `diff-{{ line.kind }}`."""
    names, prefixes = set(), set()
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        values = [
            m[2] for pattern in (_CLASS_ATTR, _CLASS_PARAM, _CLASS_LIST) for m in pattern.finditer(text)
        ]
        for value in values:
            value = _TEMPLATE_VALUE.sub(_FILLED, _TEMPLATE_TAG.sub(" ", value))
            for token in value.split():
                if _FILLED in token:
                    stem = token.split(_FILLED)[0]
                    if stem:
                        prefixes.add(stem)
                elif re.fullmatch(r"-?[A-Za-z_][\w-]*", token):
                    names.add(token)
    return names, prefixes


def styled_classes():
    found = set()
    for path in CSS_DIR.glob("*.css"):
        css = _CSS_COMMENT.sub("", path.read_text(encoding="utf-8"))
        # Only selectors: what precedes each "{", not the declarations after it.
        for selector in re.findall(r"([^{}]*)\{", css):
            if not selector.strip().startswith("@"):
                found.update(_CSS_CLASS.findall(selector))
    return found


def test_every_class_in_the_markup_has_a_stylesheet_rule():
    names, prefixes = used_classes()
    styled = styled_classes()
    unstyled = sorted(names - styled - SET_BY_OTHERS)
    assert not unstyled, f"classes used in markup with no rule in static/css/: {unstyled}"
    unstyled_stems = sorted(stem for stem in prefixes if not any(name.startswith(stem) for name in styled))
    assert not unstyled_stems, f"class stems with no rule in static/css/: {unstyled_stems}"


def test_every_stylesheet_class_is_used_in_the_markup():
    names, prefixes = used_classes()
    dead = sorted(
        name
        for name in styled_classes() - names - SET_BY_OTHERS
        if not any(name.startswith(stem) for stem in prefixes)
    )
    assert not dead, f"rules in static/css/ for classes no template, script or Python uses: {dead}"


def test_the_class_check_reads_templates_python_and_stylesheets():
    # The check above would pass vacuously if it read no markup or no CSS.
    names, _ = used_classes()
    assert {"letter-bar", "search-result", "term-link", "heading-anchor"} <= names
    assert {"letter-bar", "search-result"} <= styled_classes()
