#!/usr/bin/env python3
"""hostile_inputs.py -- ormc on inputs made to hurt it: long import chains, huge names, long
lines, FIFOs, awkward paths. Each case builds its input in a scratch directory at test time.

    hostile_inputs.py ORMC CASE [--cxx CXX --runtime-include DIR]

A case prints what it ran and how long it took, and exits non-zero on a failure. Times are
printed, never asserted (docs/perf.md holds the figures); a hang is caught by a timeout.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

TIMEOUT = 120  # seconds; far above what any case needs, so only a hang reaches it


def run(command, cwd=None):
    start = time.monotonic()
    result = subprocess.run(command, cwd=cwd, capture_output=True, timeout=TIMEOUT)
    elapsed = time.monotonic() - start
    shown = " ".join(str(part) for part in command)
    print(f"{shown}: exit {result.returncode} in {elapsed:.2f} s, "
          f"{len(result.stderr)} bytes on stderr")
    return result


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


def write_chain(directory, count, indexed):
    """a0.orm imports a1.orm imports ... a{count-1}.orm; each model references the next.
    Without `indexed`, each foreign key is W001 (a warning) but the DDL is smaller."""
    for i in range(count):
        lines = ["namespace chain;", ""]
        if i + 1 < count:
            lines += [f'import "a{i + 1}.orm";', ""]
        lines.append(f"model M{i} {{")
        lines.append("  id int64 primary;")
        if i + 1 < count:
            index = " index" if indexed else ""
            lines.append(f"  next_id int64 references(M{i + 1}.id){index};")
        lines.append("}")
        with open(os.path.join(directory, f"a{i}.orm"), "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")


def import_chain_compile(args, count=500):
    """The headers of a chain longer than g++'s include depth (200) compile."""
    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "schema")
        out = os.path.join(work, "out")
        os.mkdir(source)
        write_chain(source, count, indexed=False)
        result = run([args.ormc, "generate", "--out", out, os.path.join(source, "a0.orm")])
        expect(result.returncode == 0, f"generate failed:\n{result.stderr.decode()[-2000:]}")
        headers = [name for name in os.listdir(out) if name.endswith(".orm.hpp")]
        sources = [name for name in os.listdir(out) if name.endswith(".orm.cpp")]
        expect(len(headers) == count and len(sources) == count,
               f"expected {count} headers and {count} .cpp files in {out}")
        main = os.path.join(work, "main.cpp")
        with open(main, "w", encoding="utf-8") as cpp:
            cpp.write('#include "a0.orm.hpp"\n'
                      "static_assert(ormc::Model<chain::M0> && ormc::Model<chain::M%d>);\n"
                      % (count - 1))
        # The schema object of a0 (defined in a0.orm.cpp) lists the whole chain's tables.
        with open(os.path.join(out, "a0.orm.cpp"), encoding="utf-8") as source:
            tables = re.findall(r'^    \{"m\d+", "M\d+"\},$', source.read(), re.MULTILINE)
        expect(len(tables) == count, f"a0.orm.cpp lists {len(tables)} tables, not {count}")
        # One dialect is enough: the include depth does not depend on it, and the headers of
        # a 500-file chain take g++ about 30 s of CPU (docs/perf.md).
        result = run([args.cxx, "-std=c++20", "-fsyntax-only", "-I", out, "-I",
                      args.runtime_include, main])
        expect(result.returncode == 0,
               f"the top header does not compile:\n{result.stderr.decode()[-3000:]}")


def import_chain_check(args):
    """Import chains are loaded without recursion (20,000 files crashed the loader): 1,000
    files, the limit, pass; 20,000 are refused with E010 at the 1,001st; a cycle of 900
    files is one E005 whose message names only its ends."""
    with tempfile.TemporaryDirectory() as work:
        write_chain(work, 1000, indexed=True)
        result = run([args.ormc, "check", os.path.join(work, "a0.orm")])
        expect(result.returncode == 0, f"check failed:\n{result.stderr.decode()[-2000:]}")
    with tempfile.TemporaryDirectory() as work:
        write_chain(work, 20000, indexed=True)
        result = run([args.ormc, "check", os.path.join(work, "a0.orm")])
        err = result.stderr.decode()
        expect(result.returncode == 1 and err.count("[E010]") == 1 and "1 error generated" in err,
               f"expected one E010:\n{err[-2000:]}")
        expect("a999.orm:3:8:" in err, f"E010 is not at the import of the 1001st file:\n{err}")
    with tempfile.TemporaryDirectory() as work:
        count = 900
        write_chain(work, count, indexed=True)
        with open(os.path.join(work, f"a{count - 1}.orm"), "a", encoding="utf-8") as last:
            last.write('import "a0.orm";\n')
        result = run([args.ormc, "check", os.path.join(work, "a0.orm")])
        err = result.stderr.decode()
        expect(result.returncode == 1 and "[E005]" in err, f"no import cycle reported:\n{err}")
        expect(f"({count + 1 - 8} more)" in err and len(err) < 4096, f"cycle message not cut:\n{err}")


def long_identifiers(args):
    """64 KiB and 1 MiB names: did-you-mean does no quadratic work, the output stays short."""
    for size in (64 * 1024, 1024 * 1024):
        with tempfile.TemporaryDirectory() as work:
            name = "a" * size
            typo = "a" * (size - 1) + "b"
            path = os.path.join(work, "long.orm")
            with open(path, "w", encoding="utf-8") as out:
                out.write(f"namespace app;\nmodel {name} {{ id int64 primary; }}\n"
                          f"model N {{ id int64 primary; r int64 references({typo}.id); "
                          f"t {typo}; }}\n")
            result = run([args.ormc, "check", "--color=never", path])
            err = result.stderr.decode()
            expect(result.returncode == 1, f"expected exit 1, got {result.returncode}:\n{err[:2000]}")
            expect("[E201]" in err and "[E202]" in err, f"expected E201 and E202:\n{err[:2000]}")
            expect("internal error" not in err, f"internal error:\n{err[:2000]}")
            expect(len(err) < 16 * 1024, f"{len(err)} bytes of diagnostics for {size}-byte names")


def long_line(args):
    """60 errors on a 200 KiB line: each shows a cut line, and the run takes no time."""
    with tempfile.TemporaryDirectory() as work:
        columns = " ".join(f"c{i} nosuchtype{i};" + " " * 3300 for i in range(60))
        path = os.path.join(work, "line.orm")
        with open(path, "w", encoding="utf-8") as out:
            out.write(f"namespace app;\nmodel M {{ id int64 primary; {columns} }}\n")
        expect(os.path.getsize(path) > 190 * 1024, "the line is not long enough")
        result = run([args.ormc, "check", "--color=never", "--error-limit=0", path])
        err = result.stderr.decode()
        expect(result.returncode == 1 and err.count("[E202]") == 60, f"expected 60 E202:\n{err[:3000]}")
        expect(len(err) < 64 * 1024, f"{len(err)} bytes of diagnostics: the line is not cut")


def special_files(args):
    """A FIFO or socket, imported or named on the command line, is refused, never waited on."""
    with tempfile.TemporaryDirectory() as work:
        fifo = os.path.join(work, "fifo.orm")
        os.mkfifo(fifo)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        os.chdir(work)  # bind() takes a short path
        sock.bind("socket.orm")
        sock.close()
        for target in ("fifo.orm", "socket.orm"):
            importer = os.path.join(work, "importer.orm")
            with open(importer, "w", encoding="utf-8") as out:
                out.write(f'namespace app;\nimport "{target}";\nmodel M {{ id int64 primary; }}\n')
            for command in ("check", "generate"):
                extra = ["--stdout"] if command == "generate" else []
                result = run([args.ormc, command, *extra, importer])
                expect(result.returncode == 1 and b"[E007]" in result.stderr,
                       f"{command} of an import of {target}: {result.stderr.decode()}")
                result = run([args.ormc, command, *extra, os.path.join(work, target)])
                expect(result.returncode == 2 and b"not an .orm file" in result.stderr,
                       f"{command} {target}: {result.stderr.decode()}")


def depfile_paths(args):
    """A schema in a directory named with a space, '#' and '$': each escaped as Make and Ninja read it."""
    with tempfile.TemporaryDirectory() as work:
        directory = os.path.join(work, "my schemas #1 $x")
        os.mkdir(directory)
        with open(os.path.join(directory, "blog.orm"), "w", encoding="utf-8") as out:
            out.write("namespace blog;\nmodel User { id int64 primary; }\n")
        depfile = os.path.join(work, "blog.d")
        result = run([args.ormc, "generate", "--out", os.path.join(work, "out"), "--depfile",
                      depfile, "--depfile-target", "blog.stamp",
                      os.path.join(directory, "blog.orm")])
        expect(result.returncode == 0, result.stderr.decode())
        with open(depfile, encoding="utf-8") as text:
            content = text.read()
        expect("my\\ schemas\\ \\#1\\ $$x/blog.orm" in content, f"badly escaped depfile:\n{content}")
        expect(content.startswith("blog.stamp: \\\n"), f"unexpected depfile:\n{content}")


CASES = {
    "import-chain-compile": import_chain_compile,
    "import-chain-check": import_chain_check,
    "long-identifiers": long_identifiers,
    "long-line": long_line,
    "special-files": special_files,
    "depfile-paths": depfile_paths,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ormc")
    parser.add_argument("case", choices=sorted(CASES))
    parser.add_argument("--cxx", default="g++")
    parser.add_argument("--runtime-include", default="")
    args = parser.parse_args()
    args.ormc = os.path.abspath(args.ormc)
    CASES[args.case](args)
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
