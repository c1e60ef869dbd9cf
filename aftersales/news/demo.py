"""The five news entries of the walkthrough, with their dates, and the service history's news."""

from datetime import date

from aftersales.catalogue.models import Application

from .models import News

PORTAL_NEWS = [
    (
        date(2017, 8, 8),
        "Mandatory ISTA (Diagnosis) update",
        "Please note: We have released a new version of ISTA. Please update as soon as possible to "
        "the newest version. You can find the latest version on the start page of the application. "
        "Older versions of ISTA can no longer be started.",
        "",
    ),
    (
        date(2017, 5, 29),
        "Introduction of the new Creditsystem",
        "Dear Aftersales users, the existing payment method will be replaced by the new Creditsystem "
        "on 04.06.2017.",
        "The most important changes for you in short summary:\n\n"
        "You will load Credits on your account that can be used to book digital services.\n\n"
        "The exchange rate for Credits is 1 Credit : 1 €.\n\n"
        "Your existing account balance will be exchanged into Credits (we will round up in your "
        "favor: e.g. 5.34 € will be exchanged into 6 Credits).\n\n"
        "There will be no price increase, you can find the new price list under 'Price list' (the "
        "new price list is valid from 04.06.2017).\n\nBest regards,\nThe Aftersales Support Team",
    ),
    (
        date(2017, 4, 26),
        "Missing ISTA Repair Manuals",
        "Dear Aftersales users, as the result of a technical issue, some repair manuals are "
        "currently missing in the application 'ISTA'.",
        "Until this issue has been resolved, you can find the repair manuals in the application "
        "'AIR' (unfortunately the manuals can only be displayed in German). The access to the "
        "application 'AIR' is included in the tickets that grant access to the application 'ISTA'.\n\n"
        "We are sorry for the caused inconvenience and are working to resolve the issue as soon as "
        "possible.\n\nBest regards,\nThe Aftersales Support Team",
    ),
    (
        date(2017, 4, 3),
        "AIR replacing 'Technical Information'",
        "Dear Aftersales users, on March 31st the application 'Technical Information' (also known "
        "under the name 'WebISTA') was shutdown.",
        "The functionalities of the application have been integrated into the application 'AIR' "
        "(Aftersales Information Research). Please use this application instead.\n\n"
        "Best regards,\nThe Aftersales Support Team",
    ),
    (
        date(2016, 7, 18),
        "ATTENTION Windows 10 Users",
        'Please be aware that the start of applications is not possible with the browser "Edge". '
        "Currently only Internet Explorer v11 is supported.",
        "",
    ),
]

SERVICE_HISTORY_NEWS = [
    (
        date(2017, 6, 1),
        "Transfer into the vehicle",
        "Entries in the service history written with this application are not displayed in the "
        "vehicle until they were transferred to the vehicle. The entries can be transferred via the "
        'application "Diagnosis". Please note: not every vehicle supports the display of service '
        "history entries.",
    ),
    (
        date(2017, 6, 1),
        "Delayed display of new entries",
        "In rare occasions it is possible that new service history entries may be shown with a "
        "delay of up to 24 h.",
    ),
]

# Shown only to users who read the portal in German (News.language); the others never see them.
GERMAN_NEWS = [
    (
        date(2017, 9, 4),
        "Aftersales jetzt auf Deutsch",
        "Liebe Aftersales-Nutzer, das Portal steht ab sofort auch auf Deutsch zur Verfügung. Die "
        "Sprache wählen Sie oben rechts (DE) oder unter „Meine Daten“.",
        "Alle Seiten, Meldungen, E-Mails und Ausdrucke erscheinen in der gewählten Sprache; die "
        "Fehlercodes der Meldungen (z. B. IPL-0051) bleiben in jeder Sprache gleich.\n\n"
        "Deutsche Werkstätten registrieren sich mit ihrer USt-IdNr. (DE und neun Ziffern), der "
        "fünfstelligen Postleitzahl und einer Telefonnummer mit Vorwahl, z. B. +49 89 123456 "
        "oder 089 123456.\n\nMit freundlichen Grüßen\nIhr Aftersales-Support-Team",
    ),
]
GERMAN_SERVICE_HISTORY_NEWS = [
    (
        date(2017, 9, 4),
        "Servicehistorie auf Deutsch",
        "Die Servicehistorie steht jetzt auch auf Deutsch zur Verfügung. Kilometerstand, "
        "Wartungsdatum und Positionen eines Eintrags hängen nicht von der Sprache ab: Jede "
        "Werkstatt sieht denselben Eintrag, gleich in welcher Sprache er erfasst wurde.",
    ),
]


def load() -> str:
    for published_on, title, teaser, body in PORTAL_NEWS:
        News.objects.update_or_create(
            title=title,
            application=None,
            defaults={"published_on": published_on, "teaser": teaser, "body": body},
        )
    for published_on, title, teaser, body in GERMAN_NEWS:
        News.objects.update_or_create(
            title=title,
            application=None,
            defaults={
                "published_on": published_on,
                "teaser": teaser,
                "body": body,
                "language": "de",
            },
        )
    service_history = Application.objects.filter(slug="service-history").first()
    if service_history is not None:
        for published_on, title, teaser in SERVICE_HISTORY_NEWS:
            News.objects.update_or_create(
                title=title,
                application=service_history,
                defaults={"published_on": published_on, "teaser": teaser},
            )
        for published_on, title, teaser in GERMAN_SERVICE_HISTORY_NEWS:
            News.objects.update_or_create(
                title=title,
                application=service_history,
                defaults={"published_on": published_on, "teaser": teaser, "language": "de"},
            )
    return f"{News.objects.count()} news entries"
