"""Import and export of content files (Markdown with front matter, CSV), and the demo.

The format: files.py (content files), spreadsheet.py (the CSV form of the terms),
values.py (the common fields, read and checked), records.py (an item's comparable
record, and the RecordFormat each app's kind extends), content_file.py (one item as
a file gives it, with its problems), media.py (the uploads an export carries),
translations.py (what joins a translation to its source-language item).
An import: plan.py reads, checks and plans what to create, change or leave;
apply.py writes the plan in one transaction, new items in bulk through bulk.py;
batching.py makes the import's one Batch (content/batch.py) and finishes it. export.py writes
the other way. The management commands (import_content, export_content, load_demo)
only parse their arguments and print. The admin's Import and export screens
(editorial/transfer_admin.py) carry the same format as one .zip (archive.py); an
import made there is kept in a ContentImport row (models.py) from its dry run to
the background task that applies it (importing.py).
"""
