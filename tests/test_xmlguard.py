"""The entity guard reads the prolog itself, so its verdict does not depend on lxml's."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aligner.errors import FormatError
from aligner.formats.xmlguard import entity_declarations, refuse_entities

CASES = [
    # (document, expected (name, line) list)
    (b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "x">]>\n<r>&e;</r>', [("e", 2)]),
    (b'<!DOCTYPE r [\n<!ENTITY % p SYSTEM "file:///etc/passwd">\n%p;]><r/>', [("p", 2)]),
    (b'<!-- <!ENTITY fake "x"> -->\n<!DOCTYPE r [\n<!-- <!ENTITY c "x"> -->\n<!ENTITY real "]>">]><r/>',
     [("real", 4)]),
    (b'<!DOCTYPE r PUBLIC "-//a[b//EN" "x>y.dtd" [<!ENTITY q "1">]><r/>', [("q", 1)]),
    (b'<?pi <!ENTITY no "x"> ?><!DOCTYPE r [<?pi <!ENTITY no2 "x"> ?><!ATTLIST r a CDATA "<!ENTITY">]><r/>', []),
    (b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4"><body/></tmx>', []),
    (b'<tmx><!DOCTYPE r [<!ENTITY after_root "x">]></tmx>', []),  # past the root: the parser's job
    (b'\xef\xbb\xbf<!DOCTYPE r [<!ENTITY bom "x">]><r/>', [("bom", 1)]),
    ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE r [\n<!ENTITY w "x">]><r/>'.encode("utf-16"), [("w", 3)]),
    ('<!DOCTYPE r [<!ENTITY be "x">]><r/>'.encode("utf-16-be"), [("be", 1)]),
    ('<?xml version="1.0" encoding="GB18030"?><!DOCTYPE 术 [<!ENTITY 术语 "词">]><术/>'.encode("gb18030"),
     [("术语".encode("gb18030").decode("latin-1"), 1)]),
    (b"<r/>", []),
    (b"", []),
    (b"<!DOCTYPE r [<!ENTITY unclosed", [("unclosed", 1)]),
]


@pytest.mark.parametrize("data, expected", CASES)
def test_entity_declarations(data: bytes, expected: list[tuple[str, int]]) -> None:
    assert entity_declarations(data) == expected


def test_billion_laughs_message_names_the_first_entity_and_its_line() -> None:
    lol = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10 if i else "lol"}">\n' for i in range(10))
    data = f'<?xml version="1.0"?>\n<!DOCTYPE tmx [\n{lol}]>\n<tmx>&lol9;</tmx>'.encode()
    with pytest.raises(FormatError) as caught:
        refuse_entities(data, "bomb.tmx")
    assert str(caught.value) == (
        "bomb.tmx:3: the file declares the XML entity lol0. remove the <!DOCTYPE ...[...]> "
        "entity declarations and write the characters themselves; entities are refused for safety.")


def test_a_large_body_after_the_prolog_is_not_scanned() -> None:
    data = b"<r>" + b"<!ENTITY x 'y'>" * 200_000 + b"</r>"
    assert entity_declarations(data) == []


# the five predefined entities are left out: libxml2 does not list a redeclaration of one
# (the guard does, and refuses it, which is the safe side)
_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,8}", fullmatch=True).filter(
    lambda name: name not in {"lt", "gt", "amp", "apos", "quot"})
_values = st.text(alphabet=st.characters(blacklist_characters="\"&%<", blacklist_categories=("Cs", "Cc")),
                  max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_names, _values, st.booleans()), min_size=1, max_size=5, unique_by=lambda t: t[0]),
       st.booleans())
def test_agrees_with_libxml2_on_harmless_dtds(decls: list[tuple[str, str, bool]], comment: bool) -> None:
    """On small DTDs every lxml version parses, the guard finds what libxml2 declares."""
    body = "".join(f'<!-- note -->\n<!ENTITY {name} "{value}">\n' if comment else
                   f'<!ENTITY {name} "{value}">\n' for name, value, _ in decls)
    data = f'<?xml version="1.0"?>\n<!DOCTYPE r [\n{body}]>\n<r/>'.encode("utf-8")
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True))
    declared = [e.name for e in root.getroottree().docinfo.internalDTD.iterentities()]
    assert [name for name, _line in entity_declarations(data)] == declared
