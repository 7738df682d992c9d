"""Casualty sentences that report the toll of the event told just before.

News reports an attack, then its toll in a sentence of its own: "X shelled Y's positions in Z.
Ten soldiers were reportedly killed." The second sentence has a death word but nobody who
acts and no place of its own: it is the first event's fatalities, not a second event.
``fold_casualties`` moves such a toll onto the violent event of the sentence just before (when
that event has no count yet) and drops the casualty-only draft; ``tolls_after`` does the same
for a toll sentence that yielded no event at all ("Five police reported dead.").
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..numbers import fatality_mention, ordered
from ...records import Fatalities
from .merge import Draft

CASUALTY_WORDS = frozenset("killed died dead wounded injured perished killling succumbed".split())


def _casualty_only(draft: Draft) -> bool:
    ev = draft.event
    trig = (ev.trigger.text if ev.trigger else "").lower()
    return ev.event_type == "ASSAULT" and ev.actor1 is None and (trig in CASUALTY_WORDS or draft.anaphoric) and \
        not draft.fresh and ev.status == "occurred"


def _same_place(a, b, inferred: bool) -> bool:
    if inferred or b.location is None:
        return True
    if a.location is None:
        return False
    return (a.location.name, a.location.latitude, a.location.longitude) == \
        (b.location.name, b.location.latitude, b.location.longitude)


def fold_casualties(drafts: list[Draft]) -> list[Draft]:
    """Drafts with each casualty-only sentence folded into the previous violent event."""
    out: list[Draft] = []
    for draft in drafts:
        prev = out[-1] if out else None
        ev = draft.event
        if prev is not None and _casualty_only(draft) and prev.event.event_type == "ASSAULT" \
                and not prev.standing and 0 <= ev.evidence.start - prev.event.evidence.end <= 3 \
                and _same_place(prev.event, ev, draft.place_inferred) and ev.fatalities is not None:
            known = prev.event.fatalities
            if known is None or not (known.min or known.max):
                prev.event.fatalities = ev.fatalities
                if prev.event.attribution is None:
                    prev.event.attribution = ev.attribution  # "..., the group said": the toll's source
                continue
        out.append(draft)
    return out


def tolls_after(doc: Doc, drafts: list[Draft], lookahead: int = 1) -> None:
    """A sentence with a death count and no event of its own, within ``lookahead`` sentences
    after a violent event without a count, gives that event its fatalities."""
    starts = {d.event.evidence.start for d in drafts}
    sents = list(doc.sents)
    for i, sent in enumerate(sents):
        text = sent.text  # rebuilt from the tokens on each access: take it once
        begin = sent.start_char + (len(text) - len(text.lstrip()))
        if begin in starts:
            continue
        hit = fatality_mention(text)
        if hit is None:
            continue
        earlier = [s for s in sents[max(0, i - lookahead):i]]
        if not earlier:
            continue
        lo_char = earlier[0].start_char
        prev = [d for d in drafts if lo_char <= d.event.evidence.start < sent.start_char]
        if not prev:
            continue
        last = prev[-1]
        ev = last.event
        if ev.event_type != "ASSAULT" or last.standing or ev.status != "occurred":
            continue
        if ev.fatalities is None or not (ev.fatalities.min or ev.fatalities.max):
            lo, hi = ordered(*hit[1])
            ev.fatalities = Fatalities(min=lo, max=hi)
