"""Application attachments: what may be uploaded and where it is kept.

A file's type is recognised from its first bytes, never from its name, so a renamed program
is refused. Files live in private storage outside MEDIA_ROOT and are served only through the
download view, which applies ``Application.objects.visible_to``.
"""

import os
import re
import unicodedata
import uuid
import zipfile

import olefile
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.db import models
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


class PrivateFileField(models.FileField):
    """A private file, stored under a generated name (``generated_name`` in its ``upload_to``):
    the name the uploader gave is kept in a column of its own, so the length of that name is
    no reason to refuse the file (a model form's FileField would check it against this
    column's)."""

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "max_length": None})


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


# The length of the columns that keep the uploader's name (``PrivateFile.original_name``).
NAME_LENGTH = 255
# What an extension looks like (a name's last dot may be inside the name: 第1.5版).
EXTENSION = re.compile(r"\.[a-z0-9]{1,5}")


def generated_name(filename):
    """The name a private file is stored under: a random uuid and the extension of
    ``filename`` in lower case (``3f2a….pdf``), whatever the uploader called it. The name they
    gave is kept in the database and given back on download; on disk it could be too long for
    the file system or the column, hidden behind a leading dot, or nothing but dots."""
    extension = os.path.splitext(filename)[1].lower()
    return uuid.uuid4().hex + (extension if EXTENSION.fullmatch(extension) else "")


def display_name(name, kind):
    """The uploader's file name as it is shown and downloaded: without folders, control and
    direction characters, or dots and spaces at either end, with the extension its content
    proves (方案.PDF → 方案.pdf), cut to fit the column; 附件.pdf if nothing is left."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if not unicodedata.category(char).startswith("C"))
    stem, extension = os.path.splitext(name.strip(" ."))
    if not EXTENSION.fullmatch(extension.lower()):
        stem += extension  # “方案第1.5版”: part of the name, not an extension
    stem = stem.strip(" .") or _("附件")
    return f"{stem[: NAME_LENGTH - len(kind) - 1]}.{kind}"


def name_upload(upload):
    """Check a new upload (``validate_upload``) and give it its ``display_name``, which is
    returned; "" for anything else a form's file field holds (nothing, the stored file)."""
    if not upload or not hasattr(upload, "content_type"):
        return ""
    upload.name = display_name(upload.name, validate_upload(upload))
    return upload.name


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
