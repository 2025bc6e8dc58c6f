"""``aligner check --format html``: one self-contained page to open and share.

No script, no web font, no external stylesheet: the page opens from an e-mail attachment
or a shared drive as it is, and prints. Every text comes from the same data as the JSON
report (:meth:`CheckReport.to_json`), escaped; the output is deterministic.
"""
from __future__ import annotations

from html import escape
from typing import Any

from .report import CheckReport

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;padding:0 1em}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#f3f3f3}
td.seg{white-space:pre-wrap;word-break:break-word}
.error{color:#a40000;font-weight:600}.warning{color:#8a5300;font-weight:600}.info{color:#245}
.off{color:#888}code{font-size:.95em}
"""


def _cell(text: Any, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{escape('' if text is None else str(text))}</td>"


def report_html(report: CheckReport) -> str:
    """The report as an HTML5 page (UTF-8)."""
    data = report.to_json()
    counts = data["counts"]
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           "<title>aligner check report</title>", f"<style>{_STYLE.strip()}</style>", "</head>",
           "<body>", "<h1>aligner check report</h1>",
           f"<p>{escape(report.summary())}</p>",
           f"<p>Glossary: <code>{escape(data['glossary']['path'] or '(in memory)')}</code>; "
           f"tool: {escape(data['tool']['name'])} {escape(data['tool']['version'])}; "
           f"JSON schema {data['schema_version']}.</p>",
           "<h2>Files</h2>", "<table><tr><th>file</th><th>format</th><th>units</th>"
           "<th>untranslated</th><th>fuzzy</th></tr>"]
    for f in data["files"]:
        out.append("<tr>" + "".join(_cell(f[k]) for k in
                                     ("path", "format", "units", "untranslated", "fuzzy")) + "</tr>")
    out.append("</table>")
    out.append("<h2>Findings by rule</h2>")
    out.append("<table><tr><th>rule</th><th>severity</th><th>findings</th><th>on</th>"
               "<th>what it finds</th></tr>")
    for rule in data["rules"]:
        n = counts["by_rule"].get(rule["id"], 0)
        cls = "" if rule["enabled"] else "off"
        out.append(f'<tr class="{cls}">' + _cell(rule["id"]) + _cell(rule["severity"], rule["severity"])
                   + _cell(n) + _cell("yes" if rule["enabled"] else "no") + _cell(rule["summary"])
                   + "</tr>")
    out.append("</table>")
    out.append(f"<h2>Findings ({counts['findings']})</h2>")
    if data["findings"]:
        out.append("<table><tr><th>#</th><th>where</th><th>rule</th><th>severity</th>"
                   "<th>message</th><th>source</th><th>target</th></tr>")
        for number, f in enumerate(data["findings"], 1):
            where = f"{f['file']}:{f['line']}" if f["line"] else f["file"]
            if f["unit"] and f["unit"] != str(f["line"] or ""):
                where += f" (unit {f['unit']})"
            if f["fuzzy"]:
                where += " [fuzzy]"
            out.append(f'<tr id="f{number}">' + _cell(number) + _cell(where) + _cell(f["rule"])
                       + _cell(f["severity"], f["severity"])
                       + _cell("; ".join([f["message"]] + [f"[{g['rule']}] {g['message']}"
                                                           for g in f.get("folded", ())]))
                       + _cell(f["source"], "seg")
                       + _cell(f["target"] + (": " + ", ".join(f["units"]) if f.get("units") else ""), "seg")
                       + "</tr>")
        out.append("</table>")
    else:
        out.append("<p>No findings.</p>")
    if data["accepted"]:
        out.append(f"<h2>Accepted by derivation ({len(data['accepted'])})</h2>")
        out.append("<table><tr><th>where</th><th>term</th><th>in the source as</th>"
                   "<th>in the target as</th><th>why</th></tr>")
        for a in data["accepted"]:
            where = f"{a['file']}:{a['line']}" if a["line"] else a["file"]
            out.append("<tr>" + _cell(where) + _cell(a["source_term"]) + _cell(a["source_word"])
                       + _cell(a["target_form"]) + _cell(a["reason"]) + "</tr>")
        out.append("</table>")
    skipped = ([("file", s["path"], s["reason"]) for s in data["skipped_files"]]
               + [("unit", s["where"], s["reason"]) for s in data["skipped_units"]]
               + [("glossary entry", s["where"], s["reason"]) for s in data["glossary"]["skipped"]])
    if skipped:
        out.append("<h2>Skipped</h2><table><tr><th>what</th><th>where</th><th>why</th></tr>")
        out.extend("<tr>" + _cell(a) + _cell(b) + _cell(c) + "</tr>" for a, b, c in skipped)
        out.append("</table>")
    out.extend(["</body>", "</html>", ""])
    return "\n".join(out)
