"""A fast reading of plain, well-formed RSS 2.0 documents with lxml, giving what feedparser gives, or nothing.

feedparser spends about 94% of its time in Python SAX callbacks. This module parses the document with
lxml (libxml2, in C) and maps the few elements newsreader reads (title, link, guid, description,
content:encoded, dates, categories, authors, language) the way feedparser's handlers do, into the same
dictionary shape `feed._xml_entry` consumes. Anything it does not know to be read identically - another
format, a DOCTYPE, an encoding other than UTF-8/ASCII, xml:lang below the channel, markup inside a text
element, an element feedparser has a handler for that this module does not mirror, a repeated title -
makes `read` return None, and the caller uses feedparser, which stays the reference
(tests/test_fast_feed.py holds the two readings equal on every feed of ../shared/).

The element rules mirror feedparser 6.0 (feedparser/mixin.py and namespaces/); `_HANDLED` is the set of
its element handlers, checked against the installed feedparser by the test.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import urllib.parse
from typing import Any

# feedparser's namespace URIs (lower-cased) and the prefixes its handlers are named with.
_NAMESPACES = {
    "": "",
    "http://backend.userland.com/rss": "",
    "http://blogs.law.harvard.edu/tech/rss": "",
    "http://purl.org/rss/1.0/": "",
    "http://my.netscape.com/rdf/simple/0.9/": "",
    "http://example.com/newformat#": "",
    "http://example.com/necho": "",
    "http://purl.org/echo/": "",
    "uri/of/echo/namespace#": "",
    "http://purl.org/pie/": "",
    "http://purl.org/atom/ns#": "",
    "http://www.w3.org/2005/atom": "",
    "http://purl.org/rss/1.0/modules/rss091#": "",
    "http://webns.net/mvcb/": "admin",
    "http://purl.org/rss/1.0/modules/aggregation/": "ag",
    "http://purl.org/rss/1.0/modules/annotate/": "annotate",
    "http://media.tangent.org/rss/1.0/": "audio",
    "http://backend.userland.com/blogchannelmodule": "blogChannel",
    "http://creativecommons.org/ns#license": "cc",
    "http://web.resource.org/cc/": "cc",
    "http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html": "creativeCommons",
    "http://backend.userland.com/creativecommonsrssmodule": "creativeCommons",
    "http://purl.org/rss/1.0/modules/company": "co",
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://my.theinfo.org/changed/1.0/rss/": "cp",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "http://purl.org/rss/1.0/modules/email/": "email",
    "http://purl.org/rss/1.0/modules/event/": "ev",
    "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
    "http://freshmeat.net/rss/fm/": "fm",
    "http://xmlns.com/foaf/0.1/": "foaf",
    "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo",
    "http://www.georss.org/georss": "georss",
    "http://www.opengis.net/gml": "gml",
    "http://postneo.com/icbm/": "icbm",
    "http://purl.org/rss/1.0/modules/image/": "image",
    "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
    "http://example.com/dtds/podcast-1.0.dtd": "itunes",
    "http://purl.org/rss/1.0/modules/link/": "l",
    "http://search.yahoo.com/mrss": "media",
    "http://search.yahoo.com/mrss/": "media",
    "http://madskills.com/public/xml/rss/module/pingback/": "pingback",
    "http://prismstandard.org/namespaces/1.2/basic/": "prism",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://purl.org/rss/1.0/modules/reference/": "ref",
    "http://purl.org/rss/1.0/modules/richequiv/": "reqv",
    "http://purl.org/rss/1.0/modules/search/": "search",
    "http://purl.org/rss/1.0/modules/slash/": "slash",
    "http://schemas.xmlsoap.org/soap/envelope/": "soap",
    "http://purl.org/rss/1.0/modules/servicestatus/": "ss",
    "http://hacks.benhammersley.com/rss/streaming/": "str",
    "http://purl.org/rss/1.0/modules/subscription/": "sub",
    "http://purl.org/rss/1.0/modules/syndication/": "sy",
    "http://schemas.pocketsoap.com/rss/mydescmodule/": "szf",
    "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
    "http://purl.org/rss/1.0/modules/threading/": "thr",
    "http://purl.org/rss/1.0/modules/textinput/": "ti",
    "http://madskills.com/public/xml/rss/module/trackback/": "trackback",
    "http://wellformedweb.org/commentapi/": "wfw",
    "http://purl.org/rss/1.0/modules/wiki/": "wiki",
    "http://www.w3.org/1999/xhtml": "xhtml",
    "http://www.w3.org/1999/xlink": "xlink",
    "http://www.w3.org/xml/1998/namespace": "xml",
    "http://podlove.org/simple-chapters": "psc",
}
_PREFIXES = frozenset(p.lower() for p in _NAMESPACES.values() if p)
_ATOM = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Every element name feedparser 6.0 has a _start_ or _end_ handler for (prefix_localname).
_HANDLED = frozenset(
    [
        "abstract",
        "author",
        "body",
        "category",
        "cc_license",
        "channel",
        "cloud",
        "content",
        "content_encoded",
        "contributor",
        "copyright",
        "created",
        "creativeCommons_license",
        "creativecommons_license",
        "dc_author",
        "dc_contributor",
        "dc_creator",
        "dc_date",
        "dc_description",
        "dc_language",
        "dc_publisher",
        "dc_rights",
        "dc_subject",
        "dc_title",
        "dcterms_created",
        "dcterms_issued",
        "dcterms_modified",
        "dcterms_valid",
        "description",
        "email",
        "enclosure",
        "entry",
        "expirationdate",
        "feed",
        "feedburner_browserfriendly",
        "fullitem",
        "generator",
        "geom",
        "georss_box",
        "georss_line",
        "georss_point",
        "georss_polygon",
        "georss_where",
        "georssgeom",
        "gml_exterior",
        "gml_linearring",
        "gml_linestring",
        "gml_point",
        "gml_polygon",
        "gml_pos",
        "gml_poslist",
        "guid",
        "height",
        "homepage",
        "id",
        "image",
        "info",
        "issued",
        "item",
        "itunes_author",
        "itunes_block",
        "itunes_category",
        "itunes_email",
        "itunes_explicit",
        "itunes_image",
        "itunes_keywords",
        "itunes_link",
        "itunes_name",
        "itunes_owner",
        "itunes_subtitle",
        "itunes_summary",
        "keywords",
        "language",
        "lastbuilddate",
        "link",
        "managingeditor",
        "media_category",
        "media_content",
        "media_credit",
        "media_description",
        "media_group",
        "media_keywords",
        "media_license",
        "media_player",
        "media_rating",
        "media_restriction",
        "media_thumbnail",
        "media_title",
        "modified",
        "name",
        "newlocation",
        "psc_chapter",
        "psc_chapters",
        "pubdate",
        "published",
        "rights",
        "rss",
        "source",
        "subtitle",
        "summary",
        "tagline",
        "tags",
        "textInput",
        "textinput",
        "title",
        "updated",
        "uri",
        "url",
        "webmaster",
        "where",
        "width",
        "xhtml_body",
    ]
)
# Keys newsreader reads from feedparser's result: an element without a handler is stored under its own
# name, so one named like these would change what is read.
_READ_KEYS = frozenset(
    [
        "title",
        "link",
        "language",
        "title_detail",
        "summary",
        "summary_detail",
        "content",
        "tags",
        "author",
        "authors",
        "id",
        "published",
        "updated",
        "created",
        "published_parsed",
        "updated_parsed",
        "created_parsed",
    ]
)
# Handled elements whose handlers only store keys newsreader never reads (checked one by one against
# feedparser's code), when they hold nothing but text.
_CHANNEL_HARMLESS = frozenset(
    [
        "description",
        "lastbuilddate",
        "pubdate",
        "generator",
        "copyright",
        "managingeditor",
        "webmaster",
        "category",
        "cloud",
        "dc_creator",
        "dc_rights",
        "dc_publisher",
        "dc_date",
        "dc_subject",
        "dc_description",
        "feedburner_browserfriendly",
        "rights",
        "itunes_explicit",
        "itunes_block",
    ]
)
_ITEM_HARMLESS = frozenset(
    ["enclosure", "source", "media_thumbnail", "media_credit", "dc_rights", "dc_publisher", "rights", "copyright"]
)
_IMAGE_CHILDREN = frozenset(["url", "title", "link", "width", "height", "description"])
_ITEM_IMAGE_CHILDREN = frozenset(["url", "link", "width", "height"])
_MEDIA_CHILDREN = frozenset(
    [
        "media_content",
        "media_title",
        "media_description",
        "media_thumbnail",
        "media_credit",
        "media_text",
        "media_copyright",
    ]
)
_TEXT_TYPES = frozenset({"html", "text/html", "text", "plain", "text/plain"})
_ITEM_ATTRIBUTES = frozenset({"lastmod", "href", "rdf:about", "about", "lang", "base"})
_TEXTINPUT_CHILDREN = frozenset(["title", "description", "name", "link"])

# feedparser's fixes applied to every text it returns (feedparser/html.py's _cp1252 and mixin.pop).
_CP1252 = {
    128: "\u20ac",
    130: "\u201a",
    131: "\u0192",
    132: "\u201e",
    133: "\u2026",
    134: "\u2020",
    135: "\u2021",
    136: "\u02c6",
    137: "\u2030",
    138: "\u0160",
    139: "\u2039",
    140: "\u0152",
    142: "\u017d",
    145: "\u2018",
    146: "\u2019",
    147: "\u201c",
    148: "\u201d",
    149: "\u2022",
    150: "\u2013",
    151: "\u2014",
    152: "\u02dc",
    153: "\u2122",
    154: "\u0161",
    155: "\u203a",
    156: "\u0153",
    158: "\u017e",
    159: "\u0178",
}
_URI_FIXER = re.compile("^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)")
_LINK_ENTITY = re.compile("&([A-Za-z0-9_]+);")
_XML_PI_ENCODING = re.compile(rb"^<\?.*encoding=['\"](.*?)['\"].*\?>")
_DECLARATION = re.compile(rb"xmlns:([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_UTF8 = frozenset({"utf-8", "utf8", "utf_8", "u8"})
_ASCII = frozenset({"us-ascii", "ascii"})


class _Unusual(Exception):
    """Something this reading does not mirror: feedparser must read the document."""


def read(data: bytes, headers: dict[str, str]) -> dict[str, Any] | None:
    """feedparser's result (the keys newsreader reads) for a plain RSS 2.0 document, or None.

    `headers` as feedparser would be given them; links and permalink guids are resolved against
    content-location, as feedparser does when no element carries xml:base (the caller checks for those).
    """
    decoded = _utf8_document(data, headers)
    if decoded is None:
        return None
    document, note = decoded
    head = document[:4096]
    if b"<rss" not in head:  # Atom, RDF and the rest: feedparser's, without an lxml parse first
        return None
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        return None
    if not _declarations_plain(document):
        return None
    from lxml import etree

    try:
        root = etree.fromstring(document, _parser())
    except (etree.LxmlError, ValueError):
        return None
    base = headers.get("content-location", "")
    if base and _urljoin(base, base) != base:
        return None  # feedparser would settle on another base (make_safe_absolute_uri)
    try:
        parsed = _rss(root, headers.get("content-language") or None, base)
    except _Unusual:
        return None
    if note is not None:
        parsed.update(bozo=1, bozo_exception=note)
    return parsed


_PARSERS: list[Any] = []


def _parser() -> Any:
    """One lxml parser per process: no DTD, no entities, no network, comments and PIs dropped (feedparser
    ignores them too), CDATA as text."""
    if not _PARSERS:
        from lxml import etree

        _PARSERS.append(
            etree.XMLParser(
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                remove_comments=True,
                remove_pis=True,
                huge_tree=False,
                recover=False,
            )
        )
    return _PARSERS[0]


def _utf8_document(data: bytes, headers: dict[str, str]) -> tuple[bytes, Exception | None] | None:
    """The document without a UTF-8 BOM, and feedparser's note on its encoding, when feedparser would
    decode it as UTF-8 (or ASCII); else None.

    feedparser decodes with the first of (the RFC 3023 encoding from the content type and the XML
    declaration, the declared encoding, the BOM's) that works, then a guess; lxml reads the declaration.
    """
    if data[:3] == codecs.BOM_UTF8:
        data, bom = data[3:], "utf-8"
    elif data[:2] in (codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE) or data[:1] in (b"\x00", b"\x4c"):
        return None
    else:
        bom = ""
        if data.lstrip()[:1] != b"<":
            return None
    match = _XML_PI_ENCODING.match(data)
    try:
        declared = match.group(1).decode("utf-8").lower() if match else ""
    except UnicodeDecodeError:
        return None
    if declared and declared not in _UTF8 and declared not in _ASCII:
        return None  # lxml would decode by the declaration, feedparser perhaps by the header
    first, note = _rfc3023(headers, declared)
    for proposed in (first, declared, bom):
        if not proposed:
            continue
        name = proposed.lower()
        if name in _UTF8 or name in _ASCII:
            try:
                data.decode("utf-8" if name in _UTF8 else "ascii")
            except UnicodeDecodeError:
                continue
            if proposed != first:
                note = CharacterEncodingOverride(f"document declared as {first}, but parsed as {proposed}")
            return data, note
        try:
            data.decode(proposed)
        except (UnicodeDecodeError, LookupError):
            continue
        return None  # feedparser reads it in another encoding
    return None  # feedparser would guess


class NonXMLContentType(ValueError):
    """feedparser's note (bozo_exception) for a document served as something other than XML."""


class CharacterEncodingOverride(ValueError):
    """feedparser's note for a document decoded otherwise than its content type or declaration says."""


def _rfc3023(headers: dict[str, str], declared: str) -> tuple[str, Exception | None]:
    """feedparser's encodings.convert_to_utf8: the encoding it tries first, and its note on the content type."""
    kind, charset = _content_type(headers.get("content-type") or "")
    acceptable = True
    if kind in ("application/xml", "application/xml-dtd", "application/xml-external-parsed-entity") or (
        kind.startswith("application/") and kind.endswith("+xml")
    ):
        first = charset or declared or "utf-8"
    elif kind in ("text/xml", "text/xml-external-parsed-entity") or (
        kind.startswith("text/") and kind.endswith("+xml")
    ):
        first = charset or "us-ascii"
    elif kind.startswith("text/"):
        first, acceptable = charset or "us-ascii", False
    elif headers and "content-type" not in headers:
        first, acceptable = declared or "iso-8859-1", False
    else:
        first, acceptable = declared or "utf-8", False
    if acceptable or not headers:
        return first, None
    if "content-type" in headers:
        return first, NonXMLContentType(f"{headers['content-type']} is not an XML media type")
    return first, NonXMLContentType("no Content-type specified")


def _content_type(line: str) -> tuple[str, str]:
    """feedparser's reading of a Content-Type header: (media type, charset)."""
    chunks = line.split(";")
    charset = ""
    for chunk in chunks[1:]:
        key, _, value = chunk.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    return chunks[0].strip(), charset


def _declarations_plain(document: bytes) -> bool:
    """No prefix bound to two namespaces, none spelt like one of feedparser's prefixes for another
    namespace: feedparser names its handlers by prefix, so either would make it read elements otherwise."""
    bound: dict[bytes, bytes] = {}
    for match in _DECLARATION.finditer(document):
        prefix, uri = match.group(1), match.group(2) if match.group(2) is not None else match.group(3)
        if bound.setdefault(prefix, uri) != uri:
            return False
        name = prefix.decode("utf-8", "replace").lower()
        if name in _PREFIXES and _NAMESPACES.get(uri.decode("utf-8", "replace").lower(), "").lower() != name:
            return False
    return True


# -- RSS 2.0 --------------------------------------------------------------------------------------------


def _rss(root: Any, base_language: str | None, base: str) -> dict[str, Any]:
    if root.tag != "rss" or not (root.get("version") or "").startswith("2."):
        raise _Unusual
    if len(root) != 1 or _name(root[0]) != "channel":
        raise _Unusual
    channel = root[0]
    _attributes(channel, (_XML_LANG, "lang"))
    feed: dict[str, Any] = {}
    language = _own_language(root, base_language)
    if language:
        feed["language"] = language.replace("_", "-")  # feedparser's reading of the root's xml:lang
    language = _own_language(channel, language)
    detail = language.replace("_", "-") if language else None
    entries: list[dict[str, Any]] = []
    title = link = False
    for child in channel:
        name = _name(child)
        if name == "item":
            entries.append(_item(child, detail, base))
        elif name == "title":
            if title:
                raise _Unusual
            title = True
            _attributes(child, ())
            feed["title"] = _text(child)
            feed["title_detail"] = {"language": detail}
        elif name == "link":
            if link:
                raise _Unusual
            link = True
            _attributes(child, ())
            raw = _raw(child)
            feed["link"] = _LINK_ENTITY.sub(r"&\g<1>", _fix(_urljoin(base, raw) if raw else raw))
        elif name in ("language", "dc_language"):
            feed["language"] = _text(child)
        elif name == "atom_link":
            _atom_link(child)
        elif name == "image":
            _only_children(child, _IMAGE_CHILDREN)
        elif name in ("textinput", "textInput"):
            _only_children(child, _TEXTINPUT_CHILDREN)
        elif name in ("skiphours", "skipdays"):
            _only_children(child, frozenset({"hour", "day"}))
        else:
            _harmless(child, name, _CHANNEL_HARMLESS)
    return {"feed": feed, "entries": entries, "version": "rss20", "bozo": 0}


class _Item:
    """feedparser's state while it reads one <item>: which title and summary won by depth, the content."""

    def __init__(self, language: str | None, base: str) -> None:
        self.language = language
        self.base = base
        self.entry: dict[str, Any] = {}
        self.title_depth = -1  # feedparser's title_depth: a title here blocks later ones as deep or deeper
        self.depths: dict[str, int] = {}  # feedparser's property_depth_map for title and summary
        self.has_content = False
        self.link: str | None = None
        self.guid_link: str | None = None
        self.authors: list[str] = []
        self.tags: list[dict[str, Any]] = []
        self.details = False  # a title, summary or content carries the xml:lang in feedparser's details

    def children(self, parent: Any, depth: int, allowed: frozenset[str] = frozenset()) -> None:
        """Each child of `parent` (at `depth`) as feedparser's handlers take it."""
        for child in parent:
            name = _name(child)
            if allowed and name not in allowed:
                raise _Unusual
            self.child(child, name, depth)

    def child(self, child: Any, name: str, depth: int) -> None:
        if name in ("title", "media_title"):
            self.title(child, depth, media=name == "media_title")
        elif name == "link":
            if self.link is not None:
                raise _Unusual
            _attributes(child, ())
            raw = _raw(child)
            self.link = _LINK_ENTITY.sub(
                r"&\g<1>", _fix(_urljoin(self.base, raw) if raw else raw).replace("&amp;", "&")
            )
        elif name == "guid":
            if "id" in self.entry:
                raise _Unusual
            _attributes(child, ("isPermaLink",))
            permalink = child.get("isPermaLink", "true") == "true"
            value = _raw(child)
            self.entry["id"] = _fix(_urljoin(self.base, value) if permalink and value else value)
            if permalink:
                self.guid_link = self.entry["id"]
        elif name in ("description", "dc_description", "media_description"):
            self.description(child, depth)
        elif name == "content_encoded":
            _attributes(child, ("type",), _TEXT_TYPES)
            self.has_content = True
            value = _text(child)
            self.entry.setdefault("content", []).append({"value": value, "language": self.language})
            self.entry.setdefault("summary", value)
            self.details = True
        elif name in ("pubdate", "dc_date"):
            key = "published" if name == "pubdate" else "updated"
            if key in self.entry:
                raise _Unusual
            self.entry[key] = _text(child)
        elif name in ("category", "dc_subject"):
            _attributes(child, ("domain",) if name == "category" else ())
            _add_category(self.tags, child.get("domain"), _text(child))
        elif name in ("author", "dc_creator"):
            _attributes(child, ())
            self.authors.append(_text(child))
        elif name in ("language", "dc_language"):
            self.entry["language"] = _text(child)
        elif name in ("media_group", "media_content"):
            if child.get(_XML_LANG) is not None or child.get("lang") is not None:
                raise _Unusual
            self.children(child, depth + 1, _MEDIA_CHILDREN)
        elif name == "image":
            self.title_depth = -1
            _only_children(child, _ITEM_IMAGE_CHILDREN)
        elif name == "source":
            self.title_depth = -1
            _harmless(child, name, _ITEM_HARMLESS)
        elif name == "atom_link":
            _no_children(child)
            rel = (child.get("rel") or "alternate").lower()
            if rel == "alternate" or not child.get("href"):
                raise _Unusual
        else:
            _harmless(child, name, _ITEM_HARMLESS)

    def title(self, child: Any, depth: int, media: bool) -> None:
        """feedparser's _end_title: a title is kept unless one as shallow came first; media:title never blocks."""
        _attributes(child, ("type",), _TEXT_TYPES)
        value = _text(child)
        self.details = True
        if not -1 < self.title_depth <= depth and depth <= self.depths.get("title", depth):
            self.entry["title"] = value
            self.depths["title"] = depth
        if value and not media:
            self.title_depth = depth

    def description(self, child: Any, depth: int) -> None:
        """feedparser's _start_description: a second description, with no content yet, becomes the content."""
        _attributes(child, ("type",), _TEXT_TYPES)
        value = _text(child)
        self.details = True
        if "summary" in self.entry and not self.has_content:
            self.has_content = True
            self.entry.setdefault("content", []).append({"value": value, "language": self.language})
        elif depth <= self.depths.get("summary", depth):
            self.entry["summary"] = value
            self.depths["summary"] = depth

    def result(self) -> dict[str, Any]:
        entry = self.entry
        if self.link is not None or self.guid_link is not None:
            entry["link"] = self.link if self.link is not None else self.guid_link
        if self.authors:
            entry["author"] = self.authors[-1]
            entry["authors"] = [_author_detail(a) for a in self.authors]
        if self.tags:
            entry["tags"] = self.tags
        if self.language and self.details and not entry.get("language"):
            entry["language"] = self.language  # what the title, summary or content's xml:lang details give
        return entry


def _item(item: Any, language: str | None, base: str) -> dict[str, Any]:
    """One <item> as feedparser's entry dictionary (see _rss for what makes it fall back)."""
    _attributes(item, None, lang=True)
    language = _own_language(item, language)
    reader = _Item(language.replace("_", "-") if language else None, base)
    reader.children(item, 4)
    return reader.result()


_EMAIL = re.compile(
    r"""(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?"""
)


def _author_detail(author: str) -> dict[str, str]:
    """feedparser's _sync_author_detail for an author given as text: the e-mail found in it taken out as
    `email`, the rest (brackets trimmed) as `name`."""
    detail: dict[str, str] = {}
    if not author:
        return detail
    email = None
    match = _EMAIL.search(author)
    if match:
        email = match.group(0)
        author = author.replace(email, "").replace("()", "").replace("<>", "").replace("&lt;&gt;", "").strip()
        if author and author[0] == "(":
            author = author[1:]
        if author and author[-1] == ")":
            author = author[:-1]
        author = author.strip()
    if author:
        detail["name"] = author
    if email:
        detail["email"] = email
    return detail


def _add_category(tags: list[dict[str, Any]], scheme: str | None, value: str) -> None:
    """feedparser's _start_category/_end_category: a tag per distinct (term, scheme, label)."""
    if scheme:
        tag = {"term": None, "scheme": scheme, "label": None}
        if tag not in tags:
            tags.append(tag)
    if not value:
        return
    if tags and not tags[-1]["term"]:
        tags[-1]["term"] = value
        return
    tag = {"term": value, "scheme": None, "label": None}
    if tag not in tags:
        tags.append(tag)


def _atom_link(element: Any) -> None:
    """atom:link in a channel: only a link that is not the alternate (rel="self", "hub") is left as is."""
    _no_children(element)
    rel = (element.get("rel") or "alternate").lower()
    if rel == "alternate" or not element.get("href") or element.get(_XML_LANG) or element.get("lang"):
        raise _Unusual


def _harmless(element: Any, name: str, allowed: frozenset[str]) -> None:
    """An element feedparser stores under a key newsreader never reads, holding only text; else _Unusual."""
    if name in _HANDLED or name.lower() in _HANDLED:
        if name not in allowed:
            raise _Unusual
    elif name in _READ_KEYS or name.startswith("atom_") or not name:
        raise _Unusual
    _no_children(element)
    if element.get(_XML_LANG) is not None or element.get("lang") is not None:
        raise _Unusual


def _only_children(element: Any, names: frozenset[str]) -> None:
    """An <image> or <textInput>: feedparser keeps its children apart only while they are these."""
    for child in element:
        if _name(child) not in names:
            raise _Unusual
        _no_children(child)


def _no_children(element: Any) -> None:
    if len(element):
        raise _Unusual  # markup inside a text element: feedparser serialises it back into the text


def _attributes(
    element: Any, allowed: tuple[str, ...] | None, values: frozenset[str] = frozenset(), lang: bool = False
) -> None:
    """Attributes change how feedparser reads an element (type, mode, xml:lang, href): only these are left
    alone (`allowed` None: any but those that feedparser reads on an <item>); `values` limits their values."""
    for key, value in element.attrib.items():
        if lang and key in (_XML_LANG, "lang"):
            continue
        if allowed is None:
            if key.lower() in _ITEM_ATTRIBUTES or key.startswith("{"):
                raise _Unusual
        elif key not in allowed or (values and value.lower() not in values):
            raise _Unusual


def _own_language(element: Any, inherited: str | None) -> str | None:
    """xml:lang (or lang) as feedparser tracks it: its own, else the parent's; '' is unusual."""
    value = element.get(_XML_LANG)
    if value is None:
        value = element.get("lang")
    if value is None:
        return inherited
    if not value:
        raise _Unusual
    return str(value)


def _name(element: Any) -> str:
    """feedparser's handler name for an element: prefix_localname, lower-cased local name."""
    tag = element.tag
    if not isinstance(tag, str):
        raise _Unusual  # an entity reference left in the tree
    if tag[0] != "{":
        return tag.lower()
    uri, _, local = tag[1:].partition("}")
    if uri == _ATOM:
        return "atom_" + local.lower()
    prefix = _NAMESPACES.get(uri.lower())
    if prefix == "":
        raise _Unusual  # RSS 0.9/1.0, Atom 0.3 or Userland elements inside RSS 2.0
    if prefix is None:
        given = element.prefix
        if not given or given.lower() in _PREFIXES:
            raise _Unusual  # a default namespace feedparser does not know: it reads those as plain names
        prefix = given.lower()
    return f"{prefix}_{local.lower()}"


def _raw(element: Any) -> str:
    """An element's text, stripped as feedparser's pop() strips it."""
    _no_children(element)
    return (element.text or "").strip()


def _text(element: Any) -> str:
    return _fix(_raw(element))


def _fix(text: str) -> str:
    """feedparser's last touches to every text: UTF-8 read as Latin-1 undone, C1 controls as cp1252."""
    if text.isascii():
        return text
    with contextlib.suppress(UnicodeError):
        text = text.encode("iso-8859-1").decode("utf-8")
    return text.translate(_CP1252)


def _urljoin(base: str, uri: str) -> str:
    """feedparser.urls._urljoin: how it resolves links and permalink guids against the document's base."""
    uri = _URI_FIXER.sub(r"\1\3", uri)
    try:
        return urllib.parse.urljoin(base, uri)
    except ValueError:
        return ""
