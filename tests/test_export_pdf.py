"""The PDF of the monthly report: embedded fonts, page numbers, French numbers, logo, atomic write.

The text is read back with poppler's ``pdftotext`` and the fonts with ``pdffonts`` (apt
``poppler-utils``, installed by scripts/test.sh).
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from medios.export import french
from medios.export.document import Kind
from medios.export.output import ReportFileError
from medios.export.pdf import render_pdf, shorten, write_pdf
from tests.report_samples import sample_document, write_logo

POPPLER = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils absent")
NNBSP = "\u202f"


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match is not None
    return int(match.group(1))


def _spaces(text: str) -> str:
    """The narrow no-break space as poppler may print it (itself, a no-break space or a space)."""
    return text.replace("\u00a0", " ").replace(NNBSP, " ")


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    path = folder / "bilan.pdf"
    write_pdf(sample_document(logo=write_logo(folder / "logo.png")), path)
    return path


@POPPLER
def test_every_font_is_dejavu_and_embedded(pdf_path: Path) -> None:
    listing = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    fonts = listing.splitlines()[2:]
    assert fonts, listing
    for line in fonts:
        name, *rest = line.split()
        assert "DejaVuSans" in name, line
        assert rest[-5] == "yes", line  # the « emb » column


@POPPLER
def test_page_numbers_say_page_n_of_total(pdf_path: Path) -> None:
    total = _pages(pdf_path)
    assert 4 <= total <= 12  # a few pages, not a listing
    pages = _text(pdf_path).split("\f")
    for number in range(1, total + 1):
        assert f"page {number} sur {total}" in pages[number - 1]
    assert f"page {total + 1} sur" not in "".join(pages)


@POPPLER
def test_french_numbers_and_no_missing_glyph(pdf_path: Path) -> None:
    text = _text(pdf_path)
    plain = _spaces(text)
    assert "■" not in text and "\ufffd" not in text
    assert "1 234 567" in plain  # the big year-to-date figure, grouped by three
    assert "1 234,5 h" in plain  # hours with a decimal comma and their unit
    assert "76,3 %" in plain  # a rate: 61 / 80
    assert "+8,7 %" in plain  # a relative change: 27 / 312
    assert "\u2212" in text or "−" in text  # real minus signs on decreases
    assert "+1,5 pts" in plain  # the difference of two rates, in points
    assert "n.c." in text  # the value that cannot be computed
    assert "1 057" in plain and "339" in text


@POPPLER
def test_first_page_holds_identity_and_key_figures(pdf_path: Path) -> None:
    document = sample_document()
    first = _spaces(_text(pdf_path).split("\f")[0])
    for expected in (
        "Bilan mensuel — octobre 2026",
        "Toute la structure",
        "du 01/10/2026 au 31/10/2026",
        "Mois clôturé le 03/11/2026 (v1) ; 2 modifications depuis",
        "Chiffres clés",
        "par rapport à sept. 2026",
        "Cumul 2026 : 3 120",
        "sur 80 conflits terminés",
    ):
        assert expected in first, expected
    for figure in document.key_figures:
        assert figure.label in first


@POPPLER
def test_sections_tables_months_quality_and_method(pdf_path: Path) -> None:
    text = _text(pdf_path)
    document = sample_document()
    for section in document.sections:
        assert section.title in text
        for table in section.tables:
            assert table.title in text
    assert "Mois par mois" in text and "nov. 2025" in text
    assert "Qualité des données" in text and "Avertissements" in text
    assert "Note méthodologique" in text and "MEDIOS-2026.1" in text
    assert "Abords d'un établissement scolaire (école, collège, lycée)" in text  # long labels whole in tables
    for warning in document.warnings:
        assert _spaces(warning.text) in _spaces(text).replace("\n", " ")


@POPPLER
def test_long_tables_repeat_their_header(pdf_path: Path) -> None:
    pages = _text(pdf_path).split("\f")
    header = re.compile(r"^\s*Lieu\s+Code\s+Interventions\s+Durée\s*$", re.MULTILINE)
    # The table of places (23 rows) starts on one page and ends on the next, under its header again.
    first = next(i for i, page in enumerate(pages) if "Hall d'immeuble" in page)
    last = next(i for i, page in enumerate(pages) if "Non renseigné " in page)
    assert last == first + 1
    assert header.search(pages[first]) and header.search(pages[last])


@POPPLER
def test_metadata(pdf_path: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert "Title:           Bilan mensuel — octobre 2026" in info
    assert "Author:          Association Médiation & Citoyenneté du Val-d'Étang" in info
    assert "Creator:         Médios" in info
    assert "Subject:         octobre 2026 — Toute la structure" in info


def test_missing_or_broken_logo_does_not_fail(tmp_path: Path) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"\x89PNG pas vraiment")
    truncated = tmp_path / "coupé.png"
    truncated.write_bytes(write_logo(tmp_path / "entier.png").read_bytes()[:300])  # a valid header, no data
    for logo in (tmp_path / "absent.png", broken, truncated, tmp_path):
        content = render_pdf(sample_document(logo=logo))
        assert content.startswith(b"%PDF")


def test_a_logo_adds_an_image(tmp_path: Path) -> None:
    with_logo = render_pdf(sample_document(logo=write_logo(tmp_path / "logo.png")))
    without = render_pdf(sample_document())
    assert b"/Subtype /Image" in with_logo and b"/Subtype /Image" not in without


@POPPLER
def test_a_period_longer_than_a_month(tmp_path: Path) -> None:
    import datetime as dt

    document = sample_document()
    document = dataclasses.replace(
        document,
        title="Bilan annuel — 2026",
        period_label="du 01/04/2025 au 31/03/2026",
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2026, 3, 31),
        key_figures=tuple(
            dataclasses.replace(f, previous=None, diff=None, diff_pct=None, ytd=None) for f in document.key_figures
        ),
        sections=(),
        scope_label="Dispositif : Médiation habitat — quartiers prioritaires de la politique de la ville du "
        "Val-d'Étang et des communes voisines, avec les résidences du bailleur",
    )
    path = tmp_path / "annuel.pdf"
    write_pdf(document, path)
    text = _text(path)
    assert "par rapport à" not in text and "Mois par mois" in text
    assert "du 01/04/2025 au 31/03/2026 (du" not in text  # the dates once
    total = _pages(path)
    for number, page in enumerate(text.split("\f")[:total], start=1):
        # The long scope is shortened in the header and the footer, never over « page n sur N ».
        footer = next(line for line in reversed(page.splitlines()) if line.strip())
        assert footer.rstrip().endswith(f"page {number} sur {total}") and "…" in footer


def test_shorten_cuts_at_a_word() -> None:
    label = "Veille sociale : repérage des fragilités et des situations d'isolement"
    short = shorten(label, 42)
    assert len(short) <= 42 and short.endswith("…")
    assert short == "Veille sociale : repérage des fragilités…"
    assert shorten("Hall d'immeuble", 42) == "Hall d'immeuble"


def test_the_french_module_is_what_the_pdf_prints(pdf_path: Path) -> None:
    # One formatting for both files: the PDF's hours are those of french.format_value.
    assert french.format_value(1234.5, Kind.HOURS) == f"1{NNBSP}234,5\u00a0h"


def test_a_folder_as_target_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "bilan.pdf"
    target.mkdir()
    with pytest.raises(ReportFileError) as caught:
        write_pdf(sample_document(), target)
    assert "est un dossier" in str(caught.value)
    assert list(target.iterdir()) == [] and [p.name for p in tmp_path.iterdir()] == ["bilan.pdf"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes in read-only folders")
def test_a_read_only_folder_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ReportFileError) as caught:
            write_pdf(sample_document(), folder / "bilan.pdf")
        assert "accès refusé" in str(caught.value)
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_a_failure_while_writing_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refused)
    with pytest.raises(ReportFileError) as caught:
        write_pdf(sample_document(), tmp_path / "bilan.pdf")
    assert "Impossible d'écrire le rapport" in str(caught.value) and "accès refusé" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@POPPLER
def test_an_empty_report_is_one_clean_document(tmp_path: Path) -> None:
    """A month with nothing recorded: no key figure, empty tables, no chart data, no note."""
    from medios.export.document import Chart, ChartKind, Column, Section, Table

    empty_table = Table("VIDE", "Interventions par registre", (Column("Registre", Kind.TEXT),), ())
    empty_chart = Chart("CH", "Rien", ChartKind.BAR, (), ())
    document = dataclasses.replace(
        sample_document(),
        key_figures=(),
        sections=(Section("INTERVENTIONS", "Interventions", tables=(empty_table,), charts=(empty_chart,)),),
        quality=Section("QUALITE", "Qualité des données"),
        months=None,
        data=None,
        methodology=(),
        warnings=(),
    )
    path = tmp_path / "vide.pdf"
    write_pdf(document, path)
    text = _text(path)
    assert "Aucun chiffre clé pour cette période." in text and "Aucune ligne pour cette période." in text
    assert f"page 1 sur {_pages(path)}" in text
