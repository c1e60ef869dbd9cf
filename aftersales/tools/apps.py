from django.apps import AppConfig


class ToolsConfig(AppConfig):
    """The gateway of the workshop's desktop tools (a portal feature beside the applications
    Diagnosis and Programming, which mount its pages): tool releases with their minimum
    version, short-lived signed licences, tool sessions with heartbeats, and the session log."""

    name = "aftersales.tools"
    label = "tools"

    def ready(self) -> None:
        from aftersales.catalogue.downloads import start_page_download_register

        from .selectors import release_downloads

        start_page_download_register(release_downloads)

        from datetime import timedelta

        from aftersales.operations.schedule import Job, job_register

        from .tasks import close_stale_tool_sessions_task

        job_register(
            Job(
                "tools.close_stale_sessions",
                close_stale_tool_sessions_task,
                every=timedelta(minutes=5),
            )
        )
