"""The text of a file people edit (a content file, a stylesheet), which must be saved as UTF-8.

Word and Notepad offer other encodings under 'Save as': their "Unicode" is UTF-16, two bytes per
character; an older editor writes Latin-1 (Windows-1252), where 'é' is one byte UTF-8 cannot read. A
file saved so is refused at its line, in the author's words, before anything reads it as garbage.
"""

from __future__ import annotations

from ..problems import ContentError, Problem

BOM = b"\xef\xbb\xbf"
UTF16 = "is saved as UTF-16 ('Unicode'), not UTF-8"
SAVE_AS_UTF8 = "save it with the encoding 'UTF-8' ('Save as' > 'Encoding')"


def is_utf16(raw: bytes) -> bool:
    """Whether the bytes look like UTF-16: its byte-order mark, or every other byte zero, as plain letters are."""
    return raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:200].count(b"\x00") > len(raw[:200]) // 4


def decode(raw: bytes, shown_as: str, *, bom_allowed: bool = False) -> str:
    """The text of a file that must be UTF-8; ContentError with the one line that says what it is instead.

    A byte-order mark is refused unless bom_allowed (CSS allows one: its syntax drops it; YAML files must not have
    it, see yamlfile.py).
    """

    def refuse(line: int, message: str, hint: str) -> ContentError:
        return ContentError([Problem(shown_as, line, "", message, hint)])

    if is_utf16(raw):
        raise refuse(1, UTF16, SAVE_AS_UTF8)
    if raw.startswith(BOM):
        if not bom_allowed:
            raise refuse(
                1,
                "file starts with a byte-order mark (BOM)",
                "save it as 'UTF-8' without BOM; most editors offer this under 'Save as' > 'Encoding'",
            )
        raw = raw[len(BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise refuse(
            line, f"is not UTF-8 text (byte 0x{raw[exc.start]:02X} cannot be read)", "save the file with the encoding 'UTF-8'"
        ) from None


def readable(raw: bytes) -> str:
    """The text as well as it can be read, never raising: for the readers that come after decode's check (which
    reports the file), so that each of them reads the same text, a UTF-16 file's too."""
    if is_utf16(raw):
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16", errors="replace")
        return raw.decode("utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be", errors="replace")
    return raw.removeprefix(BOM).decode("utf-8", errors="replace")
