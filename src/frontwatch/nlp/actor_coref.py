"""Coreference for ``ActorResolver`` (``actors.py``): which named actor a pronoun, a definite
description ('the militants', 'the troops') or a statement's 'we' refers to.

``ActorCoreference.antecedent`` is the most recent agentive, non-source named actor within a few
sentences (an '<X>-affiliated' modifier names another party); also the author of a first-person
statement, the reporter of a reported clause and the group introduced with the same adjective.
"""
from __future__ import annotations

from spacy.tokens import Token

from .actor_dictionary import Mention
from .actor_naming import ActorNaming
from .actor_words import AFFILIATE_WORDS, AGENT_NOUNS, REPORTING, SOURCE_HEADS
from .event_sents import sent_of


class ActorCoreference(ActorNaming):
    """Coreference of ``ActorResolver`` (a mixin: the resolver sets the attributes)."""

    mentions: list[Mention]

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

    def _affiliate_of(self, mention: Mention) -> bool:
        """'<X>-affiliated / -linked / -aligned / -backed / -inspired': a modifier naming another party."""
        after = self.doc[mention.end:mention.end + 2]
        return len(after) == 2 and after[0].text == "-" and after[1].lower_ in AFFILIATE_WORDS

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
