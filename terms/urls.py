from django.urls import path

from . import views

app_name = "terms"

urlpatterns = [
    path("", views.TermIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.TermDetailView.as_view(), name="detail"),
]
