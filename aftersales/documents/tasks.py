"""Background work of Information research (django-tasks): thin, calls the services."""

from django_tasks import task


@task()
def document_index_task(*, version_id: int) -> None:
    from .services import document_index

    document_index(version_id=version_id)


@task()
def document_import_task(*, import_id: int) -> None:
    from .imports.jobs import document_import_run

    document_import_run(import_id=import_id)
