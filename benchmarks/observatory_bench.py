"""Observatory export benchmark: a year's file, then twelve months and the year linked, on a big base.

Run: ``.venv/bin/python benchmarks/observatory_bench.py --db PATH [--year 2025] [--linked]`` on a migrated
copy of a big demo base (``medios demo --months 120 --mediators 40``).  The base is copied to a temporary
folder first (an export writes its ledger), its observatory identifier set.

1. ``year``: :func:`medios.services.observatory.exporter.prepare` then ``export`` for the year alone
   (figures, cells, primary and secondary suppression, audit, CNIL tests, the ZIP, its re-audit from the
   bytes, the ledger): time (target of issue 9: under 5 s), cells, masked cells, share of the value hidden.
2. ``linked`` (``--linked``): the twelve months of the year exported one by one, then the year, each
   protected with the files already sent; time of each, and the audit of the thirteen files together.
3. ``tau``: the year's « interventions by commune × domain » table (with its margins) protected alone by
   Médios's ``protect`` and by τ-Argus through ``pytauargus`` (modular and optimal) on the same microdata
   (one row per intervention), each τ-Argus pattern then audited by Médios's auditor.  τ-Argus's
   frequency rule asks for a protection interval proportional to the cell's value: ``FREQ(11,10)`` (10 %)
   leaves intervals narrower than the threshold of 11 that Médios requires; ``FREQ(11,100)`` (100 %) is
   the setting whose patterns pass that audit, the comparison at equal protection.  τ-Argus's modular
   time is the baseline of the ratios.  ``pip install -e '.[bench]'`` installs pytauargus.

The last line is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from medios.db import open_database
from medios.referentiel import active
from medios.services.aggregates import Period
from medios.services.indicators import month_figures
from medios.services.observatory import cells, exporter, suppression
from medios.services.observatory.model import ALL, TOTAL, CellKey, Equation, Published, Release, Structure

THRESHOLD = 11


def _copy(source: Path, folder: Path) -> Path:
    target = folder / "base.db"
    shutil.copy2(source, target)
    con = sqlite3.connect(target)
    con.execute("UPDATE structure SET observatory_id = 'OBS-BENCH'")
    con.commit()
    con.close()
    return target


def _export(db: Any, period: str, folder: Path) -> dict[str, Any]:
    started = time.perf_counter()
    prepared = exporter.prepare(db, period, threshold=THRESHOLD)
    done = exporter.export(db, prepared, folder / f"{period}.zip", confirm_open_months=True)
    seconds = time.perf_counter() - started
    release = prepared.release
    return {
        "period": period,
        "seconds": round(seconds, 2),
        "cells": len(release.values),
        "masked": len(release.masked),
        "hidden_share": round(suppression.hidden_share(release), 4),
        "earlier_files": len(prepared.earlier),
        "ok": done.verdict.ok,
    }


def _commune_domain(release: Release) -> tuple[Release, Structure, list[dict[str, Any]]]:
    """The commune × domain table of the interventions (margins included) and its microdata."""
    cells = {
        key: value
        for key, value in release.values.items()
        if key.indicator == "NB_INTERVENTIONS"
        and key.dimension == TOTAL
        and key.territory_level in ("COMMUNE", "STRUCTURE")
        and (key.territory_level == "COMMUNE" or key.domain != ALL or key.territory_code == ALL)
    }
    communes = sorted({k.territory_code for k in cells if k.territory_level == "COMMUNE"})
    domains = sorted({k.domain for k in cells if k.domain != ALL})

    def key(commune: str | None, domain: str | None) -> CellKey:
        if commune is None:
            return CellKey("NB_INTERVENTIONS", domain=domain or ALL)
        return CellKey("NB_INTERVENTIONS", "COMMUNE", commune, domain or ALL)

    values = {key(c, d): cells.get(key(c, d), 0) for c in [None, *communes] for d in [None, *domains]}
    equations = [Equation(key(c, None), tuple(key(c, d) for d in domains)) for c in [None, *communes]]
    equations += [Equation(key(None, d), tuple(key(c, d) for c in communes)) for d in [None, *domains]]
    rows = [{"commune": c, "domain": d, "n": 1} for c in communes for d in domains for _ in range(values[key(c, d)])]
    return Release(release.period, release.months, values), Structure(tuple(equations)), rows


def _tau_key(row: dict[str, Any]) -> CellKey:
    commune, domain = (str(row[name]).strip() for name in ("commune", "domain"))
    domain = ALL if domain == "Total" else domain
    if commune == "Total":
        return CellKey("NB_INTERVENTIONS", domain=domain)
    return CellKey("NB_INTERVENTIONS", "COMMUNE", commune, domain)


def _tau(
    rows: list[dict[str, Any]], method: str, percent: int, release: Release, structure: Structure
) -> dict[str, Any] | None:
    """τ-Argus's pattern for the table (``FREQ(11,percent)``), and whether it passes Médios's audit."""
    try:
        from pytauargus import protect as tau_protect
    except ImportError:
        return None
    rule = f"FREQ({THRESHOLD},{percent})"
    with tempfile.TemporaryDirectory(prefix="tauargus-") as folder, contextlib.chdir(folder):
        started = time.perf_counter()
        result = tau_protect(rows, ["commune", "domain"], "n", safety_rules=rule, suppress=method, workdir=folder)
        seconds = time.perf_counter() - started
    cells = result.tables[0].rows
    masked = frozenset(_tau_key(c) for c in cells if c["status"] in ("U", "M"))
    pattern = dataclasses.replace(release, masked=masked)
    seen = {key: None if key in masked else value for key, value in release.values.items()}
    verdict = suppression.audit([Published(release.period, release.months, seen)], structure, THRESHOLD)
    return {
        "rule": rule,
        "cells": len(cells),
        "masked": len(masked),
        "hidden_share": round(suppression.hidden_share(pattern), 4),
        "seconds": round(seconds, 3),
        "passes_medios_audit": verdict.ok,
        "cells_at_risk": len(verdict.risks),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--linked", action="store_true", help="also the twelve months then the year, linked")
    args = parser.parse_args()
    figures: dict[str, Any] = {"year": args.year, "threshold": THRESHOLD}
    with tempfile.TemporaryDirectory(prefix="observatoire-") as name:
        folder = Path(name)
        db = open_database(_copy(args.db, folder))
        try:
            figures["year_alone"] = _export(db, str(args.year), folder)
            print(
                f"année {args.year} seule : {figures['year_alone']['seconds']} s (objectif < 5 s), "
                f"{figures['year_alone']['masked']} masquées sur {figures['year_alone']['cells']}, "
                f"part cachée {figures['year_alone']['hidden_share']:.2%}"
            )
            period = Period.year(args.year)
            raw = cells.release_of(month_figures(db, period), str(args.year), period.months(), active())
        finally:
            db.dispose()
        release, structure, rows = _commune_domain(raw)
        started = time.perf_counter()
        ours = suppression.protect(release, structure, THRESHOLD)
        figures["commune_domain"] = {
            "cells": len(release.values),
            "interventions": len(rows),
            "medios": {
                "masked": len(ours.masked),
                "hidden_share": round(suppression.hidden_share(ours), 4),
                "seconds": round(time.perf_counter() - started, 3),
            },
            "tau_mod": _tau(rows, "MOD(1)", 100, release, structure),
            "tau_opt": _tau(rows, "OPT(1)", 100, release, structure),
            "tau_mod_10": _tau(rows, "MOD(1)", 10, release, structure),
        }
        table = figures["commune_domain"]
        print(f"table commune × domaine ({table['cells']} cellules, {len(rows)} interventions) :")
        for method in ("medios", "tau_mod", "tau_opt", "tau_mod_10"):
            item = table[method]
            if item is None:
                print(f"  {method:10} pytauargus absent")
                continue
            audit = ""
            if "rule" in item:
                audit = f" ({item['rule']}, " + (
                    "passe l'audit Médios)"
                    if item["passes_medios_audit"]
                    else f"échoue à l'audit Médios : {item['cells_at_risk']} cellules trop précises)"
                )
            print(
                f"  {method:10} {item['masked']:4} masquées, part cachée {item['hidden_share']:.2%}, "
                f"{item['seconds']} s{audit}"
            )
        if table["tau_mod"]:
            figures["year_ratio_vs_tau_mod"] = round(
                figures["year_alone"]["seconds"] / max(table["tau_mod"]["seconds"], 1e-9), 2
            )
            print(f"  ratio du temps de l'année seule / τ-Argus modulaire : {figures['year_ratio_vs_tau_mod']}")
        if args.linked:
            linked_folder = folder / "linked"
            linked_folder.mkdir()
            db = open_database(_copy(args.db, linked_folder))
            try:
                steps = [_export(db, f"{args.year}-{m:02d}", linked_folder) for m in range(1, 13)]
                steps.append(_export(db, str(args.year), linked_folder))
            finally:
                db.dispose()
            started = time.perf_counter()
            verdict = exporter.check_files(sorted(linked_folder.glob("*.zip")))
            figures["linked"] = {
                "files": steps,
                "seconds": round(sum(s["seconds"] for s in steps), 2),
                "check_s": round(time.perf_counter() - started, 2),
                "check_ok": verdict.ok,
            }
            for step in steps:
                print(
                    f"  {step['period']:8} {step['seconds']:7} s  {step['masked']:4} masquées sur {step['cells']:4}"
                    f"  part cachée {step['hidden_share']:.2%}"
                )
            print(f"treize fichiers liés : {figures['linked']['seconds']} s ; {exporter.verdict_text(verdict)}")
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
