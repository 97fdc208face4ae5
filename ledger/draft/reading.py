"""What reading a document works with: ``Proposal`` and ``Draft``, sentence splitting,
headings and table cells, and the patterns the ``Reader``'s rules share."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
import re
from typing import Any

from .cues import _BITCOIN, _MONTHS_EN_FR
from .dates import _COUNTS, Mention
from .text import Figure, fold, parse_number


# --- reading a document -------------------------------------------------------------------------


@dataclass
class Proposal:
    """One record the text suggests, before proposals about the same action are merged."""

    type: str
    line: int
    fields: dict[str, Any]
    figures: list[Figure]
    period: Mention | None = None
    period_how: str = ""   # "sentence", "line", "context"
    doubts: list[str] = field(default_factory=list)
    cue: str | None = None
    missing_period: str = ""

    def in_publication_month(self, disclosed: str) -> None:
        """Dated by nothing but the day the text was published (``disclosed``): its month,
        as a flow told only by its announcement is."""
        self.period = Mention(disclosed[:7], "month", 0, 0, 0, f"published {disclosed}")
        self.period_how = "disclosed"


@dataclass
class Draft:
    record: dict[str, Any]
    #: What the draft rests on: {"line", "text", "role"} with role figure, period or year.
    evidence: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"record": self.record, "evidence": self.evidence}


#: A sentence ends at a full stop, not at an abbreviation's ("Jan. 6", "Acme Inc. said",
#: "U.S. dollars", "approx. 20").
_ABBREVIATIONS_ENDING = frozenset((
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
    "corp", "co", "ltd", "no", "vs", "mr", "ms", "dr", "st", "approx", "est", "u.s", "u.k",
    "janv", "fevr", "avr", "juil", "dept", "ref", "fig", "cf", "mt", "sr", "jr"))
_SENTENCE_END = re.compile(r"[.!?;](?=\s+\S)|[.!?;]$")
_WORD_BEFORE = re.compile(r"(?:^|[^a-z.])([a-z](?:\.[a-z])?|[a-z]+)$")


def _sentence_at(folded: str, at: int) -> tuple[int, int] | None:
    """The span of the sentence of ``folded`` holding position ``at`` (None past its end)."""
    return next(((a, b) for a, b in _sentences(folded) if a <= at < b), None)


def _sentences(folded: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(folded):
        if m.group(0) == "." and m.end() < len(folded):
            word = _WORD_BEFORE.search(folded, max(0, m.start() - 8), m.start())
            if word and (len(word.group(1)) == 1 or word.group(1) in _ABBREVIATIONS_ENDING) \
                    and not re.search(r"/[a-z]$", folded[max(0, m.start() - 2):m.start()]):
                continue  # "Jan. 6", "Acme Inc. said", "U.S. dollars": not the end (a unit
                # such as "24.7 EH/s." is)
        spans.append((start, m.end()))
        start = m.end()
    if start < len(folded):
        spans.append((start, len(folded)))
    return spans or [(0, 0)]


#: A figure of an earlier period given for comparison.
_PRIOR_PERIOD = re.compile(r"\b(?:same\s+(?:period|quarter)\s+(?:of\s+|in\s+)?(?:last|the\s+"
                           r"previous|the\s+prior|a)\s+year|year[- ]ago|a\s+year\s+(?:earlier|"
                           r"before|ago)|prior[- ]year|previous\s+year|compared\s+(?:to|with)|"
                           r"versus|vs\.?|up\s+from|down\s+from|meme\s+periode|un\s+an\s+plus"
                           r"\s+tot|l'an\s+dernier|l'annee\s+(?:derniere|precedente)|contre)\b")
#: The day an offering closed: "finalized the offering on June 9", "the offering closed on",
#: "a clôturé l'émission le 3 mars".
_OFFERING_CLOSED = re.compile(
    # "L'offre privée, qui s'est conclue le 12 mars", "the offering, which closed on March 12"
    r"\b(?:offering|placement|issuance|emission|offre)\b[^.;]{0,30}\b(?:which|qui)\s+(?:s'est\s+|"
    r"has\s+|was\s+|a\s+ete\s+)?(?:conclu\w*|closed|clotur\w*|finalis\w*|settled|completed)\s+"
    r"(?:(?:on|le)\s+)?$|"
    # "the transaction is anticipated to close on March 6, 2025", "the offering is
    # scheduled to close on May 20"
    r"\b(?:offering|transaction|placement|issuance|notes|sale)\b[^.;]{0,30}\b(?:anticipated|"
    r"expected|scheduled)\s+to\s+(?:be\s+)?(?:complete\w*|close\w*|settle\w*)\s+(?:on\s+)?$|"
    r"(?:\b(?:completed|closed|finali[sz]ed|consummated|settled|cloture\w*|finalise\w*|"
    r"realise\w*|regle\w*)\b[^.;]{0,40}\b(?:offering|placement|issuance|notes|emission|offre|"
    r"obligations|augmentation de capital)\b[^.;]{0,25}|\b(?:offering|placement|issuance|"
    r"emission|offre)\s+(?:was\s+|has\s+been\s+|a\s+ete\s+)?(?:closed|completed|settled|"
    r"cloturee?|finalisee?|realisee?|reglee?)\s+|"
    # the participle after the offering's terms: "an offering of $500 million of notes due
    # 2030, completed on February 21", "des obligations à échéance 2031, clôturée le 3 mars"
    r"\b(?:offering|placement|issuance|emission|offre|notes|obligations|bonds|(?:19|20)\d\d)\b"
    r"[^.;]{0,60},\s*(?:which\s+was\s+|qui\s+a\s+"
    r"ete\s+)?(?:completed|closed|settled|completee?|cloturee?|finalisee?|reglee?)\s+)"
    r"(?:(?:on|le)\s+)?$")
#: The proceeds of the sale a text reports, named without the bitcoin.
_SALE_PROCEEDS = re.compile(r"\b(?:(?:net|gross|total)\s+)?proceeds\s+(?:from|of)\s+(?:the|this|"
                            r"these|that)\s+(?:sales?|disposals?|transactions?)\b|\bproduit\s+"
                            r"(?:net\s+|brut\s+|total\s+)?(?:de\s+la|de\s+cette|de\s+ces|des)\s+"
                            r"(?:cessions?|ventes?|operations?)\b|"
                            # "The sale generated approximately $8.8 million", "la vente a
                            # rapporté 8,8 millions de dollars"
                            r"\b(?:the|this|that)\s+sales?\s+(?:generated|brought\s+in|yielded|"
                            r"realized|realised|raised|netted)\b|\b(?:la|cette)\s+(?:vente|cession)"
                            r"\s+a\s+(?:rapporte|genere|permis\s+de\s+lever)\b")
#: Dollars a title puts on what is held, not on what was bought: "now holds $28 billion in".
_HELD_LEAD = re.compile(r"\b(?:holds?|holding|holdings|worth|valued|value|treasury|stash|stack|"
                        r"reserves?|d[ée]tient|valeur|total|aggregate)\b(?!['\u2019])[^$\d]{0,25}$")
#: (read on the text as written: "Orrin Holdings' $0.9 billion sale" names a company)
#: Debt paid back: the verb before the amount, and what was paid right after it.
_RETIRE_VERB = re.compile(r"\b(?:repaid|repay(?:ing|s)?|redeemed|redeem(?:ing|s)?|retired|"
                          r"paid\s+(?:off|down|back)|repurchas(?:ed|e|ing)|bought\s+back|converted|"
                          r"rembourse\w*|rachete\w*|converti\w*)\b(?:\s+(?:\w+\s+){0,3}?)?"
                          r"(?:~|approximately|about|environ)?\s*(?:us\s?\$|\$|usd\s?)?\s*$")
#: "a racheté 50 % de ses obligations convertibles, soit 71,2 millions de dollars": the notes
#: named before the amount they come to.
_RETIRED_BEFORE = re.compile(
    r"\b(?P<verb>repaid|redeemed|retired|repurchased|bought\s+back|converted|rembourse\w*|"
    r"rachete\w*|converti\w*)\b[^.;$]{0,60}?\b(?:notes?|obligations?|dette|bonds?|debt|"
    r"oceanes?)\b[^.;$\d]{0,30}?(?:,\s*(?:soit|or|i\.e\.|representing|representant)|\(|:)\s*"
    r"(?:~|approximately|about|environ)?\s*(?:us\s?\$|\$|usd\s?)?\s*$")
_RETIRED_WHAT = re.compile(r"\s*(?:(?:in\s+)?(?:aggregate\s+)?principal\s+amount\s+)?"
                           r"(?:in\s+|of\s+|de\s+|d')?(?:the\s+|its\s+|their\s+|sa\s+|ses\s+|"
                           r"la\s+|le\s+|les\s+)?(?:[\w-]+\s+){0,3}?(?:notes?|debt|bonds?|"
                           r"dette|obligations?|loans?|oceanes?|convertibles?|debentures?)\b")
#: Money raised said to pay for the purchase the text reports.
#: Dollars said to be spent on the coins just named, right before the amount: "acquired 310
#: BTC over two weeks, using approximately $27.4 million of its cash", "en investissant 12
#: millions de dollars" (not "using the proceeds of its $100 million offering").
_SPENT = re.compile(r"\b(?:utiliz\w*|utilis(?:ing|ant)|using|spending|spent|deploying|paying|"
                    r"en\s+payant|"
                    r"en\s+utilisant|en\s+depensant|en\s+investissant)\s+(?:(?:approximately|"
                    r"about|around|nearly|roughly|some|environ|pres\s+de|a\s+total\s+of|"
                    r"un\s+total\s+de)\s+)?(?:\$|us\$)?\s*$")
def _opens_the_clause(folded: str, m: Mention, anchor: Figure, s_start: int) -> bool:
    """"Just last week, on August 12, the company bought 4,380 BTC": a day written without
    its year that opens the clause whose verb the figure follows is that action's day (not
    the news's: "On August 12, Acme announced ..." is left to the announcement rule)."""
    if s_start <= m.start < anchor.start and anchor.start - m.end <= 40 and re.search(
            r"\b(?:purchase|acquisition|sale|achat|vente)\s+(?:(?:on|le)\s+)?$",
            folded[max(s_start, m.start - 40):m.start]) and re.fullmatch(
            r",?\s*(?:buying|acquiring|purchasing|selling|adding|achetant|acquerant|vendant|en\s+"
            r"achetant|en\s+acquerant)\s+(?:an?\s+additional\s+|another\s+)?",
            folded[m.end:anchor.start]):
        return True  # "completed its first bitcoin purchase on May 9, buying 17 BTC"
    return s_start <= m.start < anchor.start and anchor.start - m.end <= 60 and bool(
        re.fullmatch(r"\s*(?:(?:just\s+)?(?:last|this|earlier\s+this)\s+(?:week|month),?\s*)?",
                     folded[s_start:m.start])) and bool(re.fullmatch(
        r",?\s*(?:the\s+company|it|[a-z][\w&.-]*(?:\s+[a-z][\w&.-]*){0,2})\s+(?:has\s+|had\s+)?"
        r"(?:acquired|bought|purchased|sold|mined|added|a\s+acquis|a\s+achete|a\s+vendu)\s+"
        r"(?:an?\s+additional\s+|another\s+)?", folded[m.end:anchor.start]))


#: A line that is no cell of its own in a table cut one cell per line: "|", a footnote marker.
_FILLER_CELL = re.compile(r"\s*(?:\|\s*)*(?:[1-9](?:\s*,\s*[1-9])*)?\s*(?:\|\s*)*")


#: A document declaring its "$" to be another country's dollars.
_FOREIGN_DOLLARS = re.compile(
    r"\b(?:(?:all\s+)?(?:dollar\s+)?(?:figures|amounts)|(?:unless\s+otherwise\s+(?:stated|noted|"
    r"indicated),?\s+)?all\s+(?:amounts|figures))[^.;]{0,40}?\b(?:are\s+)?(?:in|expressed\s+in|"
    r"presented\s+in|reported\s+in)\s+(?P<which>canadian|australian|new\s+zealand|singapore|"
    r"hong\s+kong)\s+dollars\b|\b(?:montants|chiffres)[^.;]{0,40}?\ben\s+dollars\s+"
    r"(?P<which_fr>canadiens|australiens)\b")
#: The action just told, named again: "this purchase", "the acquisition", "cet achat".
_THIS_ACTION = re.compile(r"\b(?:this|the|these|that|cet|cette|ces|l'|la|le|les)\s*(?:latest\s+|"
                          r"recent\s+|dernier\s+|derniere\s+)?(?:purchases?|acquisitions?|sales?|"
                          r"achats?|ventes?|cessions?|"
                          # "The transaction represents about $40 million", "L'opération"
                          r"transaction|deal)\b|"
                          # "The bill came to $212 million", "La facture s'élève à ..."
                          r"\b(?:the|la|l')\s*(?:bill|tab|price\s+tag|outlay|facture|addition)\b")
_COST_VERB = re.compile(r"\b(?:cost|costing|costs|for|totall?ing|totall?ed|amounting\s+to|"
                        r"amounted\s+to|came\s+to|ran\s+to|"
                        r"worth|a\s+coute|coutant|pour|s'eleve\s+a|s'elevant\s+a|d'un\s+montant\s+"
                        r"de|represents?|represente|representait)\b"
                        r"[^.;$]{0,20}$")
#: A period named by reference to the one just given.
_SAME_PERIOD = re.compile(r"\b(?:during|over|in|within)\s+(?:the\s+)?(?:same|this|that)\s+"
                          r"(?:period|time(?:\s+frame)?|week|window)\b|\b(?:sur|au cours de|"
                          r"pendant|durant)\s+(?:la\s+)?(?:meme\s+periode|cette\s+periode)\b")
#: A sentence about the coins just named: "The bitcoins were acquired between ...".
_THE_SAME = re.compile(r"^\s*(?:(?:the|these|those|such|les|ces)\s+|l')(?:\w+\s+){0,2}?(?:bitcoins?|btc|"
                       r"coins?|purchases?|acquisitions?|sales?|achats?|acquisitions?)\b|"
                       r"^\s*(?:the\s+company|it|they|elle|la\s+societe|l'entreprise)\s+"
                       r"(?:\w+\s+){0,2}?(?:purchased|acquired|bought|sold|a\s+achete|a\s+acquis|"
                       r"a\s+vendu)\s+(?:the|these|its|les|ces|ses)\s+(?:bitcoins?|btc|coins?)\b")
#: A period that names a deal: "ses obligations de mars 2025", "the notes of May".
_NAMES_A_DEAL = re.compile(r"\b(?:dettes?|debts?|notes?|obligations?|emprunts?|loans?|bonds?|"
                           r"offerings?|placements?|agreements?|accords?|contrats?|programmes?|"
                           r"programs?)\s+(?:convertibles?\s+|senior\s+)?(?:de|d'|of|from|du)\s*$")
#: An earlier report cited: "according to an earlier report", "previously reported".
_PRIOR_REPORT = re.compile(r"\b(?:in|from|per|according\s+to)\s+(?:a|an|its|the|their)\s+(?:prior|"
                           r"previous|earlier|last)\s+(?:\w+\s+)?(?:update|report|release|"
                           r"announcement|filing|statement)|\bpreviously\s+(?:reported|announced|"
                           r"disclosed)"
                           # (not "the closing of its previously announced offering of $750
                           # million": the offering closed now; its earlier size still is)
                           r"(?!\s+(?:(?:private|public|registered|direct|underwritten|upsized|"
                           r"convertible|senior|notes?|equity|stock)\s+){0,3}(?:offering|placement|"
                           r"issuance|sale)\b(?!\s+(?:size|amount)))|"
                           r"\b(?:dans|lors\s+d')\s+(?:une|sa|son|la|le)\s+precedente?\s+"
                           # ("sa dernière mise à jour" is its latest: this one)
                           r"(?:mise\s+a\s+jour|annonce|communique|rapport)|"
                           # "Under a week ago, Decrypt reported about Acme acquiring $1.2 million"
                           r"\bago,?\s+(?:[\w.&'-]+\s+){1,3}?(?:reported|said|wrote|noted)\b|"
                           r"\b(?:reported|wrote)\s+(?:about|on)\s+")
#: The day a sales agreement was made: "under an August 1 agreement", "the Sales Agreement
#: dated May 1, 2025", "le contrat du 3 mars".
_AGREEMENT_DAY = re.compile(r"\b(?:under|per|pursuant\s+to)\s+(?:an?|the|its)\s+(?P<month>[a-z]+)\s+"
                            r"(?P<day>\d{1,2})(?:,\s*(?P<year>(?:19|20)\d{2}))?\s+(?:sales\s+|"
                            r"equity\s+distribution\s+|at-the-market\s+)?agreement\b")
#: A running total since the start of the year or quarter: "940 BTC year-to-date",
#: "N BTC depuis le début de l'année", "its year-to-date production to N BTC".
_TO_DATE_AFTER = re.compile(r"\s*(?:(?:mined|produced|purchased|sold|extraits|produits)\s+)?"
                            r"(?:(?P<what>year|quarter)[- ]to[- ]date\b|(?P<what4>ytd|qtd)\b|"
                            r"(?:so\s+far\s+)?this\s+(?P<what2>year|quarter)\b|depuis\s+le\s+debut\s+"
                            r"(?:de\s+|du\s+)?(?P<what3>l'annee|annee|trimestre))")
_SINCE_START = re.compile(r"\b(?:since\s+the\s+(?:start|beginning)\s+of\s+the\s+(?P<what>year|quarter)|"
                          r"depuis\s+le\s+debut\s+(?:de\s+|du\s+)?(?P<what2>l'annee|annee|trimestre)|"
                          r"so\s+far\s+this\s+(?P<what3>year|quarter)|(?P<what4>year|quarter)[- ]to[- ]date)\b")
_TO_DATE_BEFORE = re.compile(r"\b(?P<what>year|quarter)[- ]to[- ]date\s+(?:\w+\s+){0,2}?(?:of|to|at|"
                             r"was|were|reached|totall?(?:ed|ing))\s*(?:approximately\s+|about\s+)?$")
#: Holders that are no one company: the subject of a verb when right before it.
_OTHER_HOLDERS = re.compile(r"\b(?:etfs?|funds?|investors|(?:public|listed|other)\s+companies|companies|"
                            r"firms|miners|whales|institutions|governments?|countries|treasuries|"
                            r"nations|entreprises|societes(?:\s+cotees)?|fonds|investisseurs|mineurs|"
                            r"pays|etats|baleines)\s+(?:\w+\s+){0,2}?$")
_FUNDED_PURCHASE = re.compile(
    r"^(?=.*\b(?:fund(?:ed|ing|s)?|financ(?:ed|ing|e|es)|paid\s+for|pay\s+for|used|finance[es]*|"
    r"payee?s?)\b)(?=.*\b(?:the|these|this|those|ces|cet|cette|l')\s*(?:purchases?|"
    r"acquisitions?|buys?|achats?)\b)|^.*\b(?:same|that)\s+(?:period|week)\b|^.*\bmeme\s+periode\b")
#: A period that dates when something began ("a strategy launched in November 2024"), not
#: the figure beside it.
_LAUNCHED = re.compile(r"\b(?:launched|began|begun|started|adopted|founded|created|initiated|"
                       r"announced|unveiled|introduced|lancee?s?|adoptee?s?|creee?s?|fondee?s?|"
                       r"initiee?s?|debutee?s?|annoncee?s?)\s+(?:\w+\s+)?(?:in|on|en|le|au|"
                       r"du)?\s*$|"
                       # "adopted bitcoin as its primary treasury reserve asset in August 2020"
                       r"\b(?:launched|began|started|adopted|initiated|lancee?s?|adoptee?s?)\s+"
                       r"(?:its|their|the|a|son|sa|le|la|l')?\s*(?:bitcoin|btc|treasury|strategy|"
                       r"tresorerie|strategie)\b[^.;,\d]{0,50}?\s(?:in|on|en|le|au|du)\s*$|"
                       # "which started buying the leading cryptocurrency in July"
                       r"\b(?:started|began|begun|commenced|a\s+commence)\s+(?:buying|acquiring|"
                       r"accumulating|purchasing|a\s+acheter|d'acheter)\s+(?:[\w-]+\s+){0,4}?"
                       r"(?:(?:in|on|en|le)\s*)?$")
#: More ways to write a split: "a 10:1 stock split", "a ten-for-one stock split", "a ratio of
#: 10 shares for every 1 share", "each share will be split into 10 shares", "une division de
#: ses actions à raison de 10 pour 1".
_NUMBER_WORD = (r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
                r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|vingt")
#: A change in how many ordinary shares one American Depositary Share stands for.
_ADS_RATIO = re.compile(
    r"\bfrom\s+(?P<a>\d+)\s+(?:ordinary\s+)?shares?\s+(?:per|for\s+each|to\s+(?:one|1))\s+"
    r"(?:ads|adr)s?\s+to\s+(?P<b>\d+)\s+(?:ordinary\s+)?shares?\s+(?:per|for\s+each|to\s+"
    r"(?:one|1))\s+(?:ads|adr)\b|"
    r"\b(?:ads|adr|american\s+depositary\s+shares?)\s+(?:\(ads\)\s+)?ratio\s+(?:\w+\s+){0,3}?from\s+"
    r"(?:one|1)[- ](?:for|to|:)[- ](?P<c>\d+)\s+to\s+(?:one|1)[- ](?:for|to|:)[- ](?P<d>\d+)\b|"
    r"\b(?:ads|adr)\s+ratio\s+to\s+(?:one|1)[- ](?:for|to|:)[- ](?P<f>\d+)\s+from\s+(?:one|1)"
    r"[- ](?:for|to|:)[- ](?P<e>\d+)\b|"
    r"\bde\s+(?P<g>\d+)\s+actions?\s+(?:ordinaires?\s+)?(?:par|pour\s+(?:une|1))\s+ads\s+a\s+"
    r"(?P<h>\d+)\s+actions?\s+(?:ordinaires?\s+)?(?:par|pour\s+(?:une|1))\s+ads\b")
_SPLIT_MORE = re.compile(
    rf"\b(?P<a>{_NUMBER_WORD})\s*(?:[-\s]for[-\s]|:|[-\s]to[-\s])\s*(?P<b>{_NUMBER_WORD})\s+"
    rf"(?:forward\s+|reverse\s+)?(?:stock\s+|share\s+)?split|split\s+(?:\w+\s+){{0,4}}?(?:ratio|rate)"
    rf"\s+of\s+(?P<c>\d+)\s+(?:new\s+)?(?:shares?\s+)?(?:for|to)\s+(?:every\s+|each\s+)?"
    rf"(?P<d>\d+)|\b(?:each|every)\s+(?:\w+\s+){{0,3}}?shares?\s+(?:\w+\s+){{0,3}}?split\s+into\s+"
    rf"(?P<e>\d+|{_NUMBER_WORD})\s+(?:new\s+)?shares|division\s+(?:\w+\s+|d'|l'){{0,6}}?(?:a\s+"
    rf"raison\s+de|selon\s+(?:un|une)\s+(?:ratio|parite)\s+de|avec\s+une\s+parite\s+de|de)\s+"
    rf"(?P<g>\d+)\s+(?:actions?\s+)?(?:nouvelles?\s+)?(?:pour|contre)\s+(?P<f>\d+)|"
    # a consolidation in words: "one new share for every ten existing shares", "every ten (10)
    # existing shares consolidated into one (1) new share", "à raison d'une action nouvelle
    # pour dix actions anciennes", "une division par cinq de la valeur nominale"
    rf"\b(?P<h>{_NUMBER_WORD})\s+(?:\(\d+\)\s+)?new\s+(?:ordinary\s+|common\s+)?shares?\s+for\s+"
    rf"(?:every|each)\s+(?P<i>{_NUMBER_WORD})\s+(?:\(\d+\)\s+)?(?:existing|old|issued|current)\s+"
    rf"(?:ordinary\s+|common\s+)?shares|\b(?:every|each)\s+(?P<j>{_NUMBER_WORD})\s+(?:\(\d+\)\s+)?"
    rf"(?:existing\s+|old\s+|issued\s+)?(?:ordinary\s+|common\s+)?shares\s+(?:\w+\s+){{0,5}}?"
    rf"(?:consolidated|combined|reclassified|merged)\s+into\s+(?P<k>{_NUMBER_WORD})\s+(?:\(\d+\)\s+)?"
    rf"(?:new\s+)?(?:ordinary\s+|common\s+)?shares?\b|\b(?:regroupement|consolidation)\b[^.;]{{0,80}}?"
    rf"\ba\s+raison\s+(?:de\s+|d')(?P<l>{_NUMBER_WORD})\s+(?:\(\d+\)\s+)?actions?\s+nouvelles?\s+"
    rf"pour\s+(?P<m>{_NUMBER_WORD})\s+(?:\(\d+\)\s+)?actions?\b|\bdivision\s+par\s+(?P<n>"
    rf"{_NUMBER_WORD})\s+(?:de\s+la\s+valeur\s+nominale|du\s+(?:nominal|pair))")


def _number_word(text: str | None) -> str | None:
    if text is None:
        return None
    if text.isdigit():
        return text
    words = {**_COUNTS, "un": 1, "une": 1, "fifteen": 15, "twenty": 20, "dix": 10,
             "vingt": 20}
    value = words.get(text)
    return str(value) if value else None


#: A sentence about the deal the one before it named: "The deal included ...".
_ANAPHORA = re.compile(r"\s*(?:the|this|that|these|those|ce|cette|cet|ces|l')\s*(?:deal|offering|"
                       r"financing|transaction|round|raise|placement|operation|levee|emission|"
                       r"offre|financement|tour de table|purchase|repurchase|buyback|acquisition|"
                       r"achat|rachat|sale|vente)s?\b")
#: The day something takes effect: "effective April 1, 2025", "prendra effet le 1er avril".
_TAKES_EFFECT = re.compile(r"(?:effective|takes?\s+effect|took\s+effect|effective\s+date|"
                           r"becomes?\s+effective|became\s+effective|prendra\s+effet|prend\s+effet|a\s+pris\s+effet"
                           r"|entrera\s+en\s+vigueur|a\s+compter\s+du|avec\s+effet|effectif|effective"
                           # "will begin trading on a split-adjusted basis on May 30", "giving
                           # effect to the reverse split on", "seront négociées sur une base
                           # ajustée à compter du"
                           r"|(?:(?:split[- ])?adjusted|post[- ]split|post[- ]reverse[- ]split)"
                           r"\s+basis(?:\s+(?:giving\s+effect\s+to|reflecting)"
                           r"\s+the\s+(?:reverse\s+)?(?:stock\s+|share\s+)?split)?|giving\s+effect\s+to"
                           r"\s+the\s+(?:reverse\s+)?(?:stock\s+|share\s+)?split"
                           r"|base\s+ajustee(?:\s+a\s+compter\s+du)?"
                           # "effective at the opening of trading on the exchange on
                           # Monday,"
                           r"|effective\s+(?:prior\s+to|before|at|upon|as\s+of)\s+the\s+(?:commencement|"
                           r"opening|open|start)\s+of\s+trading(?:\s+on\s+(?:the\s+)?[a-z\s]{0,40}?)?"
                           r"\s+on\s+(?:(?:monday|tuesday|wednesday|thursday|friday),?\s+)?)\s*"
                           # ("trading on a split-adjusted basis begins on June 16")
                           r"(?:(?:begins?|began|will\s+begin|commences?|commenced|will\s+commence|"
                           r"starts?|started|will\s+start)\s+)?"
                           r"(?:on|as\s+of|from|at|le|du|date\s+(?:of|is)|:)?\s*(?:the\s+)?"
                           r"(?:(?:market\s+)?open(?:ing)?\s+(?:of\s+)?(?:trading\s+)?(?:on\s+)?)?$")
#: "for the period ending 30th June 2024": the last day of what a report covers.
_PERIOD_ENDING = re.compile(r"(?:period|year|quarter|month|semester|exercice|periode|annee|"
                            r"trimestre|semestre)\s+(?:ended|ending|clos|close|cloture|"
                            r"terminee?|achevee?)\s+(?:on\s+|le\s+|au\s+)?(?:the\s+)?$")
#: A balance "at year-end", "at the end of the period", "en fin d'exercice": as of the last
#: day of the period the report covers.
#: "N BTC on its balance sheet", "N BTC en trésorerie": coins held, whatever verb came before.
_ON_BALANCE_SHEET = re.compile(r"\s*(?:(?:self-mined|mined|produced|unencumbered)\s+)?(?:\$?btc|"
                               r"bitcoins?|xbt)?\s*(?:\([^)]{0,20}\)\s*)?(?:held\s+)?(?:on|in|au|"
                               r"en|dans)\s+(?:the\s+|its\s+|their\s+|its\s+own\s+|son\s+|sa\s+)?"
                               r"(?:balance\s+sheet|treasury|tresorerie|bilan)\b")
_AT_PERIOD_END = re.compile(
    r"\b(?:ended|ending|closed|closing|finished|finishing|exited|exiting|concluded|"
    r"concluding|wrapped\s+up)\s+(?:the\s+)?(?:(?:\w+\s+)?(?:year|quarter|month|"
    r"period|half)|q[1-4]|h[12]|fy)(?:\s+(?:of\s+)?\d{4})?,?\s+(?:with|holding)\b|"
    rf"\b(?:ended|closed|finished|exited|concluded|termine|cloture)\s+(?:the\s+month\s+of\s+|"
    rf"le\s+mois\s+(?:de\s+|d')?)?(?:{_MONTHS_EN_FR})(?:\s+\d{{4}})?,?\s+(?:with|holding|"
    rf"avec)\b|\b(?:a\s+)?(?:termine|clos|cloture|"
    r"acheve)\s+(?:le|la|l')\s*(?:\w+\s+)?(?:trimestre|mois|exercice|annee|semestre|periode)"
    r"(?:\s+\d{4})?\s+avec\b|"
    r"\b(?:at|by|as of|as at)\s+(?:the\s+)?(?:fiscal\s+|financial\s+)?(?:year|quarter|month|"
    r"period)[- ]end\b|\b(?:year|quarter|month|period)[- ]end\b|\b(?:at|by)\s+(?:the\s+)?end\s+"
    r"of\s+the\s+(?:fiscal\s+|financial\s+)?(?:year|quarter|month|period)\b|\b(?:a\s+la\s+|en\s+)"
    r"fin\s+(?:de\s+l'exercice|d'exercice|de\s+(?:la\s+)?periode|du\s+(?:trimestre|mois|semestre)"
    r"|d'annee|de\s+mois|de\s+trimestre|de\s+semestre)\b|\ben\s+cloture\b")
#: A period named before the report on it: "its first-quarter shareholder letter", "Q3 2025
#: results", "ses résultats du T3" is read by _REPORT_FOR.
_REPORT_AFTER = re.compile(r"\s*(?:(?:19|20)\d{2}\s+)?(?:shareholder\s+letter|letter\s+to\s+"
                           r"shareholders|(?:financial\s+|operating\s+)?results|earnings|report|"
                           r"production\s+(?:and\s+operations\s+)?update|update)\b")
#: A period named as what a report covers: "update for March 2024", "bilan du mois d'avril".
_REPORT_FOR = re.compile(r"(?:updates?|production|results|report|rapport|bilan|mise a jour|"
                         r"resultats|operations)\s+(?:\w+\s+){0,3}(?:for|pour|du mois d'|"
                         r"de|of)\s+(?:the\s+|le\s+|la\s+|l')?(?:month\s+of\s+|mois\s+d')?$")


def _is_heading(line: str, folded: str, index: int) -> bool:
    """A title or heading: the first line, or a short line that is not a sentence (no final
    full stop) and not a table cell."""
    text = line.strip()
    if not text or len(text) > 140 or text.endswith((".", "|", ":", ",", ";")):
        return False
    return index == 0 or len(re.findall(r"\w+", text)) >= 2

def _row_type(label: str) -> str | None:
    """The record a table row's label names, or None (rates, prices, hash rate, capacity,
    values in dollars, percentages are not bitcoin amounts)."""
    if not label or re.search(r"per day|par jour|/ ?day|average|avg|moyen|price|prix|hash|"
                              r"eh/s|th/s|\bmw\b|efficien|watts|miners|mineurs|value|valeur|"
                              r"\$|usd|proceeds|produit de|%|percent|target|objectif|"
                              r"comparison|change|"
                              # "Calendar year-to-date bitcoin mined: 3,260": a running total
                              r"year[- ]to[- ]date|\bytd\b|to date|cumulati|since inception|"
                              r"depuis le debut|cumul", label):
        return None
    if not (_BITCOIN.search(label) or re.search(r"\b(?:mined|produced|mines|extraits)\b",
                                                 label)):
        return None
    for kind, words in (("btc_mined", r"mined|produced|production|mines|extraits|produits"),
                        ("btc_sold", r"sold|sales?|vendus|ventes?|cedes"),
                        ("btc_purchased", r"purchased|bought|acquired|achetes|acquis"),
                        ("btc_balance_disclosed", r"held|holdings?|detenus?|reserves?|"
                                                  r"balance|detention")):
        if re.search(rf"\b(?:{words})\b", label):
            return kind
    return None


def _cell_value(cell: str, lang: str) -> tuple[Decimal, str] | None:
    """A table cell that is one number (a footnote marker glued after it is dropped:
    "2,906 1" is not read, "318" is); None otherwise."""
    text = cell.strip().rstrip("*\u2020\u2021")
    m = re.fullmatch(r"(\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
                     r"(?:\s*(?:btc|bitcoins?))?", fold(text))
    if not m:
        return None
    value = parse_number(text[:m.end(1)], lang)
    return (value, text) if value is not None else None


def _effective(p: Proposal) -> str | None:
    return p.period.effective if p.period else None


def _quote(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'
