#!/usr/bin/env python3
"""Writes generator/check/header_macros.inc: every macro a name in a generated header could
collide with, and the header that defines it.

The macros are those that g++ and clang++ define, in -std=c++20 and -std=gnu++20, after
including the C and C++ standard headers and ormc's runtime headers (a user's translation
unit may include any of them before a generated header). Names C++ reserves (`__x`, `_X`)
are left out: the checker refuses them anyway. Run from the repository root; it needs
g++ and clang++ on the PATH:

    python3 scripts/list_header_macros.py
"""
import os
import re
import subprocess
import sys
import tempfile

C_HEADERS = """cassert cctype cerrno cfenv cfloat cinttypes climits clocale cmath csetjmp csignal
cstdarg cstddef cstdint cstdio cstdlib cstring ctime cuchar cwchar cwctype""".split()
CPP_HEADERS = """algorithm any array atomic barrier bit bitset charconv chrono codecvt compare
complex concepts condition_variable coroutine deque exception execution filesystem
forward_list fstream functional future initializer_list iomanip ios iosfwd iostream istream
iterator latch limits list locale map memory memory_resource mutex new numbers numeric
optional ostream queue random ranges ratio regex scoped_allocator semaphore set shared_mutex
source_location span sstream stack stdexcept stop_token streambuf string string_view
syncstream system_error thread tuple type_traits typeindex typeinfo unordered_map
unordered_set utility valarray variant vector version""".split()
COMPILERS = ["g++", "clang++"]
DIALECTS = ["c++20", "gnu++20"]

LINE_MARKER = re.compile(r'^# (\d+) "([^"]*)"((?: \d)*)$')
DEFINE = re.compile(r"^#define ([A-Za-z_][A-Za-z0-9_]*)(\(?)")
UNDEF = re.compile(r"^#undef ([A-Za-z_][A-Za-z0-9_]*)")


def reserved(name):
    return "__" in name or (len(name) >= 2 and name[0] == "_" and name[1].isupper())


PREDEFINED = ("<built-in>", "<command-line>")


def macros(compiler, dialect, source, includes):
    """{name: (header, function_like)} for the macros defined after preprocessing `source`;
    the header is the path of the one `source` includes that first defined it, or None for
    a macro the compiler predefines."""
    output = subprocess.run(
        [compiler, "-std=" + dialect, "-E", "-dD", "-x", "c++"] + includes + [source],
        check=True, capture_output=True, text=True).stdout
    defined = {}
    first = {}  # name -> where it was first defined (a header may #undef and redefine it)
    stack = []  # files being read, outermost first
    for line in output.splitlines():
        marker = LINE_MARKER.match(line)
        if marker:
            path, flags = marker.group(2), marker.group(3).split()
            if "1" in flags:
                stack.append(path)
            elif "2" in flags:
                while stack and stack[-1] != path:
                    stack.pop()
            elif not stack or stack[-1] != path:
                stack = [path]
            continue
        define = DEFINE.match(line)
        if define:
            name = define.group(1)
            if any(path in PREDEFINED for path in stack):
                where = None
            elif len(stack) >= 2 and stack[0] == source:
                where = stack[1]
            else:
                where = stack[-1] if stack else None
            first.setdefault(name, where)
            defined[name] = (first[name], bool(define.group(2)))
            continue
        undef = UNDEF.match(line)
        if undef:
            defined.pop(undef.group(1), None)
    return defined


def header_name(path, runtime):
    if path.startswith(runtime + os.sep):
        return "<%s>" % os.path.relpath(path, runtime)
    return "<%s>" % os.path.basename(path)


def main():
    root = os.getcwd()
    runtime = os.path.join(root, "runtime", "include")
    runtime_headers = sorted(
        os.path.relpath(os.path.join(d, f), runtime)
        for d, _, files in os.walk(runtime) for f in files if f.endswith(".hpp"))
    with tempfile.TemporaryDirectory() as scratch:
        source = os.path.join(scratch, "all_headers.cpp")
        with open(source, "w") as out:
            for header in C_HEADERS + CPP_HEADERS + runtime_headers:
                out.write("#include <%s>\n" % header)
        found = {}  # name -> {(compiler, dialect): (header, function_like)}
        for compiler in COMPILERS:
            for dialect in DIALECTS:
                for name, where in macros(compiler, dialect, source, ["-I", runtime]).items():
                    if not reserved(name):
                        found.setdefault(name, {})[(compiler, dialect)] = where
    lines = []
    for name in sorted(found):
        where = found[name]
        headers = sorted({header_name(h, runtime) for h, _ in where.values() if h})
        if headers:
            origin = headers[0]
        else:
            everywhere = len(where) == len(COMPILERS) * len(DIALECTS)
            dialects = sorted({d for _, d in where})
            compilers = sorted({c for c, _ in where})
            origin = "predefined by " + (" and ".join(compilers))
            if not everywhere and dialects == ["gnu++20"]:
                origin += " under -std=gnu++20"
        function_like = any(f for _, f in where.values())
        lines.append('    {"%s", "%s", %s},' % (name, origin, "true" if function_like else "false"))
    with open(os.path.join(root, "generator", "check", "header_macros.inc"), "w") as out:
        out.write("// Generated by scripts/list_header_macros.py: do not edit by hand.\n")
        out.write("// {name, where it is defined, function-like}, sorted by name.\n")
        out.write("\n".join(lines) + "\n")
    print("%d macros" % len(lines), file=sys.stderr)


if __name__ == "__main__":
    main()
