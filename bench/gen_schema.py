#!/usr/bin/env python3
"""gen_schema.py — writes a large, valid .orm schema for timing ormc on big inputs.

Each of the N models has 10 columns of varied types (primary key, unique string, nullable
integers, decimal with a check, timestamp and bool defaults, an enum, a foreign key with an
index to the previous model, text, and a rotating extra type) and two mutual relations:
`parent -> Previous? by(parent_id) back(children)` and `children -> Next[] back(parent)`.
The first model has no parent and the last no children, so the foreign keys form a chain,
not a cycle.

    bench/gen_schema.py                     # 1000 models to stdout
    bench/gen_schema.py -n 5000 -o big.orm
    bench/gen_schema.py --fk-chain -n 100000 -o chain.orm

--fk-chain writes the smallest models instead: a primary key and an indexed foreign key to
the previous model, so that 100,000 models fit in one file (the 16 MiB limit).
"""

import argparse
import sys

ENUMS = {
    "Status": ["draft", "active", "suspended", "archived"],
    "Priority": ["low", "medium", "high", "urgent"],
    "Region": ["africa", "americas", "asia", "europe", "oceania"],
    "Channel": ["web", "mobile", "email", "phone", "partner", "store"],
}

# The 10th column of model i cycles through these, so every scalar type appears.
EXTRA_TYPES = [
    "float64?",
    "date?",
    "uuid?",
    "bytes?",
    "json?",
    "timestamptz?",
    "time?",
    "float32?",
    "int16?",
]


def model_name(i: int, width: int) -> str:
    return f"Entity{i:0{width}d}"


def table_name(i: int, width: int) -> str:
    return f"entity_{i:0{width}d}"


def model(i: int, count: int, width: int) -> str:
    enum_names = list(ENUMS)
    enum = enum_names[i % len(enum_names)]
    default_value = ENUMS[enum][0]
    code_length = 32 + (i % 8) * 16
    name = model_name(i, width)
    lines = [
        f"/// Generated model {i} of {count}.",
        f"model {name} {{",
        f"  table {table_name(i, width)};",
        "  id          int64          primary auto;",
        f"  code        string({code_length})     unique;",
        "  rank        int32?;",
        "  amount      decimal(10,2)  default(0) check(amount >= 0);",
        "  created_at  timestamp      default(now);",
        "  is_active   bool           default(true);",
        f"  kind        {enum:<14} default({default_value});",
    ]
    if i > 0:
        previous = model_name(i - 1, width)
        lines.append(
            f"  parent_id   int64?         references({previous}.id) on_delete(set_null) index;")
    else:
        lines.append("  origin      string(40)?;")
    lines.append("  notes       text;")
    lines.append(f"  extra       {EXTRA_TYPES[i % len(EXTRA_TYPES)]};")
    lines.append("")
    if i > 0:
        lines.append(f"  parent   -> {model_name(i - 1, width)}? by(parent_id) back(children);")
    if i + 1 < count:
        lines.append(f"  children -> {model_name(i + 1, width)}[] back(parent);")
    lines.append("")
    lines.append("  index (created_at, is_active);")
    lines.append("}")
    return "\n".join(lines)


def schema(count: int, namespace: str) -> str:
    width = max(4, len(str(count - 1)))
    parts = [
        f"// A generated schema: {count} models, 10 columns and up to 2 relations each.",
        f"namespace {namespace};",
    ]
    for enum, values in ENUMS.items():
        parts.append(f"enum {enum} {{ {', '.join(values)} }}")
    parts.extend(model(i, count, width) for i in range(count))
    return "\n\n".join(parts) + "\n"


def fk_chain(count: int, namespace: str) -> str:
    lines = [f"// A generated schema: {count} models in a chain of foreign keys.",
             f"namespace {namespace};"]
    for i in range(count):
        reference = f" p int64 references(M{i - 1}.id) index;" if i > 0 else ""
        lines.append(f"model M{i} {{ id int64 primary;{reference} }}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--models", type=int, default=1000, help="number of models")
    parser.add_argument("--namespace", default="bench", help="namespace of the schema")
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    parser.add_argument("--fk-chain", action="store_true",
                        help="minimal models: a key and a foreign key to the previous model")
    args = parser.parse_args()
    if args.models < 1:
        parser.error("--models must be at least 1")
    text = (fk_chain if args.fk_chain else schema)(args.models, args.namespace)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
