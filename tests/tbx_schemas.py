"""Validate TBX files against the official schemas, read in place from ``../shared/schemas``.

The schemas are published without a licence, so they are never copied into the project: they
are found at ``$ALIGNER_SHARED/schemas`` or in the ``shared`` folder beside the repository
(as the other tests find ``../shared``), and a test that needs them skips, saying why, only
when that folder is absent (under CI it fails instead).

* **v2** (``martif``): ``TBXBasicRNGV02.rng`` (RelaxNG), then the Schematron patterns embedded
  in it. They are Schematron 1.5 (``http://www.ascc.net/xml/schematron``) with XPath 1 tests,
  so they are moved to the ISO namespace in memory and run by lxml's ISO Schematron (XSLT 1).
* **v3** (TBX-Basic, DCT style): as ``TBX-Basic.nvdl`` combines them. The core RelaxNG
  validates the whole document; each element of a module namespace (``basic:``, ``min:``)
  is also validated, as a section of its own, against its module's RelaxNG; the DCT and
  module Schematron files (``queryBinding="xslt2"``, which lxml cannot run) are compiled to
  XSLT 2 here and run by Saxon-HE (``saxonche``). The NVDL names its schemas by their
  published URLs; each is mapped to the local file of the same name.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import pytest
from lxml import etree
from lxml.isoschematron import Schematron

REPO = Path(__file__).resolve().parents[1]
RNG = "http://relaxng.org/ns/structure/1.0"
SCH_15 = "http://www.ascc.net/xml/schematron"
SCH_ISO = "http://purl.oclc.org/dsdl/schematron"
NVDL = "http://purl.oclc.org/dsdl/nvdl/ns/structure/1.0"
XSL = "http://www.w3.org/1999/XSL/Transform"


def schemas_dir() -> Path:
    """``$ALIGNER_SHARED/schemas``, else ``shared/schemas`` beside the repository; skips (fails
    under CI) when it is absent."""
    shared = Path(os.environ["ALIGNER_SHARED"]) if os.environ.get("ALIGNER_SHARED") else REPO.parent / "shared"
    folder = shared / "schemas"
    if not (folder / "v2").is_dir() or not (folder / "v3").is_dir():
        message = f"the official TBX schemas are not at {folder} (set ALIGNER_SHARED to the shared folder)"
        (pytest.fail if os.environ.get("CI") else pytest.skip)(message)
    return folder


# --- v2 -------------------------------------------------------------------------------------


def validate_v2(document: etree._ElementTree) -> list[str]:
    """Every complaint of TBX-Basic v2's RelaxNG and its embedded Schematron, one line each."""
    rng_path = schemas_dir() / "v2" / "TBXBasicRNGV02.rng"
    grammar = etree.parse(str(rng_path))
    errors = _relaxng(etree.RelaxNG(grammar), document, "TBXBasicRNGV02.rng")
    iso = etree.Element(f"{{{SCH_ISO}}}schema", nsmap={"sch": SCH_ISO})
    for pattern in grammar.iter(f"{{{SCH_15}}}pattern"):
        iso.append(_renamespace(pattern, SCH_15, SCH_ISO))
    if len(iso) < 10:
        raise AssertionError(f"expected TBX-Basic's Schematron patterns in {rng_path}, found {len(iso)}")
    schematron = Schematron(iso, store_report=True)
    schematron.validate(document)
    return errors + _svrl(schematron.validation_report, "TBXBasicRNGV02.rng (Schematron)")


def _renamespace(element: etree._Element, old: str, new: str) -> etree._Element:
    attrib = dict(element.attrib)
    if etree.QName(element).localname == "pattern" and "name" in attrib:  # Schematron 1.5 -> ISO
        attrib["id"] = attrib.pop("name")
    copy = etree.Element(element.tag.replace(f"{{{old}}}", f"{{{new}}}"), attrib)
    copy.text = element.text
    for child in element:
        if isinstance(child.tag, str):
            copy.append(_renamespace(child, old, new))
    return copy


# --- v3 -------------------------------------------------------------------------------------


def validate_v3(document: etree._ElementTree) -> list[str]:
    """Every complaint of the TBX-Basic v3 DCT schemas, combined as ``TBX-Basic.nvdl`` says."""
    folder = schemas_dir() / "v3"
    modes = _nvdl_modes(folder / "TBX-Basic.nvdl")
    root = document.getroot()
    namespace = etree.QName(root).namespace
    if namespace not in modes["core"]:
        return [f"TBX-Basic.nvdl: root element namespace {namespace!r} is rejected"]
    errors: list[str] = []
    for schema, use_mode in modes["core"][namespace]:
        local = folder / schema
        if schema.endswith(".rng"):
            errors += _relaxng(etree.RelaxNG(file=str(local)), document, schema)
            for element in root.iter(etree.Element):
                ns = etree.QName(element).namespace
                parent = element.getparent()
                if ns == namespace or (parent is not None and etree.QName(parent).namespace == ns):
                    continue  # tbx elements, or inside a section already validated
                module = modes[use_mode].get(ns)
                if module is None:
                    errors.append(f"line {element.sourceline}: element {element.tag} in no namespace TBX-Basic.nvdl allows")
                    continue
                section = etree.ElementTree(etree.fromstring(etree.tostring(element, with_tail=False)))
                for module_schema, _ in module:
                    grammar = etree.RelaxNG(file=str(folder / module_schema))
                    if not grammar.validate(section):
                        errors += [f"{module_schema}: line {element.sourceline}: <{etree.QName(element).localname}>: "
                                   f"{e.message}" for e in grammar.error_log]
        else:
            errors += schematron_xslt2(local)(document)
    return errors


def _nvdl_modes(path: Path) -> dict[str, dict[str | None, list[tuple[str, str]]]]:
    """``{mode: {namespace: [(schema file name, useMode)]}}`` from an NVDL rules file of the
    shape TBX-Basic.nvdl has (namespace rules holding validate actions); anything else fails."""
    rules = etree.parse(str(path)).getroot()
    modes: dict[str, dict[str | None, list[tuple[str, str]]]] = {}
    for mode in rules.iterfind(f"{{{NVDL}}}mode"):
        table = modes.setdefault(mode.get("name"), {})
        for rule in mode:
            if not isinstance(rule.tag, str):
                continue
            name = etree.QName(rule).localname
            if name == "anyNamespace":
                if [etree.QName(a).localname for a in rule if isinstance(a.tag, str)] != ["reject"]:
                    raise AssertionError(f"{path.name}: unsupported anyNamespace rule")
                continue
            if name != "namespace":
                raise AssertionError(f"{path.name}: unsupported NVDL rule <{name}>")
            actions = table.setdefault(rule.get("ns"), [])
            for action in rule:
                if isinstance(action.tag, str) and etree.QName(action).localname == "validate":
                    actions.append((Path(urlparse(action.get("schema")).path).name, action.get("useMode", "")))
                elif isinstance(action.tag, str) and etree.QName(action).localname != "attach":
                    raise AssertionError(f"{path.name}: unsupported NVDL action <{etree.QName(action).localname}>")
    return modes


# --- Schematron ------------------------------------------------------------------------------


def schematron_xslt2(path: Path) -> Callable[[etree._ElementTree], list[str]]:
    """Compile an ISO Schematron file that uses ``ns``/``pattern``/``rule``/``assert``/``report``
    (all the TBX v3 files use) to XSLT 2 and return a validator that runs it with Saxon-HE.

    As in Schematron, within one pattern a node is checked by the first rule whose context it
    matches (rules become templates of decreasing priority in the pattern's own mode)."""
    saxonche = pytest.importorskip("saxonche", reason="the TBX v3 Schematron needs saxonche (pip install -e '.[test]')")
    schema = etree.parse(str(path)).getroot()
    if schema.get("queryBinding", "xslt") not in ("xslt2", "xslt3"):
        raise AssertionError(f"{path.name}: expected queryBinding xslt2, got {schema.get('queryBinding')!r}")
    allowed = {"schema", "ns", "pattern", "rule", "assert", "report"}
    for element in schema.iter():
        if isinstance(element.tag, str) and etree.QName(element).namespace == SCH_ISO:
            if etree.QName(element).localname not in allowed or element.get("abstract") or element.get("is-a"):
                raise AssertionError(f"{path.name}: Schematron construct <{etree.QName(element).localname}> is not supported here")
    ns = {n.get("prefix"): n.get("uri") for n in schema.iterfind(f"{{{SCH_ISO}}}ns")}
    x = lambda name: f"{{{XSL}}}{name}"  # noqa: E731
    sheet = etree.Element(x("stylesheet"), version="2.0", nsmap={"xsl": XSL, **ns})
    main = etree.SubElement(etree.SubElement(sheet, x("template"), match="/"), "failures")
    for p, pattern in enumerate(schema.iterfind(f"{{{SCH_ISO}}}pattern")):
        mode = f"P{p}"
        etree.SubElement(main, x("apply-templates"), select="/", mode=mode)
        rules = list(pattern.iterfind(f"{{{SCH_ISO}}}rule"))
        for r, rule in enumerate(rules):
            template = etree.SubElement(sheet, x("template"), match=rule.get("context"), mode=mode,
                                        priority=str(1000 + len(rules) - r))
            for check in rule:
                if not isinstance(check.tag, str):
                    continue
                report = etree.QName(check).localname == "report"
                test = check.get("test") if report else f"not({check.get('test')})"
                failed = etree.SubElement(etree.SubElement(template, x("if"), test=test), "failed",
                                          pattern=pattern.get("id") or mode, test=check.get("test"))
                etree.SubElement(failed, x("attribute"), name="path").append(
                    etree.Element(x("value-of"), select="path()"))
                etree.SubElement(failed, x("text")).text = " ".join((check.text or "").split())
            etree.SubElement(template, x("apply-templates"), select="@*|node()", mode=mode)
        fallback = etree.SubElement(sheet, x("template"), match="/|@*|node()", mode=mode, priority="-10")
        etree.SubElement(fallback, x("apply-templates"), select="@*|node()", mode=mode)
    stylesheet = etree.tostring(sheet, encoding="unicode")

    def validate(document: etree._ElementTree) -> list[str]:
        processor = saxonche.PySaxonProcessor(license=False)
        executable = processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=stylesheet)
        source = processor.parse_xml(xml_text=etree.tostring(document, encoding="unicode"))
        result = etree.fromstring(executable.transform_to_string(xdm_node=source).encode())
        return [f"{path.name}: {_short(f.get('path'), ns)}: pattern {f.get('pattern')}: "
                f"failed {f.get('test')!r}: {f.text or ''}".rstrip() for f in result]

    return validate


def _short(path: str, ns: dict[str, str]) -> str:
    """``/Q{urn:…}tbx[1]/…`` (Saxon's ``path()``) with the schema's own prefixes."""
    for prefix, uri in ns.items():
        path = path.replace(f"Q{{{uri}}}", f"{prefix}:")
    return path


def _relaxng(schema: etree.RelaxNG, document: etree._ElementTree, name: str) -> list[str]:
    if schema.validate(document):
        return []
    return [f"{name}: line {e.line}: {e.message}" for e in schema.error_log]


def _svrl(report: etree._ElementTree, name: str) -> list[str]:
    svrl = "http://purl.oclc.org/dsdl/svrl"
    return [f"{name}: {f.get('location')}: failed {f.get('test')!r}: "
            + " ".join((f.findtext(f'{{{svrl}}}text') or '').split())
            for f in report.iter(f"{{{svrl}}}failed-assert", f"{{{svrl}}}successful-report")]
