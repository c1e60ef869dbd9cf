"""Background work of Emission-relevant fault codes (django-tasks): thin, calls the services."""

from django_tasks import task


@task()
def fault_code_import_task(import_id: int = 0, job_id: int = 0) -> None:
    """`job_id`: the name of the argument before the import shared portal/imports.py, for a
    task queued then."""
    from .services import fault_code_import_run

    fault_code_import_run(import_id=import_id or job_id)
