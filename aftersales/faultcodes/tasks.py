"""Background work of Emission-relevant fault codes (django-tasks): thin, calls the services."""

from django_tasks import task


@task()
def fault_code_import_task(job_id: int) -> None:
    from .services import fault_code_import_run

    fault_code_import_run(job_id=job_id)
