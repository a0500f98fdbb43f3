"""Which surviving mutants only change the letter case of SQL text (read by scripts/mutants.sh).

mutmut 3 makes two mutants of every string literal that has letters: the text lower-cased and upper-cased.
On a literal of SQL (`"SELECT seq FROM articles WHERE id = ?"`) both are equivalent by construction:
SQLite's keywords, function names and (ASCII) table and column names are case-insensitive. Such a
survivor is no missing test, so mutants.sh reports the score with them left out next to the raw score.

A survivor counts here only when all of these hold, so that nothing else is hidden:
- its diff changes one line, and the new line equals the old one but for the case of its letters;
- every changed character lies inside one plain string literal (no f-string field, no code outside it);
- that literal holds, as upper-case words, a keyword that only SQL spells so (SELECT, WHERE, ORDER, ...)
  or two SQL keywords (`NOT IN`): a lone `IN` or `DO` is as likely a country code;
- it holds no quote (an SQL string literal such as `'ok'` or a JSON path is case-sensitive), no GLOB,
  no LIKE, and no named parameter (`:name`, `@name`, `$name`: bound by a case-sensitive key).
Result columns read by the name the statement spells would also change case; in store/ only
Store.feed_state and Store.feed_states read names, both from `SELECT *` (names from the table).

    python scripts/sql_case.py < report.txt    # mutants.sh's report: prints the names that count
"""

from __future__ import annotations

import re
import sys

KEYWORDS = frozenset(
    {
        *("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "FROM", "WHERE", "JOIN", "LEFT", "ON", "USING"),
        *("VALUES", "INTO", "SET", "CREATE", "DROP", "ALTER", "TABLE", "INDEX", "VIEW", "TRIGGER", "VIRTUAL"),
        *("IF", "EXISTS", "NOT", "NULL", "AND", "OR", "IN", "IS", "AS", "ORDER", "GROUP", "BY", "HAVING"),
        *("LIMIT", "OFFSET", "DESC", "ASC", "UNION", "ALL", "DISTINCT", "COUNT", "MAX", "MIN", "SUM"),
        *("COALESCE", "PRAGMA", "BEGIN", "COMMIT", "ROLLBACK", "CONFLICT", "DO", "PRIMARY", "KEY", "INTEGER"),
        *("TEXT", "REAL", "BLOB", "DEFAULT", "UNIQUE", "WITHOUT", "ROWID", "CASE", "WHEN", "THEN", "ELSE"),
        *("END", "CAST", "MATCH"),
    }
)
STRONG = frozenset(
    {
        *("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "FROM", "WHERE", "JOIN", "VALUES", "INTO"),
        *("CREATE", "DROP", "ALTER", "TABLE", "INDEX", "TRIGGER", "VIRTUAL", "PRAGMA", "ORDER", "GROUP"),
        *("HAVING", "LIMIT", "OFFSET", "UNION", "DISTINCT", "COALESCE", "CONFLICT", "ROWID", "EXISTS", "MATCH"),
    }
)
_LITERAL = re.compile(r"""(?P<prefix>[rRbBuUfF]{0,2})(?P<quote>["'])(?P<body>(?:\\.|(?!(?P=quote)).)*)(?P=quote)""")
_UNSAFE = re.compile(r"""['"]|\bGLOB\b|\bLIKE\b|[:@$][A-Za-z_]""", re.IGNORECASE)


def changed_lines(diff: str) -> list[tuple[str, str]]:
    """The (old, new) line pairs of a unified diff; a diff whose removed and added lines do not pair up
    one to one gives its lines unpaired (old or new empty)."""
    old = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    new = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    if len(old) != len(new):
        return [(line, "") for line in old] + [("", line) for line in new]
    return list(zip(old, new, strict=True))


def is_sql_case(diff: str) -> bool:
    """True when the mutant's only change is the letter case of one SQL string literal (rules above)."""
    pairs = changed_lines(diff)
    if len(pairs) != 1:
        return False
    old, new = pairs[0]
    if old == new or old.lower() != new.lower() or len(old) != len(new):
        return False
    first = next(i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b)
    last = max(i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b)
    for literal in _LITERAL.finditer(old):
        if literal.start("body") <= first and last < literal.end("body"):
            if "f" in literal.group("prefix").lower():
                return False
            body = literal.group("body")
            words = [w for w in re.findall(r"\b[A-Z]+\b", body) if w in KEYWORDS]
            sql = bool(STRONG.intersection(words)) or len(words) >= 2
            return sql and not _UNSAFE.search(body)
    return False


def survivors(report: str) -> dict[str, str]:
    """Each survivor's diff, from mutants.sh's report (`--- NAME` followed by `mutmut show NAME`)."""
    found: dict[str, str] = {}
    name = ""
    for line in report.splitlines():
        if line.startswith("--- newsreader."):
            name = line[4:].strip()
            found[name] = ""
        elif line.startswith(("score ", "time: ")):
            name = ""
        elif name:
            found[name] += line + "\n"
    return found


def main() -> None:
    for name, diff in survivors(sys.stdin.read()).items():
        if is_sql_case(diff):
            print(name)


if __name__ == "__main__":
    main()
