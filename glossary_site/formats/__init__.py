"""Date and number formats that differ from Django's own for a language
(FORMAT_MODULE_PATH): one module per language code, as django.conf.locale lays them out."""
