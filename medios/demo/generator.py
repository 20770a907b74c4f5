"""Day-by-day generation of the activity rows (interventions, blocks, actions, meetings)."""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table

from medios.db.bulk import bulk_insert_dicts
from medios.db.models import (
    ActionCollective,
    ActionMediator,
    ActionPartner,
    ActionPublic,
    MeetingMediator,
    MeetingPartner,
    PartnerMeeting,
    PresenceActive,
    PresenceMediator,
    TechSignalement,
)
from medios.demo.calendar import (
    DemoDay,
    attendance_share,
    daily_rate,
    is_school_holiday,
    season_factor,
    utc_offset_hours,
)
from medios.demo.draws import Pick, draw_uuid, minutes_of, poisson
from medios.demo.profiles import (
    ACTION_PARTNERS,
    ACTION_PUBLICS,
    ACTION_REGISTRES,
    ACTION_TITLES,
    AGES,
    BLOCK_PLACES,
    CONSENT,
    COORDINATOR_HOURS,
    DEFAULT_MOTIFS,
    DURATIONS,
    HAB_SITE_PLACES,
    MEETINGS,
    MOTIF_COUNT,
    OPEN_OUTCOMES,
    OUTCOMES,
    PLACE_FAMILY,
    PUBLIC_COUNT,
    PUBLIC_ROWS,
    RECIPIENTS,
    RELAIS,
    SCOL_PLACES,
    SEX_DEFAULT,
    SEXES,
    SIGNAL_TYPES,
    SUB_REGISTRES,
    TENSION_CONF,
    TENSION_OTHER,
    VSOC_ALERT,
    Profile,
)
from medios.demo.reference import COMMUNES, DAILY_RATE, PARTNERS, QPVS, SITES, Person, table_of
from medios.referentiel import Referentiel
from medios.services import intervention_rows as rows
from medios.services.derive import block_duration, day_type, month_key, time_band
from medios.services.rules import HORS_QPV, InterventionFields, PartnerLink, PublicCount

# --------------------------------------------------------------------------- generator


@dataclass(slots=True)
class Block:
    id: uuid.UUID
    day: DemoDay
    start: int  # minutes after midnight
    end: int  # may exceed 1440 (next day)
    commune: str
    qpv: str | None
    site_id: uuid.UUID | None
    places: Pick[str]


@dataclass(slots=True)
class Batch:
    """Rows of one month, in foreign-key order."""

    presences: list[dict[str, Any]] = field(default_factory=list)
    presence_mediators: list[dict[str, Any]] = field(default_factory=list)
    interventions: list[dict[str, Any]] = field(default_factory=list)
    intervention_children: rows.ChildRows = field(default_factory=rows.ChildRows)
    signalements: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    action_mediators: list[dict[str, Any]] = field(default_factory=list)
    action_publics: list[dict[str, Any]] = field(default_factory=list)
    action_partners: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    meeting_mediators: list[dict[str, Any]] = field(default_factory=list)
    meeting_partners: list[dict[str, Any]] = field(default_factory=list)

    def tables(self) -> list[tuple[Table, list[dict[str, Any]]]]:
        return [
            (table_of(PresenceActive), self.presences),
            (table_of(PresenceMediator), self.presence_mediators),
            (table_of(TechSignalement), self.signalements),
            (table_of(ActionCollective), self.actions),
            (table_of(ActionMediator), self.action_mediators),
            (table_of(ActionPublic), self.action_publics),
            (table_of(ActionPartner), self.action_partners),
            (table_of(PartnerMeeting), self.meetings),
            (table_of(MeetingMediator), self.meeting_mediators),
            (table_of(MeetingPartner), self.meeting_partners),
        ]


# What a later follow-up copies from the first intervention of a situation.
_Situation = tuple[uuid.UUID, str, str | None, str, str, str | None, uuid.UUID | None, str, tuple[str, ...]]


class Generator:
    def __init__(
        self,
        rng: random.Random,
        *,
        ref: Referentiel,
        device: str,
        calendar: str,
        today: dt.date,
        cutoff_min: int = 1440,
        profiles: Sequence[Profile],
        dispositif_ids: Sequence[uuid.UUID],
        people: Sequence[Person],
        site_ids: dict[str, uuid.UUID],
        partner_ids: dict[str, uuid.UUID],
    ) -> None:
        self.rng = rng
        self.version = ref.version
        self.device = device
        self.calendar = calendar
        self.today = today
        # Minutes of ``today`` already past: nothing of today ends after them (no record in the future).
        self.cutoff = max(0, min(cutoff_min, 1440))
        self.profiles = profiles
        self.dispositif_ids = dispositif_ids
        self.people = people
        self.site_ids = site_ids
        self.site_info = {key: (place, commune, qpv) for key, _n, place, commune, qpv, *_rest in SITES}
        self.partner_by_type = {ptype: partner_ids[key] for key, _n, ptype, _c in PARTNERS}
        offset = utc_offset_hours(today)
        local_cap = dt.datetime.combine(today, dt.time(23, 59, 59))
        if self.cutoff < 1440:
            local_cap = dt.datetime.combine(today, dt.time()) + dt.timedelta(minutes=self.cutoff)
        self.cap = local_cap - dt.timedelta(hours=offset)
        self.days: dict[dt.date, DemoDay] = {}
        self.situations: list[deque[_Situation]] = [deque(maxlen=400) for _ in profiles]
        self.new_situations: list[list[_Situation]] = [[] for _ in profiles]
        self.qpv_picks: dict[str, Pick[str | None]] = {}
        for code, _label in COMMUNES:
            qpvs = [q for q, _l, c in QPVS if c == code]
            weighted: list[tuple[str | None, float]] = [(q, 75 / len(qpvs)) for q in qpvs]
            self.qpv_picks[code] = Pick([*weighted, (HORS_QPV, 20), (None, 5)])
        self.counts = {"interventions": 0, "presences": 0, "actions": 0, "meetings": 0, "signalements": 0}
        self.batch = Batch()

    # ----------------------------------------------------------------- helpers

    def day(self, date: dt.date) -> DemoDay:
        info = self.days.get(date)
        if info is None:
            info = DemoDay(
                date=date,
                weekday=date.weekday(),
                day_type=day_type(date, self.calendar),
                month=month_key(date),
                school_holiday=is_school_holiday(date),
                season=season_factor(date),
                utc_midnight=dt.datetime.combine(date, dt.time()) - dt.timedelta(hours=utc_offset_hours(date)),
            )
            self.days[date] = info
        return info

    def stamps(self, day: DemoDay, end_minute: int) -> tuple[dt.datetime, dt.datetime]:
        """``created_at`` and ``updated_at``: the end of the activity plus an entry delay, never after today."""
        rng = self.rng
        u = rng.random()
        if u < 0.68:
            delay = 300 + rng.randrange(14_400)
        elif u < 0.88:
            delay = 86_400 * rng.randint(1, 3) + rng.randrange(-10_800, 10_800)
        elif u < 0.96:
            delay = 86_400 * rng.randint(4, 7) + rng.randrange(-10_800, 10_800)
        else:
            delay = 86_400 * rng.randint(8, 25)
        created = min(day.utc_midnight + dt.timedelta(seconds=end_minute * 60 + delay), self.cap)
        if rng.random() < 0.07:
            return created, min(created + dt.timedelta(seconds=600 + rng.randrange(259_200)), self.cap)
        return created, created

    def sync(self, row_id: uuid.UUID, day: DemoDay, end_minute: int, author: uuid.UUID | None) -> dict[str, Any]:
        created, updated = self.stamps(day, end_minute)
        return {
            "id": row_id,
            "created_at": created,
            "updated_at": updated,
            "created_by": author,
            "device_id": self.device,
            "deleted_at": None,
            "vocab_version": self.version,
        }

    def place_of(self, prof: Profile) -> tuple[str, str, str | None, uuid.UUID | None]:
        """Place, commune, QPV and site id of an intervention outside a block."""
        rng = self.rng
        if rng.random() < prof.site_p:
            site = prof.sites[rng.randrange(len(prof.sites))]
            place, commune, qpv = self.site_info[site]
            if place == "HAB_PC":
                place = HAB_SITE_PLACES(rng)
            elif place == "SCOL_IN":
                place = SCOL_PLACES(rng)
            if rng.random() < 0.15:  # the place type is often refined away from the site's own
                place = prof.places(rng)
            return place, commune, qpv, self.site_ids[site]
        commune = prof.communes(rng)
        return prof.places(rng), commune, self.qpv_picks[commune](rng), None

    def in_future(self, date: dt.date, end_minute: int) -> bool:
        """Whether an activity of ``date`` ending at ``end_minute`` (may pass midnight) ends after now."""
        if end_minute >= 1440:
            date, end_minute = date + dt.timedelta(days=end_minute // 1440), end_minute % 1440
        return date > self.today or (date == self.today and end_minute > self.cutoff)

    # ----------------------------------------------------------------- one day

    def run_day(self, date: dt.date) -> None:
        rng = self.rng
        day = self.day(date)
        teams: dict[int, list[Person]] = {}
        for person in self.people:
            if person.desk:
                if day.weekday < 5 and day.day_type != "FERIE" and rng.random() < 0.9 * day.season:
                    self.coordinator_day(day, person)
                continue
            index = self.assignment(person, day)
            if index is None:
                continue
            attendance = attendance_share(self.profiles[index].key, day)
            if person.primary is not None and index != person.primary:
                attendance *= 0.5  # school holidays: half of the school mediators' days on another dispositif
            if rng.random() < attendance * person.fte * day.season:
                teams.setdefault(index, []).append(person)
        present = [p.id for index in sorted(teams) for p in teams[index]]
        for index in sorted(teams):
            self.dispositif_day(index, day, teams[index], present)
        for index, new in enumerate(self.new_situations):
            self.situations[index].extend(new)
            new.clear()

    def assignment(self, person: Person, day: DemoDay) -> int | None:
        if person.primary is not None:
            key = self.profiles[person.primary].key
            if attendance_share(key, day) > 0:
                return person.primary
            if key == "scolaire" and day.weekday < 5 and day.day_type != "FERIE":
                return 0  # the housing dispositif
            return None
        open_ = [(i, attendance_share(p.key, day) * p.weight) for i, p in enumerate(self.profiles)]
        open_ = [(i, w) for i, w in open_ if w > 0]
        if not open_:
            return None
        return Pick(open_)(self.rng)

    def coordinator_day(self, day: DemoDay, person: Person) -> None:
        rng = self.rng
        open_ = [i for i, p in enumerate(self.profiles) if p.key != "nuit" and attendance_share(p.key, day) > 0]
        if not open_:
            return
        for _ in range(poisson(rng, DAILY_RATE * person.factor)):
            index = open_[rng.randrange(len(open_))]
            lo, hi = COORDINATOR_HOURS(rng)
            minute = lo + 5 * rng.randrange((hi - lo) // 5)
            follow = bool(self.situations[index]) and rng.random() < self.profiles[index].follow_p
            self.intervention(index, day, minute, (person.id,), None, follow=follow)

    def dispositif_day(self, index: int, day: DemoDay, team: list[Person], present: Sequence[uuid.UUID]) -> None:
        rng = self.rng
        prof = self.profiles[index]
        rng.shuffle(team)
        groups: list[list[Person]] = []
        pool = list(team)
        while pool:
            if len(pool) >= 2 and rng.random() < prof.pair_p:
                groups.append([pool.pop(), pool.pop()])
            else:
                groups.append([pool.pop()])
        rate_day = daily_rate(prof.key, day)
        for group in groups:
            blocks = self.blocks(index, day, group)
            for person in group:
                others = [p for p in group if p is not person]
                for _ in range(poisson(rng, DAILY_RATE * person.factor * rate_day)):
                    mediators: tuple[uuid.UUID, ...] = (person.id,)
                    if others and rng.random() < prof.binome_p:
                        mediators = (person.id, others[0].id)
                    elif rng.random() < 0.06:  # an occasional binôme with a colleague at work that day
                        colleague = present[rng.randrange(len(present))]
                        if colleague != person.id:
                            mediators = (person.id, colleague)
                    follow = bool(self.situations[index]) and rng.random() < prof.follow_p
                    if blocks and not follow and rng.random() < prof.link_p:
                        block = blocks[rng.randrange(len(blocks))]
                        last = block.end - 5
                        if block.day.date == self.today:
                            last = min(last, 1435)  # nothing after midnight of today
                        minute = block.start + rng.randrange(max(1, last - block.start))
                        self.intervention(index, day, minute, mediators, block, follow=False)
                    else:
                        lo, hi = prof.outside(rng)
                        if prof.key == "scolaire" and day.weekday == 2:
                            lo, hi = minutes_of("07:30"), minutes_of("12:00")
                        minute = lo + 5 * rng.randrange(max(1, (hi - lo) // 5))
                        self.intervention(index, day, minute, mediators, None, follow=follow)

    # ----------------------------------------------------------------- presence blocks

    def blocks(self, index: int, day: DemoDay, group: list[Person]) -> list[Block]:
        rng = self.rng
        key = self.profiles[index].key
        specs: list[tuple[str, int, int, str, str | None, int]] = []  # type, start, end, places, site, contacts
        if key == "nuit":
            start = minutes_of(("18:00", "18:30", "19:00", "19:00", "19:30", "20:00")[rng.randrange(6)])
            end = minutes_of(("23:30", "00:00", "00:30", "01:00", "01:00")[rng.randrange(5)]) or 1440
            end += 1440 if end < start else 0
            kind = "TOURNEE_PIED" if rng.random() < 0.6 else "TOURNEE_VEHICULE"
            specs.append((kind, start, end, "NUIT", None, 8 + rng.randrange(33)))
        elif key == "habitat":
            if day.weekday == 1 and rng.random() < 0.7:
                specs.append(
                    ("PERMANENCE", minutes_of("10:00"), minutes_of("12:00"), "PERM", "tilleuls", rng.randrange(6))
                )
            start = minutes_of(("14:00", "15:00", "15:30", "16:00")[rng.randrange(4)])
            kind = "TOURNEE_PIED" if rng.random() < 0.8 else "TOURNEE_VEHICULE"
            residence = self.profiles[index].sites[rng.randrange(3)]
            specs.append((kind, start, start + 180 + 30 * rng.randrange(5), "HAB", residence, 5 + rng.randrange(26)))
        elif key == "droits":
            specs.append(
                ("PERMANENCE", minutes_of("09:00"), minutes_of("12:00"), "PERM", "permanence", rng.randrange(9))
            )
            if day.weekday != 2 and rng.random() < 0.8:
                specs.append(
                    ("PERMANENCE", minutes_of("14:00"), minutes_of("17:00"), "PERM", "permanence", rng.randrange(9))
                )
        elif key == "scolaire":
            specs.append(
                ("ETABLISSEMENT", minutes_of("07:45"), minutes_of("12:15"), "SCOL", "college", 10 + rng.randrange(41))
            )
            if day.weekday != 2:
                specs.append(
                    (
                        "ETABLISSEMENT",
                        minutes_of("13:15"),
                        minutes_of("17:00"),
                        "SCOL",
                        "college",
                        10 + rng.randrange(31),
                    )
                )
        elif key == "centre":
            if day.weekday == 5 and rng.random() < 0.15:
                specs.append(
                    (
                        "EVENEMENT",
                        minutes_of("10:00"),
                        minutes_of("17:00"),
                        "EVENT",
                        "clairiere",
                        30 + rng.randrange(121),
                    )
                )
            elif rng.random() < 0.2:
                specs.append(
                    ("TRANSPORT_BORD", minutes_of("16:00"), minutes_of("19:00"), "BORD", "gare", 10 + rng.randrange(51))
                )
            else:
                start = minutes_of(("13:30", "14:00", "15:00")[rng.randrange(3)])
                specs.append(
                    ("TOURNEE_PIED", start, start + 240 + 30 * rng.randrange(3), "CENTRE", None, 5 + rng.randrange(31))
                )
        made: list[Block] = []
        prof = self.profiles[index]
        for kind, start, end, places, site, contacts in specs:
            if self.in_future(day.date, end):
                continue  # today's block not over yet
            block_id = draw_uuid(rng)
            qpv: str | None
            if site is not None:
                _place, commune, qpv = self.site_info[site]
                site_id: uuid.UUID | None = self.site_ids[site]
            else:
                commune = prof.communes(rng)
                qpv = self.qpv_picks[commune](rng)
                site_id = None
            start_time = dt.time(start // 60, start % 60)
            end_time = dt.time((end // 60) % 24, end % 60)
            author = group[0].id
            row = self.sync(block_id, day, end, author)
            row.update(
                date=day.date,
                month=day.month,
                start_time=start_time,
                end_time=end_time,
                duration_min=block_duration(start_time, end_time),
                time_band=time_band(start_time),
                day_type=day.day_type,
                presence_type=kind,
                commune=commune,
                qpv=qpv,
                dispositif_id=self.dispositif_ids[index],
                site_id=site_id,
                informal_contacts=contacts,
            )
            self.batch.presences.append(row)
            self.batch.presence_mediators.extend({"presence_id": block_id, "mediator_id": p.id} for p in group)
            self.counts["presences"] += 1
            if kind.startswith("TOURNEE") and rng.random() < 0.08:
                family = "HAB" if places == "HAB" else "RUE"
                self.signalement(None, block_id, family, day, end, author)
            made.append(Block(block_id, day, start, end, commune, qpv, site_id, BLOCK_PLACES[places]))
        return made

    # ----------------------------------------------------------------- interventions

    def intervention(
        self,
        index: int,
        day: DemoDay,
        minute: int,
        mediators: tuple[uuid.UUID, ...],
        block: Block | None,
        *,
        follow: bool,
    ) -> None:
        """One intervention and its child rows; ``follow`` continues an earlier situation of the dispositif."""
        rng = self.rng
        prof = self.profiles[index]
        if minute >= 1440:  # after midnight during a night patrol: the next calendar day
            day = self.day(day.date + dt.timedelta(days=1))
            minute -= 1440
        follow_up: uuid.UUID | None = None
        situations = self.situations[index]
        if follow:
            first = situations[rng.randrange(len(situations))]
            follow_up, registre, sub, domain, commune, qpv, site_id, place, motifs = first
            if sub == "CONF_TR" and rng.random() < 0.4:
                sub = "CONF_DIF"
        else:
            registre = prof.registres(rng)
            pick_sub = SUB_REGISTRES.get(registre)
            sub = pick_sub(rng) if pick_sub is not None else None
            domain = prof.domains(rng)
            if block is not None:
                place, commune, qpv, site_id = block.places(rng), block.commune, block.qpv, block.site_id
                if rng.random() < 0.1:
                    site_id = None
            else:
                place, commune, qpv, site_id = self.place_of(prof)
            if prof.key == "centre" and place in ("TRANS_BORD", "TRANS_ARRET"):
                domain = "TRANSPORT"
            pick_motif = prof.motifs.get(registre, DEFAULT_MOTIFS)
            wanted = MOTIF_COUNT(rng) if registre != "VTEC" else MOTIF_COUNT(rng) // 2
            chosen: list[str] = []
            for _ in range(wanted * 2):
                if len(chosen) == wanted:
                    break
                motif = pick_motif(rng)
                if motif not in chosen:
                    chosen.append(motif)
            motifs = tuple(chosen)
        outcome = OUTCOMES["CONF_DIF" if sub == "CONF_DIF" else registre](rng)
        if outcome == "RELAIS_AUTORITE":
            tension = "3" if rng.random() < 0.8 else "2"
        else:
            tension = (TENSION_CONF if registre == "CONF" else TENSION_OTHER)(rng)
        if place == "DISTANCE":
            modality = "DISTANCE"
        elif sub == "CONF_DIF":
            modality = "ENTRE_PARTIES"
        else:
            u = rng.random()
            if u < 0.05:
                modality = "NR"
            elif u < 0.05 + prof.group_p:
                modality = "GROUPE"
            elif registre == "CONF" and u < 0.2 + prof.group_p:
                modality = "ENTRE_PARTIES"
            else:
                modality = "INDIVIDUEL"
        median, sigma = DURATIONS.get(sub or "", DURATIONS[registre])
        if rng.random() < 0.01:
            duration = 120 + rng.randrange(601)
        else:
            duration = max(1, round(rng.lognormvariate(math.log(median), sigma)))
            if duration >= 10:
                duration = 5 * round(duration / 5)
        if block is not None:
            block_end = block.end - (1440 if day.date != block.day.date else 0)
            duration = max(1, min(duration, block_end - minute))
        duration = min(duration, 720)
        if self.in_future(day.date, minute + duration):
            return  # later than now today
        record_id = draw_uuid(rng)
        start_time = dt.time(minute // 60, minute % 60)
        created, updated = self.stamps(day, minute + duration)
        b = self.batch
        # Children: publics, partners (and signalements for VTEC); mediators and motifs drawn above.
        publics = self.publics(prof, registre, modality, place)
        partners: dict[tuple[str, str], uuid.UUID | None] = {}
        by_type = self.partner_by_type
        if outcome == "ORIENTE" or (registre in ("CONF", "VSOC", "PAP") and rng.random() < 0.06):
            for _ in range(2 if rng.random() < 0.15 else 1):
                ptype = prof.orient(rng)
                partners[(ptype, "ORIENTE")] = by_type.get(ptype)
        if outcome == "RELAIS_AUTORITE":
            ptype = RELAIS(rng)
            partners[(ptype, "ALERTE")] = by_type.get(ptype)
        elif registre == "VSOC" and rng.random() < 0.3:
            ptype = VSOC_ALERT(rng)
            partners[(ptype, "ALERTE")] = by_type.get(ptype)
        if registre in ("CONF", "PAP", "SENS") and rng.random() < 0.04:
            partners[(prof.co_partner, "CO_INTERVENTION")] = by_type.get(prof.co_partner)
        if registre == "VTEC":
            family = PLACE_FAMILY.get(place, "AUTRE")
            recipient = self.signalement(record_id, None, family, day, minute + duration, mediators[0])
            if rng.random() < 0.2:
                self.signalement(record_id, None, family, day, minute + duration, mediators[0], exclude=recipient)
            if outcome == "SIGNALE":
                partners[(recipient[1], "ALERTE")] = by_type.get(recipient[1])
        consent = CONSENT(rng) if any(role == "ORIENTE" for _t, role in partners) else "NR"
        fields = InterventionFields(
            date=day.date,
            start_time=start_time,
            duration_min=duration,
            commune=commune,
            place=place,
            registre=registre,
            domain=domain,
            outcome=outcome,
            qpv=qpv,
            sub_registre=sub,
            origin=prof.origins(rng),
            modality=modality,
            tension=tension,
            consent=consent,
            motifs=motifs,
            publics=publics,
            partners=tuple(PartnerLink(ptype, role) for ptype, role in partners),
        )
        links = rows.Links(
            mediators, self.dispositif_ids[index], site_id, follow_up, block.id if block is not None else None
        )
        version = rows.Version(created, updated, self.device, mediators[0])
        b.interventions.append(
            rows.intervention_row(record_id, fields, links, version, calendar=self.calendar, vocab_version=self.version)
        )
        b.intervention_children.add(record_id, fields, mediators, partners)
        self.counts["interventions"] += 1
        if follow_up is None and registre in ("CONF", "MER", "VSOC") and outcome in OPEN_OUTCOMES:
            self.new_situations[index].append((record_id, registre, sub, domain, commune, qpv, site_id, place, motifs))

    def publics(self, prof: Profile, registre: str, modality: str, place: str) -> tuple[PublicCount, ...]:
        rng = self.rng
        if registre == "VTEC":
            rows = 0 if rng.random() < 0.7 else 1
        elif rng.random() < 0.04:
            rows = 0
        elif place == "DISTANCE":
            rows = 1
        else:
            rows = PUBLIC_ROWS(rng)
        counts: dict[tuple[str, str, str], int] = {}
        group = modality == "GROUPE"
        for i in range(rows):
            if group and i == 0 and rng.random() < 0.3:
                key = ("NR", "NC", "NC")  # a group whose make-up is unknown
                count = 3 + rng.randrange(13)
            else:
                ptype = prof.publics(rng)
                key = (ptype, AGES[ptype](rng), SEXES.get(ptype, SEX_DEFAULT)(rng))
                count = 3 + rng.randrange(10) if group and i == 0 else PUBLIC_COUNT(rng)
                if place == "DISTANCE":
                    count = 1
            counts[key] = counts.get(key, 0) + count
        return tuple(PublicCount(t, a, s, n) for (t, a, s), n in counts.items())

    def signalement(
        self,
        intervention_id: uuid.UUID | None,
        presence_id: uuid.UUID | None,
        family: str,
        day: DemoDay,
        end_minute: int,
        author: uuid.UUID,
        exclude: tuple[str, str] | None = None,
    ) -> tuple[str, str]:
        """One defect reported to its recipient; returns (signal type, recipient type)."""
        rng = self.rng
        signal = SIGNAL_TYPES[family](rng)
        if exclude is not None and signal == exclude[0]:
            signal = "AUTRE" if signal != "AUTRE" else "DEGRADATION"
        recipient = RECIPIENTS[family](rng)
        sent = day.date + dt.timedelta(days=0 if rng.random() < 0.7 else rng.randint(1, 3))
        sent = min(sent, self.today)
        u = rng.random()
        treated, treated_on = "INCONNU", None
        if u < 0.6:
            done = sent + dt.timedelta(days=rng.randint(1, 45))
            if done <= self.today:
                treated, treated_on = "OUI", done
        elif u < 0.75:
            treated = "NON"
        row = self.sync(draw_uuid(rng), day, end_minute, author)
        row.update(
            intervention_id=intervention_id,
            presence_id=presence_id,
            signal_type=signal,
            recipient_type=recipient,
            treated=treated,
            sent_on=sent,
            treated_on=treated_on,
        )
        self.batch.signalements.append(row)
        self.counts["signalements"] += 1
        return signal, recipient

    # ----------------------------------------------------------------- actions and meetings

    def working_days(self, dates: Sequence[dt.date], index: int | None) -> list[DemoDay]:
        days = [self.day(d) for d in dates]
        days = [d for d in days if d.weekday < 5 and d.day_type != "FERIE"]
        if index is not None and self.profiles[index].key == "scolaire":
            days = [d for d in days if not d.school_holiday]
        return days

    def actions(self, dates: Sequence[dt.date], teams: Sequence[Sequence[uuid.UUID]], lead: uuid.UUID | None) -> None:
        rng = self.rng
        field_count = len({m for t in teams for m in t})
        mean = (1.5 + 0.45 * field_count) * (0.3 if dates[0].month == 8 else 1.0) * len(dates) / 30
        weights = [(i, len(t) + 1.0) for i, t in enumerate(teams)]
        pick_dispositif = Pick(weights)
        for _ in range(poisson(rng, mean)):
            index = pick_dispositif(rng)
            prof = self.profiles[index]
            theme = prof.themes(rng)
            days = self.working_days(dates, index)
            if theme == "LIEN_SOCIAL":
                days = [self.day(d) for d in dates if d.weekday() == 5] or days
            if not days:
                continue
            day = days[rng.randrange(len(days))]
            registre = ACTION_REGISTRES(rng)
            if prof.key == "scolaire" or theme in ("PAIRS", "HARCELEMENT"):
                registre = "SENS" if theme != "PAIRS" else "PROJ"
                start, participants = (
                    (minutes_of("10:00"), minutes_of("14:00"))[rng.randrange(2)],
                    12 + rng.randrange(19),
                )
            elif registre == "CONC":
                start, participants = (
                    (minutes_of("18:00"), minutes_of("18:30"))[rng.randrange(2)],
                    8 + rng.randrange(23),
                )
            elif theme == "LIEN_SOCIAL":
                start, participants = minutes_of("15:00"), 20 + rng.randrange(21)
            else:
                start, participants = (
                    (minutes_of("10:00"), minutes_of("14:00"), minutes_of("17:00"))[rng.randrange(3)],
                    5 + rng.randrange(16),
                )
            duration = 60 + 15 * rng.randrange(9)
            if self.in_future(day.date, start + duration):
                continue
            site = prof.sites[rng.randrange(len(prof.sites))]
            place, commune, qpv = self.site_info[site]
            if place == "HAB_PC":
                place = "HAB_ABORDS" if theme == "LIEN_SOCIAL" else "EQUIP"
            action_id = draw_uuid(rng)
            team = list(teams[index]) or ([lead] if lead else [])
            if not team:
                team = [p.id for p in self.people]
            chosen = rng.sample(team, min(len(team), 1 + rng.randrange(3)))
            if lead is not None and lead not in chosen and rng.random() < 0.3:
                chosen.append(lead)
            row = self.sync(action_id, day, start + duration, chosen[0])
            titles = ACTION_TITLES[theme]
            row.update(
                date=day.date,
                month=day.month,
                start_time=dt.time(start // 60, start % 60),
                duration_min=duration,
                dispositif_id=self.dispositif_ids[index],
                site_id=self.site_ids[site],
                commune=commune,
                qpv=qpv,
                place=place,
                registre=registre,
                theme=theme,
                title=titles[rng.randrange(len(titles))],
                participants=participants,
            )
            b = self.batch
            b.actions.append(row)
            b.action_mediators.extend({"action_id": action_id, "mediator_id": m} for m in chosen)
            remaining = participants - rng.randrange(participants // 3 + 1)  # part of the room not described
            publics: dict[tuple[str, str, str], int] = {}
            for _ in range(1 + rng.randrange(3)):
                if remaining <= 0:
                    break
                ptype = "ENFANT_ELEVE" if prof.key == "scolaire" and rng.random() < 0.8 else ACTION_PUBLICS(rng)
                key = (ptype, AGES[ptype](rng), SEXES.get(ptype, SEX_DEFAULT)(rng))
                count = 1 + rng.randrange(remaining)
                publics[key] = publics.get(key, 0) + count
                remaining -= count
            b.action_publics.extend(
                {"action_id": action_id, "public_type": t, "age_band": a, "sex": s, "count": n}
                for (t, a, s), n in publics.items()
            )
            types = {ACTION_PARTNERS(rng) for _ in range(rng.randrange(3))}
            b.action_partners.extend(
                {"action_id": action_id, "partner_type": t, "partner_id": self.partner_by_type.get(t)}
                for t in sorted(types)
            )
            self.counts["actions"] += 1

    def meetings(self, dates: Sequence[dt.date], teams: Sequence[Sequence[uuid.UUID]], lead: uuid.UUID | None) -> None:
        rng = self.rng
        month = dates[0].month
        keys = {p.key: i for i, p in enumerate(self.profiles)}
        share = len(dates) / 30
        planned: list[str] = []
        extra = len({m for t in teams for m in t}) / 20  # a bigger team covers more residences and schools
        for meeting_type, per_month in (
            ("GUP", 1.0),
            ("CELLULE_VEILLE", 1.0 + extra / 4),
            ("CLSPD", 1.0 if month in (3, 6, 10, 12) else 0.4),
            ("BAILLEUR", 2.0 + extra if "habitat" in keys else 0.0),
            ("EQUIPE_EDUC", 2.0 + extra / 2 if "scolaire" in keys and month not in (7, 8) else 0.0),
            ("COMMANDITAIRE", 1.0 if month in (1, 4, 7, 10) else 0.1),
            ("RESEAU", 0.25),
            ("AUTRE", 0.2),
        ):
            mean = per_month * share * (0.3 if month == 8 else 1.0)
            planned.extend([meeting_type] * poisson(rng, mean))
        for meeting_type in planned:
            subjects, partner_types, dispositif_key = MEETINGS[meeting_type]
            index = keys.get(dispositif_key) if dispositif_key else None
            days = self.working_days(dates, index)
            if not days:
                continue
            day = days[rng.randrange(len(days))]
            meeting_id = draw_uuid(rng)
            duration = (60, 90, 90, 120, 120, 150, 180)[rng.randrange(7)]
            if self.in_future(day.date, minutes_of("11:00") + duration):
                continue
            pool = list(teams[index]) if index is not None else [p for t in teams for p in t]
            chosen = [lead] if lead is not None else []
            if pool and (not chosen or rng.random() < 0.5):
                other = pool[rng.randrange(len(pool))]
                if other not in chosen:
                    chosen.append(other)
            if not chosen:
                chosen = [self.people[0].id]
            row = self.sync(meeting_id, day, minutes_of("11:00") + duration, chosen[0])
            row.update(
                date=day.date,
                month=day.month,
                duration_min=duration,
                meeting_type=meeting_type,
                subject=subjects[rng.randrange(len(subjects))],
                dispositif_id=self.dispositif_ids[index] if index is not None else None,
            )
            b = self.batch
            b.meetings.append(row)
            b.meeting_mediators.extend({"meeting_id": meeting_id, "mediator_id": m} for m in chosen)
            present = [t for t in partner_types if rng.random() < 0.85] or [partner_types[0]]
            b.meeting_partners.extend({"meeting_id": meeting_id, "partner_type": t} for t in present)
            self.counts["meetings"] += 1

    # ----------------------------------------------------------------- writing

    def flush(self, conn: Connection) -> None:
        """Write the month: presence blocks, then interventions (through the shared row module), then the rest."""
        batch = self.batch
        tables = batch.tables()
        for table, table_rows in tables[:2]:
            bulk_insert_dicts(conn, table, table_rows)
        rows.insert_interventions(conn, batch.interventions, batch.intervention_children)
        for table, table_rows in tables[2:]:
            bulk_insert_dicts(conn, table, table_rows)
        self.batch = Batch()
