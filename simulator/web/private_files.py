"""Files the app keeps for one person for a short while: scenario drafts sent to the console and
prepared research exports. They live in the data folder, readable by the app's own user only
(folders 0700, files 0600), and are deleted after use or, at the latest, after an hour."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
import zipfile
from pathlib import Path

LIFETIME_S = 60 * 60
ARCHIVE_NAME = "rehearse-export.zip"
EXPORT_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def private_dir(path: Path) -> Path:
    """`path` and any missing parents inside it, for the app's user only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


def sweep(folder: Path, max_age_s: float = LIFETIME_S) -> int:
    """Delete every file under `folder` older than `max_age_s`, then the old folders left empty;
    return how many files went."""
    if not folder.is_dir():
        return 0
    cutoff = time.time() - max_age_s
    removed = 0
    emptied: set[Path] = set()  # folders this sweep took something out of: old, not being filled
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            path = Path(root, name)
            try:
                if path.lstat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
                    emptied.add(path.parent)
            except FileNotFoundError:
                pass  # used and deleted meanwhile
        for name in dirs:
            path = Path(root, name)
            try:
                if path in emptied or path.lstat().st_mtime < cutoff:
                    path.rmdir()  # only when empty: a folder being filled now is new
                    emptied.add(path.parent)
            except OSError:
                pass
    return removed


def discard_upload(path: Path, uploads_dir: Path) -> None:
    """An uploaded file once read, with the folder Gradio made for it."""
    try:
        resolved, root = path.resolve(), uploads_dir.resolve()
    except OSError:
        return
    if not resolved.is_relative_to(root) or resolved == root:
        return
    resolved.unlink(missing_ok=True)
    parent = resolved.parent
    if parent != root:
        shutil.rmtree(parent, ignore_errors=True)


def zip_privately(source: Path, archive: Path) -> Path:
    """Every file under `source` into `archive`, which is created 0600 (never readable by others,
    not even for a moment)."""
    descriptor = os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                bundle.write(path, path.relative_to(source).as_posix())
    return archive


class ExportShelf:
    """Prepared exports, one folder per person (`exports/<username>/<export id>/`): a download
    looks only in the asking person's folder, so nobody else can fetch it, whatever the URL."""

    def __init__(self, root: Path):
        self.root = root

    def new_folder(self, owner: str) -> tuple[str, Path]:
        self.sweep()
        export_id = secrets.token_urlsafe(24)
        return export_id, private_dir(private_dir(self.root) / owner / export_id)

    def archive(self, owner: str, export_id: str) -> Path | None:
        if not EXPORT_ID.match(export_id) or "/" in owner or owner.startswith("."):
            return None
        path = self.root / owner / export_id / ARCHIVE_NAME
        return path if path.is_file() else None

    def claim(self, owner: str, export_id: str) -> Path | None:
        """The archive, taken for one download: renamed first, so a second request at the same
        moment finds nothing instead of a file deleted under it."""
        path = self.archive(owner, export_id)
        if path is None:
            return None
        claimed = path.with_name(f"serving-{secrets.token_hex(8)}.zip")
        try:
            path.rename(claimed)
        except FileNotFoundError:
            return None
        return claimed

    def discard(self, owner: str, export_id: str) -> None:
        if EXPORT_ID.match(export_id) and "/" not in owner and not owner.startswith("."):
            shutil.rmtree(self.root / owner / export_id, ignore_errors=True)

    def sweep(self) -> int:
        return sweep(self.root)
