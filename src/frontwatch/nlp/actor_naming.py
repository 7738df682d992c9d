"""Naming the party a noun phrase denotes, for ``ActorResolver`` (``actors.py``).

``ActorNaming`` holds the resolver's phrase-level readings: a named apposition, 'pro-X', 'forces
loyal to X', the named owner of a thing, '<X>-led' forces, the actor a modifier names, the noun
phrase itself, demonym + security noun ('Nigerien soldiers'), 'members of X', and the generic
class or verbatim phrase of an actor missing from the dictionary.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..records import Actor
from .actor_dictionary import ActorDictionary, ActorEntry, Mention
from .actor_words import AGENT_NOUNS, GEO_HEADS, MEMBER_HEADS


class ActorNaming:
    """Phrase-level readings of ``ActorResolver`` (a mixin: the resolver sets the attributes)."""

    dictionary: ActorDictionary
    doc: Doc
    by_token: dict[int, Mention]

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
