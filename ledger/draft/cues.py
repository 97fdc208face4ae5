"""Cues: the word families (actions on bitcoin, notes, equity, results, estimates, targets,
capacity, plans...) that decide what a figure is, as compiled patterns."""

from __future__ import annotations

import re

from .text import STATED_AS_EN, STATED_AS_FR


# --- cues ---------------------------------------------------------------------------------------


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


#: A participle right after a coin count that says what the coins are: "48,137 BTC held",
#: "450 bitcoins minés".
_OWN_PARTICIPLE = re.compile(r"\s*(?:\(btc\)\s*)?(?P<v>held|owned|mined|produced|sold|purchased|"
                             r"acquired|bought|detenus?|minee?s?|produite?s?|vendue?s?|"
                             r"achetee?s?|acquise?s?)\b")
_PARTICIPLE_KIND = {"held": "btc_balance_disclosed", "owne": "btc_balance_disclosed",
                    "dete": "btc_balance_disclosed", "mine": "btc_mined", "prod": "btc_mined",
                    "sold": "btc_sold", "vend": "btc_sold", "purc": "btc_purchased",
                    "acqu": "btc_purchased", "boug": "btc_purchased", "ache": "btc_purchased"}
_MONTHS_EN_FR = ("january|february|march|april|may|june|july|august|september|october|"
                 "november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
                 "septembre|octobre|novembre|decembre")
BTC_ACTIONS: dict[str, re.Pattern[str]] = {
    "btc_mined": _words(r"mined", r"self-mined", r"produced", r"extracted", r"extract(?:ing|s)?",
                        # "the company earned 91.4 bitcoins", "generated 212 BTC", "a généré":
                        # right before the coins (not "generated a fee of 0.91 BTC")
                        r"(?:earned|generated|(?:a|ont|avoir)\s+(?:genere|gagne))(?=\s+(?:approximately\s+|"
                        r"about\s+|some\s+|nearly\s+|roughly\s+|environ\s+|pres\s+de\s+)?$)",
                        r"(?:output|production)\s+(?:came\s+in|stood)\s+at",
                        # a noun for the action and a verb stating its figure: "Acme's
                        # production in May was 450 BTC", "la production d'Acme en mai
                        # s'établit à 450 BTC"
                        rf"(?:output|production)\s+(?:[\w'()\u2019-]+\s+){{0,6}}?(?:{STATED_AS_EN}|"
                        rf"{STATED_AS_FR})(?=\s*(?:(?:approximately|about|some|nearly|roughly|"
                        rf"environ|pres\s+de)\s+)?$)",
                        r"production\s+(?:[\w']+\s+){0,2}?(?:s'est\s+elevee|s'eleve|a\s+atteint)\s+a",
                        r"extrai\w*", r"extrayant", r"(?:a|ont|avoir|avait) mine",
                        r"production of", r"(?:a|ont|avait|avoir) produit", r"produisant", r"producing",
                        r"(?:after|by|from) mining", r"minee?s",
                        # "self-mining operations contributed 37 BTC", "production from
                        # self-mining rose 12.4% to 655 BTC", "la production a reculé de 8 % à"
                        r"(?:mining|minage)\s+(?:operations?\s+|activities\s+)?(?:contributed|"
                        r"accounted\s+for|(?:a|ont)\s+contribue\s+a\s+hauteur\s+de)",
                        r"production\s+(?:[\w'()\u201c\u201d\"-]+\s+){0,8}?(?:rose|increased|decreased|"
                        r"fell|grew|declined|dropped|climbed|jumped|a\s+(?:augmente|diminue|recule|"
                        r"progresse|baisse))\s+(?:by\s+|de\s+)?(?:\d[\d.,]*\s?%\s+)?(?:to|a)"),
    "btc_purchased": _words(r"purchased", r"purchas(?:e|es|ing)", r"bought", r"buy(?:s|ing)?",
                            r"(?:snapped|scooped|picked)\s+up", r"mis\s+la\s+main\s+sur",
                            r"acquired", r"acquir(?:e|es|ing)", r"acquisitions?", r"achet\w*",
                            r"achat\w*", r"obtained", r"obtenu\w*", r"obtenir",
                            # "s'est porté acquéreur de 1 000 BTC"
                            r"(?:s'est|se)\s+port\w*\s+acquereu\w*\s+de",
                            r"acquis", r"acquiert", r"acquerir", r"acquerant",
                            # "converting 14,200 ETH into approximately 515 BTC"
                            r"(?:convert(?:ed|ing|s)?|swapp(?:ed|ing)|exchang(?:ed|ing)|"
                            r"converti\w*|echange\w*)\s+(?:[\d,.\s]+\s)?(?:units\s+of\s+)?"
                            r"(?:eth|ether|ethereum|usdc|usdt|stablecoins?|sol|solana)\s+"
                            r"(?:\([a-z]+\)\s+)?(?:in)?(?:to|en|contre)"),
    "btc_sold": _words(r"sold", r"sell(?:s|ing)?", r"sales?", r"liquidat\w*", r"divest\w*",
                       r"(?:a|ont|avoir)\s+liquide",
                       r"disposed of", r"offload\w*", r"unload\w*", r"vendu\w*", r"vend\w*", r"ventes?", r"cede\w*",
                       r"cession\w*",
                       # "parted with 200 BTC", "s'est séparé de 200 BTC"
                       r"parted\s+with", r"(?:s'est|se)\s+separ\w*\s+de"),
    "btc_change_disclosed": _words(r"added", r"adds", r"adding", r"stacked", r"stacking",
                                   r"net addition", r"increased (?:its )?holdings by",
                                   r"(?:grew|grown|increased|rose|risen|climbed|jumped) by",
                                   r"ajout\w*", r"empil\w*", r"(?:augmente|progresse) de"),
    "btc_balance_disclosed": _words(r"holdings?", r"held", r"holds?", r"reserves?",
                                    # "kept a total of 2,410 BTC", "conservait 2 410 BTC"
                                    r"kept", r"conserv(?:e|ait)",
                                    r"treasury", r"stood at", r"balance of", r"owned", r"owns",
                                    # "Acme possessed 3,303 BTC", "its bitcoin inventory, now
                                    # at 1,741 BTC"
                                    r"possess(?:ed|es)?", r"inventory",
                                    # "inflating its crypto coffers to 1,600 BTC", "its war
                                    # chest", "ses coffres"
                                    r"coffers\s+(?:\w+\s+){0,4}?to", r"war\s+chest",
                                    r"coffres?\s+(?:\w+\s+){0,4}?a",
                                    r"detien\w*", r"detenai\w*", r"detenus?", r"possed\w*",
                                    r"detenant", r"detentrice\s+d[e']",
                                    # "les avoirs ont augmenté de 9 % pour atteindre 3 120"
                                    r"pour\s+atteindre",
                                    # "Cet achat porte à 1 950 le nombre total de bitcoins
                                    # détenus", "brings to 1,950 the total number of bitcoins"
                                    r"port(?:e|ant|ait)\s+a(?=\s*$)", r"brings?\s+to(?=\s*$)",
                                    r"bringing\s+to(?=\s*$)",
                                    # "This left just 990 bitcoin on its balance sheet",
                                    # "leaving it with 990 BTC", "ce qui lui laissait 990 BTC"
                                    r"(?:this|which|that|it)\s+left(?:\s+(?:it|the\s+company))?",
                                    r"leaving(?:\s+(?:it|the\s+company))?(?:\s+with)?",
                                    r"laiss(?:ant|ait|e)(?:\s+(?:a\s+la\s+societe|lui))?",
                                    r"reserve totale", r"hodl\w*", r"detention", r"avoirs",
                                    # what an action brought its store of coins to: "bringing
                                    # its full stash to", "taking its treasury to"
                                    r"(?:bring|brought|tak|took|lift|push|boost|rais|expand)\w*"
                                    r"\s+(?:[\w'-]+\s+){0,3}?(?:stash|stack|hoard|treasury|"
                                    r"reserves?|coffers|war\s+chest)\s+to",
                                    r"portefeuille(?: total)?", r"(?:has|have)\s+accumulated",
                                    r"(?:has|have)\s+amassed", r"a\s+accumule",
                                    r"holders? with", r"with (?:a |its )?(?:treasury|reserve|stack|"
                                    r"stash|holdings?) of", r"detenteur\w* (?:avec|de)",
                                    r"(?:ended|closed|finished|exited)\s+(?:the\s+)?(?:(?:\w+\s+)?"
                                    r"(?:quarter|year|month|period|half)|q[1-4]|h[12]|fy)(?:\s+(?:of\s+)?\d{4})?"
                                    r",?\s+(?:with|holding)",
                                    # "ended May with 12,104 BTC", "a terminé mai avec"
                                    rf"(?:ended|closed|finished|exited|termine|cloture)\s+(?:the\s+"
                                    rf"month\s+of\s+|le\s+mois\s+(?:de\s+|d')?)?(?:{_MONTHS_EN_FR})"
                                    rf"(?:\s+\d{{4}})?,?\s+(?:with|holding|avec)",
                                    r"(?:termine|cloture|clos|acheve)\s+(?:le|la|l')\s*(?:\w+\s+)?"
                                    r"(?:trimestre|mois|exercice|annee|semestre)(?:\s+\d{4})?"
                                    r"\s+avec",
                                    # "porte le total déclaré à", "le total s'élève désormais à"
                                    r"port\w*\s+(?:le|son|sa|ses)\s+(?:total|reserve|tresorerie)"
                                    r"(?:\s+\w+)?\s+a",
                                    r"(?:le|son)\s+total\s+s'eleve\s+(?:desormais\s+|maintenant\s+)?a",
                                    r"(?:its|the)\s+total\s+(?:now\s+)?(?:stands|stood)\s+at",
                                    r"(?:bitcoin|btc)\s+position",
                                    # "après cette opération, son stock atteint 3 150
                                    # bitcoins", "its total now reaches"
                                    r"(?:atteint|atteignent|reaches|totals|stands\s+at)\s+"
                                    r"(?:desormais|maintenant|now)",
                                    r"(?:desormais|now)\s+(?:reaches|totals|stands\s+at)",
                                    # "its stash now totals approximately 16,042 BTC"
                                    r"(?:stash|stack|hoard)\s+(?:now\s+)?(?:totals?|totaled|totalled|"
                                    r"stands\s+at|amounts\s+to|rose\s+to|grew\s+to|climbed\s+to|"
                                    r"increased\s+to|reached)",
                                    # "has a total of", "is sitting on", "compte désormais",
                                    # "dispose désormais de"
                                    r"(?:has|had|holds?)\s+a\s+total\s+of",
                                    # "sits on 5,000 BTC", "has 5,000 BTC" (the verb right
                                    # before a count), "dispose de", "s'établit à"
                                    r"(?:sits?|sat|sitting)\s+on",
                                    r"(?:has|have|had)(?=(?:\s+(?:approximately|about|some|"
                                    r"nearly|over|roughly|around|more\s+than)|\s*~)?\s*(?:\d|$))",
                                    r"compte\s+(?:desormais|maintenant|actuellement)",
                                    r"dispos(?:e|ait)\s+(?:(?:desormais|maintenant|actuellement)"
                                    r"\s+)?de",
                                    r"s'etabli(?:t|ssait)\s+(?:desormais\s+|maintenant\s+)?a"),
}
_BITCOIN = _words(r"bitcoins?", r"btc", r"xbt")
_NOTES = _words(r"notes?", r"bonds?", r"debentures?", r"obligations?", r"oceanes?",
                r"convertible loans?", r"loans? convertible", r"prets? convertibles?",
                # "billets convertibles", "billets de premier rang": notes as French
                # translations name them (not banknotes or tickets)
                r"billets?\s+(?:convertibles?|de\s+premier\s+rang|seniors?|garantis|non\s+garantis)")
_CONVERTIBLE = _words(r"convertible\w*", r"exchangeable",
                      # "OCEANE": obligations convertibles ou échangeables en actions
                      r"oceanes?")
_ZERO_COUPON = _words(r"zero[- ]interest", r"zero[- ]coupon", r"interest[- ]free",
                      r"coupon zero", r"a coupon zero", r"sans interets?", r"taux zero")
_EQUITY = _words(r"stock", r"shares", r"equity", r"at[- ]the[- ]market", r"atm",
                 r"actions", r"augmentation de capital", r"capital social",
                 r"private placements?", r"pipe", r"registered direct offering",
                 r"placements? prives?")
_RAISE = _words(r"raised?", r"raising", r"issued", r"issuances?", r"issu(?:e|ing)",
                r"financings?", r"financement",
                r"offerings?", r"placements?", r"sold", r"leve\w*", r"lever", r"emis\w*",
                r"emission\w*", r"emettre", r"emet\w*", r"augmentation de capital")
_REPURCHASE = _words(r"repurchas\w*", r"buy ?backs?", r"bought back", r"buying back",
                     r"buys? back", r"rachat d'actions", r"rachet\w* (?:ses|de ses) (?:propres )?"
                     r"actions", r"(?:a|ont|avoir) rachete", r"rachetant", r"rachats?")
_RESULTS: list[tuple[re.Pattern[str], str, int]] = [
    (_words(r"adjusted ebitda", r"ebitda ajuste",
            # the words spelled out ("adjusted earnings before interest, tax(es),
            # depreciation and amortization (EBITDA)"), "BAIIA ajusté"
            r"adjusted earnings before interest,? tax(?:es)?,? depreciation,? (?:and )?"
            r"amortization \(ebitda\)(?: were| was)?", r"baiia ajuste"), "adjusted_ebitda_usd", 1),
    (_words(r"net loss", r"perte nette", r"net losses"), "net_income_usd", -1),
    (_words(r"net income", r"net profit", r"net earnings", r"revenu net", r"resultat net",
            r"benefice net",
            # "pour un bénéfice de 12,3 millions", "a profit of $12.3 million": the profit
            # with no qualifier ("mining profit", "un bénéfice brut" are parts)
            r"(?:un|a)\s+(?:benefice|profit)(?=\s+(?:de|of)\b)"), "net_income_usd", 1),
    (_words(r"revenues?", r"revenus?", r"chiffre d'affaires", r"turnover"), "revenue_usd", 1),
    # "net sales of $3.8 billion", "les ventes du troisième trimestre ont atteint": a
    # retailer's or a payments company's revenue (bare "sales"/"ventes" are coins sold)
    (_words(r"net sales", r"total sales", r"quarterly sales", r"annual sales", r"ventes nettes",
            r"ventes (?:trimestrielles|annuelles|totales)",
            r"ventes (?:du|de l'exercice|au) (?:premier|deuxieme|troisieme|quatrieme|1er|2e|3e|4e)?"
            r"\s*(?:trimestre|semestre|exercice)"), "revenue_usd", 1),
    (re.compile(r"(?<!fair-value )(?<!fair value )(?<!unrealized )(?<!unrealised )"
                r"(?<!impairment )(?<!realized )(?<!operating )(?<!gross )"
                r"\b(?:loss|losses|perte|pertes)\b(?! de valeur)(?! latente)(?! de papier)"
                r"(?! non realisee)(?! d'exploitation)(?! operationnelle)(?!\s+on\s+paper)"),
     "net_income_usd", -1),
]
_ESTIMATE = _words(r"estimates?", r"estimated", r"consensus", r"expected", r"expectations?",
                   r"expects?", r"expecting", r"analysts?",
                   r"forecasts?", r"guidance", r"projected", r"projections?", r"targets?",
                   r"estimations?", r"previsions?", r"attendu\w*", r"objectifs?",
                   r"consensuelle", r"a projete", r"projete\w*", r"prevu\w*", r"devrai\w*",
                   r"anticipe\w*")
#: Results told before they are reported: a forecast or preliminary estimate.
_RESULTS_AHEAD = re.compile(r"\b(?:will\s+(?:be\s+)?report\w*|expects?\s+to\s+report|"
                            r"anticipates?\s+reporting|prevoit\s+de\s+(?:publier|"
                            r"declarer|annoncer)|devrait\s+(?:publier|declarer|annoncer))\b")
_ACQUIRE = _words(r"acquisitions? of", r"acquired", r"acquir(?:e|es|ing)", r"buy(?:s|ing)?",
                  r"bought", r"purchase of", r"takeover of", r"acquisitions? de",
                  r"acquiert", r"a acquis", r"rachat de", r"rachet\w*", r"acquerir")
_DISPOSE = _words(r"sold", r"sells?", r"selling", r"sale of", r"disposed of", r"divest\w*",
                  r"cede\w*", r"cession de", r"vendu\w*", r"vend\w*", r"vente de")
_STAKE = _words(r"stake", r"interest", r"participation", r"equity interest", r"ownership",
                r"of the (?:shares|capital) of", r"du capital (?:de|d')")
_WORKFORCE = _words(r"workforce", r"staff", r"employees", r"headcount", r"jobs", r"positions",
                    r"personnel", r"effectifs?", r"salaries", r"employes", r"emplois", r"postes",
                    r"people")
_CUT = _words(r"cut\w*", r"reduc\w*", r"reduce", r"lay(?:ing)? off", r"laid off", r"layoffs?",
              r"eliminat\w*", r"shed\w*", r"trim\w*", r"slash\w*", r"redui\w*", r"reduction",
              r"supprim\w*", r"suppressions?", r"licenci\w*")
_FOR = re.compile(r"(?:^|\s)(?:\(|,|[\u201c\"])?\s*(?:(?:for|at) (?:a|an) (?:total|aggregate) "
                  r"(?:purchase )?(?:price|"
                  r"cost|consideration|amount) of|for|pour|worth|valued at|at a cost of|totaling|"
                  r"totalling"
                  # "à un prix d'achat global de", "pour un prix total de" (the French order)
                  r"|(?:a|pour) un prix (?:d'achat |d'acquisition )?(?:global|total) de"
                  r"|d'une valeur de|pour un montant de|for about|for approximately|for nearly"
                  r"|pour environ|for a total of|soit un total de|soit un montant de|"
                  # "..., representing a total investment of $316.2 million", "ce qui
                  # représente un investissement total de"
                  r"(?:representing|which\s+represents|ce\s+qui\s+represente|soit)\s+(?:an?\s+|"
                  r"une?\s+)?(?:total\s+)?(?:investment|outlay|cost|investissement|montant|cout)"
                  r"\s+(?:total\s+|global\s+)?(?:of|de)|"
                  r"soit environ|generating|realizing|yielding|bringing in|raking in|fetching|"
                  r"engrangeant|encaissant|rapportant|pocketing|"
                  r"for (?:net |gross )?"
                  r"proceeds of|pour un produit (?:net |brut )?de|for an? aggregate(?: purchase price of)?|"
                  # "the sale of 410 BTC in May, which equated to proceeds of $9.1 million"
                  r"(?:equat\w*|amount\w*|translat\w*|correspond\w*)\s+to\s+(?:net\s+|"
                  r"gross\s+)?proceeds\s+of|with\s+(?:net\s+|gross\s+)?proceeds\s+of)\b")


_OTHER = _words(r"rivals?", r"peers?", r"competitors?", r"competing", r"concurrents?",
                r"concurrent")
_TARGET = _words(r"targets?", r"goals?", r"objectifs?", r"aims? to", r"aiming", r"ambitions?",
                 r"wants? to", r"seeks? to", r"hopes? to", r"veut", r"souhaite", r"vise\w*",
                 r"d'ici", r"by (?:the end of )?(?:19|20)\d\d", r"forecasts?", r"guidance",
                 r"projected", r"previsions?", r"hypothetical\w*",
                 r"would (?:allow|enable|let|lead|bring|result|take)", r"could",
                 r"pourrait", r"permettrait",
                 # "operations that could allow the acquisition of ~35 BTC, taking the potential
                 # total to 1,840 BTC", "pouvant permettre", "détention potentielle"
                 r"pouvant", r"potentiel\w*", r"potential(?:ly)?", r"may (?:allow|enable|lead)")
#: What introduces the parts of a total just stated ("This figure includes", "of which",
#: "dont", "y compris"), read back to the previous amount.
_PARTS_INTRO = re.compile(r"(?:\b(?:this|the|that)\s+(?:figure|total|amount|number|production|"
                          r"output)\s+(?:includes?|included|comprises?)|\b(?:out\s+)?of\s+which|"
                          r"\bincluding|\bdont|\by\s+compris|\b(?:ce|le)\s+(?:chiffre|total|montant)"
                          r"\s+(?:inclut|comprend))\s+(?:an?\s+|une?\s+)?(?:estimated\s+|"
                          r"approximately\s+|about\s+|environ\s+|some\s+)?$")
#: A figure said to be a share of a total ("was 240 bitcoin or 61% of April's total
#: production", "soit 40 % de la production du mois"): a part, not the period's figure.
_SHARE_OF_TOTAL = re.compile(r"\s*,?\s*(?:or|soit|representing|i\.e\.)\s+(?:about\s+|roughly\s+|"
                             r"environ\s+)?[\d.,]+\s*(?:%|percent|pour\s*cent)\s+(?:of|de|du|des)\s+"
                             r"(?:the\s+|its\s+|their\s+|[a-z]+'s\s+|la\s+|sa\s+|l')?(?:[\w']+\s+){0,2}?"
                             r"(?:total|production|output|produits?|mined|extraits)\b")
_PART = _words(r"unrestricted", r"unlimited", r"unencumbered", r"non grevee?s?", r"libres?")
_AGGREGATE = _words(r"aggregate", r"cumulative", r"cumulati\w*", r"in total", r"au total",
                    r"en tout", r"total (?:cost|investment|spent)", r"spent a total",
                    r"to date", r"a ce jour", r"since (?:inception|the start)", r"depuis")
_YIELD = _words(r"btc[- ]yields?", r"bitcoin[- ]yields?", r"rendements? btc", r"rendements? bitcoin",
                r"btc \$? ?yield", r"yield btc",
                r"rendement en (?:btc|bitcoins?)(?: par action)?",
                # "le rendement d'Acme sur le BTC s'établit à 4,1 %" (a translated "Acme's
                # BTC Yield"; not the return of an investment or a position in bitcoin)
                r"rendement\s+(?:de\s+|d')(?!(?:son|sa|ses|leur|leurs|l'|cet|cette|ce)\s*"
                r"(?:investissement|placement|pari|position|achat)s?\b)(?:[\w&.'-]+\s+){1,2}?"
                r"sur\s+(?:le\s+)?(?:bitcoin|btc)")
#: "invested $95 million to acquire 812 BTC": the dollars before are the price.
_INVEST_LINK = re.compile(r"\s*(?:in cash\s+)?(?:to (?:buy|purchase|acquire)|pour (?:acquerir|"
                          r"acheter)|afin d'acquerir|d'acquerir)\s+(?:an? )?(?:additional\s+|"
                          r"further\s+|another\s+)?")
_AS_OF = re.compile(r"\b(?:as of|as at|as on|at|au|a la date du|en date du|per)\s+(?:the\s+|le\s+)?$")
_CAPACITY = _words(r"up to", r"availability", r"available",
                   r"remaining(?! (?:bitcoins?|btc|holdings?|stake|shares of|notes))", r"capacity",
                   r"may (?:issue|sell|offer|raise)", r"jusqu'a", r"disponibles?", r"restants?",
                   r"plafond", r"maximum")
#: What is left to raise, said after the figure: "$4.2 billion of stock still available for
#: issuance", "$12.8 billion in remaining capacity", "5 M€ encore disponibles".
_CAPACITY_AFTER = re.compile(r"\s*(?:worth\s+|in\s+|of\s+|d'|de\s+)*(?:[\w-]+\s+){0,3}?(?:available|"
                             r"remaining|unused|unissued|left\b|capacity|disponibles?|restants?|"
                             r"encore\s+disponibles?)")
_STILL_HAD = re.compile(r"\b(?:still\s+(?:had|has|have)|(?:had|has|have)\s+(?:\w+\s+){0,2}left|"
                        r"(?:il\s+)?reste\s+(?:encore\s+)?)\s*(?:\w+\s+)?(?:~|approximately|about|"
                        r"around|environ)?\s*(?:us\s?\$|\$)?\s*$")
#: The size of a program the amount names: "$5 billion at-the-market equity offering
#: program", "$2 billion ATM facility", "programme ATM de 300 M€".
_PROGRAM_SIZE = re.compile(r"\s*(?:of\s+|in\s+)?(?:[\w-]+\s+){0,4}?(?:program(?:me)?|facility|"
                           r"shelf|registration\s+statement|programme|ligne\s+de\s+financement)\b")
#: A registration is no sale: "files for $5 billion stock offering", "filed a $2 billion shelf".
_FILES_FOR = re.compile(r"\b(?:files?|filed|filing|registers?|registered)\s+(?:for\s+)?(?:an?\s+|"
                        r"its\s+)?(?:new\s+)?(?:~|approximately|about|up to)?\s*(?:us\s?\$|\$)?\s*$")
#: The verb of a sale of stock governing the share count right after it: "sold 1,250,000
#: shares", "issued approximately 2.4 million shares", "a registered direct placement of
#: 3,100,000 shares", "selling a total of 410,200 ACME shares", "a vendu 120 000 actions",
#: "l'émission de 2 millions d'actions nouvelles".
_SHARES_SOLD_BEFORE = re.compile(
    r"\b(?:sold|selling|sells|issued|issuing|placed|placing|(?:sale|issuance|issue|placement|"
    r"offering)\s+of|(?:a|ont|avoir)\s+(?:vendu|emis|place|cede)|ont\s+ete\s+(?:vendues|emises|"
    r"placees)|(?:vente|emission|placement|cession)\s+(?:de|d'))\s+(?:(?:a\s+total\s+of|au\s+total|"
    r"an?\s+(?:additional|further)|another|some|(?:approximately|about|around|roughly|nearly|"
    r"environ|pres\s+de|~)|its|their|ses|leurs|new|nouvelles)\s*)*$")
#: Shares handed over for something other than cash, or in a way no sale is: on a conversion or
#: an exercise, as consideration or pay, in exchange, in a split.
_SHARES_NOT_SOLD = re.compile(
    r"\b(?:conver\w*|exercis\w*|vest\w*|warrants?|bons\s+de\s+souscription|consideration|"
    r"compensation|remuneration|in\s+exchange|en\s+echange|merger|fusion|split|dividend\w*|"
    r"employees?|salaries|directors?|plan\s+d'attribution|awards?|grants?|restricted|authori[sz]\w*|"
    r"autoris\w*|repurchas\w*|buy\s?backs?|rachat\w*|rachet\w*|"
    # a count held, not sold: "there were issued and outstanding 41,200,000 shares"
    r"outstanding|en\s+circulation|in\s+issue)\b")
#: Proceeds named after the amount: "$8.3 million in net proceeds".
_PROCEEDS_AFTER = re.compile(r"\s*(?:in|of|en|de)\s+(?:aggregate\s+)?(?:net|gross|total)?\s*"
                             r"(?:proceeds|produit\s+(?:net|brut))\b")
#: An action announced as to come, the verb governing the figure: "plans to buy 1,000 BTC",
#: "will issue $500 million of notes", "could sell", "prévoit d'acquérir 500 BTC".
_PLANNED_ACTION = re.compile(
    r"\b(?:plans?|planned|planning|proposed|potential|contemplated|prospective|prevoit|envisage|"
    r"annonce\s+un\s+projet\s+d'|projette)\s+(?:a|an|the|its|un|une|son|sa|d')?\s*(?:\w+\s+)?"
    r"(?:~|approximately|about|up\s+to|environ|jusqu'a)?\s*(?:us\s?\$|\$)?\s*$|"
    r"\b(?:plans?|planned|planning|intends?|intending|expects?|aims?|seeks?|proposes?|wants?|"
    r"hopes?|looks?|is looking|prepares?|preparing|set|sets|could|would|may|might|will|shall|"
    r"to be|prevoit\s+(?:de|d')|va|vont|compte|comptent|envisage\s+(?:de|d')|souhaite|"
    r"pourrait|pourraient|devrait|devraient|entend)(?:\s+|(?<='))(?:to\s+)?(?:\w+\s+){0,2}?(?:buy|offer|"
    r"purchas|acquir|sell|rais|issu|add|mine|produc|hold|repurchas|repay|redeem|acheter|"
    r"acquerir|vendre|ceder|lever|emettre|ajouter|miner|produire|detenir|racheter|"
    r"rembourser)\w*\s+(?:up to\s+|another\s+"
    r"|an additional\s+|a further\s+|more\s+|jusqu'a\s+|encore\s+|environ\s+|about\s+|"
    r"(?:the|its|les|ses)\s+)?"
    r"(?:us\s?\$|\$)?\s*$")
_PLANNED_BY = re.compile(
    # "prévoit de grossir sa réserve en achetant 4 millions de dollars de BTC", "plans to
    # grow its treasury by buying $4 million": the plan governs the gerund's figure.
    r"\b(?:plans?|planned|intends?|aims?|expects?|prevoit|envisage|compte|comptent|souhaite|"
    r"entend)\b[^.;]{0,80}\b(?:en\s+(?:achetant|acquerant|vendant|emettant|levant)|by\s+"
    r"(?:buying|purchasing|acquiring|selling|issuing|raising))\s+(?:up to\s+|jusqu'a\s+|"
    r"environ\s+|about\s+)?(?:us\s?\$|\$)?\s*$")
_PLANNED = _words(r"will", r"plans? to", r"intends? to", r"expects? to", r"aims? to", r"va",
                  r"vont", r"prevoit de", r"compte", r"envisage de", r"entend")


#: Flows: what happened over a period (a balance or a KPI is as of one date).
_FLOWS = ("btc_mined", "btc_purchased", "btc_sold", "btc_change_disclosed", "equity_issued",
          "notes_issued", "stake_acquired", "stake_disposed", "business_acquired",
          "shares_repurchased", "notes_retired")
_NOW = _words(r"now", r"currently", r"today", r"to date", r"desormais", r"actuellement",
              r"pousse\w*", r"amen\w*",
              r"aujourd'hui", r"bringing", r"brings", r"brought", r"pushing", r"porter",
              r"portant", r"porte", r"totali[sz]\w*", r"(?:un|a) total", r"hodl\w*",
              r"holds", r"owns", r"stands? at", r"detient", r"possede", r"atteignent",
              r"atteint", r"s.eleve a", r"s.elevent a", r"grimpent a", r"raising (?:its|their)",
              r"(?:rose|risen|increased|grew|grown|climbed|jumped|reached|totaled|totalled)"
              r"(?: to)?", r"(?:est passee?s?|passent|passe) a", r"s'etablit a",
              r"holders? with",
              # a level the action just told brought holdings to: "The acquisitions bring
              # its holdings to", "Holdings reach", "inflating its coffers to", "passant de
              # 880 à 905 BTC", "pour atteindre"
              r"gonfl(?:e|ent|ant|ait)\s+(?:\w+\s+){0,4}a",
              # ("takes total holdings to", "has expanded its reserve to": the same level;
              # "taking", after a month's purchase, keeps that month's end)
              r"takes\s+(?:\w+\s+){0,4}to", r"(?:has|have|had)\s+expanded\s+(?:\w+\s+){0,4}to",
              r"bring", r"reach(?:es)?", r"(?:inflat|lift|boost|push)(?:e|es|ed|ing)\s+"
              r"(?:\w+\s+){0,4}to", r"passant\s+de\s+[\d\s.,]+\s+a", r"pour\s+atteindre",
              r"going\s+from\s+[\d\s.,]+\s+to", r"(?:fell|falling|dropp?(?:ed|ing)|declin(?:ed|ing)|"
              r"shr[ai]nk(?:ing)?|shrunk)\s+to",
              r"s'etablissent\s+a", r"s'etablit\s+desormais\s+a")


def _nearest(pattern: re.Pattern[str], text: str, *, last: bool = True) -> re.Match[str] | None:
    found = list(pattern.finditer(text))
    return (found[-1] if last else found[0]) if found else None


def _name_after(line: str, position: int) -> tuple[str, int] | None:
    """A proper name starting at ``position`` (after "acquisition of", "stake in"): the run of
    capitalised words, without a trailing connective; with where it ends in the line."""
    rest = line[position:]
    lead = re.match(r"\s*(?:the\s+|l'|l\u2019|la\s+|le\s+|les\s+)?", rest)
    start = lead.end() if lead else 0
    words = []
    for m in re.finditer(r"\S+", rest[start:]):
        word = m.group(0)
        clean = word.rstrip(".,;:'\u2019)")
        capital = clean[:1].isupper() or clean in ("&",)
        if not capital and not (words and clean in ("of", "and", "de", "du", "des")):
            break
        if m.start() and rest[start:][m.start() - 1] != " ":
            break
        words.append(clean)
        if clean != word:
            break
    while words and words[-1] in ("of", "and", "de", "du", "des", "&"):
        words.pop()
    if not words:
        return None
    name = " ".join(words)
    return name, position + start + len(name)


#: What may stand between a name and its price: "NAME for $X", "NAME, pour environ X".
#: The words that introduce a principal: "aggregate principal amount of", "montant total de".
_PRINCIPAL_OF = re.compile(r"(?:montant\s+(?:total|nominal|principal|global|brut)|aggregate\s+"
                           r"principal\s+amount|principal\s+amount|total\s+principal|"
                           r"valeur\s+nominale\s+(?:totale|globale))\s+(?:de\s+|d'|of\s+)?"
                           r"(?:environ\s+|approximately\s+|about\s+)?(?:us\s?\$|\$|usd\s?)?\s*$")
#: The size of an issue raised to a new amount, said before it.
_SIZE_TO = re.compile(r"\b(?:principal\s+amount|size|montant\s+(?:principal|nominal|total)|taille)"
                      r"\b[^.;$]{0,140}\b(?:to|a)\s*(?:~|approximately|about|environ)?\s*"
                      r"(?:us\s?\$|\$|usd\s?)?\s*$")
#: Shares issued "pour un montant brut de 10 millions de dollars", "for gross proceeds of".
_SHARES_FOR_AMOUNT = re.compile(r"\s*(?:nouvelles|new|ordinaires|ordinary)?\s*,?\s*(?:for|pour)\s+(?:an?\s+|un\s+)?(?:(?:aggregate|total|"
                                r"gross|net)\s+)?(?:montant|amount|proceeds|produit)\s*(?:(?:brut|net|"
                                r"total|global)\s+)?(?:of|de|d')\s*(?:about|approximately|environ)?\s*")
#: The passive of a coin count's own verb, its doer named: "were acquired by Acme Corp
#: (ACME)", "ont été vendus par Acme".
_PASSIVE_BY = re.compile(r"\s*(?:were|was|are|is|(?:have|has|had)\s+been|ont\s+ete|a\s+ete|"
                         r"sont|avaient\s+ete)\s+(?:\w+\s+)?[\w-]+\s+(?:by|par)\s+[^,;$\d]{1,60}")
_PRICE_LINK = re.compile(r"\s*,?\s*(?:for|pour)\s*(?:about|approximately|around|roughly|"
                         r"environ|pres de)?\s*")


_OBJECT_OF = re.compile(r"\b(?:(?:with|from|into|to|avec|aupres\s+(?:de|d'))\s+|(?:acquisition|"
                        r"merger|takeover|buyout|purchase|rachat|fusion|achat|absorption)\s+"
                        r"(?:of\s+|de\s+|d'|du\s+))"
                        r"(?:(?:the|its|their|le|la|les|l'|sa|son|ses)\s*)?"
                        r"(?:[A-Z]?[\w&.'-]*\s+){0,2}$", re.IGNORECASE)
