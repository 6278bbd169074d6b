"""Application attachments: what may be uploaded and where it is kept.

A file's type is recognised from its first bytes, never from its name, so a renamed program
is refused. Files live in private storage outside MEDIA_ROOT and are served only through the
download view, which applies ``Application.objects.visible_to``.
"""

import os
import zipfile

import olefile
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

MAX_UPLOAD_SIZE = 20 * 1024 * 1024

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ALLOWED_DESCRIPTION = "PDF、DOC/DOCX、XLS/XLSX、JPG、PNG"


@deconstructible
class PrivateStorage(Storage):
    """Files with no public URL. Where they live is settings.STORAGES["private"] when it is
    configured (S3-compatible object storage, see portal.settings.base), else a directory at
    settings.PRIVATE_MEDIA_ROOT. Either way they are read only by the permission-checked views
    (private_file_response), never linked."""

    def __init__(self):
        self._backend = None
        setting_changed.connect(self._setting_changed)

    def _setting_changed(self, *, setting, **kwargs):
        if setting in {"STORAGES", "PRIVATE_MEDIA_ROOT"}:
            self._backend = None

    @property
    def backend(self):
        if self._backend is None:
            if "private" in settings.STORAGES:
                self._backend = storages.create_storage(settings.STORAGES["private"])
            else:
                self._backend = FileSystemStorage(
                    location=os.path.abspath(settings.PRIVATE_MEDIA_ROOT), base_url=None
                )
        return self._backend

    def _open(self, name, mode="rb"):
        return self.backend._open(name, mode)

    def _save(self, name, content):
        return self.backend._save(name, content)

    def get_valid_name(self, name):
        return self.backend.get_valid_name(name)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def delete(self, name):
        self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def size(self, name):
        return self.backend.size(name)

    def path(self, name):
        return self.backend.path(name)  # object storage has none: NotImplementedError

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)

    def url(self, name):
        raise ValueError("私有文件没有公开地址，请通过下载视图访问。")


private_storage = PrivateStorage()


class MacroFound(Exception):
    """An Office document carrying macros (VBA): refused, whatever its extension says."""


def _office_zip_kind(head, upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            content_types = (
                archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            )
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        upload.seek(0)
    if not content_types:
        return None
    # A .docm or .xlsm renamed .docx/.xlsx still carries its macro project.
    if any(name.endswith("vbaProject.bin") for name in names) or b"macroEnabled" in content_types:
        raise MacroFound
    if any(name.startswith("word/") for name in names):
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    return None


def _ole2_kind(upload):
    """Tell a Word 97 document from an Excel workbook by the streams of the compound file,
    read with olefile (any compound file merely containing the word "Book" is not one)."""
    upload.seek(0)
    try:
        with olefile.OleFileIO(upload) as compound:
            streams = {"/".join(entry) for entry in compound.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, TypeError):  # not a well-formed compound file
        return None
    finally:
        upload.seek(0)
    if any(name.startswith(("Macros", "_VBA_PROJECT_CUR")) or "/VBA" in name for name in streams):
        raise MacroFound
    if "WordDocument" in streams:
        return "doc"
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    return None


def detect_file_type(upload):
    """Return the extension matching the file's content (pdf, doc, docx, xls, xlsx, jpg,
    png) or None if it is none of them."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(OLE2):
        return _ole2_kind(upload)
    if head.startswith(ZIP):
        return _office_zip_kind(head, upload)
    return None


def validate_upload(upload):
    """Raise ValidationError naming the file if it is too large or of a type not allowed.
    Returns the detected extension."""
    name = os.path.basename(upload.name or "")
    if upload.size > MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("文件「%(name)s」大小为 %(size).1f MB，超过 20 MB 的上限。")
            % {"name": name, "size": upload.size / 1024 / 1024}
        )
    if upload.size == 0:
        raise ValidationError(_("文件「%(name)s」是空文件。") % {"name": name})
    try:
        kind = detect_file_type(upload)
    except MacroFound:
        raise ValidationError(
            _("文件「%(name)s」含有宏（VBA 代码），不予接受。请另存为不含宏的文档后重新上传。")
            % {"name": name}
        ) from None
    if kind is None:
        raise ValidationError(
            _("文件「%(name)s」不是允许的格式。只接受 %(allowed)s 文件（按文件内容识别）。")
            % {"name": name, "allowed": ALLOWED_DESCRIPTION}
        )
    return kind


def stored_name(original_name, kind):
    """The original name with the extension its content proves, e.g. 方案.PDF → 方案.pdf."""
    stem = os.path.splitext(os.path.basename(original_name))[0] or "附件"
    return f"{stem[:80]}.{kind}"


def private_file_response(field_file, filename):
    """Serve a private file as a download that no cache keeps; 404 if it is gone. Callers
    decide who may have it."""
    if not field_file:
        raise Http404("文件不存在")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("文件不存在") from None
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response
