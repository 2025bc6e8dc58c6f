"""A minimal .docx written by hand (our own text), in the shapes other editors write: the
package parts Word needs and a body given as OOXML, under the transitional or the strict
namespace (LibreOffice and WPS write the first, Word's "Strict Open XML" the second)."""
from __future__ import annotations

import io
import zipfile

TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
          'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def docx(body: str, *, namespace: str = TRANSITIONAL, prefix: str = "w") -> bytes:
    """A .docx whose ``word/document.xml`` body is ``body`` (written with ``w:`` tags, renamed
    to ``prefix``)."""
    if prefix != "w":
        body = body.replace("<w:", f"<{prefix}:").replace("</w:", f"</{prefix}:").replace(" w:", f" {prefix}:")
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{prefix}:document xmlns:{prefix}="{namespace}">'
           f"<{prefix}:body>{body}</{prefix}:body></{prefix}:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", _TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", xml)
    return out.getvalue()
