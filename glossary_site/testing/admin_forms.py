"""Admin form data as a browser would submit it, for tests that post to the admin."""

from bs4 import BeautifulSoup


def change_data(term, version, **changes):
    data = {
        "title": term.title,
        "slug": term.slug,
        "summary": term.summary,
        "body": term.body,
        "status": term.status,
        "published_at_0": term.published_at.strftime("%Y-%m-%d"),
        "published_at_1": term.published_at.strftime("%H:%M:%S"),
        "base_version": str(version),
        "link_automatically": "on",
        "match_case": "auto",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    data.update(changes)
    return data


def textarea_value(field):
    # Django writes a newline after <textarea>, and HTML parsers drop it.
    return field.get_text().removeprefix("\n")


def form_data(html):
    """The admin add form's fields as a browser would submit them untouched."""
    data = {}
    for field in BeautifulSoup(html, "html.parser").select("form#term_form [name]"):
        if field.name == "textarea":
            data[field["name"]] = textarea_value(field)
        elif field.name == "select":
            chosen = field.select("option[selected]")
            data[field["name"]] = [option.get("value", "") for option in chosen]
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):  # a browser sends a ticked box only
                data[field["name"]] = field.get("value", "on")
        elif field.get("type") != "submit":
            data[field["name"]] = field.get("value", "")
    return data
