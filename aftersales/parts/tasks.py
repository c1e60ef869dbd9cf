from django_tasks import task

from .imports.jobs import parts_import_run


@task()
def parts_import_task(*, import_id: int) -> None:
    parts_import_run(import_id=import_id)
