"""What the buttons on an item's change page share (review link, mark as up to date)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def object_to_change(model_admin, request, object_id):
    """The item a button on its change page acts on: 404 if there is none, 403 for
    someone without the change permission on it, whatever the page showed them."""
    obj = model_admin.get_object(request, object_id)
    if obj is None:
        raise Http404
    if not model_admin.has_change_permission(request, obj):
        raise PermissionDenied
    return obj
