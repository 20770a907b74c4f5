"""The structure's logo, printed at the top of its reports (chosen in « Paramètres › Structure »).

The image is kept **in the database** (``app_setting`` ``report_logo``, base64), so that it travels
with the base, its backups and its encryption; the writers take a file, so :func:`logo_file` writes
it once into the data folder's ``cache`` (named after its SHA-256: a new logo is a new file).  Only
PNG and JPEG images up to :data:`MAX_BYTES` are accepted, checked by their signature and their
dimensions read from the header (a renamed text file or a truncated image is refused in French).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from pathlib import Path

from sqlalchemy import delete, select

from medios import paths
from medios.db import Database
from medios.db.models import AppSetting
from medios.i18n import translate
from medios.services.errors import FieldError, ValidationError

LOGO_KEY = "report_logo"
MAX_BYTES = 1024 * 1024
MAX_SIDE = 8000
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"


def _error(message: str) -> ValidationError:
    return ValidationError([FieldError("logo", message)])


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The size in the first start-of-frame segment (SOF0 to SOF15 but DHT, JPG and DAC)."""
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + length
    return None


def check_image(data: bytes) -> str:
    """``png`` or ``jpg`` for an acceptable logo; :class:`ValidationError` in French otherwise."""
    if not data:
        raise _error(translate("Logo", "le fichier est vide."))
    if len(data) > MAX_BYTES:
        raise _error(
            translate("Logo", "image trop lourde ({size} Ko) : 1 024 Ko au plus.").format(size=len(data) // 1024)
        )
    if data.startswith(PNG):
        kind, size = "png", _png_size(data)
    elif data.startswith(JPEG):
        kind, size = "jpg", _jpeg_size(data)
    else:
        raise _error(translate("Logo", "ce fichier n'est pas une image PNG ou JPEG."))
    if size is None or not (0 < size[0] <= MAX_SIDE and 0 < size[1] <= MAX_SIDE):
        raise _error(translate("Logo", "image illisible ou endommagée : choisissez un autre fichier."))
    return kind


def set_logo(db: Database, source: Path) -> None:
    """Keep the image ``source`` as the logo of the reports (replacing the previous one)."""
    try:
        with source.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _error(
            translate("Logo", "le fichier « {name} » ne peut pas être lu ({reason}).").format(
                name=source.name, reason=exc.strerror or exc.__class__.__name__
            )
        ) from None
    check_image(data)
    text = base64.b64encode(data).decode("ascii")
    with db.transaction() as session:
        row = session.get(AppSetting, LOGO_KEY)
        if row is None:
            session.add(AppSetting(key=LOGO_KEY, value=text))
        else:
            row.value = text


def remove_logo(db: Database) -> None:
    with db.transaction() as session:
        session.execute(delete(AppSetting).where(AppSetting.key == LOGO_KEY))


def logo_bytes(db: Database) -> bytes | None:
    with db.session() as session:
        text = session.scalar(select(AppSetting.value).where(AppSetting.key == LOGO_KEY))
    if not text:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None  # altered outside Médios: the report goes on without its logo


def logo_file(db: Database) -> Path | None:
    """A file holding the logo, for the report writers; ``None`` without one (or when it cannot be written)."""
    data = logo_bytes(db)
    if data is None:
        return None
    try:
        kind = check_image(data)
    except ValidationError:
        return None
    folder = paths.data_dir() / "cache"
    target = folder / f"logo-{hashlib.sha256(data).hexdigest()[:16]}.{kind}"
    try:
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            partial = target.with_suffix(".part")
            partial.write_bytes(data)
            partial.replace(target)
    except OSError:
        return None  # a read-only data folder: the report goes on without its logo
    return target
