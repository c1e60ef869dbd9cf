from django_tasks import task

from .imports.jobs import tool_import_run


@task()
def tool_import_task(*, import_id: int) -> None:
    tool_import_run(import_id=import_id)
