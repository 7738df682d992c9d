"""Actor resolution: ``ActorResolver`` turns the head noun of an argument into an ``Actor``
(dictionary name, generic class, pronoun/definite-description coreference, or the verbatim phrase).

The dictionary itself (``data/actors.json``, its matchers) is ``actor_dictionary``; its names are
re-exported here. The resolver's phrase-level readings are ``actor_naming.py``, its coreference
``actor_coref.py``, the word lists ``actor_words.py``.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..records import Actor
from .actor_coref import ActorCoreference
from .actor_dictionary import DATA_DIR, ActorDictionary, ActorEntry, Mention
from .actor_words import AGENT_NOUNS, COREF_WORDS, MEMBER_HEADS, QUANTITY_HEADS, REB_PREFERRED, STATE_COREF
from .event_sents import sent_of

__all__ = ["AGENT_NOUNS", "COREF_WORDS", "DATA_DIR", "ActorDictionary", "ActorEntry", "ActorResolver", "Mention"]


class ActorResolver(ActorCoreference):
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
