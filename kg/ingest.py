"""Read reports from disk: find files, detect the encoding, strip HTML, keep offsets."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .model import Document

SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html"}


class IngestError(ValueError):
    """A file that cannot be read as a report; the message names the reason."""


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Report files under ``paths`` (folders recursively), and the paths skipped with a reason."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            skipped.append((p, "no such file or folder"))
        elif p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not files:
                skipped.append((p, "folder holds no reports (.txt, .md, .html)"))
            found.extend(files)
        else:
            found.append(p)
    return found, skipped


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes, detecting the encoding; returns (text, encoding)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    if b"\x00" in raw:
        raise IngestError("binary file (NUL bytes)")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise IngestError(f"undecodable bytes at offset {exc.start} (not UTF-8, UTF-16 or GB18030)") from None


def load(path: Path) -> Document:
    path = Path(path)
    media_type = SUFFIXES.get(path.suffix.lower(), "text/plain")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(exc.strerror or str(exc)) from None
    text, encoding = decode(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError("empty file")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path=path, name=path.name, text=text, sha256=sha, encoding=encoding, media_type=media_type)
