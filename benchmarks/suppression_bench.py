"""Secondary suppression benchmark: Médios's ``protect`` beside τ-Argus (pytauargus) on the same tables.

Run: ``.venv/bin/python benchmarks/suppression_bench.py [--seed 1] [--communes 20] [--interventions 3000]``.

Synthetic two-way tables « interventions by commune × registre » (with their margins): a few large
communes and many small ones, as in a structure's activity.  Each table is protected by
:func:`medios.services.observatory.suppression.protect` (threshold 11: interval of every masked cell at
least 11 wide, checked by :func:`audit`) and by τ-Argus through ``pytauargus.protect`` (frequency rule
``FREQ(11,10)``, modular ``MOD`` and optimal ``OPT`` secondary suppression), on the same microdata.
Printed per method: cells, masked cells, share of the total value hidden, time.  The criteria differ:
τ-Argus protects with a safety range relative to the cell, Médios with an absolute width; the figures
compare how much each hides, not the same guarantee.  The baseline of the time is τ-Argus's modular run
in the same process.  Last line: one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import tempfile
import time
from collections import Counter
from typing import Any

from medios.services.observatory.model import CellKey, Equation, Published, Release, Structure
from medios.services.observatory.suppression import audit, hidden_share, protect

THRESHOLD = 11
REGISTRES = ("CONF", "MER", "VSOC", "VTEC", "PAP", "SENS")


def _microdata(seed: int, communes: int, interventions: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    weights = [rng.choice((1, 2, 5, 20, 60)) for _ in range(communes)]
    names = [f"C{i:03d}" for i in range(communes)]
    registre_weights = (30, 25, 8, 15, 20, 4)
    return [
        {"commune": rng.choices(names, weights)[0], "registre": rng.choices(REGISTRES, registre_weights)[0], "n": 1}
        for _ in range(interventions)
    ]


def _key(commune: str | None, registre: str | None) -> CellKey:
    level, code = ("COMMUNE", commune) if commune else ("STRUCTURE", "*")
    dimension, modality = ("REGISTRE", registre) if registre else ("TOTAL", "*")
    return CellKey("NB_INTERVENTIONS", level, code, "*", dimension, modality)  # type: ignore[arg-type]


def _release(rows: list[dict[str, Any]]) -> tuple[Release, Structure]:
    counts = Counter((r["commune"], r["registre"]) for r in rows)
    communes = sorted({c for c, _ in counts})
    values: dict[CellKey, int] = {}
    for c in [None, *communes]:
        for g in [None, *REGISTRES]:
            values[_key(c, g)] = sum(
                n for (cc, gg), n in counts.items() if (c is None or cc == c) and (g is None or gg == g)
            )
    equations = [Equation(_key(c, None), tuple(_key(c, g) for g in REGISTRES)) for c in [None, *communes]]
    equations += [Equation(_key(None, g), tuple(_key(c, g) for c in communes)) for g in [None, *REGISTRES]]
    return Release("2026-11", (202611,), values), Structure(tuple(equations))


def _tau(rows: list[dict[str, Any]], method: str) -> dict[str, Any]:
    from pytauargus import protect as tau_protect

    # τ-Argus writes its work files and solver logs in the current folder: keep them out of the checkout.
    with tempfile.TemporaryDirectory(prefix="tauargus-") as folder, contextlib.chdir(folder):
        started = time.perf_counter()
        result = tau_protect(
            rows, ["commune", "registre"], "n", safety_rules=f"FREQ({THRESHOLD},10)", suppress=method, workdir=folder
        )
        seconds = time.perf_counter() - started
    cells = result.tables[0].rows
    masked = [c for c in cells if c["status"] in ("U", "M")]  # U: primary (unsafe), M: secondary
    total = sum(float(c["n"]) for c in cells)  # margins included, as hidden_share counts them
    hidden = sum(float(c["n"]) for c in masked) / total if total else 0.0
    return {"cells": len(cells), "masked": len(masked), "hidden_share": round(hidden, 4), "seconds": round(seconds, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--communes", type=int, default=20)
    parser.add_argument("--interventions", type=int, default=3000)
    args = parser.parse_args()
    rows = _microdata(args.seed, args.communes, args.interventions)
    release, structure = _release(rows)

    started = time.perf_counter()
    protected = protect(release, structure, THRESHOLD)
    protect_s = time.perf_counter() - started
    started = time.perf_counter()
    verdict = audit([Published(protected.period, protected.months, protected.published())], structure, THRESHOLD)
    audit_s = time.perf_counter() - started
    medios = {
        "cells": len(protected.values),
        "masked": len(protected.masked),
        "hidden_share": round(hidden_share(protected), 4),
        "seconds": round(protect_s, 3),
        "audit_s": round(audit_s, 3),
        "audit_ok": verdict.ok,
    }
    figures: dict[str, Any] = {"seed": args.seed, "communes": args.communes, "interventions": args.interventions}
    figures["medios"] = medios
    try:
        figures["tau_mod"] = _tau(rows, "MOD(1)")
        figures["tau_opt"] = _tau(rows, "OPT(1)")
    except ImportError:
        figures["tau_mod"] = figures["tau_opt"] = None
    print(f"table       : {args.communes} communes × {len(REGISTRES)} registres, {args.interventions} interventions")
    for name in ("medios", "tau_mod", "tau_opt"):
        item = figures[name]
        if item is None:
            print(f"  {name:8}    pytauargus absent")
            continue
        print(
            f"  {name:8}    {item['masked']:4} masquées sur {item['cells']:4}   part cachée {item['hidden_share']:.1%}"
            f"   {item['seconds'] * 1000:8.1f} ms"
        )
    if figures["tau_mod"]:
        figures["time_ratio_vs_tau_mod"] = round(protect_s / max(figures["tau_mod"]["seconds"], 1e-9), 2)
        print(f"  ratio du temps (Médios / τ-Argus modulaire) : {figures['time_ratio_vs_tau_mod']}")
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
