"""Who says a statement, and with which reporting verb, by rule.

A reporting verb (from the cue lists) with a name or role as its subject
("Jane Smith said", "said the minister"), "according to X", "X: ..." turn
labels and "... — X" bylines.  A verb inside a quotation never names the
statement's speaker: that is what the quoted person says others did.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .lexicon import Entry, Lexicon, skip_back
from .tokens import Toks, plain, title_case

_QUOTE = '"'

# words that may follow a speaker's name in "..., said Jane Smith on Tuesday"
_AFTER_NAME = frozenset("on in at during after before to of when who while as from and but in a an the this "
                        "last yesterday today told adding according".split())
_CONNECTORS = frozenset({"of", "the", "for", "de", "da", "van", "von", "der", "al", "bin", "del", "la", "le"})
_DETERMINERS = frozenset({"the", "a", "an"})
_CHARGE_PREPOSITIONS = frozenset({"for", "of", "with"})  # "blamed for", "accused of", "charged with"
# ... unless the object stands before the subject or a perfect's "have" before the verb:
# "whom Jo Hart accused of ...", "whom critics had blamed for ..." are active
_FRONTED_OBJECT = frozenset({"whom", "which", "have", "has", "had", "having"})
# words that open a clause naming what is said, not who says it
_CLAUSE_OPENERS = frozenset({"what", "whether", "how", "why", "if"})
# ... of them, those that ask or suppose: a subject after them asserts nothing ("what Hale
# said would cost $800" gives Hale's words; "whether Hale believes", "why Hale claimed" do not)
_QUESTION_OPENERS = _CLAUSE_OPENERS - {"what"}
# the most words an attribution after a quotation's last comma holds ("..., the
# state's chief lawyer said"): what a quotation left open ends on (_unquote_attribution)
_ATTRIBUTION_WORDS = 7
# a word a clause may open on before its subject ("but Hale attacked ..., saying")
_JOINERS = frozenset({"but", "and", "yet", "so"})
# at most this many words describe an unnamed source ("two officials who spoke on condition of anonymity")
SOURCE_WORDS = 10
# words that may come before a clause of when opening a sentence ("Shortly after ...")
_CLAUSE_LEADS = frozenset({"shortly", "just", "soon", "long", "even", "only", "and", "but", "so", "not"})
# words before a capitalised common noun that make it a role ("The Democrat", "Another veteran Republican")
_ROLE_DETERMINERS = frozenset({"the", "a", "an", "another", "one"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})
# plurals of people by what they do or are to someone ("supporters", "allies", "critics")
_AGENT_PLURALS = ("ers", "ors", "ies", "ists", "ics", "ants", "ents")
# words a description of a source never ends on, right before its verb
_DESCRIPTION_ENDS = frozenset({"a", "an", "the", "to", "who", "that", "which", "and", "or", "of"})
# what may end a person's name after its last word, with a full stop
_NAME_SUFFIXES = frozenset({"jr", "sr"})
_OPENS_QUOTE_RE = re.compile(r"\s+['\u2018\u201c\"]")  # a blank, then a mark opening a quotation
_CONTRACTED_RE = re.compile(r"['’](?:re|s|ll|d|ve|m)$")
# tokens an aside between a subject and its verb may hold ("the Harbour Board, the loud voice for local
# fishermen that has long been seen as one of the fiercest critics of dredging plans, said")
ASIDE_TOKENS = 35
# words of who speaks before the verb of a Title Case headline ("Port Authority Board Republicans Demand")
HEADLINE_SUBJECT = 5
# priority of a document as speaker ("the letter says"): after every person, body and pronoun
_DOCUMENT_PRIORITY = 7
# a party and a state, or its first letters, after a name: "R-Ariz", "D-N" (of "D-N.Y.")
PARTY_RE = re.compile(r"[DRI]-[A-Z][A-Za-z]*$")
# the dash after a dateline ("WASHINGTON —", "MILLBROOK, Mo. --")
_DATELINE_DASHES = ("\u2014", "\u2015", "\u2013", "--")
_ASIDE_DASHES = ("\u2014", "\u2015", "\u2013", "--")
# a reporting verb inside an aside between dashes comes after the sentence's own (offer)
_ASIDE_PRIORITY = 4
# a name after one of these is a place or an object, not who speaks ("officials in Washington said")
_PREPOSITIONS = frozenset("on in at from near outside inside across for with to into over under by behind "
                          "around through within".split())
# of those, the ones that place a subject, not tie it to a person ("for", "with", "by")
_PLACE_PREPOSITIONS = frozenset("on in at near outside inside across around through within".split())
# words between such a preposition and a name that make it no place ("in which Reed said")
_NOT_PLACE_MODIFIERS = frozenset("the a an which whom whose what that this these those his her their its our my "
                                 "your whatever".split())


_POSSESSIVE_END_RE = re.compile(r"['’]s$")

class _SpeakerFinder:
    def __init__(self, toks: Toks, cues: Lexicon) -> None:
        self.t = toks
        self.c = cues

    # -- token classes ----------------------------------------------------
    def is_cap(self, i: int) -> bool:
        raw = self.t.raws[i]
        key = self.t.keys[i]
        return (
            raw[:1].isupper()
            and key not in self.c.name_stopwords
            and not raw[:1].isdigit()
            and not self.is_possessive(i)
        )

    def is_title(self, i: int) -> bool:
        key = self.t.keys[i]
        return key in self.c.titles or (key in self.c.lowercase_bodies and self.t.raws[i].islower())

    def is_modifier(self, i: int) -> bool:
        return self.t.keys[i] in self.c.title_modifiers

    def is_possessive(self, i: int) -> bool:
        return self.t.keys[i].endswith(("'s", "s'"))

    def part(self, i: int) -> bool:
        if not self.is_possessive(i):
            return self.is_cap(i) or self.is_title(i) or self.is_modifier(i)
        # an office's name holds its holder's title ("the State Auditor's Office", "the
        # Sheriff's Department"); a person's possessive ends the name ("Jo Hart's office")
        key = self.t.keys[i][:-2] if self.t.keys[i].endswith("'s") else self.t.keys[i][:-1]
        return (key in self.c.titles and self.t.raws[i][:1].isupper() and i + 1 < self.t.n and self.name_gap(i)
                and self.t.keys[i + 1] in self.c.bodies and self.is_cap(i + 1))

    def name_gap(self, i: int) -> bool:
        """May tokens i and i+1 belong to one name?"""
        g = self.t.gap(i)
        if g.isspace() and len(g) <= 3 and "\n" not in g:
            return True
        raw = self.t.raws[i]
        if g.strip() != "." or len(g) > 2:
            return False
        # an initial ("Jane Q. Hale") or an abbreviated title ("said Sen. John Smith")
        return (len(raw) == 1 and raw.isupper()) or (
            raw[:1].isupper() and len(raw) <= 4 and (self.is_title(i) or self.t.keys[i] in self.c.honorifics))

    def _object_of_verb(self, k: int) -> bool:
        """Is token k a past-tense verb right before a name ("had backed Mr. Dunn")?"""
        raw = self.t.raws[k]
        return raw[:1].islower() and raw.endswith("ed") and len(raw) > 4 and self.t.gap(k).isspace()

    # -- phrases ----------------------------------------------------------
    def left_phrase(self, j: int) -> tuple[int, int] | None:
        """Name/role phrase ending at token j: (first, last) token indexes."""
        if j < 0 or not self.part(j):
            return None
        first = j
        k = j - 1
        # "and" inside a body's name ("the Roads and Bridges Authority"), not between two
        # people, nor before an "of" ("Smith and Jones of the Justice Department")
        body = self.t.keys[j] in self.c.bodies
        while k >= 0 and self.name_gap(k):
            if self.part(k):
                first = k
                k -= 1
                continue
            if self.t.keys[k] in _CONNECTORS or (body and self.t.keys[k] == "and"):
                m = k
                while (m >= 0 and (self.t.keys[m] in _CONNECTORS or (body and self.t.keys[m] == "and"))
                       and self.name_gap(m)):
                    body = body and self.t.keys[m] == "and"
                    m -= 1
                if m >= 0 and self.part(m) and self.name_gap(m):
                    first = m
                    k = m - 1
                    continue
            break
        return first, j

    def _of_a_role(self, ph: tuple[int, int]) -> bool:
        """Is the phrase a body after a lower-case role and "of" ("executive
        director of the Harbour Traders Group"), whether the role is in the
        phrase or before it?"""
        return self._of_at(ph) is not None

    def _of_at(self, ph: tuple[int, int]) -> int | None:
        """The token "of" of ``_of_a_role``: inside the phrase, or right before it
        (a determiner between)."""
        t = self.t
        before = ph[0] - 2 if ph[0] >= 2 and t.keys[ph[0] - 1] in _DETERMINERS else ph[0] - 1
        places: list[int] = [before, *range(ph[0], ph[1])]
        for j in places:
            if j >= 1 and t.keys[j] == "of" and t.raws[j - 1][:1].islower() and self.name_gap(j - 1) and self.name_gap(j):
                return j
        return None

    def _named_before_role(self, ph: tuple[int, int]) -> tuple[int, int] | None:
        """The name set off by a comma before the role of ``ph`` ("Jo
        Hart, the executive director of ..."), if the role is a few words."""
        t = self.t
        of = self._of_at(ph)
        if of is None:
            return None
        for m in range(of - 1, max(of - 8, 0), -1):
            g = t.gap(m - 1)
            if "," in g and not any(c in g for c in '".;:!?()'):
                named = self.left_phrase(m - 1)
                return named if named and self.is_plain_cap(named[1]) else None
            if not g.isspace():
                return None
        return None

    def right_phrase(self, i: int) -> tuple[int, int] | None:
        """Name/role phrase starting at token i (after an optional determiner)."""
        n = self.t.n
        if i < n and self.t.keys[i] in _DETERMINERS and i + 1 < n and self.name_gap(i):
            i += 1
        if i >= n or not self.part(i):
            return None
        last = i
        k = i
        while k + 1 < n and self.name_gap(k):
            if self.part(k + 1):
                k += 1
                last = k
                continue
            if self.t.keys[k + 1] in _CONNECTORS:
                m = k + 1
                while m < n and self.t.keys[m] in _CONNECTORS and m + 1 < n and self.name_gap(m):
                    m += 1
                if m < n and self.part(m) and self.t.keys[m] not in _CONNECTORS:
                    k = m
                    last = m
                    continue
            if (self.t.keys[k + 1] == "and" and k + 2 < n and self.name_gap(k + 1) and self.part(k + 2)
                    and not (k > i and self.is_plain_cap(k - 1) and self.is_plain_cap(k))):
                # "and" inside an office's name before the person: "former Roads and Harbours
                # Planning Secretary Ann Lee" (not "Smith and Jones": no title in between;
                # nor "Tom Reed and House Speaker Mark Dunn": a person's name before it)
                m = k + 2
                while m + 1 < n and self.name_gap(m) and self.part(m + 1):
                    m += 1
                if any(self.is_title(x) for x in range(k + 2, m)) and self.is_plain_cap(m):
                    k = last = m
                    continue
            break
        # letters written together ("Reed L.L.P.", "Acme L.L.C.") close a firm's name, no
        # person's initials ("Jane Q. Hale"): the phrase ends before them
        m = last
        while m > i and len(self.t.raws[m]) == 1 and self.t.raws[m].isupper() and self.t.gap(m - 1) == ".":
            m -= 1
        if m < last and m > i and self.t.gap(m - 1).isspace():
            last = m - 1
        return i, last

    def render(self, first: int, last: int) -> str:
        """Speaker text for a phrase: the name, or the role with its determiner."""
        t = self.t
        if all(t.keys[k] in self.c.honorifics for k in range(first, last + 1)):
            return ""  # "Mr." alone: a form of address, not a speaker
        if first < last and t.keys[first] in self.c.partitives and t.keys[first + 1] == "of":
            return self._unnamed(first, last)  # "One of the harbour pilots said": one, not all
        # a title word last after a given name that a title opens is a surname ("Rep. Jo King")
        surname = (self.is_title(last) and last - 1 > first and self.is_plain_cap(last - 1)
                   and t.keys[first] in self.c.person_titles and self.name_gap(last - 1))
        if (self.is_title(last) and not surname) or self.is_modifier(last) or not self.is_cap(last):
            if not any(self.is_title(k) and t.keys[k] not in self.c.honorifics for k in range(first, last + 1)):
                return ""  # "Mr. Reed first mentioned": no role
            s = first
            owner = s - 1  # "Mr. Hale’s statement on Tuesday criticizing ...": the document is Hale's words
            if (t.keys[last] in self.c.documents and owner >= 0 and t.gap(owner).isspace()
                    and t.raws[owner][:1].isupper() and _POSSESSIVE_END_RE.search(t.raws[owner])):
                name = _POSSESSIVE_END_RE.sub("", t.raws[owner])
                if owner > 0 and self.is_plain_cap(owner - 1) and self.name_gap(owner - 1):
                    name = f"{t.raws[owner - 1]} {name}"
                if name.lower() not in self.c.bodies and not self.is_title(owner):
                    return name
            det = ""
            if s > 0 and t.keys[s - 1] in _DETERMINERS and t.gap(s - 1).isspace():
                det = t.keys[s - 1]
            body = " ".join(t.text[t.starts[first] : t.ends[last]].split())
            if body[:1].isupper() and body.split()[0].lower() in _DETERMINERS:
                det, body = body.split()[0].lower(), " ".join(body.split()[1:])
            elif first == last and not det and body.endswith("s") and body[1:].islower() and self._opens(first):
                body = body.lower()  # "Critics say ...": the capital is the sentence's, "the critics"
            return f"{det or 'the'} {body}"
        k = last
        while k - 1 >= first and self.is_plain_cap(k - 1) and self.name_gap(k - 1):
            k -= 1
        if k > first and not any(self.is_title(x) for x in range(first, last + 1)) and all(
                (self.is_modifier(x) and self.is_cap(x) and t.keys[x] not in self.c.loose_role_words)
                or self.is_plain_cap(x) for x in range(first, k)):
            # no title to set off: a capitalised modifier opens an organisation's name
            # ("the National Anglers Association", "the Federal Grain Board"), not a role;
            # "Top Democrats" says which Democrats
            k = first
        if k - 1 >= first and t.keys[k - 1] in self.c.documents:
            return ""  # "a memo Hale wrote": the name after a document holds no title
        m = k - 1
        while m > first and self.is_modifier(m) and self.name_gap(m):
            m -= 1  # "of Foreign Affairs": modifiers between "of" and the run
        titled = m > first and m < k - 1 and t.keys[m] in _CONNECTORS  # modifiers between "of" and the run
        direct = k > first and t.keys[k - 1] in _CONNECTORS and self.is_cap(k - 2)
        of_the = (k - 3 >= first and t.keys[k - 1] in _DETERMINERS and t.keys[k - 2] == "of" and self.is_title(k - 3)
                  and self.name_gap(k - 1) and self.name_gap(k - 2))
        if last - k >= 2 and (direct or titled or of_the):
            # "President of Ruritania Jane Smith", "Minister of Foreign Affairs Jane Smith",
            # "Secretary of the Interior Tom Reed"
            k = last - 1
        elif ((direct and last - k == 1 and not self._named_person(first, k - 2))
              or (titled and last == k and self.is_plain_cap(m - 1))):
            # "Office of Coastal Planning", "Ministry of Harbour Affairs": an organisation
            k = m - 1
            while k - 1 >= first and self.is_plain_cap(k - 1) and self.name_gap(k - 1):
                k -= 1
        elif direct and last == k and t.keys[k - 1] == "for" and self.is_plain_cap(k - 2):
            # "Harbours for Tomorrow", "Parents for Parks": an organisation, not its last word
            k -= 2
            while k - 1 >= first and self.is_plain_cap(k - 1) and self.name_gap(k - 1):
                k -= 1
        elif k - 2 >= first and t.keys[k - 1] in ("of", "from") and (
                self.is_plain_cap(k - 2) or (self.is_title(k - 2) and k - 3 >= first and self.is_plain_cap(k - 3)
                                             and self.name_gap(k - 3))):
            # "John Smith of Ohio said", "Sen. Jo King of Maine said": the person, not the place
            last = k - 2
            k = last
            while k - 1 >= first and self.is_plain_cap(k - 1) and self.name_gap(k - 1):
                k -= 1
        elif (k - 3 >= first and t.keys[k - 1] in _DETERMINERS and t.keys[k - 2] == "of"
              and self._named_person(first, k - 3) and t.keys[k - 3] not in self.c.bodies):
            # "Jo Hart of the Reed Institute said": the person of the body, as without "the"
            last = k - 3
            k = last
            while k - 1 >= first and self.is_plain_cap(k - 1) and self.name_gap(k - 1):
                k -= 1
        name = " ".join(t.text[t.starts[k] : t.ends[last]].split())
        if t.keys[last] in _NAME_SUFFIXES:  # "Reed Jr.", never "Jr." alone
            return "" if k == last else name + "." if t.gap(last).startswith(".") else name
        return name

    def _document_from(self, ph: tuple[int, int]) -> str:
        """Whose document ``ph`` is, named after "from" ("a statement from Jo
        Hale's office", "a letter from the Harbour Board"): who speaks in it."""
        t = self.t
        k = ph[1] + 1
        if k + 1 >= t.n or t.keys[k] != "from" or not (t.gap(ph[1]).isspace() and t.gap(k).isspace()):
            return ""
        owner = self.right_phrase(k + 1)
        if owner is None:
            return ""
        name = self.render(*owner)
        after = owner[1] + 1
        # "Jo Hale's office": the person whose office it is ("Senate Leader Jo" + "Hale's")
        if (after < t.n and self.is_possessive(after) and t.raws[after][:1].isupper()
                and self.name_gap(owner[1]) and name[:1].isupper()):
            name = f"{name} {_POSSESSIVE_END_RE.sub('', t.raws[after])}"
        return name

    def _name_set_off_after(self, ph: tuple[int, int]) -> str:
        """The name set off by a comma right after the role ``ph`` that a verb
        put before its subject ("..., said a Harbour Board spokesman, Jo Hale."): the
        person the role is; "" when no name closes the clause there."""
        t = self.t
        k = ph[1] + 1
        if k >= t.n or t.gap(ph[1]).strip() != ",":
            return ""
        after = self.right_phrase(k)
        if after is None or after[0] != k or not self.is_plain_cap(after[1]):
            return ""
        end = t.gap(after[1]).strip()[:1] if after[1] + 1 < t.n else ""
        if end not in ("", ".", ","):
            return ""
        name = self.render(*after)
        return name if name and name[:1].isupper() else ""

    def _described(self, h: int) -> bool:
        """Is token h a role or an unnamed person ("person", "officials") that a
        description follows ("familiar with", "who": ``source_descriptions``)?"""
        t = self.t
        if not (self.is_title(h) or t.keys[h] in self.c.unnamed_people) or h + 1 >= t.n:
            return False
        # "those who ..." is a kind of people ("a gap between those who fish and those who sail"), no source
        kinds = t.keys[h] in self.c.unnamed_kinds
        return any(tuple(t.keys[h + 1 : h + 1 + len(d)]) == d and all(t.gap(m).isspace() for m in range(h, h + len(d)))
                   for d in self.c.source_descriptions if not (kinds and d == ("who",)))

    def _unnamed(self, first: int, last: int) -> str:
        """An unnamed source as the text describes it, tokens first to last ("a person briefed on the matter")."""
        phrase = " ".join(self.t.text[self.t.starts[first] : self.t.ends[last]].split())
        return phrase[:1].lower() + phrase[1:] if self.t.raws[first][1:].islower() or len(self.t.raws[first]) == 1 \
            else phrase

    def _unnamed_before(self, i: int) -> str:
        """The unnamed source described right before the verb at token i ("people
        familiar with the matter said", "two people briefed on the talks have said")."""
        t = self.t
        k = i - 1
        while k >= 0 and t.gap(k).isspace() and (n := skip_back(t.keys, k, self.c, self._spaced)):
            k -= n
        if k < 1 or t.keys[k] in _DESCRIPTION_ENDS or t.keys[k - 1] == "to":
            return ""  # "a lawyer who likes to argue", "keen to hear appeals": the verb is the clause's
        if (k >= 3 and (t.keys[k] in self.c.unnamed_people or self.is_title(k)) and t.keys[k - 1] == "the"
                and t.keys[k - 2] == "of" and t.keys[k - 3] in self.c.partitives
                and all(t.gap(m).isspace() for m in range(k - 3, k))):
            return self._unnamed(k - 3, k)  # "two of the harbour pilots said": of those described before
        for h in range(k, max(-1, k - SOURCE_WORDS), -1):
            if not t.gap(h).isspace():
                break
            if h < k - 1 and self._described(h):  # "officials who attended said"; not "officials who said"'s own verb
                first = h
                while first > 0 and t.keys[first - 1] in self.c.source_quantifiers and t.gap(first - 1).isspace():
                    first -= 1
                return self._unnamed(first, k)
        return ""

    def _unnamed_after(self, j: int) -> str:
        """The unnamed source described from token j on ("said a person familiar with
        the talks", "according to people familiar with the matter"), to the next mark."""
        t = self.t
        h = j
        while h < t.n - 1 and t.keys[h] in self.c.source_quantifiers and t.gap(h).isspace():
            h += 1
        if h >= t.n or not self._described(h):
            return ""
        last = h
        while last + 1 < t.n and last - h < SOURCE_WORDS and t.gap(last).isspace():
            last += 1
        if last + 1 < t.n and t.gap(last).isspace() and "to" in t.keys[h:last]:
            last = h + t.keys[h:last].index("to") - 1  # cut short: "... on condition of anonymity" without "to discuss a"
        while last > h + 1 and t.keys[last] in _DESCRIPTION_ENDS:
            last -= 1
        return self._unnamed(j, last)

    def _named_with(self, ph: tuple[int, int]) -> tuple[int, int] | None:
        """The name joined by "and" before the subject ``ph`` when the two open the
        clause ("Westmark and Eastvale accused Northshire", "both Hale and Reed
        referred"): they speak together.  Not a name that is another verb's object
        ("Reed met Dunn and Hale said"): the first must open the text, follow
        "both", or follow a comma."""
        t = self.t
        a = ph[0]
        if a < 2 or t.keys[a - 1] != "and" or not (t.gap(a - 2).isspace() and t.gap(a - 1).isspace()):
            return None
        first = self.left_phrase(a - 2)
        if not (t.keys[a] in self.c.person_titles or t.keys[a] in self.c.honorifics
                or self.render(*ph).startswith(t.raws[a]) or self._titled_person(first)):
            # "Roads and Harbours Committee spokesman Tom Reed": one body's name;
            # "House Speaker Jane Hale and Senate Democratic Leader Mark Dunn": two people
            return None
        if first is None or not self.render(*first) or not self.is_cap(first[1]):
            return None
        before = first[0] - 1
        if first[0] > 0 and t.keys[first[0] - 1] in _DETERMINERS:
            before -= 1
        opens = before < 0 or t.keys[before] == "both" or "," in t.gap(before)
        return first if opens else None

    def _titled_person(self, ph: tuple[int, int] | None) -> bool:
        """A phrase that names a person after a title ("House Speaker Jane Hale")."""
        if ph is None or not any(self.is_title(x) for x in range(ph[0], ph[1] + 1)):
            return False
        name = self.render(*ph)
        return len(name.split()) >= 2 and not name.startswith(("the ", "a ", "an "))

    def _named_person(self, first: int, j: int) -> bool:
        """Do two names or more end at token j ("Jo Hart" of "Jo Hart of Reed Partners",
        a person of a firm; "Office" of "Office of Coastal Planning" is one word)?"""
        return j - 1 >= first and self.is_plain_cap(j) and self.is_plain_cap(j - 1) and self.name_gap(j - 1)

    def _opening_subordinate(self, lead: int) -> bool:
        """Does the subject at token ``lead`` open a clause of when or why that opens
        the sentence ("Shortly after X said ..., Y did ...")?  The main clause after it
        tells the claim; such a clause at the end ("..., when X said ...") keeps its speaker,
        whose words often follow."""
        t = self.t
        s = lead - 1
        if s < 0 or t.keys[s] not in self.c.subordinators or not t.gap(s).isspace():
            return False
        return all(t.keys[m] in _CLAUSE_LEADS and t.gap(m).isspace() for m in range(s))

    def _opens(self, k: int) -> bool:
        """Does token k open the text or a sentence in it?"""
        gap = self.t.gap_before(k).strip().strip("\"“‘'(")
        return k == 0 or gap[-1:] in (".", "!", "?", ":")

    def _spaced(self, k: int) -> bool:
        return self.t.gap(k).isspace()

    def is_plain_cap(self, i: int) -> bool:
        return self.is_cap(i) and not self.is_title(i) and not self.is_modifier(i)

    def subject_end(self, i: int) -> int | None:
        """Last token of the subject of the verb at token i, if any."""
        t = self.t
        k = i - 1
        # "has consistently said": skip words and phrases ("this morning"), and adverbs in -ly;
        # "on" before a skipped day ("Hale on Friday said")
        while k >= 0 and t.gap(k).isspace():
            n = skip_back(t.keys, k, self.c, self._spaced) or int(
                (t.keys[k].endswith("ly") and len(t.keys[k]) > 4 and t.raws[k][:1].islower())
                or (t.keys[k] == "on" and k + 1 < i and t.keys[k + 1] in self.c.skip_words
                    and t.raws[k + 1][:1].isupper()))
            if not n and k == i - 1 and k > 0 and t.keys[k] == "to" and t.keys[k - 1] in self.c.catenatives \
                    and t.gap(k - 1).isspace():
                n = 2  # "Hale attempted to explain": the subject of "attempted"
            if not n:
                break
            k -= n
        if k < 0:
            return None
        # a document and what was done with it: "The indictment released late Monday alleges"
        if (k > 0 and t.keys[k].endswith("ed") and t.raws[k].islower() and t.keys[k - 1] in self.c.documents
                and t.gap(k - 1).isspace() and t.gap(k).isspace()):
            k -= 1
        g = t.gap(k)
        if g.isspace() or (g.strip() == "." and t.keys[k] in _NAME_SUFFIXES):  # "Tom Reed Jr. said"
            return k
        # a party and state after the name: "Sen. Jane Smith, R-Ariz., said", "(D-N.Y.) said"
        party = self._party_start(k)
        if party is not None:
            around = (g.strip(), t.gap(party - 1).strip())
            if around in ((".,", ","), (",", ","), (".)", "("), (")", "(")):
                return party - 1
            if around in ((".),", "("), ("),", "(")):
                # "Jane Smith, the aide to Rep. Jo Hart (R-Tenn.), wrote": the person set off before
                return self._set_off_before(party - 1, through_titles=True)
        # an aside ending in a suffix's full stop: "Jane Smith, a lawyer for Joe Hart Jr., said"
        suffixed = g.strip() == ".," and t.keys[k] in _NAME_SUFFIXES
        if "," not in g or (any(c in g for c in '".;:!?()') and not suffixed):
            return None
        if k > 0 and t.raws[k].islower() and t.keys[k].endswith("ed") and "," in t.gap(k - 1):
            return None  # "Lee, who ..., protested, saying": a verb between commas is no aside (_opening_subject)
        # a parenthesis between subject and verb: "Jane Smith, in turn, explained"
        return self._set_off_before(k)

    def _set_off_before(self, k: int, through_titles: bool = False) -> int | None:
        """The token before the comma that opens the aside ending at token k
        ("Jane Smith, in turn, explained"), at most ASIDE_TOKENS tokens back; a party and
        state may stand inside it ("Jo Hart, R-N.Y., who ...", "(D-N.Y.)"), and
        with ``through_titles`` a title's full stop ("the aide to Rep. Jo Hart
        (R-Tenn.), wrote": the aside ends in a party, so it names a politician)."""
        t = self.t
        m = k
        addressed = False  # passed a form of address ("Mr.") inside the aside
        while m > 0 and k - m < ASIDE_TOKENS:
            gm = t.gap(m - 1)
            # the aside may open after a party and state: "Rep. Jo Hart, R-N.Y., who opposes it,
            # said", "Sen. Kay Smith, R-Texas, who ..., said" (the party is not who speaks)
            party = self._party_start(m - 1) if gm.strip() in (",", ".,", ".),", "),") else None
            if party is not None and t.gap(party - 1).strip() in (",", "("):
                return party - 1
            if gm == "," and t.raws[m - 1].isdigit() and t.raws[m].isdigit():
                m -= 1  # a number's thousands: "more than 12,000 followers"
                continue
            if "," in gm and not any(c in gm for c in '".;:!?()'):
                if addressed and any(t.keys[x] in _CLAUSE_OPENERS for x in range(m, k + 1)):
                    return None
                if m > 1 and t.raws[m - 1].isdigit() and len(t.raws[m - 1]) <= 3 and t.gap(m - 2).strip() == ",":
                    return m - 2  # an age after the name: "Ann Lee, 31, who ..., wrote"
                return m - 1
            if gm.strip() == ".," and t.keys[m - 1] in _NAME_SUFFIXES:
                return m - 1  # "Tom J. Reed Jr., a lawyer for Hale-Mart, said"
            if through_titles and gm.strip() == "." and self.is_title(m - 1) and m > 1 and t.gap(m - 2).isspace():
                m -= 1  # "the aide to Rep. Jo Hart" (not ", Rep. Jo Hart of Ohio,": that is the person set off)
                continue
            if gm.strip() == "." and m > 1 and t.raws[m][:1].isupper() and (
                    t.keys[m - 1] in self.c.honorifics
                    or (self.is_title(m - 1) and ((t.keys[m - 2] in ("for", "to", "of") and t.gap(m - 2).isspace())
                                                  or t.gap(m - 2).strip() == ","))):
                # "The lawyer, Mr. Dunn, said"; "Tom Reed, a spokesman for Sen. Hale, said";
                # "Another Republican, Rep. Lisa Ford of Ohio, also tweeted": a form of
                # address, whose spokesman, or the title opening the aside; not past a clause of
                # what is asked ("..., asked if Mr. Reed should ..., said": who is asked is before it)
                addressed = True
                m -= 1
                continue
            if gm.strip() == "." and len(t.raws[m - 1]) == 1 and t.raws[m - 1].isupper() and t.raws[m][:1].isupper():
                m -= 1  # a middle initial: "The lawyer, Tom D. Reed, said"
                continue
            if gm.strip() == "." and (t.raws[m][:1].isdigit() or t.raws[m][:1].islower()):
                m -= 1  # an abbreviation's full stop, no sentence's end: "Hale, in the weeks prior to the Nov. 8 vote,"
                continue
            if not gm.isspace() and gm.strip() not in ("@", "#"):  # a handle: "as @JoHartNews"
                return None
            m -= 1
        return None

    def _place_code(self, ph: tuple[int, int]) -> bool:
        """Is the phrase one word that codes a place, in capitals ("DC", "NY") or
        abbreviated ("Calif.")?  Set off after a place ("the mayor of Washington,
        DC, said"), it is that place's, no person's name."""
        t = self.t
        if ph[0] != ph[1]:
            return False
        raw = t.raws[ph[0]]
        return (raw.isupper() and len(raw) <= 3) or t.gap(ph[0]).startswith(".")

    def _after_role_for(self, ph: tuple[int, int]) -> bool:
        """Is the phrase, or what stands right before it, a role and "for" or "to"
        and whom it is for ("spokesman for Mr. Dunn", "the attorney for the
        Justice Department")?"""
        t = self.t
        return any(t.keys[j] in ("for", "to") and self.is_title(j - 1) and t.gap(j - 1).isspace()
                   for j in range(max(1, ph[0] - 2), ph[1]))

    def _role_for_name(self, ph: tuple[int, int]) -> tuple[int, int] | None:
        """The tokens of "a lawyer for Mrs. Hale", "supporters of Mr. Dunn",
        "a spokesperson for Acme" when ``ph`` is the name or holds it after the
        role: those who speak for the one named, not that one (reads 42-43).  The
        role is a title word in lower case or a plural of agents ("allies",
        "supporters"), right before "for" or "of"; a capitalised title ("Secretary
        of State Ann Lee") is the person's own."""
        t = self.t
        for c in range(ph[0] - 1, ph[1]):
            if c < 1 or t.keys[c] not in ("for", "of") or not (t.gap(c - 1).isspace() and t.gap(c).isspace()):
                continue
            noun, raw = t.keys[c - 1], t.raws[c - 1]
            opens = c - 1 == 0 or not t.gap_before(c - 1).isspace()
            if not (raw[:1].islower() or (opens and noun.endswith("s"))):
                continue
            if not (self.is_title(c - 1) or noun.endswith(_AGENT_PLURALS)):
                continue
            first = c - 1
            if first > 0 and t.keys[first - 1] in _ROLE_DETERMINERS and t.gap(first - 1).isspace():
                first -= 1
            return first, ph[1]
        return None

    def _set_off_before_role(self, first: int) -> tuple[int, int] | None:
        """The name set off by a comma right before the role opening at token
        ``first`` ("Tom Reed, a spokesman for ...")."""
        t = self.t
        if first < 1 or "," not in t.gap(first - 1) or any(c in t.gap(first - 1) for c in '".;:!?()\u201c\u201d'):
            return None
        named = self.left_phrase(first - 1)
        return named if named and self.is_plain_cap(named[1]) else None

    def _joined_by(self, lead: int) -> int:
        """How many words before token ``lead`` join it to a name before them
        ("and", "or", "as well as"), each with only blanks after it; 0 for none."""
        t = self.t
        for words in (("and",), ("or",), ("as", "well", "as")):
            w = len(words)
            if (lead > w and tuple(t.keys[lead - w:lead]) == words
                    and all(self.name_gap(x) for x in range(lead - w, lead))):
                return w
        return 0

    def _opening_subject(self, i: int) -> tuple[int, int] | None:
        """The name or role the statement opens on (after a joiner: "but", "and"), when a
        lower-case word, its verb, follows it with no punctuation between, before token i."""
        t = self.t
        k = 1 if t.n and t.keys[0] in _JOINERS else self._dateline_end()
        ph = self.right_phrase(k)
        if ph is None and k + 1 < t.n and self.is_title(k + 1) and t.gap(k).isspace() and (
                self.is_possessive(k) or t.keys[k] in _POSSESSIVE_PRONOUNS):
            ph = (k + 1, k + 1)  # "Hale’s attorney blasted ..., saying": the attorney
        if ph is None or ph[1] + 2 >= i:
            return None
        v = ph[1] + 1
        if (t.gap_after(ph[1]).strip() == "," and t.keys[v] in self.c.asides
                and t.gap_after(v).strip() == "," and v + 1 < i):
            v += 1  # "Hale’s attorney, meanwhile, blasted": an aside between subject and verb
        elif t.gap_after(ph[1]).strip() == "," and t.keys[v] in ("who", "whose"):
            # "Ms. Lee, who did not respond to requests for comment, later posted ..."
            end = next((x for x in range(v, min(i - 1, v + ASIDE_TOKENS)) if not t.gap_after(x).isspace()), None)
            if end is None or t.gap_after(end).strip() != ",":
                return None
            v = end + 1
        elif not t.gap_after(ph[1]).isspace():
            return None
        verb = t.keys[v]
        if not t.raws[v][:1].islower() or verb in _CLAUSE_OPENERS:
            return None
        # one capitalised word opening a sentence may be any word ("Several days later",
        # "Behind in the race", "Asked whether"): a name when a verb in the past or an auxiliary follows
        if ph[0] == ph[1] and not (verb.endswith("ed") or verb in self.c.skip_words or verb in self.c.auxiliaries
                                   or verb in self.c.helper_verbs):
            return None
        return ph

    def _passive_agent(self, i: int, j: int) -> str:
        """Who "by" names after the participle at token i of a main clause in
        the passive ("The photo was first reported by the Harbour Gazette"); not
        in a clause of "which", "that" or "who" ("the plan, which was proposed by
        Hale, would cost ..." tells the cost, not Hale's words)."""
        t = self.t
        k = i - 1
        while k >= 0 and t.gap(k).isspace() and (n := skip_back(t.keys, k, self.c, self._spaced)):
            k -= n
        if k < 1 or t.keys[k] not in self.c.auxiliaries or not t.gap(k).isspace():
            return ""
        if any(t.keys[m] in ("which", "that", "who") for m in range(max(0, k - 3), k)):
            return ""
        ph = self.right_phrase(j + 1)
        return self.render(*ph) if ph else ""

    def _opens_on_pronoun(self, i: int) -> bool:
        """Does the statement open (after a joiner) on "he", "she" or "they"
        (``third_person``) and a lower-case verb, before token i?"""
        t = self.t
        k = 1 if t.n and t.keys[0] in _JOINERS else 0
        return (k + 1 < i and t.keys[k] in self.c.third_person and t.gap(k).isspace()
                and t.raws[k + 1][:1].islower())

    def _dateline_end(self) -> int:
        """The first token after a dateline that opens the statement ("WASHINGTON —",
        "MILLBROOK, Mo. --"): a place in capitals, then a dash; 0 when there is none."""
        t = self.t
        if not t.n or len(t.raws[0]) < 2 or not t.raws[0].isupper():
            return 0
        for k in range(1, min(t.n, 5)):
            if any(dash in t.gap_before(k) for dash in _DATELINE_DASHES):
                return k
        return 0

    def _auxiliary(self, i: int) -> int | None:
        """The form of "be" that the verb of speaking at token i goes with ("is
        reporting", "were saying", "is expected to warn"; adverbs between), else None."""
        t = self.t
        k = i - 1
        if k >= 2 and t.keys[k] == "to" and t.keys[k - 1] in self.c.ahead and t.gap(k - 1).isspace():
            k -= 2
        elif not t.keys[i].endswith("ing"):
            return None
        elif k >= 2 and t.keys[k] in self.c.perceived and t.gap(k).isspace():
            k -= 1  # "is shown saying"
        while k >= 0 and t.gap(k).isspace() and (n := skip_back(t.keys, k, self.c, self._spaced)):
            k -= n
        if k <= 0 or t.keys[k] not in self.c.auxiliaries or not t.gap(k).isspace():
            return None
        # not in a clause that names what is said ("whether Hale understood that what he was
        # saying was false", "than what the ministry was telling reporters")
        ph = self.left_phrase(k - 1)
        start = ph[0] if ph else k - 1
        if start > 0 and t.keys[start - 1] in _DETERMINERS:
            start -= 1
        return None if start > 0 and t.keys[start - 1] in _CLAUSE_OPENERS else k

    def _party_start(self, k: int) -> int | None:
        """The first token of a party and state ending at token k ("R-Ariz",
        "R-N . Y", "R" or a state alone in brackets, "Democrat of Maine"), when a name comes before
        it; else None."""
        t = self.t
        j = k
        while j > 0 and len(t.raws[j]) == 1 and t.raws[j].isupper() and t.gap(j - 1) == ".":  # "N.Y."
            j -= 1
        if j > 0 and PARTY_RE.match(t.raws[j]) and self.is_cap(j - 1):
            return j
        if (0 < k == j and t.raws[k] in ("D", "R", "I") and t.gap(k - 1).strip() == "("
                and t.gap(k).startswith(")") and self.is_cap(k - 1)):
            return k  # a party alone, in brackets: "Tom Reed (R) said"
        if (0 < k == j and t.raws[k][:1].isupper() and t.raws[k][1:].islower() and t.gap(k - 1).strip() == "("
                and t.gap(k).startswith((")", ".)")) and self.is_cap(k - 1)):
            return k  # a state alone, in brackets: "Rep. Lisa Ford (Calif.), the ranking Democrat, said"
        # "Democrat of Maine", "Republican of Ohio": a member and a state, after a name
        for of in (k - 1, k - 2):
            if (of > 1 and t.keys[of] == "of" and t.keys[of - 1] in self.c.party_members and t.raws[of - 1][:1].isupper()
                    and all(self.is_cap(m) and t.gap(m - 1).isspace() for m in range(of + 1, k + 1))
                    and self.is_cap(of - 2)):
                return of - 1
        return None

    def _headline_speaker(self, i: int, lemma: str, offer: Callable[[int, int, str, str], None]) -> None:
        """In a Title Case headline, who speaks is every word between the verb
        at token i and the start, a comma or a colon before it ("Jo Hart,
        Top Democrats Call On Reed ...": Top Democrats), at most
        HEADLINE_SUBJECT words."""
        t = self.t
        end = i
        while end > 0 and t.gap(end - 1).isspace() and (n := skip_back(t.keys, end - 1, self.c, self._spaced)):
            end -= n  # "Hale Now Says"
        b = end
        while b > 0 and end - b < HEADLINE_SUBJECT and t.gap(b - 1).isspace():
            b -= 1
        if b == end or (b > 0 and t.gap(b - 1).isspace()) or t.raws[end - 1][:1].islower():
            return  # no subject, a longer one (the headline's words), or "Dunn to Announce": no one speaks yet
        name = self.render(b, end - 1)
        if name.startswith("the ") and t.keys[b] != "the":
            name = name[4:]  # "Hale's Top Budget Aide Warns": as the headline writes it
        if name:
            offer(2, i, name, lemma)

    def _dash_asides(self) -> list[bool]:
        """Tokens set off between two dashes with blanks around them ("Asked for
        her reaction ― the new councillor vowed to ... ― Hale said"): an
        aside in the sentence; a dash with no second one opens none."""
        t = self.t
        out = [False] * t.n
        if not any(d in t.text for d in _ASIDE_DASHES):  # most statements have none
            return out
        opened: int | None = None
        for k in range(t.n):
            gap = t.gap_before(k)
            if any(f" {d} " in gap for d in _ASIDE_DASHES):
                if opened is None:
                    opened = k
                else:
                    out[opened:k] = [True] * (k - opened)
                    opened = None
        return out

    def _unquote_attribution(self, verbs: Sequence[tuple[int, int, Entry]], quoted: list[bool]) -> None:
        """A quotation left open to the statement's end that ends on a short
        clause after a comma holding a reporting verb ("“We will appeal, Ms.
        Hale said."): the source left out the closing mark, and that clause is
        the attribution, not what is quoted."""
        t = self.t
        if not quoted[-1] or t.gap_after(t.n - 1).strip(" .\n"):
            return
        comma = next((q for q in range(t.n - 1, max(0, t.n - _ATTRIBUTION_WORDS) - 1, -1)
                      if "," in t.gap_before(q)), None)
        if comma is None or not quoted[comma] or any(m in t.gap_before(comma) for m in '"\u201c\u201d'):
            return
        # the clause is a verb and its subject, nothing else: the verb opens it ("..., said Ms.
        # Hale.") or ends the statement after its subject ("..., Ms. Hale said."), not "..., as
        # Hale said" nor "..., we never liked what she said"
        for i, j, _e in verbs:
            if i < comma or not quoted[i] or not t.raws[i][:1].islower():
                continue
            if i == comma or ((j == t.n or _when_or_where(t, j)) and self._subject_alone(comma, i)):
                quoted[comma:] = [False] * (t.n - comma)
                return

    def _subject_alone(self, first: int, i: int) -> bool:
        """Are tokens ``first`` to the verb at ``i`` its subject alone: a pronoun, or
        a name or role (a determiner, a possessive and titles in it)?"""
        t = self.t
        if i == first + 1 and t.keys[first] in self.c.third_person:
            return True
        return i > first and all(t.raws[k][:1].isupper() or self.is_title(k) or self.is_possessive(k)
                                 or t.keys[k] in _DETERMINERS for k in range(first, i))

    # -- search -----------------------------------------------------------
    def find(self, verbs: Sequence[tuple[int, int, Entry]], hint: str, original: str = "",
             in_quote: bool = False) -> tuple[str, str]:
        t = self.t
        # (priority, order, index of the verb, speaker, verb): the lowest priority, then order, wins
        best: tuple[int, int, int, str, str] | None = None

        # tokens inside a quotation: a reporting verb there is part of what is
        # quoted ("“Hale says ...,” said Reed"), never the statement's own
        # attribution.  ``carried``: inside a quotation opened before the statement
        # (``in_quote``), where a name before a verb is still what is quoted ("... worse
        # than what the president has said.”"), though "I said" there is the speaker's
        quoted = [False] * t.n
        carried = [in_quote] * t.n
        if any(mark in (original or t.text) for mark in '"\u201c\u201d'):  # most statements quote no one
            open_quote = False
            closes_first = in_quote  # the first mark closes what was opened before the statement
            for q in range(t.n):
                # the original text tells opening from closing quotes (the translated one cannot)
                gap = original[(t.ends[q - 1] if q else 0):t.starts[q]] if original else t.gap_before(q)
                for ch in gap:
                    if ch == "\u201c":
                        open_quote = True
                    elif ch in "\u201d\"":
                        carried[q:] = [False] * (t.n - q)
                        if ch == "\u201d":
                            open_quote = False
                    if ch == '"':
                        # a straight mark closes a quotation carried in ('... president," he said'), else toggles
                        open_quote = False if closes_first else not open_quote
                    if ch in '"\u201c\u201d':
                        closes_first = False
                quoted[q] = open_quote
            if open_quote:
                self._unquote_attribution(verbs, quoted)

        aside = self._dash_asides()

        def offer(prio: int, idx: int, speaker: str, verb: str, after_others: bool = False) -> None:
            nonlocal best
            if quoted[idx] or (carried[idx] and speaker):
                return  # what the quoted person says others did is not who is speaking
            if aside[idx]:  # "... ― the new councillor vowed to ... ― Hale said": the aside's, not the sentence's
                prio, after_others = max(prio, _ASIDE_PRIORITY), True
            if PARTY_RE.match(speaker):
                return  # "R-N" of "Rep. Jo Hart, R-N.Y.," is the party, not who speaks
            if speaker and speaker.split()[-1].lower() in self.c.documents:
                # "the indictment said": a document speaks only where no person or body does
                # ("Mr. Reed wrote that ..., according to the sealed indictment": Reed)
                prio = max(prio, _DOCUMENT_PRIORITY)
            # "issued a statement" gives no words: any verb that does comes first ("X issued a
            # statement after Y told voters that “...”": the words quoted are Y's)
            # (and so does a participle's subject found at the sentence's start: a verb with its own comes first)
            order = idx + t.n if verb in self.c.statement_verbs or after_others else idx
            if best is None or (prio, order) < best[:2]:
                best = (prio, order, idx, speaker, verb)

        # "Jane Smith: ..." at the very start names the turn's speaker.
        ph = self.right_phrase(0) if t.n else None
        if (ph and ph[1] - ph[0] < 3 and not t.gap_before(ph[0]).strip()
                and t.gap_after(ph[1]).strip().startswith(":")):  # a name of one to three words
            name = self.render(*ph)
            if name[:1].isupper():
                hint = name

        headline: bool | None = None  # in Title Case (asked once, of a capital verb only)
        for i, j, e in verbs:
            lemma = e.value
            if lemma == "according to":
                ph = self.right_phrase(j)
                name = self.render(*ph) if ph else ""
                if name:
                    offer(3, i, name, lemma)
                elif unnamed := self._unnamed_after(j):  # "according to two people familiar with ...": when no one is named
                    offer(4, i, unnamed, lemma, after_others=True)
                continue
            if not t.raws[i][:1].islower():
                # "Democrats Say Hale Should Cancel Dunn Meeting": in Title Case the verb has a capital too
                if lemma in self.c.headline_verbs:
                    if headline is None:
                        headline = title_case(t.raws)
                    if headline:
                        self._headline_speaker(i, lemma, offer)
                continue  # elsewhere a capital verb is a name's word ("Simon Says")
            before_verb = t.gap_before(i)
            aux = self._auxiliary(i) if lemma in self.c.spoken else None
            if (aux is None and t.keys[i].endswith("ing") and i > 0 and t.raws[i - 1][:1].islower()
                    and before_verb.isspace()):
                continue  # "wins the seat vowing to ...": the word before is the clause's object, not a subject
            if t.keys[i].endswith(("ed", "told", "asked")) and j < t.n and (
                    (t.keys[j] == "by" and j + 1 < t.n and not t.keys[j + 1].endswith("ing"))  # ("retorted by saying")
                    or (t.keys[j] == "to" and lemma in self.c.object_first)
                    or (t.keys[j] in _CHARGE_PREPOSITIONS and lemma in self.c.object_before_charge
                        and _FRONTED_OBJECT.isdisjoint(t.keys[max(0, i - 4):i]))):
                # "Fees proposed by the board would ...", "Jane Hale urged to step down",
                # "the groups blamed for the attack":
                # a passive participle, its subject no speaker ...
                if t.keys[j] == "by" and (agent := self._passive_agent(i, j)):
                    offer(3, i, agent, lemma)  # ... but "It was first reported by Politico": Politico's
                continue
            k = self.subject_end(aux if aux is not None else i)
            if k is not None:
                key, raw = t.keys[k], t.raws[k]
                acronym = len(raw) > 1 and raw.isupper()
                key = _CONTRACTED_RE.sub("", key)  # "They're hoping", "We're saying": pronouns
                if key in self.c.first_person and not acronym:
                    offer(5, i, "", lemma)
                    continue
                if key in self.c.third_person and not acronym:
                    # '“...,” he said' is the attribution of the quote; elsewhere a
                    # pronoun names no one this statement can tell
                    offer(1 if _QUOTE in t.gap_before(k) else 6, i, "", lemma)
                    continue
                ph = self.left_phrase(k)
                apposed = self.left_phrase(i - 1) if ph and k < i - 1 and self._after_role_for(ph) else None
                if apposed and apposed[0] == k + 1 and self.is_plain_cap(apposed[1]):
                    # "A spokesman for Mr. Dunn, Tom Reed, confirmed": the name set
                    # off after the one the role is for speaks, not that one
                    ph = apposed
                elif ph:
                    # "Republicans on Capitol Hill said", "Letters released by the ministry
                    # revealed": the place or the agent of a participle is not the speaker
                    lead = ph[0] - 1 if ph[0] > 1 and t.keys[ph[0] - 1] in _DETERMINERS else ph[0]
                    if (lead > 1 and t.keys[lead - 2] in _PLACE_PREPOSITIONS and t.raws[lead - 1].isalpha()
                            and t.raws[lead - 1].islower() and t.keys[lead - 1] not in _NOT_PLACE_MODIFIERS
                            and self.name_gap(lead - 1) and self.name_gap(lead - 2)):
                        lead -= 1  # "in lower Westmark", "in northern Ruritania": a place, a word before it
                    while (w := self._joined_by(lead)) and self.is_cap(lead - w - 1) and self.name_gap(lead - w - 1):
                        # "from Westmark and Eastvale", "at Liberals as well as Greens": one after another
                        first = self.left_phrase(lead - w - 1)
                        if first is None or first[0] >= lead - w:
                            break
                        lead = first[0]
                    # ... but "with" a name and a verb in -ing is that name's saying ("The ad ends
                    # with Hale claiming, “...”", read 61; "..., with the minister saying ...")
                    absolute = (lead > 0 and t.keys[lead - 1] == "with" and t.keys[i].endswith("ing")
                                and ph[1] == i - 1 and t.gap(ph[1]).isspace())
                    if lead > 0 and t.keys[lead - 1] in _PREPOSITIONS and self.name_gap(lead - 1) and not absolute:
                        ph = self.left_phrase(lead - 2) if lead >= 2 and self.name_gap(lead - 2) else None
                if ph and k < i - 1 and self._of_a_role(ph):
                    # "Jo Hart, the executive director of the Harbour Traders Group, a
                    # trade group, said": the body is whose director; the person is set off before
                    ph = self._named_before_role(ph)
                if ph and ph[0] > 0 and not t.keys[i].endswith("ing") and self._object_of_verb(ph[0] - 1):
                    ph = None  # "Democrats who had backed Mr. Dunn vowed": Dunn is the object
                if ph is None and k < i - 1:
                    # "The lawyer for Mrs. Hale, Tom Reed, said": the name set off
                    # between the commas, when it is all that stands there
                    apposed = self.left_phrase(i - 1)
                    ph = apposed if apposed and apposed[0] == k + 1 and not self._place_code(apposed) else None
                elif (ph and k < i - 1 and ph[0] == ph[1] and ph[0] > 0 and t.raws[ph[0]][:1].isupper()
                      and (t.keys[ph[0] - 1] in _ROLE_DETERMINERS
                           or (ph[0] > 1 and t.keys[ph[0] - 2] in _ROLE_DETERMINERS and t.raws[ph[0] - 1].islower()
                               and t.gap(ph[0] - 2).isspace())) and t.gap(ph[0] - 1).isspace()):
                    # "The Democrat, Representative Tom J. Reed of California, said", "Another
                    # veteran Democrat, Senator Mark Dunn of Vermont, also said": one
                    # capitalised word after a determiner (an adjective between) is what the person
                    # set off after it is
                    apposed = self.right_phrase(k + 1)
                    if apposed and self.is_plain_cap(apposed[1]) and apposed[1] < i:
                        ph = apposed
                role = self._role_for_name(ph) if ph else None
                if role and (named := self._set_off_before_role(role[0])):
                    ph, role = named, None  # "Tom Reed, a spokesman for Fair Harbour, said": the person
                name = self._unnamed(*role) if role else self.render(*ph) if ph else ""
                if ph and name and not role and k == ph[1] and (pair := self._named_with(ph)):
                    name, ph = f"{self.render(*pair)} and {name}", (pair[0], ph[1])
                if ph and name:
                    lead = ph[0]
                    if lead > 0 and t.keys[lead - 1] in _DETERMINERS:
                        lead -= 1
                    if self._opening_subordinate(lead):
                        continue  # "Shortly after Reed called for his resignation, an aide ...": not the claim's
                    if lead > 0 and t.keys[lead - 1] in _QUESTION_OPENERS and t.gap(lead - 1).isspace():
                        continue  # "would not say whether the board believes ...": asked, not said
                    if (role is None and lead > 1 and t.keys[lead - 1] == "of" and t.keys[lead - 2] in self.c.partitives
                            and t.gap(lead - 2).isspace() and t.gap(lead - 1).isspace()):
                        name = self._unnamed(lead - 2, ph[1])  # "one of the harbour pilots said": one, not all
                    pre = t.gap_before(lead)
                    rest = t.keys[j:]
                    if _QUOTE in pre:
                        prio = 1
                    elif "," in pre and len(rest) <= 8 and "that" not in rest:
                        prio = 2
                    else:
                        prio = 4
                    # "the bill that critics said would ..., that Mr. Dunn wrote":
                    # a clause's attribution inside the sentence comes after any other
                    offer(prio, i, name, lemma, after_others=lead > 0 and t.keys[lead - 1] in ("that", "which"))
                    continue
            if t.gap_before(i).isspace() and (unnamed := self._unnamed_before(aux if aux is not None else i)):
                offer(4, i, unnamed, lemma, after_others=True)  # "people familiar with the matter said"
                continue
            # name on the right: '..., said Jane Smith' / '”, explained Jane Smith';
            # not '..., said Hale agreed to ...', where the name starts what was said;
            # nor after a participle or a verb with a particle, whose object follows
            # ("..., accusing a former aide of ...", "..., calls on the department to act")
            # ("..., told Channel Nine the warnings ...": who is told follows "tell", never who tells)
            inverted = not t.keys[i].endswith("ing") and " " not in lemma and lemma != "tell"
            if inverted and (_QUOTE in before_verb or "," in before_verb):
                ph = self.right_phrase(j)
                if (ph and ph[1] + 1 < t.n and t.gap_after(ph[1]).isspace()
                        and t.raws[ph[1] + 1][:1].islower() and t.keys[ph[1] + 1] not in _AFTER_NAME):
                    ph = None
                elif ph and ph[1] + 1 < t.n and _OPENS_QUOTE_RE.fullmatch(t.gap_after(ph[1])):
                    ph = None  # "..., claims Hale 'lied many times'": the name opens what is claimed
                name = self.render(*ph) if ph else ""
                if ph and name and not self.is_cap(ph[1]):
                    name = self._name_set_off_after(ph) or name  # "..., said a spokesman, Jo Hale."
                if ph and name and t.keys[ph[1]] in self.c.documents:
                    name = self._document_from(ph) or name  # "..., reads a statement from Jo Hale's office."
                unnamed = "" if name else self._unnamed_after(j)  # "said a person familiar with ..."
                if name or unnamed:
                    offer(1 if _QUOTE in before_verb else 2, i, name or unnamed, lemma, after_others=bool(unnamed))

        # "Hale attacked the plan, saying ...": a verb of speaking after the comma of a
        # sentence that opens on a name and its verb is that name's
        # ... and so is one joined to that verb by "and" ("Reed pointed to the unrest and said ...")
        for i, _j, e in verbs:
            if e.value not in self.c.spoken:
                continue
            joined = (i > 1 and t.keys[i - 1] in ("and", "but") and t.gap_before(i).isspace()
                      and t.raws[i][:1].islower() and not t.keys[i].endswith("ing")
                      and t.keys[i] != e.value)  # "said", "says"; not the base form ("and state officials")
            if joined or (t.keys[i].endswith("ing") and "," in t.gap_before(i)):
                ph = self._opening_subject(i - 1 if joined else i)
                name = self.render(*ph) if ph else ""
                # a role that opens the sentence with no article is a capitalised common
                # word before it ("Several lawmakers", "Administration officials"): no one named
                if name and not (ph and ph[0] == 0 and name.startswith(("the ", "a ", "an "))):
                    offer(4, i, name, e.value, after_others=True)
                elif ph is None and self._opens_on_pronoun(i - 1 if joined else i):
                    offer(6, i, "", e.value, after_others=True)  # "He denied it, but said ...": whom "he" is, is read later

        # "the paper quoted Jane Smith as saying"
        for i, key in enumerate(t.keys if "quoted" in t.keys else ()):
            if key == "quoted":
                ph = self.right_phrase(i + 1)
                if ph and ph[1] + 2 < t.n and t.keys[ph[1] + 1] == "as" and t.keys[ph[1] + 2] == "saying":
                    name = self.render(*ph)
                    if name:
                        offer(3, i, name, "say")

        # Headline style: "... — Jane Smith" at the very end.
        dashes = ("\u2014", "\u2013", " - ")
        for k in range(t.n - 1, max(-1, t.n - 5), -1) if any(d in t.text for d in dashes) else ():
            if any(d in t.gap_before(k) for d in dashes):
                ph = self.right_phrase(k)
                if ph and ph[1] == t.n - 1 and not t.gap_after(ph[1]).strip(" .!?\n"):
                    name = self.render(*ph)
                    if name[:1].isupper():
                        offer(2, k, name, "")
                break

        hint_name = normalise_hint(hint, self.c)
        if best is None:
            return hint_name, ""
        prio, _order, idx, speaker, verb = best
        if prio == 5:
            return hint_name, verb
        if prio == 4 and hint_name and t.keys[idx] != verb and t.keys[idx].endswith("s"):
            # In a transcript turn "Russia believes ..." is the turn's speaker
            # voicing a position; a past "Jane Smith said ..." reports someone.
            return hint_name, verb
        return speaker, verb


def _when_or_where(t: Toks, j: int) -> bool:
    """Do the words from token j to the statement's end say only when or where
    (a preposition and at most two words: "... said on Friday.")?"""
    return t.n - j <= 3 and t.keys[j] in _PREPOSITIONS


# Plural endings of nouns that name groups of people (Democrats, Republicans,
# Missourians, Conservatives, Liberals, Critics, Residents, Loyalists):
# a one-word speaker ending so is no person.  Surnames ending in "s" (Summers,
# Williams, Jones, Harris, Peters) do not end so; "Evans" is taken for a group.
_GROUP_ENDINGS = ("ats", "ans", "ives", "als", "ics", "ents", "ists", "ites")


def is_group(speaker: str) -> bool:
    """A group named in one plural word ("Democrats", "Missourians"): no person."""
    return " " not in speaker and speaker.endswith(_GROUP_ENDINGS)


def normalise_hint(hint: str, cues: Lexicon) -> str:
    hint = " ".join(plain(hint).split()).rstrip(":").strip()
    if not hint:
        return ""
    toks = Toks(hint)
    if not toks.n:
        return hint
    f = _SpeakerFinder(toks, cues)
    if not any(f.is_cap(k) or f.is_title(k) for k in range(toks.n)):
        return ""  # a turn label such as "Question" names nobody
    last = toks.n - 1
    if toks.keys[last] in cues.bodies and last >= 2 and all(f.is_cap(k) and not f.is_title(k) for k in range(last)):
        return ""  # "Jo Hart Senate: ...": a headline's keywords, a name and a body, no one speaking
    if not f.is_cap(last) or f.is_title(last) or f.is_modifier(last):
        return hint
    k = last
    while k - 1 >= 0 and f.is_cap(k - 1) and not f.is_title(k - 1) and not f.is_modifier(k - 1):
        k -= 1
    return hint[toks.starts[k] : toks.ends[last]]


def find_speaker(
    toks: Toks, verbs: Sequence[tuple[int, int, Entry]], cues: Lexicon, hint: str, original: str = "",
    in_quote: bool = False,
) -> tuple[str, str]:
    return _SpeakerFinder(toks, cues).find(verbs, hint, original, in_quote)

