"""Actor resolution: ``ActorResolver`` turns the head noun of an argument into an ``Actor``
(dictionary name, generic class, pronoun/definite-description coreference, or the verbatim phrase).

The dictionary itself (``data/actors.json``, its matchers) is ``actor_dictionary``; its names are
re-exported here.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..records import Actor
from .actor_dictionary import DATA_DIR, ActorDictionary, ActorEntry, Mention
from .event_sents import sent_of

__all__ = ["AGENT_NOUNS", "COREF_WORDS", "DATA_DIR", "ActorDictionary", "ActorEntry", "ActorResolver", "Mention"]

# Nouns that denote people or organisations (an unknown actor must be one of these or a name).
AGENT_NOUNS = frozenset("""
forces force troops army military soldier soldiers fighter fighters militant militants militia militias
rebel rebels insurgent insurgents jihadist jihadists extremist extremists terrorist terrorists group groups
government authorities authority official officials commander commanders police policeman policemen officer officers
member members leader leaders spokesman spokesperson minister ministry president administration
coalition alliance unit units battalion brigade regiment division gunmen gunman men attackers assailants
bomber bombers warplanes jets aircraft drone drones pilot pilots critic critics activist activists protesters
demonstrators residents civilians villagers people operatives advisers advisors personnel marines navy guards
tribesmen tribe tribes clan clans movement party faction factions regime state country countries nation agency
youths youth herders herdsmen vigilantes side sides parties delegation delegations negotiators mediators
workers worker miners students student traders merchants drivers teachers farmers locals supporters employees
doctors nurses journalists lawyers pupils vendors motorists inhabitants citizens mob crowd crowds villagers
mercenaries militiamen bandits gangs gang kidnappers perpetrators suspects individuals inmates prisoners
elements separatists secessionists snipers sniper commandos peacekeepers cartel cartels junta loyalists partisans
""".split())
COREF_WORDS = frozenset("""it its they them their we our us group militants jihadists extremists terrorists
insurgents organization organisation rebels movement fighters attackers assailants gunmen separatists militia
militiamen""".split())
REB_PREFERRED = frozenset("group militants jihadists extremists terrorists insurgents organization organisation rebels "
                          "fighters attackers assailants gunmen separatists militia militiamen".split())
SOURCE_HEADS = frozenset("official officials spokesman spokesperson source sources statement report release media "
                          "analyst analysts expert experts monitor".split())
REPORTING = frozenset("say announce claim state report confirm add tell acknowledge admit insist deny".split())
GEO_HEADS = frozenset("border borders frontier outskirts coast side region province city town village capital "
                      "territory area countryside desert".split())
STATE_COREF = frozenset("troops soldiers forces".split())  # "the troops": the state force named before
QUANTITY_HEADS = frozenset("thousand thousands hundred hundreds dozen dozens score scores number numbers group "
                            "crowd crowds handful couple".split())
AFFILIATE_WORDS = frozenset("affiliated affiliate linked aligned allied backed inspired supported sponsored "
                             "funded trained".split())
MEMBER_HEADS = frozenset("member members fighter fighters militant militants element elements unit units "
                          "supporter supporters loyalist loyalists gunman gunmen".split())
MILITARY_HEADS = frozenset("forces force troops army military soldiers soldier units warplanes jets aircraft".split())


class ActorResolver:
    """Turns argument tokens of one Doc into Actors, with simple coreference."""

    def __init__(self, dictionary: ActorDictionary, doc: Doc):
        self.dictionary = dictionary
        self.doc = doc
        self.mentions = dictionary.mentions(doc)
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    # ------------------------------------------------------------------ public
    def actor(self, token: Token | None) -> tuple[Actor | None, ActorEntry | None]:
        """The actor a head token denotes, with its dictionary entry when known."""
        if token is None:
            return None, None
        if token.tag_ in ("WP", "WDT") and token.head.dep_ in ("relcl", "acl") and token.head.head is not token.head:
            token = token.head.head  # "the soldier who was killed": the soldier
        never = token.lower_ in self.dictionary.not_actors and token.tag_ not in ("NNP", "NNPS")
        if token.lemma_.lower() in QUANTITY_HEADS or token.like_num or never:
            # "thousands of protesters", "dozens of militants", "two of the gunmen", "some of them"
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None:
                token = pobj
            elif never:
                ally = self._pro(token)
                if ally is not None:  # "pro-Houthi reinforcements": the Houthis' side
                    return ally
                return None, None  # a closed set of words never names a party
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children):
            return None, None  # "no group has claimed": nobody
        named = self._named_apposition(token)
        if named is not None:  # "the Al Qaeda-affiliated terrorist group Al Shabab": Al Shabab
            return named
        loyal = self._loyal_to(token)
        if loyal is not None:
            return loyal
        mention = self._mention_near(token)
        if mention is not None and mention.end <= token.i and self._affiliate_of(mention):
            # "the Al Qaeda-affiliated group": a party of its own, not al-Qaeda
            mention = self.by_token.get(token.i)
            if mention is not None and mention.entry.generic and mention.entry.sector == "REB":
                named = self.antecedent(self.doc[token.left_edge.i], prefer_reb=True, sentences=len(self.doc),
                                        sources_ok=True)
                if named is not None and named.entry.sector == "REB":
                    return Actor(text=self._phrase(token).text, name=named.entry.name), named.entry
            if mention is None:
                return self._generic_or_verbatim(token)
        if mention is not None and mention.entry.generic and token.lower_ in MEMBER_HEADS:
            group = self._group_of(token)
            if group is not None:  # "gunmen from the X Front": the front
                return group
        if mention is not None and mention.entry.generic and self._demonym(token) is not None:
            mention = None  # "Nigerien soldiers" is more specific than "soldiers"
        if mention is not None and mention.entry.generic:
            owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"
                          and c.lower_ in ("its", "their")), None)
            named = self.antecedent(owner, prefer_reb=True) if owner is not None else None
            if named is not None:  # "its fighters" -> the group named before
                span = self.doc[mention.start:mention.end]
                return Actor(text=f"{owner.text} {span.text}", name=named.entry.name), named.entry
        if mention is not None and mention.entry.generic and mention.entry.sector == "REB":
            described = self._described_before(token)
            if described is not None:  # "Kurdish fighters" after "the Kurdish militia (the XYZ)"
                return Actor(text=self._phrase(token).text, name=described.entry.name), described.entry
        if mention is not None and mention.entry.generic and mention.start == token.i == mention.end - 1 \
                and token.lower_ in COREF_WORDS | STATE_COREF and self._is_definite(token):
            named = self.antecedent(token, prefer_reb=token.lower_ in REB_PREFERRED,
                                    prefer_state=token.lower_ in STATE_COREF)
            if named is None or (token.lower_ in REB_PREFERRED and named.entry.sector != "REB"):
                # "the militants" many sentences after the group was named: the article's latest such party
                named = self.antecedent(token, prefer_reb=token.lower_ in REB_PREFERRED,
                                        prefer_state=token.lower_ in STATE_COREF, sentences=len(self.doc),
                                        sources_ok=True) or named
            same_kind = named is not None and (named.entry.sector == "REB" if token.lower_ in REB_PREFERRED
                                               else named.entry.state and named.entry.armed)
            if same_kind:  # "the militants" -> the armed group named before; "the troops" -> the state force
                return Actor(text=self._phrase(token).text, name=named.entry.name), named.entry
        if mention is not None and mention.entry.state and self._led_by_other(token, mention):
            phrase = self._phrase(token)  # "Kurdish-led Syrian forces": not the state's own forces
            return Actor(text=phrase.text, name=phrase.text), ActorEntry(phrase.text, "REB", mention.entry.country,
                                                                         False, False)
        if mention is not None:
            span = self.doc[mention.start:mention.end]
            return Actor(text=span.text, name=mention.entry.name), mention.entry
        lower = token.lower_
        if token.pos_ == "PRON" or (lower in COREF_WORDS and self._is_definite(token)):
            if lower in ("i", "you", "me", "he", "she", "him", "her", "his"):
                return None, None
            if lower in ("we", "us", "our", "ours"):
                author = self._author() if not self._quoted(token) else None
                if author is not None:  # a statement's "we": whoever issues it
                    return Actor(text=token.text, name=author.entry.name), author.entry
            reporter = self._reporting_subject(token)
            if reporter is not None:
                return Actor(text=token.text, name=reporter.entry.name), reporter.entry
            if lower in ("they", "them"):
                near = self._plural_before(token)
                if near is not None:  # "strikes against forces loyal to X after they attacked"
                    return Actor(text=token.text, name=near[0].name), near[1]
            m = self.antecedent(token, prefer_reb=lower in REB_PREFERRED,
                                generic_ok=lower in ("they", "them", "their"))
            if m is None:
                return None, None
            return Actor(text=token.text if token.pos_ == "PRON" else self._phrase(token).text,
                         name=m.entry.name), m.entry
        found = self._generic_or_verbatim(token)
        if found[0] is None:
            owner = self._owner_mention(token)
            if owner is not None:  # "destroyed two ISIL fighting positions": the positions' owner
                span = self.doc[owner.start:owner.end]
                return Actor(text=span.text, name=owner.entry.name), owner.entry
        return found

    def opponent(self, name: str, allies: frozenset = frozenset()) -> tuple[Actor | None, ActorEntry | None]:
        """The article's most-mentioned named armed actor other than ``name`` and its ``allies``:
        whom an attack by ``name`` with no stated target is against (ties: no answer)."""
        counts: dict[str, int] = {}
        entries: dict[str, ActorEntry] = {}
        for m in self.mentions:
            if m.entry.generic or not m.entry.armed or m.entry.name == name or m.entry.name in allies \
                    or self._affiliate_of(m):
                continue  # ("the X-linked group" is not X)
            counts[m.entry.name] = counts.get(m.entry.name, 0) + 1
            entries[m.entry.name] = m.entry
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None, None
        top = ranked[0][0]
        return Actor(text=top, name=top), entries[top]

    def place_owner(self, token: Token) -> tuple[Actor | None, ActorEntry | None]:
        """For a place attacked: the armed actor the text says holds it ("Mosul, the capital of the
        Islamic State group"; "the ISIS stronghold of Mosul"), else (None, None)."""
        descriptions = [c for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
            descriptions.append(token.head.head)
        for desc in descriptions:
            owner = self._owner_mention(desc)
            if owner is not None:
                return Actor(text=self.doc[owner.start:owner.end].text, name=owner.entry.name), owner.entry
        return None, None

    def _owner_mention(self, token: Token) -> Mention | None:
        """For a thing (a position, a tank, a stronghold) and the things conjoined with it: the
        named armed actor that modifies it ("ISIL fighting positions", "an ISIL-held tank")."""
        if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() in AGENT_NOUNS or token.lower_ in AGENT_NOUNS:
            return None
        things = [token] + [c for c in token.children if c.dep_ == "conj"]
        for thing in things:
            mods = [c for c in thing.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")]
            mods += [p for c in thing.rights if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                     if p.dep_ == "pobj"]  # "positions of ISIS"
            mods += [g for c in mods if c.tag_ == "VBN" for g in c.lefts if g.dep_ in ("npadvmod", "compound", "nmod")]
            for mod in mods:
                m = self.by_token.get(mod.i)
                if m is not None and not m.entry.generic and m.entry.armed:
                    return m
        return None

    def _described_before(self, token: Token, sentences: int = 3) -> Mention | None:
        """For a generic armed noun with an identity adjective of no state ("Kurdish fighters"): the
        latest named armed non-state actor introduced with that same adjective shortly before."""
        words = {c.lower_ for c in token.lefts if c.dep_ in ("amod", "compound") and c.is_title
                 and c.lower_ in self.dictionary.demonyms and not self.dictionary.demonyms[c.lower_]}
        if not words:
            return None
        start = sent_of(token).start
        for _ in range(sentences):
            if start == 0:
                break
            start = sent_of(self.doc[start - 1]).start
        found = None
        for m in self.mentions:
            if not (start <= m.start < token.i) or m.entry.generic or m.entry.sector != "REB":
                continue
            window = self.doc[max(sent_of(self.doc[m.start]).start, m.start - 6):m.end]
            if any(t.lower_ in words for t in window):
                found = m
        return found

    def _loyal_to(self, token: Token) -> tuple[Actor, ActorEntry] | None:
        """'forces loyal to (Syrian President) X' -> X's forces: X's actor, else '<Demonym> government forces'."""
        if not (token.lower_ in AGENT_NOUNS or token.lemma_.lower() in AGENT_NOUNS):
            return None
        loyal = next((c for c in token.children if c.lower_ in ("loyal", "allied") and c.dep_ in ("amod", "acl")), None)
        to = next((c for c in loyal.children if c.dep_ == "prep" and c.lower_ in ("to", "with")), None) if loyal else None
        whom = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if whom is None:
            return None
        for t in whom.subtree:
            m = self.by_token.get(t.i)
            if m is not None and not m.entry.generic:
                return Actor(text=self._phrase(token).text, name=m.entry.name), m.entry
        for t in whom.subtree:
            country = self.dictionary.demonyms.get(t.lower_)
            if country:
                name = f"{t.text} government forces"
                entry = self.dictionary.lookup(name) or ActorEntry(name, "MIL", country, True, False)
                return Actor(text=self._phrase(token).text, name=entry.name), entry
        return None

    def _plural_before(self, token: Token) -> tuple[Actor, ActorEntry] | None:
        """For 'they' in a clause: the nearest earlier plural argument of the same sentence that
        names an armed actor (the subject of the main clause is skipped only if nearer ones exist)."""
        for cand in reversed(self.doc[sent_of(token).start:token.i]):
            if cand.tag_ not in ("NNS", "NNPS") or cand.dep_ not in ("nsubj", "dobj", "pobj", "conj"):
                continue
            if cand.i in self.by_token and self.by_token[cand.i].end - 1 != cand.i:
                continue
            actor, entry = self.actor(cand)
            if actor is not None and entry is not None and entry.armed and not entry.generic:
                return actor, entry
        return None

    def _author(self) -> Mention | None:
        """The issuer of a statement written in the first person: the named actor that is the
        subject of the article's first full sentence ("The United States condemns ...")."""
        if "author" not in self.__dict__:
            self.author = None
            full = [s for s in self.doc.sents if len(s) >= 6 and s.text.rstrip()[-1:] in ".!"][:2]
            for sent in full:  # (a headline has no final punctuation)
                subj = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
                m = self._mention_near(subj) if subj is not None and not self._quoted(subj) else None
                if m is not None and not m.entry.generic:
                    self.author = m
                    break
        return self.author

    @staticmethod
    def _quoted(token: Token) -> bool:
        sent = sent_of(token)
        before = token.doc.text[sent.start_char:token.idx]
        return before.count("“") > before.count("”") or before.count('"') % 2 == 1

    def _reporting_subject(self, token: Token) -> Mention | None:
        """'X announced it had ...': a subject pronoun in a reported clause is the reporter."""
        if token.dep_ not in ("nsubj", "nsubjpass") or token.lower_ not in ("it", "they", "we"):
            return None
        clause = token.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING:
            return None
        subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        mention = self._mention_near(subj)
        return mention if mention is not None and not mention.entry.generic else None

    def antecedent(self, token: Token, prefer_reb: bool = False, sentences: int = 3,
                   generic_ok: bool = False, prefer_state: bool = False, sources_ok: bool = False) -> Mention | None:
        """The most recent named (non-generic) actor before ``token`` within a few sentences."""
        first_sent = sent_of(token)
        limit = first_sent.start
        sent = first_sent
        for _ in range(sentences):
            if sent.start == 0:
                break
            sent = sent_of(self.doc[sent.start - 1])
            limit = sent.start
        candidates = [m for m in self.mentions
                      if limit <= m.start < token.i and (generic_ok or not m.entry.generic) and self._is_agentive(m)
                      and (sources_ok or not self._is_source(m))
                      and not (m.start >= token.left_edge.i and self._affiliate_of(m))]  # "the X-linked group"
        if prefer_reb:
            reb = [m for m in candidates if m.entry.sector == "REB"]
            candidates = reb or candidates
        if prefer_state:
            candidates = [m for m in candidates if m.entry.state and m.entry.armed]
        return candidates[-1] if candidates else None

    # ------------------------------------------------------------------ helpers
    def _named_apposition(self, token: Token) -> tuple[Actor, ActorEntry | None] | None:
        """A generic head ("the group", "the rebels") with an apposition naming the party."""
        own = self.by_token.get(token.i)
        if not (token.lower_ in AGENT_NOUNS or token.lemma_.lower() in AGENT_NOUNS) or (own and not own.entry.generic):
            return None
        for child in token.children:
            if child.dep_ != "appos":
                continue
            m = self.by_token.get(child.i)
            if m is not None and not m.entry.generic:
                return Actor(text=self.doc[m.start:m.end].text, name=m.entry.name), m.entry
        return None

    def _pro(self, token: Token) -> tuple[Actor, ActorEntry] | None:
        """'pro-X': the named party X whose side the phrase is on."""
        if token.lower_ != "pro" or token.i + 2 >= len(self.doc) or self.doc[token.i + 1].text != "-":
            return None
        m = self.by_token.get(token.i + 2)
        if m is None or m.entry.generic:
            return None
        return Actor(text=self.doc[token.i:m.end].text, name=m.entry.name), m.entry

    def _affiliate_of(self, mention: Mention) -> bool:
        """'<X>-affiliated / -linked / -aligned / -backed / -inspired': a modifier naming another party."""
        after = self.doc[mention.end:mention.end + 2]
        return len(after) == 2 and after[0].text == "-" and after[1].lower_ in AFFILIATE_WORDS

    def _led_by_other(self, token: Token, mention: Mention) -> bool:
        """'<X>-led <state> forces': a hyphenated '-led' modifier before the mention (a force led by
        someone else than the state it is named after)."""
        left = min(token.left_edge.i, mention.start)
        words = self.doc[left:mention.start]
        return any(t.lower_ == "led" and t.i > 0 and self.doc[t.i - 1].text == "-" for t in words)

    def _mention_near(self, token: Token) -> Mention | None:
        own = self.by_token.get(token.i)
        if own is not None and not own.entry.generic:
            return own
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod") and child.i in self.by_token:
                if token.lemma_.lower() in GEO_HEADS and child.ent_type_ in ("GPE", "LOC"):
                    continue  # "the Syria-Iraq border": where, not who
                return self.by_token[child.i]
            if child.dep_ == "prep" and child.lower_ in ("of", "from") and token.lower_ in AGENT_NOUNS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in self.by_token:
                        return self.by_token[pobj.i]
        return own

    def _is_source(self, m: Mention) -> bool:
        """'US officials said': a reporting source is not what 'it'/'the group' refers to."""
        last = self.doc[m.end - 1]
        head = last.head if last.dep_ in ("compound", "amod", "nmod", "poss") else last
        return head.lemma_.lower() in SOURCE_HEADS or (head.dep_ == "nsubj" and head.head.lemma_.lower() in REPORTING)

    def _is_agentive(self, m: Mention) -> bool:
        last = self.doc[m.end - 1]
        if last.dep_ in ("compound", "amod", "nmod", "poss") and last.head.i >= m.end:
            return last.head.lower_ in AGENT_NOUNS or last.head.lemma_.lower() in AGENT_NOUNS
        return True

    @staticmethod
    def _is_definite(token: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in token.children)

    def _phrase(self, token: Token) -> Span:
        """The noun phrase of a head: its left modifiers plus the head (no clauses)."""
        left = token.i
        for child in token.lefts:
            if child.dep_ in ("compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "punct") \
                    and child.dep_ != "punct":
                left = min(left, child.left_edge.i)
        right = token.i + 1
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                right = max(right, child.right_edge.i + 1)
        return self.doc[left:right]

    def _demonym(self, token: Token) -> Token | None:
        if not (token.lemma_.lower() in self.dictionary.security_heads or token.lower_ in self.dictionary.security_heads):
            return None
        for child in token.lefts:
            if child.lower_ in self.dictionary.demonyms and self.dictionary.demonyms[child.lower_]:
                return child
        return None

    def _group_of(self, token: Token) -> tuple[Actor | None, ActorEntry | None] | None:
        """'members of Al Sham Corps', 'gunmen from the X Front': the named group they belong to."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                group = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ == "PROPN"
                              and g.ent_type_ not in ("GPE", "LOC", "FAC")), None)
                if group is not None:
                    found = self._generic_or_verbatim(group)
                    return found if found[0] is not None else None
        return None

    def _generic_or_verbatim(self, token: Token) -> tuple[Actor | None, ActorEntry | None]:
        phrase = self._phrase(token)
        head = token.lemma_.lower()
        # demonym + security noun: "Nigerien soldiers" -> "Nigerien forces"
        if head in self.dictionary.security_heads or token.lower_ in self.dictionary.security_heads:
            child = self._demonym(token)
            if child is not None:
                demonym = child.lower_
                if True:
                    kind = "police" if head in ("police", "policeman", "gendarme", "gendarmerie") else (
                        "government" if head in ("government", "authority", "official") else "forces")
                    name = f"{child.text} {kind}"
                    entry = ActorEntry(name, "MIL" if kind == "forces" else "GOV",
                                       self.dictionary.demonyms[demonym], True, False)
                    return Actor(text=phrase.text, name=name), entry
        entry = self.dictionary.lookup(token.lower_) or self.dictionary.lookup(token.lemma_ + "s")
        if entry is not None:
            return Actor(text=phrase.text, name=entry.name), entry
        if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LOC", "FAC"):
            return None, None
        if token.lower_ in self.dictionary.demonyms and self.dictionary.demonyms[token.lower_] and \
                token.dep_ in ("compound", "amod", "nmod", "nsubj"):
            name = f"{token.text} forces"  # "Israeli airstrikes" -> Israeli forces
            entry = self.dictionary.lookup(name)
            if entry is not None:
                return Actor(text=token.text, name=entry.name), entry
            return Actor(text=token.text, name=name), ActorEntry(name, "MIL", self.dictionary.demonyms[token.lower_],
                                                                 True, False)
        named = token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        if head in MEMBER_HEADS and not named:
            group = self._group_of(token)
            if group is not None:
                return group
        if named or head in AGENT_NOUNS or token.lower_ in AGENT_NOUNS:
            words = [t for t in phrase if t.dep_ not in ("det", "nummod", "quantmod") and not t.like_num
                     and t.pos_ not in ("PRON", "ADP", "PUNCT", "SYM", "X")]
            while words and not (words[0].is_alpha or words[0].like_num):
                words.pop(0)
            if not words or words[0].lower_ in ("near", "in", "at", "outside", "around", "from", "on"):
                return None, None  # a place phrase ("Near Rawah"), not an actor
            if not words:
                return None, None
            name = self.doc[words[0].i:words[-1].i + 1].text
            return Actor(text=phrase.text, name=name), None
        return None, None
