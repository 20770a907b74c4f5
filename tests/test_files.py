"""medios.files.open_output: one rule for every file the application writes."""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from medios.files import OutputError, describe_os_error, open_output


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_new_file_is_written_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "nouveau.jsonl"
    with open_output(target) as handle:
        handle.write("é\n")
    assert target.read_bytes() == "é\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_a_regular_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "export.jsonl"
    target.write_text("ancien\n", encoding="utf-8")
    before = target.stat().st_ino
    with open_output(str(target)) as handle:
        handle.write("nouveau\r\n")  # no newline translation
        # nothing is visible under the target's name until the block ends
        assert target.read_text(encoding="utf-8") == "ancien\n"
    assert target.read_bytes() == b"nouveau\r\n"
    assert target.stat().st_ino != before  # a new file renamed over the old one
    assert leftovers(tmp_path) == []


def test_binary_mode(tmp_path: Path) -> None:
    target = tmp_path / "bilan.xlsx"
    with open_output(target, binary=True) as handle:
        handle.write(b"PK\x03\x04")
    assert target.read_bytes() == b"PK\x03\x04"


@pytest.mark.parametrize("interruption", [RuntimeError("bogue au milieu"), KeyboardInterrupt()])
def test_a_failure_midway_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, interruption: BaseException
) -> None:
    target = tmp_path / "export.jsonl"
    target.write_text("ancien\n", encoding="utf-8")
    with pytest.raises(type(interruption)), open_output(target) as handle:
        handle.write("moitié d'un fichier")
        assert len(leftovers(tmp_path)) == 1  # the temporary file sits next to the target
        raise interruption
    assert target.read_text(encoding="utf-8") == "ancien\n"
    assert leftovers(tmp_path) == []


def test_a_symlink_survives_and_its_target_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "réel" / "export.jsonl"
    real.parent.mkdir()
    real.write_text("ancien\n", encoding="utf-8")
    link = tmp_path / "lien.jsonl"
    link.symlink_to(real)
    with open_output(link) as handle:
        handle.write("nouveau\n")
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == "nouveau\n"
    assert leftovers(real.parent) == [] and leftovers(tmp_path) == []


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "lien.jsonl"
    link.symlink_to(tmp_path / "cible.jsonl")
    with open_output(link) as handle:
        handle.write("x\n")
    assert link.is_symlink() and (tmp_path / "cible.jsonl").read_text(encoding="utf-8") == "x\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        with open_output(fifo) as handle:
            handle.write("par le tube\n")
    finally:
        reader.join(timeout=5)  # the reader ends once the writer closed the pipe
        if reader.is_alive() and stat.S_ISFIFO(os.stat(fifo).st_mode):
            try:  # the write failed before opening: a reader still waits, let it go
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:  # ENXIO: it left meanwhile
                pass
        reader.join(timeout=30)
    assert received == [b"par le tube\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert leftovers(tmp_path) == []


def test_a_character_device_is_written_directly_not_replaced(tmp_path: Path) -> None:
    """As root, the old atomic write renamed a regular file over /dev/null; a copy of its node shows it."""
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.stat("/dev/null").st_rdev)
    except (PermissionError, AttributeError, OSError) as exc:
        pytest.skip(f"cannot create a device node here: {exc}")
    with open_output(device) as handle:
        handle.write("perdu\n")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert device.stat().st_rdev == os.stat("/dev/null").st_rdev
    assert leftovers(tmp_path) == []


def test_dev_null_itself_stays_a_device() -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    with open_output("/dev/null") as handle:
        handle.write("perdu\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_full_device_names_the_target() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with pytest.raises(OSError) as caught, open_output("/dev/full") as handle:
        handle.write("x" * 100_000)
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == "/dev/full"
    assert describe_os_error(caught.value) == "disque plein"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_folder_is_refused_in_french(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught, open_output(tmp_path) as handle:
        handle.write("jamais")
    assert isinstance(caught.value, OSError) and caught.value.errno == errno.EISDIR
    assert "est un dossier : indiquez un nom de fichier" in str(caught.value)
    assert caught.value.filename == str(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_os_error_with_the_name(tmp_path: Path) -> None:
    target = tmp_path / "absent" / "x.jsonl"
    with pytest.raises(FileNotFoundError) as caught:
        with open_output(target) as handle:
            handle.write("jamais")
    assert describe_os_error(caught.value) == "dossier ou fichier introuvable"
    assert caught.value.filename == str(target)  # the user's file, not the temporary one beside it
    assert not target.parent.exists()


def test_dash_is_standard_output_left_open(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    with open_output("-") as handle:
        handle.write("première ligne\n")
    with open_output("-", binary=True) as handle:
        handle.write(b"\x00\x01")
    assert not sys.stdout.closed
    print("après")
    assert capsysbinary.readouterr().out == "première ligne\n".encode() + b"\x00\x01" + b"apr\xc3\xa8s\n"


def test_dash_without_a_byte_stream_writes_text(monkeypatch: pytest.MonkeyPatch) -> None:
    replaced = io.StringIO()
    monkeypatch.setattr(sys, "stdout", replaced)
    with open_output("-") as handle:
        handle.write("texte\n")
    assert replaced.getvalue() == "texte\n" and not replaced.closed
