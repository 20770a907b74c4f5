"""The structure and its reference lists: set-up (``medios init``), mediators, dispositifs, sites."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Table, func, select
from sqlalchemy.orm import Session

from medios.db import Database
from medios.db.models import (
    Dispositif,
    Mediator,
    Partner,
    Site,
    Structure,
    Territory,
    dispositif_commissioner,
    dispositif_funder,
    dispositif_territory,
    dispositif_time_band,
    mediator_qualification,
    structure_network,
)
from medios.i18n import translate
from medios.referentiel import load_registry
from medios.services import access, audit
from medios.services.errors import FieldError, ValidationError
from medios.services.overview import NoStructureError as NoStructureError
from medios.services.overview import StructureSummary as StructureSummary
from medios.services.overview import has_structure as has_structure
from medios.services.overview import structure_summary as structure_summary
from medios.services.records import (
    Children,
    child_values,
    insert_children,
    live_row,
    restore_logged,
    retire_logged,
    update_logged,
)
from medios.services.rules import (
    check_code,
    check_commune,
    check_length,
    check_qpv,
    column_length,
    encodable,
    normalise_commune,
)

# Pseudonyms: MED- and at least two letters or digits.  New ones are drawn from the mediator's UUID, so that
# two laptops of one structure never give the same pseudonym to two people (see allocate_pseudonym).
PSEUDONYM_RE = re.compile(r"^MED-[0-9A-Z]{2,28}$")
# One limit per name, from the schema: the window, the command line and the import all refuse longer.
STRUCTURE_NAME_MAX = column_length(Structure.name)
MEDIATOR_NAME_MAX = column_length(Mediator.display_name)
DISPOSITIF_NAME_MAX = column_length(Dispositif.name)
SITE_NAME_MAX = column_length(Site.name)
# The observatory's pseudonymous identifier of the structure: letters, digits, « - », « _ » or « . ».
OBSERVATORY_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")
# A full-time week (35 h), the default of a mediator's weekly hours: 35 h × quotité.
FULL_TIME_MINUTES = 35 * 60
WEEKLY_MINUTES_MAX = 48 * 60  # the legal weekly maximum


@dataclass(frozen=True, slots=True)
class StructureContext:
    """What the entry rules need to know about the structure."""

    id: uuid.UUID
    name: str
    holiday_calendar: str
    notes_enabled: bool


@dataclass(frozen=True, slots=True)
class MediatorDetails:
    """A mediator's employment: contract (CONTRAT), quotité in percent, weekly minutes, QUALIF codes, dates."""

    contract: str | None = None
    fte_percent: int | None = None
    weekly_minutes: int | None = None
    qualifications: frozenset[str] = frozenset()
    start_date: dt.date | None = None
    end_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class MediatorInfo:
    id: uuid.UUID
    pseudonym: str
    display_name: str
    role: str
    details: MediatorDetails = MediatorDetails()

    @property
    def effective_weekly_minutes(self) -> int | None:
        """The weekly minutes given, else 35 h × quotité (``None`` when neither is known)."""
        return default_weekly_minutes(self.details.weekly_minutes, self.details.fte_percent)


def default_weekly_minutes(weekly_minutes: int | None, fte_percent: int | None) -> int | None:
    """Weekly minutes as given, or 35 h × quotité when empty."""
    if weekly_minutes is not None:
        return weekly_minutes
    if fte_percent is None:
        return None
    return round(FULL_TIME_MINUTES * fte_percent / 100)


def _structure_row(session: Session) -> Structure:
    row = session.scalar(select(Structure).where(Structure.deleted_at.is_(None)).order_by(Structure.created_at))
    if row is None:
        raise NoStructureError(
            translate(
                "Structure", "Aucune structure n'est encore enregistrée : lancez « medios init --structure NOM »."
            )
        )
    return row


def structure_context(session: Session) -> StructureContext:
    row = _structure_row(session)
    return StructureContext(row.id, row.name, row.holiday_calendar, row.notes_enabled)


def allocate_pseudonym(mediator_id: uuid.UUID, taken: set[str]) -> str:
    """``MED-`` and the first four hexadecimal digits of the mediator's UUID, one more while taken.

    Counting (MED-01, MED-02…) would give the same pseudonym to different people on two laptops of one
    structure; drawn from the UUID, a clash is rare (one chance in 65,536 per pair) and the import
    reports it as a conflict instead of merging two people.
    """
    digits = mediator_id.hex.upper()
    for length in range(4, len(digits) + 1):
        candidate = f"MED-{digits[:length]}"
        if candidate not in taken:
            return candidate
    raise ValueError("pseudonyme impossible : identifiant déjà pris")  # the same UUID twice: a bug


def next_pseudonym(session: Session, mediator_id: uuid.UUID) -> str:
    """The pseudonym of a new mediator (pseudonyms of deleted mediators are never reused)."""
    taken = {p.upper() for p in session.scalars(select(Mediator.pseudonym))}
    return allocate_pseudonym(mediator_id, taken)


def check_structure_name(errors: list[FieldError], name: str) -> None:
    """The structure's name (already stripped): required, at most :data:`STRUCTURE_NAME_MAX` characters."""
    if not name:
        errors.append(FieldError("structure", translate("Structure", "le nom de la structure est obligatoire.")))
    check_length(errors, name, STRUCTURE_NAME_MAX, "structure")


def check_mediator_name(errors: list[FieldError], name: str) -> None:
    """A mediator's name (already stripped): required, at most :data:`MEDIATOR_NAME_MAX` characters."""
    if not name:
        errors.append(FieldError("name", translate("Structure", "valeur obligatoire.")))
    check_length(errors, name, MEDIATOR_NAME_MAX, "name")


def add_mediator(
    session: Session,
    display_name: str,
    *,
    role: str = "MEDIATEUR",
    pseudonym: str | None = None,
    device: str,
    actor_id: uuid.UUID | None = None,
    mediator_id: uuid.UUID | None = None,
    details: MediatorDetails | None = None,
) -> Mediator:
    """Create a mediator inside the caller's transaction (used by init, import and demo)."""
    name = display_name.strip()
    details = details or MediatorDetails()
    errors: list[FieldError] = []
    check_mediator_name(errors, name)
    check_code(errors, load_registry().active, "ROLE_UTILISATEUR", role, "role")
    check_mediator_details(errors, details)
    if errors:
        raise ValidationError(errors)
    mediator_id = mediator_id or uuid.uuid4()
    row = Mediator(
        id=mediator_id,
        display_name=name,
        pseudonym=pseudonym or next_pseudonym(session, mediator_id),
        role=role,
        device_id=device,
        vocab_version=load_registry().active.version,
        created_by=actor_id,
        **_mediator_columns(details),
    )
    audit.add_created(session, row, device_id=device, actor_id=actor_id)
    insert_children(session, row.id, [_qualifications(details)])
    return row


def check_mediator_details(errors: list[FieldError], details: MediatorDetails) -> None:
    """Contract and qualifications from the référentiel, quotité 10–100 %, 1 h–48 h a week, end ≥ start."""
    ref = load_registry().active
    check_code(errors, ref, "CONTRAT", details.contract, "contract", required=False)
    for code in sorted(details.qualifications):
        check_code(errors, ref, "QUALIF", code, "qualifications")
    if details.fte_percent is not None and not 10 <= details.fte_percent <= 100:
        errors.append(FieldError("fte_percent", translate("Structure", "quotité entre 10 et 100 % attendue.")))
    if details.weekly_minutes is not None and not 60 <= details.weekly_minutes <= WEEKLY_MINUTES_MAX:
        errors.append(FieldError("weekly_minutes", translate("Structure", "entre 1 h et 48 h par semaine attendues.")))
    if details.start_date and details.end_date and details.end_date < details.start_date:
        errors.append(FieldError("end_date", translate("Structure", "la sortie précède l'entrée.")))


def _mediator_columns(details: MediatorDetails) -> dict[str, object]:
    return {
        "contract": details.contract or None,
        "fte_percent": details.fte_percent,
        "weekly_minutes": details.weekly_minutes,
        "start_date": details.start_date,
        "end_date": details.end_date,
    }


def _qualifications(details: MediatorDetails) -> Children:
    return Children(mediator_qualification, "mediator_id", "qualification", frozenset(details.qualifications))


def init_structure(
    db: Database,
    name: str,
    *,
    mediator: str | None = None,
    holiday_calendar: str = "METROPOLE",
    legal_status: str = "ASSOCIATION",
) -> StructureSummary:
    """Register the structure of this installation (and optionally its first mediator, as coordinator)."""
    ref = load_registry().active
    errors: list[FieldError] = []
    check_structure_name(errors, name.strip())
    if mediator:
        check_mediator_name(errors, mediator.strip())
    check_code(errors, ref, "CALENDRIER_FERIES", holiday_calendar, "holiday_calendar")
    check_code(errors, ref, "STATUT", legal_status, "legal_status")
    if errors:
        raise ValidationError(errors)
    with db.transaction() as session:
        if session.scalar(select(func.count()).select_from(Structure).where(Structure.deleted_at.is_(None))):
            raise ValidationError(
                [FieldError("structure", translate("Structure", "une structure est déjà enregistrée dans cette base."))]
            )
        device = audit.session_device_id(session)
        row = Structure(
            name=name.strip(),
            legal_status=legal_status,
            holiday_calendar=holiday_calendar,
            device_id=device,
            vocab_version=ref.version,
        )
        audit.add_created(session, row, device_id=device)
        if mediator:
            add_mediator(session, mediator, role="ADMIN", device=device)  # who sets Médios up administers it
    return structure_summary(db)


def _children_of(session: Session, table: Table, owner: str, value: str) -> dict[uuid.UUID, tuple[object, ...]]:
    """Every owner's child values (one query), sorted."""
    found: dict[uuid.UUID, list[object]] = {}
    for owner_id, item in session.execute(select(table.c[owner], table.c[value])):
        found.setdefault(owner_id, []).append(item)
    return {key: tuple(sorted(items, key=str)) for key, items in found.items()}


def _retired_filter(model: type[Mediator] | type[Dispositif], retired: bool) -> ColumnElement[bool]:
    return model.deleted_at.is_not(None) if retired else model.deleted_at.is_(None)


def list_mediators(db: Database, *, retired: bool = False) -> list[MediatorInfo]:
    """Live users (``retired``: the retired ones, to restore them), by pseudonym."""
    with db.session() as session:
        rows = session.scalars(select(Mediator).where(_retired_filter(Mediator, retired)).order_by(Mediator.pseudonym))
        qualifications = _children_of(session, mediator_qualification, "mediator_id", "qualification")
        return [_mediator_info(r, qualifications.get(r.id, ())) for r in rows]


def create_mediator(
    db: Database,
    display_name: str,
    *,
    role: str = "MEDIATEUR",
    details: MediatorDetails | None = None,
    actor_id: uuid.UUID | None = None,
) -> MediatorInfo:
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.USERS)
        _structure_row(session)
        row = add_mediator(session, display_name, role=role, device=audit.session_device_id(session), details=details)
        return _mediator_info(row, tuple(sorted((details or MediatorDetails()).qualifications)))


def rename_pseudonym(db: Database, current: str, new: str, *, actor_id: uuid.UUID | None = None) -> MediatorInfo:
    """Give a mediator another pseudonym (to settle a conflict between two laptops' files).

    The new pseudonym has the ``MED-…`` shape and is free: no mediator, live or deleted, ever had it
    (pseudonyms are never reused).  The mediator keeps its identifier, so its interventions follow.
    """
    old_key, new_key = current.strip().upper(), new.strip().upper()
    errors: list[FieldError] = []
    if not PSEUDONYM_RE.match(new_key):
        errors.append(
            FieldError(
                "pseudonym",
                translate("Structure", "« {name} » : « MED- » suivi de 2 à 28 lettres ou chiffres attendu.").format(
                    name=new.strip()[:40]
                ),
            )
        )
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.USERS)
        row = session.scalar(
            select(Mediator).where(func.upper(Mediator.pseudonym) == old_key, Mediator.deleted_at.is_(None))
        )
        if row is None:
            errors.append(
                FieldError(
                    "pseudonym",
                    translate("Structure", "aucun médiateur actif ne porte le pseudonyme {name}.").format(name=old_key),
                )
            )
        elif new_key != row.pseudonym.upper() and session.scalar(
            select(Mediator.id).where(func.upper(Mediator.pseudonym) == new_key)
        ):
            errors.append(
                FieldError(
                    "pseudonym",
                    translate(
                        "Structure", "le pseudonyme {name} est déjà pris (ou l'a été : il n'est jamais réutilisé)."
                    ).format(name=new_key),
                )
            )
        if errors or row is None:
            raise ValidationError(errors)
        device = audit.session_device_id(session)
        before = audit.auditable_state(row)
        row.pseudonym = new_key
        row.device_id = device
        session.flush()
        audit.log_change(
            session,
            action="UPDATE",
            table="mediator",
            record_id=row.id,
            changes=audit.diff(before, audit.auditable_state(row)),
            actor_id=None,
            device_id=device,
        )
        return _mediator_info(row, _stored_qualifications(session, row.id))


@dataclass(frozen=True, slots=True)
class DispositifLinks:
    """What a dispositif covers: FINANCEMENT and PLAGE codes, territories of the list, commissioning partners."""

    funders: frozenset[str] = frozenset()
    territory_ids: frozenset[uuid.UUID] = frozenset()
    time_bands: frozenset[str] = frozenset()
    commissioner_ids: frozenset[uuid.UUID] = frozenset()


@dataclass(frozen=True, slots=True)
class DispositifInfo:
    id: uuid.UUID
    name: str
    main_domain: str
    start_date: dt.date
    end_date: dt.date | None = None
    links: DispositifLinks = DispositifLinks()


# (field, table, value column) of a dispositif's child tables.
_DISPOSITIF_CHILDREN: tuple[tuple[str, Table, str], ...] = (
    ("funders", dispositif_funder, "funder"),
    ("territory_ids", dispositif_territory, "territory_id"),
    ("time_bands", dispositif_time_band, "time_band"),
    ("commissioner_ids", dispositif_commissioner, "partner_id"),
)


def _dispositif_children(links: DispositifLinks) -> dict[str, Children]:
    return {
        field: Children(table, "dispositif_id", column, frozenset(getattr(links, field)))
        for field, table, column in _DISPOSITIF_CHILDREN
    }


def _links_of(session: Session, dispositif_id: uuid.UUID) -> DispositifLinks:
    values = {
        field: frozenset(child_values(session, table, "dispositif_id", column, dispositif_id))
        for field, table, column in _DISPOSITIF_CHILDREN
    }
    return DispositifLinks(**values)


def list_dispositifs(db: Database, *, retired: bool = False) -> list[DispositifInfo]:
    """Live dispositifs (``retired``: the retired ones), by name, with what they cover."""
    with db.session() as session:
        rows = session.scalars(select(Dispositif).where(_retired_filter(Dispositif, retired)).order_by(Dispositif.name))
        children = {
            field: _children_of(session, table, "dispositif_id", column)
            for field, table, column in _DISPOSITIF_CHILDREN
        }
        return [
            _dispositif_info(
                r,
                DispositifLinks(**{field: frozenset(found.get(r.id, ())) for field, found in children.items()}),  # type: ignore[arg-type]
            )
            for r in rows
        ]


def check_dispositif_links(session: Session, errors: list[FieldError], links: DispositifLinks) -> None:
    """Codes from the référentiel; territories of the structure's list and partners of the directory, live."""
    ref = load_registry().active
    for code in sorted(links.funders):
        check_code(errors, ref, "FINANCEMENT", code, "funders")
    for code in sorted(links.time_bands):
        check_code(errors, ref, "PLAGE", code, "time_bands")
    _check_live(
        session,
        errors,
        Territory,
        links.territory_ids,
        "territories",
        translate("Structure", "territoire absent de la liste (ou retiré)."),
    )
    _check_live(
        session,
        errors,
        Partner,
        links.commissioner_ids,
        "commissioners",
        translate("Structure", "commanditaire absent de l'annuaire (ou retiré)."),
    )


def _check_live(
    session: Session,
    errors: list[FieldError],
    model: type[Territory] | type[Partner],
    ids: Iterable[uuid.UUID],
    field: str,
    message: str,
) -> None:
    wanted = set(ids)
    if not wanted:
        return
    found = set(session.scalars(select(model.id).where(model.id.in_(wanted), model.deleted_at.is_(None))))
    if wanted - found:
        errors.append(FieldError(field, message))


def _check_label(errors: list[FieldError], field: str, name: str, required: str, max_length: int) -> None:
    if not name:
        errors.append(FieldError(field, required))
    else:
        check_length(errors, name, max_length, field)


def create_dispositif(
    db: Database,
    name: str,
    main_domain: str,
    start_date: dt.date,
    *,
    end_date: dt.date | None = None,
    links: DispositifLinks | None = None,
    actor_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Create a dispositif; its name is unique among live dispositifs (a deleted one frees its name)."""
    ref = load_registry().active
    name = name.strip()
    errors: list[FieldError] = []
    _check_label(
        errors,
        "dispositif",
        name,
        translate("Structure", "le libellé du dispositif est obligatoire."),
        DISPOSITIF_NAME_MAX,
    )
    check_code(errors, ref, "DOMAINE", main_domain, "domain")
    if end_date is not None and end_date < start_date:
        errors.append(FieldError("end_date", translate("Structure", "la fin précède le début.")))
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        if (
            name
            and encodable(name)  # an unstorable name cannot be looked up either (it is refused above)
            and session.scalar(select(Dispositif.id).where(Dispositif.name == name, Dispositif.deleted_at.is_(None)))
        ):
            errors.append(FieldError("dispositif", translate("Structure", "un dispositif porte déjà ce nom.")))
        links = links or DispositifLinks()
        check_dispositif_links(session, errors, links)
        if errors:
            raise ValidationError(errors)
        device = audit.session_device_id(session)
        row = Dispositif(
            name=name,
            main_domain=main_domain,
            start_date=start_date,
            end_date=end_date,
            device_id=device,
            vocab_version=ref.version,
        )
        audit.add_created(session, row, device_id=device)
        insert_children(session, row.id, _dispositif_children(links).values())
        return row.id


def create_site(
    db: Database,
    name: str,
    place: str,
    commune: str,
    qpv: str | None = None,
    *,
    details: SiteDetails | None = None,
    actor_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Create a site; its name is unique among live sites (a deleted one frees its name).

    ``qpv`` is a QPV code, ``HORS_QPV`` (outside any QPV, kept as given) or ``None`` (not given).  An
    arrondissement code is recorded under its commune (75111 → 75056), as interventions are.
    """
    ref = load_registry().active
    name = name.strip()
    details = (details or SiteDetails()).cleaned()
    errors: list[FieldError] = []
    _check_label(errors, "site", name, translate("Structure", "le nom du site est obligatoire."), SITE_NAME_MAX)
    check_code(errors, ref, "LIEU", place, "place")
    check_commune(errors, commune)
    check_qpv(errors, qpv)
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        check_site_details(session, errors, place, details)
        if (
            name
            and encodable(name)
            and session.scalar(select(Site.id).where(Site.name == name, Site.deleted_at.is_(None)))
        ):
            errors.append(FieldError("site", translate("Structure", "un site porte déjà ce nom.")))
        if errors:
            raise ValidationError(errors)
        device = audit.session_device_id(session)
        row = Site(
            name=name,
            place=place,
            commune=normalise_commune(commune),
            qpv=qpv,
            uai=details.uai,
            educ_prio=details.educ_prio,
            landlord_id=details.landlord_id,
            device_id=device,
            vocab_version=ref.version,
        )
        audit.add_created(session, row, device_id=device)
        return row.id


# Places where a site is a school (a UAI code, éducation prioritaire) or housing (a landlord).
SCHOOL_PLACES = frozenset({"SCOL_IN", "SCOL_ABORDS"})
HOUSING_PLACES = frozenset({"HAB_PC", "HAB_ABORDS", "HAB_LOGT"})
UAI_RE = re.compile(r"^\d{7}[A-Z]$")


@dataclass(frozen=True, slots=True)
class SiteDetails:
    """A school's UAI code and éducation prioritaire (EDUC_PRIO), a housing site's landlord (a partner)."""

    uai: str | None = None
    educ_prio: str | None = None
    landlord_id: uuid.UUID | None = None

    def cleaned(self) -> SiteDetails:
        uai = "".join((self.uai or "").split()).upper() or None
        return SiteDetails(uai, self.educ_prio or None, self.landlord_id)


def check_site_details(session: Session, errors: list[FieldError], place: str, details: SiteDetails) -> None:
    """UAI (7 digits and a letter) and éducation prioritaire for schools only; a live landlord for housing."""
    if details.uai is not None:
        if place not in SCHOOL_PLACES:
            errors.append(FieldError("uai", translate("Structure", "code UAI réservé aux établissements scolaires.")))
        elif not UAI_RE.match(details.uai):
            errors.append(
                FieldError(
                    "uai",
                    translate("Structure", "code UAI « {code} » invalide : 7 chiffres et une lettre attendus.").format(
                        code=details.uai[:20]
                    ),
                )
            )
    if details.educ_prio is not None:
        if place not in SCHOOL_PLACES:
            errors.append(
                FieldError(
                    "educ_prio", translate("Structure", "éducation prioritaire réservée aux établissements scolaires.")
                )
            )
        else:
            check_code(errors, load_registry().active, "EDUC_PRIO", details.educ_prio, "educ_prio")
    if details.landlord_id is not None:
        if place not in HOUSING_PLACES:
            errors.append(FieldError("landlord", translate("Structure", "bailleur réservé aux sites d'habitat.")))
        else:
            _check_live(
                session,
                errors,
                Partner,
                [details.landlord_id],
                "landlord",
                translate("Structure", "bailleur absent de l'annuaire (ou retiré)."),
            )


# --------------------------------------------------------------------------- settings: correct and retire


@dataclass(frozen=True, slots=True)
class StructureSettings:
    """What the « Paramètres » page and ``medios structure`` show and correct."""

    id: uuid.UUID
    name: str
    holiday_calendar: str
    notes_enabled: bool
    siret: str | None
    legal_status: str
    details: StructureDetails = field(default_factory=lambda: StructureDetails())


@dataclass(frozen=True, slots=True)
class StructureDetails:
    """The observatory's identifier, networks (RESEAU codes), AFNOR certification date, siège commune."""

    observatory_id: str | None = None
    networks: frozenset[str] = frozenset()
    afnor_certified_on: dt.date | None = None
    hq_commune: str | None = None

    def cleaned(self) -> StructureDetails:
        observatory = "".join((self.observatory_id or "").split()) or None
        commune = (self.hq_commune or "").strip().upper()
        return StructureDetails(
            observatory, frozenset(self.networks), self.afnor_certified_on, normalise_commune(commune) or None
        )


def _settings(session: Session, row: Structure) -> StructureSettings:
    networks = frozenset(child_values(session, structure_network, "structure_id", "network", row.id))
    details = StructureDetails(row.observatory_id, networks, row.afnor_certified_on, row.hq_commune)
    return StructureSettings(
        row.id, row.name, row.holiday_calendar, row.notes_enabled, row.siret, row.legal_status, details
    )


def get_structure(db: Database) -> StructureSettings:
    with db.session() as session:
        return _settings(session, _structure_row(session))


def check_structure_details(errors: list[FieldError], details: StructureDetails, today: dt.date) -> None:
    """Identifier shape, RESEAU codes, a certification date not in the future, an INSEE code for the siège."""
    if details.observatory_id is not None and not OBSERVATORY_ID_RE.match(details.observatory_id):
        errors.append(
            FieldError(
                "observatory_id",
                translate(
                    "Structure",
                    "identifiant observatoire invalide : 3 à 64 lettres, chiffres, « - », « _ » ou « . ».",
                ),
            )
        )
    ref = load_registry().active
    for code in sorted(details.networks):
        check_code(errors, ref, "RESEAU", code, "networks")
    if details.afnor_certified_on is not None and details.afnor_certified_on > today:
        errors.append(
            FieldError("afnor_certified_on", translate("Structure", "la date de certification est dans le futur."))
        )
    if details.hq_commune is not None:
        check_commune(errors, details.hq_commune, "hq_commune")


def check_siret(errors: list[FieldError], siret: str) -> None:
    """14 digits whose Luhn sum is a multiple of 10 (La Poste's establishments: digit sum a multiple of 5)."""
    if not (siret.isascii() and siret.isdigit() and len(siret) == 14):
        errors.append(FieldError("siret", translate("Structure", "14 chiffres attendus (espaces permis).")))
        return
    total = 0
    for position, char in enumerate(reversed(siret)):
        digit = int(char) * (2 if position % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    la_poste = siret.startswith("356000000") and sum(int(c) for c in siret) % 5 == 0
    if total % 10 and not la_poste:
        errors.append(
            FieldError("siret", translate("Structure", "numéro SIRET invalide (clé de contrôle) : vérifiez-le."))
        )


def update_structure(
    db: Database,
    *,
    name: str,
    holiday_calendar: str,
    notes_enabled: bool,
    siret: str | None,
    legal_status: str,
    details: StructureDetails | None = None,
    actor_id: uuid.UUID | None = None,
) -> StructureSettings:
    """Correct the structure; ``siret`` may hold spaces (« 123 456 789 00012 ») and ``None`` or empty clears it.

    ``details`` (observatory id, networks, certification, siège) replaces the stored ones; ``None`` keeps them.
    """
    ref = load_registry().active
    name = name.strip()
    siret_value = "".join((siret or "").split()) or None
    errors: list[FieldError] = []
    check_structure_name(errors, name)
    check_code(errors, ref, "CALENDRIER_FERIES", holiday_calendar, "holiday_calendar")
    check_code(errors, ref, "STATUT", legal_status, "legal_status")
    if siret_value is not None:
        check_siret(errors, siret_value)
    if details is not None:
        details = details.cleaned()
        check_structure_details(errors, details, dt.date.today())
    if errors:
        raise ValidationError(errors)
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        row = _structure_row(session)
        values: dict[str, object] = {
            "name": name,
            "holiday_calendar": holiday_calendar,
            "notes_enabled": notes_enabled,
            "siret": siret_value,
            "legal_status": legal_status,
        }
        children: dict[str, Children] = {}
        if details is not None:
            values |= {
                "observatory_id": details.observatory_id,
                "afnor_certified_on": details.afnor_certified_on,
                "hq_commune": details.hq_commune,
            }
            children["networks"] = Children(structure_network, "structure_id", "network", details.networks)
        update_logged(session, row, values, children=children)
        return _settings(session, row)


def _mediator_info(row: Mediator, qualifications: Iterable[object]) -> MediatorInfo:
    details = MediatorDetails(
        row.contract,
        row.fte_percent,
        row.weekly_minutes,
        frozenset(str(q) for q in qualifications),
        row.start_date,
        row.end_date,
    )
    return MediatorInfo(row.id, row.pseudonym, row.display_name, row.role, details)


def _stored_qualifications(session: Session, mediator_id: uuid.UUID) -> list[object]:
    return child_values(session, mediator_qualification, "mediator_id", "qualification", mediator_id)


def find_mediator(db: Database, pseudonym: str) -> MediatorInfo:
    """The live mediator of that pseudonym (case ignored); :class:`ValidationError` on ``pseudonym`` if none."""
    key = pseudonym.strip().upper()
    with db.session() as session:
        row = session.scalar(
            select(Mediator).where(func.upper(Mediator.pseudonym) == key, Mediator.deleted_at.is_(None))
        )
        if row is None:
            raise ValidationError(
                [
                    FieldError(
                        "pseudonym",
                        translate("Structure", "aucun médiateur actif ne porte le pseudonyme {name}.").format(name=key),
                    )
                ]
            )
        return _mediator_info(row, _stored_qualifications(session, row.id))


def update_mediator(
    db: Database,
    mediator_id: uuid.UUID,
    *,
    display_name: str,
    role: str,
    pseudonym: str | None = None,
    details: MediatorDetails | None = None,
    actor_id: uuid.UUID | None = None,
) -> MediatorInfo:
    """Correct a user's name and role, and with ``pseudonym`` their pseudonym (same rules as
    :func:`rename_pseudonym`), with ``details`` their contract and dates, in one transaction: all of it or nothing.

    A change of role is also an audit line of its own (``ROLE``: from and to, by ``actor_id``)."""
    name = display_name.strip()
    errors: list[FieldError] = []
    check_mediator_name(errors, name)
    check_code(errors, load_registry().active, "ROLE_UTILISATEUR", role, "role")
    if details is not None:
        check_mediator_details(errors, details)
    new_key = pseudonym.strip().upper() if pseudonym is not None else None
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.USERS)
        row = live_row(session, Mediator, mediator_id)
        values: dict[str, object] = {"display_name": name, "role": role}
        children: dict[str, Children] = {}
        if details is not None:
            values |= _mediator_columns(details)
            children["qualifications"] = _qualifications(details)
        if new_key is not None and new_key != row.pseudonym.upper():
            if not PSEUDONYM_RE.match(new_key):
                errors.append(
                    FieldError(
                        "pseudonym",
                        translate(
                            "Structure", "« {name} » : « MED- » suivi de 2 à 28 lettres ou chiffres attendu."
                        ).format(name=new_key[:40]),
                    )
                )
            elif session.scalar(select(Mediator.id).where(func.upper(Mediator.pseudonym) == new_key)):
                errors.append(
                    FieldError(
                        "pseudonym",
                        translate(
                            "Structure", "le pseudonyme {name} est déjà pris (ou l'a été : il n'est jamais réutilisé)."
                        ).format(name=new_key),
                    )
                )
            values["pseudonym"] = new_key
        if errors:
            raise ValidationError(errors)
        previous_role = row.role
        update_logged(session, row, values, children=children)
        if role != previous_role:
            audit.log_change(
                session,
                action="ROLE",
                table="mediator",
                record_id=row.id,
                changes={"role": [previous_role, role]},
                actor_id=actor_id,
                device_id=audit.session_device_id(session),
            )
        return _mediator_info(row, _stored_qualifications(session, row.id))


def retire_mediator(db: Database, mediator_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    """Retire a user: no longer offered, their interventions keep them; the pseudonym is never reused."""
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.USERS)
        retire_logged(session, live_row(session, Mediator, mediator_id))


def restore_mediator(db: Database, mediator_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> MediatorInfo:
    """Bring a retired user back, with their pseudonym (pseudonyms are never reused, so it is still theirs)."""
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.USERS)
        row = restore_logged(session, Mediator, mediator_id)
        return _mediator_info(row, _stored_qualifications(session, row.id))


def find_retired_mediator(db: Database, pseudonym: str) -> MediatorInfo:
    """The retired mediator of that pseudonym; :class:`ValidationError` on ``pseudonym`` if none."""
    key = pseudonym.strip().upper()
    for info in list_mediators(db, retired=True):
        if info.pseudonym.upper() == key:
            return info
    raise ValidationError(
        [
            FieldError(
                "pseudonym",
                translate("Structure", "aucun médiateur retiré ne porte le pseudonyme {name}.").format(name=key[:40]),
            )
        ]
    )


def _dispositif_info(row: Dispositif, links: DispositifLinks | None = None) -> DispositifInfo:
    return DispositifInfo(row.id, row.name, row.main_domain, row.start_date, row.end_date, links or DispositifLinks())


def find_dispositif(db: Database, name: str) -> DispositifInfo:
    with db.session() as session:
        row = session.scalar(select(Dispositif).where(Dispositif.name == name.strip(), Dispositif.deleted_at.is_(None)))
        if row is None:
            raise ValidationError(
                [
                    FieldError(
                        "dispositif",
                        translate("Structure", "aucun dispositif actif ne s'appelle « {name} ».").format(
                            name=name.strip()[:80]
                        ),
                    )
                ]
            )
        return _dispositif_info(row, _links_of(session, row.id))


def update_dispositif(
    db: Database,
    dispositif_id: uuid.UUID,
    *,
    name: str,
    main_domain: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    links: DispositifLinks | None = None,
    actor_id: uuid.UUID | None = None,
) -> DispositifInfo:
    """Correct or rename a dispositif (its records follow: they point to its identifier)."""
    ref = load_registry().active
    name = name.strip()
    errors: list[FieldError] = []
    _check_label(
        errors,
        "dispositif",
        name,
        translate("Structure", "le libellé du dispositif est obligatoire."),
        DISPOSITIF_NAME_MAX,
    )
    check_code(errors, ref, "DOMAINE", main_domain, "domain")
    if end_date is not None and end_date < start_date:
        errors.append(FieldError("end_date", translate("Structure", "la fin précède le début.")))
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        row = live_row(session, Dispositif, dispositif_id)
        if (
            name
            and encodable(name)
            and session.scalar(
                select(Dispositif.id).where(
                    Dispositif.name == name, Dispositif.deleted_at.is_(None), Dispositif.id != dispositif_id
                )
            )
        ):
            errors.append(FieldError("dispositif", translate("Structure", "un dispositif porte déjà ce nom.")))
        if links is not None:
            check_dispositif_links(session, errors, links)
        if errors:
            raise ValidationError(errors)
        update_logged(
            session,
            row,
            {"name": name, "main_domain": main_domain, "start_date": start_date, "end_date": end_date},
            children=_dispositif_children(links) if links is not None else None,
        )
        return _dispositif_info(row, _links_of(session, row.id))


def retire_dispositif(db: Database, dispositif_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> None:
    """Retire a dispositif: its records keep it, pickers no longer offer it, its name is free again."""
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        retire_logged(session, live_row(session, Dispositif, dispositif_id))


def _dispositif_name_free(session: Session, row: Dispositif) -> None:
    if session.scalar(select(Dispositif.id).where(Dispositif.name == row.name, Dispositif.deleted_at.is_(None))):
        raise ValidationError(
            [
                FieldError(
                    "dispositif",
                    translate(
                        "Structure", "un dispositif actif porte déjà ce nom : renommez-le avant de rétablir celui-ci."
                    ),
                )
            ]
        )


def restore_dispositif(db: Database, dispositif_id: uuid.UUID, *, actor_id: uuid.UUID | None = None) -> DispositifInfo:
    """Bring a retired dispositif back, unless a live one took its name meanwhile."""
    with db.transaction() as session:
        access.require_admin(session, actor_id, access.SETTINGS)
        row = restore_logged(session, Dispositif, dispositif_id, clash=_dispositif_name_free)
        return _dispositif_info(row, _links_of(session, row.id))


def find_retired_dispositif(db: Database, name: str) -> DispositifInfo:
    """The most recently retired dispositif of that name; :class:`ValidationError` on ``dispositif`` if none."""
    with db.session() as session:
        row = session.scalars(
            select(Dispositif)
            .where(Dispositif.name == name.strip(), Dispositif.deleted_at.is_not(None))
            .order_by(Dispositif.deleted_at.desc())
        ).first()
        if row is None:
            raise ValidationError(
                [
                    FieldError(
                        "dispositif",
                        translate("Structure", "aucun dispositif retiré ne s'appelle « {name} ».").format(
                            name=name.strip()[:80]
                        ),
                    )
                ]
            )
        return _dispositif_info(row, _links_of(session, row.id))
