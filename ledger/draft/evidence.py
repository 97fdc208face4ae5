"""Whether a figure's own sentence asserts it as this company's action, and what the figure
is: how any disclosure marks a figure that is not one.

These are statements about how texts are written, not about any one text:

- gates (``not_asserted``, ``described_other``, ``history``, ``compared``, ``parts_named``,
  ``ratio``, ``peak``, ``conditional``, ``one_site``, ``taken_up_other``; called from
  ``ledger.draft._unsure``): a sentence that asks, reports hearsay, supposes, intends or
  denies does not state an action; a sentence whose subject is a description of someone
  else ("the largest holder", "the company's CEO") is about that someone; a whole year's flow
  more than a year before publication, in a text not reporting on it, is history; a figure
  held up for comparison or a change is not this period's amount; a part of a whole, a
  ratio to shares, a peak, a figure on a condition and one site's production are no
  action of the company's; "the company" after a sentence on another company is that
  company;
- what a group of proposals rests on (called from ``ledger.draft.draft``): dollars given
  only as the conversion of another currency (``conversions``, ``drop_converted``), net
  proceeds read as a principal (``proceeds_as_principal``), a sale's proceeds said with a
  verb of its own (``sale_proceeds``), a rate that steps up (``step_up_coupon``), counts that
  add up to a flow told beside them (``part_of_a_total``), dollars paid for the coins and
  another asset together (``mixed_price``).

A draft a gate applies to is noticed, not proposed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from .text import fold

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator

    from . import Proposal, Reader

#: The types a statement of a company's own action carries (the terms of notes and a split's
#: day to come are written in the future tense, so they are left out).
ASSERTED_TYPES = ("btc_mined", "btc_purchased", "btc_sold", "btc_balance_disclosed",
                  "btc_change_disclosed", "equity_issued", "shares_repurchased",
                  "results_reported", "kpi_disclosed", "stake_acquired", "business_acquired")

#: Hearsay and the conditional of reported speech: "reportedly", "is said to have", "according
#: to people familiar with", "selon des sources", "aurait acheté", "seraient en train de".
_HEARSAY = re.compile(
    r"\b(?:reportedly|allegedly|rumou?r(?:s|ed)?|purportedly|is\s+(?:said|believed|thought|"
    r"rumou?red)\s+to|are\s+(?:said|believed|thought)\s+to|according\s+to\s+(?:people|"
    r"sources?|persons?|a\s+person|unnamed|media|press|reports?|several|two|three)|sources\s+"
    r"(?:said|say|familiar)|people\s+familiar|selon\s+(?:des|plusieurs|nos|certaines)\s+"
    r"(?:sources|informations|rumeurs)|selon\s+la\s+presse|de\s+source\s+\w+|"
    r"(?:aurait|auraient)\s+(?:\w+\s+){0,2}?(?:achete|acquis|vendu|mine|produit|extrait|"
    r"ajoute|leve|emis|cede|detenu|accumule)\w*|(?:serait|seraient)\s+en\s+train)\b")

#: Supposition, possibility or intention before the figure in its clause: "if it sold",
#: "could reach", "would hold", "will buy", "intends to use the $200 million to buy", "hopes
#: to acquire", "pourrait détenir", "espère acquérir", "compte acheter", "vise à", "a pour
#: objectif de".
_NOT_DONE = re.compile(
    r"\b(?:if|unless|should\s+(?:it|the|they)|were\s+(?:it|the)|would|could|might|will|shall|"
    r"intends?|intending|hopes?|hoping|seeks?|seeking|wants?|wishes|aims?|aiming|"
    r"(?:plans?|planning|expects?|expecting|looks?|looking|prepares?|preparing|set|sets|is\s+set)"
    r"\s+to|goal|target(?:s|ing)?|objective|ambition|si|s'il|s'ils|pourrait|pourraient|"
    r"devrait|devraient|serait|seraient|aurait|auraient|espere\w*|souhaite\w*|entend\w*|vise\w*|"
    r"cherche\w*\s+a|ambitionne\w*|objectif|cible|projette\w*|envisage\w*|prevoi\w*|"
    r"(?:compte|comptent|va|vont|ira|iront)\s+(?:\w+\s+)?(?:acheter|acquerir|vendre|ceder|"
    r"lever|emettre|miner|produire|detenir|atteindre|porter|ajouter))\b")

#: A negated action: "has not sold any of its 4,000 BTC", "did not buy", "never sold", "n'a
#: vendu aucun de ses", "ne détient plus" (not "no less than", "pas moins de": a bound).
_NEGATED = re.compile(
    r"\b(?:not|never|n't|no\s+longer|n'(?:a|ont|avait|est)|ne\s+\w+|aucune?|jamais)\b"
    r"(?!\s+(?:less|fewer|only|moins|seulement)\b)")

#: What cuts a clause: a semicolon, a colon, a dash, or a comma (a comma before the figure
#: leaves what comes before it to another clause: "Acme, which plans to keep buying,
#: bought 500 BTC").
_CLAUSE_CUT = re.compile(r"[;:,]|\s-\s")

#: A description opening a sentence that is someone else: "The largest corporate holder",
#: "Another miner", "Its biggest rival", "Public companies", "Le premier détenteur".
_OTHER_DESCRIBED = re.compile(
    # a person: "The company's CEO, John Roe, personally owns", "Son fondateur détient"
    r"\s*(?:(?:the|its|their|le|la|son|sa)\s+)?(?:company's\s+|firm's\s+|group's\s+)?"
    r"(?:ceo|cfo|chief\s+\w+\s+officer|chair(?:man|woman)?|founder|co-founder|president|"
    r"directors?|executives?|insiders?|shareholders?|pdg|fondateur|cofondateur|president|"
    r"directeur\s+general|dirigeants?|actionnaires?)\b|"
    # "The company with the largest reserves is ...", "la société qui détient le plus de"
    r"\s*(?:the|a|la|le|l'|une?)\s*(?:company|firm|miner|holder|group|entity|societe|"
    r"entreprise|groupe|entite)\s+(?:with|holding|that\s+holds|which\s+holds|avec|qui\s+"
    r"detient|detenant)\s+(?:the\s+|le\s+|la\s+|les\s+)?(?:largest|biggest|most|"
    r"second-largest|plus\s+grande?s?|plus\s+de)\b|"
    r"\s*(?:(?:the|a|an|one|its|their|le|la|les|l'|un|une|son|sa|ses)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:largest|biggest|second-largest|third-largest|top|leading|dominant|another|other|"
    r"rival|peer|competitor|competing|plus\s+grande?s?|premiere?s?\s+detenteur\w*|autres?|"
    r"concurrente?s?|rivale?s?)\b(?:\s+[\w-]+){0,3}?\s+(?:holders?|companies|company|firms?|"
    r"miners?|corporations?|treasur(?:y|ies)|buyers?|players?|groups?|detenteurs?|societes?|"
    r"entreprises?|mineurs?|acteurs?|groupes?)\b")

_DAYS_OF_HISTORY = 400


def _clause_before(folded: str, a: int, at: int) -> str:
    """The figure's clause before it: from the last cut after the sentence's start."""
    lead = folded[a:at]
    cuts = list(_CLAUSE_CUT.finditer(lead))
    return lead[cuts[-1].end():] if cuts else lead


def _main_figures(group: list["Proposal"], reader: "Reader"
                  ) -> Iterator[tuple["Proposal", Any]]:
    """Each proposal's first figure (a draft's main figures: the coins, the principal, the
    dollars raised), where it is written on the proposal's own line of the text."""
    for p in group:
        for f in p.figures[:1]:
            if (f.line and f.line != p.line) or not 0 < p.line <= len(reader.lines):
                continue
            yield p, f


def not_asserted(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                 ) -> str | None:
    """Why the sentence of a draft's figure does not state it as done (None when it does):
    a question, hearsay, a supposition or an intention."""
    from . import _sentence_of

    if record["type"] not in ASSERTED_TYPES:
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        a, b = _sentence_of(folded, f.start)
        sentence = folded[a:b].rstrip()
        after = folded[b:b + 2].lstrip()
        if sentence.endswith("?") or after.startswith("?"):
            return "its sentence asks a question"
        if (m := _HEARSAY.search(folded, a, b)) is not None:
            return f"its sentence reports hearsay ({m.group(0).strip()!r}), not a disclosure"
        clause = _clause_before(folded, a, f.start)
        if (m := _NOT_DONE.search(clause)) is not None:
            return f"its clause supposes or intends ({m.group(0).strip()!r}), not done"
        if record["type"] != "btc_balance_disclosed" and \
                (m := _NEGATED.search(clause)) is not None and \
                not re.search(r"\bqu(?:e\b|')", clause[m.end():]):
            # ("elle n'a miné que 1 080 bitcoins": only, not a negation)
            # (a holding is often told after a negation: "did not sell; it holds 4,000 BTC")
            return f"its clause denies the action ({m.group(0).strip()!r})"
    return None


def described_other(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                    ) -> str | None:
    """Why a draft's figure is someone else's by the description its sentence opens with
    ("The largest corporate holder now owns ...", "Another miner sold ...", "Les autres
    sociétés cotées détiennent ..."), when the sentence does not name this company."""
    if record["type"] not in ASSERTED_TYPES:
        return None
    for p, f, folded, a, at in _unnamed_subjects(group, reader):
        if (m := _OTHER_DESCRIBED.match(folded, at, f.start)) is not None:
            return f"its sentence's subject is {m.group(0).strip()!r}, not this company"
    return None


def _unnamed_subjects(group: list["Proposal"], reader: "Reader"
                      ) -> Iterator[tuple["Proposal", Any, str, int, int]]:
    """(proposal, figure, folded line, sentence start, subject start) for each main figure
    whose sentence does not name this company before it: where its subject starts is past
    any lead-in ("On Monday, ", "According to the filing, ")."""
    from . import _LEAD_IN, _names_in, _sentence_of

    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        a, _ = _sentence_of(folded, f.start)
        own, _ = _names_in(reader, p.line, f.start)
        if own:
            continue
        lead = _LEAD_IN.match(folded, a, f.start)
        yield p, f, folded, a, (lead.end() if lead else a)


def history(record: dict[str, Any], group: list["Proposal"], reader: "Reader") -> str | None:
    """Why a flow is history recalled (None when it is not): told over a whole year that
    ended more than about a year before the publication, in a text that is not a report on
    that time ("In 2021 it bought 1,500 BTC", "5,200 BTC mined in 2023" in a 2025 release)."""
    from . import _months_of

    if record["type"] not in ("btc_mined", "btc_purchased", "btc_sold", "equity_issued",
                              "shares_repurchased") or not reader.disclosed:
        return None
    effective = record.get("effective")
    span = _months_of(effective) if effective else None
    if span is None:
        return None
    published = date.fromisoformat(reader.disclosed)
    if not (span[0].month == 1 and span[0].day == 1 and span[1].month == 12
            and span[1].day == 31) or (published - span[1]).days <= _DAYS_OF_HISTORY:
        # (a day, a month, a quarter or a range written with its ends is a precise fact even
        # when old; a whole year is a summary of the past)
        return None
    report = reader.report
    if report is not None and report.effective:
        covered = _months_of(report.effective)
        if covered is not None and covered[0] <= span[0] and span[1] <= covered[1]:
            return None
    return f"a flow of {effective}, more than a year before the publication: history recalled"


#: What a figure is held up against: "contre 9 106 BTC", "compared with $27.4 million", "versus
#: 575 BTC", "up from 7,327 BTC", "par rapport aux 76,7 millions".
_AGAINST = re.compile(
    r"\b(?:contre|versus|vs\.?|compared\s+(?:to|with)|as\s+against|against|par\s+rapport\s+"
    r"(?:a|au|aux)|(?:up|down|higher|lower|rising|falling|increasing|decreasing|en\s+hausse|"
    r"en\s+baisse|en\s+recul|en\s+progression)\s+(?:(?:by\s+)?[\d.,]+\s*%\s+)?(?:from|de|"
    r"par\s+rapport\s+(?:a|au|aux))|from\s+a|d'une?|des|du|de)\s+"
    r"(?:(?:the|les|la|le|l')\s*)?(?:approximately\s+|about\s+|around\s+|environ\s+|~)?"
    r"(?:us\s?)?\$?\s*$")
#: When a figure held up for comparison was: "a year earlier", "l'année précédente", "un an
#: plus tôt", "the same quarter last year", "à la même période l'année précédente" (not "last
#: year", "l'an dernier", which date a figure of their own).
_EARLIER = re.compile(
    r"^[^,;:]{0,60}?\b(?:a\s+year\s+(?:earlier|ago|before)|(?:in\s+)?the\s+same\s+(?:quarter|"
    r"period|month)\s+(?:of\s+)?(?:last|the\s+previous|the\s+prior|a)\s+year|un\s+an\s+plus\s+"
    r"tot|il\s+y\s+a\s+un\s+an|l'annee\s+precedente|l'exercice\s+precedent|(?:du|au|le)\s+meme\s+(?:trimestre|mois|semestre)\s+(?:de\s+)?l'(?:annee|"
    r"exercice)\s+precedente?|le\s+trimestre\s+precedent|au\s+trimestre\s+precedent)\b")
#: A change in an amount, not the amount: "decreased by $9.7 million", "ont diminué de 9,7
#: millions", "rose by", "en hausse de".
_CHANGED_BY = re.compile(
    r"\b(?:(?:increased|decreased|rose|fell|grew|declined|dropped|climbed|jumped|was\s+up|"
    r"was\s+down|were\s+up|were\s+down)\s+(?:by\s+)|(?:augmente|diminue|baisse|recule|progresse|"
    r"chute|grimpe)\w*\s+de\s+|en\s+(?:hausse|baisse|recul|progression)\s+de\s+)"
    r"(?:approximately\s+|about\s+|environ\s+|~)?(?:us\s?)?\$?\s*$")


def compared(record: dict[str, Any], group: list["Proposal"], reader: "Reader") -> str | None:
    """Why a draft rests on a figure held up for comparison (None when none is): one written
    after "contre", "compared with", "up from", or followed in its clause by "a year earlier",
    "l'année précédente"; or a change ("decreased by $9.7 million") read as an amount."""
    from . import _sentence_of

    if record["type"] not in ASSERTED_TYPES:
        return None
    for p in group:
        for f in p.figures:
            number = f.line or p.line
            if not 0 < number <= len(reader.lines):
                continue
            folded = reader.folded[number - 1]
            a, b = _sentence_of(folded, f.start)
            before = folded[max(a, f.start - 40):f.start]
            after = folded[f.end:b]
            # the figure's own clause after it: up to the next figure
            nxt = re.search(r"\d", after)
            after = after[:nxt.start()] if nxt else after
            if _AGAINST.search(before) and not re.search(r"\b(?:des|du|de|d'une?)\s+(?:(?:the|les|"
                                                         r"la|le|l')\s*)?\$?\s*$", before) \
                    and not re.search(r"\b(?:vend\w*|vendu|cede\w*|echang\w*|convert\w*|sold|"
                                      r"sells?|exchang\w*|swap\w*|trad\w*)\b",
                                      folded[a:f.start]):
                # ("a cédé ses bitcoins contre 90 millions": what a sale brought, not a
                # comparison)
                return f"{f.text!r} is held up for comparison"
            if re.search(r"\b(?:des|du|de|d'une?)\s+(?:(?:les|la|le|l')\s*)?$", before) and \
                    re.search(r"\b(?:hausse|baisse|double|triple|moitie|perte|passe\w*)\b",
                              folded[max(a, f.start - 60):f.start]) and _EARLIER.search(after):
                return f"{f.text!r} is held up for comparison"
            if _EARLIER.search(after):
                return f"{f.text!r} is a figure of an earlier time, held up for comparison"
            if record["type"] in ("results_reported", "kpi_disclosed",
                                  "btc_balance_disclosed") and _CHANGED_BY.search(before):
                return f"{f.text!r} is a change, not the amount"
    return None


#: An amount in another currency with its dollars in brackets: "€60.2 million ($69 million)",
#: "2 milliards de yens (environ 13,3 millions de dollars)", "£17.9 million ($24.34 million)".
_CONVERTED_OPEN = re.compile(r"\s*\(\s*(?:(?:roughly|about|approximately|around|nearly|some|"
                             r"environ|soit|pres\s+de|~|or|equivalent\s+to|equal\s+to)\s*)?"
                             r"(?=(?:us\s?)?\$|usd|\d)")


def conversions(reader: "Reader") -> set:
    """The dollar values a text gives only as a conversion of an amount in another currency
    (in brackets right after it): wherever the same dollars appear (a title's "$69 Million
    Worth Of Bitcoin"), they are the conversion, not what was paid or issued."""
    from . import figures

    found = set()
    for i, (line, folded) in enumerate(zip(reader.lines, reader.folded)):
        if "(" not in line:
            continue
        for a in figures(line, folded, reader.line_lang[i]):
            if a.kind != "fx" or not (m := _CONVERTED_OPEN.match(folded, a.end)):
                continue
            close = folded.find(")", m.end())
            if close < 0:
                continue
            inside = line[a.end:close]
            found |= {f.value for f in figures(inside, folded[a.end:close],
                                                reader.line_lang[i]) if f.kind == "usd"}
    return found


def drop_converted(group: list["Proposal"], converted: set) -> None:
    """Take out of a group's fields the dollars that are only a conversion (see
    ``conversions``), saying so in its doubts."""
    from decimal import Decimal

    if not converted:
        return
    for p in group:
        for name in ("usd", "principal_usd"):
            value = p.fields.get(name)
            if value is not None and Decimal(str(value)) in converted:
                del p.fields[name]
                p.doubts.append(f"{name} left out: the text gives these dollars only as the "
                                "conversion of an amount in another currency")


#: Dollars written as what an offering brought in: "raising $318.2 million in net proceeds",
#: "net proceeds of $318.2 million", "un produit net de".
_PROCEEDS_AFTER = re.compile(r"\s*(?:in|of|en|de)\s+(?:(?:net|gross|total|estimated)\s+)?"
                             r"(?:proceeds|produit)|\s*(?:de\s+)?produit\s+net")
_PROCEEDS_BEFORE = re.compile(r"\b(?:proceeds|produit\s+(?:net|brut))\s+(?:of|de|d'environ|"
                              r"were|was|totall?ing|s'elevant\s+a)\s+(?:approximately\s+|about\s+|"
                              r"environ\s+)?(?:us\s?)?\$?\s*$")


def proceeds_as_principal(group: list["Proposal"], reader: "Reader") -> str | None:
    """Why a notes draft rests on what the offering brought in ("raising $318.2 million in
    net proceeds") as its principal (None when it does not): proceeds are no principal (the
    offering's size, "an upsized $950 million private offering", is read on its own)."""
    from decimal import Decimal

    from . import figures

    for p in group:
        value = p.fields.get("principal_usd")
        if p.type != "notes_issued" or value is None or not 0 < p.line <= len(reader.lines):
            continue
        line, folded = reader.lines[p.line - 1], reader.folded[p.line - 1]
        figs = figures(line, folded, reader.line_lang[p.line - 1])
        mine = [f for f in figs if f.kind == "usd" and f.value == Decimal(str(value))]
        if not mine:
            continue
        f = mine[0]
        if _PROCEEDS_AFTER.match(folded, f.end) \
                or _PROCEEDS_BEFORE.search(folded[max(0, f.start - 40):f.start]):
            return f"{f.text!r} is what the offering brought in, not its principal"
    return None


_COINS = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)\s*"
                    r"(?:btc|bitcoins?)\b")


def part_of_a_total(drafts: list, reader: "Reader", noticed: list | None) -> list:
    """A flow whose coins and another count the text gives add up to a flow of the same type
    and period drafted beside it ("acquired 551 BTC ... the first raise funded 21 BTC, the
    second 530 BTC"; "624 BTC ... in two tranches: 80 BTC and 544 BTC") is a part of that
    total, not an action of its own: noticed. The drafts kept."""
    from decimal import Decimal

    from . import _noticed, parse_number

    flows = ("btc_purchased", "btc_sold", "btc_mined")
    counts: dict[int, set] = {}
    for i, (line, folded) in enumerate(zip(reader.lines, reader.folded), 1):
        counts[i] = {v for m in _COINS.finditer(folded)
                     if (v := parse_number(line[m.start(1):m.end(1)], reader.line_lang[i - 1]))
                     is not None}
    kept = []
    for d, group in drafts:
        r = d.record
        part = None
        if r["type"] in flows and r.get("btc") is not None:
            mine = Decimal(r["btc"])
            at = r["sources"][0]["line"]
            near = set().union(*(counts.get(n, set()) for n in range(at - 5, at + 6)))
            for other, _ in drafts:
                o = other.record
                if other is d or o["type"] != r["type"] or o.get("btc") is None or \
                        o.get("effective") != r.get("effective") and not (
                            r.get("effective", "") and str(o.get("effective", "")).startswith(
                                str(r["effective"])[:7])):
                    continue
                total = Decimal(o["btc"])
                if total > mine and (total - mine) in near and total - mine != mine:
                    part = o["btc"]
                    break
        if part is not None:
            if noticed is not None:
                noticed.append(_noticed(d, group, f"a part of the {part} BTC told beside it "
                                        "(it and another count add up to that total)"))
            continue
        kept.append(d)
    return kept


#: What a sale brought, said with its own verb: "By selling 502 BTC ..., Acme raised $42.4
#: million", "generating", "bringing in", "en vendant ..., Acme a levé", "a encaissé".
_RECEIVED = re.compile(r"\b(?:raised|raising|generated|generating|received|receiving|realized|"
                       r"realised|netted|pocketed|brought\s+in|bringing\s+in|yielding|yielded|"
                       r"a\s+leve|levant|a\s+genere|generant|a\s+obtenu|obtenant|a\s+encaisse|"
                       r"encaissant|a\s+recupere|recuperant|engrangeant|a\s+engrange|"
                       # "for net proceeds of -$2.8 million" (a sign a summary put
                       # there: what a sale brought is never negative)
                       r"(?:net\s+|gross\s+)?proceeds\s+(?:of|were|was|totall?ing|amounting\s+"
                       r"to)|produit\s+(?:net|brut)\s+de)\s+"
                       r"(?:(?:approximately|about|around|roughly|nearly|some|environ|pres\s+de)"
                       r"\s+)?-?\s*(?:us\s?)?\$?\s*$")


def sale_proceeds(group: list["Proposal"], reader: "Reader") -> None:
    """A sale read without its dollars whose sentence says what it brought with a verb of its
    own ("By selling 502 BTC in March at about $84,800 each, Acme raised $42.4 million"):
    those dollars are its proceeds (not a price each, not a sum in another currency)."""
    from . import _sentence_of, figures

    if not group or group[0].type != "btc_sold" or any("usd" in p.fields for p in group):
        return
    for p, f in _main_figures(group, reader):
        line, folded = reader.lines[p.line - 1], reader.folded[p.line - 1]
        a, b = _sentence_of(folded, f.start)
        for g in figures(line, folded, reader.line_lang[p.line - 1]):
            if g.kind != "usd" or not a <= g.start < b or g.start < f.end:
                continue
            if _RECEIVED.search(folded[max(a, g.start - 40):g.start]) and not re.match(
                    r"\s*(?:per|a|each|par|l'unite|/)\b", folded[g.end:g.end + 12]):
                p.fields["usd"] = abs(g.value)
                p.figures.append(g)
                p.doubts.append(f"{g.text!r} read as what the sale brought")
                return


#: A rate that changes over a note's life: "no interest for three years, after which 4% a
#: year", "sans intérêts pendant deux ans, puis 6 %".
_STEP_UP = re.compile(r"\b(?:no|zero|0\s?%|without|sans|aucun)\b[^.;]{0,80}?\b(?:interest|interets?|"
                      r"coupon)\b[^.;]{0,80}?\b(?:then|thereafter|after\s+which|followed\s+by|"
                      r"rising\s+to|puis|ensuite|avant\s+de\s+passer\s+a)\b[^.;]{0,60}?\d\s?%")


def step_up_coupon(group: list["Proposal"], reader: "Reader") -> None:
    """A zero coupon read from a note that pays nothing at first and a rate later ("no interest
    for three years, after which 4% a year") is no coupon of the note's
    life: left out, the review saying why."""
    from decimal import Decimal

    for p in group:
        if p.type != "notes_issued" or p.fields.get("coupon_percent") is None or \
                Decimal(str(p.fields["coupon_percent"])) != 0:
            continue
        lines = {f.line or p.line for q in group for f in q.figures} | {q.line for q in group}
        if any(0 < n <= len(reader.folded) and _STEP_UP.search(reader.folded[n - 1])
               for n in lines):
            for q in group:
                q.fields.pop("coupon_percent", None)
            p.doubts.append("coupon left out: the text gives no interest at first and a rate "
                            "later, not one coupon")
            return


# --- what makes a figure's evidence weak (seventh round) ------------------------------------
#
# Statements about how disclosures are written, each true of any text, found by classifying
# every wrong draft on three sets of real texts by why its evidence was weak:
#
# - a figure named as one of the parts a whole is told in ("consists of 1,000 BTC bought and
#   400 BTC lent", "its holdings, which included 900 BTC", "dont 200 BTC") is a part: the
#   whole is the action, or the holding is what was sold;
# - a figure followed in its clause by a condition ("if all notes convert", "si toutes les
#   conversions") is a projection;
# - dollars paid for coins and another asset together ("15,000 ETH and 379 BTC for $40
#   million") are not the coins' price;
# - coins "for every 10,000 shares", "per share", "par action" are a ratio, not a holding;
# - a peak ("peaked at", "a culminé à", "a high of") is no balance as of a day;
# - a sentence whose subject only takes up someone ("The company", "The Texas-based firm",
#   "La société", "It") is about the company the sentence before had as its subject: when
#   that is another company, so is the figure.

#: Words naming the parts of a whole right before a figure: "consists of", "comprising",
#: "made up of", "which included", "including", "se compose de", "composé de", "comprenant",
#: "dont".
_PARTS = re.compile(
    r"\b(?:consist(?:s|ed|ing)?\s+of|compris(?:es|ed|ing)(?:\s+of)?|made\s+up\s+of|"
    r"(?:which|that)\s+(?:included|includes|include)|including|se\s+compos\w*\s+de|"
    r"compos\w*\s+de|comprenant|comprennent|comprenait|dont)\b")
#: A ratio after a figure: "for every 10,000 shares", "per share", "par action", "pour
#: 1 000 actions".
_PER_SHARES = re.compile(
    r"\s*(?:btc|bitcoins?|sats?|satoshis?)?\s*(?:for\s+every|for\s+each|per|by|pour|par)\s+"
    r"(?:chaque\s+)?(?:lot\s+de\s+)?(?:[\d,.\s]+\s+)?(?:shares?|actions?|titres?|"
    r"ordinary\s+shares?)\b")
#: A peak: "peaked at", "a peak of", "a high of", "hit a record", "a culminé à", "un pic de",
#: "un sommet de", "un plus haut de".
_PEAK = re.compile(
    r"\b(?:peak(?:ed|ing)?\s+(?:at|of)|a\s+(?:peak|high|maximum)\s+of|(?:all-time\s+)?high\s+of|"
    r"culmin\w*\s+a|(?:un|a\s+son)\s+(?:pic|sommet|plus\s+haut|maximum)\s+de)\s+"
    r"(?:approximately\s+|about\s+|environ\s+)?$")
#: A subject that only takes someone up: "the company", "the US-based company", "this
#: firm", "it", "they", "la société", "l'entreprise", "le groupe", "elle".
_TAKEN_UP = re.compile(
    r"\s*(?:(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:company|firm|miner|group|business|"
    r"corporation)|it|they|(?:la|cette)\s+(?:[\w-]+\s+)?(?:societe|entreprise|firme)|"
    r"(?:le|ce)\s+(?:[\w-]+\s+)?groupe|elle)(?:'s)?\s+")
_ADVERB_OPENS = re.compile(r"\s*(?:[a-z]{3,}ly|ainsi|actuellement|aujourd'hui|desormais|"
                           r"depuis|toutefois|cependant)\s*,\s*")
#: A name opening a sentence as its subject, described as a company in an apposition:
#: "Rivalco, a Texas miner, ...", "Halvard, another mining entity, reported", "Rivalco,
#: une société de minage, a" (a heading or a name alone is not taken as a subject).
_NAME_OPENS = re.compile(
    r"\s*((?:[A-Z][\w&.-]*[\w&](?:\s+|(?=,)))(?:[A-Z][\w&.-]*[\w&](?:\s+|(?=,))){0,3})"
    r"(?:\([^()]{0,40}\)\s*)?,\s+(?:an?|another|the|one\s+of\s+the|une?|autre|l'une?\s+des)\s+"
    r"[^,;.]{0,80}?\b(?:company|companies|firm|miner|entity|group|corporation|holder|business|"
    r"treasury|societe|entreprise|groupe|mineur|acteur)\b")


#: A name opening a sentence after the kind of company it is: "The US company Rivalco is
#: ...", "La société américaine Rivalco est ...", "Le mineur texan Rivalco a".
_DESCRIBED_NAME_OPENS = re.compile(
    r"\s*(?i:the|la|le|l')\s*(?:[\w\u00c0-\u017f-]+\s+){0,2}?(?i:company|firm|miner|group|"
    r"corporation|soci[ée]t[ée]|entreprise|groupe|mineur|firme)\s+(?:[a-z\u00e0-\u00ff-]+\s+){0,2}?"
    r"((?:[A-Z][\w&.-]*[\w&])(?:\s+[A-Z][\w&.-]*[\w&]){0,3})(?=\s*[,(]|\s+[a-z\u00e0-\u00ff])")


def _figure_clause(folded: str, a: int, at: int) -> str:
    return folded[max(a, at - 60):at]


def parts_named(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                ) -> str | None:
    """Why a draft's figure is one of the parts a whole is told in (None when it is not):
    written right after "consists of", "which included", "dont" in its own sentence."""
    from . import _sentence_of

    if record["type"] not in ("btc_purchased", "btc_sold", "btc_mined",
                              "btc_balance_disclosed", "btc_change_disclosed"):
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        a, _ = _sentence_of(folded, f.start)
        clause = _clause_before(folded, a, f.start) if "dont" not in folded[
            max(a, f.start - 12):f.start] else folded[max(a, f.start - 12):f.start]
        lead = folded[a:f.start]
        if (m := _PARTS.search(lead)) is not None and (
                m.group(0) != "dont" or re.search(r"\bdont\s+(?:environ\s+)?$", clause)) \
                and not re.search(r"[.;:]|,(?!\d)", lead[m.end():]):
            return f"{f.text!r} is one of the parts a whole is told in ({m.group(0)!r})"
    return None


def ratio(record: dict[str, Any], group: list["Proposal"], reader: "Reader") -> str | None:
    """Why a draft's coins are a ratio to shares (None when they are not): "0.05 BTC for
    every 10,000 shares", "par action"."""
    if record["type"] not in ("btc_balance_disclosed", "btc_purchased", "btc_change_disclosed"):
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        if (m := _PER_SHARES.match(folded, f.end)) is not None:
            return f"{f.text!r} is a ratio to shares ({m.group(0).strip()!r}), not coins held"
    return None


def peak(record: dict[str, Any], group: list["Proposal"], reader: "Reader") -> str | None:
    """Why a balance is a peak, not a holding as of a day (None when it is not)."""
    from . import _sentence_of

    if record["type"] != "btc_balance_disclosed":
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        a, _ = _sentence_of(folded, f.start)
        if (m := _PEAK.search(_figure_clause(folded, a, f.start))) is not None:
            return f"{f.text!r} is a peak ({m.group(0).strip()!r}), not a holding as of a day"
    return None


def _previous_sentence(reader: "Reader", number: int, a: int) -> tuple[str, str, int] | None:
    """The sentence before the one starting at ``a`` on line ``number`` (the line's own, or
    the last of the nearest line before with text): (line, folded line, its start)."""
    from . import _sentences

    if a > 0:
        starts = [s for s, _ in _sentences(reader.folded[number - 1]) if s < a]
        if starts:
            return reader.lines[number - 1], reader.folded[number - 1], starts[-1]
    for i in range(number - 2, max(-1, number - 4), -1):
        if reader.folded[i].strip():
            spans = _sentences(reader.folded[i])
            return (reader.lines[i], reader.folded[i], spans[-1][0]) if spans else None
    return None


def taken_up_other(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                   ) -> str | None:
    """Why a draft's figure is another company's by a subject that only takes someone up
    ("The company mined 300 BTC", "The US-based company acquired", "La société a acheté"),
    when the sentence before had another company as its subject ("Rivalco, another miner,
    reported ..."); None otherwise (the sentence names this company, or the one before had
    this company or no name as its subject)."""
    from . import _LEAD_IN, _NOT_COMPANIES, _NOT_NAMES, _same_company

    if record["type"] not in (*ASSERTED_TYPES, "notes_issued") or not (reader.own or
                                                                       reader.names):
        return None
    for p, f, folded, a, at in _unnamed_subjects(group, reader):
        # (an adverb set before the subject: "Currently, the company's holdings", "Ainsi,")
        if (adverb := _ADVERB_OPENS.match(folded, at, f.start)) is not None:
            at = adverb.end()
        if _TAKEN_UP.match(folded, at, f.start) is None:
            continue
        number, m = p.line, None
        for _ in range(3):  # ("Rivalco, a miner, ... The company grew. Its holdings stand")
            before = _previous_sentence(reader, number, a)
            if before is None:
                break
            line, bfolded, b = before
            number = next(i + 1 for i, x in enumerate(reader.lines) if x is line)
            a = b
            lead = _LEAD_IN.match(bfolded, b)
            at = lead.end() if lead else b
            if (m := _NAME_OPENS.match(line, at) or _DESCRIBED_NAME_OPENS.match(line, at)) \
                    is not None or _TAKEN_UP.match(bfolded, at) is None:
                break
        if m is None:
            continue
        name = m.group(1).strip()
        words = [fold_word for w in name.split()
                 if (fold_word := w.lower().rstrip(".,")) not in _NOT_NAMES]
        if not words or any(w in _NOT_COMPANIES for w in words) or \
                _same_company(name, reader.own or reader.names):
            continue
        return f"its subject takes up {name}, the subject of the sentence before"
    return None


#: A condition after a figure, in its clause: "if all the notes convert", "assuming", "once
#: the merger closes", "si les obligations sont toutes converties", "une fois".
_CONDITION_AFTER = re.compile(
    r"^(?:[^,;:.]|(?<=\d)[,.](?=\s?\d)){0,80}?\b(?:if|unless|assuming|provided\s+that|"
    r"once(?!\s+(?:again|more))|upon\s+completion|si(?!\s+bien)|s'il|s'ils|en\s+cas\s+de|"
    r"a\s+condition|une\s+fois|sous\s+reserve)\b")


def conditional(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                ) -> str | None:
    """Why a draft's figure is a projection (None when it is not): a condition follows it in
    its clause ("would bring holdings to 1,900 BTC if all notes convert", "portant sa
    détention à 1 900 BTC si les obligations sont toutes converties")."""
    if record["type"] not in (*ASSERTED_TYPES, "notes_issued"):
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        if (m := _CONDITION_AFTER.search(folded[f.end:f.end + 120])) is not None:
            return f"{f.text!r} holds only on a condition ({m.group(0).split()[-1]!r})"
    return None


#: Another crypto-asset counted beside the coins: "15,000 ETH and 379 BTC", "1 000 ethers et".
_OTHER_ASSET = re.compile(r"\d[\d,.\s]*\s*(?:eth|ether|ethers|ethereum|sol|solana|xrp|doge|"
                          r"ltc|usdt|usdc)\b")


def mixed_price(group: list["Proposal"], reader: "Reader") -> None:
    """Take out of a purchase or sale the dollars paid for its coins and another asset
    together ("bought 15,000 ETH and 379 BTC for about $40 million"): they are not the
    coins' price. Said in its doubts."""
    from . import _sentence_of

    for p in group:
        if p.type not in ("btc_purchased", "btc_sold") or "usd" not in p.fields:
            continue
        for f in p.figures:
            if f.kind != "usd":
                continue
            number = f.line or p.line
            if not 0 < number <= len(reader.lines):
                continue
            folded = reader.folded[number - 1]
            a, _ = _sentence_of(folded, f.start)
            if _OTHER_ASSET.search(folded, a, f.start):
                del p.fields["usd"]
                p.doubts.append("usd left out: the text gives these dollars for the coins and "
                                "another asset together")
                break


#: One named site after a production figure: "at its Lakeside facility", "from the North
#: Ridge site", "sur son site de Lac-Brûlé", "à la mine de Borée".
_ONE_SITE = re.compile(
    r"\s*(?:BTC|bitcoins?|Bitcoins?)?\s*(?:at|from|in|sur|à|a|au|dans)\s+(?:its|the|their|son|sa|"
    r"le|la|leur)\s+(?:(?:[A-Z][\w'-]*\s+){1,3}(?:[Ff]acility|[Ss]ite|[Mm]ine|[Cc]ampus|[Dd]ata\s+"
    r"[Cc]ent(?:er|re))|(?:site|mine|centre\s+de\s+donn[ée]es|campus)\s+(?:de\s+|d')?[A-Z])")


def one_site(record: dict[str, Any], group: list["Proposal"], reader: "Reader") -> str | None:
    """Why a production figure is one site's, a part of the company's (None when it is not):
    written with the one named site it came from ("mined 540 BTC at its Lakeside facility",
    "extrait 540 BTC sur son site de Borée")."""
    if record["type"] != "btc_mined":
        return None
    for p, f in _main_figures(group, reader):
        line = reader.lines[p.line - 1]
        if (m := _ONE_SITE.match(line, f.end)) is not None:
            return f"{f.text!r} is one site's production ({m.group(0).strip()!r}), a part of " \
                   "the company's"
    return None


#: A figure told as a difference: "mined 23.90 more BTC in August than a year earlier",
#: "a produit 40 BTC de plus qu'en mai".
_MORE = re.compile(r"\s*(?:btc|bitcoins?)?\s*(?:more|fewer|less|de\s+plus|de\s+moins|en\s+plus|"
                   r"en\s+moins)\b")
_OVER_PERIODS = re.compile(r"\b(?:compared|than|versus|vs\.?|from|over|que|qu'|par\s+rapport|"
                      r"contre|year[- ]over[- ]year|yoy|sur\s+un\s+an)\b")


def difference(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
               ) -> str | None:
    """Why a flow's coins are a difference between two periods, not what was done in one
    (None when they are not): "N more BTC ... compared to", "N BTC de plus qu'en mai"."""
    from . import _sentence_of

    if record["type"] not in ("btc_mined", "btc_purchased", "btc_sold"):
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        _, b = _sentence_of(folded, f.start)
        written = folded[f.start:f.end]
        more = re.search(r"\d\s+(?:more|fewer|less)\b", written) or _MORE.match(folded, f.end)
        if more and _OVER_PERIODS.search(folded, f.end, b):
            return f"{f.text!r} is a difference from another period, not this period's amount"
    return None


#: Coins mined for others: "production by customers from cloud-mining", "mined for its
#: customers", "pour le compte de ses clients".
_FOR_CUSTOMERS_BEFORE = re.compile(
    r"\b(?:by|for|of|to)\s+(?:its\s+|their\s+|the\s+|our\s+)?(?:hosting\s+|cloud[- ]mining\s+)?"
    r"(?:customers|clients)\b|\bcloud[- ]mining\s+(?:customers|clients|solutions|segment)\b|"
    r"\b(?:par|pour(?:\s+le\s+compte\s+d[e'])?)\s*(?:ses\s+|les\s+|leurs\s+)?clients\b")
_FOR_CUSTOMERS_AFTER = re.compile(
    r"\s*(?:btc|bitcoins?)?\s*(?:(?:for|on\s+behalf\s+of)\s+(?:its\s+|their\s+|the\s+)?"
    r"(?:hosting\s+|cloud[- ]mining\s+)?(?:customers|clients)|"
    r"(?:pour(?:\s+le\s+compte\s+d[e'])?)\s*(?:ses\s+|les\s+|leurs\s+)?clients)\b")
#: ("3,100 bitcoin in 2024 for itself and its hosting clients": theirs too)
_FOR_ITSELF_AND = re.compile(r"\s*(?:btc|bitcoins?)?[^.;:]{0,30}?\b(?:for\s+itself|pour\s+"
                             r"(?:elle|lui)-meme)\s+(?:and|et)\s+(?:for\s+|pour\s+)?(?:its\s+|"
                             r"ses\s+|their\s+|leurs\s+)?(?:[\w-]+\s+){0,2}?(?:customers|"
                             r"clients)\b")


def customers_coins(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                    ) -> str | None:
    """Why mined coins are the customers' (None when they are not): production told as
    theirs in the figure's clause ("production by customers from cloud-mining", "mining
    6,000 BTC for its customers", "pour le compte de ses clients")."""
    from . import _sentence_of

    if record["type"] != "btc_mined":
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        a, _ = _sentence_of(folded, f.start)
        if _FOR_CUSTOMERS_BEFORE.search(_figure_clause(folded, a, f.start)) or \
                _FOR_CUSTOMERS_AFTER.match(folded, f.end) or _FOR_ITSELF_AND.match(folded, f.end):
            return f"{f.text!r} is mined for customers, not the company's own coins"
    return None


def exceeds_total(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                  ) -> str | None:
    """Why a purchase's coin count is misread (None when it is not): more coins than the
    holdings it brought the company to, in the same sentence ("bought 108,786 BTC,
    bringing its reserves to 639.50 BTC": a decimal point read as a thousands' one)."""
    from . import _sentence_of
    from .text import figures

    if record["type"] != "btc_purchased":
        return None
    for p, f in _main_figures(group, reader):
        line, folded = reader.lines[p.line - 1], reader.folded[p.line - 1]
        _, b = _sentence_of(folded, f.start)
        for g in figures(line, folded, reader.line_lang[p.line - 1]):
            if g.kind == "btc" and f.end <= g.start < b and g.value < f.value and \
                    re.search(r"\b(?:to|a|à)\s*(?:a\s+total\s+of\s+|un\s+total\s+de\s+)?$",
                              folded[f.end:g.start]):
                return f"{f.text!r} is more coins than the holdings it brought the company " \
                       f"to ({g.text!r}): misread"
    return None


#: The unrestricted part of holdings told beside the total: "4,200 bitcoins unrestricted
#: and 11,757 in total", "4 200 bitcoins sans restriction".
_UNRESTRICTED = re.compile(r"\s*(?:btc|bitcoins?)?\s*(?:unrestricted|unencumbered|"
                           r"sans\s+restrictions?|non\s+grev[ée]s|libres?\s+de\s+toute)")


def unrestricted_part(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                      ) -> str | None:
    """Why a balance is the unrestricted part of the holdings a sentence also gives in
    total (None when it is not)."""
    from . import _sentence_of
    from .text import figures

    if record["type"] != "btc_balance_disclosed":
        return None
    for p, f in _main_figures(group, reader):
        line, folded = reader.lines[p.line - 1], reader.folded[p.line - 1]
        if not _UNRESTRICTED.match(folded, f.end):
            continue
        a, b = _sentence_of(folded, f.start)
        if any(g.kind == "btc" and a <= g.start < b and g.start != f.start and g.value > f.value
               for g in figures(line, folded, reader.line_lang[p.line - 1])):
            return f"{f.text!r} is the unrestricted part of the holdings its sentence gives " \
                   "in total"
    return None


#: Dollars of another country written with their mark: "C$42,288", "CA$", "A$", "HK$".
_MARKED_DOLLARS = re.compile(r"(?<![A-Za-z])(?:C|CA|CAD|A|AU|AUD|HK|NZ|S|SG)\s?\$")


def bare_dollars(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                 ) -> str | None:
    """Why a draft's dollars are in doubt (None when they are not): written "$" alone in a
    text that writes another country's dollars with their mark ("C$42,288" beside "$10.5M":
    the "$" may be the same dollars), and neither "US$" nor "USD" anywhere in it."""
    if reader.foreign_dollars is not None:
        return None
    doubt = getattr(reader, "_bare_dollars_doubt", None)
    if doubt is None:  # (once a document)
        whole = "\n".join(reader.lines)
        doubt = bool(_MARKED_DOLLARS.search(whole)) and not re.search(
            r"\bUS\s?\$|\bUSD\b|U\.S\.\s*dollars", whole)
        reader._bare_dollars_doubt = doubt
    if not doubt:
        return None
    for p in group:
        for f in p.figures:
            if f.kind == "usd" and "$" in f.text and not re.search(r"us\s?\$|usd", fold(f.text)):
                return f"{f.text!r} is written '$' in a text that writes another country's " \
                       "dollars with their mark: which dollars is not told"
    return None


def unended_quarter(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                    ) -> str | None:
    """Why a flow's period is in doubt (None when it is not): a quarter named without its
    year ("during the third quarter") that had not ended by the publication, told as done,
    is a fiscal quarter, not that calendar quarter; and in a text that names one, a
    "year-to-date" total runs from a fiscal year's start the text does not give."""
    from . import _months_of

    if record["type"] not in ("btc_mined", "btc_purchased", "btc_sold") or not reader.disclosed:
        return None
    unended = getattr(reader, "_unended_quarters", None)
    if unended is None:  # (once a document)
        published = date.fromisoformat(reader.disclosed)
        unended = [m for found in reader.mentions for m in found
                   if m.kind == "quarter" and m.year_from is not None and m.effective
                   and not m.comparison and _months_of(m.effective)[1] > published]
        reader._unended_quarters = unended
    if not unended:
        return None
    for p in group:
        if p.period is None or not p.period.effective:
            continue
        if p.period.kind == "quarter" and p.period in unended:
            return f'"{p.period.text}" had not ended when the text was published: a fiscal ' \
                   "quarter, whose calendar months the text does not tie to it"
        if p.period.text.startswith(("year-to-date", "quarter-to-date")):
            return f'"{p.period.text}" in a text naming a fiscal quarter ' \
                   f'("{unended[0].text}"): the fiscal year\'s start is not given'
    return None


#: Coins told as added: "with an additional 95 BTC", "another 500 BTC", "a further 80 BTC",
#: "20 BTC supplémentaires", "50 bitcoins de plus".
_ADDED_BEFORE = re.compile(r"\b(?:an?\s+additional|additional|another|a\s+further|further|"
                           r"an\s+extra|extra)\s+(?:~|approximately\s+|about\s+|some\s+)?$")
_ADDED_AFTER = re.compile(r"\s*(?:btc|bitcoins?)?\s*(?:\([^()]{0,12}\)\s*)?(?:supplementaires?|"
                          r"additionnels?|de\s+plus|more\b)")


def added_not_held(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                   ) -> str | None:
    """Why a balance's coins are coins added, not the holdings (None when they are not):
    "grew its reserves with an additional 95 BTC", "20 BTC supplémentaires"."""
    if record["type"] != "btc_balance_disclosed":
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        if _ADDED_BEFORE.search(folded[max(0, f.start - 30):f.start]) or \
                _ADDED_AFTER.match(folded, f.end):
            return f"{f.text!r} is coins added, not the holdings"
    return None


#: A figure held up as the one exceeded: "more than the 4,100 BTC", "plus que les 4 100 BTC",
#: "fewer than the 300 BTC".
_THAN_THE = re.compile(r"\b(?:more|less|fewer|higher|lower|greater|above|below|plus|moins)\s+"
                       r"(?:than|que|qu')\s*(?:the|les?|la|l')\s*$")


def exceeded(record: dict[str, Any], group: list["Proposal"], reader: "Reader") -> str | None:
    """Why a figure is the one another is compared with (None when it is not): written after
    "more than the", "plus que les"."""
    if record["type"] not in ASSERTED_TYPES:
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        if _THAN_THE.search(folded[max(0, f.start - 30):f.start]):
            return f"{f.text!r} is the figure another is compared with"
    return None


#: Another's report the figure is told from: "According to Rivalco's May update, it mined",
#: "Selon la mise à jour de Rivalco, elle a extrait".
_ACCORDING_TO = re.compile(
    r"\b(?:[Aa]ccording\s+to|[Aa]s\s+per|[Pp]er|[Cc]iting|[Ii]n)\s+(?P<name>[A-Z][\w&.-]*[\w&]"
    r"(?:\s+[A-Z][\w&.-]*[\w&]){0,2})(?:'s|\u2019s)\s+|"
    r"\b(?:[Ss]elon|[Dd]'apr[èe]s|[Dd]ans)\s+(?:la|le|les|l'|sa|son|ses)\s*(?:[\w\u00c0-\u017f'-]+\s+)"
    r"{0,4}?(?:de|d')\s*(?P<name_fr>[A-Z][\w&.-]*[\w&](?:\s+[A-Z][\w&.-]*[\w&]){0,2})")


def told_from_another(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                      ) -> str | None:
    """Why a figure is another company's (None when it is not): its sentence tells it from
    that company's own report ("According to Rivalco's May update, it mined 450 BTC",
    "Selon la mise à jour de Rivalco, elle a extrait") and does not name this company."""
    from . import _NOT_NAMES, _same_company

    if record["type"] not in ASSERTED_TYPES or not (reader.own or reader.names):
        return None
    for p, f, folded, a, at in _unnamed_subjects(group, reader):
        line = reader.lines[p.line - 1]
        for m in _ACCORDING_TO.finditer(line, a, f.start):
            name = (m["name"] or m["name_fr"]).strip()
            if all(fold(w).rstrip(".") in _NOT_NAMES for w in name.split()):
                continue
            if not _same_company(name, reader.own or reader.names):
                return f"its sentence tells {name}'s own report, not this company's"
    return None


#: A flow its sentence says has yet to close: "is expected to close next week", "will be
#: completed", "doit être finalisée", "devrait se conclure".
_YET_TO_CLOSE = re.compile(
    r"\b(?:(?:is|are)\s+(?:expected|scheduled|set|due|anticipated)\s+to\s+(?:close|complete|"
    r"settle|be\s+(?:completed|closed|settled|finali[sz]ed))|will\s+(?:close|settle|be\s+"
    r"(?:completed|closed|settled|finali[sz]ed))|(?:doit|doivent|devrait|devraient)\s+(?:etre\s+"
    r"(?:finalisee?s?|conclue?s?|realisee?s?|reglee?s?)|se\s+(?:conclure|finaliser|realiser))|"
    r"sera\s+(?:finalisee?|conclue?|realisee?|reglee?))\b")


def yet_to_close(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                 ) -> str | None:
    """Why a purchase or sale is not yet done (None when it is): its sentence says it is
    expected to close ("The sale of 500 BTC is expected to close next week")."""
    from . import _sentence_of

    if record["type"] not in ("btc_purchased", "btc_sold"):
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        a, b = _sentence_of(folded, f.start)
        if (m := _YET_TO_CLOSE.search(folded, a, b)) is not None:
            return f"its sentence says it has yet to close ({m.group(0)!r})"
    return None


#: An agreement to acquire, not an acquisition: "the definitive agreement entered into in
#: October to acquire a 51% stake", "agreed to acquire", "un accord en vue d'acquérir".
_AGREED_TO_ACQUIRE = re.compile(
    r"\b(?:agreements?|agreed|deal|letter\s+of\s+intent|offer|accord|protocole|offre|"
    r"s'est\s+engagee?)\b[^.;]{0,60}?\b(?:to\s+(?:acquire|purchase|buy|take)|(?:pour|en\s+vue\s+"
    r"d'|afin\s+d')\s*(?:acquerir|racheter|prendre))\b[^.;]{0,40}$")


def agreed_not_done(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                    ) -> str | None:
    """Why a stake or business acquisition is not done (None when it is): its clause tells
    an agreement to acquire, which may not have closed ("entered into a definitive agreement
    to acquire a 51% stake", "un accord en vue d'acquérir 51 %")."""
    from . import _sentence_of

    if record["type"] not in ("stake_acquired", "business_acquired"):
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        a, _ = _sentence_of(folded, f.start)
        if (m := _AGREED_TO_ACQUIRE.search(folded[a:f.start])) is not None:
            return f"its clause tells an agreement to acquire ({m.group(0).strip()[:40]!r}), " \
                   "not an acquisition done"
    return None


#: Metrics a text lists beside "BTC Yield" as its indicators ("BTC Yield, BTC Gain and BTC $
#: Gain", or a reworded copy's "BTC Acquire" listed the same way):
#: "BTC <word>" next to "BTC Yield" in a list is the name of a metric, whatever the word.
_KPI_LIST = re.compile(r"\bbtc\s+yield\s*(?:\([^()]{0,20}\)\s*)?(?:,|and|et)\s*(?:the\s+|le\s+|la\s+)?"
                       r"btc\s+\$?\s*([a-z]+)\b|\bbtc\s+\$?\s*([a-z]+)\s*(?:\([^()]{0,20}\)\s*)?"
                       r"(?:,|and|et)\s*(?:the\s+|le\s+|la\s+)?btc\s+yield\b")


_NOT_METRICS = {"holdings", "holding", "held", "treasury", "reserves", "reserve", "balance",
                "stack", "stash", "price", "prices", "per", "mined", "production", "purchases",
                "acquisitions", "sales", "sold", "bought", "acquired", "and", "et"}


def _metric_names(reader: "Reader") -> set[str]:
    if "_kpi_names" not in reader.__dict__:
        names: set[str] = set()
        for line, folded in zip(reader.lines, reader.folded):
            for m in _KPI_LIST.finditer(folded):
                # (a metric's name is capitalised as names are; "BTC Yield and BTC holdings"
                # names no metric "holdings")
                names |= {w for i, w in enumerate(m.groups(), 1) if w and w != "yield"
                          and line[m.start(i):m.start(i) + 1].isupper()
                          and w not in _NOT_METRICS}
        reader._kpi_names = names
    return reader._kpi_names


def metric_named(record: dict[str, Any], group: list["Proposal"], reader: "Reader"
                 ) -> str | None:
    """Why a draft's coins are the value of a metric the text names, not an action (None when
    they are not): "achieved a BTC Gain of 49,131 BTC" in a text listing "BTC Yield, BTC Gain
    and BTC $ Gain" as its indicators reads "Gain" (or any word so listed, "Acquire" in a
    reworded copy) as a metric's name, however much it looks like a verb."""
    from . import _sentence_of

    if record["type"] not in ("btc_purchased", "btc_sold", "btc_mined",
                              "btc_balance_disclosed", "btc_change_disclosed") or \
            not (names := _metric_names(reader)):
        return None
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        a, _ = _sentence_of(folded, f.start)
        lead = folded[max(a, f.start - 50):f.start]
        if (m := re.search(r"\bbtc\s+\$?\s*([a-z]+)\b[^.;:\d]{0,20}$", lead)) is not None and \
                m.group(1) in names:
            return f"{f.text!r} is the value of a metric the text names (BTC " \
                   f"{m.group(1).capitalize()}), not an action"
    return None
