from django_tasks import task

from .imports.jobs import campaign_import_run


@task()
def campaign_import_task(*, import_id: int) -> None:
    campaign_import_run(import_id=import_id)
