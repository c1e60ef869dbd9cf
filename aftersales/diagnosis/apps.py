from django.apps import AppConfig


class DiagnosisConfig(AppConfig):
    """Diagnosis: the workshop's diagnosis tool (ISTA) runs on the workshop PC; this application
    is its start page, licences and session log, built on the tools gateway (aftersales.tools)."""

    name = "aftersales.diagnosis"
    label = "diagnosis"
