"""Event status from the parse: occurred | planned | threatened | speculated | denied.

Looks at the trigger, its governing predicate (for nominal triggers) and the verbs that
embed it, in this order of strength: denied > threatened > planned > speculated > occurred.
  denied      negation on the predicate ("did not attack", "no strikes"), or embedded under a
              denial verb ("denied attacking", "dismissed claims that ... attacked")
  threatened  embedded under threaten/vow/warn ("threatened to storm")
  planned     future ("will", "are going to"), plan verbs/nouns ("plan to", "preparing to
              liberate"), planning adjectives ("an imminent push"), "before/ahead of the battle"
  speculated  modals (could/might/may/would/should), "if" clauses, hedges ("possible",
              "potential", "unclear"), questions
"""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon
from .event_sents import sent_of

SPECULATIVE_MODALS = frozenset("could might may would should can must".split())
FUTURE_MODALS = frozenset("will shall 'll wo".split())
DURATION_VERBS = frozenset("last continue drag rage persist grind intensify escalate take".split())
PLAN_PREPS = frozenset("before ahead".split())


def _predicate(trigger: Token) -> Token:
    """The verb that carries tense/modality for a trigger (itself for verbs)."""
    tok = trigger
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod",):
            return tok
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "conj", "appos", "compound") and tok.head is not tok:
            tok = tok.head
            if tok.pos_ == "ADP":
                tok = tok.head
        else:
            break
    return tok


def _aux_words(verb: Token) -> list[str]:
    return [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]


CLAIM_NOUNS = frozenset("claim report allegation accusation charge suggestion rumor rumour statement".split())
COUNTERFACTUAL_MODALS = frozenset("should would could".split())


def _deprives(verb: Token, prev: Token, depth: int) -> bool:
    """"deny ISIS a safe haven", "deny the group the hardware it seized": deprive, not a denial."""
    if any(c.dep_ == "dative" for c in verb.children):
        return True
    return prev.dep_ == "dobj" and depth > 1 and prev.lemma_.lower() not in CLAIM_NOUNS


def counterfactual(trigger: Token) -> bool:
    """"should have been executed", "would have attacked": what did not happen."""
    verb = _predicate(trigger)
    auxes = _aux_words(verb)
    return "have" in auxes and any(a in COUNTERFACTUAL_MODALS for a in auxes)


def habitual(trigger: Token) -> bool:
    """Present simple ("the coalition supports the SDF", "the army is backed by militias"): a
    standing state of affairs, not something that happened."""
    verb = _predicate(trigger)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes:
        return verb.tag_ in ("VBZ", "VBP")
    return len(auxes) == 1 and auxes[0].dep_ == "auxpass" and auxes[0].tag_ in ("VBZ", "VBP")


def nobody_hurt(tok: Token) -> bool:
    """Its subject or object is "no troops" / "no one" / "nobody" (also through "were believed to have been ...")."""
    for c in tok.children:
        if c.dep_ in ("nsubjpass", "dobj", "nsubj"):
            if c.lower_ in ("nobody", "none") or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) \
                    or (c.lower_ == "one" and any(d.lower_ == "no" for d in c.children)):
                return True
    head = tok.head
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return tok.dep_ in ("conj", "xcomp") and not own_subject and head is not tok and head.pos_ == "VERB" \
        and nobody_hurt(head)


def status_of(trigger: Token, lex: Lexicon) -> str:
    """The status of the event evoked by ``trigger``."""
    best = "occurred"
    rank = {"occurred": 0, "speculated": 1, "planned": 2, "threatened": 3, "denied": 4}

    def bump(value: str) -> None:
        nonlocal best
        if rank[value] > rank[best]:
            best = value

    sent = sent_of(trigger)
    if sent.text.rstrip().rstrip("”\"'’").endswith("?"):
        bump("speculated")

    # the nominal trigger itself: "no strikes", "possible push", "imminent attack"
    if trigger.pos_ in ("NOUN", "PROPN"):
        for child in trigger.children:
            low = child.lower_
            if child.dep_ == "det" and low == "no":
                bump("denied")
            elif child.dep_ in ("amod", "compound", "advmod"):
                words = {low, child.lemma_.lower()} | {t.lower_ for t in child.subtree}
                if words & lex.words.get("plan_adjectives", frozenset()):
                    bump("planned")
                elif words & lex.words.get("hedge_words", frozenset()):
                    bump("speculated")
        head = trigger.head
        if trigger.dep_ == "pobj" and head.lower_ in PLAN_PREPS | {"of"} and head.head.lower_ in ("ahead", "before"):
            bump("planned")
        elif trigger.dep_ == "pobj" and head.lower_ in PLAN_PREPS:
            bump("planned")
        elif trigger.dep_ == "pobj" and head.lower_ == "for" and \
                head.head.lemma_.lower() in lex.words.get("plan_nouns", frozenset()) | {"prepare", "preparation", "run-up", "portend"}:
            bump("planned")
        if head.lemma_.lower() in ("near", "loom", "approach", "begin?"):
            bump("planned")

    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "nsubj" and \
            trigger.head.lemma_.lower() in DURATION_VERBS and best == "occurred":
        return "occurred"  # "the battle would last months": a claim about a battle under way
    verb = _predicate(trigger)
    chain = [verb]
    tok = verb
    while tok.head is not tok and len(chain) < 6:
        tok = tok.head
        chain.append(tok)

    for i, v in enumerate(chain):
        auxes = _aux_words(v)
        lemma = v.lemma_.lower()
        if i == 0 or chain[i - 1].dep_ in ("xcomp", "conj", "aux"):
            if "not" in auxes or "n't" in auxes or "never" in auxes or any(c.dep_ == "neg" for c in v.children):
                bump("denied")
            if any(a in FUTURE_MODALS for a in auxes):
                bump("planned")
            if any(a in SPECULATIVE_MODALS for a in auxes):
                bump("speculated")
            if lemma == "go" and any(c.dep_ == "xcomp" for c in v.children) and v.tag_ == "VBG":
                bump("planned")
        if i == 0:
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in v.children):
                bump("speculated")
            if any(c.dep_ == "advmod" and c.lower_ in lex.words.get("hedge_words", frozenset()) and
                   c.lower_ not in ("reportedly", "allegedly", "purportedly", "apparently") for c in v.children):
                bump("speculated")
            continue
        prev = chain[i - 1]
        if lemma in lex.words.get("denial_verbs", frozenset()) and prev.dep_ in ("xcomp", "ccomp", "dobj", "pcomp", "acl", "relcl") \
                and not _deprives(v, prev, i):
            bump("denied")
        elif lemma in lex.words.get("threat_verbs", frozenset()) and prev.dep_ in ("xcomp", "ccomp"):
            bump("threatened")
        elif (lemma in lex.words.get("plan_verbs", frozenset()) or lemma in lex.words.get("plan_nouns", frozenset())) \
                and prev.dep_ in ("xcomp", "acl", "advcl", "ccomp", "pcomp"):
            bump("planned")
        elif lemma in lex.words.get("hedge_verbs", frozenset()) and prev.dep_ in ("ccomp", "xcomp"):
            bump("speculated")
        elif lemma == "go" and prev.dep_ == "xcomp" and v.tag_ == "VBG":
            bump("planned")
        if prev.dep_ in ("ccomp", "advcl") and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in prev.children):
            bump("speculated")
        if lemma in ("unclear", "possible", "likely", "uncertain") and prev.dep_ in ("ccomp", "csubj"):
            bump("speculated")
    return best
