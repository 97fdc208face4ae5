"""The ``Reader``'s rules for what one figure is: bitcoin (mined, purchased, sold, held,
loaned, pledged), dollars (proceeds, costs, equity raised), results, businesses, repurchases,
notes and their terms, workforce cuts and the shares of an equity raise."""

from __future__ import annotations

from decimal import Decimal
import re
from typing import Any

from .cues import (_ACQUIRE, _AGGREGATE, _BITCOIN, BTC_ACTIONS, _CAPACITY, _CAPACITY_AFTER,
                   _CONVERTIBLE, _CUT, _EQUITY, _ESTIMATE, _FILES_FOR, _INVEST_LINK, _name_after,
                   _nearest, _NOTES, _OWN_PARTICIPLE, _PARTICIPLE_KIND, _PRICE_LINK, _PRINCIPAL_OF,
                   _PROCEEDS_AFTER, _PROGRAM_SIZE, _RAISE, _REPURCHASE, _RESULTS, _RESULTS_AHEAD,
                   _SHARES_NOT_SOLD, _SHARES_SOLD_BEFORE,
                   _SHARES_FOR_AMOUNT, _SIZE_TO, _STILL_HAD, _WORKFORCE, _ZERO_COUPON)
from .reading import (_HELD_LEAD, _ON_BALANCE_SHEET, Proposal, _quote, _RETIRE_VERB,
                      _RETIRED_BEFORE, _RETIRED_WHAT)
from .text import Figure, currency_of, parse_number, _TOTAL_PRICE_OF, _UNIT_PRICE_ASIDE


#: Between a count of shares sold and what they raised: "sold 500,000 shares, raising",
#: "for gross proceeds of", "a émis 500 000 actions nouvelles, levant", "pour un produit brut de".
_FX_PROCEEDS_LINK = re.compile(
    r"[^.;$\d]{0,40}?(?:,\s*)?\b(?:raising|generating|netting|for\s+(?:total\s+|aggregate\s+)?"
    r"(?:net\s+|gross\s+)?proceeds\s+of|levant|generant|pour\s+un\s+(?:produit|montant)\s+"
    r"(?:net\s+|brut\s+)?(?:total\s+)?de)\s*,?\s*(?:~|approximately|about|around|roughly|"
    r"environ)?\s*")


#: Money raised through a program, not its size: "raised $20 million through its
#: at-the-market program", "a levé 20 millions de dollars dans le cadre de son programme".
_RAISED_BEFORE = re.compile(r"\b(?:raised|raising|raises|generated|netted|brought\s+in|"
                            r"(?:a|ont|avoir)\s+leve|levant|levee\s+de|a\s+recolte)\s*,?\s*"
                            r"(?:~|approximately|about|around|roughly|nearly|some|environ|"
                            r"pres\s+de)?\s*(?:us\s?\$|\$|usd\s?)?\s*$")
_RAISED_THROUGH = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:in\s+(?:net\s+|gross\s+)?proceeds\s+)?"
                             r"(?:through|under|via|from|using|by\s+way\s+of|with|par|grace\s+a|"
                             r"via|dans\s+le\s+cadre\s+d[eu']|au\s+titre\s+d[eu']|au\s+moyen\s+d[eu'])"
                             r"\s*(?:its|the|their|our|an?|son|sa|ses|leur|le|la|l'|un|une)\b")


class _Rules:
    """Rules for what one figure is."""

    def _btc(self, k: int, found: list[Figure], head: str, tail: str, folded: str,
             number: int, used: set[int]) -> Proposal | None:
        f = found[k]
        best: tuple[int, str, str] | None = None
        for kind, pattern in BTC_ACTIONS.items():
            m = _nearest(pattern, head[-120:])
            if m:
                distance = len(head[-120:]) - m.end()
                if best is None or distance < best[0]:
                    best = (distance, kind, m.group(0))
        own = _OWN_PARTICIPLE.match(tail)
        if own is not None and (best is None or re.search(
                r"\b(?:and|et)\b|,", head[-120:][len(head[-120:]) - best[0]:])):
            # "1,042 BTC produced in June and 48,137 BTC held as of June 30": a figure's own
            # participle, not the verb of the figure before it
            best = (0, _PARTICIPLE_KIND[own.group("v")[:4]], own.group("v"))
        if re.search(r"\b(?:from|than|versus|vs\.?)\s+(?:[a-z]+['\u2019]s|last\s+(?:month|quarter|"
                     r"year)['\u2019]s|the\s+(?:previous|prior)\s+(?:month|quarter|year)['\u2019]s)\s*"
                     r"(?:approximately\s+|about\s+)?$", head[-40:]):
            return None  # "a sharp slowdown from July's 21,466 BTC": the figure compared with
        rel = re.search(r"\b(?:bitcoins?|btc|coins?)\s+(?:that\s+|which\s+)?(?:it|they|the\s+"
                        r"company)\s+(?:had\s+|has\s+)?(?:produced|mined|held|bought|acquired|"
                        r"sold)\b[^.;]{0,40},\s*(?:or|i\.e\.|soit)\s*(?:approximately\s+|about\s+|"
                        r"some\s+|environ\s+)?$", head[-120:])
        if rel is not None:
            # "sold about 58% of the bitcoins it mined in May, or 121 BTC": the
            # figure restates the share, so it takes the verb the share's clause opens with.
            before = head[-120:][:rel.start()]
            outer = None
            for kind, pattern in BTC_ACTIONS.items():
                m = _nearest(pattern, before)
                if m and (outer is None or len(before) - m.end() < outer[0]):
                    outer = (len(before) - m.end(), kind, m.group(0))
            if outer is not None:
                best = (0, outer[1], outer[2])
        if re.search(r"\bfrom\s*$", head[-8:]) and k + 1 < len(found) and \
                found[k + 1].kind == "btc" and re.fullmatch(
                    r"\s*to\s+(?:a\s+(?:record|new\s+high|high)\s+(?:of\s+)?)?(?:~|about|"
                    r"approximately)?\s*", folded[f.end:found[k + 1].start]):
            return None  # "from 3,018 BTC to a record 7,726 BTC": the earlier figure
        if k > 0 and found[k - 1].kind == "btc" and re.fullmatch(
                r"\s*to\s+(?:a\s+(?:record|new\s+high|high)\s+(?:of\s+)?)?(?:~|about|approximately)?"
                r"\s*", head) and re.search(r"\bfrom\s*$", folded[max(0, found[k - 1].start - 8):
                                                                  found[k - 1].start]):
            # "... production rose by 156%, from 3,018 BTC to a record 7,726 BTC": the
            # later figure, with the words before "from" as its own.
            head = folded[max(0, found[k - 1].start - 120):found[k - 1].start]
            best = None
            for kind, pattern in BTC_ACTIONS.items():
                m = _nearest(pattern, head)
                if m and (best is None or len(head) - m.end() < best[0]):
                    best = (len(head) - m.end(), kind, m.group(0))
            if best is not None and best[1] == "btc_change_disclosed":
                best = None
            moved = re.search(r"\b(?:production|output)\b", head[-80:])
            if moved:
                best = (0, "btc_mined", moved.group(0))
        if best is None and k > 0 and found[k - 1].kind == "btc" and re.fullmatch(
                r"\s*(?:[\w',.-]+\s+){0,5}?(?:and|as well as|et|ainsi que)\s*", head):
            # "produced 940 BTC year-to-date and 312 BTC in March": the verb of the
            # figure it is coordinated with.
            wider = folded[max(0, found[k - 1].start - 120):found[k - 1].start]
            for kind, pattern in BTC_ACTIONS.items():
                m = _nearest(pattern, wider)
                if m and (best is None or len(wider) - m.end() < best[0]):
                    best = (len(wider) - m.end(), kind, m.group(0))
        if best is None and k > 0 and found[k - 1].kind == "usd" and re.fullmatch(
                r"\s*(?:in\s+|en\s+|de\s+)?(?:[\w'-]+,?\s+){1,8}?(?:and|as\s+well\s+as|et|"
                r"ainsi\s+que)\s*(?:approximately\s+|about\s+|some\s+|environ\s+)?", head):
            # "ended the quarter with $1.1 billion in cash, securities and 9,800 bitcoins",
            # "termine l'exercice avec 80 millions de dollars de liquidités et 900 BTC": the
            # last asset of a list a holding verb opens (a holding only)
            wider = folded[max(0, found[k - 1].start - 120):found[k - 1].start]
            m = _nearest(BTC_ACTIONS["btc_balance_disclosed"], wider)
            if m and not any((o := _nearest(pattern, wider)) and o.end() > m.end()
                             for kind, pattern in BTC_ACTIONS.items()
                             if kind != "btc_balance_disclosed"):
                best = (len(wider) - m.end(), "btc_balance_disclosed", m.group(0))
        if (best is None or best[0] > 25) and (moved := re.search(
                r"\b(?:production|output|produced|mined)\b[^.;]{0,60}?\b(?:falling|fell|dropping|"
                r"dropped|declining|declined|rising|rose|increasing|increased|growing|grew|"
                r"climbing|climbed|reaching|reached|totall?ing|totall?ed|en\s+baisse|en\s+hausse|"
                r"passant|passe)\s+(?:by\s+[\d.,]+\s?%\s+)?(?:[\w-]+\s+){0,2}?(?:to|at|a)\s*"
                r"(?:approximately\s+|about\s+|"
                r"environ\s+)?$|\b(?:production|output)\s+(?:reached|totall?ed|was|were|of|de|"
                r"atteint|s'eleve\s+a)\s*(?:approximately\s+|about\s+|environ\s+)?$",
                head[-120:])):
            # "BTC output dropped 37% last month, falling to 352 BTC": what was mined
            best = (0, "btc_mined", moved.group(0).strip())
        if best is not None and best[1] == "btc_change_disclosed" and re.search(
                r"\bby\s+(?:approximately\s+|about\s+)?[\d.,]+\s?%\s+(?:[\w-]+\s+){0,2}?"
                r"(?:to|a)\s*(?:approximately\s+|about\s+|environ\s+)?$", head):
            # "BTC production grew by 5% to 705 BTC": a percentage changed, the figure is the
            # level reached, what was mined or what is held
            if re.search(r"\b(?:production|output|produced|mined|mining)\b", head[-80:]):
                best = (0, "btc_mined", "production")
            elif re.search(r"\b(?:holdings?|held|treasury|reserves?|avoirs)\b", head[-80:]):
                best = (0, "btc_balance_disclosed", "holdings")
            else:
                return None
        if re.search(r"\b(?:average|avg\.?|moyenne?)\s+(?:daily|per\s+day|journali\w+)\b[^.;]{0,30}$"
                     r"|\bdaily\s+(?:average|production|output)\b[^.;]{0,20}$", head) or \
                re.match(r"\s*(?:per|a|/|par)\s*(?:day|jour)\b", tail):
            return None  # "an average daily production of 23.5 BTC", "15.7 BTC per day"
        if best is None:  # "2,000 BTC were purchased"
            for kind, pattern in BTC_ACTIONS.items():
                m = _nearest(pattern, tail[:40], last=False)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), kind, m.group(0))
        if (best is None or best[0] > 0) and re.fullmatch(r"\s*(?:,\s*)?(?:to|a)\s*", head) and \
                k > 0 and found[k - 1].kind == "btc" and re.search(
                    r"\b(?:by|de)\s*$", folded[max(0, found[k - 1].start - 12):found[k - 1].start]):
            # "grew by 402.3 BTC to 1,288.45 BTC": what it came to, a balance.
            best = (0, "btc_balance_disclosed", "to")
        if (best is None or best[1] == "btc_balance_disclosed") and re.search(
                r"\breceived\s*$", head) and re.search(r"\bpa(?:ying|id)\b|\bpurchas",
                                                      folded[f.end:f.end + 120]):
            best = (0, "btc_purchased", "received")  # "received 402.3 bitcoin, paying ..."
        if (sheet := _ON_BALANCE_SHEET.match(tail)) and (best is None or best[1] != "btc_sold"):
            # "6,420 self-mined bitcoin on balance sheet": where the coins are, a balance.
            best = (0, "btc_balance_disclosed", sheet.group(0).strip())
        if best is None:
            return None
        kind, cue = best[1], best[2]
        fields: dict[str, Any] = {"btc": f.value}
        figs = [f]
        doubts = []
        if kind == "btc_change_disclosed" and re.search(r"\b(?:add\w*|ajout\w*)\b", cue) and \
                re.match(r"[^.;]{0,40}?\b(?:at\s+an\s+average\s+(?:purchase\s+)?price|spending|"
                         r"paying|au\s+prix\s+moyen|a\s+un\s+prix\s+moyen|en\s+depensant)\b", tail):
            # "put 18.204 more BTC in its reserve, paying 9,512,000 yen per Bitcoin on
            # average, 173 million yen in all": coins added for a price
            kind = "btc_purchased"
            priced = None
        elif kind == "btc_change_disclosed" and re.search(
                r"\b(?:add\w*|ajout\w*)\b", cue) and k + 1 < len(found) and \
                found[k + 1].kind in ("usd", "fx") and re.fullmatch(
                    r"[^.;$]{0,60}?,?\s*(?:for|pour)\s+(?:a\s+total\s+of\s+|un\s+total\s+de\s+)?"
                    r"(?:approximately|about|around|roughly|nearly|environ|pres\s+de)?\s*",
                    folded[f.end:found[k + 1].start]):
            # "vient d'ajouter 1 086 BTC à son trésor, pour environ 95,3 millions de dollars",
            # "added 1,086 BTC for $95.3 million": coins added for a price were bought.
            kind = "btc_purchased"
            priced: int | None = k + 1
        elif kind == "btc_change_disclosed" and re.search(
                r"\b(?:add\w*|ajout\w*)\b", cue) and k + 1 < len(found) and \
                found[k + 1].kind in ("usd", "fx") and (re.fullmatch(
                    r"[^.;$]{0,60}?,?\s*(?:in|through|with|via)\s+an?\s+",
                    folded[f.end:found[k + 1].start]) and re.match(
                    r"\s*(?:bitcoin\s+|btc\s+)?(?:buy|purchase|acquisition)\b",
                    folded[found[k + 1].end:]) or re.fullmatch(
                    r"[^.;$]{0,60}?,?\s*(?:par|lors\s+d'|dans\s+le\s+cadre\s+d')\s*un\s+(?:achat|"
                    r"acquisition)\s+(?:de|d'un\s+montant\s+de)\s+(?:environ\s+)?",
                    folded[f.end:found[k + 1].start])):
            # "has added 58.3 bitcoin to its balance sheet in a $5 million buy", "par un
            # achat de": coins added in a purchase of a price were bought
            kind = "btc_purchased"
            priced = k + 1
        else:
            priced = None
        if kind == "btc_change_disclosed":
            doubts.append(f'read as a stated net change from "{cue}"')
        if kind in ("btc_mined", "btc_purchased", "btc_sold"):
            usd = self._adjacent_usd(found, k, folded, used)
            if usd is not None and (usd > k or _INVEST_LINK.fullmatch(
                    folded[found[usd].end:f.start])) and (not _AGGREGATE.search(
                        between := _UNIT_PRICE_ASIDE.sub(" ", folded[min(f.end, found[usd].end):
                                                                     max(f.start,
                                                                         found[usd].start)]))
                                                          or _TOTAL_PRICE_OF.search(between)):
                fields["usd"] = found[usd].value
                figs.append(found[usd])
                used.add(usd)
            elif priced is not None and found[priced].kind == "usd" and priced not in used:
                fields["usd"] = found[priced].value
                figs.append(found[priced])
                used.add(priced)
            elif usd is not None and (usd > k or _INVEST_LINK.fullmatch(
                    folded[found[usd].end:f.start])) and found[usd].kind == "usd":
                # a dollar figure tied to the coins but read as a total over time ("for a
                # cumulative $X", "au total"): left out, and the review says so
                doubts.append(f"{_quote(found[usd].text)} is read as a total, not this "
                              "action's price: usd left out, add it only if it is")
            else:
                fx = next((g for g in found[k + 1:k + 3] if g.kind == "fx"
                           and g.start - f.end < 90), None) or next(
                    (g for g in found[max(0, k - 1):k] if g.kind == "fx"
                     and f.start - g.end < 60), None)
                if fx is not None:
                    doubts.append(f"the amount is given in another currency ({_quote(fx.text)})"
                                  ": usd left out, add it only if the text states it in dollars")
        return Proposal(kind, number, fields, figs, doubts=doubts, cue=cue)

    def _usd(self, k: int, found: list[Figure], head: str, tail: str, line: str, folded: str,
             number: int) -> Proposal | None:
        f = found[k]
        near_tail = tail[:60]
        # Results: "$0.84 billion loss", "revenue of $318.6 million", not "consensus of $X".
        if re.match(r"\s*(?:in\s+|of\s+)?(?:unrealized|unrealised|paper)\s+(?:gains?|profits?|"
                    r"losses?)|\s*(?:de\s+)?(?:plus-values?|moins-values?)\s+latentes?", near_tail):
            return None  # "approximately $23.5 billion in unrealized gains"
        if re.match(r"\s*(?:of\s+|de\s+)?(?:fair[- ]value|unrealized|unrealised|impairment|"
                    r"realized|mark[- ]to[- ]market|depreciation|perte de valeur|"
                    r"variation de (?:la )?juste valeur)\b", near_tail):
            return None  # "a $0.9 billion fair-value loss": part of a result, not one
        if re.search(r"\b(?:shares|actions)(?:\s+(?:\w+\s+){0,3}?(?:stock|shares|actions))?\s+"
                     r"(?:at|a|au\s+prix\s+(?:unitaire\s+)?de|at\s+a\s+price\s+of|priced\s+at)\s*"
                     r"(?:approximately\s+|about\s+|environ\s+|~\s*)?(?:us\s?\$|\$|usd\s?)?\s*$",
                     head[-60:]) and not f.rounded:
            return None  # "39,700,000 shares at $41.12": the price of one share
        if re.search(r"\bfrom\s*$", head[-8:]) and re.match(r"[^.;]{0,30}\bto\s", near_tail):
            return None  # "from $7.4 billion in Q1 to $6.8 billion in Q2": the earlier one
        if re.search(r"\bfrom\s*$", head[-8:]) and k > 0 and found[k - 1].kind == "usd" and \
                re.search(r"\bto\s*$", self._folded_line[max(0, found[k - 1].start - 8):
                                                          found[k - 1].start]):
            return None  # "jumped 37% to $7.38 billion from $5.39 billion": the earlier one
        if re.search(r"\b(?:earnings|profits?|income|results|revenues?|resultats|benefices?)\s+"
                     r"(?:by|de)\s*$|\binvest(?:ed|s|ing)?\s*(?:approximately\s+|about\s+)?$",
                     head[-40:]) and not re.search(
                    # ("un bénéfice de 12,3 millions" is the profit, not a change by it)
                    r"\b(?:un|le|son|sa|leur)\s+(?:benefice|resultat)(?:\s+net)?\s+de\s*$",
                    head[-40:]):
            return None  # "boosted that quarter's earnings by $272 million" (an effect on a
            # result), "had invested $1.5 billion in Bitcoin" (coins not given)
        if re.search(r"\b(?:average\s+(?:net\s+)?(?:purchase\s+|sale\s+|selling\s+)?price|price\s+per|"
                     r"cost\s+per|prix\s+moyen|prix\s+unitaire)\b[^$\d.;]{0,30}$", head):
            return None  # "Average Net Price per Bitcoin Sold $25,940": a unit price
        if re.search(r"(?:btc|bitcoins?)\s*\(\s*(?:approximately|about|around|roughly|nearly|"
                     r"worth|valued at|~|environ|soit|pres de)?\s*(?:us\s?)?\$?\s*$", head):
            return None  # "over 900 BTC (approximately $55.1 million)": what the coins are worth
        if k > 0 and found[k - 1].kind == "usd" and re.fullmatch(
                r"\s*(?:in\s+[\w\s]{1,20}?\s*)?to\s*", head) and re.search(
                r"\bfrom\s*$", self._folded_line[:found[k - 1].start]):
            # ... "to $6.8 billion in Q2": the later one, with the cue before "from".
            head = self._folded_line[max(0, found[k - 1].start - 120):found[k - 1].start]
        immediate = re.match(r"\s*(?:in|of|en|de)?\s*(?:total\s+|quarterly\s+|record\s+|"
                             r"consolidated\s+)?", near_tail)
        rest = near_tail[immediate.end() if immediate else 0:]
        # "will be reporting approximately $31 million in revenue", "expects to report",
        # "prévoit de publier": results announced ahead of the report are an estimate (on
        # first sight, results were the shape most often wrong: 6 of 23 right)
        ahead = _RESULTS_AHEAD.search(re.split(r"[.!?;]\s", self._folded_line[
            max(0, f.start - 220):f.start])[-1])
        for pattern, name, sign in _RESULTS:
            m = pattern.match(rest)
            if m:
                if ahead:
                    return None
                return self._result(f, number, name, sign, m.group(0))
        cues = [(m.end(), pattern, name, sign, m.group(0)) for pattern, name, sign in _RESULTS
                for m in pattern.finditer(head)]
        if cues and ahead:
            return None
        if cues:
            position, _, name, sign, cue = max(cues, key=lambda c: (c[0], -len(c[4])))
            before_cue = head[max(0, position - len(cue) - 40):position - len(cue)]
            if name == "net_income_usd" and re.search(r"\badjusted\s+ebitda\s*$", before_cue):
                name = "adjusted_ebitda_usd"  # "Adjusted EBITDA loss of $1.9 million"
            elif name == "adjusted_ebitda_usd" and re.search(r"\bpertes?\s+(?:d'|de\s+l')\s*$",
                                                             before_cue):
                sign = -1  # "une perte d'EBITDA ajusté de 1,9 million de dollars"
            if name == "revenue_usd" and (re.match(
                    r"\s*(?:comprised|consisted\s+of|included|including|se\s+composai\w*|"
                    r"comprenai\w*|dont)\b", head[position:]) or re.match(
                    r"\s*(?:in\s+revenues?\s+)?(?:from|provenant\s+d|issus?\s+d|tires?\s+d)"
                    # (not "to $13.8 billion from $9.1 billion", "from the year before")
                    r"(?!\w)(?!['\s]*(?:us\s?\$|\$|usd|\d|(?:the\s+|a\s+)?(?:same|prior|previous|"
                    r"last|year|quarter|period|year-ago|corresponding|continuing|operations)\b))", self._folded_line[f.end:f.end + 60])):
                return None  # "Revenue comprised $37.1 million from self-mining, ...": the
                # parts of a revenue, each from a business, not the company's revenue
            if name == "revenue_usd" and re.search(
                    r"(?:\b[a-z]+\s+(?:and|&)\s+[a-z]+|\b(?:subscription|services?|transaction|"
                    r"hosting|segment|product|advertising|interest|other|managed|software|"
                    r"mining|energy|retail|institutional|bitcoin|btc|crypto|digital asset|hardware|"
                    r"licens|data center|hosting|cloud)\w*)\s+$", before_cue) and \
                    not re.search(r"\b(?:total|net)\s+$", before_cue):
                return None  # "subscription and services revenue": a segment, not the total
            if name == "revenue_usd" and re.match(
                    r"\s*(?:sur|des|de|du|d'|issus?\s+de|provenant\s+de|tires?\s+d[eu']|from|of)"
                    r"\s*(?:les\s+|la\s+|"
                    r"l'|le\s+|its\s+|the\s+|ses\s+|son\s+|sa\s+)?(?:services?|abonnements?|"
                    r"subscriptions?|licences?|licens\w*|produits?|products?|activites?\s+de|"
                    r"segment|hebergement|hosting|minage|mining|logiciels?|software|"
                    # "les revenus des ventes de bitcoin", "revenue from bitcoin sales"
                    r"(?:ventes?\s+(?:de\s+|d')?)?(?:bitcoins?|btc|cryptos?\w*))\b",
                    head[position:]):
                return None  # "les revenus sur les services d'abonnement", "revenue from
                # its hosting business": a segment, not the company's revenue
            # "expected revenue of $X", "le consensus ... bénéfice net de X": not reported.
            blocked = _nearest(_ESTIMATE, head)
            stake_or_deal = _nearest(_ACQUIRE, head[position:]) or _nearest(_RAISE,
                                                                              head[position:])
            if not blocked and not stake_or_deal and len(head) - position <= 160:
                return self._result(f, number, name, sign, cue)
        if _ESTIMATE.search(head[-60:]):
            return None
        if _CAPACITY.search(head[-70:]):
            return None  # "up to $40.0 million", "the availability to raise $271.3 million"
        if _CAPACITY_AFTER.match(tail) or _STILL_HAD.search(head[-50:]):
            return None  # "$3.6 billion of stock still available for issuance", "$9.7
            # billion in remaining capacity", "still had $X": what is left, not raised
        if _PROGRAM_SIZE.match(tail) and not (_RAISED_BEFORE.search(head[-40:]) and
                                              _RAISED_THROUGH.match(tail)) or \
                _FILES_FOR.search(head[-40:]):
            return None  # "a $5 billion at-the-market equity offering program", "files for a
            # $5 billion stock offering": the size of a program, not stock sold
        # Equity: "sold 95,000 shares ..., generating approximately $8.3 million in net
        # proceeds", "selling 6.40 million shares, raising $1.71 billion in net proceeds".
        shares_near = next((g for g in reversed(found[:k]) if g.kind == "shares"), None)
        if _PROCEEDS_AFTER.match(tail) and shares_near is not None and \
                f.start - shares_near.end < 160 and not _REPURCHASE.search(head[-160:]) and \
                not _NOTES.search(folded[shares_near.end:f.start]):
            return Proposal("equity_issued", number, {"usd": f.value, "shares": shares_near.value},
                            [f, shares_near], cue="proceeds")
        # "sold 1,354,500 shares under its ATM program, raising $519.5 million", "a vendu
        # 1 354 500 actions, levant 519,5 millions de dollars"
        if shares_near is not None and f.start - shares_near.end < 120 and re.search(
                r"\b(?:raising|generating|netting|bringing\s+in|for\s+(?:total\s+|aggregate\s+)?"
                r"(?:net\s+|gross\s+)?proceeds\s+of|levant|generant|pour\s+un\s+(?:produit|"
                r"montant)\s+(?:net\s+|brut\s+)?(?:total\s+)?de)\s*,?\s*(?:~|approximately|about|"
                r"around|roughly|environ)?\s*$", head[-40:]) and re.search(
                r"\b(?:sold|sells?|selling|issued|issuing|placed|sale\s+of|vendu\w*|emis\w*|"
                r"cede\w*|cession\s+de|vente\s+de)\b[^.;]{0,40}$",
                folded[max(0, shares_near.start - 80):shares_near.start]) and \
                not _REPURCHASE.search(head[-160:]) and \
                not _NOTES.search(folded[shares_near.end:f.start]):
            return Proposal("equity_issued", number, {"usd": f.value, "shares": shares_near.value},
                            [f, shares_near], cue="shares sold")
        if re.search(r"(?:option|greenshoe|over-?allotment)[^.;]{0,60}$|\b(?:additional|further)"
                     r"\s*$", head) or re.match(r"\s*supplementaires?\b", tail):
            return None  # "an option to buy up to a further $120 million", "300 millions de
            # dollars supplémentaires d'obligations": optional, not issued
        # Equity: "sold 316,870 shares under its sales agreement for total net proceeds
        # of about $14.2 million", "1,500,000 shares ... for net proceeds of $96.4M".
        shares_before = next((g for g in reversed(found[:k]) if g.kind == "shares"), None)
        if re.search(r"(?:net|gross)?\s*proceeds\s*(?:\([^)]*\)\s*)?(?:of|de|totaling)?\s*"
                     r"(?:~|approximately|about|environ)?\s*$|produit\s+(?:net|brut)\s+(?:de\s+)?"
                     r"(?:~|environ)?\s*$", head) and (shares_before is not None or
                                                   _EQUITY.search(head) or re.match(
                # "generated gross proceeds of $10 million from the sale of 2 million shares":
                # the stock sold named after the proceeds
                r"\s*(?:in\s+(?:cash\s+)?)?(?:from|through|via|par|grace\s+a)\s+(?:the\s+|its\s+|"
                r"la\s+|l')?(?:sale|issuance|issue|placement|offering|vente|emission|cession)\s+"
                r"(?:of|de|d')\s+(?:[\w.,\s']{0,30}?)(?:shares|stock|actions)\b", tail)) \
                and not _REPURCHASE.search(head) and not _NOTES.search(head[-120:]):
            p = Proposal("equity_issued", number, {"usd": f.value}, [f], cue="proceeds")
            if shares_before is not None and f.start - shares_before.end < 200:
                p.fields["shares"] = shares_before.value
                p.figures.append(shares_before)
            return p
        # Equity: "sold 18.5 million new shares for $265 million".
        if k > 0 and found[k - 1].kind == "shares" and (_PRICE_LINK.fullmatch(
                folded[found[k - 1].end:f.start]) or _SHARES_FOR_AMOUNT.fullmatch(
                folded[found[k - 1].end:f.start])) and not _REPURCHASE.search(head):
            return Proposal("equity_issued", number, {"usd": f.value}, [f], cue="shares")
        # Notes paid back: "repaid $71.2 million of its convertible debt", "a remboursé 71,2
        # millions de dollars de dette convertible".
        if ((back := _RETIRE_VERB.search(head[-60:])) and _RETIRED_WHAT.match(tail) or (
                back := _RETIRED_BEFORE.search(head[-120:]))) and not _CAPACITY.search(head[-40:]):
            word = back.group("verb") if "verb" in back.re.groupindex else back.group(0)
            how = "repurchased" if re.search(r"repurchas|rachet|bought", word) else \
                "converted" if "conver" in word else "repaid"
            fields = {"principal_usd": f.value, "how": how}
            figs = [f]
            nominal = next((g for g in found[k + 1:k + 2] if g.kind == "usd" and re.fullmatch(
                r"[^.;$]{0,80}\b(?:(?:d'un|a|an?|for\s+an?|in)\s+)?(?:montant\s+(?:nominal|principal)|"
                r"valeur\s+nominale|(?:aggregate\s+)?principal\s+amount)\s+(?:total\s+|global\s+)?"
                r"(?:de\s+|d'|of\s+)(?:approximately\s+|about\s+|environ\s+)?",
                folded[f.end:g.start])), None)
            if nominal is not None and how == "repurchased" and re.search(
                    r"\b(?:for|pour)\s*(?:approximately\s+|about\s+|environ\s+)?$", head[-30:]):
                # "a racheté pour 230 millions de dollars d'obligations d'un montant nominal
                # de 250 millions": the price first, the principal after it
                fields = {"principal_usd": nominal.value, "how": how, "usd": f.value}
                return Proposal("notes_retired", number, fields, [f, nominal], cue=word)
            paid = next((g for g in found[k + 1:k + 2] if g.kind == "usd" and re.fullmatch(
                r"[^.;$]{0,80}\b(?:for|pour|at a cost of)\s*(?:approximately\s+|about\s+|"
                r"environ\s+)?", folded[f.end:g.start])), None)
            if paid is not None and how == "repurchased":  # "... for $180 million in cash"
                fields["usd"] = paid.value
                figs.append(paid)
            return Proposal("notes_retired", number, fields, figs, cue=word)
        if _NOTES.search(head[-120:]) and re.search(
                r"\b(?:raising|raised|raises|generating|generated|netting|netted|(?:net|gross)\s+"
                r"proceeds\s+of|levant|produit\s+net\s+de)\s*(?:~|approximately|about|around|"
                r"environ)?\s*(?:us\s?\$|\$)?\s*$", head[-40:]):
            return None  # "a notes offering due 2031, raising $1.84 billion": what it brought
            # in, not its principal
        if _NOTES.search(head[-160:]) and re.search(
                r"(?:,|\(|-)\s*(?:dont|of\s+which|including|y\s+compris)\s*(?:~|approximately|"
                r"about|environ)?\s*(?:us\s?\$|\$)?\s*$", head[-40:]):
            return None  # "$600 million of notes, of which $75 million under the option":
            # a part of the issue just told, not another one
        # Notes: "$640 million via zero-interest convertible notes", "1.75% convertible notes".
        notes = _nearest(_NOTES, tail, last=False)
        equity = _nearest(_EQUITY, tail, last=False)
        before_all = re.split(r"[,;:]", folded[max(0, f.start - 160):f.start])[-1]
        retiring = re.search(r"\b(?:repaid|repay\w*|redeem\w*|retired|repurchas\w*|bought\s+"
                             r"back|rembours\w*|rachet\w*)\b", before_all)
        if notes and (equity is None or notes.start() < equity.start()) and notes.start() < 80:
            if retiring:
                return None  # "repurchased $200 million of its notes for $180 million"
            return self._notes(f, found, k, tail, head, number)
        if equity and equity.start() < 60 and not _REPURCHASE.search(head[-60:] + tail[:60]):
            if _RAISE.search(head[-80:]) or _RAISE.search(tail[:equity.end() + 30]):
                return Proposal("equity_issued", number, {"usd": f.value}, [f],
                                cue=equity.group(0))
        if ((_nearest(_NOTES, head[-60:]) and _CONVERTIBLE.search(head[-60:])) or
                re.search(r"obligations?\s+(?:convertibles?\s+)?(?:de|d'un montant de)\s*$",
                          head)) and not retiring:
            return self._notes(f, found, k, tail, head, number)
        # "une émission d'obligations convertibles à 0 % ... pour un montant total de 3
        # milliards de dollars", "notes ..., in an aggregate principal amount of $500 million".
        if _NOTES.search(head[-200:]) and _SIZE_TO.search(head[-200:]) and \
                not _REPURCHASE.search(head[-200:]) and not _CAPACITY.search(head[-70:]):
            # "raised the principal amount of its notes due 2031 to $1.2 billion",
            # "le montant principal de ses obligations ... a été porté à 1,2 milliard"
            return self._notes(f, found, k, tail, head[-200:], number)
        if _NOTES.search(head[-220:]) and _PRINCIPAL_OF.search(head) and \
                not _REPURCHASE.search(head[-220:]) and not _CAPACITY.search(head[-70:]):
            return self._notes(f, found, k, tail, head[-220:], number)
        # A business: "$1.5 billion acquisition of NAME", "acquired NAME for $X".
        m = re.match(r"\s*(?:acquisition|takeover|purchase|rachat)\s+(?:of|de|d')\s*", tail)
        if m and not _BITCOIN.match(tail[m.end():]):
            named = _name_after(line, f.end + m.end())
            return self._business(f, number, named[0] if named else None)
        m = _nearest(_ACQUIRE, head[-80:])
        if m:  # "acquired NAME for $X", "the acquisition of NAME for $X"
            named = _name_after(line, f.start - len(head[-80:]) + m.end())
            if named and _PRICE_LINK.fullmatch(folded[named[1]:f.start]):
                return self._business(f, number, named[0])
        # A bitcoin sale or purchase given in dollars: "$0.9 billion bitcoin sale",
        # "divested $0.9 billion worth of bitcoin"; not the value or cost of a bitcoin figure
        # just before it ("5,140 BTC (approx. $128.6 million)", "acquired for $1.93 billion"
        # after holdings), nor a total spent over time.
        if k > 0 and found[k - 1].kind in ("btc", "fx") and f.start - found[k - 1].end < 45:
            return None
        if _AGGREGATE.search(head[-80:]):
            return None
        if re.match(r"\s*(?:\w+\s+){0,2}(?:to|pour|afin d')\s+(?:buy|purchase|acquire|acheter|"
                    r"acquerir)\b", tail) or re.search(r"\b(?:bitcoin|btc)[- ](?:options|"
                                                       r"securities|etfs?|futures|miners?|"
                                                       r"related)", tail[:60]):
            return None  # "$300 million set aside to buy bitcoin options": not bitcoin bought
        around = head[-80:] + " " + tail[:60]
        if re.search(r"\b(?:at|@)\s*(?:~|approximately|about|around|roughly)?\s*(?:us\s?\$|\$|"
                     r"usd\s?)?\s*$|\b(?:acquisition|average|purchase|unit|cost)\s+(?:cost|price)"
                     r"\s+(?:basis\s+)?(?:of\s+)?(?:~|approximately|about|around|roughly)?\s*"
                     r"(?:us\s?\$|\$|usd\s?)?\s*$|\b(?:acquisition|average|purchase)\s+cost\s+"
                     r"(?:basis\s+)?(?:of\s+)?(?:~|approximately|about|around|roughly)?\s*(?:us\s?\$|"
                     r"\$|usd\s?)?\s*$", head[-40:]):
            return None  # "first bought bitcoin at US$31k", "under its average cost of
            # about $64,000": a price per coin, not dollars spent
        if _HELD_LEAD.search(line[max(0, f.start - 40):f.start]):
            return None  # "now holds $28 billion in bitcoin": a value, not a purchase
        if re.search(r"\b(?:loans?|pret|emprunts?|credit\s+facility|facilite\s+de\s+credit|"
                     r"borrow\w*|emprunte\w*|a\s+emprunte)\b[^.;]{0,25}$", head[-60:]) or \
                re.match(r"\s*(?:[\w-]+\s+){0,2}?(?:loans?|credit\s+facility|term\s+loan)\b", tail):
            return None  # "obtained a $6.8 million loan to buy bitcoin": borrowed, not spent
        if _BITCOIN.search(around):
            sold = _nearest(BTC_ACTIONS["btc_sold"], around)
            bought = _nearest(BTC_ACTIONS["btc_purchased"], around)
            if sold or bought:
                kind = "btc_sold" if sold and (not bought or sold.start() > bought.start()) \
                    else "btc_purchased"
                return Proposal(kind, number, {"usd": f.value}, [f],
                                cue=(sold or bought).group(0))  # type: ignore[union-attr]
        return None

    def _result(self, f: Figure, number: int, name: str, sign: int, cue: str) -> Proposal:
        doubts = []
        if cue.strip() in ("loss", "losses", "perte", "pertes"):
            doubts.append(f'"{cue.strip()}" read as net income (negative)')
        if sign > 0 and re.search(r"\b(?:negative|minus|negatif|negative)\s*(?:of\s+|de\s+)?$",
                                  self._folded_line[max(0, f.start - 20):f.start]):
            sign = -1  # "Adjusted EBITDA was negative $12.3 million"
            doubts.append('"negative" read as a minus sign')
        elif sign > 0 and re.search(r"(?:^|[\s(:])[-\u2212\u2013]\s?(?:us\s?\$|\$)?$",
                                    self._folded_line[max(0, f.start - 6):f.start]):
            sign = -1  # "le résultat net ressort à -12,3 millions de dollars": a minus sign
            doubts.append('"-" before the amount read as a minus sign')
        return Proposal("results_reported", number, {name: f.value * sign}, [f], doubts=doubts,
                        cue=cue)

    def _business(self, f: Figure, number: int, target: str | None) -> Proposal:
        fields: dict[str, Any] = {"usd": f.value}
        doubts = []
        if target:
            fields["target"] = target
        else:
            doubts.append("the text names no target here: add it")
        return Proposal("business_acquired", number, fields, [f], doubts=doubts)

    def _repurchase(self, k: int, found: list[Figure], head: str, folded: str,
                    used: set[int], number: int) -> Proposal | None:
        """Shares bought back: "repurchased 1,250,000 common shares for $1.4 million",
        "a racheté 300 000 actions" (the dollars when the text gives them in dollars; an
        amount in another currency is named for the analyst, never converted)."""
        f = found[k]
        cue = _nearest(_REPURCHASE, head[-70:])
        if cue is None or len(head[-70:]) - cue.end() > 45 or \
                _RAISE.search(head[-70:][cue.end():]) or _CAPACITY.search(head[-70:]) or \
                re.search(r"\b(?:allow\w*|authori[sz]\w*|permit\w*|permet\w*|may|peut|pourra)\b",
                          head[-70:]):
            return None  # what a buyback program allows is capacity, not shares bought
        fields: dict[str, Any] = {"shares": f.value}
        figs, doubts = [f], []
        usd = self._adjacent_usd(found, k, folded, used)
        if usd is not None and usd > k:
            fields["usd"] = found[usd].value
            figs.append(found[usd])
            used.add(usd)
        elif (fx := next((g for g in found[k + 1:k + 3] if g.kind == "fx"
                          and g.start - f.end < 120), None)) is not None:
            doubts.append(f"the amount is given in another currency ({_quote(fx.text)}): usd "
                          "left out, add it only if the text states it in dollars")
        return Proposal("shares_repurchased", number, fields, figs, doubts=doubts,
                        cue=cue.group(0))

    def _fx_notes(self, k: int, found: list[Figure], head: str, tail: str, number: int
                  ) -> Proposal | None:
        """Notes issued in another currency ("its 5th Series of Ordinary Bonds ..., raising
        5 billion yen", "des obligations convertibles de 10 millions d'euros"): drafted with
        their terms and the principal as stated, in ``principal`` with its ISO 4217
        ``currency`` (never converted, never in principal_usd); when the words name no one
        currency ("couronnes"), without a principal, the currency named for the analyst."""
        f = found[k]
        # Notes paid back in another currency ("repaid €3 million of its convertible bonds",
        # "a remboursé 3 millions d'euros de ses obligations"): the principal as stated.
        if ((back := _RETIRE_VERB.search(head[-60:])) and _RETIRED_WHAT.match(tail) or (
                back := _RETIRED_BEFORE.search(head[-120:]))) and \
                not _CAPACITY.search(head[-40:]) and (code := currency_of(f.text)) is not None:
            word = back.group("verb") if "verb" in back.re.groupindex else back.group(0)
            how = "repurchased" if re.search(r"repurchas|rachet|bought", word) else \
                "converted" if "conver" in word else "repaid"
            return Proposal("notes_retired", number, {"principal": f.value, "currency": code,
                                                      "how": how}, [f], cue=word)
        near = head[-90:] + " " + tail[:50]
        if not (_NOTES.search(near) and (_RAISE.search(near) or _CONVERTIBLE.search(near))) \
                or _REPURCHASE.search(near) or _CAPACITY.search(head[-70:]) or \
                _ESTIMATE.search(head[-60:]):
            return None
        p = self._notes(f, found, k, tail, head, number)
        del p.fields["principal_usd"]
        code = currency_of(f.text)
        if code is not None:
            p.fields["principal"] = f.value
            p.fields["currency"] = code
            if "conversion_price_usd" in p.fields:
                # a price in dollars beside a principal in another currency is a conversion
                # the writer made (or another security's): the reviewer adds the stated one
                del p.fields["conversion_price_usd"]
                p.doubts.append(f"a conversion price in dollars beside notes in {code} is "
                                f"left out: add the one stated in {code} as conversion_price")
            p.doubts[:] = [d for d in p.doubts if "no coupon is given" not in d]
            return p
        if not any(name in p.fields for name in ("coupon_percent", "maturity",
                                                  "conversion_rate", "conversion_price_usd")):
            # no amount in dollars and no term: an issue the reviewer is shown (the gate on
            # notes with fewer than two terms keeps it from being proposed), never a record
            p.doubts.append("no term of the notes is given in dollars or as a rate")
        p.doubts.append(f"the principal is given in another currency ({_quote(f.text)}): "
                        "principal_usd left out, add it only if the text states it in dollars")
        return p

    def _notes(self, f: Figure, found: list[Figure], k: int, tail: str, head: str,
               number: int) -> Proposal:
        fields: dict[str, Any] = {"principal_usd": f.value}
        figs = [f]
        words = (head if _PRINCIPAL_OF.search(head) or _SIZE_TO.search(head) else head[-60:]) \
            + " " + tail[:80]
        fields["convertible"] = bool(_CONVERTIBLE.search(words))
        doubts = []
        coupon = next((g for g in found[k + 1:k + 2] if g.kind == "percent"
                       and (g.start - f.end < 30 or re.fullmatch(
                           r"\s*(?:in\s+)?(?:aggregate\s+)?principal\s+amount\s+of\s+",
                           self._folded_line[f.end:g.start]) or re.fullmatch(
                           r"[\s\w'-]{0,45}\b(?:notes?|obligations?|convertibles?|bonds?|senior|"
                           r"de\s+premier\s+rang)\s+(?:a|at|de|bearing|portant)\s+",
                           self._folded_line[f.end:g.start]))), None)
        if coupon is None:
            coupon = next((g for g in found[max(0, k - 1):k] if g.kind == "percent"
                           and f.start - g.end < 30), None)
        if coupon is None:  # "obligations convertibles à 0 % ... pour un montant de X"
            coupon = next((g for g in reversed(found[:k]) if g.kind == "percent" and re.search(
                r"(?:notes?|bonds?|obligations?|convertibles?|senior|de premier rang|oceanes?)"
                r"\s+(?:a\s+|at\s+|de\s+)?$", self._folded_line[max(0, g.start - 40):g.start])),
                None)
        if coupon is None:  # "assorties d'un coupon de 2,5 %", "bearing interest at 3%"
            coupon = next((g for g in found[k + 1:] if g.kind == "percent"
                           and g.start - f.end < 120 and re.search(
                               r"(?:coupon|interest|interet|taux|bearing|at a rate of)"
                               r"[^.;]{0,20}$", self._folded_line[f.end:g.start])), None)
        if coupon is not None and (re.search(
                r"\b(?:premium|prime(?:\s+de\s+conversion)?|decote|discount|above|au-dessus)"
                r"\s+(?:of\s+|de\s+|d'|to\s+)?(?:approximately\s+|about\s+|environ\s+)?$",
                self._folded_line[max(0, coupon.start - 40):coupon.start]) or re.match(
                r"\s*(?:conversion\s+)?(?:premium|prime|discount|decote|above|au-dessus)\b",
                self._folded_line[coupon.end:])):
            coupon = None  # "a conversion premium of 30%", "at a 25% premium": no coupon
        if coupon is not None:
            fields["coupon_percent"] = coupon.value
            figs.append(coupon)
        elif m := _ZERO_COUPON.search(words):
            fields["coupon_percent"] = Decimal(0)
            doubts.append(f'coupon 0 from "{m.group(0)}"')
        else:
            doubts.append("no coupon is given: add coupon_percent")
        if not fields["convertible"]:
            doubts.append("the text does not say they are convertible")
        # The terms often follow in the next paragraphs ("The notes will mature on ...",
        # "The initial conversion rate is ..."): read on for three lines, stopping at another
        # issue of notes.
        # The sentence's own words before the amount count too ("obligations à 0 % arrivant à
        # échéance en 2029, pour un montant total de 3 milliards de dollars").
        # (not when those words are an earlier issue's in a list: "$1.0 billion of 0.25% notes
        # due 2032 and $1.0 billion of 1.00% notes due 2033", each issue's terms after it)
        earlier = next((g for g in reversed(found[:k]) if g.kind in ("usd", "fx", "btc")), None)
        listed = earlier is not None and earlier.kind in ("usd", "fx") and re.search(
            r"(?:,|\band|\bet|\bas\s+well\s+as|\bainsi\s+que)\s*(?:(?:an?|un|une)\s+(?:further|"
            r"additional|second|supplementaire)?\s*)?(?:(?:de|of)\s+)?$", head) is not None and \
            _NOTES.search(head) is not None
        windows = [(number, f.start if listed else max(0, f.start - len(head)),
                    self._folded_line)]
        # A release gives the terms paragraphs later, under their own headings ("Details of the
        # Offering", "Conversion and Repurchase"): read on through twelve lines (blank lines
        # between paragraphs not counted).
        read = 0
        for j in range(number, len(self.folded)):
            nxt = self.folded[j]
            if not nxt.strip():
                continue
            read += 1
            if read > 12:
                break
            other = re.search(r"(?<!additional )(?<!per )(?<!per us )(?<!additional us )"
                              r"\$\s?\d[^.;]{0,40}\b(?:notes|bonds|"
                              r"obligations)\b", nxt)
            if other and not re.search(
                    r"\b(?:previously\s+announced|initially\s+(?:announced|proposed)|"
                    r"(?:increased|upsized|raised|reduced)\s+from|initialement\s+annonce|"
                    r"(?:releve|porte|augmente)\w*\s+(?:par\s+rapport\s+au|de))\b[^.;]{0,25}$",
                    nxt[max(0, other.start() - 60):other.start()]):
                # another issue of notes ("per $1,000 ... of notes" is a term, and the size an
                # offering was changed from is this one's)
                break
            windows.append((j + 1, 0, nxt))
        if "coupon_percent" not in fields:
            for at_line, offset, text in windows:
                if z := re.search(r"\b(?:(?:carry|carries|bear|bears|pay|pays)\s+no\s+(?:regular\s+)?"
                                  r"interest|(?:do|does|will|shall)\s+not\s+(?:bear|incur|carry|pay|"
                                  r"accrue)\s+(?:regular\s+|any\s+)?interest|non-interest[- ]bearing|"
                                  r"ne\s+porter(?:ont|a)\s+pas\s+(?:d')?interets?|"
                                  r"zero[- ]coupon|sans\s+interets?|ne\s+portent\s+pas\s+"
                                  r"interet)\b", text):
                    fields["coupon_percent"] = Decimal(0)
                    doubts[:] = [d for d in doubts if "no coupon is given" not in d]
                    doubts.append(f'coupon 0 from "{z.group(0)}" (line {at_line})')
                    figs.append(Figure("terms", Decimal(0), z.start(), z.end(),
                                       self.lines[at_line - 1][z.start():z.end()], False,
                                       False, at_line))
                    break
                # "The bond ... offering a 9.25% annual coupon", "un coupon
                # annuel de 7,5 %", "an interest rate of 7.5%": the coupon in a sentence of
                # its own
                c = re.search(r"(?P<n>\d{1,2}(?:[.,]\d{1,4})?)\s?%\s+(?:(?:annual|fixed|yearly|"
                              r"per\s+annum)\s+)?(?:coupon|interest\s+rate)\b|\b(?:(?:annual\s+)?"
                              r"coupon|interest\s+rate|taux\s+d'interet|coupon\s+annuel|coupon)\s+"
                              r"(?:annuel\s+|fixe\s+)?(?:of|de|is|est\s+de|at)\s+(?P<m>\d{1,2}(?:[.,]"
                              r"\d{1,4})?)\s?%|"
                              # "The notes bear interest at a rate of 0.625% per year", "les
                              # obligations porteront intérêt au taux annuel de 0,625 %"
                              r"\b(?:bear|bears|bearing|accrue|accrues|pay|pays)\s+(?:regular\s+)?"
                              r"(?:cash\s+)?interest\s+(?:semi-?annually\s+)?at\s+(?:(?:a|an|the)\s+"
                              r"(?:fixed\s+)?(?:annual\s+)?rate\s+of\s+)?(?P<b>\d{1,2}(?:[.,]\d{1,4})?)"
                              r"\s?%|\b(?:porter\w*|portant|portent)\s+(?:des\s+)?interets?\s+(?:au\s+"
                              r"taux\s+(?:annuel\s+|fixe\s+)?de|a)\s+(?P<p>\d{1,2}(?:[.,]\d{1,4})?)"
                              r"\s?%", text[offset:])
                if c is not None:
                    group = next(g for g in ("n", "m", "b", "p") if c[g])
                    at = offset + c.start(group)
                    raw = self.lines[at_line - 1][at:offset + c.end(group)]
                    value = parse_number(raw, self.line_lang[at_line - 1])
                    if value is not None:
                        fields["coupon_percent"] = value
                        doubts[:] = [d for d in doubts if "no coupon is given" not in d]
                        figs.append(Figure("percent", value, at, at + len(raw), raw, False,
                                           False, at_line))
                        break
        for at_line, offset, text in windows:
            line = text[offset:]
            self._terms(fields, figs, at_line, offset, line)
        if "maturity" not in fields:
            doubts.append("maturity not read: add it if the text gives one")
        if fields["convertible"] and not ("conversion_rate" in fields or
                                          "conversion_price_usd" in fields):
            doubts.append("conversion terms not read: add them if the text gives them")
        return Proposal("notes_issued", number, fields, figs, doubts=doubts)

    def _terms(self, fields: dict[str, Any], figs: list[Figure], at_line: int, offset: int,
               line: str) -> None:
        """Conversion rate and price, and a maturity day, read from one line's text."""
        terms = self.line_lang[at_line - 1]
        original = self.lines[at_line - 1]
        if fields["convertible"]:
            # "The notes' conversion rate will initially be N shares", "Initial conversion
            # rates are set at N shares", "an initial rate of N shares": words, no figure, between.
            # (the shares' class between the figure and "shares", "62.5 Class A ordinary
            # shares", and the currency's prefix before the denomination, "per US $1,000")
            rate = re.search(r"(?:conversion|initial)\s+rates?\b[^.;\d$]{0,60}?"
                             r"(?P<n>\d[\d,.]*)\s+(?:(?:class\s+[a-z]|common|ordinary|american|"
                             r"depositary)\s+)*shares?\b[^.;]{0,80}?per\s+(?:us\s?)?\$?\s?1,000|"
                             r"taux\s+de"
                             r"\s+conversion\s+(?:initial\s+)?(?:de\s+(?:ces|ses|les)\s+[a-z]+\s+)?"
                             r"(?:est\s+|sera\s+|s'eleve\s+a\s+)?(?:fixe\s+a\s+|a\s+)?(?:de\s+|d')?"
                             r"(?:environ\s+)?(?P<f>\d[\d\s,.]*?)\s+actions?\s+(?:[a-z\s]{0,40}?)"
                             r"(?:pour|par)\s+(?:tranche\s+de\s+)?(?:\$\s?)?1\s?000", line)
            price = re.search(r"(?:conversion\s+price\s+(?:of|is|will\s+be|at|set\s+at|of\s+about)?|"
                              # "convertible at $3.50 per share", "convertible into common
                              # stock at a price of $3.50 per share"
                              r"\bconvertible\s+(?:(?:into|in)\s+(?:\w+\s+){1,3}?)?at\s+"
                              r"(?:a\s+(?:conversion\s+)?"
                              r"price\s+of\s+)?(?=(?:approximately\s+|about\s+)?\$\s?\d[\d,.]*\s+per\s+"
                              r"(?:\w+\s+)?share))\s*"
                              r"(?:approximately\s+|roughly\s+|around\s+|~\s?|"
                              r"about\s+)?\$\s?(?P<n>\d[\d,.]*)|"
                              # "41.3301 shares per $1,000 principal amount, equivalent to $24.20
                              # per share"
                              r"per\s+\$\s?1,000\s+(?:in\s+)?principal\s+amount(?:\s+of\s+notes)?,?\s+"
                              r"(?:which\s+is\s+)?equivalent\s+to\s+(?:approximately\s+|about\s+)?"
                              r"\$\s?(?P<e>\d[\d,.]*)\s+per\s+share|"
                              r"prix\s+de\s+conversion\s+(?:initial\s+)?"
                              r"(?:est\s+|sera\s+|s'eleve\s+a\s+)?(?:de\s+|d')?(?:environ\s+)?"
                              r"(?P<f>\d[\d\s,.]*?)\s?(?:\$|dollars|usd)", line)
            if price is None:
                # "Cette conversion se traduit par environ 24,24 $ par action": the price the
                # rate comes to
                price = re.search(r"\b(?:se\s+traduit\s+par|correspond\s+a|equivaut\s+a)\s+"
                                  r"(?:un\s+prix\s+de\s+)?(?:environ\s+)?(?P<f>\d[\d\s,.]*?)\s?"
                                  r"(?:\$|dollars|usd)\s+(?:par|l')\s*action", line)
            for name, m in (("conversion_rate", rate), ("conversion_price_usd", price)):
                if m is None or name in fields:
                    continue
                english = m.groupdict().get("n") or m.groupdict().get("e")
                text = (english or m["f"]).strip().rstrip(".,")
                value = parse_number(text, "en" if english else "fr") or \
                    parse_number(text, terms)
                if value is not None and value > 0:
                    fields[name] = value
                    at = offset + m.start(m.lastgroup or 0)
                    figs.append(Figure("terms", value, at, at + len(text),
                                       original[at:at + len(text)], False, False, at_line))
        for maturity in re.finditer(r"(?:mature|maturing|due|maturity\s+date\s+(?:of|is)|"
                                    r"echeance|remboursables?|echeant)\s+(?:on\s+|le\s+|au\s+|"
                                    r"in\s+|en\s+)?", line):
            # A day ("mature on January 15, 2030") is the maturity; a bare year ("due 2030")
            # only until a day of that year is read.
            if "maturity" in fields and len(str(fields["maturity"])) != 4:
                break
            at = offset + maturity.end()
            day = next((mm for mm in self.mentions[at_line - 1] if mm.kind in ("date", "month")
                        and mm.effective and mm.start >= at - 3 and mm.start - at <= 3), None)
            year = re.match(r"((?:19|20)\d{2})\b(?![,.]?\d)", self.folded[at_line - 1][at:])
            if day is not None and (
                    "maturity" not in fields or day.effective[:4] == fields["maturity"]):
                fields["maturity"] = day.effective
                figs.append(Figure("terms", Decimal(0), day.start, day.end, day.text, False,
                                   False, at_line))
            elif year is not None and "maturity" not in fields:  # "notes due 2029"
                fields["maturity"] = year.group(1)
                figs.append(Figure("terms", Decimal(0), at, at + 4, original[at:at + 4], False,
                                   False, at_line))

    def _workforce(self, k: int, found: list[Figure], folded: str, s_start: int, s_end: int,
                   number: int) -> Proposal | None:
        f = found[k]
        around = folded[max(s_start, f.start - 60):min(s_end, f.end + 60)]
        if not (_WORKFORCE.search(around) and _CUT.search(around)):
            return None
        if f.kind == "percent":
            tail = folded[f.end:f.end + 40]
            if not re.match(r"\s*(?:of\s+(?:its|the|our|their)\s+|de\s+(?:ses|son|leurs?|"
                            r"l'|la|les)\s*|du\s+)?(?:workforce|staff|employees|headcount|"
                            r"personnel|effectifs?|salaries|employes|emplois|postes)",
                            tail) and not re.search(r"\b(?:by|de)\s*$", folded[:f.start]):
                return None
            return Proposal("workforce_reduced", number, {"percent": f.value}, [f])
        return Proposal("workforce_reduced", number, {"headcount": f.value}, [f])

    def _equity_shares(self, found: list[Figure], props: list[Proposal], used: set[int],
                       number: int = 0, s_start: int = 0, s_end: int | None = None) -> None:
        """A share count in the same sentence as one equity raise is its ``shares``; a count
        of shares sold with no raise in dollars beside it is an issue of that many shares."""
        raises = [p for p in props if p.type == "equity_issued"]
        if not raises and number:
            self._shares_only_issues(found, props, used, number, s_start,
                                     len(self._folded_line) if s_end is None else s_end)
            return
        counts = [(k, f) for k, f in enumerate(found) if f.kind == "shares" and k not in used]
        if len(raises) == 1 and len(counts) == 1:
            k, f = counts[0]
            raises[0].fields["shares"] = f.value
            raises[0].figures.append(f)
            used.add(k)
            return
        # "raised $186.2 million by selling 592,740 shares ..., and another $8.7 million
        # from 96,300 shares": each raise and the count written right after it
        for p in raises:
            if "shares" in p.fields or not p.figures:
                continue
            money = p.figures[0]
            for k, f in counts:
                if k not in used and 0 <= f.start - money.end <= 40 and re.fullmatch(
                        r"\s*(?:in\s+(?:net\s+|gross\s+)?proceeds\s+)?(?:from|through|via|by)\s+"
                        r"(?:the\s+)?(?:sale|issuance|selling|issuing)?\s*(?:of\s+)?",
                        self._folded_line[money.end:f.start]):
                    p.fields["shares"] = f.value
                    p.figures.append(f)
                    used.add(k)
                    break

    def _shares_only_issues(self, found: list[Figure], props: list[Proposal], used: set[int],
                            number: int, s_start: int, s_end: int) -> None:
        """"The company issued approximately 2.4 million shares to fund the purchases", "a
        registered direct placement of 3,100,000 shares at $12.40", "a vendu 120 000 actions
        nouvelles": stock sold, the text giving its shares and not what they raised (often
        because one sum covers several issues). An issue of that many shares, its dollars
        left out; not the shares handed over on a conversion, an exercise, as pay or in a
        merger, nor a total to date, nor another company's shares ("shares of Rivalco")."""
        folded = self._folded_line
        last: tuple[int, re.Match[str]] | None = None
        for k, f in enumerate(found):
            if f.kind != "shares" or k in used:
                continue
            head = folded[max(s_start, f.start - 80):f.start]
            verb = _SHARES_SOLD_BEFORE.search(head)
            if verb is None and last is not None and last[0] == k - 1 and re.fullmatch(
                    r"(?:\s+[a-z]{2,5})?(?:\s*,\s*(?:and\s+|et\s+)?|\s+(?:and|et)\s+)",
                    folded[found[k - 1].end:f.start]):
                verb = last[1]  # "selling 797,100 ACME shares, 573,900 ACMEP, and ...": the
                head = verb.group(0)  # verb of the list's first count
            if verb is None:
                continue
            tail = folded[f.end:min(s_end, f.end + 80)]
            own = re.split(r"\b(?:to\s+(?:fund|finance|pay|help\s+fund)|in\s+order\s+to|"
                           r"(?:pour|afin\s+de)\s+(?:financer|payer))\b|[,;:]", tail)[0]
            if _SHARES_NOT_SOLD.search(head[verb.start():] + " " + own):
                continue
            if re.match(r"\s*(?:of|in|de|d')\s+(?!its\b|their\b|the\s+company|common|class|"
                        r"ordinary|series|preferred|ses\b|son\b|sa\b|leurs?\b|l'entreprise|"
                        r"la\s+societe)[A-Z]", self.lines[number - 1][f.end:f.end + 40]) and \
                    not re.match(r"\s*(?:of|in)\s+[A-Z]{2,5}\b", self.lines[number - 1][f.end:]):
                continue  # "sold 2 million shares of Rivalco": a stake, not stock issued
            if re.search(r"\b(?:has|have|had)\s+(?:\w+\s+){0,3}?(?:sold|issued|placed)\b",
                         head) and not any(m.effective and s_start <= m.start < s_end
                                           for m in self.mentions[number - 1]):
                continue  # "has issued 40 million shares under the program": a total to date
            later = folded[s_end:s_end + 240] + " " + (
                self.folded[number][:240] if number < len(self.folded) else "")
            if re.search(r"\bproceeds\s+(?:from|of)\s+(?:these|the|such|those)\s+(?:sales|"
                         r"issuances|shares)\b|\bproduit\s+(?:net\s+|brut\s+)?(?:de\s+ces|des)\s+"
                         r"(?:ventes|cessions|emissions)\b", later):
                continue  # its dollars follow in the next sentence: one issue, read there
            used.add(k)
            last = (k, verb)
            p = Proposal("equity_issued", number, {"shares": f.value}, [f],
                         doubts=["the text gives the shares sold, not what they raised: usd "
                                 "left out"], cue=verb.group(0).strip())
            # What they raised in another currency, as stated ("sold 500,000 shares, raising
            # €2.1 million", "levant 2,1 millions d'euros"): amount and currency, no usd.
            fx = next((j for j in range(k + 1, min(k + 2, len(found))) if found[j].kind == "fx"
                       and found[j].start < s_end and j not in used), None)
            if fx is not None and (code := currency_of(found[fx].text)) is not None and \
                    re.fullmatch(_FX_PROCEEDS_LINK, folded[f.end:found[fx].start]):
                p.fields.update(amount=found[fx].value, currency=code)
                p.figures.append(found[fx])
                p.doubts = [f"what they raised is stated in {code}, recorded as stated (never "
                            "converted): usd left out"]
                used.add(fx)
            props.append(p)
