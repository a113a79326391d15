"""What a bound form shows when it comes back: a check that changes a value for the
save (a merge taking the other editor's title) also puts it in the form's data, so
a refused save shows the value that would have been saved, in each widget's format."""

from django import forms


def resend(form, values):
    """Replace raw values the form sends back on its next save ({field name: text})."""
    form.data = form.data.copy()
    for name, text in values.items():
        form.data[form.add_prefix(name)] = text


def show(form, cleaned, name, value):
    """Use `value` for the save, and show it if the form comes back."""
    cleaned[name] = value
    field, key = form.fields[name], form.add_prefix(name)
    if not getattr(form.data, "_mutable", True):  # request.POST is read-only
        form.data = form.data.copy()
    prepared = field.prepare_value(value)
    if isinstance(field.widget, forms.MultiWidget):
        for widget, suffix, part in zip(
            field.widget.widgets,
            field.widget.widgets_names,
            field.widget.decompress(prepared),
            strict=False,
        ):
            form.data[key + suffix] = widget.format_value(part) or ""
    elif isinstance(field.widget, forms.CheckboxInput):
        form.data[key] = "on" if value else ""
    else:
        form.data[key] = "" if prepared is None else str(prepared)
