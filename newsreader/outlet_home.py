"""An outlet's home country from its links, for feeds the user's config gives no `country`.

The coverage view (`stories ID`: who covered a story, the blindspot flag), `--source-country`, `trends --by
source-country` and the tagger's home rules ("le Sénat" in a French outlet) all need to know where an outlet
is. A feed fetched by URL or read from a file has no config entry, so without this every such outlet is
"unknown" and a German broadcaster's coverage of Magdeburg says "Covered from: unknown (44)".

Two sources, in this order:
1. A reviewed table of international outlets whose sites are on generic domains (cnn.com, aljazeera.net,
   dw.com): where the newsroom is based, as the outlet itself states it. Matched on the host and its parent
   domains, so `edition.cnn.com` and `www.cnn.com` are CNN.
2. The country-code domain (lemonde.fr, bbc.co.uk is GB, yahoo.co.jp, lenta.ru; the internationalised
   ones such as .рф), except codes sold worldwide as generic names (.io, .tv, .co, .me ...), which say
   nothing of where an outlet is, and two-letter domains that are no country (.eu).
Anything else (example.com, an IP address, a path) has no home: the user's config can still give one.
"""

from __future__ import annotations

from newsreader.name_tables import NAMES

# Country-code domains sold worldwide as generic names, so they say nothing of an outlet's home unless a
# second level such as `com.` stands before them (eltiempo.com.co is Colombian, startup.co is not).
_GENERIC_TLDS = frozenset(
    {
        "io", "co", "tv", "me", "fm", "ai", "ly", "to", "cc", "ws", "gg", "im", "la", "nu", "sh", "st", "vc",
        "ag", "tk", "ml", "ga", "cf", "gq", "ac", "gs", "cx", "vu",
    }
)  # fmt: skip

# The second levels a country's registry keeps for its own outlets, companies and bodies.
_SECOND_LEVELS = frozenset({"com", "net", "org", "gov", "gob", "edu", "ac", "co", "or", "ne", "go", "info", "news"})

# Internationalised country-code domains (as typed and as their ASCII form).
_IDN_TLDS = {
    "рф": "RU", "xn--p1ai": "RU", "укр": "UA", "xn--j1amh": "UA", "бел": "BY", "xn--90ais": "BY",
    "срб": "RS", "xn--90a3ac": "RS", "қаз": "KZ", "xn--80ao21a": "KZ", "мкд": "MK", "xn--d1alf": "MK",
    "中国": "CN", "xn--fiqs8s": "CN", "中國": "CN", "xn--fiqz9s": "CN", "香港": "HK", "xn--j6w193g": "HK",
    "台灣": "TW", "xn--kpry57d": "TW", "台湾": "TW", "xn--kprw13d": "TW", "한국": "KR", "xn--3e0b707e": "KR",
    "مصر": "EG", "xn--wgbh1c": "EG", "السعودية": "SA", "xn--mgberp4a5d4ar": "SA", "امارات": "AE",
    "xn--mgbaam7a8h": "AE", "ایران": "IR", "xn--mgba3a4f16a": "IR", "قطر": "QA", "xn--wgbl6a": "QA",
}  # fmt: skip

# International outlets on generic domains, by where their newsroom is based (the outlet's own "about"
# page). Reviewed by hand; a domain that serves several countries' editions (msn.com, news.google.com,
# yahoo.com outside its country sites) is left out, as is a service based in one country but run for
# another (Radio Free Europe, Iran International).
_OUTLETS = {
    # United States
    "cnn.com": "US", "nytimes.com": "US", "washingtonpost.com": "US", "wsj.com": "US", "foxnews.com": "US",
    "nbcnews.com": "US", "cbsnews.com": "US", "abcnews.go.com": "US", "npr.org": "US", "apnews.com": "US",
    "usatoday.com": "US", "latimes.com": "US", "politico.com": "US", "bloomberg.com": "US", "axios.com": "US",
    "vox.com": "US", "theatlantic.com": "US", "newsweek.com": "US", "time.com": "US", "huffpost.com": "US",
    "thehill.com": "US", "voanews.com": "US", "nypost.com": "US", "cnbc.com": "US", "breitbart.com": "US",
    "usnews.com": "US", "propublica.org": "US", "arstechnica.com": "US", "theverge.com": "US",
    "wired.com": "US", "techcrunch.com": "US", "bostonglobe.com": "US", "chicagotribune.com": "US",
    "pbs.org": "US", "msnbc.com": "US", "theintercept.com": "US", "businessinsider.com": "US",
    # United Kingdom
    "theguardian.com": "GB", "bbc.com": "GB", "reuters.com": "GB", "ft.com": "GB", "economist.com": "GB",
    "sky.com": "GB", "thetimes.com": "GB", "newstatesman.com": "GB",
    # Europe
    "dw.com": "DE", "france24.com": "FR", "afp.com": "FR", "euronews.com": "FR",
    "elpais.com": "ES", "rt.com": "RU", "tass.com": "RU", "sputniknews.com": "RU",
    # Middle East and Africa
    "aljazeera.com": "QA", "aljazeera.net": "QA", "alarabiya.net": "SA", "arabnews.com": "SA",
    "thenationalnews.com": "AE", "gulfnews.com": "AE", "khaleejtimes.com": "AE", "timesofisrael.com": "IL",
    "haaretz.com": "IL", "jpost.com": "IL", "ynetnews.com": "IL", "dailysabah.com": "TR",
    "hurriyetdailynews.com": "TR", "trtworld.com": "TR", "tehrantimes.com": "IR",
    # Asia and the Pacific
    "xinhuanet.com": "CN", "cgtn.com": "CN", "scmp.com": "HK", "straitstimes.com": "SG",
    "channelnewsasia.com": "SG", "zaobao.com": "SG", "8world.com": "SG", "ndtv.com": "IN",
    "hindustantimes.com": "IN", "thehindu.com": "IN", "indiatimes.com": "IN", "indianexpress.com": "IN",
    "livemint.com": "IN", "dawn.com": "PK", "asahi.com": "JP", "nikkei.com": "JP", "kyodonews.net": "JP",
    "koreaherald.com": "KR", "kyivindependent.com": "UA", "kyivpost.com": "UA",
    # The Americas
    "theglobeandmail.com": "CA", "globo.com": "BR", "clarin.com": "AR", "infobae.com": "AR", "ambito.com": "AR",
    "minutouno.com": "AR", "nationalpost.com": "CA", "thestar.com": "CA", "milenio.com": "MX",
    "eltiempo.com": "CO", "semana.com": "CO", "elespectador.com": "CO", "emol.com": "CL", "latercera.com": "CL",
    # more national outlets on generic domains
    "newyorker.com": "US", "mcclatchydc.com": "US", "faz.net": "DE", "01net.com": "FR", "numerama.com": "FR",
    "elconfidencial.com": "ES", "lavanguardia.com": "ES", "cnnturk.com": "TR", "haberturk.com": "TR",
    "unian.net": "UA", "liga.net": "UA", "censor.net": "UA", "egyptindependent.com": "EG",
    "naharnet.com": "LB", "news24.com": "ZA", "punchng.com": "NG", "vanguardngr.com": "NG",
    "premiumtimesng.com": "NG", "thedailystar.net": "BD", "geo.tv": "PK", "timesnownews.com": "IN",
    "news18.com": "IN", "firstpost.com": "IN", "caixinglobal.com": "CN", "sixthtone.com": "CN",
    "taipeitimes.com": "TW", "chosun.com": "KR", "donga.com": "KR", "joins.com": "KR", "rappler.com": "PH",
    "inquirer.net": "PH", "philstar.com": "PH", "thejakartapost.com": "ID", "kompas.com": "ID", "tempo.co": "ID",
    "malaysiakini.com": "MY", "bangkokpost.com": "TH", "nationthailand.com": "TH", "vnexpress.net": "VN",
    "i24news.tv": "IL",
}  # fmt: skip


def host_of(url: str) -> str:
    """The lower-cased host of an http(s) link, without port, credentials or the root's dot; "" otherwise."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return ""
    host = rest.partition("/")[0].partition("?")[0].partition("#")[0]
    host = host.rpartition("@")[2].partition(":")[0].rstrip(".").lower()
    return host


def home_of(declared: str, url: str) -> str:
    """The outlet's home country: the one its feed's config declares, else what its link says, else "".

    The one rule that parse (new articles), the tagger (home rules such as "le Sénat") and retag (stores made
    before homes came from links) all apply, so that the three cannot drift apart."""
    return declared.upper() if declared else home_of_link(url)


def home_of_link(url: str) -> str:
    """The ISO code of the country an outlet with this link is based in, or "" when the link does not say."""
    host = host_of(url)
    if not host:
        return ""
    labels = host.split(".")  # an IP address ends in digits, which no country code is
    for start in range(len(labels) - 1):
        known = _OUTLETS.get(".".join(labels[start:]))
        if known:
            return known
    tld = labels[-1]
    if tld in _IDN_TLDS:
        return _IDN_TLDS[tld]
    if len(tld) != 2 or not tld.isascii():  # not "ıe": its upper case is IE
        return ""
    if tld in _GENERIC_TLDS and (len(labels) < 3 or labels[-2] not in _SECOND_LEVELS):
        return ""
    code = "GB" if tld == "uk" else tld.upper()
    return code if code in NAMES else ""
