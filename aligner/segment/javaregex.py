"""Java regular expressions (as written in SRX files) compiled for Python.

SRX rules are Java ``java.util.regex`` patterns: CAT tools (OmegaT, Okapi, Trados) run them
on the JVM. Python's ``re`` lacks ``\\p{Lu}``-style properties, so we compile with the
``regex`` module and translate the constructs whose meaning differs:

* ``\\s \\d \\w`` (and their negations) are ASCII-only in Java; in Python they are Unicode.
  ``\\s`` must not match U+3000 IDEOGRAPHIC SPACE, or ``。\\u3000`` would break where OmegaT
  does not.
* POSIX classes ``\\p{Lower} \\p{Alpha} \\p{Punct}``... are ASCII-only in Java; ``java*``
  classes (``\\p{javaLowerCase}``) map to Unicode properties.
* ``\\Q...\\E`` quoting, ``\\h \\v \\R \\z \\Z \\e \\cX \\x{...} \\0oo``, nested class unions
  ``[a[bc]]`` and inline flags in the middle of a pattern are rewritten.
* Patterns are compiled with DOTALL, as OmegaT compiles SRX rules.

Anything we cannot translate faithfully (class intersection ``&&``, negated nested classes)
raises :class:`JavaRegexError` so the SRX reader can name the file and line.
"""
from __future__ import annotations

import functools

import regex

from ..bounds import SRX_MAX_REPEAT_EXPANSION
from .regex_cost import repeat_expansion

__all__ = ["JavaRegexError", "compile_java", "repeat_expansion", "translate"]

_WS = " \\t\\n\\x0b\\f\\r"  # Java \s: [ \t\n\x0B\f\r]
_DIGIT = "0-9"
_WORD = "a-zA-Z0-9_"
_HSPACE = " \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000"
_VSPACE = "\\n\\x0b\\f\\r\\x85\\u2028\\u2029"

# shorthand -> (set body, negated?)
_SHORTHANDS: dict[str, tuple[str, bool]] = {
    "s": (_WS, False),
    "S": (_WS, True),
    "d": (_DIGIT, False),
    "D": (_DIGIT, True),
    "w": (_WORD, False),
    "W": (_WORD, True),
    "h": (_HSPACE, False),
    "H": (_HSPACE, True),
    "v": (_VSPACE, False),
    "V": (_VSPACE, True),
}

# Java's POSIX classes are US-ASCII only (without UNICODE_CHARACTER_CLASS).
_POSIX: dict[str, str] = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7f",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": "!-/:-@\\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": _WS,
}

# java.lang.Character classes -> Unicode properties the regex module knows.
_JAVA_PROPS: dict[str, str] = {
    "javaLowerCase": "Lowercase",
    "javaUpperCase": "Uppercase",
    "javaAlphabetic": "Alphabetic",
    "javaLetter": "L",
    "javaDigit": "Nd",
    "javaLetterOrDigit": "Alnum",
    "javaWhitespace": "White_Space",
    "javaSpaceChar": "Z",
    "javaTitleCase": "Lt",
    "javaIdeographic": "Ideographic",
}

_FLAG_MAP = {"i": "i", "m": "m", "s": "s", "x": "x"}  # d, u, U have no Python equivalent


class JavaRegexError(ValueError):
    """A Java pattern that cannot be translated or does not compile."""


def _escape_char(ch: str) -> str:
    """One literal character, safe both inside and outside a class."""
    if ch.isalnum() or ch == "_" or ord(ch) > 0x7F:
        return ch
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if ch.isprintable() and ch != " ":
        return "\\" + ch
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class _Translator:
    """A single left-to-right pass over the Java pattern."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        self.out: list[str] = []
        # per open group: the flag specs of the scoped groups we opened for mid-pattern
        # flags such as x(?i)abc -> x(?i:abc); closed with the group, reopened after |
        self.pending: list[list[str]] = [[]]
        self.at_start = True

    def fail(self, what: str) -> JavaRegexError:
        return JavaRegexError(f"{what} at position {self.i} of the pattern {self.p!r}")

    def run(self) -> str:
        p = self.p
        while self.i < len(p):
            ch = p[self.i]
            if ch == "\\":
                self.out.append(self._escape(in_class=False)[0])
            elif ch == "[":
                self.out.append(self._char_class())
            elif ch == "(":
                self._open_group()
                continue
            elif ch == ")":
                if len(self.pending) == 1:
                    raise self.fail("unbalanced ')'")
                self.out.append(")" * len(self.pending.pop()) + ")")
                self.i += 1
            elif ch == "|" and self.pending[-1]:  # Java's inline flags span alternatives
                specs = self.pending[-1]
                self.out.append(")" * len(specs) + "|" + "".join(f"(?{f}:" for f in specs))
                self.i += 1
            else:
                self.out.append(ch)
                self.i += 1
            self.at_start = False
        self.out.append(")" * len(self.pending[0]))
        return "".join(self.out)

    def _open_group(self) -> None:
        p = self.p
        m = regex.match(r"\(\?([idmsuxU]*)(?:-([idmsuxU]*))?(\)|:)", p[self.i :])
        if m:
            on = "".join(_FLAG_MAP.get(f, "") for f in m.group(1))
            off = "".join(_FLAG_MAP.get(f, "") for f in (m.group(2) or ""))
            spec = on + (f"-{off}" if off else "")
            if m.group(3) == ":":  # scoped group (?i:...)
                self.out.append(f"(?{spec}:" if spec else "(?:")
                self.pending.append([])
            elif spec:  # (?i) applies to the rest of the enclosing group
                if self.at_start and len(self.pending) == 1 and not off:
                    self.out.append(f"(?{spec})")
                else:
                    self.out.append(f"(?{spec}:")
                    self.pending[-1].append(spec)
            self.i += m.end()
            self.at_start = self.at_start and m.group(3) == ")"
            return
        self.out.append("(")
        self.pending.append([])
        self.i += 1
        self.at_start = False

    def _escape(self, *, in_class: bool) -> tuple[str, tuple[str, bool] | None]:
        """Translate the escape at ``self.i``.

        Returns (text, set): ``set`` is (body, negated) when the escape is a character set
        that must be merged into an enclosing class.
        """
        p = self.p
        if self.i + 1 >= len(p):
            raise self.fail("trailing backslash")
        c = p[self.i + 1]
        self.i += 2
        if c in _SHORTHANDS:
            body, neg = _SHORTHANDS[c]
            return (f"[{'^' if neg else ''}{body}]", (body, neg))
        if c in "pP":
            return self._property(negated=c == "P")
        if c == "Q":
            end = p.find("\\E", self.i)
            end = len(p) if end < 0 else end
            literal = p[self.i : end]
            self.i = end + 2 if end < len(p) else end
            # like Java, a quantifier after \E applies to the last quoted character
            return ("".join(_escape_char(x) for x in literal), None)
        if c == "E":
            return ("", None)
        if c == "x" and self.i < len(p) and p[self.i] == "{":
            end = p.find("}", self.i)
            if end < 0:
                raise self.fail("unterminated \\x{...}")
            digits = p[self.i + 1 : end]
            if not regex.fullmatch(r"[0-9A-Fa-f]{1,8}", digits) or int(digits, 16) > 0x10FFFF:
                raise self.fail(f"\\x{{{digits}}} is not a Unicode code point")
            code = int(digits, 16)
            self.i = end + 1
            return (_escape_char(chr(code)), None)
        if c == "0":  # Java octal: \0n, \0nn, \0mnn with m <= 3
            digits = regex.match(r"[0-3][0-7]{2}|[0-7]{1,2}", p[self.i :])
            if not digits:
                raise self.fail("\\0 needs octal digits")
            self.i += digits.end()
            return (_escape_char(chr(int(digits.group(), 8))), None)
        if c == "e":
            return ("\\x1b", None)
        if c == "c":
            if self.i >= len(p):
                raise self.fail("\\c needs a letter")
            ctl = chr(ord(p[self.i]) ^ 64)
            self.i += 1
            return (_escape_char(ctl), None)
        if not in_class:
            if c == "z":
                return ("\\Z", None)
            if c == "Z":
                return ("(?=(?:\\r\\n|[\\n\\r\\x85\\u2028\\u2029])?\\Z)", None)
            if c == "R":
                return ("(?:\\r\\n|[\\n\\x0b\\f\\r\\x85\\u2028\\u2029])", None)
            if c == "k":
                return ("\\k", None)
        if c == "b" and in_class:
            raise self.fail("\\b inside a character class")
        return ("\\" + c, None)

    def _property(self, *, negated: bool) -> tuple[str, tuple[str, bool] | None]:
        p = self.p
        if self.i < len(p) and p[self.i] == "{":
            end = p.find("}", self.i)
            if end < 0:
                raise self.fail("unterminated \\p{...}")
            name = p[self.i + 1 : end]
            self.i = end + 1
        elif self.i < len(p):
            name = p[self.i]
            self.i += 1
        else:
            raise self.fail("\\p needs a property name")
        bare = name[2:] if name.startswith("Is") and name[2:] in _POSIX else name
        if bare in _POSIX:
            body = _POSIX[bare]
            return (f"[{'^' if negated else ''}{body}]", (body, negated))
        if name in _JAVA_PROPS:
            name = _JAVA_PROPS[name]
        elif name.startswith("Is") and len(name) <= 4:  # \p{IsLu}, \p{IsL}: general category
            name = name[2:]
        elif name.startswith("general_category="):
            name = "gc=" + name.split("=", 1)[1]
        letter = "P" if negated else "p"
        return (f"\\{letter}{{{name}}}", None)

    def _char_class(self) -> str:
        """``[...]`` with Java semantics: nested unions flattened, shorthands merged."""
        p = self.p
        start = self.i
        self.i += 1
        negated = False
        if self.i < len(p) and p[self.i] == "^":
            negated = True
            self.i += 1
        items: list[str] = []
        negated_sets: list[str] = []
        depth = 0
        first = True
        while True:
            if self.i >= len(p):
                self.i = start
                raise self.fail("unterminated character class")
            ch = p[self.i]
            if ch == "]" and not first:
                self.i += 1
                if depth == 0:
                    break
                depth -= 1
                continue
            first = False
            if ch == "[":
                if p.startswith("[^", self.i):
                    raise self.fail("negated nested character class")
                depth += 1
                self.i += 1
                first = True
                continue
            if p.startswith("&&", self.i):
                raise self.fail("character class intersection '&&'")
            if ch == "\\":
                text, cset = self._escape(in_class=True)
                if cset is None:
                    items.append(text)
                elif cset[1]:
                    negated_sets.append(cset[0])
                else:
                    items.append(cset[0])
                continue
            if ch in "&~|[":
                items.append("\\" + ch)
            else:
                items.append(ch)
            self.i += 1
        body = "".join(items)
        if not negated_sets:
            return f"[{'^' if negated else ''}{body}]" if body else ("(?s:.)" if negated else "(?!)")
        alternatives = ([f"[{body}]"] if body else []) + [f"[^{s}]" for s in negated_sets]
        union = "|".join(alternatives)
        return f"(?:(?!{union})(?s:.))" if negated else f"(?:{union})"


def translate(pattern: str) -> str:
    """The ``regex``-module equivalent of a Java pattern."""
    return _Translator(pattern).run()


@functools.lru_cache(maxsize=4096)
def compile_java(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """Compile a Java pattern as OmegaT does (DOTALL), raising :class:`JavaRegexError`."""
    translated = translate(pattern)
    cost = repeat_expansion(translated)
    if cost > SRX_MAX_REPEAT_EXPANSION:
        raise JavaRegexError(
            f"the counted repeats of the pattern {pattern[:80]!r} expand to {cost:,} copies "
            f"(limit {SRX_MAX_REPEAT_EXPANSION:,}); use * or + instead of large {{n}} counts")
    try:
        return regex.compile(translated, flags | regex.DOTALL | regex.VERSION0)
    except (regex.error, ValueError, OverflowError, MemoryError) as exc:
        raise JavaRegexError(f"{exc} in the pattern {pattern!r}") from None

