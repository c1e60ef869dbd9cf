"""Danish and German must be complete: every message of every app's catalogue translated, none
fuzzy."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "aftersales"
LANGUAGES = ("da", "de")
CATALOGUES = sorted(
    p for lang in LANGUAGES for p in ROOT.glob(f"*/locale/{lang}/LC_MESSAGES/django.po")
)


def entries(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of a .po file, plural forms joined; the header entry skipped."""
    result, msgid, msgstr, fuzzy, field = [], [], [], False, None
    for line in [*path.read_text().splitlines(), ""]:
        if not line.strip():
            if msgid and "".join(msgid):
                result.append(("".join(msgid), "".join(msgstr), fuzzy))
            msgid, msgstr, fuzzy, field = [], [], False, None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith(("msgid ", "msgid_plural ")):
            field = msgid
            field.append(line.split(" ", 1)[1].strip('"'))
        elif line.startswith("msgstr"):
            field = msgstr
            value = line.split(" ", 1)[1].strip('"')
            msgstr.append(value if value else ("" if "[" not in line else "\0"))
        elif line.startswith('"') and field is not None:
            field.append(line.strip('"'))
    return result


def test_it_has_a_danish_catalogue_for_the_portal_apps() -> None:
    names = {p.parts[-5] for p in CATALOGUES if p.parts[-3] == "da"}
    assert {"portal", "accounts", "catalogue", "news"} <= names


def test_it_has_a_german_catalogue_for_every_app_with_a_danish_one() -> None:
    danish = {p.parts[-5] for p in CATALOGUES if p.parts[-3] == "da"}
    german = {p.parts[-5] for p in CATALOGUES if p.parts[-3] == "de"}
    assert danish - german == set()


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_it_translates_every_message(path: Path) -> None:
    missing = [msgid for msgid, msgstr, fuzzy in entries(path) if fuzzy or not msgstr.strip("\0")]
    assert missing == [], f"{len(missing)} untranslated in {path}: {missing[:5]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-5:-2]))
def test_it_compiles_every_catalogue_with_its_format_checks(path: Path) -> None:
    # `./dev` compiles them on set-up; a translation whose placeholders differ from the message's
    # (e.g. "100 % is" read as a %-directive) makes msgfmt, and so the set-up, fail.
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
