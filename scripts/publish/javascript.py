"""The edition's own scripts as shipped: without their comments and indentation.

The scripts in `overrides/assets/javascripts/` are written to be read: a long comment at the top
of each, a comment above most blocks. A reader's browser needs none of it. `minify` takes out
comments and the whitespace at the start and end of lines, makes each run of spaces one space
and each run of blank lines one line end, and changes nothing else: every line end between two
tokens stays (so automatic semicolon insertion reads the code as before), and strings,
template literals and regular expression literals are kept byte for byte. No name is
shortened, no code is rewritten: what it cannot read for certain it leaves as code.

Not for Material's scripts (minified already) nor for scripts of unknown style: the one
ambiguity of JavaScript's grammar met here, whether a `/` begins a regular expression or
divides, is settled by the token before it, as every hand-written lexer does (a `/` after a
name, a number, `)` or `]` divides; after a keyword such as `return` or any other punctuator it
begins a regular expression), which is right for code written as the edition's is.
"""
from __future__ import annotations

import re

from ..errors import BuildError

#: keywords after which a `/` begins a regular expression, not a division
REGEX_AFTER_KEYWORD = frozenset({"return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw",
                                 "case", "do", "else", "yield", "await"})
#: the end of a name or number just before a `/`
NAME_END = re.compile(r"[A-Za-z0-9_$\u0080-\U0010ffff]+$")
SPACES = re.compile(r"[ \t\f\v\u00a0\ufeff]+")
LINE_END = re.compile(r"[ \t\f\v\u00a0\ufeff]*(?:\r\n|[\n\r\u2028\u2029])\s*")
#: a space beside one of these punctuators can go: no two tokens of valid JavaScript it would join
#: make another token (not `.`: `1 .x` is not `1.x`; not `+`, `-`, `<`, `!`: `+ +`, `- -`, `< !--`)
PUNCTUATOR_SPACE = re.compile(r" ?([(){}\[\];,:=?]) ?")


def _fail(source: str, i: int, what: str) -> BuildError:
    line = source.count("\n", 0, i) + 1
    return BuildError(f"a script has {what} (line {line})", fix="the script is malformed: check that line")


def _quoted_end(source: str, i: int) -> int:
    """The index after the string literal opened by the quote at `i`."""
    quote, j, n = source[i], i + 1, len(source)
    while j < n:
        c = source[j]
        if c == "\\":
            j += 2
        elif c == quote:
            return j + 1
        elif c in "\n\r":
            raise _fail(source, i, "a string that runs past its line's end")
        else:
            j += 1
    raise _fail(source, i, "a string that never ends")


def _regex_end(source: str, i: int) -> int:
    """The index after the regular expression literal opened by the `/` at `i` (and its flags)."""
    j, n, in_class = i + 1, len(source), False
    while j < n:
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c in "\n\r":
            raise _fail(source, i, "a regular expression that runs past its line's end")
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "/":
            j += 1
            while j < n and (source[j].isalnum() or source[j] in "_$"):
                j += 1
            return j
        j += 1
    raise _fail(source, i, "a regular expression that never ends")


def _regex_may_start(code_before: str) -> bool:
    """Whether a `/` after `code_before` (the code so far, comments out) begins a regular expression."""
    text = code_before.rstrip()
    if not text:
        return True
    name = NAME_END.search(text)
    if name:
        return name.group(0) in REGEX_AFTER_KEYWORD
    return text[-1] not in ")]"


def tokens(source: str) -> list[tuple[str, str]]:
    """The source as pieces, in order, each (kind, text): "code", "comment" or "literal" (a string,
    a template literal's text, a regular expression). Joined, the pieces are the source."""
    out: list[tuple[str, str]] = []
    code: list[str] = []          # the code piece being read
    done_code = ""                # the code read so far (for the `/` rule), comments out
    braces: list[int] = []        # for each template literal we are inside a `${` of: the brace depth there
    depth = 0
    i, n = 0, len(source)

    def flush() -> None:
        nonlocal done_code
        if code:
            text = "".join(code)
            out.append(("code", text))
            done_code = (done_code + text)[-64:]
            code.clear()

    def template_text(start: int) -> int:
        """From `start` (just after a backtick or a `}` closing a `${`), the template's text up to
        and including its end or its next `${`; the index after it."""
        j = start
        while j < n:
            c = source[j]
            if c == "\\":
                j += 2
            elif c == "`":
                return j + 1
            elif c == "$" and source.startswith("${", j):
                return j + 2
            else:
                j += 1
        raise _fail(source, start, "a template literal that never ends")

    while i < n:
        c = source[i]
        if c in "\"'":
            flush()
            j = _quoted_end(source, i)
            out.append(("literal", source[i:j]))
            done_code = (done_code + "0")[-64:]     # a value: a `/` after it divides
            i = j
        elif c == "`" or (c == "}" and braces and braces[-1] == depth):
            if c == "}":
                braces.pop()
                code.append("}")
                i += 1
            else:
                code.append("`")
                i += 1
            flush()
            j = template_text(i)
            text = source[i:j]
            if text.endswith("${"):
                out.append(("literal", text[:-2]))
                code.append("${")
                braces.append(depth)
            else:
                out.append(("literal", text[:-1]))
                code.append("`")
                done_code = (done_code + "0")[-64:]
            i = j
        elif c == "/" and source.startswith("//", i):
            flush()
            j = i + 2
            while j < n and source[j] not in "\n\r\u2028\u2029":
                j += 1
            out.append(("comment", source[i:j]))
            i = j
        elif c == "/" and source.startswith("/*", i):
            flush()
            j = source.find("*/", i + 2)
            if j < 0:
                raise _fail(source, i, "a comment that never ends")
            out.append(("comment", source[i:j + 2]))
            i = j + 2
        elif c == "/" and _regex_may_start(done_code + "".join(code)):
            flush()
            j = _regex_end(source, i)
            out.append(("literal", source[i:j]))
            done_code = (done_code + "0")[-64:]
            i = j
        else:
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            code.append(c)
            i += 1
    if braces:
        raise _fail(source, n, "a template literal's ${ that is never closed")
    flush()
    return out


def minify(source: str) -> str:
    """The script without comments and needless whitespace (see the module's docstring)."""
    pieces: list[tuple[str, str]] = []
    for kind, text in tokens(source):
        if kind == "comment":
            # a comment is whitespace: a line end where it ends a line or holds one, else a space
            kind, text = "code", ("\n" if text.startswith("//") or "\n" in text or "\r" in text else " ")
        if kind == "code" and pieces and pieces[-1][0] == "code":
            pieces[-1] = ("code", pieces[-1][1] + text)
        else:
            pieces.append((kind, text))
    # whitespace is squeezed in the code only: a literal's is its content
    out = [text if kind == "literal" else PUNCTUATOR_SPACE.sub(r"\1", SPACES.sub(" ", LINE_END.sub("\n", text)))
           for kind, text in pieces]
    return "".join(out).strip() + "\n"
