"""Casualty sentences that report the toll of the event told just before.

News reports an attack, then its toll in a sentence of its own: "X shelled Y's positions in Z.
Ten soldiers were reportedly killed." The second sentence has a death word but nobody who
acts and no place of its own: it is the first event's fatalities, not a second event.
``fold_casualties`` moves such a toll onto the previous violent event of the article (when
that event has no count yet) and drops the casualty-only draft.
"""
from __future__ import annotations

from .merge import Draft

CASUALTY_WORDS = frozenset("killed died dead wounded injured perished killling succumbed".split())


def _casualty_only(draft: Draft) -> bool:
    ev = draft.event
    trig = (ev.trigger.text if ev.trigger else "").lower()
    return ev.event_type == "ASSAULT" and ev.actor1 is None and trig in CASUALTY_WORDS and \
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
                and not prev.standing and prev.event.evidence.start != ev.evidence.start \
                and _same_place(prev.event, ev, draft.place_inferred) and ev.fatalities is not None:
            known = prev.event.fatalities
            if known is None or not (known.min or known.max):
                prev.event.fatalities = ev.fatalities
                if prev.event.attribution is None:
                    prev.event.attribution = ev.attribution  # "..., the group said": the toll's source
                continue
        out.append(draft)
    return out
