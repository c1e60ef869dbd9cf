from django_tasks import task

from .imports.jobs import labour_import_run


@task()
def labour_import_task(*, import_id: int) -> None:
    labour_import_run(import_id=import_id)
