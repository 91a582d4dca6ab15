"""Uploads and exports kept for one person: private to the app's user, gone after an hour."""

from __future__ import annotations

import os
import stat
import time
import zipfile

from simulator.web.private_files import (
    ExportShelf,
    discard_upload,
    private_dir,
    sweep,
    zip_privately,
)


def age(path, seconds: float) -> None:  # type: ignore[no-untyped-def]
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_files_older_than_an_hour_are_swept_and_newer_ones_kept(tmp_path):
    uploads = private_dir(tmp_path / "uploads")
    old, new = uploads / "aa" / "old.yaml", uploads / "bb" / "new.yaml"
    for path in (old, new):
        path.parent.mkdir()
        path.write_text("id: x")
    age(old, 3601)
    age(old.parent, 3601)
    assert sweep(uploads) == 1
    assert not old.exists() and not old.parent.exists()
    assert new.exists()


def test_a_folder_being_filled_now_is_not_swept_even_while_empty(tmp_path):
    shelf = ExportShelf(tmp_path / "exports")
    _, folder = shelf.new_folder("rita")
    assert shelf.sweep() == 0 and folder.is_dir()


def test_an_export_lives_in_its_makers_private_folder_and_only_they_find_it(tmp_path):
    shelf = ExportShelf(tmp_path / "exports")
    export_id, folder = shelf.new_folder("rita")
    (folder / "tables").mkdir()
    (folder / "tables" / "sessions.csv").write_text("session_id\n1\n")
    archive = zip_privately(folder / "tables", folder / "rehearse-export.zip")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE((tmp_path / "exports").stat().st_mode) == 0o700
    assert zipfile.ZipFile(archive).namelist() == ["sessions.csv"]
    assert shelf.archive("rita", export_id) == archive
    assert shelf.archive("leo", export_id) is None
    assert shelf.archive("rita", "../leo/" + export_id) is None
    shelf.discard("rita", export_id)
    assert shelf.archive("rita", export_id) is None and not folder.exists()


def test_a_used_upload_goes_with_its_folder_but_nothing_outside_the_uploads(tmp_path):
    uploads = private_dir(tmp_path / "uploads")
    used = uploads / "cafe" / "draft.yaml"
    used.parent.mkdir()
    used.write_text("id: x")
    outside = tmp_path / "keep.yaml"
    outside.write_text("id: y")
    discard_upload(used, uploads)
    discard_upload(outside, uploads)
    assert not used.parent.exists() and outside.exists() and uploads.is_dir()
