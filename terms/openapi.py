"""The OpenAPI 3.1 description of the glossary's API, served at /api/openapi.json.

Written by hand, next to the views it describes: four read-only endpoints do not
need a framework to generate it, and the tests validate it and check the real
answers against its schemas."""

from django.conf import settings
from django.urls import reverse

from glossary_site.api.responses import MAX_PAGE
from glossary_site.content import languages
from glossary_site.content.seo import absolute
from glossary_site.search.query import MAX_QUERY_CHARS

_LINK = {
    "type": "object",
    "required": ["title", "slug", "url"],
    "properties": {
        "title": {"type": "string"},
        "slug": {"type": "string"},
        "url": {"type": "string", "format": "uri", "description": "The term's page on the site."},
    },
}

_TERM = {
    "type": "object",
    "required": [
        "title",
        "slug",
        "url",
        "summary",
        "aliases",
        "related",
        "published_at",
        "updated_at",
        "extract",
    ],
    "properties": {
        **_LINK["properties"],
        "summary": {"type": "string", "description": "One or two plain sentences."},
        "aliases": {"type": "array", "items": {"type": "string"}, "description": "Other names of the term."},
        "related": {"type": "array", "items": {"$ref": "#/components/schemas/TermLink"}},
        "published_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "extract": {"type": "string", "description": "The start of the body as plain text."},
    },
}

_PAGE = {
    "type": "object",
    "required": ["count", "next", "previous", "results"],
    "properties": {
        "count": {"type": "integer", "minimum": 0},
        "next": {"type": ["string", "null"], "format": "uri"},
        "previous": {"type": ["string", "null"], "format": "uri"},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Term"}},
    },
}

_ERROR = {
    "type": "object",
    "required": ["status", "message"],
    "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema}}}}


def _error(description):
    return _json("#/components/schemas/Error", description)


_CACHING = {
    "ETag": {"schema": {"type": "string"}, "description": "Send it back as If-None-Match for a 304."},
    "Last-Modified": {"schema": {"type": "string"}},
    "Access-Control-Allow-Origin": {"schema": {"type": "string", "const": "*"}},
}

_COMMON_ERRORS = {
    "304": {"description": "Not modified since the ETag or time the client sent."},
    "429": {
        **_error("Too many requests from this address."),
        "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
    },
}


def _parameter(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


# With more than one site language: `lang`, and each term's language and translations.
_TRANSLATION = {
    "type": "object",
    "required": ["language", "title", "slug", "url"],
    "properties": {
        "language": {"type": "string", "description": "Its language code, one of SITE_LANGUAGES."},
        **_LINK["properties"],
        "url": {"type": "string", "format": "uri", "description": "Its page, in its language."},
    },
}


def _lang():
    codes = languages.site_languages()
    return _parameter(
        "lang",
        f"The language of the terms: one of {', '.join(codes)} (default {codes[0]}, the source "
        "language); any other is a 400. A slug is the term's slug in that language; the slug "
        "of the source-language term answers 301 to its translation's address.",
        {"type": "string", "enum": codes, "default": codes[0]},
    )


def _term_schema():
    if not languages.is_multilingual():
        return _TERM
    return {
        **_TERM,
        "required": [*_TERM["required"], "language", "translations"],
        "properties": {
            **_TERM["properties"],
            "language": {"type": "string", "description": "The term's language code."},
            "translations": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/TermTranslation"},
                "description": "Its published versions in the site's other languages.",
            },
        },
    }


def _with_lang(parameters):
    return [*parameters, _lang()] if languages.is_multilingual() else parameters


def document():
    per_page = settings.API_PAGE_SIZE
    list_ok = _json("#/components/schemas/TermPage", f"A page of up to {per_page} terms.")
    term_ok = _json("#/components/schemas/Term", "The term.")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.SITE_NAME} glossary API",
            "version": "1.0",
            "description": "Published glossary terms as JSON: read-only, for any site (CORS, no credentials). "
            f"At most {settings.API_RATE_LIMIT} requests per {settings.API_RATE_WINDOW} seconds per address.",
        },
        "servers": [{"url": absolute("/")}],
        "paths": {
            reverse("api:terms"): {
                "get": {
                    "operationId": "listTerms",
                    "summary": "Every published term A–Z, a search, or the terms changed since a time",
                    "parameters": _with_lang(
                        [
                            _parameter(
                                "q",
                                "Search as the site does, in its order (at most "
                                f"{MAX_QUERY_CHARS} characters). Not with updated_since.",
                                {"type": "string", "maxLength": MAX_QUERY_CHARS},
                            ),
                            _parameter(
                                "updated_since",
                                "Only terms changed after this time, oldest change first.",
                                {"type": "string", "format": "date-time"},
                            ),
                            _parameter(
                                "page",
                                "From 1; past the last page is a 400.",
                                {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                            ),
                        ]
                    ),
                    "responses": {
                        "200": {**list_ok, "headers": _CACHING},
                        "400": _error(
                            "A parameter the API does not know, a bad value or a page past the end."
                        ),
                        **_COMMON_ERRORS,
                        "503": {
                            **_error("With q: every search slot is busy; nothing was searched."),
                            "headers": {
                                "Retry-After": {
                                    "schema": {"type": "integer"},
                                    "description": "Seconds to wait.",
                                }
                            },
                        },
                    },
                }
            },
            reverse("api:term", kwargs={"slug": "slug-mark"}).replace("slug-mark", "{slug}"): {
                "get": {
                    "operationId": "getTerm",
                    "summary": "One published term",
                    "parameters": _with_lang(
                        [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}]
                    ),
                    "responses": {
                        "200": {**term_ok, "headers": _CACHING},
                        "301": {"description": "An alias or former slug: the term's own API address."},
                        **(
                            {"400": _error("A lang that is not one of the site's languages.")}
                            if languages.is_multilingual()
                            else {}
                        ),
                        "404": _error("No published term has this slug."),
                        **_COMMON_ERRORS,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "TermLink": _LINK,
                "Term": _term_schema(),
                "TermPage": _PAGE,
                "Error": _ERROR,
                **({"TermTranslation": _TRANSLATION} if languages.is_multilingual() else {}),
            },
        },
    }
