"""Demo sites on real gunicorn nodes, and an editor using them over HTTP."""

from bs4 import BeautifulSoup

from glossary_site.testing.servers import SIGNED_IN_MARK, manage, site_env

PASSWORD = "a-long-test-password-1"


def prepared_env(tmp_path, database, **extra):
    """The environment of a demo site in tmp_path with an editor account. `database`:
    the session's demo database (a PreparedDatabase, copied), or the URL of an empty
    database of the test's own (a private PostgreSQL), migrated and loaded here."""
    if isinstance(database, str):
        env = site_env(tmp_path, database, DJANGO_SUPERUSER_PASSWORD=PASSWORD, **extra)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo")
    else:
        env = site_env(tmp_path, database.copy(tmp_path), DJANGO_SUPERUSER_PASSWORD=PASSWORD, **extra)
    manage(env, "createsuperuser", "--noinput", "--username", "editor", "--email", "e@example.com")
    return env


def log_in(client, node):
    client.request(node.url("/admin/login/"))
    status, html, _ = client.request(
        node.url("/admin/login/?next=/admin/"),
        data={
            "username": "editor",
            "password": PASSWORD,
            "csrfmiddlewaretoken": client.cookie("csrftoken"),
            "next": "/admin/",
        },
    )
    assert status == 200 and SIGNED_IN_MARK in html


def change_form_data(html):
    """The fields of the admin change form as a browser would submit them."""
    form = BeautifulSoup(html, "html.parser").select_one("form#term_form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.name == "textarea":
            data[field["name"]] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen.get("value", "")
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):  # a browser sends a ticked box only
                data[field["name"]] = field.get("value", "on")
        elif field.get("type") != "submit":
            data[field["name"]] = field.get("value", "")
    return data


def edit_term_body(client, node, title, extra_text):
    _, changelist, _ = client.request(node.url("/admin/terms/term/"))
    link = BeautifulSoup(changelist, "html.parser").find("a", string=title)
    _, form_html, _ = client.request(node.url(link["href"]))
    data = change_form_data(form_html)
    data["body"] += f"\n\n{extra_text}\n"
    data["_save"] = "Save"
    status, page, _ = client.request(node.url(link["href"]), data=data)
    # The redirect to the change list was followed: a form sent back has errors.
    assert status == 200 and 'id="term_form"' not in page, "the edit was not saved"
