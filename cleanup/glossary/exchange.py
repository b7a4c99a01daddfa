"""Glossaries as spreadsheets (CSV/TSV) and as TBX (ISO 30042:2019, TBX-Basic dialect).

CSV/TSV, one row per entry, columns :data:`COLUMNS`. Several wrong renderings
or patterns share a cell, separated by `` | ``; examples are one per line
inside their cell, written ``input => output``. Every field of every kind
round-trips.

TBX: one ``<conceptEntry id>`` per entry (boilerplate is site chrome, not
terminology, and is left out). The Chinese source term is a ``zh`` term; in
the ``en`` language section the right rendering is the
``preferredTerm-admn-sts`` term and each wrong rendering a
``notRecommendedTerm-admn-sts`` term; the note is a ``<note>``; examples are
``<descrip type="context">`` sentences, the input on the wrong term and the
output on the right one. What TBX-Basic has no category for (the kind, case
handling, safety, patterns) is kept in one ``<note>`` that starts with
``cleanup:`` so a round trip through cleanup loses nothing.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from .model import KINDS, Entry, Example, GlossaryError, Problem

COLUMNS = ("id", "kind", "wrong", "pattern", "right", "source", "note", "case", "safety", "examples")
SEP = " | "
ARROW = " => "
TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = "administrativeStatus"
PREFERRED, NOT_RECOMMENDED = "preferredTerm-admn-sts", "notRecommendedTerm-admn-sts"


def format_for(path: Path, explicit: str | None = None) -> str:
    fmt = (explicit or path.suffix.lstrip(".")).lower()
    if fmt in ("xml",):
        fmt = "tbx"
    if fmt not in ("csv", "tsv", "tbx"):
        raise GlossaryError([Problem(str(path), None, None, "unknown exchange format: use .csv, .tsv or .tbx (or --format)")])
    return fmt


# -- CSV / TSV -----------------------------------------------------------------

def to_rows(entries: list[Entry]) -> list[dict[str, str]]:
    rows = []
    for e in entries:
        for value in (*e.wrong, *e.patterns):
            if SEP.strip() in value and value in e.wrong:
                raise GlossaryError([Problem(e.file, e.line, e.id, f"{value!r} contains '|', which CSV export uses as a separator")])
        rows.append({
            "id": e.id, "kind": e.kind, "wrong": SEP.join(e.wrong), "pattern": SEP.join(e.patterns),
            "right": e.right or "", "source": e.source, "note": e.note, "case": e.case, "safety": e.safety,
            "examples": "\n".join(f"{json.dumps(x.input, ensure_ascii=False)}{ARROW}{json.dumps(x.output, ensure_ascii=False)}"
                                  for x in e.examples),
        })
    return rows


def write_table(entries: list[Entry], path: Path, fmt: str) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writeheader()
    writer.writerows(to_rows(entries))
    path.write_text(buffer.getvalue(), encoding="utf-8")


def read_table(path: Path, fmt: str) -> list[Entry]:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if fmt == "tsv" else ",")
    missing = {"id", "wrong", "right"} - set(reader.fieldnames or ())
    if missing:
        raise GlossaryError([Problem(str(path), 1, None, f"missing column(s): {', '.join(sorted(missing))}")])
    entries = []
    for row in reader:
        line = reader.line_num
        def cell(name: str) -> str:
            return (row.get(name) or "").strip()

        if (cell("kind") or "term") not in KINDS:
            raise GlossaryError([Problem(str(path), line, cell("id"), f"unknown kind {cell('kind')!r}: use {', '.join(KINDS)}")])
        examples = []
        for raw in filter(None, (x.strip() for x in cell("examples").splitlines())):
            if ARROW not in raw:
                raise GlossaryError([Problem(str(path), line, cell("id"), f"example {raw!r} needs the form \"input\" => \"output\"")])
            left, right = raw.split(ARROW, 1)
            try:
                examples.append(Example(json.loads(left), json.loads(right)))
            except json.JSONDecodeError:
                examples.append(Example(left.strip(), right.strip()))
        entries.append(Entry(
            id=cell("id"), kind=cell("kind") or "term",
            wrong=tuple(w.strip() for w in cell("wrong").split("|") if w.strip()),
            patterns=tuple(p.strip() for p in cell("pattern").split(SEP) if p.strip()),
            right=cell("right") or None, source=cell("source"), note=cell("note"),
            case=cell("case") or "preserve", safety=cell("safety") or "safe",
            examples=tuple(examples), file=str(path), line=line,
        ))
    return entries


# -- TBX -----------------------------------------------------------------------

def _extras(e: Entry) -> str | None:
    extra = {}
    if e.kind != "term":
        extra["kind"] = e.kind
    if e.case != "preserve":
        extra["case"] = e.case
    if e.safety != "safe":
        extra["safety"] = e.safety
    if e.patterns:
        extra["pattern"] = list(e.patterns)
    if e.examples and not e.wrong:  # no wrong term to carry the inputs as context
        extra["inputs"] = [x.input for x in e.examples]
    if e.examples and not e.right:  # no right term to carry the outputs as context
        extra["outputs"] = [x.output for x in e.examples]
    return "cleanup: " + json.dumps(extra, ensure_ascii=False) if extra else None


def write_tbx(entries: list[Entry], path: Path) -> int:
    """Write TBX-Basic; returns how many entries were left out (boilerplate)."""
    ET.register_namespace("", TBX_NS)
    q = lambda tag: f"{{{TBX_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = ET.SubElement(root, q("tbxHeader"))
    source_desc = ET.SubElement(ET.SubElement(header, q("fileDesc")), q("sourceDesc"))
    ET.SubElement(source_desc, q("p")).text = "cleanup glossary export"
    body = ET.SubElement(ET.SubElement(root, q("text")), q("body"))
    skipped = 0
    for e in entries:
        if e.kind == "boilerplate":
            skipped += 1
            continue
        concept = ET.SubElement(body, q("conceptEntry"), {"id": e.id})
        if e.note:
            ET.SubElement(concept, q("note")).text = e.note
        extras = _extras(e)
        if extras:
            ET.SubElement(concept, q("note")).text = extras
        if e.source:
            zh = ET.SubElement(concept, q("langSec"), {XML_LANG: "zh"})
            ET.SubElement(ET.SubElement(zh, q("termSec")), q("term")).text = e.source
        en = ET.SubElement(concept, q("langSec"), {XML_LANG: "en"})
        if e.right:
            sec = ET.SubElement(en, q("termSec"))
            ET.SubElement(sec, q("term")).text = e.right
            ET.SubElement(sec, q("termNote"), {"type": STATUS}).text = PREFERRED
            for x in e.examples:
                ET.SubElement(sec, q("descrip"), {"type": "context"}).text = x.output
        for n, wrong in enumerate(e.wrong):
            sec = ET.SubElement(en, q("termSec"))
            ET.SubElement(sec, q("term")).text = wrong
            ET.SubElement(sec, q("termNote"), {"type": STATUS}).text = NOT_RECOMMENDED
            if n == 0:
                for x in e.examples:
                    ET.SubElement(sec, q("descrip"), {"type": "context"}).text = x.input
    ET.indent(root)
    data = ET.tostring(root, encoding="unicode", xml_declaration=False)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + data + "\n", encoding="utf-8")
    return skipped


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_tbx(path: Path) -> list[Entry]:
    """Read TBX v3 (``conceptEntry/langSec/termSec``) or v2 (``termEntry/langSet/tig``)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GlossaryError([Problem(str(path), exc.position[0], None, f"XML error: {exc}")]) from None
    entries = []
    for concept in root.iter():
        if _local(concept.tag) not in ("conceptEntry", "termEntry"):
            continue
        entry_id = concept.get("id") or ""
        note, extras = "", {}
        wrong: list[str] = []
        right, source = None, ""
        inputs: list[str] = []
        outputs: list[str] = []
        for child in concept:
            if _local(child.tag) == "note":
                text = (child.text or "").strip()
                if text.startswith("cleanup:"):
                    extras = json.loads(text[len("cleanup:"):])
                else:
                    note = text
            elif _local(child.tag) in ("langSec", "langSet"):
                lang = (child.get(XML_LANG) or "").lower()
                for sec in child:
                    if _local(sec.tag) not in ("termSec", "tig", "ntig"):
                        continue
                    term = next((t.text or "" for t in sec.iter() if _local(t.tag) == "term"), "").strip()
                    status = next((t.text or "" for t in sec.iter() if _local(t.tag) == "termNote"
                                   and t.get("type") == STATUS), "").strip()
                    contexts = [(t.text or "") for t in sec.iter() if _local(t.tag) == "descrip" and t.get("type") == "context"]
                    if lang.startswith("zh"):
                        source = source or term
                    elif status in (NOT_RECOMMENDED, "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "obsoleteTerm-admn-sts"):
                        wrong.append(term)
                        inputs = inputs or contexts
                    else:
                        right = right or term
                        outputs = outputs or contexts
        entries.append(Entry(
            id=entry_id, kind=extras.get("kind", "term"), wrong=tuple(wrong), patterns=tuple(extras.get("pattern", ())),
            right=right, source=source, note=note, case=extras.get("case", "preserve"),
            safety=extras.get("safety", "safe"),
            examples=tuple(Example(i, o) for i, o in zip(inputs or extras.get("inputs", []),
                                                            outputs or extras.get("outputs", []))), file=str(path),
        ))
    return entries


def export_entries(entries: list[Entry], path: Path, fmt: str) -> int:
    """Write entries; returns how many the format could not carry."""
    if fmt == "tbx":
        return write_tbx(entries, path)
    write_table(entries, path, fmt)
    return 0


def import_entries(path: Path, fmt: str) -> list[Entry]:
    if not path.is_file():
        raise GlossaryError([Problem(str(path), None, None, "file not found")])
    return read_tbx(path) if fmt == "tbx" else read_table(path, fmt)
