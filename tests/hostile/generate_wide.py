#!/usr/bin/env python3
"""Writes the hostile schemas that are too long to write by hand: keys of 32 and 33
columns, the widest model ormc accepts and one column more, enums at the size limits.
Run from the repository root: python3 tests/hostile/generate_wide.py"""

MAX_COLUMNS = 400        # generator/check/database_limits.cpp, max_columns
MAX_KEY_COLUMNS = 32     # PostgreSQL's INDEX_MAX_KEYS
MAX_ENUM_VALUES = 4096   # generator/check/database_limits.cpp, max_enum_values


def columns(count, indent="  "):
    return "".join("%sc%d int32;\n" % (indent, i) for i in range(1, count + 1))


def names(count):
    return ", ".join("c%d" % i for i in range(1, count + 1))


def enum_values(count):
    # v0, v1, ... wrapped at about 100 columns
    values = ["v%d" % i for i in range(count)]
    lines, line = [], "  "
    for value in values:
        if len(line) + len(value) + 2 > 100:
            lines.append(line.rstrip())
            line = "  "
        line += value + ", "
    lines.append(line.rstrip().rstrip(","))
    return "\n".join(lines) + "\n"


def keys(count, comment):
    return ("// %s\nnamespace hostile;\n\nmodel Target {\n%s  primary(%s);\n}\n\n"
            "model Wide {\n  id int64 primary auto;\n%s  index (%s);\n  unique (%s);\n"
            "  foreign_key (%s) references(Target);\n}\n"
            % (comment, columns(count), names(count), columns(count), names(count),
               names(count), names(count)))


def write(path, text):
    with open(path, "w") as out:
        out.write(text)


write("tests/golden/hostile/limits/key_too_wide.orm",
      keys(MAX_KEY_COLUMNS + 1, "A primary key, an index, a unique constraint and a foreign key "
           "of 33 columns:\n// PostgreSQL allows 32 (INDEX_MAX_KEYS)."))
write("tests/golden/hostile/limits/too_many_columns.orm",
      "// One column more than the limit of %d.\nnamespace hostile;\n\nmodel Wide {\n"
      "  id int64 primary auto;\n%s}\n" % (MAX_COLUMNS, columns(MAX_COLUMNS)))
write("tests/golden/hostile/limits/too_many_enum_values.orm",
      "// One value more than the limit of 4096.\nnamespace hostile;\n\nenum Huge {\n%s}\n"
      % enum_values(MAX_ENUM_VALUES + 1))

write("tests/hostile/accepted/wide_keys.orm",
      keys(MAX_KEY_COLUMNS, "Keys of 32 columns, PostgreSQL's INDEX_MAX_KEYS.").replace(
          "namespace hostile;", "namespace hostile::wide_keys;"))
write("tests/hostile/accepted/wide_model.orm",
      "// The widest model ormc accepts: %d columns.\nnamespace hostile::wide_model;\n\n"
      "model Wide {\n  id int64 primary auto;\n%s}\n" % (MAX_COLUMNS, columns(MAX_COLUMNS - 1)))
write("tests/hostile/accepted/big_enums.orm",
      "// Enums at the edges of their underlying type: 256 values (std::uint8_t), 257\n"
      "// (std::uint16_t) and %d, the most ormc accepts.\nnamespace hostile::big_enums;\n\n"
      "enum Byte {\n%s}\n\nenum Wider {\n%s}\n\nenum Largest {\n%s}\n\n"
      "model Holder {\n  id      int64   primary auto;\n  byte    Byte    default(v255);\n"
      "  wider   Wider   default(v256);\n  largest Largest default(v4095);\n}\n"
      % (MAX_ENUM_VALUES, enum_values(256), enum_values(257), enum_values(MAX_ENUM_VALUES)))
