"""Company names: the names a document gives its own company and the other companies it
names, the subject of a sentence or clause, and the holder a figure is written with."""

from __future__ import annotations

import re

from .dates import _CLAUSE_CUT
from .text import fold, HOLDING_NOUNS_EN, HOLDING_NOUNS_FR, SUBJECT_ASIDES


#: Words that name a measure, not a company, when a heading says what "it" did.
_METRIC_WORDS = frozenset("""
average operational operating hash rate hashrate production output revenue revenues income
holdings total energized blocks block fleet capacity cash net gross adjusted ebitda yield
mining miners efficiency power costs cost price prices shares stock
""".split())


_NOT_NAMES = frozenset("""
the a an this that these those it its in on at as for from during since after before
according under with by over while when once following meanwhile however also and but
le la les l un une des du de au aux en dans pour par avec cette ce ces son sa ses selon
apres avant depuis lors il elle ils on d
we our us i you they he she nous notre nos vous ils
tsxv tsx cboe lse aquis otc otcqx otcqb nyse euronext growth paris tokyo stock exchange
bitcoin bitcoins btc xbt crypto company companies societe group groupe inc corp ltd plc sa
ceo cfo pdg chairman president founder sec atm kpi nasdaq nyse tsx otc euronext us usd eur
gbp jpy cad sek u.s fed federal reserve q1 q2 q3 q4 t1 t2 t3 t4 h1 h2 fy yield gain
january february march april may june july august september october november december
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi
japan japan's japanese tokyo-listed tokyo-based china chinese hong kong canada canadian
america american europe european asia asian france french paris-listed britain british
london-listed sweden swedish germany german nevada texas florida georgia washington
japon japonaise japonais francaise francais americaine americain europeenne europeen
now currently today still just recently previously already thus overall earlier later
total totals combined cumulative additionally moreover furthermore notably
maintenant desormais aujourd'hui actuellement deja
india indian inde indienne brazil brazilian bresil spain spanish espagne italy italian
korea korean coree singapore singapour australia australian australie switzerland swiss
suisse netherlands dutch norway norwegian uk usa emirates dubai salvador bhutan mexico
argentina turkey taiwan thailand vietnam indonesia israel russia russian ukraine
""".split())
_CAPITALISED = re.compile(r"(?<![\w.'])([A-Z][\w&.-]*[\w&])(?:['\u2019]s)?")


#: Records whose cue is a verb with the company as its subject ("Acme bought", "X holds").
_BTC_TYPES = ("btc_mined", "btc_purchased", "btc_sold", "btc_change_disclosed",
              "btc_balance_disclosed")


def _company_names(lines: list[str], ticker: str | None) -> set[str]:
    """Words naming the company a document is about (lower case): the ticker, the name
    written before it ("Acme Corp. (NASDAQ: ACME)"), and the names the text uses most (at
    least half as often as the most frequent one, and at least twice)."""
    counts: dict[str, int] = {}
    names: set[str] = set()
    for line in lines:
        for m in _CAPITALISED.finditer(line):
            word = fold(m.group(1)).rstrip(".")
            if word not in _NOT_NAMES and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
        if ticker:
            for m in re.finditer(rf"(?:\(|:\s*){re.escape(ticker)}\b", line, re.IGNORECASE):
                before = line[max(0, m.start() - 80):m.start()]
                before = re.split(r"[,;()\u201c\u201d\"]", before)[-2 if before.rstrip().endswith(
                    ("(", ":")) and before.count("(") else -1]
                names |= {fold(w).rstrip(".") for w in _CAPITALISED.findall(before)
                          if fold(w).rstrip(".") not in _NOT_NAMES}
    if counts:
        top = max(counts.values())
        if top >= 2:
            frequent = {w for w, n in counts.items() if n >= max(2, top / 2)}
            # An article on several miners names each often: when one of the names is what
            # the ticker abbreviates ("ACME", Acme Corp), the others are other companies.
            spelled = {w for w in frequent if ticker and _abbreviates(fold(ticker), w)}
            if not spelled and len(frequent) > 1:
                frequent = _one_name(lines, counts, frequent)
            names |= spelled or frequent
        # The name the ticker abbreviates, even said once ("Acme" for ACME in an article on
        # several miners that names each once): it is the document's company.
        if ticker:
            names |= {w for w in counts if len(w) >= 3 and _abbreviates(fold(ticker), w)}
        # The title's names the text repeats: "Kestrel completes merger with Halvard".
        title = next((line for line in lines if line.strip()), "")
        names |= {w for w in (fold(m.group(1)).rstrip(".") for m in _CAPITALISED.finditer(title))
                  if counts.get(w, 0) >= 2}
    if not names:
        return set()  # the text does not tell which company it is about: no subject is told
    if ticker:
        names.add(fold(ticker))
    return names


def _one_name(lines: list[str], counts: dict[str, int], frequent: set[str]) -> set[str]:
    """Of the names a text uses most, when none is what the ticker abbreviates: the most
    frequent and the words written beside it as one name ("Bit" and "Digital" of "Bit
    Digital"); another name as frequent but written apart (a rival in a round-up: "Hut",
    "Marathon") is another company. Two names tied for the top and never written as one
    keep all (nothing tells them apart)."""
    top = max(counts[w] for w in frequent)
    first = {w for w in frequent if counts[w] == top}
    runs = [{fold(w).rstrip(".") for w in m.group(0).split()}
            for line in lines for m in re.finditer(
                r"(?<![\w.'])(?:[A-Z][\w&.-]*[\w&]\s+){1,3}[A-Z][\w&.-]*[\w&]", line)]
    if len(first) > 1 and not any(first <= words for words in runs):
        return frequent  # two names as frequent, never written as one: no telling
    keep = set(first)
    for words in runs:
        if words & first:
            keep |= words & frequent
    return keep


def _abbreviates(ticker: str, name: str) -> bool:
    """Whether a ticker's letters are the name's, in order, from its first ("clsk" and
    "cleanspark", "mstr" and "microstrategy", "smlr" and "semler")."""
    letters = re.sub(r"[^a-z]", "", ticker)
    if len(letters) < 3 or not name.startswith(letters[0]):
        return False
    # A ticker made of the name and a letter or two more ("DMGI" for DMG Blockchain, "HUT8"):
    # the name is the ticker's first letters.
    if len(name) >= 3 and letters.startswith(name) and len(letters) - len(name) <= 2:
        return True
    # A five-letter US over-the-counter ticker ends with F (foreign shares) or Y (ADRs):
    # "MTPLF" abbreviates Metaplanet with its last letter dropped.
    for form in (letters, letters[:-1]) if len(letters) == 5 and letters[-1] in "fy" \
            else (letters,):
        at = 0
        for ch in form:
            at = name.find(ch, at)
            if at < 0:
                break
            at += 1
        else:
            return True
    return False


#: A name and the verb it governs, just before a bitcoin figure: "Rivalco boasts", "Othercorp
#: holds", "Rivalco a acquis". The clause is cut at a colon, a semicolon or "while".
_NAME_VERB = re.compile(r"(?<![\w.'\u2019])((?:[A-Z][\w&.'\u2019-]*[\w&](?:\s+|,\s*)){1,4}?)(?:(?:now|also|"
                        r"currently|reportedly|still|already|desormais|d[ée]sormais|aussi|"
                        r"d[ée]j[àa]|has|have|had|a|avait)\s+)*(?:boasts?|holds?|held|has|had|"
                        r"owns?|owned|bought|buys|acquired|acquires|purchased|purchases|mined|"
                        r"produced|sold|sells|sits\s+on|counts|accumulated|amassed|d[ée]tient|"
                        r"d[ée]tenait|poss[èe]de|achet[ée]|acquis|produit|min[ée]|vendu|compte|"
                        r"extrait|c[ée]d[ée])\b")
_NAME_WHICH = re.compile(r"(?<![\w.'\u2019])((?:[A-Z][\w&.'\u2019-]*[\w&]\s*){1,4}?)\s*(?:\([^()]{0,60}\))?"
                         r"\s*(?:,\s*[^,()]{1,60}?)?,\s*(?:which|who|qui|lequel|laquelle)\s+"
                         r"(?:[\w\u00e0-\u00ff']+\s+){0,4}$")


def _named_holder(line: str, s_start: int, at: int) -> str | None:
    """The name a figure's own clause opens with as the subject of a holding or buying verb
    ("..., while Othercorp holds 14,600 BTC"), or None: when the verb's subject is not the
    document's company, the figure is another's even where no cue word was read."""
    if re.search(r"\brespective(?:ly|ment)\b", fold(line[at:at + 80])):
        return None  # "Acme and Rivalco, which sold 510 and 240 BTC respectively": a list
        # of names and one of figures, paired in order (_respective_owner), no one subject
    # "Rivalco (formerly Rival Inc.), the group led by its founder, which has reached 402,770
    # BTC", "Rivalco, la société de son fondateur, qui a atteint": the name the relative
    # clause hangs on, past a bracket and an apposition
    if (rel := _NAME_WHICH.search(line[s_start:at])) is not None and not re.search(
            r"\d", line[s_start:at][rel.end(1):]):
        words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(rel.group(1))]
        if words and not all(w in _NOT_NAMES for w in words):
            return rel.group(1).strip()
    clause = _CLAUSE_CUT.split(line[s_start:at])[-1].lstrip()
    if clause == line[s_start:at].lstrip() and (opening := _NAME_VERB.match(clause)) and \
            re.fullmatch(r"[^,;:]*?\b(?:and|et)\s+(?:(?:also|then|aussi|a|has|had|have|ont)\s+)?"
                         r"(?:\w+\s+){0,2}", clause[opening.end():].split(re.findall(
                             r"\d[\d,.\s]*", clause[opening.end():])[-1])[-1]
                         if re.search(r"\d", clause[opening.end():]) else "x"):
        # "Rivalco mined 450 BTC in June and held 19,200 BTC at the end of the month": the
        # verbs coordinated with the opening one share its subject
        words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(opening.group(1))]
        if words and not all(w in _NOT_NAMES for w in words):
            return opening.group(1).strip(" ,")
    if re.search(r"\d", clause):
        return None  # another figure in between: the clause is not one subject's
    # "Rivalco's acquisition of 10,000 BTC", "Rivalco's holdings of": the possessor's
    if (owner := re.search(r"(?<![\w.'\u2019])((?:[A-Z][\w&.-]*[\w&]\s+){0,3}[A-Z][\w&.-]*[\w&])"
                           r"['\u2019]s\s+(?:[\w-]+\s+){0,3}?(?:of\s+)?$", clause)) is not None:
        words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(owner.group(1))]
        if words and not all(w in _NOT_NAMES for w in words):
            return owner.group(1).strip()
    m = _NAME_VERB.search(clause)
    # "The largest corporate holder, Rivalco, holds": an apposition may come first
    if m is None or clause[:m.start()].strip(" ,\u2014-") and not re.fullmatch(
            r"\s*(?:the|its|le|la|l'|son|sa)\b[^,]{1,60},\s*", clause[:m.start()], re.IGNORECASE):
        return None  # the name must open the clause
    words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(m.group(1))]
    if not words or all(w in _NOT_NAMES for w in words):
        return None
    return m.group(1).strip(" ,")


def _same_company(subject: str, names: set[str]) -> bool:
    words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(subject)]
    words = [w for w in words if w not in _NOT_NAMES]
    return not words or any(w in n or n in w for w in words for n in names if len(n) >= 3) \
        or any(w in names for w in words)


def _subject(line: str, folded: str, s_start: int, p: "Proposal") -> str | None:
    """The name written as the subject of a figure's verb ("Acme bought 1,860 BTC",
    "Halvard, the largest holder, owns 450,000 BTC"), or None when the subject is not a
    name ("it", "the company") or can't be told."""
    anchor = p.figures[0].start
    cue_at = None
    if p.cue:
        cue_at = folded.rfind(fold(p.cue), s_start, anchor)
    if cue_at is None or cue_at < 0:
        return None
    head = line[s_start:cue_at]
    # "Acme follows Halvard, which bought 1,000 BTC", "Lucane, qui a acquis": the name
    # the relative clause hangs on is the verb's subject.
    # "Earlier, Rivalco announced that it acquired 18,300 Bitcoin": the name that said it
    said = re.search(r"((?:[A-Z][\w&.-]*[\w&]\.?\s*){1,4}?)(?:['\u2019]s)?\s*(?:announced|said|reported|"
                     r"disclosed|revealed|confirmed|noted|a\s+annonc\w*|a\s+indiqu\w*)\s+(?:on\s+\w+\s+)?"
                     r"(?:that\s+|qu['\u2019]?\s*)?(?:it|they|elle|il)\s+(?:has\s+|had\s+|a\s+|avait\s+)?"
                     r"(?:\w+\s+)?$", head)
    if said is not None:
        return said.group(1).strip()
    relative = re.search(r"((?:[A-Z][\w&.-]*[\w&]\.?\s*){1,4}),\s+(?:an?\s+[\w\s-]{1,40}?\s+"
                         r"(?:that|which|who)|un[e]?\s+[\w\s-]{1,40}?\s+qui|which|who|qui|lequel|"
                         r"laquelle)"
                         r"(?:\s+(?:has|have|had|also|recently|just|now|currently|still|already|"
                         r"reportedly|a|ont|avait|aussi|deja|d\u00e9j\u00e0|actuellement|"
                         r"d\u00e9sormais|desormais|vient de))*\s*$", head)
    if relative is not None:
        return relative.group(1).strip()
    head = re.sub(r"(?:\s+(?:has|have|had|also|now|recently|just|then|reportedly|already|"
                  r"further|additionally|is|was|were|are|currently|a|ont|avait|aussi|deja|"
                  r"vient de|de nouveau))+\s*$", "", " " + head)
    # An apposition or a relative clause: "Halvard, the largest holder, owns", "Orrin,
    # which bought 8,027 BTC in 2020 and 2021, holds"; "Orrin, which bought": Orrin's.
    head = re.sub(r",(?:[^,]|(?<=\d),(?=\d)){1,100},\s*$", "", head)
    head = re.sub(r",?\s+(?:which|who|qui|lequel|laquelle)\s*$", "", head)
    m = re.search(r"((?:[A-Z][\w&.-]*[\w&]\.?(?:\s+|$)){1,4})(?:['\u2019]s)?\s*$", head)
    if m is None or not head[:m.start()].strip() == "" and not re.search(
            r"(?:[.;:!?\u201d\"]|\b(?:and|while|but|et|mais|as|when|after|that|que|qu)|"
            # "puisqu'avec son dernier achat, Rivalco possède", "since with its latest
            # purchase, Rivalco holds": a causal or circumstantial clause, then the subject
            r"\b(?:[Pp]uisqu['\u2019]?|[Pp]arce\s+qu['\u2019]?|[Ss]ince|[Bb]ecause|[Ww]ith\s+"
            r"(?:its|this|the|their)|[Aa]vec\s+(?:son|sa|ses|ce|cette|leur))[^,.;]{0,80},|"
            r"\b(?:[Ff]or (?:instance|example)|[Bb]y (?:contrast|comparison)|[Ii]n comparison|"
            r"[Mm]eanwhile|[Ss]imilarly|[Ll]ikewise|[Hh]owever|[Pp]ar exemple|[Ee]n comparaison|"
            r"[Pp]ar ailleurs|[Dd]e son c[oô]t[eé]|[Ee]n revanche),)\s*$",
            head[:m.start()]):
        return None  # the name must open the clause: a subject, not an object
    return m.group(1).strip()


#: Words that open a sentence before its subject: "Meanwhile, Northpeak's production fell".
_OPENERS = re.compile(r"\s*(?:(?:meanwhile|similarly|likewise|also|however|separately|elsewhere|"
                      r"in addition|additionally|by contrast|in comparison|de son cote|de leur cote|"
                      r"par ailleurs|de meme|en revanche|pour sa part|quant a)\s*,?\s*)?")
#: A subject that names no one and stands for the subject before it.
_PRONOUN_SUBJECT = re.compile(r"\s*(?:its|it|their|they|the\s+(?:company|firm|miner|group)(?:'s)?|"
                              r"sa|son|ses|elle|il|la\s+societe|l'entreprise|le\s+groupe)\b")


def _opening_name(line: str, folded: str, start: int, end: int, proper: set[str]) -> str | None:
    """The name a sentence opens with as its subject ("Meanwhile, Northpeak's Bitcoin
    production fell", "Riverhash Mining experienced"), or None; ``proper`` holds the words the
    text capitalises more than once (a sentence's first word is capitalised anyway)."""
    opener = _OPENERS.match(folded, start, end)
    at = opener.end() if opener else start
    m = re.match(r"((?:[A-Z][\w&.-]*[\w&](?:\s+|(?=['\u2019])|$)){1,3})(?:['\u2019]s?\b|['\u2019])?",
                 line[at:end])
    if m is None:
        return None
    words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(m.group(1))]
    # "Northpeak's production", "Meanwhile, Riverhash": a name (a sentence's first word is
    # capitalised anyway, so a bare one must be capitalised elsewhere too).
    marked = m.group(0) != m.group(1) or at > start and bool(folded[start:at].strip())
    return m.group(1).strip() if any(w not in _NOT_NAMES and (w in proper or marked)
                                     for w in words) else None


#: A company written with its ticker: "Rivalco Mining (RVLC)", "Northpeak (NASDAQ: NPK)".
_TICKERED = re.compile(r"((?:(?:[A-Z][\w&.'\u2019-]*[\w&]|\d{1,3})\s+){0,3}"
                       r"[A-Z](?:[\w&.'\u2019-]*[\w&])?)"
                       # ("(NASDAQ: ACME)", "(ACME)", a social handle "(@_ACME)")
                       r"\s*\((?:[A-Za-z ]{2,12}:\s*|@_?)?[A-Z]{2,5}(?:\.[A-Z]{1,2})?\)")
#: A line that only names a company, over its part of a round-up: "2. Rivalco Mining (RVLC):",
#: "Northpeak", "Rivalco's holdings".
_NAME_LINE = re.compile(r"\s*(?:\d{1,2}[.)]\s*|[-\u2013\u2014\u2022*#]+\s*)?"
                        r"(?P<name>[A-Z][\w&.'\u2019-]*(?:\s+(?:[A-Z][\w&.'\u2019-]*|\d{1,3}))*?)"
                        r"\s*(?P<tail>\((?:[A-Za-z ]{2,12}:\s*)?[A-Z]{2,5}(?:\.[A-Z]{1,2})?\)|"
                        r"['\u2019]s\s+[a-z][a-z\s-]{0,30})?\s*:?\s*$")
#: Words that open a phrase set before a sentence's subject: "In October 2023, Northpeak
#: reported", "En tête du classement, la société Rivalco (RVLC)", "In the meantime, Rivalco".
_LEAD_IN = re.compile(r"\s*(?:(?:in|on|at|as|during|for|after|before|since|meanwhile|separately|"
                      r"similarly|likewise|in\s+contrast|by\s+contrast|de\s+meme|pareillement|"
                      r"following|like|unlike|behind|a\s+l'instar|comme|contrairement|"
                      r"elsewhere|last|this|earlier|later|over|by|with|also|then|en|au|aux|a|"
                      r"parmi|derriere|selon|dans|sur|avec|par|pour|de|du|apres|depuis|lors|quant|"
                      r"cote|pendant|fin|debut|mi)\b[^,.;:!?]{0,80},\s*)+")
#: A description before a name: "the company Rivalco", "la société Rivalco", "UK-based firm".
_DESCRIPTOR = re.compile(r"\s*(?:(?:the|la|le|l')\s*(?:[a-z-]+\s+){0,2}?(?:company|firm|miner|"
                         r"group|societe|entreprise|groupe|mineur)\s+|[a-z]+-based\s+(?:[a-z]+\s+)"
                         r"{0,2}(?:company|firm|miner)\s+)?")


def _own_names(lines: list[str], ticker: str | None, names: set[str]) -> set[str]:
    """The document's company's own names, told apart from the others a round-up names: the
    ticker, the name written with it ("Northpeak Mining (NPK)") and the names it abbreviates;
    with none of these, the names the text uses most."""
    if not ticker:
        return names
    own: set[str] = set()
    others: set[str] = set()  # names written with another ticker: "Strategy (MSTR)"
    listed: list[set[str]] = []
    tick = fold(ticker)
    for line in lines:
        for m in _TICKERED.finditer(line):
            words = {fold(w).rstrip(".") for w in _CAPITALISED.findall(m.group(1))} - _NOT_NAMES
            written = fold(re.sub(r".*[(:]\s*|\)", "", m.group(0)))
            # (another listing of the same company counts: "(TSWCF)" for SWC, "(MTPLF)")
            if tick in written or written in tick:
                own |= words
            else:
                others |= words
                listed.append(words)
        # (the ticker itself written as a word counts when written as a name, "Acme" for
        # ACME, not as the ticker, "XXI", which says nothing of the name)
        own |= {fold(w).rstrip(".") for w in _CAPITALISED.findall(line)
                if len(w) >= 3 and w.rstrip(".") != ticker.upper()
                and _abbreviates(tick, fold(w).rstrip("."))} - _NOT_NAMES
        own |= _initials(line, tick)
    if not own and sum(len(re.findall(rf"(?<![(:\w\u201c\"]){re.escape(ticker.upper())}\b(?![)\u201d\"])",
                                      line)) for line in lines) >= 2:
        own = {tick}  # "KULR now holds ...": the ticker used as its name, more than once
    if not own:
        # Not named by its ticker: the names the text uses most, less those written with
        # another ticker; none left, the company is not told (an empty set)
        rest = names - others - {tick}
        return rest | {tick} if rest else set()
    own.add(tick)
    # The company's own name written with another listing's ticker ("Acme Blockchain Labs
    # (OTC: ACMBF)" in a text on ACM): a name of its words is the company's, all of them.
    for words in listed:
        if words & own - _COMPANY_SUFFIXES:
            own |= words
    # "Acme Scientific" where "Acme" is the company's: the suffix written with its name (not
    # any capitalised word beside it: a text run together writes "Strategy Returns Acme")
    for line in lines:
        for run in re.finditer(r"[A-Z][\w&.'\u2019-]*[\w&](?:\s+[A-Z][\w&.'\u2019-]*[\w&])*", line):
            words = {fold(w).rstrip(".") for w in _CAPITALISED.findall(run.group(0))} - _NOT_NAMES
            if words & own:
                own |= words & _COMPANY_SUFFIXES
                # a legal name, ended by its legal form ("Acme Data Solutions Inc."): every
                # word of it is the company's
                if fold(run.group(0).split()[-1]).rstrip(".") in _LEGAL_FORMS and \
                        words & (own - _COMPANY_SUFFIXES - _LEGAL_FORMS):
                    own |= words
    return own | {tick}


def _initials(line: str, tick: str) -> set[str]:
    """The words of a name whose initials the ticker is ("Smarter Web Company" for SWC,
    "Northpeak Bitcoin Mining" for NBM), in one line."""
    letters = re.sub(r"[^a-z]", "", tick)
    if len(letters) < 2:
        return set()
    found: set[str] = set()
    for run in re.finditer(r"(?<![\w.'])[A-Z][\w&'\u2019-]*(?:\s+[A-Z][\w&'\u2019-]*){1,4}",
                           line):
        words = run.group(0).split()
        for i in range(len(words) - len(letters) + 1):
            part = words[i:i + len(letters)]
            if "".join(fold(w)[0] for w in part) == letters:
                found |= {fold(w).rstrip(".") for w in part} - _NOT_NAMES
    return found


#: A name as the subject of mining, buying, selling or holding bitcoin: "Rivalco mined",
#: "Northpeak now holds", "Rivalco a acquis".
_NAME_ACTS = re.compile(r"(?<![\w.'\u2019])((?:[A-Z][\w&.'\u2019-]*[\w&]\s+){1,3}?|"
                        r"(?:[A-Z][\w&.'\u2019-]*[\w&]\s+){0,2}[A-Z][\w&.'\u2019-]*[\w&],\s+"
                        rf"(?:{SUBJECT_ASIDES}),\s+)(?:(?:now|also|"
                        r"currently|has|have|had|a|avait|desormais|d[ée]sormais)\s+)*(?:holds?|"
                        r"held|owns?|owned|bought|buys|acquired|acquires|purchased|purchases|mined|"
                        r"mines|produced|produces|sold|sells|(?:added|adds)(?=\s+(?!that\b)[\w$~])|d[ée]tient|d[ée]tenait|"
                        # ("Rivalco has 2,317 BTC", "sits on", "dispose de": a holding's verb)
                        r"(?:has|had)(?=\s+(?:about\s+|some\s+|nearly\s+|over\s+)?\d)|sits\s+on|"
                        r"(?:is|was)\s+(?:now\s+|currently\s+)?sitting\s+on|"
                        r"dispos(?:e|ait)\s+(?:(?:d[ée]sormais|maintenant|actuellement)\s+)?de|"
                        r"compte\s+(?:d[ée]sormais|maintenant|actuellement)|en\s+portefeuille|"
                        r"poss[èe]de|achet[ée]|acquis|produit|min[ée]|vendu|extrait|ajout[ée])\b")

#: A name as the possessor of a holding: "Rivalco's treasury", "Rivalco's bitcoin reserve",
#: "the holdings of Rivalco", "les avoirs de Rivalco", "la trésorerie de Rivalco".
_NAME_HOLDING = re.compile(
    rf"(?<![\w.'\u2019])(?P<name>(?:[A-Z][\w&.-]*[\w&]\s+){{0,2}}[A-Z][\w&.-]*[\w&])['\u2019]s\s+"
    rf"(?:(?:bitcoin|btc|total|crypto|digital\s+asset)\s+){{0,2}}(?:{HOLDING_NOUNS_EN})\b|"
    rf"\b(?:[Tt]he|[Ll]es?|[Ll]a)\s+(?:(?:bitcoin|btc|total)\s+)?(?:{HOLDING_NOUNS_EN}|"
    rf"{HOLDING_NOUNS_FR})\s+(?:(?:en\s+)?(?:bitcoins?|btc)\s+)?(?:of|de|du|d['\u2019])\s*"
    rf"(?P<name2>(?:[A-Z][\w&.-]*[\w&]\s*){{1,3}})")


#: Capitalised words that open a sentence or name a security, not a company.
_NOT_COMPANIES = frozenset("""
all both each every some many most other others despite although though pas tous toutes
chaque certains plusieurs preferred perpetual series class notes note bonds convertible
expertise analysts investors miners mineurs stock shares actions
equivalent equivalents
""".split())


#: The last word of many companies' names: "Northpeak Mining", "Rivalco Holdings".
_COMPANY_SUFFIXES = frozenset("""
mining miners holdings platforms technologies technology inc corp corporation group ltd
limited plc digital energy capital blockchain scientific sa ag se nv ab asa company
""".split())


#: The legal form closing a company's full name ("Acme Data Solutions Inc.").
_LEGAL_FORMS = frozenset("inc corp corporation ltd limited plc sa ag se nv ab asa llc".split())

#: How a text writes a company's name: "MARA Holdings", "Rivalco Blockchain" (a suffix),
#: "company Rivalco", "la société Rivalco", "the miner Rivalco", "(formerly Rivalco)".
_NAME_RUN = r"[A-Z][\w&.'\u2019-]*[\w&](?:\s+(?:[A-Z][\w&.'\u2019-]*[\w&]|\d{1,3}\b))*"
_WRITTEN_AS_COMPANY = re.compile(
    rf"(?<![\w.'\u2019])(?P<name>(?:[A-Z][\w&.'\u2019-]*[\w&]\s+){{1,3}})(?P<suffix>"
    r"(?:Mining|Miners|Holdings|Platforms|Technologies|Inc|Corp|Corporation|Group|Ltd|"
    r"Limited|Plc|PLC|Digital|Energy|Capital|Blockchain|Scientific|SA|AG|SE|NV|AB|ASA)\b)|"
    rf"\b(?:company|firm|miner|companies|firms|miners|societe|société|entreprise|groupe|"
    rf"mineur|rival|concurrent)\s+(?:de\s+[A-Z]\w+\s+[A-Z]\w+\s*,\s*)?(?P<name2>{_NAME_RUN})|"
    rf"\((?:formerly|previously|anciennement|ex-|ex\s)\s*(?P<name3>{_NAME_RUN})\)")


def _may_month(text: str) -> str:
    """The month May written as a month ("bought 75 BTC in May and now holds", "May 5"),
    so that it is not read as the verb of a plan ("may hold")."""
    return re.sub(r"\b((?:in|of|since|during|until|by|early|late|mid|end\s+of|from|through|"
                  r"last|this|next)\s+)may\b|\bmay(?=\s*\d)", lambda m: (m.group(1) or "") + "month",
                  text)


def _known_companies(lines: list[str], proper: set[str]) -> set[str]:
    """Names the text shows to be companies (folded words): those written with a ticker, and
    those a holding or mining verb has as subject ("Rivalco mined", "Northpeak détient")
    that the text capitalises more than once."""
    known: set[str] = set()
    for line in lines:
        for m in list(_TICKERED.finditer(line)) + list(_NAME_ACTS.finditer(line)):
            words = _CAPITALISED.findall(m.group(1))
            bracket = m.start() + m.group(0).rfind("(")
            if m.re is _TICKERED and (
                    fold(ticker := re.sub(r".*[(:]\s*|\)", "", m.group(0))) in _NOT_NAMES
                    or fold(ticker) == "".join(w[0] for w in re.findall(
                        r"[\w'\u2019-]+", fold(line[:bracket]))[-len(ticker):])):
                continue  # "Net Asset Value (NAV)", "Exchange Commission (SEC)": no company
            folded = {fold(w).rstrip(".") for w in words} - _NOT_NAMES
            if folded & _NOT_COMPANIES or m.re is _NAME_ACTS and not folded & proper and not (
                    # "Brisa Mining a extrait 205 BTC": a name ending as companies' names
                    # do is one even when the text writes it only once
                    len(words) >= 2 and fold(words[-1]).rstrip(".") in _COMPANY_SUFFIXES):
                continue  # "Perpetual Preferred Stock (STRP)", "All mined": no company
            known |= folded - _METRIC_WORDS  # "Rivalco Holdings (RVL)": "rivalco"
        # A name written as companies' names are, even once: with a company's suffix
        # ("MARA Holdings", "Rivalco Blockchain"), after "the company", "mining company",
        # "la société" ("Cryptocurrency company Rivalco"), or as it was formerly called
        # ("Strategy (formerly MicroStrategy)"); and a name opening a second clause doing
        # what companies do ("..., as Rivalco acquired 900 BTC", "tandis que Rivalco détient").
        for m in _WRITTEN_AS_COMPANY.finditer(line):
            words = _CAPITALISED.findall(m.group("name") or m.group("name2")
                                         or m.group("name3"))
            folded = [fold(w).rstrip(".") for w in words]
            if m.group("suffix") is not None and not (any(
                    w.isupper() and len(w) >= 2 for w, f in zip(words, folded)
                    if f not in _COMPANY_SUFFIXES and f not in _NOT_NAMES) or any(
                    f in proper and f not in _NOT_NAMES and f not in _COMPANY_SUFFIXES
                    for f in folded) and re.match(r"\s*(?:[a-z(,]|['\u2019]s\b)",
                                                  line[m.end():])):
                # "Bitcoin Treasury Company", a table's "Deployed Miners 1 12,400": a kind
                # of company or a label, not a name (a name is all capitals, or repeated and
                # followed by words)
                continue
            known |= set(folded) - _NOT_NAMES - _NOT_COMPANIES - _METRIC_WORDS \
                - _COMPANY_SUFFIXES
        for m in _NAME_ACTS.finditer(line):
            if re.search(r"\b(?:as|while|whereas|when|and|but|since|after|because|tandis\s+qu[e']|"
                         r"alors\s+qu[e']|et|mais|puisque|car)\s+$", line[:m.start()]):
                folded = {fold(w).rstrip(".") for w in _CAPITALISED.findall(m.group(1))}
                folded -= _NOT_NAMES
                if folded and not folded & _NOT_COMPANIES:
                    known |= folded - _METRIC_WORDS
        # "Rivalco's treasury now stands at", "the holdings of Rivalco", "les avoirs de
        # Rivalco": a name whose holding the text tells, capitalised more than once
        for m in _NAME_HOLDING.finditer(line):
            folded = {fold(w).rstrip(".") for w in _CAPITALISED.findall(
                m.group("name") or m.group("name2"))} - _NOT_NAMES
            if folded and folded <= proper and not folded & _NOT_COMPANIES:
                known |= folded - _METRIC_WORDS
        # "Rivalco's holdings" as a heading: a section on Rivalco
        if (m := _NAME_LINE.fullmatch(line.strip())) and (m["tail"] or "").startswith(
                ("'", "\u2019")):
            folded = {fold(w).rstrip(".") for w in _CAPITALISED.findall(m["name"])} - _NOT_NAMES
            if folded and folded <= proper and not folded & _NOT_COMPANIES:
                known |= folded
    return known


#: A heading that says what a company did: "Kestrel Labs Expands Bitcoin Treasury".
_HEADING_ACTS = re.compile(r"((?:[A-Z][\w&.'\u2019-]*\s+){1,3}?)(?:Expands|Buys|Bought|Adds|Added|"
                           r"Acquires|Acquired|Reports|Reported|Announces|Announced|Boosts|Sells|"
                           r"Sold|Raises|Raised|Mines|Mined|Purchases|Purchased|Increases|Holds|"
                           r"Grows|Doubles|Joins|Follows|Achète|Acquiert|Annonce|Vend|Renforce|"
                           r"Détient|Ajoute|achète|acquiert|annonce|vend|renforce|détient|"
                           r"ajoute)\b")
