"""Word lists of actor resolution (``actors.py``, ``actor_naming.py``, ``actor_coref.py``)."""
from __future__ import annotations

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
