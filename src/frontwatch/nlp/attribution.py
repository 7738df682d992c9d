"""Who reports or claims an event: "according to X", "X said/told/reported (that) ...".

Searched from the trigger upwards through the parse to the first reporting verb; then
"according to" anywhere in the sentence; for a quotation without its own reporting verb,
the reporting clause of the previous sentence ("X said:"). None when the outlet itself
states the event.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import Attribution
from .actors import COREF_WORDS, ActorResolver
from .lexicon import Lexicon
from .event_sents import sent_of

_DROP_DEPS = ("det", "nummod", "quantmod", "predet")
_DROP_WORDS = frozenset("a an the one two three four five six seven eight nine ten several some other "
                        "first second third fourth senior anonymous unnamed another many".split())


def attribution_for(trigger: Token, lex: Lexicon, actors: ActorResolver) -> Attribution | None:
    sent = sent_of(trigger)
    tok = trigger
    reporting = lex.words.get("reporting_verbs", frozenset())
    steps = 0
    while tok.head is not tok and steps < 8:
        child, tok = tok, tok.head
        steps += 1
        if tok.pos_ == "VERB" and tok.lemma_.lower() in reporting and child.dep_ not in ("nsubj", "nsubjpass"):
            found = _source_of(tok, actors)
            if found is not None:
                return found
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            for c in t.doc[t.i + 1].children:
                if c.dep_ == "pobj":
                    return _make(c, actors)
    root = sent.root
    if root.lemma_.lower() in reporting and root is not trigger and not trigger.is_ancestor(root):
        found = _source_of(root, actors)
        if found is not None:
            return found
    for t in root.children:  # "A strike killed X, the command said." (parataxis)
        if t.dep_ in ("parataxis", "ccomp", "advcl") and t.lemma_.lower() in reporting and t is not trigger \
                and t.i > trigger.i and any(c.dep_ == "nsubj" for c in t.children):
            found = _source_of(t, actors)
            if found is not None:
                return found
    if _in_quote(trigger) and sent.start > 0:
        prev = sent_of(trigger.doc[sent.start - 1])
        proot = prev.root
        if proot.lemma_.lower() in reporting and prev.text.rstrip().endswith((":", ",")):
            return _source_of(proot, actors)
    if sent.start > 0 and _continues(sent):  # "X said Y. In addition, Z.": Z is X's too
        prev = sent_of(trigger.doc[sent.start - 1])
        if "\n\n" not in trigger.doc.text[prev.end_char:sent.start_char]:
            proot = prev.root
            said = proot if proot.lemma_.lower() in reporting else next(
                (t for t in proot.children if t.dep_ in ("parataxis", "ccomp", "advcl") and t.lemma_.lower() in reporting
                 and t.i > proot.i), None)
            if said is not None:
                return _source_of(said, actors)
    return None


CONTINUATIONS = ("in addition", "also", "additionally", "moreover", "furthermore", "besides")


def _continues(sent: Span) -> bool:
    """The sentence opens with a connective that adds to the previous statement."""
    start = sent.text.lstrip().lower()
    return any(start.startswith(c + ",") or start.startswith(c + " ") for c in CONTINUATIONS)


def _source_of(verb: Token, actors: ActorResolver) -> Attribution | None:
    for c in verb.children:
        if c.dep_ == "nsubj":
            return _make(c, actors)
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return _make(p, actors)
    if verb.i > 0 and verb.doc[verb.i - 1].pos_ in ("NOUN", "PROPN"):
        cand = verb.doc[verb.i - 1]  # "..., the US Africa Command said." with a misattached subject
        while cand.dep_ == "compound" and cand.head.i > cand.i:
            cand = cand.head
        if cand.i == verb.i - 1 and cand.dep_ in ("appos", "conj", "pobj", "npadvmod"):
            return _make(cand, actors)
    # participial reporting ("..., saying ...") takes the subject of the verb it hangs from
    if verb.dep_ in ("advcl", "xcomp", "conj", "acl") and verb.head is not verb:
        head = verb.head
        for c in head.children:
            if c.dep_ == "nsubj":
                return _make(c, actors)
        if verb.dep_ == "acl":
            return _make(head, actors) if head.pos_ in ("NOUN", "PROPN") and _is_source_noun(head) else None
    return None


def _is_source_noun(tok: Token) -> bool:
    return tok.lemma_.lower() in ("statement", "release", "report", "account", "video", "image", "post", "tweet",
                                  "monitor", "official", "spokesman", "spokesperson", "source", "agency")


TITLES = frozenset("capt cpt col lt gen maj sgt adm cmdr cdr brig rep sen gov pres dr".split())


def _with_title(span: Span) -> Span:
    """Extend a name left over an abbreviated title the sentence splitter cut off ("Navy Capt. | Jeff
    Davis") and the capitalised words before it."""
    doc, start = span.doc, span.start
    if start >= 2 and doc[start - 1].text == "." and doc[start - 2].lower_ in TITLES:
        start -= 2
    elif start >= 1 and doc[start - 1].lower_.rstrip(".") in TITLES:
        start -= 1
    else:
        return span
    while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
        start -= 1
    return doc[start:span.end]


def _full_name(tok: Token) -> Span | None:
    """'Davis said' / 'he said': the article's earlier full mention of that person with its title
    ("Navy Capt. Jeff Davis"); for he/she the last such person within three sentences."""
    doc = tok.doc
    if tok.pos_ == "PRON":
        if tok.lower_ not in ("he", "she"):
            return None
        start = sent_of(tok).start
        for _ in range(3):
            if start == 0:
                break
            start = sent_of(doc[start - 1]).start
        cands = [t for t in doc[start:tok.i] if t.ent_type_ == "PERSON" and t.dep_ != "compound"
                 and any(c.dep_ == "compound" for c in t.lefts)]
        return _with_title(_phrase(cands[-1])) if cands else None
    if tok.pos_ != "PROPN" or any(c.dep_ in ("compound", "amod") for c in tok.lefts):
        return None
    for cand in doc[:tok.i]:
        if cand.text == tok.text and cand.dep_ != "compound" and any(c.dep_ == "compound" for c in cand.lefts):
            return _with_title(_phrase(cand))
    return None


def _make(tok: Token, actors: ActorResolver) -> Attribution | None:
    full = _full_name(tok)
    if full is not None:
        return Attribution(text=tok.text, name=full.text.strip())
    if tok.pos_ == "PRON":
        if tok.lower_ in ("we", "i") and not _in_quote(tok):
            return None  # the issuer of the statement speaks: the outlet itself
        actor, _ = actors.actor(tok)
        if actor is None:
            return None
        return Attribution(text=tok.text, name=actor.name)
    # "a statement put out by X" -> X
    if tok.lemma_.lower() in ("statement", "release", "report") :
        for c in tok.children:
            if c.dep_ == "acl":
                for a in c.children:
                    if a.dep_ == "agent":
                        for p in a.children:
                            if p.dep_ == "pobj":
                                return _make(p, actors)
    span = _phrase(tok)
    mention = actors.by_token.get(tok.i)
    if mention is not None and not mention.entry.generic:
        return Attribution(text=span.text.strip(), name=mention.entry.name)
    if tok.lower_ in COREF_WORDS and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        actor, _ = actors.actor(tok)  # "the group said in a statement"
        if actor is not None:
            return Attribution(text=span.text.strip(), name=actor.name)
    earlier = _antecedent_source(tok)
    if earlier is not None:  # "the officials said" -> the "two US defense officials" named before
        named = _make(earlier, actors)
        if named is not None:
            return Attribution(text=span.text.strip(), name=named.name)
    words = [t for t in span if t.dep_ not in _DROP_DEPS and t.lower_ not in _DROP_WORDS and not t.like_num]
    if not words:
        return None
    name = tok.doc[words[0].i:words[-1].i + 1].text.strip()
    return Attribution(text=span.text.strip(), name=name)


def _antecedent_source(tok: Token) -> Token | None:
    """For a bare definite source ("the officials", "the spokesman"): the last earlier noun with
    the same lemma that carries modifiers, within the previous five sentences."""
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    if mods or not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that") for c in tok.children):
        return None
    doc = tok.doc
    lemma = tok.lemma_.lower()
    start = sent_of(tok).start
    for _ in range(5):
        if start == 0:
            break
        start = sent_of(doc[start - 1]).start
    for cand in reversed(doc[start:tok.i]):
        if cand.lemma_.lower() == lemma and cand.i != tok.i and \
                any(c.dep_ in ("compound", "amod", "nmod") for c in cand.children):
            return cand
    return None


def _phrase(tok: Token) -> Span:
    left = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ != "punct"])
    right = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("appos", "prep") and c.lower_ != "on" and right == tok.i + 1 and c.dep_ == "appos":
            break
        if c.dep_ == "compound":
            right = c.right_edge.i + 1
    return tok.doc[left:right]


def _in_quote(tok: Token) -> bool:
    text = sent_of(tok).text
    offset = tok.idx - sent_of(tok).start_char
    before = text[:offset]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1
