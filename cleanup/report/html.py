"""``report.html``: one self-contained page where an editor reviews every change.

The page is a VIEW of report.json: rows come from :func:`~cleanup.report.align.align_rows`
over the recorded changes (input spans), so it cannot show a change that was
not written, nor miss one. Everything from the input is escaped with
:func:`html.escape` (quotes too) and the embedded JSON has ``<``, ``>``,
``&`` and the line separators escaped, so scraped pages that carry
``<script>`` stay text. A Content-Security-Policy allows only the page's own
script (by nonce), no network, no external asset: even an escaping bug could
not run injected code or fetch anything.

What the page offers: a summary table (changes by rule and safety, flags,
edit rate, reference scores), then per file the original and the cleaned
text side by side, paragraph by paragraph, each change highlighted token by
token inside its own span and labelled with its rule code, glossary entry and
safety; every flag where it stands; filters by rule and safety; a button per
change to reject or accept it; and "Save decisions", which downloads the
decisions as JSON for ``cleanup apply``.
"""

from __future__ import annotations

import html
import json
import secrets
from typing import Any

from .align import Row, align_rows, is_chinese, token_diff

SAFETY_LABEL = {"safe": "safe", "review": "review", "flag": "flag"}


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _visible(text: str) -> str:
    """Escape a piece of changed text; make line breaks and lone spaces visible."""
    out = esc(text)
    out = out.replace("\n", '<span class="nl" aria-label="line break">↵</span>\n')
    out = out.replace("\t", '<span class="tab">⇥</span>')
    return out


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return esc(value)


# --------------------------------------------------------------------------- rows


def _change_title(change: dict) -> str:
    parts = [" + ".join(change.get("rules") or [change["rule"]]), change.get("safety", "")]
    if change.get("entries"):
        parts.append("glossary: " + ", ".join(change["entries"]))
    parts.append(f"line {change.get('line')}:{change.get('column')}")
    parts.append(change.get("message") or "")
    return " · ".join(p for p in parts if p)


def _render_original(change: dict, left: list[tuple[str, bool]]) -> str:
    cid = esc(change["id"])
    attrs = f'class="c s-{esc(change["safety"])}" data-c="{cid}" title="{esc(_change_title(change))}"'
    if not change["before"]:
        return f'<span {attrs}><span class="caret" aria-label="insertion point">‸</span></span>'
    inner = "".join(f'<span class="d">{_visible(t)}</span>' if differs else _visible(t) for t, differs in left)
    return f"<del {attrs}>{inner}</del>"


def _render_cleaned(change: dict, right: list[tuple[str, bool]]) -> str:
    cid = esc(change["id"])
    rules = change.get("rules") or [change["rule"]]
    entries = change.get("entries") or []
    label = esc(" ".join(rules))
    if entries:
        label += ' <span class="entry">' + esc(", ".join(entries)) + "</span>"
    inner = "".join(f'<span class="i">{_visible(t)}</span>' if differs else _visible(t) for t, differs in right)
    after = f'<ins class="after">{inner}</ins>' if change["after"] else '<span class="after gone" aria-label="deleted"></span>'
    extra = " has-entry" if entries else ""
    before = f'<span class="before">{_visible(change["before"])}</span>'
    return (f'<span class="c s-{esc(change["safety"])}{extra}" data-c="{cid}" data-rules="{esc(" ".join(rules))}" '
            f'data-safety="{esc(change["safety"])}" title="{esc(_change_title(change))}">{after}{before}'
            f'<button type="button" class="chip" aria-pressed="false" '
            f'title="click to reject this change (keep the original)">{label}'
            f'<span class="sf">{esc(SAFETY_LABEL.get(change["safety"], change["safety"]))}</span>'
            f'<span class="verdict"></span></button></span>')


def _flag_note(flag: dict, file_index: int) -> str:
    entry = f' <span class="entry">{esc(flag["entry"])}</span>' if flag.get("entry") else ""
    return (f'<li class="flag" data-rule="{esc(flag["rule"])}" id="flag-{file_index}-{esc(flag["id"])}">'
            f'<span class="where">{esc(flag.get("line"))}:{esc(flag.get("column"))}</span> '
            f'<span class="fchip">⚑ {esc(flag["rule"])}</span>{entry} {esc(flag.get("message", ""))}'
            + (f' <q>{esc(flag.get("text", ""))}</q>' if flag.get("text") else "") + "</li>")


def _render_row(row: Row, file_index: int, lang: str) -> str:
    left: list[str] = []
    right: list[str] = []
    flag_marks = sorted(row.flags, key=lambda f: f["start"])
    pos = row.start
    for kind, piece in row.pieces:
        if kind == "text":
            left.append(_mark_flags(piece, pos, flag_marks))
            right.append(esc(piece))
            pos += len(piece)
        else:
            pos = piece["end"]
            lo, ro = token_diff(piece["before"], piece["after"])
            left.append(_render_original(piece, lo))
            right.append(_render_cleaned(piece, ro))
    rules = sorted({r for c in row.changes for r in (c.get("rules") or [c["rule"]])} | {f["rule"] for f in row.flags})
    classes = ["row"] + (["touched"] if row.touched else []) + (["has-flag"] if row.flags else [])
    notes = ""
    if row.flags:
        notes = '<ul class="notes">' + "".join(_flag_note(f, file_index) for f in row.flags) + "</ul>"
    last = row.first_line + max(row.original.count("\n") - (1 if row.original.endswith("\n") else 0), 0)
    lines = f"{row.first_line}" if last == row.first_line else f"{row.first_line}–{last}"
    return (f'<tr class="{" ".join(classes)}" id="row-{file_index}-{row.first_line}" data-rules="{esc(" ".join(rules))}">'
            f'<td class="ln">{lines}</td><td class="orig" lang="{lang}">{"".join(left).rstrip()}{notes}</td>'
            f'<td class="clean" lang="{lang}">{"".join(right).rstrip()}</td></tr>')


def _mark_flags(text_piece: str, start: int, flags: list[dict]) -> str:
    """Escape an unchanged piece of the original (at input offset ``start``), marking flagged spans inside it."""
    end = start + len(text_piece)
    out: list[str] = []
    pos = start
    for flag in flags:
        s, e = flag["start"], flag["end"]
        if s < pos or e > end or s >= e:
            continue
        out.append(esc(text_piece[pos - start:s - start]))
        out.append(f'<mark class="fl" data-rule="{esc(flag["rule"])}" title="{esc(flag["rule"] + ": " + flag.get("message", ""))}">'
                   f"{esc(text_piece[s - start:e - start])}</mark>")
        pos = e
    out.append(esc(text_piece[pos - start:]))
    return "".join(out)


# --------------------------------------------------------------------------- QE


def _render_qe(file: dict, file_index: int) -> str:
    qe = file.get("qe") if isinstance(file.get("qe"), dict) else None
    pairs = file.get("pairs")
    if pairs is None and qe:
        pairs = qe.get("pairs")
    parts: list[str] = []
    try:
        if qe and qe.get("sentences"):
            sentences = [s for s in qe["sentences"] if isinstance(s, dict)]
            shaded = []
            for s in sentences:
                score = float(s.get("score") or 0.0)
                alpha = max(0.0, min(1.0, score)) ** 2 * 0.55
                cls = "qs flagged" if s.get("flagged") else "qs"
                shaded.append(f'<span class="{cls}" style="background:rgba(220,80,40,{alpha:.2f})" '
                              f'title="score {score:.2f} · perplexity {_fmt(s.get("perplexity"))}">{esc(s.get("text", ""))}</span>')
            worst = sorted(sentences, key=lambda s: (not s.get("flagged"), -float(s.get("score") or 0.0)))[:12]
            items = []
            for s in worst:
                toks = "".join(
                    (f'<span class="qt" title="surprisal {_fmt(t.get("surprisal"))}">{esc(t.get("text", ""))}</span>'
                     if t.get("flagged") else esc(t.get("text", ""))) for t in (s.get("tokens") or []) if isinstance(t, dict)
                ) or esc(s.get("text", ""))
                items.append(f'<li{" class=flagged" if s.get("flagged") else ""}><span class="where">line {esc(s.get("line", "?"))}</span> '
                             f'<span class="score">{_fmt(s.get("score"), 2)}</span> <span class="ppl">ppl {_fmt(s.get("perplexity"))}</span> '
                             f'<span class="qtext" lang="en">{toks}</span></li>')
            parts.append(f'<details class="qe" open><summary>Fluency (quality estimation): '
                         f'{sum(1 for s in sentences if s.get("flagged"))} of {len(sentences)} sentences flagged '
                         f'<span class="dim">model {esc(qe.get("model", "?"))}, threshold {_fmt(qe.get("threshold"))}</span></summary>'
                         f'<h4>Worst first</h4><ol class="worst">{"".join(items)}</ol>'
                         f'<h4>Cleaned text shaded by score (darker = less fluent)</h4><div class="shaded" lang="en">{" ".join(shaded)}</div></details>')
        if pairs:
            items = []
            for p in pairs:
                if not isinstance(p, dict):
                    continue
                chrf = f' <span class="dim">chrF {_fmt(p.get("chrf"))}</span>' if p.get("chrf") is not None else ""
                entry = f' <span class="entry">{esc(p["entry"])}</span>' if p.get("entry") else ""
                items.append(f'<li{" class=flagged" if p.get("flagged") else ""}><span class="where">¶ {esc(p.get("paragraph", "?"))}</span>'
                             f'{entry} {esc(p.get("message", ""))}{chrf}</li>')
            parts.append(f'<details class="qe pairs" open><summary>Bilingual checks ({len(items)})</summary><ul>{"".join(items)}</ul></details>')
    except (TypeError, ValueError, AttributeError):
        parts.append('<p class="dim">quality-estimation data present but not in a shape this report understands</p>')
    return "".join(parts)


# --------------------------------------------------------------------------- page


def _metrics_cells(metrics: dict | None) -> str:
    edit = (metrics or {}).get("edit") or {}
    return f'<td class="num">{_fmt(edit.get("ter"))}</td><td class="num">{_fmt(edit.get("chrf"))}</td>'


def _ref_cells(metrics: dict | None, with_ref: bool) -> str:
    if not with_ref:
        return ""
    ref = (metrics or {}).get("reference")
    if not ref:
        return '<td class="num" colspan="3">no reference</td>'
    cells = []
    for key in ("bleu", "chrf", "ter"):
        gain = ref["gain"][key]
        cls = "up" if gain > 0 else ("down" if gain < 0 else "")
        cells.append(f'<td class="num">{_fmt(ref["original"][key])} → {_fmt(ref["cleaned"][key])} '
                     f'<span class="{cls}">({gain:+.1f})</span></td>')
    return "".join(cells)


def _rule_badges(by_rule: dict, flags_by_rule: dict) -> str:
    items = [f'<span class="rb">{esc(code)}×{n}</span>' for code, n in by_rule.items()]
    items += [f'<span class="rb fb">⚑{esc(code)}×{n}</span>' for code, n in flags_by_rule.items()]
    return " ".join(items) or '<span class="dim">none</span>'


def render_html(report: dict, sources: dict[str, str]) -> str:
    """The page for ``report`` (report.json data); ``sources`` maps each file's path to its decoded input."""
    nonce = secrets.token_urlsafe(16)
    files = report.get("files", [])
    with_ref = any((f.get("metrics") or {}).get("reference") for f in files) or bool((report.get("metrics") or {}).get("reference"))
    rule_counts: dict[str, int] = {}
    safety_counts = {"safe": 0, "review": 0, "flag": 0}
    for f in files:
        for c in f.get("changes", []):
            for r in c.get("rules") or [c["rule"]]:
                rule_counts[r] = rule_counts.get(r, 0) + 1
            safety_counts[c["safety"]] = safety_counts.get(c["safety"], 0) + 1
        for fl in f.get("flags", []):
            rule_counts[fl["rule"]] = rule_counts.get(fl["rule"], 0) + 1
            safety_counts["flag"] += 1

    summary_rows = []
    for i, f in enumerate(files):
        s = f.get("summary") or {}
        lang = f.get("language") or "?"
        summary_rows.append(
            f'<tr><td><a href="#file-{i}">{esc(f.get("relative") or f["path"])}</a></td><td>{esc(lang)}</td>'
            f'<td class="num">{s.get("changes", len(f.get("changes", [])))}</td>'
            f'<td class="num">{(s.get("by_safety") or {}).get("safe", 0)}</td>'
            f'<td class="num">{(s.get("by_safety") or {}).get("review", 0)}</td>'
            f'<td class="num">{s.get("flags", len(f.get("flags", [])))}</td>'
            f'<td class="rules">{_rule_badges(s.get("by_rule") or {}, s.get("flags_by_rule") or {})}</td>'
            f'{_metrics_cells(f.get("metrics"))}{_ref_cells(f.get("metrics"), with_ref)}</tr>')
    corpus = report.get("metrics")
    total_changes = sum(len(f.get("changes", [])) for f in files)
    total_flags = sum(len(f.get("flags", [])) for f in files)
    if files:
        summary_rows.append(
            f'<tr class="total"><td>all {len(files)} files</td><td></td><td class="num">{total_changes}</td>'
            f'<td class="num">{safety_counts["safe"]}</td><td class="num">{safety_counts["review"]}</td>'
            f'<td class="num">{total_flags}</td><td></td>{_metrics_cells(corpus)}{_ref_cells(corpus, with_ref)}</tr>')
    ref_head = ('<th title="original → cleaned, against the reference (gain)">BLEU</th><th>chrF</th>'
                '<th title="lower is better">TER</th>') if with_ref else ""
    summary = (f'<table class="summary"><thead><tr><th>file</th><th>lang</th><th>changes</th><th>safe</th><th>review</th>'
               f'<th>flags</th><th>by rule</th><th title="TER, original → cleaned, case-sensitive: share of the text edited">edit rate (TER)</th>'
               f'<th title="chrF of the original against the cleaned text">chrF</th>{ref_head}</tr></thead>'
               f'<tbody>{"".join(summary_rows)}</tbody></table>')

    sections = []
    for i, f in enumerate(files):
        sections.append(_render_file(i, f, sources.get(f["path"])))

    try:
        from ..core.rules import all_rules

        names = {code: f"{rule.name}: {rule.summary()}" for code, rule in all_rules().items()}
    except Exception:  # a report must render even if a rule module is broken
        names = {}
    rule_filters = "".join(
        f'<label class="rf" title="{esc(names.get(code, code))}"><input type="checkbox" data-filter-rule="{esc(code)}" checked> {esc(code)} '
        f'<span class="dim">{n}</span></label>' for code, n in sorted(rule_counts.items()))
    safety_filters = "".join(
        f'<label class="sfl s-{k}"><input type="checkbox" data-filter-safety="{k}" checked> {k} <span class="dim">{n}</span></label>'
        for k, n in safety_counts.items())
    data = {
        "signature": report.get("signature"),
        "settings": report.get("settings"),
        "version": report.get("version"),
        "files": [{"path": f["path"], "relative": f.get("relative"), "input_sha256": f.get("input_sha256"),
                   "ids": [c["id"] for c in f.get("changes", [])]} for f in files],
    }
    skipped = report.get("skipped") or []
    skipped_html = ""
    if skipped:
        skipped_html = ('<section class="skipped"><h2>Not processed</h2><ul>' +
                        "".join(f'<li>{esc(s.get("path"))}: {esc(s.get("message"))}</li>' for s in skipped) + "</ul></section>")
    return TEMPLATE.format(
        nonce=nonce,
        css=CSS,
        js=JS,
        signature=esc(report.get("signature", "")),
        totals=f"{len(files)} files · {total_changes} changes · {total_flags} flags",
        summary=summary,
        safety_filters=safety_filters,
        rule_filters=rule_filters,
        sections="".join(sections),
        skipped=skipped_html,
        data=script_json(data),
    )


def _render_file(index: int, file: dict, source: str | None) -> str:
    changes = file.get("changes", [])
    flags = file.get("flags", [])
    s = file.get("summary") or {}
    metrics = file.get("metrics") or {}
    edit = metrics.get("edit") or {}
    lang = "zh-Hans" if file.get("language") == "zh" else ("en" if file.get("language") == "en" else "")
    head = (f'<h2><span class="fname">{esc(file.get("relative") or file["path"])}</span></h2>'
            f'<p class="meta">{len(changes)} changes ({(s.get("by_safety") or {}).get("safe", 0)} safe, '
            f'{(s.get("by_safety") or {}).get("review", 0)} review) · {len(flags)} flags · '
            f'edit rate TER {_fmt(edit.get("ter"))} · chrF {_fmt(edit.get("chrf"))}'
            + (f' · {esc(file.get("encoding"))}' if file.get("encoding") else "")
            + f' · <span class="dim mono" title="sha256 of the input bytes">{esc((file.get("input_sha256") or "")[:12])}</span>'
            + (f' · <a href="#" class="bulk" data-bulk="accept" data-file="{index}">accept all shown</a>'
               f' · <a href="#" class="bulk" data-bulk="reject" data-file="{index}">reject all shown</a>' if changes else "")
            + "</p>")
    ref = metrics.get("reference")
    if ref:
        head += (f'<p class="meta">against the reference: BLEU {_fmt(ref["original"]["bleu"])} → {_fmt(ref["cleaned"]["bleu"])}, '
                 f'chrF {_fmt(ref["original"]["chrf"])} → {_fmt(ref["cleaned"]["chrf"])}, '
                 f'TER {_fmt(ref["original"]["ter"])} → {_fmt(ref["cleaned"]["ter"])}</p>')
    flag_list = ""
    if flags:
        flag_list = (f'<details class="flaglist" open><summary>{len(flags)} flag{"" if len(flags) == 1 else "s"} (nothing was changed for {"it" if len(flags) == 1 else "these"})</summary><ul>'
                     + "".join(f'<li class="flag" data-rule="{esc(f["rule"])}"><a href="#row-{index}-{_row_line(f, file, source)}">'
                               f'{esc(f.get("line"))}:{esc(f.get("column"))}</a> <span class="fchip">⚑ {esc(f["rule"])}</span> '
                               f'{esc(f.get("message", ""))}' + (f' <q>{esc(f.get("text"))}</q>' if f.get("text") else "") + "</li>"
                               for f in flags) + "</ul></details>")
    qe = _render_qe(file, index)
    if source is None:
        body = '<p class="dim">The input text was not available to this report (streamed file); see report.json.</p>'
    elif not changes and not flags:
        body = '<p class="clean-file">Clean: nothing changed, nothing flagged.</p>'
    else:
        rows = [r for r in align_rows(source, changes, flags) if not r.blank]
        if lang == "":
            lang = "zh-Hans" if is_chinese(source) else "en"
        body = ('<table class="sbs"><colgroup><col class="c-ln"><col class="c-half"><col class="c-half"></colgroup>'
                '<thead><tr><th>line</th><th>original</th><th>cleaned</th></tr></thead><tbody>'
                + "".join(_render_row(r, index, lang) for r in rows) + "</tbody></table>")
    return f'<section class="file" id="file-{index}" data-file="{index}">{head}{flag_list}{qe}{body}</section>'


def _row_line(flag: dict, file: dict, source: str | None) -> int:
    if source is None:
        return flag.get("line", 0)
    for row in align_rows(source, file.get("changes", [])):
        if row.start <= flag["start"] < max(row.end, row.start + 1):
            return row.first_line
    return flag.get("line", 0)


TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="referrer" content="no-referrer">
<title>cleanup review</title>
<style>{css}</style>
</head>
<body class="labels-review">
<header class="top">
<h1>Cleanup review</h1>
<p class="totals">{totals}</p>
<p class="sig mono" title="the settings that produced this report">{signature}</p>
</header>
<nav class="toolbar" aria-label="filters and decisions">
<div class="grp"><span class="lbl">Safety</span>{safety_filters}</div>
<div class="grp rules"><span class="lbl">Rules</span><a href="#" id="rules-all">all</a>/<a href="#" id="rules-none">none</a> {rule_filters}</div>
<div class="grp"><label><input type="checkbox" id="only-changed" checked> only paragraphs with changes or flags</label>
<label>labels <select id="labels"><option value="review">on review and glossary changes</option><option value="all">on every change</option><option value="none">none (hover a change)</option></select></label></div>
<div class="grp decisions"><span id="decision-count">0 rejected</span>
<button type="button" id="save-decisions">Save decisions…</button></div>
</nav>
<main>
<section class="overview"><h2>Summary</h2>{summary}
<p class="help">How to read it: in the <b>original</b> column <del class="c"><span class="d">struck red</span></del> is text a change removes
and <span class="c"><span class="caret">‸</span></span> marks where text is inserted; in the <b>cleaned</b> column <ins class="after"><span class="i">green</span></ins> is new text,
a thin red bar <span class="after gone"></span> marks a deletion, and <ins class="after review-sample"><span class="i">dashed</span></ins> changes are marked for review.
A <span class="fchip">⚑</span> flag changed nothing: <mark class="fl">wavy underline</mark> in the original, listed under its paragraph.
Labels give the rule code, the glossary entry (in italics) and the safety. Hover a change for its message.</p>
<p class="help">Click a change in the cleaned column (or its rule label) to <b>reject</b> it (the original is kept); click again to accept it.
Then <b>Save decisions</b> and run <code>cleanup apply decisions.json --out DIR</code>.
The counts beside the rule filters are the changes each rule took part in: a change made by two rules (a gloss removed, then the script converted) counts for both,
so they can exceed the summary's "by rule" counts, which name each change's first rule.</p>
</section>
{skipped}
{sections}
</main>
<script type="application/json" id="report-data">{data}</script>
<script nonce="{nonce}">{js}</script>
</body>
</html>
"""

CSS = r"""
:root{--bg:#fff;--fg:#1d1d1f;--dim:#6b6b73;--line:#e3e3e8;--del:#ffe1de;--deld:#ffb3ab;--ins:#dcf5e3;--insd:#9fe0b1;
--safe:#2e7d32;--review:#b26a00;--flag:#8e24aa;--rej:#9e9e9e}
*{box-sizing:border-box}
html{font-size:15px}
body{margin:0;color:var(--fg);background:var(--bg);
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;line-height:1.55}
:lang(zh-Hans),:lang(zh){font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans",sans-serif;line-height:1.8;line-break:strict}
.mono{font-family:ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.8rem}
.dim{color:var(--dim)}
header.top{padding:.8rem 1.2rem .4rem;border-bottom:1px solid var(--line)}
header.top h1{margin:0;font-size:1.35rem}
.totals{margin:.2rem 0;font-weight:600}
.sig{margin:.2rem 0;color:var(--dim);overflow-wrap:anywhere}
.toolbar{position:sticky;top:0;z-index:5;background:#f7f7f9;border-bottom:1px solid var(--line);padding:.45rem 1.2rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;font-size:.88rem}
.toolbar .grp{display:flex;flex-wrap:wrap;gap:.15rem .55rem;align-items:center}
.toolbar .lbl{font-weight:600;margin-right:.2rem}
.toolbar label{white-space:nowrap;cursor:pointer}
.toolbar .rules{max-width:60rem}
.toolbar .decisions{margin-left:auto}
#save-decisions{font:inherit;font-weight:600;padding:.3rem .8rem;border-radius:6px;border:1px solid #3557c4;background:#3e63dd;color:#fff;cursor:pointer}
#save-decisions:hover{background:#3557c4}
main{padding:0 1.2rem 3rem}
h2{font-size:1.1rem;margin:1.4rem 0 .3rem}
table.summary{border-collapse:collapse;font-size:.88rem;width:100%}
table.summary th,table.summary td{border-bottom:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
table.summary th{background:#f2f2f5;font-weight:600}
table.summary td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.summary tr.total td{font-weight:600;border-top:2px solid var(--line)}
.rb{display:inline-block;background:#eef0f7;border-radius:4px;padding:0 .3rem;margin:.05rem 0;font-size:.8rem;white-space:nowrap}
.rb.fb{background:#f3e5f5;color:var(--flag)}
.up{color:var(--safe)}.down{color:#c62828}
.help{font-size:.85rem;color:var(--dim)}
section.file{margin-top:1.6rem;border-top:3px solid #d8dbe8;padding-top:.2rem}
section.file h2 .fname{overflow-wrap:anywhere}
.meta{margin:.15rem 0;font-size:.88rem;color:#44444c}
.clean-file{color:var(--safe);font-weight:600}
details.flaglist,details.qe{margin:.4rem 0;font-size:.88rem;background:#fbf7fc;border:1px solid #ecdcf0;border-radius:6px;padding:.3rem .7rem}
details.qe{background:#fdf8f4;border-color:#f2dfcf}
details summary{cursor:pointer;font-weight:600}
details ul,details ol{margin:.3rem 0;padding-left:1.3rem}
.where{font-variant-numeric:tabular-nums;color:var(--dim)}
.fchip{color:var(--flag);font-weight:600;white-space:nowrap}
.entry{color:#1565c0;font-style:italic}
q{font-style:normal;background:#f3e5f5;border-radius:3px;padding:0 .15rem;overflow-wrap:anywhere}
table.sbs{width:100%;border-collapse:collapse;table-layout:fixed;margin-top:.5rem}
table.sbs col.c-ln{width:3.6rem}
table.sbs col.c-half{width:calc(50% - 1.8rem)}
table.sbs thead th{background:#fff;text-align:left;font-size:.8rem;color:var(--dim);border-bottom:1px solid var(--line);padding:.2rem .6rem;z-index:2}
table.sbs td{vertical-align:top;padding:.35rem .6rem;border-bottom:1px solid var(--line);white-space:pre-wrap;overflow-wrap:anywhere;word-break:normal}
table.sbs td.ln{color:var(--dim);font-size:.78rem;text-align:right;font-variant-numeric:tabular-nums;padding-right:.4rem;white-space:nowrap}
table.sbs td.orig{background:#fffdfd;border-right:1px solid var(--line)}
table.sbs tr:not(.touched) td.orig,table.sbs tr:not(.touched) td.clean{color:#55555d}
body.only-changed table.sbs tr.row:not(.vis){display:none}
del.c{text-decoration:none;background:var(--del);border-radius:3px}
del.c .d{background:var(--deld);text-decoration:line-through;text-decoration-color:#b71c1c}
.c .caret{color:#c62828;font-weight:700}
ins.after{text-decoration:none;background:var(--ins);border-radius:3px}
ins.after .i{background:var(--insd)}
span.c .before{display:none;background:#fff3c4;border-radius:3px;outline:1px dashed #c62828}
span.c.rejected .after{display:none}
span.c.rejected .before{display:inline}
.chip{font:inherit;font-size:.6rem;line-height:1.1;vertical-align:.55em;margin:0 .1rem 0 .05rem;padding:0 .2rem;border-radius:4px;border:1px solid currentColor;background:#fff;cursor:pointer;white-space:nowrap;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.chip .sf{margin-left:.25rem;opacity:.75}
.chip .entry{margin-left:.25rem;font-family:system-ui,sans-serif}
.s-safe .chip{color:var(--safe)}
.s-review .chip{color:var(--review);background:#fff6e5}
span.c.s-review ins.after{outline:1px dashed var(--review)}
span.c.rejected .chip{color:#444;background:#eee}
span.c.rejected .verdict::after{content:" ✗ rejected";color:#c62828;font-weight:700}
.chip:focus-visible{outline:2px solid #3e63dd}
.c.off .chip{display:none}
body.labels-review span.c.s-safe:not(.has-entry):not(.rejected) .chip{display:none}
body.labels-none span.c:not(.rejected) .chip{display:none}
td.clean span.c{cursor:pointer}
td.clean span.c:hover{box-shadow:0 0 0 1px #3e63dd;border-radius:3px}
ins.review-sample{outline:1px dashed var(--review)}
.after.gone{display:inline-block;width:2px;height:1.05em;background:#e53935;vertical-align:-.15em;margin:0 1px}
del.c.off,del.c.off .d{background:none;text-decoration:none}
span.c.off ins.after,span.c.off ins.after .i{background:none;outline:none}
span.c.off .after.gone{display:none}
mark.fl{background:none;text-decoration:underline wavy var(--flag);text-underline-offset:3px}
mark.fl.off{text-decoration:none}
ul.notes{list-style:none;margin:.35rem 0 0;padding:.2rem .4rem;border-left:3px solid var(--flag);background:#fbf4fc;font-size:.82rem;white-space:normal}
ul.notes li.off, details.flaglist li.off{display:none}
.nl{color:#c62828;font-size:.8em}
.qs{border-radius:3px;padding:0 .1rem}
.qs.flagged{outline:1px solid #c62828}
.qt{text-decoration:underline wavy #c62828}
.shaded{white-space:normal;line-height:1.9}
ol.worst li.flagged .score{color:#c62828;font-weight:700}
.skipped{color:#c62828}
@media (max-width: 900px){table.sbs col.c-ln{width:2.4rem}html{font-size:14px}}
@media print{.toolbar,.chip{display:none}}
"""

JS = r"""
(function(){
'use strict';
var data = JSON.parse(document.getElementById('report-data').textContent);
var storeKey = 'cleanup-decisions:' + (data.signature || '') + ':' + data.files.map(function(f){return f.input_sha256;}).join(',');
var rejected = {};
try { var saved = JSON.parse(window.localStorage.getItem(storeKey) || '{}'); if (saved && typeof saved === 'object') rejected = saved; } catch (e) { rejected = {}; }
var changeEls = Array.prototype.slice.call(document.querySelectorAll('td.clean span.c[data-c]'));

function persist(){ try { window.localStorage.setItem(storeKey, JSON.stringify(rejected)); } catch (e) {} }
function paint(el){
  var id = el.getAttribute('data-c');
  var isRejected = !!rejected[id];
  el.classList.toggle('rejected', isRejected);
  var chip = el.querySelector('.chip');
  if (chip) { chip.setAttribute('aria-pressed', isRejected ? 'true' : 'false');
    chip.title = isRejected ? 'rejected: the original is kept. Click to accept the change again' : 'click to reject this change (keep the original)'; }
}
function count(){
  var n = Object.keys(rejected).length;
  document.getElementById('decision-count').textContent = n + ' rejected of ' + changeEls.length + ' changes';
}
function setRejected(id, value){ if (value) rejected[id] = true; else delete rejected[id]; }

changeEls.forEach(function(el){
  paint(el);
  el.addEventListener('click', function(ev){
    ev.preventDefault();
    var id = el.getAttribute('data-c');
    setRejected(id, !rejected[id]);
    paint(el); count(); persist();
  });
});
count();

function checkedSet(attr){
  var out = {};
  document.querySelectorAll('input[' + attr + ']').forEach(function(box){ out[box.getAttribute(attr)] = box.checked; });
  return out;
}
function applyFilters(){
  var rules = checkedSet('data-filter-rule');
  var safety = checkedSet('data-filter-safety');
  var ruleOn = function(list){ return list.split(' ').some(function(r){ return rules[r] !== false; }); };
  changeEls.forEach(function(el){
    var on = ruleOn(el.getAttribute('data-rules') || '') && safety[el.getAttribute('data-safety')] !== false;
    el.classList.toggle('off', !on);
    var twin = el.closest('tr').querySelector('td.orig .c[data-c="' + CSS.escape(el.getAttribute('data-c')) + '"]');
    if (twin) twin.classList.toggle('off', !on);
  });
  document.querySelectorAll('li.flag, mark.fl').forEach(function(el){
    var on = rules[el.getAttribute('data-rule')] !== false && safety.flag !== false;
    el.classList.toggle('off', !on);
  });
  document.querySelectorAll('table.sbs tr.row').forEach(function(tr){
    var vis = tr.querySelector('span.c:not(.off), li.flag:not(.off)') !== null;
    tr.classList.toggle('vis', vis);
  });
  document.body.classList.toggle('only-changed', document.getElementById('only-changed').checked);
}
var labels = document.getElementById('labels');
labels.addEventListener('change', function(){
  document.body.classList.remove('labels-review', 'labels-all', 'labels-none');
  document.body.classList.add('labels-' + labels.value);
});
document.querySelectorAll('input[data-filter-rule], input[data-filter-safety], #only-changed').forEach(function(box){
  box.addEventListener('change', applyFilters);
});
function allRules(value){ return function(ev){ ev.preventDefault();
  document.querySelectorAll('input[data-filter-rule]').forEach(function(box){ box.checked = value; }); applyFilters(); }; }
document.getElementById('rules-all').addEventListener('click', allRules(true));
document.getElementById('rules-none').addEventListener('click', allRules(false));
document.querySelectorAll('a.bulk').forEach(function(link){
  link.addEventListener('click', function(ev){
    ev.preventDefault();
    var section = document.getElementById('file-' + link.getAttribute('data-file'));
    var reject = link.getAttribute('data-bulk') === 'reject';
    section.querySelectorAll('td.clean span.c[data-c]:not(.off)').forEach(function(el){ setRejected(el.getAttribute('data-c'), reject); paint(el); });
    count(); persist();
  });
});
applyFilters();

document.getElementById('save-decisions').addEventListener('click', function(){
  var out = {format: 'cleanup-decisions', format_version: 1, cleanup_version: data.version,
             signature: data.signature, settings: data.settings, files: []};
  data.files.forEach(function(f){
    out.files.push({path: f.path, relative: f.relative, input_sha256: f.input_sha256,
      rejected: f.ids.filter(function(id){ return rejected[id]; }),
      accepted: f.ids.filter(function(id){ return !rejected[id]; })});
  });
  var blob = new Blob([JSON.stringify(out, null, 1) + '\n'], {type: 'application/json'});
  var url = URL.createObjectURL(blob);
  var a = document.createElement('a');
  a.href = url; a.download = 'decisions.json';
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(function(){ URL.revokeObjectURL(url); }, 1000);
});
})();
"""
