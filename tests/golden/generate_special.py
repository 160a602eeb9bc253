#!/usr/bin/env python3
"""Regenerates the golden inputs that are awkward to write by hand: special bytes (BOM,
CRLF, NUL, invalid UTF-8, tabs, no final newline) and very deep expressions.
Run from anywhere: python3 tests/golden/generate_special.py. The .expected files are not
touched; regenerate them with ORMC_UPDATE_GOLDEN=1 as README.md describes."""
from pathlib import Path

HERE = Path(__file__).resolve().parent


def write(relative: str, data: bytes) -> None:
    (HERE / relative).write_bytes(data)


def model(*lines: str) -> str:
    return "namespace golden;\n\nmodel User {\n" + "".join(f"  {l}\n" for l in lines) + "}\n"


# files/: encodings and line endings.
write("files/bom_crlf.orm", b"\xef\xbb\xbf" + (
    "// A UTF-8 BOM and CRLF line endings: both fine, the file checks clean.\n"
    + model("id   int64 primary auto;", 'name string(80) default("x");')
).replace("\n", "\r\n").encode())
write("files/crlf_error.orm", (
    "// A CRLF file with an error: the column and the snippet must not show the \\r.\n"
    + model("id   int64 primary auto;", "name strng(80);")
).replace("\n", "\r\n").encode())
write("files/bom_error.orm", b"\xef\xbb\xbf" + (
    "// A BOM does not shift columns: the error is at 6:8 as without it.\n"
    + model("id   int64 primary auto;", "name strng(80);")).encode())
write("files/invalid_utf8.orm",
      b"// A byte 0xFF in a comment: not UTF-8.\nnamespace golden;\n\n// caf\xff\n"
      b"model User {\n  id int64 primary auto;\n}\n")
write("files/invalid_utf8_truncated.orm",
      b"// A truncated UTF-8 sequence (0xC3 without its continuation byte) in a name.\n"
      + model("id  int64 primary auto;", "caf\udcc3 int32;").encode("utf-8", "surrogateescape"))
write("files/invalid_utf8_latin1.orm",
      "// A Latin-1 encoded string (e9 for e-acute) after valid UTF-8 text (é).\n".encode()
      + model("id   int64 primary auto;", 'name string(80) default("caf\udce9");')
      .encode("utf-8", "surrogateescape"))
write("files/binary_file.orm",
      b"// A NUL byte in the middle of a file.\n" + model("id int64\0 primary auto;").encode())
write("files/tabs.orm",
      b"// Tab-indented lines: the caret line repeats the tabs so that it lines up.\n"
      b"namespace golden;\n\nmodel User {\n\tid\tint64 primary auto;\n\tname\tstrng(80);\n}\n")
write("files/non_ascii_before_error.orm", (
    "// Non-ASCII text before the error on the same line: columns count code points.\n"
    + model("id   int64 primary auto;", 'name string(80) default("café — ünï") uniqe;')).encode())
write("files/unterminated_at_eof.orm",
      b"// An unterminated string on the last line, which has no final newline.\n"
      b'namespace golden;\n\nmodel User {\n  id   int64 primary auto;\n  name string(80) default("abc')
write("files/empty.orm", b"")

# syntax/: nesting limits (parentheses and prefix operators: 100; expression tree: 1000).
depth = 150
write("syntax/nesting_too_deep.orm", (
    "// 150 nested parentheses in a check: more than the parser's limit.\n"
    + model("id  int64 primary auto;",
            "age int32 check(" + "(" * depth + "age > 0" + ")" * depth + ");")).encode())
write("syntax/nesting_too_deep_prefix.orm", (
    "// 150 `not` prefix operators in a row.\n"
    + model("id     int64 primary auto;", "active bool;",
            "check (" + "not " * 150 + "active);")).encode())
write("syntax/nesting_too_deep_and_chain.orm", (
    "// A check of 1100 `and` terms, one per line: a flat chain, but an expression tree\n"
    "// more than 1000 levels deep once folded.\n"
    "namespace golden;\n\nmodel User {\n  id  int64 primary auto;\n  age int32;\n\n  check (\n"
    + " and\n".join(["    age > 0"] * 1100) + "\n  );\n}\n").encode())
