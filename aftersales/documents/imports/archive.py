"""Reading a ZIP that anyone may have made: nothing is ever unpacked onto the disk under a name
from the archive (no path traversal), each member is read into memory or a temporary file only
up to the limit of one document's file, and an archive that claims more files, more bytes or a
higher compression than is plausible is refused before anything is read (no zip bomb)."""

from __future__ import annotations

import posixpath
import re
import tempfile
import zipfile
from collections.abc import Callable
from typing import IO

from django.core.files import File
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from .. import codes
from ..limits import file_too_large, limit

MANIFEST_NAME = "manifest.csv"
CHUNK = 1024 * 1024
# Below this size any ratio is harmless (a page of HTML compresses well).
RATIO_FREE_BYTES = 1024 * 1024


def unusable(message: str) -> RuleViolation:
    return RuleViolation(codes.IMPORT_UNUSABLE, message, field="file")


def member_problem(message: str) -> RuleViolation:
    return RuleViolation(codes.FIELD_INVALID, message, field="file")


_UNSAFE = re.compile(r"(^/)|(^[A-Za-z]:)|\\|\x00|(^|/)\.\.(/|$)")


def name_clean(raw: str) -> str:
    """A member's name as the manifest gives it: relative, forward slashes, no "..". Anything
    else is refused, even though it would never be used as a path here."""
    name = (raw or "").strip()
    if not name:
        raise member_problem(_("The column “file” is empty."))
    if _UNSAFE.search(name) or len(name) > 255:
        raise member_problem(
            _(
                "“%(name)s” is not a plain name inside the ZIP (no leading /, no drive letter, "
                "no backslash, no “..”)."
            )
            % {"name": name[:80]}
        )
    return posixpath.normpath(name)


class Archive:
    def __init__(self, stream: IO[bytes]) -> None:
        try:
            self.zip = zipfile.ZipFile(stream)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
            raise unusable(_("The file is not a ZIP archive.")) from None
        files = [info for info in infos if not info.is_dir()]
        if len(files) > limit("DOCUMENT_IMPORT_MAX_FILES"):
            raise unusable(
                _("The ZIP holds %(count)d files; at most %(max)d are imported at once.")
                % {"count": len(files), "max": limit("DOCUMENT_IMPORT_MAX_FILES")}
            )
        unpacked = sum(info.file_size for info in files)
        if unpacked > limit("DOCUMENT_IMPORT_MAX_UNPACKED_BYTES"):
            raise unusable(
                _("The ZIP unpacks to %(size)d MB; at most %(max)d MB are imported at once.")
                % {
                    "size": unpacked // (1024 * 1024),
                    "max": limit("DOCUMENT_IMPORT_MAX_UNPACKED_BYTES") // (1024 * 1024),
                }
            )
        self.members = {posixpath.normpath(info.filename): info for info in files}

    def manifest_name(self) -> str:
        found = [name for name in self.members if name.lower() == MANIFEST_NAME]
        if not found:
            raise unusable(_("The ZIP has no manifest.csv at its top level (next to the folders)."))
        if len(found) > 1:
            raise unusable(
                _("The ZIP has several manifest files: %(names)s.") % {"names": ", ".join(found)}
            )
        return found[0]

    def read_manifest(self) -> bytes:
        info = self.members[self.manifest_name()]
        maximum = limit("DOCUMENT_MANIFEST_MAX_BYTES")
        if info.file_size > maximum:
            raise unusable(
                _("manifest.csv has %(size)d kB; at most %(max)d kB.")
                % {"size": info.file_size // 1024, "max": maximum // 1024}
            )
        data = self._read(
            info, maximum, on_too_large=lambda: unusable(_("manifest.csv is too large."))
        )
        return data.read()

    def open_member(self, raw_name: str) -> File:
        """The member as a Django File (in memory or a temporary file), read at most up to the
        limit of one document's file. IR-0010/IR-0011 name what is wrong with it."""
        name = name_clean(raw_name)
        info = self.members.get(name)
        if info is None:
            raise member_problem(_("“%(name)s” is not in the ZIP.") % {"name": name[:80]})
        if info.flag_bits & 0x1:
            raise member_problem(
                _("“%(name)s” is encrypted with a password.") % {"name": name[:80]}
            )
        maximum = limit("DOCUMENT_MAX_FILE_BYTES")
        if info.file_size > maximum:
            raise file_too_large(info.file_size)
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > RATIO_FREE_BYTES and ratio > limit("DOCUMENT_IMPORT_MAX_RATIO"):
            raise member_problem(
                _(
                    "“%(name)s” unpacks to %(ratio)d times its packed size: refused as a "
                    "possible zip bomb."
                )
                % {"name": name[:80], "ratio": ratio}
            )
        stream = self._read(info, maximum, on_too_large=lambda: file_too_large(maximum + 1))
        return File(stream, name=posixpath.basename(name))

    def _read(
        self, info: zipfile.ZipInfo, maximum: int, *, on_too_large: Callable[[], RuleViolation]
    ) -> IO[bytes]:
        """Copies the member, counting what it really unpacks to (the sizes in a ZIP's
        directory can lie)."""
        # Handed to the caller open (a Django File wraps it); closed here only on failure.
        target = tempfile.SpooledTemporaryFile(max_size=8 * CHUNK)  # noqa: SIM115
        read = 0
        try:
            with self.zip.open(info) as source:
                while chunk := source.read(CHUNK):
                    read += len(chunk)
                    if read > maximum:
                        raise on_too_large()
                    target.write(chunk)
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as error:
            target.close()
            raise member_problem(
                _("“%(name)s” cannot be unpacked: %(error)s")
                % {"name": info.filename[:80], "error": error}
            ) from None
        target.seek(0)
        return target

    def names_not_in(self, used: set[str]) -> int:
        manifest = self.manifest_name()
        return sum(1 for name in self.members if name not in used and name != manifest)

    def close(self) -> None:
        self.zip.close()
