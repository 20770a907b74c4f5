"""The structure's logo: kept in the base, checked by its signature and size, given to the report writers."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from medios.db import Database
from medios.services import logo, reports
from medios.services.errors import ValidationError
from medios.services.structure import StructureSummary


def _png(width: int = 4, height: int = 3) -> bytes:
    """A real PNG, written by hand: signature, IHDR, one IDAT of grey pixels, IEND."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return logo.PNG + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_a_png_is_kept_in_the_base_and_written_for_the_reports(
    db: Database, structure: StructureSummary, tmp_path: Path
) -> None:
    source = tmp_path / "logo.png"
    source.write_bytes(_png(120, 40))
    assert logo.logo_file(db) is None
    logo.set_logo(db, source)
    source.unlink()  # the base keeps its own copy
    written = logo.logo_file(db)
    assert written is not None and written.read_bytes() == _png(120, 40) and written.suffix == ".png"
    assert logo.logo_file(db) == written  # the same file, not written again
    document = reports.build_document(db, reports.parse_period("2026-10"), reports.structure_choice())
    assert document.logo == written
    logo.remove_logo(db)
    assert logo.logo_file(db) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "le fichier est vide."),
        (b"GIF89a....", "ce fichier n'est pas une image PNG ou JPEG."),
        (logo.PNG + b"\x00\x00", "image illisible ou endommagée : choisissez un autre fichier."),
        (_png(9000, 10), "image illisible ou endommagée : choisissez un autre fichier."),
        (logo.PNG + b"\x00" * (logo.MAX_BYTES + 10), "image trop lourde (1024 Ko) : 1 024 Ko au plus."),
    ],
)
def test_what_is_not_a_usable_image_is_refused_in_french(
    db: Database, structure: StructureSummary, tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "image.png"
    source.write_bytes(content)
    with pytest.raises(ValidationError) as excinfo:
        logo.set_logo(db, source)
    assert excinfo.value.by_field() == {"logo": [message]}
    assert logo.logo_bytes(db) is None  # nothing kept


def test_a_jpeg_size_is_read_from_its_frame_header() -> None:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
    frame = b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 50, 200) + b"\x00" * 10
    assert logo.check_image(b"\xff\xd8" + app0 + frame + b"\xff\xd9") == "jpg"
    assert logo._jpeg_size(b"\xff\xd8" + app0 + frame) == (200, 50)


def test_a_missing_file_is_a_french_message(db: Database, structure: StructureSummary, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="ne peut pas être lu"):
        logo.set_logo(db, tmp_path / "absent.png")
