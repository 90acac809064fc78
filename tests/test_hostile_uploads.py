"""Hostile uploads on the Check page (issue 19): every zip failure named, memory bounded, names shown as text.

The zips are built at test time by tests/hostile_zips.py. Memory bounds are asserted by running the reader in a child
process with RLIMIT_AS, never by timing.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import hostile_zips
from apptest_helpers import open_page, outside_code_spans, page_failed, run_app
from calais_atlas.data.check_run import check_uploads
from calais_atlas.data.upload import read_uploads
from calais_atlas.model.escaping import literal, message_markdown
from datafolders import MINIMAL, ROOT

DAMAGED = ' is damaged ({}); it was not read. Make the zip again, or upload the CSV itself'


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (hostile_zips.encrypted, '"events.csv" in "up.zip" is protected by a password; it was not read. '
                                 "Make the zip again without a password"),
        (hostile_zips.unsupported_method, '"events.csv" in "up.zip" is compressed in a way the atlas cannot read '
                                          '(method 99); it was not read. Make the zip again with the ordinary "Deflate" '
                                          "compression"),
        (hostile_zips.bad_crc, '"events.csv" in "up.zip"' + DAMAGED.format("Bad CRC-32 for file 'events.csv'")),
        (hostile_zips.corrupt, '"events.csv" in "up.zip"' + DAMAGED.format(
            "Error -3 while decompressing data: invalid bit length repeat")),
        (lambda: hostile_zips.nested(hostile_zips.plain({"events.csv": b"x"})),
         '"data/inner.zip" in "up.zip" is a zip inside the zip; it was not opened. Upload its CSV files, or a zip of them'),
    ],
    ids=["encrypted", "method", "crc", "corrupt", "nested"],
)
def test_each_broken_member_is_named_with_its_zip(build, expected: str) -> None:
    """Encrypted, unknown compression, bad CRC, corrupt deflate data, a zip in the zip: one note naming zip and member.

    Before: the first four raised (RuntimeError, NotImplementedError, BadZipFile, zlib.error), the nested zip was
    skipped without a word (a blank page)."""
    uploaded = read_uploads([("up.zip", build())])
    assert uploaded.files == {}
    assert [str(note) for note in uploaded.notes] == [expected]


def test_a_windows_member_name_is_read() -> None:
    r"""``data\events.csv``, as Windows zip tools write it, is events.csv. Before: "data\events.csv" was unknown."""
    uploaded = read_uploads([("up.zip", hostile_zips.plain({"data\\events.csv": b"event_id\n"}))])
    assert uploaded.files == {"events.csv": b"event_id\n"}
    assert uploaded.notes == []


def test_a_member_that_declares_50_mb_and_inflates_to_1_gb_costs_no_more_than_it_declares(tmp_path) -> None:
    """The lying bomb is read in chunks, so zipfile stops at its declared size and finds the bad checksum: a note,
    in a process allowed 600 MB more than its imports. Before: one read() inflated the whole 1 GB (2.1 GB peak)."""
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(hostile_zips.lying_bomb(50_000_000, 1_000_000_000))
    script = textwrap.dedent(f"""
        import resource
        from calais_atlas.data.upload import read_uploads
        size = int(open("/proc/self/status").read().split("VmSize:")[1].split()[0]) * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size + 600_000_000, size + 600_000_000))
        uploaded = read_uploads([("bomb.zip", open({str(bomb)!r}, "rb").read())])
        print(uploaded.files == {{}}, *map(str, uploaded.notes), sep="\\n")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.splitlines() == ["True", '"events.csv" in "bomb.zip"' + DAMAGED.format(
        "Bad CRC-32 for file 'events.csv'")]


def test_a_check_past_its_time_budget_is_stopped_and_said() -> None:
    """The child process doing the check is killed at the deadline, and the page is told why.

    Before: there was no budget; a check ran as long as validation took, after the viewer left too."""
    upload = hostile_zips.six_tables(2_000_000)
    outcome = check_uploads([("six.zip", upload)], MINIMAL, "upload", seconds=0.2)
    assert outcome.candidate is None
    assert str(outcome.stopped) == ("The check was stopped after 0.2 s, its time limit; nothing was changed. Check one "
                                    "file at a time, or run `calais-atlas validate` on your own computer")


def test_a_check_past_its_memory_budget_is_stopped_and_said() -> None:
    """A child allowed less address space than it has already (pyarrow then aborts, or Python raises MemoryError)
    ends in a message naming the limit, not a dead server or a traceback."""
    outcome = check_uploads([("events.csv", (MINIMAL / "events.csv").read_bytes())], MINIMAL, "upload",
                            memory_bytes=50_000_000)
    assert outcome.candidate is None
    assert str(outcome.stopped).startswith("The check was stopped: it needed more than 50 MB of memory")


def test_literal_is_a_code_span_that_nothing_escapes() -> None:
    """Backticks inside get a longer fence, a line break (which would end the span) becomes a space."""
    assert literal("a`b") == "`` a`b ``"
    assert literal("x\n\n[l](http://e.example)") == "` x  [l](http://e.example) `"
    assert outside_code_spans(literal("`[l](http://e)`")) == ""


HOSTILE_NAMES = ["[Log in again](https://evil.example/login).csv", "![p](http://tracker.example/p.png).csv",
                 "<img src=x onerror=alert(1)>.csv", "www.evil.example.csv"]


def test_upload_notes_show_names_as_text(monkeypatch) -> None:
    """Member and file names that are links, images, HTML or bare web addresses stay text in the page's warnings.

    Before: the names went into the warning's markdown as they were: a link, an image fetched from any host."""
    app = run_app(monkeypatch, MINIMAL)
    open_page(app, "check")
    upload = hostile_zips.plain({f"data/{name}": b"x" for name in HOSTILE_NAMES})
    app.get("file_uploader")[0].set_value([("up.zip", upload, "application/zip"),
                                           (HOSTILE_NAMES[0], b"x", "text/csv")]).run()
    assert not page_failed(app)
    warnings = [warning.value for warning in app.warning]
    assert len(warnings) == 6  # four members, the loose file, and "none of the uploaded files is an atlas file"
    for warning in warnings:
        markup = outside_code_spans(warning)
        assert not any(sign in markup for sign in ("](", "<", "http", "www.")), warning
    assert all(literal(name) in " ".join(warnings) for name in ("login).csv", "p.png).csv", HOSTILE_NAMES[3]))


def test_every_upload_note_is_rendered_through_message_markdown() -> None:
    """The renderer quotes every text value, whatever the message: here the French of a nested zip."""
    note = read_uploads([("a](http://e).zip", hostile_zips.nested(b"PK"))]).notes[0]
    shown = message_markdown(note, "fr")
    assert shown == "« ` data/inner.zip ` » dans « ` a](http://e).zip ` » est un zip dans le zip ; il n'a pas été " \
                    "ouvert. Envoyez ses fichiers CSV, ou un zip de ceux-ci"
