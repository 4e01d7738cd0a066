# An XML catalogue (an RSS-like export) parsed with xml.etree.ElementTree. Values are element .text (None for an
# empty element, whitespace and newlines kept), .attrib dicts, .get() with defaults, findtext(), namespaced tags as
# "{uri}name" keys, and ET.tostring() of a sub-element: bytes by default (refused by the declared XML column, caught)
# and str with encoding="unicode". Attributes become columns through **element.attrib, and elements themselves are
# passed as rows: op.upsert reads only a row's items(), which for an element are its attributes.
import xml.etree.ElementTree as ET

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

DOC = """<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns:media="http://search.example.com/mrss/" version="2">
  <book id="bk101" lang="en" available="true">
    <title>XML Developer's Guide</title>
    <price currency="USD">44.95</price>
    <published>2000-10-01</published>
    <description>An in-depth look
      at creating applications with XML.</description>
    <media:thumbnail url="http://img.example/1.png" width="120"/>
  </book>
  <book id="bk102" lang="" available="false">
    <title>Midnight Rain</title>
    <price currency="EUR">5.95</price>
    <published/>
    <description>   </description>
  </book>
  <book id="bk103">
    <title><![CDATA[Maeve <Ascendant> & more]]></title>
    <price>5</price>
    <description>Caf&#233; &amp; cr&#232;me &#x1F600;</description>
    <media:thumbnail url="" width="0"/>
  </book>
  <book id="bk101" lang="en" available="1">
    <title>XML Developer's Guide, 2nd ed.</title>
    <price currency="USD">49.95</price>
  </book>
</catalog>"""

NS = {"media": "http://search.example.com/mrss/"}


def schema(configuration):
    return [
        {"table": "books", "primary_key": ["id"], "columns": {"price": "DOUBLE", "fragment": "XML", "available": "BOOLEAN"}},
        {"table": "book_attributes_keyed", "primary_key": ["id"]},
    ]


def update(configuration, state):
    root = ET.fromstring(DOC)
    log.info(f"catalog attributes: {root.attrib}")
    for book in root.findall("book"):
        price = book.find("price")
        thumb = book.find("media:thumbnail", NS)
        record = {
            **book.attrib,
            "title": book.findtext("title"),
            "price": price.text,
            "currency": price.get("currency", "USD"),
            "published": book.findtext("published"),
            "description": book.findtext("description", default="(none)"),
            "thumbnail": dict(thumb.attrib) if thumb is not None else None,
            "tags": [child.tag for child in book],
            "fragment": ET.tostring(price),
        }
        try:
            op.upsert("books", record)
        except Exception as e:
            log.warning(f"{record['id']}: {type(e).__name__}: {e}")
            record["fragment"] = ET.tostring(price, encoding="unicode")
            if record.get("available") == "1":
                record["available"] = True
            try:
                op.upsert("books", record)
            except Exception as e2:
                log.warning(f"{record['id']} again: {type(e2).__name__}: {e2}")
                record["available"] = record["available"] == "true"
                op.upsert("books", record)
        op.upsert("book_elements", {"id": record["id"], "count": len(book), "tail": book.tail, "text": book.text})
        # An element's items() are its attributes (iterating it gives its children): it goes as a row of them.
        op.upsert("book_attributes", book)
        op.upsert("book_attributes_keyed", book)
        if price.get("currency"):
            op.update("book_attributes_keyed", {"id": book.get("id"), **price.attrib})
    op.checkpoint({"books": len(root.findall("book")), "version": root.get("version")})


connector = Connector(update=update, schema=schema)
