"""Reading a JSON file that holds an array of records, record by record, with the line
each record starts on (for messages): Label Studio's task lists and doccano's JSON
export, a pretty-printed array."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError


def read_text(path: Path) -> str:
    """The whole file as text (UTF-8, a BOM dropped); errors name the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", path=str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start + 1})", path=str(path)) from None


def elements(text: str, pos: int, path: str) -> Iterator[tuple[int, Any]]:
    """(line, value) of each element of the JSON array whose ``[`` ends at ``pos``."""
    decoder = json.JSONDecoder(parse_constant=refuse_constant)
    first = True
    line, counted = 1, 0  # the line of text[counted], counted on as the reading goes
    while True:
        pos = skip_space(text, pos)
        if text.startswith("]", pos):
            if skip_space(text, pos + 1) != len(text):
                raise json_error(text, pos + 1, "extra data after the list", path)
            return
        if not first:
            if not text.startswith(",", pos):
                raise json_error(text, pos, "expected ',' or ']'", path)
            pos = skip_space(text, pos + 1)
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise json_error(text, exc.pos, exc.msg.removesuffix(" at"), path) from None
        except (ValueError, RecursionError) as exc:
            raise InputError(f"malformed JSON ({exc})", path=path, line=line) from None
        first = False
        yield line, value


def skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def json_error(text: str, pos: int, reason: str, path: str) -> InputError:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return InputError(f"malformed JSON at column {column}: {reason}", path=path, line=line)


def refuse_constant(name: str) -> Any:
    """Python reads NaN and Infinity, but they are not JSON: jq, pandas and every other
    reader of our export would reject the file."""
    raise ValueError(f"{name} is not a JSON value")
