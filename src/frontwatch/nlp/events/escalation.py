"""A protest that turns violent or is broken up in the next sentence is that kind of protest.

"Merchants demonstrated in X. The demonstrators barricaded the roads and burned tires." The
second sentence tells what the first protest became: ACLED codes one Riots/Violent demonstration,
not a peaceful protest (the repeated report is merged into the first one by ``merge.dedupe``,
which keeps the first report's type). ``escalate_protests`` gives a peaceful protest the
sub-type of a protest reported right after it (within ``window`` characters, same place or no
place of its own) when that one is a protest with intervention or a violent demonstration.

Force used on demonstrators who are themselves violent ("police fired live rounds as they
dispersed demonstrators barricading the routes") is, by ACLED's codebook, part of the violent
demonstration, not excessive force against (peaceful) protesters: ``violent_crowd_met_by_force``
gives such a state intervention the violent demonstration's pair when a violent demonstration is
reported in the same sentence or just before it.
"""
from __future__ import annotations

from .codebook import codebook
from .merge import Draft

RANK = {"Peaceful protest": 0, "Protest with intervention": 1, "Violent demonstration": 2}
FORCE_ON_PROTESTERS = frozenset({"Excessive force against protesters", "Protest with intervention"})


def _place(ev):
    loc = ev.location
    return None if loc is None else (loc.name, loc.latitude, loc.longitude)


def escalate_protests(drafts: list[Draft], window: int = 600) -> None:
    """Upgrade peaceful protests in place (``window``: characters between the two reports)."""
    book = codebook()
    for i, later in enumerate(drafts):
        sub = later.event.acled_sub_event_type
        if RANK.get(sub, 0) == 0 or later.standing:
            continue
        for earlier in reversed(drafts[:i]):
            ev = earlier.event
            if ev.event_type != "PROTEST" or ev.acled_sub_event_type not in RANK:
                continue
            if later.event.evidence.start - ev.evidence.end > window:
                break
            if ev.evidence.start == later.event.evidence.start:
                continue  # the same sentence: the codebook already saw its clause
            if not (later.place_inferred or _place(later.event) is None or _place(later.event) == _place(ev)):
                continue
            if RANK[ev.acled_sub_event_type] < RANK[sub]:
                ev.acled_event_type, ev.acled_sub_event_type = book.event_type(sub), sub


def violent_crowd_met_by_force(drafts: list[Draft], window: int = 600) -> None:
    """Re-type force on violent demonstrators in place (``window``: characters back to the riot report)."""
    for i, force in enumerate(drafts):
        ev = force.event
        if ev.event_type == "PROTEST" or ev.acled_sub_event_type not in FORCE_ON_PROTESTERS or force.standing:
            continue
        for other in drafts[:i] + drafts[i + 1:]:
            riot = other.event
            if other.standing or riot.event_type != "PROTEST" or riot.acled_sub_event_type != "Violent demonstration":
                continue
            same_sentence = riot.evidence.start == ev.evidence.start
            before = riot.evidence.end <= ev.evidence.start and ev.evidence.start - riot.evidence.end <= window
            if (same_sentence or before) and (force.place_inferred or _place(ev) is None or _place(ev) == _place(riot)):
                ev.acled_event_type, ev.acled_sub_event_type = riot.acled_event_type, riot.acled_sub_event_type
                break
