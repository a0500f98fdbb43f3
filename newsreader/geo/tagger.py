"""Finding countries and regions in article text: key hits, boundary/case checks and ambiguity rules."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from newsreader.geo.gazetteer import (
    ACTOR,
    AMBIGUOUS,
    CAP,
    CLUB,
    COUNTRY,
    DOTTED,
    HOME,
    LANG,
    PAIR,
    PLACE,
    PREFIX,
    REGION,
    STOP,
    SUBNATIONAL,
    TOWN,
    UPPER,
    Gazetteer,
    Value,
    capitalised,
    complete,
    scan_forms,
)
from newsreader.models import Article, CountryTag
from newsreader.outlet_home import home_of

_PREV_NAMES = re.compile(r"(?:^|[\s(\"'’])([A-Z][\w'.-]+) (?:([A-Z][\w'.-]+) )?$")
_PREV_WORD = re.compile(r"(?:^|\s)([A-Z][a-z]+\.?) $")
# the capitalised word after a first name, accented letters included ("Salvador Dalí", "Chad Ólafsson")
_NEXT_WORDS = re.compile(r" ([A-ZÀ-ÖØ-Þ][^\W\d_]+)(?!\w)(\s*)(\S?)")
_PARAGRAPH = re.compile(r"\n\s*\n")
# the rest of a «…» quote that holds a name and at most one more word: «Парму», «Вашингтон Спирит»
_QUOTED_REST = re.compile(r"(?: ?[\w-]+)?»")
# what follows an agency dateline's place: "PARIS (Reuters) - ", "МОСКВА, 9 мая — "
_DATELINE_REST = re.compile(r"(?:,[^\n—–]{1,30}?)?\s*(?:\([^)\n]{1,30}\))?\s*[—–-]\s")
# an item's closing byline, "Surname, Given name" after the last sentence (Deutschlandfunk: "Thoms, Katharina")
_BYLINE = re.compile(r", [A-ZÀ-ÞŁŚŻ][\w'’]+(?:-[A-ZÀ-ÞŁŚŻ][\w'’]+)?\s*(?:\n|$)")
_SENTENCE_END = (". ", "! ", "? ", ".\n", "\n\n")
# a locative word right before a club's home: the place, not the club ("in Kiel", "à Paris", "en Madrid")
_LOCATIVE = re.compile(
    r"(?:^|\W)(?:[Ii]n|[Ii]m|[Aa]t|near|[Àà]|[Dd]ans|[Ee]n|[Ee]m|[Nn][oa]|[Bb]ei|aus|nach|près de) $"
)
LEAD_MIN_WORDS = 8  # a first "paragraph" shorter than this is a dateline or byline, not the lead


@dataclass(slots=True)
class Found:
    """What one text yields: per-country evidence and the regions it names outright."""

    mentions: dict[str, int] = field(default_factory=dict)
    in_title: set[str] = field(default_factory=set)
    in_lead: set[str] = field(default_factory=set)
    regions: dict[str, int] = field(default_factory=dict)  # region named outright -> times named
    actors: set[str] = field(default_factory=set)  # countries named through a person acting for them
    order: tuple[str, ...] = ()  # countries in the order of their first mention


def _is_person(gaz: Gazetteer, text: str, start: int, end: int) -> bool:
    """'Jim Jordan', 'Rep. Jordan', 'Chad Smith said': a country name used as a person's name."""
    word = text[start:end]
    if word not in gaz.person_names:  # the key matched in another case ("JORDAN"): not a name
        return False
    prev = _PREV_WORD.search(text, max(0, start - 24), start)
    if prev:
        token = prev.group(1)
        if token in gaz.person_titles or (token.rstrip(".") not in gaz.person_allow and not token.endswith(".")):
            return True
    if word in gaz.first_names:
        nxt = _NEXT_WORDS.match(text, end, min(len(text), end + 40))
        if nxt and nxt.group(1) not in gaz.person_allow and not nxt.group(3)[:1].isupper():
            return True
    return False


def _katakana(char: str) -> bool:
    return "\u30a0" <= char <= "\u30ff"


def _kana_ok(text: str, start: int, end: int) -> bool:
    """A katakana name is not part of a longer katakana word ("マリ" Mali in "マリオ" Mario)."""
    if _katakana(text[start]) and start and _katakana(text[start - 1]):
        return False
    return not (_katakana(text[end - 1]) and end < len(text) and _katakana(text[end]))


def _has_word(text: str, word: str) -> bool:
    """`word` occurs in `text` as a whole word (case-sensitive); str.find beats a regex alternation."""
    size, limit = len(word), len(text)
    at = text.find(word)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + size] if at + size < limit else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        at = text.find(word, at + 1)
    return False


def _resolve_ambiguity(gaz: Gazetteer, name: str, text: str, cache: dict[str, str], home: str = "") -> str:
    """The first code whose signal the text holds; else the outlet's own country when it is one of the
    candidates ("Georgia" in an American paper, "Victoria" in a Canadian one); else the default."""
    if name not in cache:
        ambiguity = gaz.ambiguities[name]
        signals = ambiguity.signals
        chosen = home if home in ambiguity.codes else signals[0][0]
        for code, words in signals:
            if any(_has_word(text, w) for w in words):
                chosen = code
                break
        cache[name] = chosen
    return cache[name]


def lead_end(title: str, summary: str, body: str) -> int:
    """Offset in the joined text where the lead (title + summary, or the body's first real paragraph) ends."""
    offset = len(title) + 2
    if summary.strip():
        return offset + len(summary)
    offset += len(summary) + 2
    pos = 0
    for match in _PARAGRAPH.finditer(body):
        if len(body[pos : match.start()].split()) >= LEAD_MIN_WORDS:
            return offset + match.start()
        pos = match.end()
    return offset + len(body)


# No regular expressions over the big CJK ranges: compiling each cost 3-4 ms of the tagger's load (sre
# walks every character of a range). The first CJK/Hangul character is U+3040, so a text whose
# largest character is below it holds none; above it, the scans look and find what there is.
_FIRST_CJK = "\u3040"
_HANGUL_FIRST, _HANGUL_LAST = "\uac00", "\ud7af"


def _hangul_words(padded: str) -> Iterator[tuple[str, int]]:
    """(word, start) of each word of `padded` that begins with a Hangul syllable."""
    start = 0
    for word in padded.split(" "):
        if word and _HANGUL_FIRST <= word[0] <= _HANGUL_LAST:
            yield word, start
        start += len(word) + 1


Hit = tuple[int, int, Value, str]  # (start, end) in the text, the key's value, the key


# A place named by an article and a word is written with both capitalised ("La Libertad", "Le Havre"): a
# sentence that starts "La libertad de prensa" or "La paz" names the word, not the town
_ARTICLES = frozenset({"la", "le", "les", "el", "los", "las", "il", "lo", "the"})


def _case_ok(rule: int, text: str, start: int, end: int) -> bool:
    if rule == CAP:
        if text[start].islower():
            return False
        space = text.find(" ", start, end)
        return space < 0 or text[start:space].casefold() not in _ARTICLES or not text[space + 1 : end].islower()
    if rule == UPPER:
        segment = text[start:end]
        return segment == segment.upper()
    if rule == DOTTED:
        return text[start].isupper() and text[end : end + 1] == "."
    return True


def _longest(gaz: Gazetteer, text: str, padded: str, start: int, end: int) -> Hit | None:
    """The longest key starting with the word at `start`..`end` (in `padded`) whose case rule the
    text passes: the word and the next, extended word by word while that is a prefix of a longer
    phrase key; a rejected phrase gives way to a shorter one ("new york" in lower case is no key,
    nor is "new")."""
    table, any_case, prefixes = gaz.table, gaz.any_case, gaz.prefixes
    limit = len(padded) - 1
    ends = [end]
    key = ""
    while len(ends) == 1 or key in prefixes:
        at = ends[-1]
        while at < limit and padded[at] == " ":
            at += 1
        if at >= limit:
            break
        stop = padded.find(" ", at)
        key = padded[start:stop]
        ends.append(stop)
    for stop in reversed(ends):
        key = padded[start:stop]
        value = table.get(key) or any_case.get(key)
        if value is not None and _case_ok(value[1], text, start - 1, stop - 1):
            return (start - 1, stop - 1, value, key)
    return None


def _word_hits(gaz: Gazetteer, text: str, padded: str, cased: str, out: list[Hit]) -> None:
    """Keys made of whole words. A few C-speed set operations keep the words that start a key
    (capitalised keys only among the words the text capitalises somewhere), so text costs little
    beyond its few hits; a word starts a phrase only where the next word is a phrase's second
    (one look-up), and in lower case only a phrase matched in any case ("the" starts none)."""
    tokens = padded.split()
    capitals = capitalised(cased, tokens)
    table, any_case, starts, lower_starts, pairs = gaz.table, gaz.any_case, gaz.starts, gaz.lower_starts, gaz.pairs
    words = table.keys() & capitals
    words.update(any_case.keys() & tokens, starts.intersection(capitals))
    # a word in lower case ("the", "el") starts a phrase only where one of its phrases stands whole
    lowered = {w for w in lower_starts.keys() & tokens if any(f" {p} " in padded for p in lower_starts[w])}
    words.update(lowered)
    limit = len(padded) - 1
    for word in words:
        size = len(word)
        value = table.get(word) or any_case.get(word)
        phrase, lower_phrase = word in starts, word in lowered
        probe = f" {word} "
        at = padded.find(probe)  # `at` in padded is where the word starts in `text`
        while at >= 0:
            end = at + 1 + size
            if lower_phrase if text[at].islower() else phrase:
                after = end
                while after < limit and padded[after] == " ":
                    after += 1
                if after < limit and f"{word} {padded[after : padded.find(' ', after)]}" in pairs:
                    hit = _longest(gaz, text, padded, at + 1, end)
                    if hit is not None:
                        out.append(hit)
                    at = padded.find(probe, end)
                    continue
            if value is not None and _case_ok(value[1], text, at, at + size):
                out.append((at, at + size, value, word))
            at = padded.find(probe, end)


def _unspaced_hits(gaz: Gazetteer, text: str, padded: str, out: list[Hit]) -> None:
    """Keys in scripts without spaces (Chinese, Japanese): found anywhere, longest first at each start."""
    sizes, unspaced = gaz.unspaced_sizes, gaz.unspaced
    for char in sizes.keys() & set(padded):
        lengths = sizes[char]
        at = padded.find(char)
        while at >= 0:
            for size in lengths:
                key = padded[at : at + size]
                value = unspaced.get(key)
                if value is not None and _kana_ok(text, at - 1, at - 1 + size):
                    if value[0] == PAIR and not _listed(text, at - 1, key):
                        continue  # "半决赛中，以21比13": a clause after a comma, no list of 中 and 以
                    out.append((at - 1, at - 1 + size, value, key))
                    break
            at = padded.find(char, at + 1)


def _listed(text: str, start: int, key: str) -> bool:
    """A list key ("中 以", normalised from 中、以) stands in the text with the enumeration comma between
    its abbreviations, not a full comma or a stop: only 、 lists one-character names in Chinese. Other keys
    with a space are names (ボスニア・ヘルツェゴビナ, 刚果（金）) and are not asked this."""
    return all(text[start + i] == "、" for i, char in enumerate(key) if char == " ")


def _prefix_hits(gaz: Gazetteer, text: str, padded: str, out: list[Hit]) -> None:
    """Korean keys at a word start with a particle glued on (미국은, 미국의)."""
    table = gaz.any_case
    for word, start in _hangul_words(padded):
        if word in table:
            continue  # the whole word is a key: _word_hits has it
        for size in gaz.prefix_sizes:
            if size < len(word):
                value = table.get(word[:size])
                if value is not None and value[1] == PREFIX:
                    out.append((start - 1, start - 1 + size, value, word[:size]))
                    break


def hits(gaz: Gazetteer, text: str) -> list[Hit]:
    """Every key the text names, leftmost-longest and not overlapping, in text order: whole words
    or phrases (so "South Sudan" is not Sudan and "Malibu" not Mali) passing their case rule."""
    lowered, cased, latin1 = scan_forms(text)
    if not latin1 and gaz.pending is not None:
        complete(gaz)  # the first text beyond Latin-1: the other scripts' keys join the tables
    padded = f" {lowered} "
    found: list[Hit] = []
    _word_hits(gaz, text, padded, cased, found)
    if not latin1 and max(text) >= _FIRST_CJK:
        _unspaced_hits(gaz, text, padded, found)  # finds nothing where no key's first character stands
        if gaz.prefix_sizes:
            _prefix_hits(gaz, text, padded, found)
    found.sort()  # by start: no two hits start at one place (each scan finds other keys)
    out: list[Hit] = []
    covered = -1
    for i, hit in enumerate(found):
        if hit[0] >= covered:
            if hit[2][0] == PAIR and _outrun(found, i):
                continue  # "其中美国": 美国 (the US) runs past 中美 (China-US), so it is no pair
            out.append(hit)
            covered = hit[1]
    return out


def _outrun(found: list[Hit], i: int) -> bool:
    """A later hit starts inside hit `i` and ends after it."""
    end = found[i][1]
    for later in found[i + 1 :]:
        if later[0] >= end:
            return False
        if later[1] > end:
            return True
    return False


def find(gaz: Gazetteer, title: str, summary: str, body: str, home: str = "", language: str = "") -> Found:
    """Count each country's mentions (and those in the title and lead) and the regions named.

    Stop-phrases ("Washington Post") shadow the places inside them. This loop is the hot path (one
    pass per hit), hence inlined and flat. Names several countries share (Georgia, Paris) are
    decided after the pass, from what else the text names.
    """
    text = f"{title}\n\n{summary}\n\n{body}"
    lead = lead_end(title, summary, body)
    in_title = len(title)
    given = gaz.given_names
    person_keys = gaz.person_keys
    css = "font-family" in text or "sans-serif" in text
    municipal = "unicipio " in text or "unicípio " in text
    codes: list[str] = []  # one entry per counted mention, in text order; counted in C at the end
    n_lead = n_title = 0  # hits are in text order, so the lead's (title's) hits are a prefix of `codes`
    later: list[tuple[int, int, str]] = []  # (index in codes, kind, key) of names decided after the pass
    actors: set[str] = set()
    regions: dict[str, int] = {}
    last_end = -1  # where the previous hit ended, if it counted a country ("Moscow, Idaho")
    defer = ""  # the shared name (ambiguity or place key) of the current hit, decided after the pass
    found = hits(gaz, text)
    clubs = [key for _, _, (kind, _, payload), key in found if payload == CLUB and kind == STOP]
    homes = _club_words(clubs) if clubs else _NO_HOMES
    club_homes = gaz.club_homes
    city_clubs: set[str] = set()  # club cities the text already named as their club
    for index, (start, end, (kind, rule, payload), key) in enumerate(found):
        if key in homes and kind != STOP and _club_home(text, start, end):
            last_end = -1  # "Holstein Kiel ... Kiel besiegt Augsburg": the club again
            continue
        if key in club_homes and (
            (key in city_clubs and _club_home(text, start, end)) or _club_by_city(gaz, text, start, end)
        ):
            city_clubs.add(key)  # the same city again is the club too, unless after a locative ("à Monaco")
            last_end = -1  # "El Madrid recupera el brillo", "Liverpool - Barcelona" in a match report
            continue
        if text.startswith(", ", end) and _byline(text, start, end):
            last_end = -1  # "... alarmierend. Thoms, Katharina": the author's name
            continue
        if (
            rule == CAP
            and start > 1
            and text[start - 1] == " "
            and text[start - 2].isalpha()
            and kind != ACTOR  # "Vladimir Poutine": the actor's own given name
            and _after_given(given, text, start)
        ):
            last_end = -1  # "Lisa Respers France", "Esteban Santiago-Ruiz": a person's name
            continue
        if css and _in_font_list(text, start, end):
            continue
        if text[end : end + 1] in _GLUED_AFTER and _glued(text, end, rule):
            last_end = -1  # "US$ 300 milhões", "HK$", "Rus.err.ee": a currency or a web domain, not the place
            continue
        if start > 3 and text[start - 3 : start] == "of " and _MUNICIPALITY.search(text, max(0, start - 16), start):
            last_end = -1  # "Village of Angola": a town named like a country
            continue
        if start and text[start - 1] == "«" and _QUOTED_REST.match(text, end) is not None:
            last_end = -1  # «Парму», «Вашингтон Спирит»: a club's, a company's or a ship's name
            continue
        if kind:  # anything but a plain country name (the common case skips all of this)
            if kind == REGION:
                regions[payload] = regions.get(payload, 0) + 1
                last_end = -1
                continue
            if kind == STOP:
                last_end = -1
                continue
            if kind == AMBIGUOUS:
                defer = payload
                payload = gaz.ambiguities[payload].codes[0]
            elif kind == PLACE:
                if text[end : end + 2] == " d" and _LONGER_NAME.match(text, end) and _iberian(language, text):
                    if not home:  # "San Juan de Colón", "Santiago de Querétaro": a longer name, no San Juan
                        last_end = -1
                        continue
                    payload = home  # the outlet's own town of that name, as its local news names them
                else:
                    defer = key
            elif kind == ACTOR:
                actors.add(payload)
            elif kind == PAIR:  # "中美": every country it names, each one mention
                for code in payload.split():
                    codes.append(code)
                    if start < lead:
                        n_lead += 1
                        if start < in_title:
                            n_title += 1
                last_end = -1
                continue
            elif kind == HOME:
                if (
                    not home
                    or not _home_office(found, index, text, payload, home)
                    or _office_abroad(found, codes, n_title, start > in_title, in_title, home, language, payload)
                ):
                    last_end = -1
                    continue
                payload = home
            elif kind == TOWN:
                towns, _, outright = payload.partition("|")
                if outright:  # "US de es fr": the town outright in text of a language the name is no word in
                    if not language:
                        language = _language_of(text)
                    if language in outright[3:]:
                        payload = outright[:2]
                        towns = ""
                if towns:
                    if not home or home not in towns or not _named_as_town(text, start, end):
                        last_end = -1
                        continue
                    payload = home
            elif kind == LANG:
                if not language:
                    language = _language_of(text)
                if not _in_language(payload, language, text[start].isupper()):
                    last_end = -1
                    continue
                payload = payload[:2]
            elif kind == SUBNATIONAL and last_end >= 0 and codes[-1] != payload and text[last_end:start] == ", ":
                # "Moscow, Idaho" (a SUBNATIONAL hit): the state's mention counts, the city's
                # country does not. The city was the last count; hits never span a paragraph
                # break, so it counted in the lead (title) if it ended there.
                codes.pop()
                if later and later[-1][0] == len(codes):
                    later.pop()
                if last_end <= lead:
                    n_lead -= 1
                    if last_end <= in_title:
                        n_title -= 1
        if (key in person_keys and _is_person(gaz, text, start, end)) or (
            payload == home and (start == 0 or text[start - 1] == "\n") and _home_dateline(text, start, end)
        ):
            last_end = -1
            defer = ""
            continue
        if municipal and home and payload != home and _MUNICIPIO.search(text, max(0, start - 24), start) is not None:
            payload, defer = home, ""  # "el municipio Ayacucho" in a Venezuelan paper: its own, not Peru's
        codes.append(payload)
        if defer:
            later.append((len(codes) - 1, kind, defer))
            defer = ""
        if start < lead:
            n_lead += 1
            if start < in_title:
                n_title += 1
        last_end = end
    if later:
        _decide(gaz, text, codes, later, home, found)
    mentions: dict[str, int] = {}
    for code in codes:  # a few codes per text: a plain loop beats building a Counter
        mentions[code] = mentions.get(code, 0) + 1
    return Found(mentions, set(codes[:n_title]), set(codes[:n_lead]), regions, actors, tuple(mentions))


_NO_HOMES: frozenset[str] = frozenset()


def _club_words(clubs: list[str]) -> set[str]:
    """Every run of whole words of the clubs' keys ("holstein kiel": holstein, kiel, holstein kiel):
    the keys a place named alone in the text may share with a club."""
    out: set[str] = set()
    for club in clubs:
        words = club.split()
        out.update(" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))
    return out


def _club_home(text: str, start: int, end: int) -> bool:
    """A place's name alone in a text that names a club after it ("Holstein Kiel", "Real Madrid"),
    neither after a locative word nor before a word for its people or offices ("Kansas City police"):
    the club again ("Kiel besiegt Augsburg", "El Madrid")."""
    if _LOCATIVE.search(text, max(0, start - 10), start) is not None:
        return False
    return _TOWN_AFTER.match(text, end) is None  # "Kansas City police": the place


# an article before a city that Spanish and Italian write without one: the city's club ("el Madrid", "del
# Barcelona", "il Milan"), and "ex" before it: a former player ("un ex Barcelona")
# French too writes a city bare, so "le Bayern", "du Milan", "au Barça" are clubs
_CLUB_ARTICLE = re.compile(r"(?:^|[\s(\"'“‘«])(?:[Ee]l|[Dd]el|[Aa]l|[Ii]l|[Ee]x|[Ll]e|[Dd]u|[Aa]u) $")
_FIXTURE = (" - ", " – ", " — ")
# the opponent of a match: "le match contre Lyon", "the game against Madrid", "das Spiel gegen Bremen"
_OPPONENT = re.compile(r"(?:^|\s)(?:contre|face à|against|vs\.?|gegen|contra) $")


def _club_by_city(gaz: Gazetteer, text: str, start: int, end: int) -> bool:
    """A club's city that stands for the club: after an article the city would not take ("el Madrid"),
    as a side of a fixture "Liverpool - Barcelona" or the opponent ("le match contre Lyon") in a text
    about a match (a sport cue word), or
    anywhere but after a locative in a text whose title names a league ("Ligue 1 : Bordeaux s'installe
    en dauphin de Lyon"; "son déplacement à Nice" stays the place)."""
    if _CLUB_ARTICLE.search(text, max(0, start - 5), start) is not None:
        return True
    if gaz.leagues and _LOCATIVE.search(text, max(0, start - 10), start) is None:
        title = text[: text.find("\n")]
        # "Marseille : ..." opening the title is where the story is, not the club
        opening = start < len(title) and text[end : end + 3] == " : "
        if not opening and any(_has_word(title, league) for league in gaz.leagues):
            return True
    if (
        text[end : end + 3] not in _FIXTURE
        and text[max(0, start - 3) : start] not in _FIXTURE
        and _OPPONENT.search(text, max(0, start - 9), start) is None
    ):
        return False
    return any(_has_word(text, cue) for cue in gaz.sport_cues)


def _byline(text: str, start: int, end: int) -> bool:
    """'... alarmierend. Thoms, Katharina': "Surname, Given name" (one given name, maybe hyphenated)
    closing a paragraph after its last sentence; never a text's first words ("Bundeskanzler, Europäische Union")."""
    return start > 1 and text[start - 2 : start] in _SENTENCE_END and _BYLINE.match(text, end) is not None


# The countries whose governments have the English offices of the [home] table (a foreign and a home
# secretary): in an American, Australian or Qatari outlet "the foreign secretary" is another country's.
_ENGLISH_OFFICE_HOMES = frozenset({"GB", "IN", "PK", "BD", "LK", "NP"})


def _home_office(found: list[Hit], index: int, text: str, lang: str, home: str) -> bool:
    """An office named by its title ("首相") stands for the outlet's country unless another country's
    hit stands right beside it ("Endonezya Cumhurbaşkanı", "Premier ministre britannique"); Japanese
    titles only in Japanese text (kana), as Chinese uses them for other countries' offices; English ones
    only for the countries that have them."""
    if lang == "en" and home not in _ENGLISH_OFFICE_HOMES:
        return False
    start, end = found[index][0], found[index][1]
    if index and found[index - 1][1] >= start - HOME_GAP and found[index - 1][2][0] not in _NOT_NEAR:
        return False
    if index + 1 < len(found) and found[index + 1][0] <= end + HOME_GAP and found[index + 1][2][0] not in _NOT_NEAR:
        return False
    return lang != "ja" or _KANA.search(text) is not None


_TOWN_BEFORE = re.compile(
    r"(?:\b(?:[Ii]n|[Aa]t|near|from|outside|downtown|[Àà]|[Dd]ans|[Ee]n|[Ee]m|[Nn][oa]|[Ii]m|[Bb]ei|près d[e'’]|cerca de)"
    r"|\b(?:[Cc]ity|[Tt]own|[Vv]illage) of)"
    r"(?: (?:North|South|East|West|Northwest|Northeast|Southwest|Southeast|[Dd]owntown))? $"
)
_TOWN_AFTER = re.compile(
    r"(?: (?:man|woman|men|women|teens?|boy|girl|couple|family|police|Police|residents?|mayor|Mayor|area|native|"
    r"suburbs?|officials|schools|Public Schools|City Council|Common Council|neighborhoods?|neighbourhoods?|"
    r"community|communities|businesses|streets|Police Department|Fire Department|City Hall|State University|"
    r"State College|restaurateurs?)|-area|['’]s (?:north|south|east|west|northwest|northeast|southwest|southeast) "
    r"side|['’]s (?=[a-z]))\b"
)
# A municipality's name before a country's: "the Village of Angola" (New York) is no Angola
_MUNICIPALITY = re.compile(r"\b(?:Village|Town|Township|Borough|Hamlet|Municipality) of $")
# A shared place name (San Juan, Santiago) followed by "de" and a capitalised name: a longer place name the
# gazetteer lacks ("San Juan de Colón", Táchira), not the place of the short name
_LONGER_NAME = re.compile(r" d(?:e|el|o|a|os|as) (?:la |las |los |el )?[A-ZÁÉÍÓÚÑ]")


def _iberian(language: str, text: str) -> bool:
    """Spanish or Portuguese text, as the feed declares it or as detected (only for the rare text with
    such a name)."""
    return (language or _language_of(text))[:2] in ("es", "pt")


# Spanish and Portuguese: "el municipio Ayacucho", "el municipio fronterizo Bolívar", "município de Colón"
_MUNICIPIO = re.compile(r"\b[Mm]unic[ií]pio (?:fronterizo |de |del |do |da )?$")
# A key glued to what follows: a currency sign after an abbreviation ("US$", "HK$", "NZ$"), or a dot and a
# lower-case letter ("Rus.err.ee", a web domain)
_GLUED_AFTER = frozenset("$.")


def _glued(text: str, end: int, rule: int) -> bool:
    if text[end] == "$":
        return rule == UPPER
    return rule != DOTTED and text[end + 1 : end + 2].islower()


def _office_abroad(
    found: list[Hit],
    codes: list[str],
    n_title: int,
    after_title: bool,
    in_title: int,
    home: str,
    language: str,
    office: str,
) -> bool:
    """An office named by its title is another country's than the outlet's when the article is in
    another language than the office's word ("Assemblée nationale" in a German text), or when it
    stands below a title that names other countries and neither the home nor an office of it ("Au
    Cameroun, Paul Biya propose au Parlement ... / ... l'Assemblée nationale et du Sénat": Cameroon's;
    "Cumhurbaşkanı Gül Endonezya'ya gidiyor / Cumhurbaşkanı Abdullah Gül ...": still Turkey's)."""
    if language and language[:2] != office[:2]:
        return True
    if not after_title or not n_title or home in codes[:n_title]:
        return False
    return not any(hit[2][0] == HOME for hit in found if hit[0] < in_title)


def _named_as_town(text: str, start: int, end: int) -> bool:
    """A common-word town name stands as a place: after "in", "at", "near", "City of" (a compass word
    between: "in South Buffalo"), or before "man", "police", "residents", "neighborhood", "-area",
    "State University", a possessive before a common noun ("a 24-year-old Buffalo man", "Buffalo's
    housing market"); not "Buffalo Bills", "Bath towels", "Buffalo's Josh Allen"."""
    return _TOWN_BEFORE.search(text, max(0, start - 28), start) is not None or (
        _TOWN_AFTER.match(text, end) is not None
    )


def _language_of(text: str) -> str:
    """The text's language when the article declares none, detected only for the rare text that
    holds a name whose meaning depends on it ("Island"); "?" when even detection cannot tell."""
    from newsreader.lang.detect import detect

    return detect(text) or "?"


def _in_language(payload: str, language: str, capital: bool) -> bool:
    """Whether a LANG key counts in a text of `language` (its payload: code, then "de da" for the
    languages it is the country's name in, or "-es -ca" for those it is not, and "*" when capitalised
    it counts in any); an unknown language ("?") counts only where none is excluded-by-list."""
    rules = payload.split()[1:]
    if capital and "*" in rules:
        return True
    allowed = [r for r in rules if r != "*" and not r.startswith("-")]
    if allowed:
        return language in allowed
    return f"-{language}" not in rules


_KANA = re.compile("[\u3040-\u30ff]")
HOME_GAP = 8  # characters between an office and a country that make it that country's ("ministre au Liban")
_NOT_NEAR = (STOP, REGION, HOME)


def _home_dateline(text: str, start: int, end: int) -> bool:
    """'MOSCOW, 9 May — RIA', 'PARIS (Reuters) - ': the dateline an item opens with. In the outlet's
    own country it only says where the desk sits, so it counts for nothing (the labelling rules)."""
    return end - start >= 4 and text[start:end].isupper() and _DATELINE_REST.match(text, end) is not None


def _after_given(given: frozenset[str], text: str, start: int) -> bool:
    """The name follows a given name, directly or after one more capitalised word: a person."""
    match = _PREV_NAMES.search(text, max(0, start - 40), start)
    return match is not None and (match.group(2) in given or match.group(1) in given)


def _in_font_list(text: str, start: int, end: int) -> bool:
    """'font-family: Geneva, Verdana, sans-serif': a CSS font name, not a place."""
    window = text[max(0, start - 60) : end + 60]
    return "font" in window or "serif" in window


HOME_PLACE_RATIO = 20  # the outlet's own town wins a shared name unless the default is this much bigger


def _decide(
    gaz: Gazetteer,
    text: str,
    codes: list[str],
    later: list[tuple[int, int, str]],
    home: str,
    found: list[Hit],
) -> None:
    """Settle shared names from the rest of the text: the longer place the text names with the same
    first two or more words (San Antonio + San Antonio del Táchira), a candidate's own state named (Paris + Texas),
    its country named by other hits (Georgia + Atlanta, Congo + Goma), the name's signal words; else
    the outlet's own country's place, when the text names no candidate's country and the default is
    neither a capital nor a metonym nor twenty times its size (San Francisco in a paper of Córdoba,
    Dunkirk in Buffalo's news); else the prior (the most prominent place: Paris FR)."""
    decided = {i for i, _, _ in later}
    context = Counter(code for i, code in enumerate(codes) if i not in decided)
    cache: dict[str, str] = {}
    longer: dict[str, str] | None = None  # built for the first shared place name only
    for index, kind, key in later:
        if kind != AMBIGUOUS and " " in key:
            if longer is None:
                longer = _shortened(found)
            if key in longer:
                codes[index] = longer[key]
                continue
        if kind == AMBIGUOUS:
            ambiguity = gaz.ambiguities[key]
            named = [c for c in ambiguity.codes if context[c]]
            if len(named) == 1:
                codes[index] = named[0]
            elif not named:
                codes[index] = _resolve_ambiguity(gaz, key, text, cache, home)
            continue
        candidates = gaz.places[key]
        default, population = candidates[0][0], candidates[0][1]
        choice = default
        contested = bool(context[default])
        for code, size, state in candidates[1:]:
            if state and _has_word(text, gaz.us_states.get(state, "\0")):
                choice = code
                break
            contested = contested or bool(context[code])
            if not context[default] and context[code] and size * 10 >= population:
                choice = code
        else:
            if home and choice == default and not contested and home != default and key not in gaz.prominent:
                for code, size, _ in candidates[1:]:
                    if code == home and size * HOME_PLACE_RATIO >= population:
                        choice = code
                        break
        codes[index] = choice


def _shortened(found: list[Hit]) -> dict[str, str]:
    """The first two or more words of every longer place the text names, each to that place's country:
    "san antonio" for San Antonio del Táchira, so the short form elsewhere is that place. A one-word
    name stays a place of its own ("Santiago de Compostela ... marched in Santiago": Chile's capital)."""
    out: dict[str, str] = {}
    for _, _, (kind, _, payload), key in found:
        if kind in (COUNTRY, SUBNATIONAL) and key.count(" ") > 1:
            words = key.split()
            for size in range(2, len(words)):
                out[" ".join(words[:size])] = payload
    return out


def home_country(article: Article) -> str:
    """The outlet's home country: the feed's configured `country`, else what its link says
    (newsreader.outlet_home: known outlets, then the country-code domain), else unknown."""
    return home_of(article.source_country, article.url)


# The outlet's name that aggregators (Google News, NewsAPI) append to every title: "Ottawa man shot -
# CTV Edmonton", "Tech Talk - FOX 13 News Utah". It names the outlet, not a place the story is about.
_SUFFIX = r"\s[-|\u2013\u2014]\s+([^-|\u2013\u2014]{2,48})$"
_MEDIA = (
    r"(?:\b(?:News|TV|Times|Post|Journal|Herald|Tribune|Today|Radio|Gazette|Telegraph|Guardian|Chronicle|Press|"
    r"Star|Mail|Globe|Daily|Observer|Standard|Express|Mirror|Sun|Courier|Examiner|Inquirer|Online|Media|"
    r"Network|Channel|Broadcasting|Magazine|Review|Bulletin|Record|Dispatch|Register|Sentinel|Leader|Reporter|"
    r"BBC|CBC|CTV|ABC|NBC|CBS|FOX|Fox|CNN|NPR|PBS|ITV|Sky|NDTV|SBS|RTE|RTÉ|Al Jazeera|[KW][A-Z]{2,3})\b|"
    r"\.(?:com|ca|org|net|co\.uk|com\.au|in|ie|news|tv)\b)"
)


@lru_cache(maxsize=1)
def _suffix_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled on the first title with a separator: the tagger's import (its load time) skips them."""
    return re.compile(_SUFFIX), re.compile(_MEDIA)


def without_outlet_suffix(title: str, source: str = "") -> str:
    """The title without a trailing " - Outlet" (or " | Outlet"), up to twice ("... | CTV News - CTV
    Edmonton"): the segment must name a news outlet (a media word, a broadcaster's call sign, a web
    domain) or be the article's source; "Russia - Ukraine" or "Talks - day two" stay whole."""
    if " - " not in title and " | " not in title and "\u2013" not in title and "\u2014" not in title:
        return title  # nearly every title: no separator, no regex
    suffix, media = _suffix_patterns()
    for _ in range(2):
        match = suffix.search(title)
        if match is None:
            break
        tail = match.group(1).strip()
        if len(tail.split()) > 6 or not (media.search(tail) or (source and tail.casefold() in source.casefold())):
            break
        title = title[: match.start()].rstrip()
    return title


MAX_PRIMARY = 3


def primary_codes(found: Found) -> set[str]:
    """The countries the story is about (at most MAX_PRIMARY, usually one or two).

    Where the title names countries, they are the story's, with a lead country only if it is named
    at least twice and half as often as the title's best; otherwise the lead's countries among the most
    mentioned (a quarter of the top count), and any country mentioned often (3+, half the top).
    Ties are cut by evidence (title > lead > mentions, a state actor named), then by first mention.
    """
    mentions, in_title, in_lead = found.mentions, found.in_title, found.in_lead
    if not mentions:
        return set()
    top = max(mentions.values())
    if in_title:
        best = max(mentions[c] for c in in_title)
        chosen = set(in_title) | {c for c in in_lead if mentions[c] >= 2 and mentions[c] * 2 >= best}
    else:
        chosen = {c for c, n in mentions.items() if (c in in_lead and n * 4 >= top) or (n >= 3 and n * 2 >= top)}
    if len(chosen) <= MAX_PRIMARY:
        return chosen
    order = {code: i for i, code in enumerate(found.order)}

    def evidence(code: str) -> tuple[int, int]:
        weight = mentions[code] + 3 * (code in in_title) + 2 * (code in in_lead) + (code in found.actors)
        return (-weight, order.get(code, 0))

    return set(sorted(chosen, key=evidence)[:MAX_PRIMARY])


# Found tags are immutable and repeat endlessly (("US", 1, False, False)...): interning them skips
# most frozen-dataclass constructions, a fair share of the time on place-dense text.
_TAGS: dict[tuple[str, int, bool, bool], CountryTag] = {}
_TAGS_MAX = 50_000


def tag_article(gaz: Gazetteer, article: Article) -> Article:
    """Countries found in the text, plus the article's declared ones (kept, always primary).

    Undeclared countries already on the article are dropped and found again, so tagging is
    idempotent: tag(tag(a)) == tag(a), and an old tagger's guesses never harden into facts.
    """
    title = without_outlet_suffix(article.title, article.source)
    found = find(gaz, title, article.summary, article.body, home_country(article), article.language)
    mentions, in_lead = found.mentions, found.in_lead
    chosen = primary_codes(found)
    rows: list[tuple[bool, int, str, CountryTag]] = []
    declared = {c.code.upper(): c for c in article.countries if c.declared}
    for code, count in mentions.items():
        if code in declared:
            continue
        lead = code in in_lead
        primary = code in chosen
        key = (code, count, lead, primary)
        tag = _TAGS.get(key)
        if tag is None:
            if len(_TAGS) > _TAGS_MAX:
                _TAGS.clear()
            tag = _TAGS[key] = CountryTag(code, count, lead, primary)
        rows.append((not primary, -count, code, tag))
    for code, old in declared.items():
        count = mentions.get(code, old.mentions)
        # declared by the user in the file header: the story is about it
        tag = CountryTag(code, count, old.in_lead or code in in_lead, True, True)
        rows.append((False, -count, code, tag))
    rows.sort()
    ordered = tuple(row[3] for row in rows)
    incoming = article.regions
    named = found.regions
    seen = (ordered, incoming, tuple(named.items()) if named else ())
    regions = _REGIONS.get(seen)
    if regions is None:  # the same few tags come back again and again: their regions too
        if len(_REGIONS) > _TAGS_MAX:
            _REGIONS.clear()
        regions = _REGIONS[seen] = _regions(gaz, incoming, named, ordered)
    if ordered == article.countries and regions == incoming:
        return article  # already tagged so (or nothing found in an untagged one): no copy
    return article.with_tags(ordered, regions)


_REGIONS: dict[tuple[tuple[CountryTag, ...], tuple[str, ...], tuple[tuple[str, int], ...]], tuple[str, ...]] = {}


def _regions(
    gaz: Gazetteer, incoming: Iterable[str], named: dict[str, int], countries: Iterable[CountryTag]
) -> tuple[str, ...]:
    """Incoming (header) regions, regions named in the text and those of the tagged countries, in a
    reading order that depends only on that set and the evidence (so re-tagging keeps it):
    news regions before UN M49 ones; within each, a region nothing in the text supports (the user
    declared it) first, then by the mentions of its primary countries, then by all its evidence
    (member mentions plus times named), then by name.
    """
    support = dict(named)
    lead: dict[str, int] = {}
    derived_regions = gaz.derived_regions
    for c in countries:
        mentions = c.mentions
        names = derived_regions.get(c.code, ())  # a country's derived regions: all that list it
        for name in names:
            support[name] = support.get(name, 0) + mentions
        if c.primary:
            for name in names:
                lead[name] = lead.get(name, 0) + mentions
    derived = set(support).difference(named)
    for name in {*incoming, *named}.difference(derived):  # named or declared regions: few, look them up
        region = gaz.regions.get(name)
        if region is None or region.derived:
            continue
        for c in countries:
            if c.code in region.codes:
                support[name] = support.get(name, 0) + c.mentions
                if c.primary:
                    lead[name] = lead.get(name, 0) + c.mentions
    group = gaz.region_group
    rows = [(group.get(r, 0), r in support, -lead.get(r, 0), -support.get(r, 0), r) for r in {*incoming, *support}]
    rows.sort()
    return tuple(row[4] for row in rows)
