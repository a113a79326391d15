"""The embeddable hovercards under /embed/ (terms/embed.py)."""

from django.urls import path

from . import embed

app_name = "embed"

urlpatterns = [
    path("", embed.DemoView.as_view(), name="demo"),
    path("glossary.js", embed.script, name="script"),
]
