"""Read reports from disk: find files, detect the encoding, strip HTML, keep offsets.

* Files: ``.txt``, ``.md`` (kept as written, Markdown marks included, so offsets are
  offsets into the file) and ``.html``/``.htm`` (visible text only: tags, scripts,
  styles and the site navigation listed in ``ontology/navigation.tsv`` are removed).
* Encodings are detected, not assumed: a BOM (UTF-8, UTF-16) wins; otherwise strict
  UTF-8, then GB18030 (a superset of GBK/GB2312), each accepted only when the decoded
  text looks like Chinese prose; charset-normalizer is the last resort.
* Offsets: ``Document.text`` is what every extractor's offsets refer to. When it differs
  from the decoded file (HTML, or ``\\r\\n`` line ends folded to ``\\n``),
  ``Document.source_offsets[i]`` is the offset in the decoded source of ``text[i]``
  (one extra entry at the end: the source length); :func:`source_span` maps a text span
  back to the source.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from .model import Document
from .resources import read_tsv

SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html"}


class IngestError(ValueError):
    """A file that cannot be read as a report; the message names the reason."""


# --------------------------------------------------------------------------- discover


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Report files under ``paths`` (folders recursively), and the paths skipped with a reason."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        if not p.exists():
            skipped.append((p, "no such file or folder"))
        elif p.is_dir():
            files = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not files:
                skipped.append((p, "folder holds no reports (.txt, .md, .html)"))
            for f in files:
                if f not in seen:
                    seen.add(f)
                    found.append(f)
        elif p.suffix.lower() not in SUFFIXES:
            skipped.append((p, f"unsupported file type {p.suffix or '(no suffix)'} (expected .txt, .md or .html)"))
        elif p not in seen:
            seen.add(p)
            found.append(p)
    return found, skipped


# --------------------------------------------------------------------------- decoding

_CJK = re.compile(r"[\u4e00-\u9fff]")
# characters a Chinese report is made of: ASCII, CJK ideographs and CJK/full-width punctuation
_PLAIN = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0\u00b7\u2010-\u2027\u2030-\u205e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2460-\u24ff\u25a0-\u25ff\u2160-\u217f\u00d7\u00f7]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _plain_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_PLAIN.findall(text)) / len(text)


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = len(_CONTROL.findall(sample.decode("latin-1")))
    return controls > max(2, len(sample) // 100)


def _common_hanzi_ratio(raw: bytes) -> float:
    """Share of GBK double-byte characters that are GB2312 level-1 (the 3755 common
    hanzi) or symbols: about 0.9 in Chinese prose, about 0.2 in random bytes."""
    total = common = 0
    i, n = 0, len(raw)
    while i < n:
        b = raw[i]
        if b < 0x80:
            i += 1
            continue
        if 0x81 <= b <= 0xFE and i + 1 < n:
            total += 1
            if 0xA1 <= b <= 0xD7:
                common += 1
            i += 4 if 0x30 <= raw[i + 1] <= 0x39 else 2
        else:
            i += 1
    return common / total if total else 1.0


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes, detecting the encoding; returns (text, encoding).

    Raises IngestError for binary content and for bytes no supported encoding reads."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise IngestError(f"undecodable bytes at offset {exc.start + 3} (UTF-8 BOM but invalid UTF-8)") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if raw.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            return raw[2:].decode(codec), "utf-16"
        except UnicodeDecodeError as exc:
            raise IngestError(f"undecodable bytes at offset {exc.start + 2} (UTF-16 BOM but invalid UTF-16)") from None
    if b"\x00" in raw[:8192]:  # UTF-16 without a BOM: taken only when it reads as Chinese prose
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if _CJK.search(text) and _plain_ratio(text) >= 0.9:
                return text, "utf-16"
    if _looks_binary(raw):
        raise IngestError("binary file, not text")
    utf8: str | None
    try:
        utf8 = raw.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    gb: str | None
    try:
        gb = raw.decode("gb18030")
    except UnicodeDecodeError:
        gb = None
    if utf8 is not None:
        # short GBK text can happen to be valid UTF-8 (as Latin/Cyrillic letters):
        # take GB18030 when only it reads as Chinese
        if gb is not None and not _CJK.search(utf8) and _CJK.search(gb) and _plain_ratio(gb) > _plain_ratio(utf8):
            return gb, "gb18030"
        return utf8, "utf-8"
    if gb is not None and _plain_ratio(gb) >= 0.9 and _common_hanzi_ratio(raw) >= 0.6:
        return gb, "gb18030"
    guess = _charset_normalizer_guess(raw)
    if guess is not None:
        return guess
    if gb is not None:
        raise IngestError("undecodable bytes (decodes as GB18030 only to nonsense; not UTF-8 or UTF-16)")
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise IngestError(f"undecodable bytes at offset {exc.start} (not UTF-8, UTF-16 or GB18030)") from None
    raise IngestError("undecodable bytes")  # pragma: no cover


def _charset_normalizer_guess(raw: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, kept only when it reads as Chinese prose."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover
        return None
    best = from_bytes(raw).best()
    if best is None:
        return None
    text = str(best)
    if _CJK.search(text) and _plain_ratio(text) >= 0.95:
        return text, best.encoding
    return None


# --------------------------------------------------------------------------- HTML

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "title",
    "svg",
    "iframe",
    "object",
    "nav",
    "button",
    "select",
    "option",
    "textarea",
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "tbody", "thead", "tfoot", "h1", "h2", "h3", "h4",
    "h5", "h6", "section", "article", "header", "footer", "aside", "main", "blockquote", "pre", "hr", "form", "figure",
    "figcaption", "address", "center", "caption", "body", "html",
}  # fmt: skip
_CELL = {"td", "th"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_WS = " \t\n\r\f\v\xa0"


class _Visible(HTMLParser):
    """Collects visible characters and, for each, its offset in the source."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.skip: list[str] = []  # open elements whose content is not shown
        self.pre = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, ch: str, off: int) -> None:
        if ch in _WS and not (self.pre and ch == "\n"):
            ch = " "
            if not self.chars or self.chars[-1] in " \t\n":
                return
        self.chars.append(ch)
        self.offsets.append(off)

    def _break(self, off: int) -> None:
        while self.chars and self.chars[-1] in " \t":
            self.chars.pop()
            self.offsets.pop()
        if self.chars and self.chars[-1] != "\n":
            self.chars.append("\n")
            self.offsets.append(off)

    def _cell(self, off: int) -> None:
        """A table cell's edge: a tab (segmentation ends a sentence there, so a row's
        cells 序号 / 工作事项 / 完成情况 are read apart, not as one sentence)."""
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.offsets.pop()
        if self.chars and self.chars[-1] not in "\t\n":
            self.chars.append("\t")
            self.offsets.append(off)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        hidden = any(k == "hidden" or (k == "style" and v and _HIDDEN.search(v)) for k, v in attrs)
        if (tag in _SKIP or hidden) and tag not in _VOID:
            self.skip.append(tag)
            return
        if tag in _BLOCK:
            self._break(self._pos())
        elif tag in _CELL:
            self._cell(self._pos())
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip and tag in _BLOCK:
            self._break(self._pos())

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self._break(self._pos())
        elif tag in _CELL:
            self._cell(self._pos())
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        start = self._pos()
        for i, ch in enumerate(data):
            self._emit(ch, start + i)

    def _ref(self, ref: str) -> None:
        if self.skip:
            return
        start = self._pos()
        m = _ENTITY.match(self.source, start)
        raw = m.group() if m else ref
        for ch in html.unescape(raw if raw.endswith(";") else raw + ";"):
            self._emit(ch, start)

    def handle_entityref(self, name: str) -> None:
        self._ref("&" + name + ";")

    def handle_charref(self, name: str) -> None:
        self._ref("&#" + name + ";")


def html_text(source: str) -> tuple[str, list[int]]:
    """Visible text of an HTML page and, per character, its offset in ``source``
    (one extra entry: ``len(source)``). Site navigation is removed."""
    parser = _Visible(source)
    parser.feed(source)
    parser.close()
    chars, offsets = parser.chars, parser.offsets
    while chars and chars[-1] in " \n":
        chars.pop()
        offsets.pop()
    text, offsets = strip_navigation("".join(chars), offsets)
    return text, offsets + [len(source)]


@lru_cache(maxsize=1)
def _navigation() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    phrases, lines = [], []
    for row in read_tsv("navigation.tsv"):
        (lines if row["kind"] == "line" else phrases).append(row["pattern"])
    # longest first, so 加入收藏 goes before 收藏
    phrases.sort(key=len, reverse=True)
    sep = r"[\s|｜丨/【】\[\]·•]"
    phrase = re.compile(rf"(?:(?<={sep})|^)[【\[]?(?:{'|'.join(f'(?:{p})' for p in phrases)})[】\]]?(?={sep}|$)", re.M)
    line = re.compile("|".join(f"(?:{p})" for p in lines)) if lines else None
    return phrase, line


_ONLY_SEP = re.compile(r"^[\s|｜丨/【】\[\]()（）·•:：>＞»\-—_]*$")


def strip_navigation(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Drop navigation lines and phrases (``ontology/navigation.tsv``), keeping offsets."""
    phrase, line_pat = _navigation()
    keep = [True] * len(text)
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        drop_line = bool(line_pat and line_pat.search(line))
        if not drop_line:
            removed = [(m.start(), m.end()) for m in phrase.finditer(line) if m.end() > m.start()]
            if removed:
                rest = list(line)
                for s, e in removed:
                    for i in range(s, e):
                        rest[i] = " "
                if _ONLY_SEP.match("".join(rest)):
                    drop_line = True
                else:
                    for s, e in removed:
                        for i in range(pos + s, pos + e):
                            keep[i] = False
        if drop_line:
            for i in range(pos, min(end + 1, len(text))):
                keep[i] = False
        pos = end + 1
    # tidy: no leading/trailing/double spaces and no empty lines left behind
    out_chars: list[str] = []
    out_offsets: list[int] = []
    for i, ch in enumerate(text):
        if not keep[i]:
            continue
        if ch == " " and (not out_chars or out_chars[-1] in " \n"):
            continue
        if ch == "\n":
            while out_chars and out_chars[-1] == " ":
                out_chars.pop()
                out_offsets.pop()
            if not out_chars or out_chars[-1] == "\n":
                continue
        out_chars.append(ch)
        out_offsets.append(offsets[i])
    while out_chars and out_chars[-1] in " \n":
        out_chars.pop()
        out_offsets.pop()
    return "".join(out_chars), out_offsets


# --------------------------------------------------------------------------- load


def _fold_newlines(source: str) -> tuple[str, list[int] | None]:
    if "\r" not in source:
        return source, None
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(source):
        if ch == "\r":
            if i + 1 < len(source) and source[i + 1] == "\n":
                continue
            ch = "\n"
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets + [len(source)]


def read_source(path: Path) -> tuple[str, str]:
    """The decoded file (what ``source_offsets`` point into) and its encoding."""
    path = Path(path)
    if not path.exists():
        raise IngestError("no such file")
    if path.is_dir():
        raise IngestError("is a folder, not a file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    if not raw.strip():
        raise IngestError("empty file")
    return decode(raw)


def load(path: Path) -> Document:
    """Read one report. Raises IngestError with a short reason when it cannot."""
    path = Path(path)
    media_type = SUFFIXES.get(path.suffix.lower(), "text/plain")
    source, encoding = read_source(path)
    if not source.strip(_WS + "\u3000\ufeff"):
        raise IngestError("empty file")
    if media_type == "text/html":
        text, offsets = html_text(source)
        if not text.strip():
            raise IngestError("no visible text in the HTML page")
    else:
        text, offsets = _fold_newlines(source)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(
        path=path,
        name=path.name,
        text=text,
        sha256=sha,
        encoding=encoding,
        media_type=media_type,
        source_offsets=offsets,
    )


def source_span(doc: Document, start: int, end: int, source: str | None = None) -> tuple[int, int]:
    """The span of the decoded source that ``doc.text[start:end]`` comes from.

    Pass ``source`` (from :func:`read_source`) so that a span ending in an HTML entity
    (``&amp;``) covers the whole entity."""
    so = doc.source_offsets
    if so is None or end <= start:
        return start, end
    s, last = so[start], so[end - 1]
    if source is not None and source.startswith("&", last):
        m = _ENTITY.match(source, last)
        if m:
            return s, m.end()
    return s, last + 1
