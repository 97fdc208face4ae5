"""Text normalisation and figures: the languages and vocabularies shared by the rules, ``fold``
and ``detect_language``, and the numbers with their units a line holds (``Figure``,
``parse_number``, ``figures``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
import re
import unicodedata


LANGS = ("en", "fr")
#: Babel locales the numbers of each language are read in.
LOCALES = {"en": "en_US", "fr": "fr_FR"}

# --- vocabularies: the ways disclosures word one fact (issue 23, paraphrase round) ------------
# Kept in one place so a rule reads a family of wordings, not the sentence it was written from;
# tests/test_draft_paraphrase.py states each fact in several of them.

#: Nouns for a company's stock of coins, in the ways texts write a holding without a verb
#: ("its treasury stands at", "ses avoirs s'élèvent à"): one vocabulary for every rule that
#: reads whose holding a figure is.
HOLDING_NOUNS_EN = r"holdings?|treasury|reserves?|stash|stack|hoard|coffers|war\s+chest"
HOLDING_NOUNS_FR = r"avoirs|r[ée]serves?|tr[ée]sorerie|stock|portefeuille|coffres?"

#: Verbs that state a figure for a noun ("production was", "holdings totalled", "s'élève
#: à"): one vocabulary, in English and French, for the rules reading a noun and its figure.
STATED_AS_EN = (r"was|were|is|came\s+(?:in\s+)?(?:at|to)|totall?ed|totals|amounted\s+to|"
                r"amounts\s+to|reached|stood\s+at|stands\s+at")
STATED_AS_FR = (r"s'eleve\s+a|s'est\s+elevee?\s+a|s'etablit\s+a|s'est\s+etablie?\s+a|"
                r"a\s+atteint|atteint|est\s+de|etait\s+de|a\s+ete\s+de")

#: Words that set a figure beside an earlier one ("compared with 613 in the first quarter",
#: "flat against", "in line with the 613 it mined in", "a touch above the 613 of", "after 613
#: in", "contre", "par rapport aux", "comparé à", "proche des 613 du", "après"): one
#: vocabulary, English and French, for the earlier figure's period.
COMPARED_WITH_WORDS = (
    r"compared\s+(?:to|with)|versus|vs\.?|against|in\s+line\s+with|level\s+with|"
    r"close\s+to|similar\s+to|comparable\s+to|above|below|after|(?<=,\s)from|"
    r"contre|par\s+rapport\s+(?:a|au|aux)|(?:a\s+)?compare(?:e|s|es|r)?\s+(?:a|au|aux)|"
    r"proche\s+(?:de|des|du)|au-dessus\s+(?:de|des|du)|en-dessous\s+(?:de|des|du)|apres")

#: An aside between a name and its verb that leaves the name the subject: "Rivalco, for its
#: part, now owns", "Rivalco, de son côté, détient".
SUBJECT_ASIDES = (r"for\s+its\s+part|meanwhile|in\s+turn|for\s+now|too|also|in\s+comparison|"
                  r"de\s+son\s+c[ôo]t[ée]|pour\s+sa\s+part|quant\s+[àa]\s+(?:elle|lui)|"
                  r"aussi|[ée]galement")


# --- text ---------------------------------------------------------------------------------------

_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}
_DASHES = {"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-"}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    if ch == "\t" or unicodedata.category(ch) == "Zs":
        return " "
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return (base[:1] or ch).lower()


def fold(text: str) -> str:
    """Lower case, accents off, every space a plain space, one character for one: positions
    in the folded text are positions in the original."""
    if text.isascii():  # the common case, in one pass
        return text.lower().replace("\t", " ").replace("`", "'")
    return "".join(_fold_char(ch) for ch in text)


def detect_language(text: str, default: str = "en") -> str:
    """``fr`` or ``en``, by counting common function words; ``default`` when they tie (a
    line with none of them, "Lucane détient désormais 1.480 BTC après avoir miné 52 BTC")."""
    words = re.findall(r"[a-z']+", fold(text))
    fr = sum(w in {"le", "la", "les", "des", "du", "et", "une", "est", "au", "aux", "pour",
                   "avec", "dans", "qui", "sur", "d'une", "l'", "de", "par", "ses", "son", "sa",
                   "il", "elle"} for w in words)
    en = sum(w in {"the", "and", "of", "to", "is", "for", "with", "its", "that", "by", "as",
                   "from", "which", "has", "in", "it", "on", "at", "was", "were", "an",
                   "said", "had"} for w in words)
    return "fr" if fr > en else "en" if en > fr else default


# --- figures ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
                     r"(?:(?![\w])|(?=(?:mn|bn|mln|[mbk])\b))")  # "$37.5M", "$37.5mn": a scale glued on
_SCALES = [
    # ("$12.7-million", "$1.1-billion": the hyphen some newswires write)
    (re.compile(r"(?:\s?|-)(?:billions?|bn|milliards?|mds?|b)\b"), Decimal(10) ** 9),
    (re.compile(r"(?:\s?|-)(?:millions?|mln|mn|m)(?:\b|(?=eur\b|usd\b))"), Decimal(10) ** 6),
    (re.compile(r"\s?(?:thousand|milliers?|k)\b"), Decimal(10) ** 3),
]
#: Amounts in other currencies: never a ``usd``; named in the note when they are a price.
_FX_BEFORE = re.compile(r"(?:\u00a5|\u20ac|\u00a3|c\$|ca\$|a\$|hk\$|(?:jpy|eur|gbp|sek|cad|chf|"
                        r"aud|hkd)\s?)\s?$")
_FX_AFTER = re.compile(r"\s?(?:(?:de |d')?(?:yens?\b|jpy\b|euros?\b|eur\b|sek\b|"
                       r"(?:swedish\s+|norwegian\s+|danish\s+)?(?:kronor|krona|kroner|krone)\b|"
                       r"couronnes?\b|gbp\b|pounds?(?: sterling)?\b|livres?(?: sterling)?\b|"
                       r"cad\b|chf\b|francs? suisses?\b|hkd\b|aud\b|sgd\b|nok\b|"
                       # dollars that are not US dollars: "78 millions de dollars de Hong
                       # Kong", "dollars canadiens", "12 million Hong Kong dollars"
                       r"dollars?\s+(?:de\s+hong\s*-?kong|hongkongais|canadiens?|australiens?|"
                       r"de\s+singapour|singapouriens?|neo-zelandais|taiwanais|de\s+taiwan)\b|"
                       r"(?:hong\s*kong|canadian|australian|singapore|new\s+taiwan|new\s+zealand)"
                       r"\s+dollars?\b)|\u20ac|\u00a3|\u00a5|kr\b)")
#: The first count of a "respectively" list, its unit written once after the last: "which
#: sold 510 and 240 BTC respectively", "510 et 240 BTC respectivement".
_BTC_PAIRED = re.compile(r"(?:\s*,\s*\d[\d,.\u202f\u00a0]*)*\s*,?\s+(?:and|et)\s+\d[\d,.\u202f\u00a0 ]*?"
                         r"\s*(?:btc|bitcoins?)\b[^.;]{0,30}?\brespective(?:ly|ment)\b")
#: A count whose unit follows as "the total number of bitcoins": "porte à 1 950 le nombre
#: total de bitcoins détenus", "brings to 1,950 the total number of bitcoins it holds".
_BTC_COUNTED_AFTER = re.compile(r"\s+(?:le|the)\s+(?:nombre\s+(?:total\s+)?|total\s+(?:number\s+)?|"
                                r"number\s+)(?:de\s+|d'|of\s+)(?:bitcoins?|btc)\b")
#: A bitcoin count written after its unit: "BTC holdings of 4,695", "bitcoin held was 2,906".
_BTC_BEFORE = re.compile(r"(?:\b(?:btc|bitcoins?)\s+(?:holdings?|held|balance|reserves?|treasury|"
                         r"detenus?)|"
                         # "les avoirs en BTC d'Acme sont passés à"
                         r"\b(?:avoirs|reserves?|tresorerie)\s+(?:totaux\s+|totales?\s+)?"
                         # "ses réserves de BTC et d'ETH s'élevaient à"
                         r"(?:en\s+tresorerie\s+)?(?:en|de)\s+(?:btc|bitcoins?)"
                         r"(?:\s+et\s+(?:de\s+|d')?[\w-]+)?"
                         r"(?:\s+d['e]\s*[\w-]+)?)"
                         r"\s*(?:of|:|was|were|totaled|totalled|stood\s+at|reached|de|to|"
                         r"amounted\s+to|amount\s+to|"
                         r"(?:grew|rose|increased|climbed|jumped|fell|declined|dropped)\s+to|"
                         # "BTC holdings rose 9.2% to", "ont augmenté de 9,2 % pour atteindre"
                         r"(?:(?:have|has|ont|a)\s+)?(?:grew|rose|increased|climbed|jumped|augmente|"
                         r"progresse)\s+(?:by\s+|de\s+)?\d[\d,.]*\s?%\s+(?:to|pour\s+atteindre|a)|"
                         r"(?:est|sont)\s+passee?s?\s+a|(?:a|ont)\s+atteint|"
                         r"s'elev(?:ent|e|aient|ait)\s+a|atteint|atteignent|a)?\s*$")
_USD_BEFORE = re.compile(r"(?:us\s?\$|\$|usd\s?)\s?\(?$")
_USD_AFTER = re.compile(r"\s?(?:\$(?![a-z])|us\$|usd\b|(?:de |d')?dollars?\b)")
_BTC_AFTER = re.compile(r"\s?(?:(?:self-mined|additional|more|new|unencumbered|supplementaires?|"
                        r"nouveaux|de plus)\s+)?"
                        # "6.12 units of Bitcoin", "4,81 unités de bitcoin" (Hong Kong filings)
                        r"(?:(?:units?|unites?)\s+(?:of\s+|de\s+|d')?)?"
                        # "sold 75 of these bitcoins", "vendre 75 de ces bitcoins"
                        r"(?:(?:of|de)\s+(?:these|those|its|their|ces|ses|leurs)\s+)?"
                        r"\$?(?:btcs?|xbt|bitcoins?|coins)\b"
                        # "21,540 bitcoin miners": machines, not coins
                        # ("1,500 Bitcoin Equivalent mined from GPUs": other coins counted
                        # in bitcoin)
                        r"(?!\s+(?:equivalents?\b|miners?|mining\s+(?:machines|rigs|units|servers)|machines|"
                        r"rigs|asics?|servers|addresses|wallets|atms?)\b)")
#: The first of two holdings named together, each number after its asset in the same order
#: ("holdings of BTC and ETH were 512.5 and 8,000.4", "les avoirs en BTC et en ETH
#: s'élevaient à 512,5 et 8 000,4"): the bitcoin count, written without its unit.
_BTC_FIRST_OF_TWO = re.compile(r"\b(?:btc|bitcoins?)\s+(?:and|et)\s+(?:en\s+)?(?:eth|ether|"
                               r"ethereum|sol|usdc|[a-z]{2,5})\s+(?:holdings\s+)?(?:were|was|"
                               r"stood\s+at|totall?ed|amounted\s+to|of|s'elevaient\s+a|"
                               r"etaient\s+de|atteignaient|:)\s*$")
#: A bitcoin count that is other assets converted into bitcoin ("the BTC equivalent of our
#: digital assets was 1,890 BTC", "l'équivalent en BTC de ses actifs"): no coins held.
_BTC_EQUIVALENT = re.compile(r"\b(?:btc|bitcoin)[- ]equivalent\b|\bequivalent\s+(?:en|in)\s+"
                             r"(?:btc|bitcoins?)\b")
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per cent\b|pour ?cent\b)")
_PEOPLE_AFTER = re.compile(r"\s?(?:employees|employes|salaries|jobs|emplois|positions|postes|"
                           r"people|personnes|staff)\b")
_SHARES_AFTER = re.compile(r"\s?(?:new |nouvelles |d')?(?:(?:common|ordinary|class [ab](?: common)?) )?"
                           r"(?:shares|actions)\b(?: ordinaires\b)?")
_BOUND_BEFORE = re.compile(r"\b(?:over|more than|at least|up to|in excess of|upwards of|nearly "
                           r"all|plus de|au moins|jusqu'a|pres de la totalite|moins de|"
                           r"less than|under|fewer than|over the|as many as|as much as|a "
                           r"maximum of|a total of up to|au maximum|un maximum de|surpass(?:ed|es|"
                           r"ing)?|exceed(?:ed|s|ing)?|topp(?:ed|ing)|crossed|depasse\w*|"
                           r"franchi\w*|passed|beyond|au-dela de|au dela de)\s?(?:the\s+)?(?:mark\s+of\s+|barre\s+des?\s+|"
                           r"cap\s+des?\s+)?\$?\s?$")
#: The ends of a range are no amount: "in the range of $20.1 million to $24.6 million",
#: "between 300 and 350 BTC", "ranging from", "entre 30 et 35 millions de dollars", "allant
#: de", "une fourchette de": guidance or an estimate, not a figure the text states.
_RANGE_OPENS = (r"\b(?:(?:in\s+)?(?:the|a)\s+range\s+of|rang(?:e|es|ed|ing)\s+from|between|"
                r"entre|allant\s+de|fourchette\s+(?:de|d'environ|allant\s+de))\s*"
                r"(?:about\s+|approximately\s+|environ\s+)?(?:us\s?)?\$?\s?")
_RANGE_LOW = re.compile(_RANGE_OPENS + r"$")
_RANGE_HIGH = re.compile(_RANGE_OPENS + r"\d[\d,.\s\u202f\u00a0]*(?:\s*(?:millions?|billions?|"
                         r"milliards?|mn|bn|m|b|k))?(?:\s*(?:de\s+dollars|dollars|usd|btc|"
                         r"bitcoins?|%))?\s*(?:to|and|et|a|-|\u2013)\s*(?:us\s?)?\$?\s?$")
_APPROX_BEFORE = re.compile(r"\b(?:about|approximately|around|roughly|nearly|almost|some|circa|"
                            r"environ|pres de|quelque|quasiment|presque)\s?\$?\s?$")


#: What makes a figure a unit price or an average, not an amount.
#: A price a market moved to or trades at: "rose 4% to $93,000", "a peak of $104,310",
#: "trading at $71,250", "a franchi les 100 000 $".
_MARKET_MOVE = re.compile(r"(?:\b(?:rose|risen|rising|climbed|climbing|fell|fallen|falling|dropped|"
                          r"dropping|jumped|surged|soared|slid|sank|slumped|plunged|rallied|"
                          r"recovered|hit|hitting|touched|topped|trad(?:ed|ing|es)|changed hands|"
                          r"peak(?:ed)?|record high|all-time high|grimpe|chute|recule|"
                          r"franchi|atteint un (?:record|sommet|pic)|s'echange|se negocie|"
                          r"cotait|cote|sommet|pic|consolide entre)\b[^.;$]{0,25}?\b(?:to|at|of|"
                          r"above|below|near|around|a|de|les|sous|au-dessus de|autour de)\s*"
                          r"(?:~|approximately|about|environ)?\s*(?:us\s?\$|\$|usd\s?)?\s*$)")
#: A unit price said in passing between a quantity and its cost.
_UNIT_PRICE_ASIDE = re.compile(r"(?:,\s*)?\b(?:at|for)\s+an?\s+average\s+(?:purchase\s+)?price\s+of"
                               r"\s+(?:approximately\s+|about\s+|~)?(?:us\s?\$|\$)\s?[\d,.]+\s+"
                               r"(?:(?:per|a|each)\s+(?:bitcoin|btc|coin)|each|apiece)\b(?:,?\s*"
                               r"(?:inclusive|including)\s+of\s+fees\s+and\s+expenses)?,?|"
                               r"(?:,\s*)?\b(?:a|pour)\s+un\s+prix\s+(?:moyen|unitaire)\s+(?:d'achat\s+)?"
                               r"de\s+(?:environ\s+)?(?:\$\s?)?[\d\s,.]+\s*(?:\$|dollars|usd)\s+(?:(?:par|le)\s+"
                               r"(?:bitcoin|btc|unite|piece)|l'unite|chacun|la\s+piece)\b,?")
#: The whole price of one purchase: "for a total purchase price of approximately $512 million",
#: "acquired 120 BTC for an aggregate of $12.6 million" (attached to the purchase: its price;
#: the aggregate cost of all holdings is read apart, as a trap, in ``passes.py``).
_TOTAL_PRICE_OF = re.compile(r"\b(?:for|at)\s+(?:a|an)\s+(?:total|aggregate)\s+(?:(?:(?:purchase\s+)?"
                             r"(?:price|cost|consideration|amount)\s+)?of\s+)?(?:approximately\s+|"
                             r"about\s+|~)?$")
#: The price of the whole lot, not of one coin: "for an approximate price of $27 million",
#: "pour un prix de 12 millions de dollars" (a unit price says "per" after it: left out above).
_WHOLE_PRICE = re.compile(r"\b(?:for|pour)\s+(?:an?\s+|un\s+)?(?:approximate\s+|estimated\s+|"
                          r"total\s+|global\s+)?(?:purchase\s+)?(?:price|prix)\s+(?:of|de)\s*"
                          r"(?:~|approximately|about|environ)?\s*(?:us\s?\$|\$|usd\s?)?\s*$")
_PRICE_BEFORE = re.compile(r"(?:average|avg\.?|moyenne?|unitaire|per\s+unit|prix|price|"
                           r"averaging|paying\s+an\s+average\s+of|en\s+moyenne)\s*(?:net\s+)?"
                           r"(?:purchase\s+|d'acquisition\s+|d'achat\s+)?(?:price\s+)?"
                           r"(?:of|de|at|a|:)?\s*(?:~|approximately|about|environ)?\s*"
                           r"(?:us\s?\$|\$|usd\s?)?\s*$")


_BUCKET = re.compile(r"\s*(?:(?:that\s+)?(?:were|are|was|is|has\s+been|have\s+been)\s+|"
                     r"qui\s+sont\s+|sont\s+|(?:ont|a)\s+ete\s+)?"
                     # "410 BTC was allocated as collateral", "posted as collateral",
                     # "affectés en garantie"
                     r"(?:(?:allocated|posted|placed|deposited|used|set\s+aside|held|affecte\w*|"
                     r"utilise\w*|donne\w*|apporte\w*)\s+)?(?:"
                     r"(?P<loaned>loaned|lent|on loan|pretes?|en pret)|(?P<pledged>pledged|"
                     r"as collateral|as security|collateralized|collateralised|nantis?|"
                     r"en garantie|comme garantie|collateralises?))\b")


@dataclass(frozen=True)
class Figure:
    kind: str          # "btc", "usd", "percent", "people", "shares"
    value: Decimal
    start: int         # span in the line, the unit and scale words included
    end: int
    text: str          # as written
    rounded: bool      # a scale word (million, milliard...) was used
    approximate: bool  # "about", "environ"...
    line: int = 0      # the line it is on, when not the proposal's own (terms read further on)


def _ticker_shares(line: str, folded: str, end: int) -> re.Match[str] | None:
    """Shares named by their ticker between the count and the word ("2,480,000 ACME
    shares", "18.5 million ACME shares"): the match of the word after the ticker."""
    ticker = re.match(r" [A-Z]{2,5}(?= )", line[end:end + 8])
    return _SHARES_AFTER.match(folded, end + ticker.end()) if ticker else None


@lru_cache(maxsize=16384)
def parse_number(token: str, lang: str) -> Decimal | None:
    """A number as written in ``lang``, or None if it is not a well-formed one there.

    Every kind of space inside it becomes the locale's group separator first, so ``18 146``,
    ``18\\u202f146`` and ``18\\u2009146`` read the same in French.
    """
    from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

    locale = LOCALES[lang]
    if lang == "fr" and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        token = token.replace(".", "")  # "7.284 bitcoins", "61.507 €": thousands with a dot
    group = get_group_symbol(locale)
    normal = "".join(group if (ch == " " or unicodedata.category(ch) == "Zs") else ch
                     for ch in token)
    try:
        return parse_decimal(normal, locale=locale, strict=True)
    except NumberFormatError:
        return None


def figures(line: str, folded: str, lang: str, following: str = "") -> list[Figure]:
    """The figures on one line: numbers with a unit beside them. ``following`` is the start
    of the next line (folded), for a text wrapped mid-sentence ("11.8 BTC mined per" / "day")."""
    found: list[Figure] = []
    for m in _NUMBER.finditer(folded):
        value = parse_number(line[m.start():m.end()], lang)
        if value is None:
            continue
        start, end = m.start(), m.end()
        rounded = False
        # "Net loss was $(72.9) million": an accounting negative in brackets (the sign is
        # the cue's, "net loss"); the brackets are read through.
        accounting = folded[end:end + 1] == ")" and re.search(r"(?:us\s?\$|\$)\s?\($",
                                                             folded[max(0, start - 5):start])
        if accounting:
            end += 1
        for scale, factor in _SCALES:
            s = scale.match(folded, end)
            if s:
                value, end, rounded = value * factor, s.end(), True
                break
        before = folded[max(0, start - 40):start]
        kind = None
        if u := _FX_BEFORE.search(before):
            kind, start = "fx", start - len(u.group(0))
        elif a := _FX_AFTER.match(folded, end):
            kind, end = "fx", a.end()
        elif u := _USD_BEFORE.search(before):
            kind, start = "usd", start - len(u.group(0))
            if a := _USD_AFTER.match(folded, end):  # "$5 USD"
                end = a.end()
        elif a := _USD_AFTER.match(folded, end):
            kind, end = "usd", a.end()
        elif rounded and (a := _SHARES_AFTER.match(folded, end)
                          or _ticker_shares(line, folded, end)):  # "18.5 million shares"
            kind, end = "shares", a.end()
        elif rounded:
            continue  # "1.5 billion" of something other than dollars or shares
        elif a := _BTC_AFTER.match(folded, end) or _BTC_COUNTED_AFTER.match(folded, end):
            kind, end = "btc", a.end()
            if b := re.match(r"\s?\((?:btc|xbt)\)", folded[end:]):
                end += b.end()
        elif _BTC_PAIRED.match(folded, end):
            kind = "btc"  # "sold 510 and 240 BTC respectively": the first takes the unit too
        elif a := _PERCENT_AFTER.match(folded, end):
            kind, end = "percent", a.end()
        elif a := _PEOPLE_AFTER.match(folded, end):
            kind, end = "people", a.end()
        elif a := _SHARES_AFTER.match(folded, end) or _ticker_shares(line, folded, end):
            kind, end = "shares", a.end()  # (also "2,480,000 ACME shares": a ticker between)
        elif found and found[-1].kind == "shares" and re.fullmatch(
                r"(?:\s+[A-Z]{2,5})?(?:\s*,\s*(?:and\s+|et\s+)?|\s+(?:and|et)\s+)",
                line[found[-1].end:start]) and (
                t := re.match(r" (?!(?:BTC|XBT|ETH|SOL|USD|EUR|JPY|GBP|CAD|EH|TH|MW)\b)[A-Z]{2,5}"
                              r"(?![\w'\u2019-])", line[end:end + 8])):
            # "sold 797,100 ACME shares, 573,900 ACMEP and 158,200 ACMED": a list of share
            # classes, each count named by its ticker alone after the first
            kind, end = "shares", end + t.end()
        elif _BTC_FIRST_OF_TWO.search(folded[max(0, start - 60):start]) or re.search(
                # "held 12,104 bitcoin, of which 2,000 were pledged", "dont 2 000 sont nantis"
                r"\b(?:bitcoins?|btc)\s*,?\s*(?:of\s+which|dont|including)\s+(?:about\s+|"
                r"approximately\s+|environ\s+)?$", folded[max(0, start - 40):start]) and \
                _BUCKET.match(folded, end):
            kind = "btc"
        elif _BTC_BEFORE.search(folded[max(0, start - 80):start]) and \
                not re.match(r"\s*(?:%|percent|eh/s|th/s|mw|\$|usd|shares|actions|(?:days?|weeks?|"
                             r"months?|years?|hours?|jours?|semaines?|mois|ans|annees?)\b)",
                             folded[end:]):
            # ("its Bitcoin holdings 10 days ago": a time, not coins)
            kind = "btc"  # "Total BTC holdings of 4,695 as of June 30"
        if kind == "btc" and re.search(
                r"\b(?:supply|circulation|circulating|offre|mis\s+en\s+circulation)\b"
                r"(?:\s+(?:of|de|du|des)\s+(?:bitcoins?|btc))?(?:\s+(?:en\s+)?circulation)?"
                r"\s*(?:\(|,|:|-|of|de|soit)?\s*(?:about\s+|approximately\s+|environ\s+|~)?$",
                folded[max(0, start - 60):start]):
            continue  # "0.31% of the bitcoin supply (19,504,211 BTC)": the market's coins
        if kind is None or (value == 0 and kind in ("usd", "shares", "people", "fx")):
            continue  # a zero of dollars, shares or people is no amount to draft
        if kind == "shares" and re.match(r"\s*(?:ordinaires?\s+|of\s+common\s+stock\s+)?(?:pour|"
                                         r"per|par)\s+(?:each\s+|chaque\s+|tranche\s+de\s+)?"
                                         r"(?:us\s?\$|\$)?\s?1[ ,.\u202f\u00a0]?000\b", folded[end:]):
            continue  # "2,5031 actions pour 1 000 dollars": a conversion rate, not shares sold
        if kind == "usd" and value == 1000 and re.search(r"\b(?:per|pour|par|each)\s+(?:each\s+|"
                                                         r"chaque\s+|tranche\s+de\s+)?$",
                                                         folded[max(0, start - 20):start]):
            continue  # "per $1,000 principal amount": the unit of a conversion rate
        if kind == "usd" and re.match(r"\s*\)?\s*(?:(?:per|par|each|a|an|/)\s*\(?\s*(?:coin|bitcoin|"
                                      r"btc|share|action|unit|unite|piece)\b|(?:l'unite|l'action|"
                                      r"la\s+piece|apiece|each)\b)", folded[end:]):
            continue  # a unit price ("$96,400 per coin"), not an amount
        if re.match(r"\s*(?:btc\s*)?(?:\w+\s+)?(?:per\s+day|a\s+day|/\s*day|daily|par\s+jour|"
                    r"quotidien\w*|per\s+month|par\s+mois)\b", folded[end:] + " " + following):
            continue  # a rate ("12.6 BTC mined per day"), not an amount
        lead = folded[max(0, start - 45):start]
        if kind == "btc" and (re.search(r"\bper\s+(?:[\d,.]+\s+)?(?:\w+\s+)?shares?\b|\bpar\s+action\b|"
                                        r"\b(?:equivalent\s+to|l'equivalent\s+de|worth\s+about)\s*"
                                        r"(?:about|approximately|roughly|environ)?\s*$", lead)
                              or re.match(r"\s*(?:\w+\s+){0,2}?(?:per\s+(?:[\d,.]+\s+)?(?:\w+\s+)?"
                                          r"shares?|par\s+action|at\s+(?:current|today's|present|"
                                          r"market|the\s+current)\s+(?:market\s+)?prices?|au\s+cours"
                                          r"\s+actuel|aux\s+prix\s+actuels)\b", folded[end:])):
            continue  # "0.0012 BTC per share", "roughly 17,000 BTC at current prices"
        if kind == "btc" and (eq := list(_BTC_EQUIVALENT.finditer(folded, 0, start))) and \
                not re.search(r"[.;]\s", folded[eq[-1].end():start]):
            continue  # other assets counted in bitcoin: no coins held
        if _PRICE_BEFORE.search(lead) and not re.search(
                r"\b(?:total|aggregate|totale?|global)\s+(?:purchase\s+)?(?:price|prix)\s+(?:of|"
                r"de)\s*(?:~|approximately|about|environ)?\s*(?:us\s?\$|\$|usd\s?)?\s*$", lead) \
                and not _WHOLE_PRICE.search(lead):
            continue  # "an average price of $79,340", "au prix unitaire de 109 275 $"
        if kind == "usd" and _MARKET_MOVE.search(lead) and not re.search(
                r"\b(?:revenues?|sales|income|profits?|earnings|ebitda|loss|chiffre\s+d'affaires|"
                r"revenus?|benefices?|resultats?)\s+(?:\w+\s+){0,2}?(?:rose|risen|rising|climbed|"
                r"fell|fallen|dropped|jumped|surged|soared|slid|sank|slumped|plunged|grimpe|chute|"
                r"recule)\b", lead):
            continue  # "bitcoin rose 4% to $93,000", "trading at $71,250": a market price
            # (not "third-quarter revenue jumped 37% to $7.38 billion": a result)
        if kind == "usd" and (re.match(r"\s*(?:\w+\s+){0,2}?(?:at\s+(?:current|today's|present|"
                                       r"the\s+current)\s+(?:market\s+)?(?:prices?|rates?|"
                                       r"valuations?)|au\s+cours\s+(?:actuel|du\s+jour)|aux\s+"
                                       r"(?:prix|cours)\s+actuels)\b", folded[end:]) or re.search(
                r"\b(?:(?:montant|valeur|amount|value|cost|cout)\s+estimee?s?\s+(?:a|at|to\s+be)|"
                r"estimated\s+(?:at|to\s+be)|an\s+estimated)\s*(?:~|about|approximately|some|"
                r"environ)?\s*(?:us\s?)?\$?\s*$", lead)):
            continue  # "soit l'équivalent de 284 millions de dollars au cours actuel", "for an
            # amount estimated at $284 million": a value or an estimate, not what was paid
        if kind == "usd" and re.search(r"\b(?:prix|cours)\s+(?:de\s+la\s+|du\s+|de\s+l'|de\s+)?"
                                       r"(?:btc|bitcoin)\b|\b(?:bitcoin|btc)(?:'s)?\s+price\b|"
                                       r"\bprice\s+of\s+(?:btc|bitcoin)\b",
                                       folded[max(0, start - 70):start]):
            continue  # "the price of BTC, which went from $93,500 to $82,000": the market's
        if kind == "usd" and re.search(r"\b(?:yens?|jpy|euros?|eur|gbp|livres?|pounds?|sek|kronor|"
                                       r"krona|kroner|krone|"
                                       r"couronnes?|chf|francs?)\s*(?:japonais|japanese|suedoises?|"
                                       r"swedish|sterling)?\s*[(\[,]\s*(?:~|approx\w*\.?|about|"
                                       r"around|roughly|environ|soit|ou|or)?\s*$",
                                       folded[max(0, start - 45):start]):
            continue  # "1,5 milliard de yens japonais (quelque 10,1 millions de dollars)": a
            # conversion, even when the amount in yen is itself a bound
        prefix = folded[max(0, start - 30):start]
        if _BOUND_BEFORE.search(prefix):
            continue  # a bound is not an amount
        if _RANGE_LOW.search(prefix) or _RANGE_HIGH.search(folded[max(0, start - 80):start]):
            continue  # an end of a range ("between $20.1 million and $24.6 million")
        if kind == "usd" and re.match(r"\s*[(\[]\s*(?:~|approx\w*\.?|about|environ|soit|or|ou)?\s*"
                                      r"(?:\u00a5|\u20ac|\u00a3|jpy|eur|gbp|sek|chf|cad|c\$|ca\$|hk\$|"
                                      r"a\$)\s?\d", folded[end:]):
            continue  # "$91.3 million (¥13.8 billion)": the dollars convert the amount paid
        if kind == "usd" and found and found[-1].kind == "fx" and re.fullmatch(
                r"\s*(?:japonais|japanese|suedoises?|swedish|britanniques?|british|canadiens?|"
                r"canadian|europeens?|hong[- ]kong)?\s*"
                r"[(\[,]?\s*(?:~|approx\w*\.?|about|around|roughly|some|or|i\.e\.|soit|"
                r"environ|ou|equivalent to|l'equivalent de)?\s*(?:~\s*)?",
                folded[found[-1].end:start]):
            continue  # "7.2 billion yen ($48.3 million)": a conversion, not the amount paid
        found.append(Figure(kind, value, start, end, line[start:end].strip(), rounded,
                            bool(_APPROX_BEFORE.search(prefix))))
    return found


#: The ISO 4217 code an amount in another currency names, by its sign or word (folded):
#: first match wins, so the longer names ("dollars canadiens") come before bare words. A
#: word shared by several currencies ("kroner", "krone", "couronnes", "kr") names none.
_CURRENCY_WORDS = [
    (re.compile(r"\b(?:hong\s*-?kong|hongkongais)\b|hk\$|\bhkd\b"), "HKD"),
    (re.compile(r"\b(?:canadian|canadiens?)\b|\bca?\$|\bcad\b"), "CAD"),
    (re.compile(r"\b(?:australian|australiens?)\b|\ba\$|\baud\b"), "AUD"),
    (re.compile(r"\b(?:singapore|singapour\w*)\b|\bsgd\b"), "SGD"),
    (re.compile(r"\btaiwan\w*\b"), "TWD"),
    (re.compile(r"\b(?:new\s+zealand|neo-zelandais)\b"), "NZD"),
    (re.compile(r"\b(?:yens?|jpy)\b|\u00a5"), "JPY"),
    (re.compile(r"\b(?:euros?|eur)\b|\u20ac"), "EUR"),
    (re.compile(r"\b(?:kronor|krona|sek)\b|\bswedish\b|\bsuedoises?\b"), "SEK"),
    (re.compile(r"\bnorwegian\b|\bnok\b"), "NOK"),
    (re.compile(r"\bdanish\b"), "DKK"),
    (re.compile(r"\b(?:pounds?|livres?|gbp|sterling)\b|\u00a3"), "GBP"),
    (re.compile(r"\b(?:chf|francs?\s+suisses?)\b"), "CHF"),
]


def currency_of(written: str) -> str | None:
    """The ISO 4217 code of an amount written in another currency ("5 billion yen" -> JPY,
    "SEK 21 million", "10 millions d'euros" -> EUR), or None when its words name no one
    currency ("500 millions de couronnes": Swedish, Danish or Norwegian?)."""
    folded = fold(written)
    for pattern, code in _CURRENCY_WORDS:
        if pattern.search(folded):
            return code
    return None
