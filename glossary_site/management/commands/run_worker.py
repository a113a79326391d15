"""The background worker: django-tasks-db's db_worker, which first picks up what a
killed worker left.

`manage.py run_worker` (make run starts one beside gunicorn). A worker keeps the same
id across restarts (WORKER_ID, or this host's name): starting again, it lets go of
the relinking its earlier self had claimed, marks that self's unfinished task runs
as failed (they were cut off, not completed) and queues again those that are safe
to run twice (an image's versions), queues a sweep of every pending
request and the rendering again of bodies an older renderer made, and makes public what fell due while no worker ran (requests never do). Run one per node, or several with distinct --worker-id values.
"""

import os
import socket

from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker
from django_tasks_db.models import DBTaskResult

from glossary_site.editorial import scheduling
from glossary_site.markup import images, relinking, rerendering
from glossary_site.serving import pages, publications

# Tasks that do the same again when run twice, queued again when a run was cut off:
# the sweeps below cover everything else a killed worker leaves.
RUN_AGAIN_WHEN_CUT_OFF = {task.module_path: task for task in (images.make_versions, images.show_versions)}


class Command(DatabaseWorker):
    help = "Run the background worker; it first resumes what a killed worker left."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=os.environ.get("WORKER_ID") or f"{socket.gethostname()}-worker")

    def handle(self, *args, worker_id, **options):
        released = relinking.release_claims_of(worker_id)
        cut_off = self._fail_runs_cut_off(worker_id)
        relinking.relink_pending.enqueue()
        # Bodies an older renderer made (after an upgrade, or left by a killed run).
        rerendering.rerender_stale.enqueue()
        # What fell due while no worker ran, then the wait for the next moment.
        scheduling.make_due_changes_public.enqueue()
        publications.wake_for_the_next()
        # Pages rendered ahead: rows for published items that have none (after a
        # migration or an import), then every stale one, or of an older build.
        added = pages.add_missing()
        pages.render_stale.enqueue(chunks=pages.WORKER_CHUNKS)
        self.stdout.write(
            f"worker {worker_id}: resumed {released} relink request(s), "
            f"{cut_off} task run(s) cut off by a stop, {added} page(s) to render ahead"
        )
        super().handle(*args, worker_id=worker_id, **options)

    def _fail_runs_cut_off(self, worker_id):
        """Runs this worker id had started and never finished: it died during them."""
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        runs = [run for run in running if worker_id in (run.worker_ids or [])]
        for run in runs:
            if again := RUN_AGAIN_WHEN_CUT_OFF.get(run.task_path):
                again.enqueue(*run.args_kwargs["args"], **run.args_kwargs["kwargs"])
        cut_off = [run.pk for run in runs]
        DBTaskResult.objects.filter(pk__in=cut_off).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path="glossary_site.WorkerStopped",
            traceback=f"The worker {worker_id} stopped during this run; its work was queued again.",
        )
        return len(cut_off)
