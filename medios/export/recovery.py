"""The recovery key as a one-page PDF, for the structure's safe (plain data in, bytes out)."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, Paragraph

from medios.export.pdf import BOLD_FONT, FONT, INK, MARGIN, MUTED, PAGE_HEIGHT, PAGE_WIDTH, RULE, WIDTH, register_fonts
from medios.i18n import translate

GROUPS_PER_LINE = 4


def recovery_pdf(*, code: str, structure: str, base_id: str, created: dt.date) -> bytes:
    """One A4 page: what the key is, the key in large letters, how to use it and keep it."""
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    title = translate("Recovery", "Clé de secours de la base Médios")
    page.setTitle(title)
    page.setAuthor("Médios")
    y = PAGE_HEIGHT - 30 * mm
    page.setFillColor(INK)
    page.setFont(BOLD_FONT, 22)
    page.drawString(MARGIN, y, title)
    page.setFont(FONT, 12)
    page.setFillColor(MUTED)
    y -= 10 * mm
    # A base made at first start has its key before its structure: a line to write the name on.
    page.drawString(MARGIN, y, structure or translate("Recovery", "Structure : ") + "_" * 40)
    y -= 6 * mm
    page.setFont(FONT, 9)
    page.drawString(
        MARGIN,
        y,
        translate("Recovery", "Base {base} · clé créée le {date}").format(
            base=base_id, date=created.strftime("%d/%m/%Y")
        ),
    )
    groups = code.split("-")
    lines = [groups[i : i + GROUPS_PER_LINE] for i in range(0, len(groups), GROUPS_PER_LINE)]
    box_height = (14 + 13 * len(lines)) * mm
    y -= 10 * mm + box_height
    page.setStrokeColor(RULE)
    page.setLineWidth(1.2)
    page.roundRect(MARGIN, y, WIDTH, box_height, 4 * mm)
    page.setFillColor(colors.black)
    page.setFont(BOLD_FONT, 22)
    line_y = y + box_height - 17 * mm
    for line in lines:
        page.drawCentredString(PAGE_WIDTH / 2, line_y, "  -  ".join(line))
        line_y -= 13 * mm
    style = ParagraphStyle("recovery", fontName=FONT, fontSize=10.5, leading=15, spaceAfter=7)
    strong = ParagraphStyle("recovery-h", style, fontName=BOLD_FONT, fontSize=12, textColor=INK, spaceBefore=6)
    texts = [
        (strong, translate("Recovery", "Ce que cette clé ouvre")),
        (
            style,
            translate(
                "Recovery",
                "Cette clé ouvre la base de la structure et chacune de ses sauvegardes, sur n'importe quel "
                "ordinateur, sans trousseau ni phrase secrète. Quiconque la détient peut lire les interventions.",
            ),
        ),
        (strong, translate("Recovery", "Quand s'en servir")),
        (
            style,
            translate(
                "Recovery",
                "Quand Médios demande la phrase secrète et qu'elle est perdue, ou sur un nouvel ordinateur : "
                "saisissez cette clé à la place (majuscules, tirets et espaces sont facultatifs).",
            ),
        ),
        (strong, translate("Recovery", "Comment la garder")),
        (
            style,
            translate(
                "Recovery",
                "Rangez cette feuille dans le coffre de la structure. Ne la photographiez pas, ne l'envoyez "
                "pas par courriel, ne la gardez pas avec l'ordinateur. Si elle est perdue ou a pu être lue, "
                "l'administration change la clé (« medios key rekey ») : une nouvelle feuille remplace celle-ci.",
            ),
        ),
    ]
    frame = Frame(MARGIN, 20 * mm, WIDTH, y - 28 * mm, leftPadding=0, rightPadding=0, showBoundary=0)
    frame.addFromList([Paragraph(text, style_) for style_, text in texts], page)
    page.showPage()
    page.save()
    return buffer.getvalue()
