#!/usr/bin/env python3
"""List Rust functions longer than a limit (lines from `fn` to its closing brace).

Usage: scripts/fn-lengths.py [--max N] [--exclude DIR]... [PATH...]
Defaults: --max 150, PATH src. Prints `lines path:line name`, longest first,
and exits 1 when any function is longer than the limit.
A small lexer skips comments, strings (raw ones too) and char literals, so
braces inside them do not count.
"""
import argparse
import os
import re
import sys

FN = re.compile(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)")


def code_only(text):
    """`text` with comments, strings and char literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "/" and nxt == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
            continue
        if c == "/" and nxt == "*":
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
            continue
        m = re.match(r'b?r(#*)"', text[i:i + 260])
        if m and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = '"' + m.group(1)
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
            continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j += 1
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
            continue
        if c == "'":
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\x[0-9a-fA-F]{2}|\\.|[^\\'])'", text[i:i + 12])
            if m:
                out.append(" " * m.end())
                i += m.end()
                continue
        out.append(c)
        i += 1
    return "".join(out)


def functions(path):
    text = open(path, encoding="utf-8").read()
    code = code_only(text)
    for m in FN.finditer(code):
        # the body starts at the first `{` not preceded by `;` (a declaration has none)
        j = m.end()
        while j < len(code) and code[j] not in "{;":
            j += 1
        if j >= len(code) or code[j] == ";":
            continue
        depth, k = 0, j
        while k < len(code):
            if code[k] == "{":
                depth += 1
            elif code[k] == "}":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        start = code.count("\n", 0, m.start()) + 1
        end = code.count("\n", 0, k) + 1
        yield start, end - start + 1, m.group(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=int, default=150)
    ap.add_argument("--exclude", action="append", default=[])
    ap.add_argument("paths", nargs="*", default=["src"])
    a = ap.parse_args()
    excl = [os.path.normpath(e) for e in a.exclude]
    long = []
    for root in a.paths:
        for d, _, files in os.walk(root):
            if any(os.path.normpath(d) == e or os.path.normpath(d).startswith(e + os.sep) for e in excl):
                continue
            for f in sorted(files):
                if f.endswith(".rs"):
                    p = os.path.join(d, f)
                    for line, n, name in functions(p):
                        if n > a.max:
                            long.append((n, p, line, name))
    for n, p, line, name in sorted(long, reverse=True):
        print(f"{n:5} {p}:{line} {name}")
    print(f"{len(long)} function(s) longer than {a.max} lines", file=sys.stderr)
    sys.exit(1 if long else 0)


main()
