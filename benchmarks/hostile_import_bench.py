"""Hostile import benchmark: files built to hurt the JSONL import, against raw ``json.loads``.

Run: ``.venv/bin/python benchmarks/hostile_import_bench.py [--case NAME ...] [--timeout 600]``

1. Writes each hostile file once (streamed to disk, never held in memory):

   - ``long_line``: one 35 MB line whose ``motifs`` hold 3 million unknown codes;
   - ``mediators_line``: one line naming 200,000 new mediators;
   - ``new_mediators``: 400 valid lines naming 10 new mediators each (4,000 mediators to create;
     before the file cap of 500 new mediators, about 35 to 50 s: ``next_pseudonym`` scanned every
     pseudonym for each new one), and ``new_mediators_500`` (50 lines, 500 mediators, the cap);
   - ``same_dispositif``: 100,000 lines naming the same unknown dispositif;
   - ``distinct_codes``: 100,000 lines, each with its own unknown ``place`` code;
   - ``deep_array`` / ``deep_object``: ``[[[…]]]`` and ``{"a":{"a":…}}`` 100,000 levels deep, and
     ``deep_array_64k`` / ``deep_object_64k``: 30,000 and 10,000 levels, within the line cap;
   - ``zeros``: 200 MB of NUL bytes and no line end (what ``/dev/zero`` would give);
   - ``valid``: for comparison, the 100,000 valid lines of ``benchmarks/import_bench.py``.

2. Imports each file into a fresh copy of a migrated database (one structure, one dispositif),
   in a child process, and reports its time, its peak memory (``ru_maxrss`` of the child: the
   interpreter and the libraries count for about 65 MB), the size of what the command line would
   print, and how it ended (refused, imported, or the exception that escaped).

3. Baseline, in another child process: ``json.loads`` of the same bytes, line by line (``readline``
   on the binary file, as a naive reader would), with its time and peak memory; ``ratio`` is the
   import time over the baseline time.

The last line of the output is one JSON object holding every figure.  A case that runs longer than
``--timeout`` seconds is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

TODAY = dt.date(2026, 11, 25)
TEAM: list[dict[str, str]] = []  # the mediators of the template database
DISPOSITIF = "Médiation habitat"
BASE = {
    "date": "2026-10-14",
    "start": "14:30",
    "duration_min": 20,
    "mediators": ["MED-01"],
    "dispositif": DISPOSITIF,
    "commune": "75056",
    "place": "HAB_PC",
    "registre": "CONF",
    "domain": "HABITAT",
    "motifs": ["HALL"],
    "publics": [],
    "partners": [],
    "outcome": "APAISE",
}


def _line(**changes: Any) -> bytes:
    return json.dumps(dict(BASE, **changes), ensure_ascii=False).encode() + b"\n"


def _long_line(out: Any) -> None:
    head = json.dumps(dict(BASE, motifs=[])).encode()
    cut = head.index(b'"motifs": [') + len(b'"motifs": [')
    out.write(head[:cut])
    for start in range(0, 3_000_000, 100_000):
        out.write(b",".join(b'"BAD%07d"' % n for n in range(start, start + 100_000)))
        if start + 100_000 < 3_000_000:
            out.write(b",")
    out.write(head[cut:] + b"\n")


def _mediators_line(out: Any) -> None:
    out.write(_line(mediators=[f"Médiatrice {n}" for n in range(200_000)]))


def _new_mediators(out: Any, lines: int = 400) -> None:
    for n in range(lines):
        out.write(_line(mediators=[f"Médiateur {n * 10 + k}" for k in range(10)]))


def _new_mediators_500(out: Any) -> None:
    _new_mediators(out, 50)


def _same_dispositif(out: Any) -> None:
    line = _line(dispositif="Dispositif inconnu")
    for _ in range(100_000):
        out.write(line)


def _distinct_codes(out: Any) -> None:
    for n in range(100_000):
        out.write(_line(place=f"LIEU_{n:06d}"))


def _deep_array(out: Any) -> None:
    out.write(b"[" * 100_000 + b"]" * 100_000 + b"\n")


def _deep_object(out: Any) -> None:
    out.write(b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"\n")


def _deep_array_64k(out: Any) -> None:
    out.write(b"[" * 30_000 + b"]" * 30_000 + b"\n")


def _deep_object_64k(out: Any) -> None:
    out.write(b'{"a":' * 10_000 + b"1" + b"}" * 10_000 + b"\n")


def _zeros(out: Any) -> None:
    block = b"\0" * (1 << 20)
    for _ in range(200):
        out.write(block)


def _valid(out: Any) -> None:
    import import_bench  # next to this script

    path = Path(out.name + ".tmp")
    import_bench.write_jsonl(path, 100_000, 7, TEAM, TODAY)
    with path.open("rb") as source:
        shutil.copyfileobj(source, out)
    path.unlink()


CASES: dict[str, Callable[[Any], None]] = {
    "long_line": _long_line,
    "mediators_line": _mediators_line,
    "new_mediators_500": _new_mediators_500,
    "new_mediators": _new_mediators,
    "same_dispositif": _same_dispositif,
    "distinct_codes": _distinct_codes,
    "deep_array": _deep_array,
    "deep_object": _deep_object,
    "deep_array_64k": _deep_array_64k,
    "deep_object_64k": _deep_object_64k,
    "zeros": _zeros,
    "valid": _valid,
}


# --------------------------------------------------------------------------- children


def _peak_mb() -> float:
    """Peak resident memory of this process.  ``ru_maxrss`` survives fork and exec on Linux (a child
    would report its parent's peak), so the kernel's high-water mark of this process comes first."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _child_import(db_path: Path, path: Path) -> dict[str, Any]:
    from medios.db import open_database
    from medios.services.interchange import ImportFailed, import_jsonl

    db = open_database(db_path)
    base_mb = _peak_mb()
    start = time.perf_counter()
    printed: list[str] = []
    try:
        report = import_jsonl(db, path, today=TODAY)
    except ImportFailed as exc:
        outcome = "refused"
        printed.append(str(exc))
        errors = getattr(exc, "error_count", len(exc.errors))
    except BaseException as exc:  # noqa: BLE001 - the benchmark reports what escaped
        outcome = f"crash: {type(exc).__name__}"
        printed.append(f"{type(exc).__name__}: {str(exc)[:200]}")
        errors = -1
    else:
        outcome = f"imported {report.created}"
        printed.extend(report.summary_lines())
        printed.extend(report.error_lines())
        errors = getattr(report, "error_count", len(report.errors))
    seconds = time.perf_counter() - start
    db.dispose()
    text = "\n".join(printed)
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "base_mb": base_mb,
        "output_bytes": len(text.encode("utf-8", "replace")),
        "outcome": outcome,
        "errors": errors,
        "first_line": text.splitlines()[0][:160] if text else "",
    }


def _child_json(path: Path) -> dict[str, Any]:
    base_mb = _peak_mb()
    start = time.perf_counter()
    decoded = failed = 0
    with path.open("rb") as handle:
        for raw in iter(handle.readline, b""):
            try:
                json.loads(raw)
                decoded += 1
            except (ValueError, RecursionError):
                failed += 1
    return {
        "seconds": time.perf_counter() - start,
        "peak_mb": _peak_mb(),
        "base_mb": base_mb,
        "decoded": decoded,
        "failed": failed,
    }


def _run_child(args: list[str], timeout: float) -> dict[str, Any]:
    """Run this script in a child process; its last stdout line is a JSON object."""
    try:
        done = subprocess.run(
            [sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"failed": done.returncode, "stderr": done.stderr[-400:]}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# --------------------------------------------------------------------------- parent


def _template(work: Path) -> Path:
    from medios.db import open_database
    from medios.db.engine import driver_execute
    from medios.services import structure

    template = work / "template.db"
    db = open_database(template)
    structure.init_structure(db, "Banc d'essai")
    import import_bench  # next to this script

    for name in import_bench.DISPOSITIFS:
        structure.create_dispositif(db, name, "HABITAT", dt.date(2020, 1, 1))
    for n in range(1, 21):  # the team of the valid file, named by id and pseudonym
        mediator = structure.create_mediator(db, f"Médiateur {n}")
        TEAM.append({"id": str(mediator.id), "pseudonym": mediator.pseudonym})
    with db.engine.connect() as conn:
        driver_execute(conn, "PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return template


def _files(work: Path, names: list[str]) -> Iterator[tuple[str, Path]]:
    for name in names:
        path = work / f"{name}.jsonl"
        with path.open("wb") as out:
            CASES[name](out)
        yield name, path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only these cases")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds allowed to each child")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("MEDIOS_HOME", str(Path(args.child[-1]).parent / "home"))
        if args.child[0] == "import":
            print(json.dumps(_child_import(Path(args.child[1]), Path(args.child[2]))))
        else:
            print(json.dumps(_child_json(Path(args.child[1]))))
        return 0

    import sqlalchemy

    work = Path(tempfile.mkdtemp(prefix="medios-hostile-"))
    os.environ["MEDIOS_HOME"] = str(work / "home")
    figures: dict[str, Any] = {}
    try:
        template = _template(work)
        print(f"machine     : {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"versions    : SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}")
        print(
            f"{'case':<16} {'file':>9} {'import':>9} {'peak':>8} {'printed':>10} {'json':>8} {'peak':>8} {'ratio':>6}"
        )
        for name, path in _files(work, args.case or list(CASES)):
            size_mb = path.stat().st_size / 1e6
            db_path = work / f"{name}.db"
            shutil.copy2(template, db_path)
            imported = _run_child(["--child", "import", str(db_path), str(path)], args.timeout)
            baseline = _run_child(["--child", "json", str(path)], args.timeout)
            path.unlink()
            db_path.unlink()
            figures[f"{name}_file_mb"] = round(size_mb, 1)
            if "seconds" in imported:
                figures[f"{name}_s"] = round(imported["seconds"], 3)
                figures[f"{name}_peak_mb"] = round(imported["peak_mb"])
                figures[f"{name}_printed_kb"] = round(imported["output_bytes"] / 1024, 1)
                figures[f"{name}_outcome"] = imported["outcome"]
                figures[f"{name}_errors"] = imported["errors"]
                shown = (
                    f"{imported['seconds']:8.2f}s {imported['peak_mb']:6.0f}MB {imported['output_bytes'] / 1024:8.1f}kB"
                )
            else:
                figures[f"{name}_s"] = None
                figures[f"{name}_outcome"] = f"timeout > {args.timeout:.0f} s" if "timeout" in imported else "failed"
                shown = f"{'> ' + format(args.timeout, '.0f') + 's':>9} {'-':>8} {'-':>10}"
            if "seconds" in baseline:
                figures[f"{name}_json_s"] = round(baseline["seconds"], 3)
                figures[f"{name}_json_peak_mb"] = round(baseline["peak_mb"])
                json_shown = f"{baseline['seconds']:7.2f}s {baseline['peak_mb']:6.0f}MB"
            else:
                json_shown = f"{'-':>8} {'-':>8}"
            ratio = None
            if "seconds" in imported and "seconds" in baseline:
                ratio = imported["seconds"] / max(baseline["seconds"], 1e-3)
                figures[f"{name}_ratio_json"] = round(ratio, 1)
            ratio_shown = f"{ratio:6.1f}" if ratio is not None else f"{'-':>6}"
            print(f"{name:<16} {size_mb:7.1f}MB {shown} {json_shown} {ratio_shown}")
            print(f"{'':<16} -> {figures[f'{name}_outcome']}: {imported.get('first_line', imported.get('stderr', ''))}")
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
