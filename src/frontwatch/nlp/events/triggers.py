"""Triggers from the dependency parse.

``find_triggers`` keeps only words that state an event (not reporting verbs, modifiers,
generic gerunds, embedded complements of request verbs, ...); a quantity head ("scores of
airstrikes") is the trigger's ``anchor``. Their roles: ``roles.py``.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..actors import AGENT_NOUNS
from ..lexicon import Lexicon, TriggerEntry

NOMINAL_DEPS = frozenset("nsubj nsubjpass dobj attr appos ROOT oprd conj npadvmod".split())
QUANTITY_NOUNS = frozenset("scores dozens hundreds thousands series wave waves number numbers string round rounds total "
                           "spate barrage volley couple handful".split())
PHASE_NOUNS = frozenset("end start beginning outbreak resumption escalation launch wake aftermath day days "
                        "week weeks month months year years course height middle".split())
PLACE_NOUNS = frozenset("mosque hospital school church prison palace ministry parliament station plant facility "
                        "factory mine harbor harbour market square street garrison fort barracks city town village villages towns area areas territory district neighbourhood neighborhood "
                        "base airport airbase dam bridge road highway hill position positions checkpoint province "
                        "region capital stronghold outpost camp border crossing field oilfield refinery port island "
                        "headquarters compound building neighborhoods districts suburbs airfield".split())
AID_OBJECTS = frozenset("aid assistance food supplies supply medicine medicines relief shelter water fuel "
                        "humanitarian equipment vaccines tents asylum funding funds loan grant donation "
                        "donations weapons arms ammunition".split())
HOSTAGE_NOUNS = frozenset("hostage hostages prisoner prisoners detainee detainees captive captives body bodies "
                          "journalist journalists worker workers child children woman women student students".split())
NON_EVENT_HEADS = frozenset("use include present pose face win remain need require discuss consider propose "
                             "debate mull examine review study".split())


@dataclass
class Trigger:
    token: Token
    entry: TriggerEntry
    anchor: Token  # the token whose syntactic position stands for the event (quantity heads)


def _anchor(tok: Token) -> Token:
    """'scores of airstrikes' -> 'scores' (its position in the clause is the event's)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in QUANTITY_NOUNS:
        return head.head
    return tok


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    out: list[Trigger] = []
    reporting = lex.words.get("reporting_verbs", frozenset())
    embedding = lex.words.get("request_verbs", frozenset())
    abstract = lex.words.get("abstract_nouns", frozenset())
    for tok in sent:
        entry = lex.match(tok)
        if entry is None:
            continue
        if tok.dep_ in ("amod", "compound", "nmod", "poss") and not (entry.type == "PROTEST" and _misparsed_verb(tok)):
            continue
        if tok.is_title and tok.i > sent.start and _in_name(tok):
            continue  # "Operation Inherent Resolve", "Attack On Titan Fans": part of a name
        if tok.pos_ == "VERB":
            if not _verb_ok(tok, entry, reporting, embedding, abstract, lex):
                continue
            out.append(Trigger(tok, entry, tok))
        else:
            anchor = _anchor(tok)
            if not _noun_ok(anchor, tok, entry, reporting, lex):
                continue
            out.append(Trigger(tok, entry, anchor))
    return out


def _misparsed_verb(tok: Token) -> bool:
    """A protest verb ("residents barricaded roads", "gathered ... protesting the policies"): a finite verb or gerund
    the parser hung as a modifier on its own object (a thing, not a people noun such as 'protesting
    students', 'killed soldiers')."""
    from .clause_facts import people_word

    head = tok.head
    return tok.pos_ == "VERB" and tok.dep_ == "amod" and tok.tag_ in ("VBD", "VBG") and head.i > tok.i \
        and head.pos_ == "NOUN" and not people_word(head) and head.lemma_.lower() not in PLACE_NOUNS


def _in_name(tok: Token) -> bool:
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return any(t is not None and t.is_title and not t.is_sent_start and t.pos_ not in ("PUNCT",)
               for t in (prev, nxt))


def _verb_ok(tok: Token, entry: TriggerEntry, reporting, embedding, abstract, lex: Lexicon) -> bool:
    children = list(tok.children)
    deps = {c.dep_ for c in children}
    has_subj = bool(deps & {"nsubj", "nsubjpass", "csubj"})
    if tok.tag_ in ("VBG", "VBN") and tok.dep_ in ("csubj", "pcomp", "pobj", "csubjpass") and not has_subj:
        return False  # generic gerund: "retaking X was the first step"
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and ("agent" not in deps or entry.type != "ASSAULT"):
        return False  # "villages held by" needs an agent; "leaflets dropped" is a modifier
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in embedding and tok.head.lemma_.lower() not in \
            lex.words.get("plan_verbs", frozenset()) and not (entry.type == "ASSAULT" and tok.head.lemma_.lower() in ATTEMPT):
        return False  # "urged civilians to leave", "agreed to withdraw": the embedding verb is the event
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in abstract:
        return False  # "willingness to negotiate"
    if entry.type in ("ACCUSE", "AGREE", "CONCEDE", "REJECT", "SUPPORT", "THREATEN", "REQUEST", "AID") and \
            "ccomp" in deps and not deps & {"dobj", "xcomp"}:
        return False  # "conceded the battle would last": a reporting use
    if entry.type in ("THREATEN", "REJECT") and any(lex.match(t) for c in children if c.dep_ in ("xcomp", "ccomp")
                                                    for t in c.subtree):
        return False  # "threatened to storm X": the embedded event carries status threatened
    if entry.type == "REQUEST" and tok.dep_ == "advcl" and tok.tag_ == "VBG" and lex.match(tok.head) is not None \
            and lex.match(tok.head).type == "PROTEST":
        return False  # "protesters rallied ... demanding X": part of the protest
    if entry.type == "REQUEST" and tok.lemma_.lower() in ("order",) and "dobj" not in deps:
        return False
    if entry.territory and not _takes_place(tok):
        obj = next((c for c in children if c.dep_ in ("dobj", "nsubjpass")), None)
        return tok.lemma_.lower() in ("capture", "seize", "overrun", "storm", "retake", "recapture") and \
            obj is not None and (obj.lemma_.lower() in AGENT_NOUNS or obj.lower_ in AGENT_NOUNS or
                                 obj.ent_type_ in ("PERSON", "NORP") or obj.lemma_.lower() in HOSTAGE_NOUNS)
    if lex.object_constraints.get(tok.lemma_.lower()) == "place" and not _takes_place(tok):
        return False  # "leaving 15 dead", "leave its weapons behind": no territory left
    if lex.object_constraints.get(tok.lemma_.lower()) == "not_people":
        obj = next((c for c in children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is not None and (obj.lemma_.lower() in AGENT_NOUNS or obj.lower_ in AGENT_NOUNS or
                                obj.lemma_.lower() in HOSTAGE_NOUNS or obj.ent_type_ in ("PERSON", "NORP")):
            return False  # "evacuated 80 people": moving people to safety, not giving up ground
    if lex.object_constraints.get(tok.lemma_.lower()) == "agent":
        obj = next((c for c in children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None or not (obj.lemma_.lower() in AGENT_NOUNS or obj.lower_ in AGENT_NOUNS or
                               obj.ent_type_ in ("PERSON", "NORP") or obj.lemma_.lower() in HOSTAGE_NOUNS):
            return False  # "release information" is not a prisoner release
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and entry.type == "ASSAULT" and tok.head.ent_type_ in ("ORG", "NORP") \
            or (tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.lower_ == "coalition"):
        return False  # "the coalition fighting ISIS": an epithet, not an event
    if entry.type == "AID" and tok.lemma_.lower() in ("deliver", "donate", "airdrop", "send", "provide", "give", "grant",
                                                        "contribute", "offer"):
        objs = [c for c in children if c.dep_ == "dobj"]
        if not objs or not any(o.lemma_.lower() in AID_OBJECTS or any(t.lemma_.lower() in AID_OBJECTS for t in o.lefts)
                               for o in objs):
            return False  # "delivering 101 munitions" is not aid
    return True


def _named_place(tok: Token) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in PLACE_NOUNS


def _is_place(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.lemma_.lower() in PLACE_NOUNS or tok.ent_type_ in ("GPE", "LOC", "FAC")


def _expelled_from(tok: Token) -> Token | None:
    """'kick ISIS out of X', 'drove the militants from X': the place X."""
    for c in tok.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in ("out", "from"):
            for p in c.subtree:
                if p.dep_ == "pobj" and _is_place(p):
                    return p
    return None


def _takes_place(tok: Token) -> bool:
    if _expelled_from(tok) is not None:
        return True
    for c in tok.children:
        if c.dep_ == "dobj" and c.lemma_.lower() == "control":
            return True  # "took control of X"
        if c.dep_ in ("dobj", "nsubjpass"):
            if c.pos_ == "PROPN" or c.lemma_.lower() in PLACE_NOUNS or c.ent_type_ in ("GPE", "LOC", "FAC"):
                return True
            if c.pos_ == "PRON" and c.lower_ == "it":
                return True
            if c.lemma_.lower() in AREA_UNITS:
                return True  # "regained 300 square miles"
            if any(g.dep_ == "prep" and g.lower_ == "of" and any(o.lemma_.lower() in PLACE_NOUNS for o in g.children)
                   for g in c.children):
                return True  # "liberated dozens of villages", "seized parts of the city"
    return False


AREA_UNITS = frozenset("mile kilometer kilometre km acre hectare percent".split())


ATTEMPT = frozenset("attempt try".split())  # "attempted to assassinate X": an attack that failed is an attack
READY_WORDS = frozenset("ready hardened tested".split())
PARTICIPATION = frozenset("part participate involve involved role engage engaged join".split())
EVENT_NOUNS = frozenset("attack bombing blast explosion strike".split())  # "car bomb attacks": an event, not a device


def _noun_ok(anchor: Token, tok: Token, entry: TriggerEntry, reporting, lex: Lexicon) -> bool:
    dep, head = anchor.dep_, anchor.head
    if any(c.lower_ in ("news", "press") for c in tok.lefts):
        return False
    if entry.light_only and not (dep == "dobj" and head.pos_ == "VERB" and lex.has("light_verbs", head.lemma_.lower())):
        return False  # "missiles" is an event only when fired/launched
    nxt = tok.doc[tok.i + 1:tok.i + 3]
    if any(t.lower_ in READY_WORDS for t in nxt if not t.is_punct or t.text == "-"):
        return False  # "battle ready", "combat-ready": a state of readiness, not a fight
    if any(c.dep_ == "det" and c.lower_ in ("any", "every", "each", "such") for c in tok.children):
        return False  # "any strike on X would ...": no particular event
    if dep == "nsubj" and head.lemma_.lower() in reporting:
        return False  # "the release said" (but "air raids were reported on X" is an event)
    lemma = tok.lemma_.lower()
    if lemma in ("fall", "release") and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return False  # "the fall of X", "the release of hostages"; not "the release said"
    if entry.mode == "explosives" and dep not in ("nsubj", "nsubjpass", "ROOT", "pobj") and \
            lemma not in EVENT_NOUNS:
        return False  # "destroyed a VBIED", "cleared 600 IEDs": the device, not an attack
    if dep in NOMINAL_DEPS:
        if dep == "conj":
            if head.pos_ == "VERB" and any(c.dep_ == "det" for c in tok.children) and \
                    any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in head.children):
                return True  # "condemns both the attack in X, and the attacks in Y" (misparsed object)
            if head.pos_ == "NOUN" and head.dep_ not in NOMINAL_DEPS and head.i != tok.i:
                head_entry = lex.match(head)  # "heavy fighting and air strikes": as the first noun goes
                return head_entry is not None and _noun_ok(head, head, head_entry, reporting, lex)
            return head.pos_ in ("NOUN", "PROPN") and head.dep_ in NOMINAL_DEPS
        if dep == "dobj" and head.lemma_.lower() in NON_EVENT_HEADS:
            return False  # "using attack aircraft", "presents a threat"
        if dep == "dobj" and head.pos_ == "VERB":
            if (head.dep_ == "acl" and head.head.lemma_.lower() in lex.words.get("abstract_nouns", ())) or \
                    (head.dep_ == "xcomp" and head.head.lemma_.lower() in lex.words.get("request_verbs", ())
                     and head.head.lemma_.lower() not in lex.words.get("plan_verbs", ())):
                return False  # "willingness to negotiate its withdrawal"
            hentry = lex.match(head)
            if hentry is not None and hentry.type in ("REQUEST", "REJECT") and head.lemma_.lower() != "order":
                return False  # "called for a ceasefire": the request is the event
        return True
    if dep == "pobj":
        prep = head
        gov = prep.head
        p = prep.lower_
        if p == "of" and gov.lemma_.lower() in PHASE_NOUNS:
            return True
        if p in ("before", "ahead"):
            return True
        if p == "by" and prep.dep_ == "agent" and entry.type == "ASSAULT":
            return True  # "the advance was backed by airstrikes": the strikes are an attack of their own
        if p == "in" and (gov.lemma_.lower() in PARTICIPATION or any(c.lower_ == "part" for c in gov.children)):
            return True  # "took part in the liberation of X", "participated in the assault"
        if p == "of" and gov.lower_ == "ahead":
            return True
        if p == "for" and gov.lemma_.lower() in ("preparation", "run-up", "prepare", "portend", "plan"):
            return True
        if p in ("in", "during", "by", "with") and gov.pos_ == "VERB" and lex.match(gov) is not None \
                and lex.match(gov).type == entry.type:
            return True  # "killed in an airstrike": merged into the verb's event
    return False
