"""An import made in the admin: its dry run when the file is uploaded, and the
background task that applies it when the editor says so.

The upload is checked and planned at once (plan.py) and the report kept with the
file in a ContentImport row. Apply queues `apply_import` for the worker (Django's
tasks framework, as markup/relinking.py does), which checks the file again, and
writes it only if the plan is still the one the editor read: the site may have
changed in between, and then the editor sees the new report and decides again.
apply.write() is one transaction, so an import lands whole or not at all.
"""

import hashlib
import json
import re
import tempfile
from contextlib import contextmanager
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.core.cache import cache
from django.tasks import TaskResultStatus, task
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone
from django.utils.text import get_valid_filename

from glossary_site.content import registry

from . import apply, archive, plan
from .models import ContentImport
from .spreadsheet import is_csv

PERMISSION = "glossary_site.transfer_content"
KEEP = timedelta(days=90)  # the record of an import, for the Import screen's list
State = ContentImport.State
EMPTY = (
    "The file holds no terms or articles: upload a .zip made by Export (its terms/ and "
    "articles/ folders of .md files) or a .csv file of terms."
)


def may_transfer(user):
    """Import and export: staff with the permission (superusers have every one)."""
    return user is not None and user.is_active and user.is_staff and user.has_perm(PERMISSION)


def start(name, data, user):
    """A new import of the uploaded file (its name, its bytes), checked: its row."""
    forget_old()
    row = ContentImport.objects.create(name=name, upload=data, created_by=user)
    with unpacked(row) as (path, root):
        _check(row, path, root, user)
    if row.state == State.REFUSED:
        row.upload = None  # nothing can be done with it
    row.save()
    return row


def queue(row, user):
    """Apply a checked import in the background. False if it is not waiting for that."""
    taken = ContentImport.objects.filter(pk=row.pk, state=State.CHECKED).update(
        state=State.QUEUED, applied_by=user, outcome=""
    )
    if taken:
        result = apply_import.enqueue(row.pk)
        ContentImport.objects.filter(pk=row.pk).update(task_id=str(result.id))
    return bool(taken)


def settle(row):
    """The row, set back to "checked" if the worker applying it was stopped (killed, or
    restarted: run_worker marks such runs failed). Its transaction was rolled back,
    so nothing of it was written and it may be applied again."""
    if not row.in_progress or not row.task_id:
        return row
    try:
        result = apply_import.get_result(row.task_id)
    except (TaskResultDoesNotExist, NotImplementedError):
        return row
    if result.status == TaskResultStatus.FAILED:
        stopped = "The worker stopped while applying it: nothing was written. Apply it again."
        if ContentImport.objects.filter(pk=row.pk, state=row.state).update(
            state=State.CHECKED, outcome=stopped
        ):
            row.refresh_from_db()
    return row


def forget_old():
    """Files of imports never applied are dropped after a day, the rows after KEEP."""
    now = timezone.now()
    ContentImport.objects.filter(created_at__lt=now - KEEP).delete()
    ContentImport.objects.filter(state=State.CHECKED, created_at__lt=now - timedelta(days=1)).update(
        state=State.FAILED,
        upload=None,
        outcome="Not applied within a day: upload the file again.",
        finished_at=now,
    )


@task
def apply_import(import_id):
    """Check the import again and, if its plan is the one the editor approved, write it."""
    row = ContentImport.objects.filter(pk=import_id, state=State.QUEUED).first()
    if row is None:
        return "not queued"  # applied or withdrawn meanwhile: nothing to do twice
    if not may_transfer(row.applied_by):
        return _finish(row, State.FAILED, "Not applied: whoever pressed Apply may no longer import.")
    ContentImport.objects.filter(pk=row.pk).update(state=State.RUNNING)
    try:
        with unpacked(row) as (path, root):
            return _apply(row, path, root)
    except BaseException as error:
        stopped = f"Not applied: an error stopped it ({type(error).__name__}); nothing was written."
        _finish(row, State.FAILED, stopped)
        raise


def _apply(row, path, root):
    seen = row.plan_digest
    planned = _check(row, path, root, row.applied_by)
    if planned is None:
        return _finish(row, State.REFUSED, "Not applied: the file no longer passes its check.")
    if row.plan_digest != seen:
        row.state, row.outcome = (
            State.CHECKED,
            (
                "Not applied: the site changed since this report was made. "
                "Here is what the file would do now: apply it again if it is right."
            ),
        )
        row.save()
        return row.outcome
    try:
        apply.write(planned, Progress(row.pk))
    except apply.ImportFailed as error:
        return _finish(row, State.FAILED, archive.relative(error, root))
    return _finish(row, State.DONE, planned.summary(done=True) + ".")


class Progress:
    """The stream apply.write() reports a large import's progress on (exchange/progress.py),
    kept in the cache for the Import page. The write is one transaction, so the
    database cannot carry it; a cache the web and the worker share (Redis) can.
    Without one the page shows that the import is applying, not how far it is."""

    LINE = re.compile(r"^(Importing|Linking) \[[#.]*\] (\d+)/(\d+)")

    def __init__(self, import_id):
        self.key = f"transfer:import:{import_id}:progress"

    def write(self, line):
        if match := self.LINE.match(line):
            cache.set(self.key, {"doing": match[1], "done": int(match[2]), "total": int(match[3])}, 3600)

    def flush(self):
        pass

    @classmethod
    def of(cls, row):
        """{doing, done, total} of a running import, if it has been told."""
        return cache.get(cls(row.pk).key) if row.state == State.RUNNING else None


def _finish(row, state, outcome):
    row.state, row.outcome, row.finished_at = state, outcome, timezone.now()
    row.upload = None  # done with: the file is not kept
    row.save()
    return outcome


def _check(row, path, root, user):
    """The dry run of the unpacked file into the row's report, for `user` (who
    uploads it, then who applies it); the plan, or None."""
    if path is None:
        row.state = State.REFUSED  # the report holds why
        return None
    try:
        checked = plan.check(path)
    except plan.Problems as problems:
        row.report = {"problems": [archive.relative(error, root) for error in problems.errors]}
        row.state = State.REFUSED
        return None
    warnings = [archive.relative(warning, root) for warning in checked.warnings]
    planned = plan.plan(checked)
    if not planned.entries:
        row.report, row.state = {"problems": [EMPTY]}, State.REFUSED
        return None
    if beyond := _publishing_without_permission(planned, user):
        row.report, row.state = {"problems": beyond}, State.REFUSED
        return None
    row.report = _report(planned, warnings)
    row.plan_digest = _digest(row.report)
    row.state = State.CHECKED
    return planned


PUBLICATION_FIELDS = {"status", "published_at"}


def _publishing_without_permission(planned, user):
    """What the import would publish, unpublish or re-date that `user` may not, as
    the admin shows these fields read-only to them: one line per item."""
    allowed = {}
    refused = []
    for action, content, fields in planned.entries:
        kind = registry.get(content.record["kind"])
        if kind.name not in allowed:
            opts = kind.model._meta
            allowed[kind.name] = user is not None and user.has_perm(
                f"{opts.app_label}.publish_{opts.model_name}"
            )
        publishes = action == "create" and content.record["status"] != "draft"
        if allowed[kind.name] or not (publishes or PUBLICATION_FIELDS & set(fields)):
            continue
        what = "publish it" if publishes else "change its status or publication date"
        plural = kind.model._meta.verbose_name_plural
        refused.append(f"{content.label}: the import would {what}, and you may not publish {plural}.")
    if refused:
        refused.append("Set them to draft in the file, or have someone who may publish import it.")
    return refused


def _report(planned, warnings):
    entries = {"create": [], "change": [], "unchanged": []}
    for action, content, fields in planned.entries:
        entries[action].append({"file": content.label, "title": content.record["title"], "fields": fields})
    media = sorted(planned.media.to_store)
    return {**entries, "media": media, "warnings": warnings, "summary": planned.summary()}


def _digest(report):
    what = [report["create"], report["change"], report["media"]]
    return hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()


@contextmanager
def unpacked(row):
    """(the path plan.check reads, the temporary folder it is in), removed afterwards.
    The path is None when the archive is refused (the row's report says why)."""
    with tempfile.TemporaryDirectory(prefix="import-") as folder:
        root = Path(folder)
        data = bytes(row.upload)
        if is_csv(Path(row.name)):
            path = root / get_valid_filename(Path(row.name).name)
            path.write_bytes(data)
            yield path, root
            return
        try:
            path = archive.unpack(BytesIO(data), root / "upload")
        except archive.Refused as refused:
            row.report, path = {"problems": [str(refused)]}, None
        yield path, root / "upload"
