"""Rule-based sub-event typing: trigger lexicons for each ACLED sub-event type, written by hand.

`classify(text)` scores every sub-type from weighted trigger patterns plus a few context rules
(who is the target of an attack, did police intervene in a protest, was a bomb defused rather than
set off) and returns candidates, best first. Weights encode ACLED's precedence: a suicide bombing
that kills soldiers is a Suicide bomb, not an Armed clash; a protest that police break up is a
Protest with intervention, not Arrests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import ARMED_WORDS, CIVILIAN_WORDS, COUNTRY_WORDS
from .literals import Gate, fold_case


def _re(p: str) -> re.Pattern[str]:
    return re.compile(p, re.I)


# (sub_event_type, weight, pattern). A sentence scores each sub-type by its strongest trigger.
TRIGGERS: list[tuple[str, float, re.Pattern[str]]] = [
    ("Chemical weapon", 3.0, _re(r"\b(chemical (weapons?|attack|agents?|munitions?)|chlorine|sarin|mustard gas|"
                                 r"nerve (gas|agent)|toxic gas(es)?|poison(ous)? gas(es)?|vx agent)\b")),
    ("Suicide bomb", 3.0, _re(r"\b(suicide[- ](bomb\w*|attack\w*|vest|belt|car|truck|blast|explosion|"
                              r"mission|operation)|blew (himself|herself|themselves) up|self-detonat\w+|"
                              r"detonated (his|her|their) (explosive|suicide)|svbied?|suicide attacker|"
                              r"(explosive|suicide) vests?)\b")),
    ("Air/drone strike", 2.8, _re(r"\b(air ?strikes?|air[- ]raids?|aerial (bombardment|attack|strike|bombing)s?|"
                                  r"drone (strike|attack)s?|unmanned aerial|warplanes?|war planes?|fighter jets?|"
                                  r"jets? (bombed|struck|pounded|targeted|destroyed|hit|raided)|air force (bombed|struck|jets?|planes?)|"
                                  r"air force (targeted|hit|raided|attacked|pounded|shelled|destroyed)|(helicopters?|gunships?) "
                                  r"(\w+ ){0,2}(engaged|attacked|targeted|pounded|fired|strafed)|(struck|hit|bombed|attacked|"
                                  r"targeted|pounded) by (\w+ ){0,2}(helicopters?|jets|warplanes|planes|aircraft|drones?|gunships?)|"
                                  r"(helicopter )?gunships?|bombed from the air|barrel bombs?|(military|army) "
                                  r"(aircraft|helicopters?|choppers?)|(planes?|aircraft|drones?|helicopters?|choppers?) ((had|have|has) )?"
                                  r"(bombed|struck|targeted|fired|hit|attacked|pounded|killed)|airstrike|"
                                  r"(planes?|aircraft|jets|warplanes|helicopters|choppers) (\w+ ){1,6}and "
                                  r"(bombed|struck|pounded|hit|targeted|destroyed|attacked|raided)|"
                                  r"raids? by ([\w']+ ){0,3}(helicopters?|choppers?|aircraft|jets|warplanes|planes)|"
                                  r"air forces? (\w+ ){0,3}(launch\w*|carr\w+ out|conduct\w*) (\w+ ){0,2}(attacks?|strikes?|raids?|sorties)|"
                                  r"(attacked|targeted|struck|bombed|hit) by (the )?([\w']+ ){0,2}air force|"
                                  r"(aircraft|planes|jets|helicopters) (taking off|flying) from (\w+ ){1,2}(attacked|bombed|struck|hit)|"
                                  r"(launch(ed|es|ing)?|fir(ed|es|ing)) (\w+ ){0,4}(kamikaze |attack |"
                                  r"suicide |Shahed |explosive )?drones|drones? (swarm|wave|barrage)s?|"
                                  r"(conduct(ed|s)?|carr(y|ied|ies) out|launch(ed|es)?) (a |an )?(?!hunger|general|labou?r|sit|"
                                  r"workers|wildcat|teachers|doctors|nurses)(\w+ )?strikes?|strikes? by "
                                  r"(the )?(coalition|us|u\.s\.|french|israeli|russian|saudi))\b")),
    ("Grenade", 2.9, _re(r"(?<!stun )(?<!smoke )(?<!flash )(?<!sound )(?<!gas )(?<!teargas )(?<!rubber )"
                         r"(?<!stun-)(?<!tear-gas )\bgrenades?\b")),
    ("Shelling/artillery/missile attack", 2.6, _re(r"\b(shell(ing|ed|s)?|mortars?( shells?| rounds?| fire)?|"
                                                   r"artillery|rockets?|missiles?(?! (?:pact|treaty|programme|program|tests?|deal|agreement|bases?|sites?|depots?|factor(?:y|ies)|facilit(?:y|ies))\b)|grad|katyusha|"
                                                   r"tanks? (attack\w*|fired|shelled|pounded)|tank (attack|shells?|rounds?)|"
                                                   r"rocket[- ]propelled|rpgs?|projectiles?|bombard(ed|ment)|"
                                                   r"howitzers?|tank fire|shelled)\b")),
    ("Remote explosive/landmine/IED", 2.4, _re(r"\b(ieds?|improvised explosive|roadside bombs?|landmines?|"
                                               r"(?:hit|hits|struck|strikes|stepped on|steps on|ran over|runs over|by) "
                                               r"(?:a |an )?(?:\w+ )?mines?\b|mines? (?:laid|planted)|anti-?(?:personnel|tank) mines?|"
                                               r"land mines?|(car|truck|vehicle|motorcycle|parcel|nail|pipe|"
                                               r"homemade|home-made|time|remote[- ]controlled) bombs?|"
                                               r"explosive devices?|explosives?|(with|using) (a |an )?bombs?|"
                                               r"bomb(s|ed)? (the |a )?(home|house|office|residence|car|vehicle|"
                                               r"pipelines?|bridge)|bombs? (exploded|went off|blast|"
                                               r"explosion|attack)|bomb(ing|ings|ed)?|explosions?|blasts?|"
                                               r"detonat(ed|ion|ing)|vbied|exploded|mine (exploded|blast)|bl(ew|own|ow|owing) up|"
                                               r"stepped on a mine|struck a mine|hit a mine)\b")),
    ("Sexual violence", 3.0, _re(r"\b((?<!anti-)rap(ed|es|ing|e)|gang-rap\w*|sexual(ly)? (assault|abuse|violence|"
                                 r"exploitation|slavery)\w*|sexually assaulted|molest\w*|sex slaves?)\b")),
    ("Abduction/forced disappearance", 2.7, _re(r"\b(kidnap(?!pers?\b)\w*|abduct(?!ors?\b)\w*|taken hostage|took (\w+ ){0,3}hostage|"
                                                r"held hostage|seized (\w+ ){0,2}hostages?|hostage[- ]taking|"
                                                r"forcibly disappeared|forced disappearance|disappeared|"
                                                r"went missing|snatched|carried away|taken away by|grabbed by|"
                                                r"seized by (\w+ ){0,2}(gunmen|armed men|militiamen|militants|assailants|attackers|"
                                                r"kidnappers|abductors)|(he|she|they) (was|were) (taken|grabbed|seized) (while|from|as|"
                                                r"on (his|her|their) way))\b")),
    ("Government regains territory", 2.6, _re(r"\b(re-?captur\w+|re-?tak(e|en|es|ing)|re-?took|regain(ed|s|ing)? "
                                              r"(full )?control|liberat(ed|es|ing|ion of)|recover(ed)? (control|"
                                              r"the (town|city|village|area))|took back|wrested (back )?control|"
                                              r"reclaim(ed)?|regain(ed)? (the )?(town|city|village|area|territory)|"
                                              r"(ground|territory) (was |were |has been |had been )?(regained|retaken|recaptured)|"
                                              r"regain(ed|s|ing)? (\w+ ){0,2}ground|ousted ([\w-]+ ){0,6}(fighters|militants|insurgents|rebels|jihadists) from|"
                                              r"clear(ed|s|ing)? (the )?(\w+ ){0,2}(areas?|villages?|towns?|districts?|"
                                              r"localities) of (?-i:[A-Z])|clear(ed|s|ing)? ([\w'-]+ ){0,3}camps?\b|"
                                              r"freed (\w+ ){0,3}(villages?|towns?|cities|city|areas?|districts?) from|drove back|pushed back|"
                                              r"flushed out|dislodg\w+|pushed (\w+ ){0,3}out of|drove (\w+ ){0,3}"
                                              r"out of|cleared (the )?(\w+ ){0,2}(of|from) (militants|insurgents|"
                                              r"terrorists|fighters|jihadists|rebels))\b")),
    ("Non-state actor overtakes territory", 2.5, _re(r"\b(seiz(ed|es|ing) (full )?control|took (full )?control|"
                                                     r"tak(e|en|es|ing) (full )?control|overr(an|un)|"
                                                     # "in the occupied West Bank" names a territory, no event
                                                     r"(seized|captured|took over|overtook|(?<!the )occupied|"
                                                     r"stormed and (took|seized))(?! by\b)(?! (?:in|at|near|outside|from|while|during|after|as)\b)(?! on (?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)) (the )?(\w+ ){0,2}(town(?! hall)|city(?! hall)|"
                                                     r"village|district|area|base|barracks|territory|"
                                                     r"headquarters|airport|port|oil field|hill|positions?|capital|stronghold|bastion|border (?:post|point|crossing)|"
                                                     r"crossing|checkpoint|outpost|"
                                                     r"(?-i:[A-Z]\w+))|(town|city|village|district|area|base|barracks|territory|headquarters|airport|"
                                                     r"garrison|outpost) (was|were|has been|had been) (captured|seized|"
                                                     r"overrun|taken over)|fell to|under (their|the group's) control|"
                                                     r"gain(ed|s|ing)? (full )?control|gain(ed|s|ing)? ground|"
                                                     r"seize (full )?control|overt(ake|akes|ook|aken) (the )?(\w+ ){0,3}(areas?|towns?|villages?|district|city)|"
                                                     r"(seizing|capturing|taking over|overrunning) (the |a |an )?([\w-]+ ){0,2}(town|city|"
                                                     r"village|district|area|base|territory|neighbou?rhood|suburb|(?-i:[A-Z]\w+))|"
                                                     r"(seized|captured|took over|overran) (a |an |the )?([\w-]+ ){0,2}(neighbou?rhoods?|suburbs?|"
                                                     r"quarters?|districts?|villages?|towns?)|"
                                                     r"(established|achieved|imposed|restored|extended) (full |total |complete |"
                                                     r"their |its )?control (over|of)|controlling (the )?(entire|whole) |"
                                                     r"captur(ed|es|ing) (the )?(\w+ ){0,2}(town|"
                                                     r"city|village|district|area|territory|base))\b")),
    ("Non-violent transfer of territory", 2.2, _re(r"\b(withdr(ew|awn|awal|aws|aw)|pull(ed|s)? out|hand(ed|s)? over|retreat(ed|s)?|vacat(e|es|ed)|"
                                                   r"hand(ed)? over control|hand(ed|s|ing)? (\w+ ){0,3}control (of|over|to|back)|vacated|abandoned (the |their )?"
                                                   r"(\w+ ){0,2}(town|city|village|base|positions?|posts?)|"
                                                   r"without (a fight|resistance|fighting)|"
                                                   r"(entered|moved into|deployed (in|to)) (the )?(\w+ ){0,2}"
                                                   r"(town|city|village|area) (after|following) (\w+ ){0,4}"
                                                   r"(withdr|left|retreat))\b")),
    ("Headquarters or base established", 2.4, _re(r"\b((established|set up|setting up|opened|building|built|"
                                                   r"erected|installed|establish(ing|es)?|relocated|moved) "
                                                   r"(a |an |its |their |new |the |several |two |three |a number of |a series of )*(\w+ )?(base|headquarters|hq|barracks|"
                                                   r"camp|command centre|command center|outpost|garrison|"
                                                   r"military post|training camp|observation post|military point)s?|"
                                                   r"(base|headquarters|hq|outpost|point|observation post|garrison)s? "
                                                   r"(was|were|has been|have been) (established|set up|built|opened))\b")),
    ("Arrests", 2.0, _re(r"\b(dismantl(ed|ing) (a |an |the )?(\w+ )?(armed group|cell|network|gang|ring)|arrest(ed|s|ing)?|detain(ed|s|ing)|apprehend(ed|s)|taken into custody|"
                         r"rounded up|in custody|custody|nabbed|picked up by (police|security)|"
                         r"(police|soldiers|troops|forces) (held|seized) (\w+ ){0,3}(suspects?|men|members)|"
                         r"intercepted (\w+ ){0,3}(suspects?|suspected)|captured (\w+ ){0,3}(suspects?|militants?|members|fighters|insurgents|rebels|"
                         r"terrorists))\b")),
    ("Disrupted weapons use", 2.3, _re(r"\b(defus(ed|ing)|dismantl(ed|ing) (\w+ ){0,3}(bomb|explosive|device|"
                                       r"ied|mine)|(disarmed|neutrali[sz]ed|deactivated) (\w+ ){0,4}(bomb|"
                                       r"explosive|device|ied|mine)s?|(bomb|explosive|device|ied|mine)s? "
                                       r"(was |were )?(disarmed|neutrali[sz]ed|deactivated|defused|"
                                       r"discovered|found|detected|safely)|(found|discovered|seized|"
                                       r"uncovered|recovered|intercepted|confiscated) (\w+ ){0,4}(weapons?|"
                                       r"arms|ammunition|explosives?|bombs?|ieds?|caches?|rifles|guns|"
                                       r"landmines?|mines|devices?|rockets|missiles)|(arms|weapons) "
                                       r"(cache|depot|stockpile)s?|foil(ed|s)|thwart(ed|s)|"
                                       r"intercept(ed|s) (\w+ ){0,3}(missile|drone|rocket)s?|"
                                       r"shot down (\w+ ){0,3}(drone|missile|rocket)s?|"
                                       r"controlled explosion|bomb disposal|"
                                       r"(destroy(ed|ing|s)?|clear(ed|ing|s)?|remov(ed|ing|es)?) ((?!of\b)[\w,]+ ){0,5}(landmines?|mines|"
                                       r"ieds?|improvised explosive devices?|explosive devices?|unexploded (ordnance|bombs?|shells?)|"
                                       r"booby[- ]traps?))\b")),
    ("Looting/property destruction", 1.9, _re(r"\b(loot(ed|ing|ers)?|plunder(ed|ing)?|ransack(ed|ing)|"
                                              r"vandali[sz](ed|ing|m)|pillag(ed|ing)|torch(ed|ing|es)?|"
                                              r"set (\w+ ){0,3}(on )?fire|set ablaze|set alight|smash(ed|es)?|damag(ed|es|ing)|burn(ed|t|ing|s)? (down )?"
                                              r"(\w+ ){0,3}(houses?|homes?|shops?|churches?|mosques?|schools?|"
                                              r"vehicles?|cars?|property|buildings?|huts?|offices?|villages?|"
                                              r"markets?|crops|granar\w+)|destroy(ed|ing) (\w+ ){0,3}"
                                              r"(houses?|homes?|property|buildings?|shops?|infrastructure|bases?|vehicles?|"
                                              r"pylons?|towers?|pipelines?|bridges?|schools?|offices?|"
                                              r"equipment|villages?)|demolish(ed|ing)|sabotag\w+|"
                                              r"(houses?|homes?|shops?|stores?|churches?|mosques?|temples?|schools?|vehicles?|cars?|buildings?|offices?|"
                                              r"markets?|huts?) (were|was|have been|had been|has been|being) (\w+ )?"
                                              r"(burn(ed|t)|torched|looted|destroyed|vandali[sz]ed|razed|set ablaze|"
                                              r"set alight|set on fire)|stole|stolen|rustl(ed|ing)|rob(bed|bing) (\w+ ){0,2}(houses?|homes?|shops?|"
                                              r"stores?|warehouses?)|raided (\w+ ){0,3}(shops?|stores?|"
                                              r"warehouses?|market))\b")),
    ("Agreement", 2.0, _re(r"\b(surrender(ed|s|ing)?|laid down (their|his|its) (arms|weapons)|handed (themselves|"
                           r"himself) (over|in)|evacuation (deal|agreement)|(peace |ceasefire )?talks|negotiat(ed|ions)|"
                           r"exchange (of|process of) (prisoners|detainees|bodies)|prisoners? of war|signed (\w+ ){0,4}(agreement|deal|accord|treaty|memorandum|pact|ceasefire|"
                           r"truce)|(peace|ceasefire|cease-fire) (deal|agreement|accord|pact)|"
                           r"agreed (to|on) (a |an )?(\w+ )?(ceasefire|cease-fire|truce|deal|peace|exchange|"
                           r"release|withdraw\w*|swap)|(ceasefire|truce|cease-fire)|reached (an? )?(\w+ )?"
                           r"(agreement|deal|accord)|peace (talks|agreement|accord)|prisoner (swap|exchange)|"
                           r"exchang(ed|e) of (prisoners|detainees|bodies)|reconcil(ed|iation) (agreement|"
                           r"deal)|released (\w+ ){0,4}(hostages|prisoners|detainees) (under|as part of|"
                           r"following) (\w+ ){0,3}(deal|agreement|negotiat\w+))\b")),
    ("Change to group/activity", 1.7, _re(r"\b(dispatch(ed|es|ing)|(formed|created|established|launched|set up) (a |an )?"
                                           r"(new )?(\w+ )?(unit|force|organi[sz]ation|brigade|battalion|group|militia|"
                                           r"alliance|coalition|party|command)s?|have been formed|has been formed|"
                                           r"pledged (allegiance|loyalty)|swore allegiance|merg(ed|er|ing)|"
                                           r"split (from|with)|defect(s|ed|ions?|ing|ors)?|expell?(ed|s)|deport(ed|s)|disband(ed|s)|"
                                           r"(announced|declared) (the )?(formation|creation|dissolution)|"
                                           r"new (leader|commander|emir|group|faction)|appointed (\w+ ){0,3}"
                                           r"(leader|commander|emir)|renamed|rebrand\w*|recruit(ed|ing|ment)|"
                                           r"curfew|state of emergency|martial law|(banned|suspended) (the )?"
                                           r"(\w+ ){0,2}(party|group|organi[sz]ation|activities)|"
                                           r"(joined|joins) (the )?(\w+ ){0,2}(rebellion|insurgency|group)|"
                                           r"(launched|began|started) (a |an |its )?(\w+ ){0,2}(offensive|"
                                           r"operation|campaign)|deployed|deployment|reinforcements|"
                                           r"(weapons|arms) (handover|hand-over|surrender)|mobili[sz](ed|ing) (\w+ ){0,8}(alongside|to defend|in support of)|"
                                           r"(weapons handover))\b")),
    ("Mob violence", 2.3, _re(r"\b(mob(s)?|lynch\w*|jungle justice|mob justice|vigilante justice|"
                              r"(angry|irate|enraged|furious) (crowd|residents|villagers|youths?|mob|people|voters|"
                              r"supporters|traders|students|workers|locals|relatives|men|women)|"
                              r"(scuffles?|brawls?|fist ?fights?|fistfights?|punch-?ups?)|"
                              r"(set alight|set ablaze|set on fire|torched|burned|burnt|attacked|beaten|stoned|lynched|"
                              r"petrol-bombed|destroyed|killed) (\w+ ){0,3}by (angry |irate |local )?(residents|villagers|"
                              r"community members|a mob|locals|youths|a crowd|neighbou?rs)|"
                              r"(beaten|beat|burned|burnt|stoned|hacked) to death by (\w+ ){0,2}(residents|"
                              r"villagers|crowd|youths?|mob|locals)|(residents|villagers|crowd|locals) "
                              r"(beat|lynched|stoned|attacked|burned|set upon|killed) (a |an |the |two |"
                              r"three |\w+ )?(suspected|alleged)|(suspected|alleged) (thie(f|ves)|robbers?|"
                              r"witch(es)?|criminals?|kidnappers?) (was |were )?(beaten|lynched|burned|"
                              r"burnt|killed|attacked|stoned))\b")),
    ("Violent demonstration", 2.2, _re(r"\b((?<!anti-)(?<!anti )riot(s|ed|ing|ers)?(?! (?:police|gear|squad|control|"
                                       r"units?|officers|troops))|rampag\w+|(protesters|demonstrators|"
                                       r"youths?|students|crowd|rioters|residents|strikers|workers|miners|traders|"
                                       r"pupils|learners) (\w+ ){0,3}(threw|"
                                       r"hurled|pelted|torched|burned|burnt|set fire|attacked|stormed|destroyed|broke|confronted|"
                                       r"clashed|vandali[sz]ed|looted|smashed|damaged|ransacked|blocked|"
                                       r"barricaded|stoned)|(threw|hurling|throwing|hurled|pelted with) "
                                       r"(\w+ ){0,4}(stones|rocks|petrol bombs|molotov|bricks|bottles|"
                                       r"projectiles|missiles)|pelted (\w+ ){1,3}with (stones|rocks|bricks|bottles)|"
                                       r"(stones|rocks|bricks|bottles|petrol bombs) (were|was) "
                                       r"(thrown|hurled|pelted)|burn(ed|t|ing) tyres|burning tires|"
                                       r"burning tyres|(?<!non-)(?<!non )violent (protest|demonstration)\w*|"
                                       r"(threw|throwing|hurled|hurling|fired|firing|fire|set off|let off|launched) (\w+ ){0,3}"
                                       r"(fireworks|firecrackers) (at|against|towards?|on)|(threw|throwing|hurled|hurling) (\w+ ){0,4}"
                                       r"(fireworks|firecrackers)|"
                                       r"protests? turned violent|(clashed|clashes) with (the )?"
                                       r"(police|security forces|riot police|gendarmes))\b")),
    ("Protest with intervention", 2.6, _re(r"\b((tear ?gas|rubber bullets|water cannons?|batons|stun grenades) (\w+ ){0,4}"
                                           r"(to )?(disperse|scatter|break up) (\w+ ){0,5}(protest\w*|demonstrat\w*|supporters|activists|youths|"
                                           r"march\w*|crowds?|students|gatherings?|sit-ins?)|(police|security forces|gendarmes|riot police)\b[^.;]{0,60}\b"
                                           r"(dispers(ed|ing)|broke up|breaking up) (the |a |an )?(\w+ )?(crowds?|gatherings?|"
                                           r"rall(y|ies)|march(es)?|sit-ins?|demonstrat\w+|protest\w*))\b")),
    ("Peaceful protest", 2.0, _re(r"\b(in a show of (?:support|solidarity)|(?:block|blocks|blocking) (?:the )?(?:\w+ )?(?:roads?|traffic|"
                                  r"entrances?|highway)|self-immolat\w*|set(?:s|ting)? (?:himself|herself|themselves) (?:on fire|ablaze|alight)|hunger strikes?|(cut|blocked|obstructed|barricaded) (\w+ ){0,3}(road|roads|route|entrances?|"
                                  r"highway|traffic|circulation)|walked (\w+ ){0,6}in support of|(the|a|their|his|her) (\w+ )?march(es)?\b|"
                                  r"protest(s|ed|ing|ers|ors)?|demonstrat(ed|ion|ions|ors|ing|e)|"
                                  r"(?<!\d )(?<!\d)march(ed|es|ing)? ((peacefully|silently|together|again|today|yesterday) )?(in|on|to|through|against|from|outside|past|along|towards?|around|into|near)"
                                  r"(?! \d)|rall(y|ies|ied)|"
                                  r"sit-ins?|picket(ed|s|ing)?|took to the streets|(went|go|are|were|"
                                  r"remain) on strike|strik(e|es|ing) (over|for|against|to demand|in protest)|"
                                  r"(workers|teachers|doctors|nurses|drivers|employees|students|traders|"
                                  r"staff|miners|lecturers|unions?) (\w+ ){0,5}(strike|striked|went on|downed tools|"
                                  r"boycott\w*)|general strike|(workers|employees|staff|teachers|doctors|nurses|unions?|traders|drivers) (\w+ ){0,4}"
                                  r"(brought|bring|brings) (\w+ ){0,5}to a (standstill|halt)|gathered (\w+ ){0,4}(to (protest|demand|"
                                  r"denounce|call|express|condemn|support)|in (front of|protest|"
                                  r"solidarity))|demand(ed|ing)? (the )?(release|resignation|payment|"
                                  r"better|an end|justice)|(staged|held|organi[sz]ed) (a |an )?(\w+ ){0,2}"
                                  r"(march|vigil|rally|strike|sit-in|demonstration|protest|gathering)|"
                                  r"blocked (\w+ ){0,3}(road|roads|highway|street|traffic)|boycott(ed)?|"
                                  r"marchers|vigil|petition|work stoppage|stoppage|(go|went|goes|are|were|began|begin|start|started|"
                                  r"launch\w*|on) (a |an )?(\w+[- ]){0,3}strike|strik(e|es|ed|ing)\b(?! (by|on|against|"
                                  r"at|in|hit|killed))|chant(ed|ing)|placards|shut(ting)? down (\w+ ){0,3}(offices?|"
                                  r"roads?|schools?|shops?|markets?)|barricad(e|ed|es|ing)|(occup(ied|y)|sit) (\w+ ){0,3}"
                                  r"(offices?|premises|building|town hall|city hall|ministry)|"
                                  r"picket(ed|s|ing)?|disrupt(ed|ing|s)? (the |a |an )?(\w+ ){0,2}(meeting|rally|event|ceremony|"
                                  r"handing over|handover|voting|elections?|registration|launch|speech)|forced (\w+ ){0,3}(polling "
                                  r"stations?|voting stations?|offices?|schools?|shops?) to close|prevented the opening of)\b")),
    ("Armed clash", 2.2, _re(r"\b(clash(ed|es|ing)?|fighting|fought|fight|in-?fighting|gun ?battles?|gun ?fights?|"
                             r"fire ?fights?|shoot-?outs?|exchang(ed|e|es|ing) (of )?(\w+ )?(gun)?fire|(?<!opened )(?<!open )(?<!opening )gunfire|"
                             r"exchang(ed|e|es|ing) (of )?gun-fire|exchanged shots|shoot(ing|outs?) between|skirmish(es|ed)?|"
                             r"(forces|troops|soldiers|army|police|patrols?) (\w+ ){0,2}encounter(ed|s)?|"
                             r"(forces|troops|soldiers|army|police) (\w+ ){0,3}pushed (them|the \w+) back|"
                             r"attack\w* (by [\w -]{1,40} )?(on|against) (a |an |the )?([\w-]+ ){0,2}(military|army|police|"
                             r"security|soldiers|troops|base|checkpoint|barracks|outpost|convoy|patrol|positions?|camp|"
                             r"garrison)|ambush(ed|es|ing)?|engagements?|engag(ed|ing|es?) (?!in\b)|(fracas|conflict|hostilities|violence|fighting|feud|confrontations?) between "
                             r"([\w/-]+ ){1,5}(communities|clans|sub-?clans|tribes|ethnic groups|herders|farmers|pastoralists)|"
                             r"engag(ed|ing) in (\w+ ){0,2}(fight\w*|combat|battles?|clash\w*|exchanges?|gun\w*|hostilities)|repel(s|led|ling|ed)?|repuls(e|es|ed|ing)|return(ed|ing)? fire|"
                             r"fire exchange|exchange of (gun-?)?fire|counter-?attack\w*|offensive|"
                             r"combat|battl(e|ed|es|ing)|confrontation|(?<!cessation of )(?<!end to )(?<!end of )hostilities|crossfire|"
                             r"attack(ed|s|ing)? (\w+ ){0,3}(military|army|police|security|soldiers|troops|"
                             r"base|checkpoint|barracks|outpost|convoy|patrol|positions?|camp|garrison))\b")),
    ("Attack", 1.8, _re(r"\b(kill(ed|ing|s)?|murder(ed|s|ing)?|stoned to death|(beaten|hacked|stabbed|burned|burnt) to death|shot (dead|and killed|\w+ dead)|gunned down|"
                        r"execut(e|ed|es|ing|ion)|behead(s|ed|ing)?|slaughter(ed)?|massacr(e|ed|es)|hacked|"
                        r"stab(s|bed|bing)?|ass?ass?inat(e|ed|es|ion)|shoots?|shot|shooting|opened? (gun ?)?fire|fired? (on|at)|"
                        r"hack(s|ing)? (\w+ ){0,2}to death|(kick|slapp|throttl|strangl|punch)(ed|ing)|buried (\w+ ){0,6}alive|"
                        r"attack(ed|s|ing)?|raid(ed|s)?|storms?|storm(ed|ing)|assault(ed|s)?|abus(ed|es|e)|"
                        r"beat(en)?|tortur(ed|e)|lynched|bodies|corpses?|found dead|dead bod(y|ies)|decapitat(ed|es|ing)|whips?|"
                        r"injur(ed|ing)|wound(ed|ing)|harass(ed|ment)|whipp(ed|ing)|flogg(ed|ing)|"
                        r"mutilat\w+|burn(ed|t) (\w+ ){0,2}alive|violence against|targeted killing|"
                        r"died|dead|inflict(ed|ing|s)? (\w+ ){0,2}casualties (on|upon))\b")),
    ("Other", 0.6, _re(r"\b(tensions?|standoff|stand-off|mobili[sz](ed|ation)|(troops|forces) (were )?"
                       r"(massed|amassed|gathered)|(fired|shots) (in the air|warning shots)|"
                       r"(gunfire|gunshots|explosions?) (was|were)? ?heard)\b")),
]

SUB_DEFAULT_CONF = {sub: w for sub, w, _ in TRIGGERS}

# Context signals used by the combination rules below.
POLICE_INTERVENTION = _re(r"\b(dispers(ed|e|ing)|tear ?gas|teargas|water cannons?|rubber bullets|"
                          r"(police|security forces|soldiers|gendarmes|troops) (\w+ ){0,3}(intervened|broke up|"
                          r"arrested|detained|beat|charged|fired|blocked|prevented|stopped)|broke up|break up|breaking up|"
                          r"(were|was) (\w+ ){0,2}(arrested|detained)|arrests were made|batons?|"
                          r"prevented (the )?(\w+ )?(protest|march|demonstration)|intervened|intervene|"
                          r"(detain(ed|s)?|arrest(ed|s)?) (\w+ ){0,3}(protesters|demonstrators|marchers)|"
                          r"suppress(ed|es|ing)?|crack(ed|s)? down|pepper[- ]spray(ed)?)\b")
LETHAL_FORCE = _re(r"\b(live (ammunition|rounds|bullets|fire)|(shot|killed|died|dead|fatally)\b"
                   r"|opened fire (on|at)|fired (on|at|into) (the )?(crowd|protesters|demonstrators)|excessive force)")
PROTEST_WORDS = _re(r"\b(protest\w*|demonstrat\w*|march(ed|es|ers)?|hunger strike|rally|rallies|sit-in|strik(e|ers|ing|ed)|"
                    r"picket\w*)\b")
KILL_WORDS = _re(r"\b(kill(ed|ing|s)|murder(ed|s)?|shot dead|gunned down|executed|beheaded|slaughtered|"
                 r"burn(ed|t) (\w+ ){0,2}alive|(beaten|hacked|stoned|burned|burnt) to death|"
                 r"massacred|hacked to death|died|dead|lost (their|his|her) lives)\b")
DEFUSE_CONTEXT = _re(r"\b(defus\w+|dismantl\w+|disarmed|neutrali[sz]ed|deactivated|discovered|found|"
                     r"seized|foiled|thwarted|intercepted|controlled explosion|bomb disposal|detected|"
                     r"recovered|confiscated|before (it|they) (exploded|could explode|went off))\b")
EXPLODED = _re(r"\b(explod(ed|es|ing)|went off|detonat(ed|ion)|blast|explosion|killed|injured|wounded)\b")


CLASH_WORDS = _re(r"\b(clash(ed|es)?|fighting|fought|gun ?battles?|fire ?fights?|exchang(ed|e) (of )?(gun-?)?fire|in-?fighting|"
                  r"fire exchange|skirmish(es|ed)?|ground (clashes|fighting|offensive|assault)|exchanged gunfire|small arms|"
                  r"hit[- ]and[- ]run|engag(ed|ing) each other|face[- ]to[- ]face|confrontations?)\b")
PROTEST_VIOLENCE = _re(r"\b(turned violent|turn violent|escalating violence|(?<!non-)(?<!non )violent (protests?|demonstrations?|clashes|"
                       r"rall(y|ies)|unrest)|aggressive|clash(ed|es|ing)?|scuffl\w+|running battles|confrontations?|"
                       r"street battles|fought (with )?(the )?police|torch(ed|ing)|set (\w+ ){0,3}(ablaze|alight|on fire)|"
                       r"set fire to|loot(ed|ing)|vandali[sz](ed|ing)|ransack(ed|ing)|pelt(ed|ing)|stoned|"
                       r"(threw|throwing|hurled|hurling) (stones|rocks|bricks|petrol bombs|molotov|fireworks|firecrackers)|"
                       r"(smash(ed|ing)|break(ing)?|broke|overturn(ed|ing)) (\w+ ){0,3}(windows|bins|cars|vehicles|doors|gates|fences)|(lit|sparked|started) (\w+ ){0,3}(fires|blazes?|bonfires))\b")
PARTY_MEMBERS = re.compile(r"\b[A-Z]{2,6}(?:-[A-Z]{1,3})? (?:members|supporters|youths|cadres)\b")  # "ANC members"
# Words of the crowd list that name one person or an armed group here ("an ANC Youth League chairperson",
# "members of the Tuareg group X").
_NO_CROWD = _re(r"\byouth (?:league|wing)\b|\b(?:chair(?:man|person|woman)|leader|commander|secretary)\b|"
                r"\bmembers of (?:the )?(?:[\w-]+ )?(?:group|militia|brigade|movement|faction)\b")
# A crowd named before the violence that did not do it: its victims ("four party members killed in an
# attack"), or those who found what was done ("villagers found the decapitated body").
_NOT_THE_DOER = _re(r"\b(killed|died|dead|injured|wounded|hurt|victims?|found|discovered|recovered|saw|witnessed|"
                    r"sustained|suffered|shot dead)\b")
ACCIDENT = _re(r"\b(accidents?|collaps(?:ed|e|es|ing)|crash(?:ed|es)?|capsiz\w+|electrocut\w+|landslides?|floods?|"
               r"flooding|stampede|derail\w*|overturn\w*|struck by lightning|fire broke out|blaze)\b")
PERPETRATOR = _re(r"\b(gunm[ae]n|attack\w*|assailants?|militants?|rebels?|militia\w*|soldiers?|troops|police|forces|"
                  r"shot|shoot\w*|gunfire|bomb\w*|explo\w+|stabb\w*|beat\w*|mob|lynch\w*|fighters|bandits|"
                  r"kill(?:ed|ing)? by|murder\w*|arson|set (?:\w+ ){0,3}(?:on fire|ablaze|alight))\b")
COMMUNAL_FIGHT = _re(r"\b(?:between|among)\s+(?:the\s+)?(?:[\w'-]+\s+){0,6}?(?:communities|clans|sub-?clans|tribes|"
                     r"ethnic groups|tribesmen|clansmen)\b|\b(?:inter-?communal|inter-?ethnic|inter-?clan|inter-?tribal|clan|"
                     r"tribal|communal|ethnic)\s+(?:conflict|violence|fighting|clash(?:es)?|feud|hostilities|dispute|"
                     r"war|battle|rivalry)\b")
_PARTY_FOLLOWERS = re.compile(r"\s*(?:party\s+)?(?:youths?|supporters|members|activists|cadres|loyalists|women|"
                              r"league|sympathi[sz]ers|followers)\b", re.I)
# "members of the APC", "supporters of ZANU-PF"; "ZANU-PF and MDC-T youths"
_PARTY_FOLLOWERS_BEFORE = re.compile(r"\b(?:members|supporters|youths?|activists|cadres|loyalists|followers)\s+of\s+"
                                     r"(?:the\s+)?$", re.I)
_OTHER_PARTY_FOLLOWERS = re.compile(r"\s+and\s+(?:the\s+)?[\w-]+" + _PARTY_FOLLOWERS.pattern, re.I)
# "three people torched two patrol cars": a handful of people is no crowd
_FEW_PEOPLE = _re(r"\b(?:one|two|three|four|five|[1-5]|a couple of)\s+(?:\w+\s+)?(?:people|persons|men|youths|suspects)\b")
UNARMED_GROUPS = _re(r"\b(youths?|residents|supporters|cadres|students|pupils|learners|villagers|traders|touts|"
                     r"transporters|marketers|vendors|hawkers|political groups|nationals|"
                     r"farmers|prisoners|inmates|detainees|factions|unemployed|workers|miners|taxi drivers|"
                     r"motorcyclists|protesters|demonstrators|rioters|locals|"
                     r"families|family members|neighbours|neighbors|communities|community members|party members|"
                     r"crowds?|mobs?|fans|worshippers|drivers|groups of (?:youths|people|residents|students)|sub-clans?)\b")
STATE_BY_DEMONYM = re.compile(r"\b(?:" + "|".join(sorted((re.escape(w) for w, cc in COUNTRY_WORDS.items()
                                                         if len(w) > 3 and w not in ("kurdish", "palestinian")),
                                                        key=len, reverse=True))
                              + r")\s+(?:government\s+)?(?:forces|troops|army|military|soldiers)\b", re.I)
CROWD = _re(r"\b(youths?|residents|supporters|villagers|traders|farmers|workers|miners|drivers|riders|motorcyclists|"
            r"contractors|unemployed|staff|employees|teachers|nurses|doctors|pensioners|"
            r"voters|students|locals|crowds?|mobs?|fans|community members|party members|members|people|rioters|"
            r"protesters|demonstrators|passengers|neighbou?rs|inmates|prisoners|activists|kids|locals)\b")
FIREARMS = _re(r"\b(guns?|gunmen|gunfire|gunshots?|shots?|shoot\w*|fired|firearms?|rifles?|ak-?47s?|bullets?|armed|"
               r"militia\w*|grenades?|explosives?|bombs?)\b")
STATE_WORDS = _re(r"\b(soldiers?|troops|army|military|armed forces|security forces|police(?:men)?|gendarmes?|"
                  r"government forces|national guard|special forces|peacekeepers)\b")


_SOURCE_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:said|say|says|confirmed|told|reported|stated|spokes\w+|sources?|"
                           r"officials?|uniforms?|fatigues|hospital|court|prosecutor|intelligence|vehicles?)\b", re.I)


def _two_armed_sides(text: str) -> bool:
    """A state force and a non-state armed group both take part (named, or as generic nouns)."""
    from .actors import find_actors

    ms = find_actors(text)
    src = _SOURCE_AFTER
    state = any(m.code in (1, 8) and not src.match(text, m.end) for m in ms)
    armed = any(m.code in (2, 3, 4) for m in ms)
    return state and armed


CONTEXT_CUE = _re(r"\b(to protest|protesting|in protest (?:at|against|over)|to denounce|denouncing|to condemn|"
                  r"condemning|to demand|demanding|following|after|in the wake of|despite|in spite of|undeterred by|"
                  r"on charges? (?:of|related to)|charged with|on suspicion of|in response to|in retaliation for|in reprisal for|"
                  r"in connection with|accused of|suspected of|over (?:the|their|his|her) (?:alleged )?(?:role|"
                  r"involvement|participation)|for (?:allegedly )?(?:leading|organi[sz]ing|participating|taking part|"
                  r"carrying out|involvement)|ahead of|related to|linked to|blamed for|responsible for|"
                  r"mastermind of|perpetrators? of|in memory of|to commemorate|commemorating|(?:the )?anniversary of|"
                  r"(?:those |people )?who (?:were|had been) (?:\w+ ){0,3}?(?:abducted|kidnapped|killed|arrested|detained|"
                  r"displaced)(?=[^.;]{0,40}\b(?:19|20)\d\d\b))\b")
PROTESTED_OBJECT = _re(r"\b(?:protest(?:ed|s|ing)?|demonstrat(?:ed|ions?|ing)|march(?:ed|es|ing)?|rall(?:ied|y|ies))\s+"
                       r"(?:against|over)\s+")
COMMEMORATED = _re(r"\b(in memory of|to commemorate|commemorating|(?:the )?anniversary of|in honou?r of)\b")
NO_FIGHT = _re(r"\b(without (?:any |a )?(?:fight|fighting|resistance|clash(?:es)?|violence|bloodshed|a shot|"
               r"firing a shot|casualties)|(?:did not|didn\'t|had not|hadn\'t|never|not) (?:encounter|meet|face)\w* (?:any |much )?"
               r"(?:resistance|opposition)|(?:met|encountered|faced) (?:no|little) (?:resistance|opposition)|"
               r"no (?:reported )?(?:violence|fighting|clash(?:es)?|resistance)(?: was| were)?"
               r"(?: reported)?|peacefully|unopposed|without resisting|no mention of (?:\w+ ){0,2}violence)\b")
# "destroyed 40 landmines", not "cleared the town of mines" (the town's capture is the news there)
MINES_CLEARED = _re(r"\b(?:destroy(?:ed|ing|s)?|clear(?:ed|ing|s)?|remov(?:ed|ing|es)?) (?:(?!of\b)[\w,-]+ ){0,5}(?:landmines?|mines|"
                    r"ieds?|improvised explosive devices?|explosive devices?|unexploded (?:ordnance|bombs?|shells?)|"
                    r"booby[- ]traps?)\b|\b(?:landmines?|mines|ieds?|explosive devices?|unexploded ordnance) (?:were |was |"
                    r"have been |had been )?(?:destroyed|cleared|removed)\b")
WEAPON_FOUND = _re(r"\b((?:discover|found|find|seiz|recover|uncover|confiscat|intercept|defus|disarm|dismantl|captur|"
                   r"neutrali[sz]|deactivat|impound)\w*\b[^.;]{0,80}\b(?:weapons?|arms|ammunition|explosives?|"
                   r"bombs?|ieds?|vbied|grenades?|rockets?|mines?|landmines?|devices?|rifles|guns|caches?|bunker|"
                   r"firearms|pistols|munitions|stash)|"
                   r"(?:weapons?|arms|ammunition|explosives?|bombs?|ieds?|vbied|grenades?|rockets?|landmines?|devices?|"
                   r"caches?|bunker|firearms|pistols|munitions|stash)\b[^.;]{0,80}\b(?:was|were|has been|have been|had been|being) (?:safely )?"
                   r"(?:discovered|found|seized|recovered|uncovered|confiscated|intercepted|defused|disarmed|captured|"
                   r"dismantled|neutrali[sz]ed|deactivated|impounded))")
ARREST_OF_SUSPECT = _re(r"\b(arrest\w*|detain\w*|apprehend\w*|captured)\b[^.;]{0,80}\b(suspects?|mastermind|"
                        r"perpetrators?|accused|suspected of|in connection with|over (?:the|their|his|her) (?:alleged )?"
                        r"(?:role|involvement|participation)|for (?:allegedly )?(?:leading|organi[sz]ing|"
                        r"participating|taking part|carrying out|inciting)|(?:following|after) (?:a |the )?(?:\w+ ){0,3}"
                        r"(?:protests?|demonstrations?|riots?|attacks?|clashes))|\b(suspects?|mastermind|perpetrators?|"
                        r"accused)\b[^.;]{0,60}\b(?:was|were|has been|have been|had been)?\s*(?:arrested|detained|"
                        r"apprehended)|^[^.;]{0,120}\barrested\.?$")


def _clause_end(text: str, pos: int) -> int:
    m = re.compile(r"[,;.:(]").search(text, pos)
    return m.start() if m else len(text)


@dataclass(frozen=True, slots=True)  # frozen: memoised guesses are shared between callers
class TypeGuess:
    sub_event_type: str
    score: float  # evidence strength, roughly 0..4
    trigger: str  # the text that triggered it
    trigger_start: int  # offset of the trigger within the classified text


CIVIL_TARGETS = re.compile(r"\b((?:cattle|refugee|displacement|idp|displaced|IDP) camps?|villages?|settlements?|homes?|houses?|markets?|churche?s?|mosques?|schools?|"
                           r"restaurants?|hotels?|bars?|camps? for (the )?displaced|idp camps?|hospitals?|"
                           r"buses|bus|farms?|shops?|communit(y|ies)|neighbou?rhoods?|homesteads?|worshippers|"
                           r"compound|residence|(?:commercial|civilian|passenger|private|public transport)\s+(?:vehicles?|"
                           r"cars?|boats?|trucks?|lorr(?:y|ies))(?!\s+carrying\s+(?:\w+\s+)?(?:soldiers|troops|police))|"
                           r"minibus(?:es)?|taxis?|travell?ers|passengers|motorists|commuters|"
                           r"(?:vehicles?|cars?|boats?|buses|bus)(?!\s+(?:carrying|transporting|with|of)\s+(?:\w+\s+){0,3}"
                           r"(?:soldiers|troops|police|army|military|officers?|commanders?|brigadier|general|colonel|"
                           r"guards|personnel)))\b", re.I)


_ONE_OFF_DUTY = re.compile(r"\b(?:an?|the)\s+(?:off-duty|retired|former|ex-)\s*(?:[\w-]+\s+){0,2}?(?:army|police|military\s+)?"
                           r"(?:captain|colonel|officer|soldier|policeman|general|commander|major|lieutenant|sergeant|"
                           r"corporal|guard)\b", re.I)


def _off_duty(zone: str, armed: re.Match[str]) -> bool:
    """ "An off-duty army captain", "a retired colonel": one person no longer on a fighting side."""
    return any(m.start() <= armed.start() < m.end() + 1 for m in _ONE_OFF_DUTY.finditer(zone))


_CASUALTY = re.compile(r"\b(?:(?:was|were|have been|had been|being)\s+)?(?:reportedly\s+|allegedly\s+)?(?:killed|shot dead|"
                       r"shot and (?:killed|wounded|injured)|wounded|injured|murdered|hacked to death|beheaded)\b", re.I)


def _casualties_civilian(text: str) -> bool | None:
    """Who the passage's dead and wounded are ("a civilian was killed", "17 villagers ... were killed"):
    True when only civilians are named, False when only armed men, None when neither or both."""
    civ = arm = False
    for m in _CASUALTY.finditer(text):
        if not re.match(r"(?:was|were|have|had|being)\b", m.group(0), re.I) and \
                not re.search(r"[\w,]\s*$", text[:m.start()]):
            continue
        zone = text[max(0, m.start() - 70): m.start()]
        zone = zone[max(zone.rfind("."), zone.rfind(";")) + 1:]
        if re.search(r"\bby\s+[^,;]*$", zone):
            continue
        c = [x.end() for x in CIVILIAN_WORDS.finditer(zone)]
        a = [x.end() for x in ARMED_WORDS.finditer(zone) if not _off_duty(zone, x)]
        if c and (not a or max(c) > max(a)):
            civ = True
        elif a:
            arm = True
    return True if civ and not arm else False if arm and not civ else None


_SAID_AFTER = re.compile(r"[,;]\s*(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}(?:said|says|told|reported|confirmed|stated)\b|"
                         r"[,;]?\s*according to\b", re.I)


def _victims_are_civilian(text: str, pos: int) -> bool | None:
    """Whether the target of a violent verb at `pos` is civilian (True) or armed (False)."""
    before = text[max(0, pos - 70): pos]
    after = text[pos: pos + 90]
    passive = re.search(r"\b(was|were|been|being|got|is|are)\s+(\w+\s+)?$", before, re.I) or \
        re.match(r"\S+(?:\s+and\s+\S+)?\s+by\b", after)  # "13 women attacked by militiamen", "shot and wounded by"
    if passive:
        # "A police captain was shot dead by gunmen": the victim is the subject before the verb.
        zone = before
        civ = [m.end() for m in CIVILIAN_WORDS.finditer(zone)]
        arm = [m.end() for m in ARMED_WORDS.finditer(zone) if not _off_duty(zone, m)]
        if civ or arm or _ONE_OFF_DUTY.search(zone):
            return (max(civ) if civ else 0) >= (max(arm) if arm else -1)
        # The words after a passive verb name its agent, not its target: a person "killed by the army"
        # in its operations was most often fighting it; one "killed by unknown gunmen" was not.
        if re.search(r"\bby (?:the )?(?:\w+ )?(?:army|military|troops|soldiers|security forces|police)\b", after[:60], re.I):
            return False
        return None
    # Headline passive: "Six soldiers killed and three wounded", "a farmer shot dead near ...".
    if re.match(r"(?:killed|shot dead|shot and killed|shot and wounded|shot and injured|wounded|injured|kidnapped|abducted|beheaded|executed|murdered|"
                r"gunned down|hacked to death|attacked|assaulted|raped|beaten|ambushed|robbed|stabbed|tortured)\s*(?:$|[,.;]|and\b(?=\s+(?:\S+\s+){1,2}(?:wounded|injured|hurt|missing))|"
                r"in\b|by\b|when\b|after\b|during\b|near\b|while\b)", after, re.I) and \
            not re.search(r"\b(?:was|were|been|being|got|who|which|that|has|have|had)\s+(?:\w+\s+)?$", before, re.I):
        tail = before[-40:]
        civ = [m.end() for m in CIVILIAN_WORDS.finditer(tail)]
        arm = [m.end() for m in ARMED_WORDS.finditer(tail)]
        if civ or arm:
            return (max(civ) if civ else -1) > (max(arm) if arm else -1)
        # "Five killed when gunmen opened fire on a market": the victims are unnamed; what was fired on
        # tells who they were. The killers named after the verb are not its target.
        hit = re.search(r"\b(?:fire|attack\w*|raid\w*|stormed|struck|hit)\s+(?:on|at|in)?\s*(?:the |a |an )?", after, re.I)
        if hit:
            zone = after[hit.end(): hit.end() + 40]
            c, a = CIVIL_TARGETS.match(zone) or CIVILIAN_WORDS.match(zone), ARMED_WORDS.match(zone)
            if c or a:
                return bool(c) and not a
        return None
    # Active voice: the first noun after the verb is the target.
    m = re.match(r"\S+\s+(.*)", after)
    zone = m.group(1) if m else after
    # "killed him on Friday, police said": who tells it is no target
    zone = _SAID_AFTER.split(zone, maxsplit=1)[0]
    # "killing one and rescuing 36 prisoners", "killing many of their attackers": a bare number is
    # no target; what follows it is another matter.
    if re.match(r"[\"']?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|dozens|scores|some|"
                r"a number|others?)[\"']?\s*(?:[,.;]|and\b|$|of (?:them|their|its|his)\b(?!\s+(?:\w+\s+)?(?:"
                r"civilians|villagers|residents|passengers|worshippers|students|women|children)))", zone, re.I):
        return None
    # "clear Boko Haram's camp, killing 18 members": members of the group the forces fight
    if re.match(r"(?:at least |some |about )?(?:\d+|\w+)\s+(?:of\s+(?:its|their|the\s+group's)\s+)?members\b", zone, re.I) and \
            _two_armed_sides(text):
        return False
    c = CIVILIAN_WORDS.search(zone) or CIVIL_TARGETS.search(zone)
    a = ARMED_WORDS.search(zone)
    if a and _off_duty(zone, a):
        return True
    if c and (not a or c.start() < a.start()):
        return True
    if a:
        return False
    from .actors import find_named_actors

    named = [m for m in find_named_actors(zone[:60]) if m.code in (1, 2, 3, 4, 8) and m.start < 25]
    if named and not c:  # "attacked a group of al Shabaab", "an FRPI camp"
        return False
    return None


# Negation: words a negator governs are masked before triggers are looked for, so "there were no
# major clashes", "police did not intervene", "no one was arrested", "the day passed without
# incident" do not count as clashes, interventions or arrests, while the rest of the sentence
# ("but a bomb exploded") still does.
_NEG_FILLER = (r"(?:(?:any|further|major|serious|significant|new|fresh|immediate|large-scale|large|heavy|"
               r"reported|real|armed|violent|other|more|such|single|signs? of|reports? of|evidence of|word of|"
               r"incidents? of|cases? of|sign of|the|a|an|one)\s+){0,3}")
_NEG_STOP = (r"(?:in|at|on|near|during|after|before|was|were|have|has|had|been|is|are|and|or|but|as|since|while|"
             r"when|by|from|to|with|of|that|which|who|where|because|despite|although|though|so|than|then|"
             r"yet|said|says|reported|according)")
NEG_NOUN = re.compile(r"\b(?:no|nor|neither|without|not a single|not any|free of|absence of|lack of)\s+"
                      r"(?!(?:warning|provocation|notice|reason|apparent reason|doubt|end|longer)\b)" + _NEG_FILLER +
                      r"((?:(?!" + _NEG_STOP + r"\b)[A-Za-z][\w-]*\s*){1,3})", re.I)
NEG_PASSIVE = re.compile(r"\b(?:no one|nobody|none|no (?:[\w-]+\s+){1,2}?)\s*(?:was|were|has been|have been|had been|"
                         r"got|is|are|being)\s+(?:\w+ly\s+)?([a-z]+(?:ed|en|wn|t))\b", re.I)
NEG_VERB = re.compile(r"\b(?:(?:did|does|do|has|have|had|was|were|is|are|will|would|could|can|should|may|might|must)"
                      r"\s*(?:not|n't|never)|didn't|doesn't|don't|hasn't|haven't|hadn't|wasn't|weren't|isn't|"
                      r"aren't|won't|wouldn't|couldn't|can't|never)\s+(?:\w+ly\s+)?((?:(?:be|been|being|get|got)\s+)?"
                      r"(?:\w+ly\s+)?[a-z][\w-]*)", re.I)


# Feared, threatened, vowed or planned violence has not happened: "residents fear an attack after
# gunmen killed two farmers" tells of the killing, not of an attack.
UNREALISED = re.compile(r"\b(?:fear(?:s|ed|ing)?|dread(?:s|ed|ing)?|brac(?:e|es|ed|ing) for|"
                        r"threaten(?:s|ed|ing)? to|vow(?:s|ed|ing)? to|pledg(?:e|es|ed|ing) to|"
                        r"promis(?:e|es|ed|ing) to|plan(?:s|ned|ning)? to|planning|plott(?:ing|ed)(?: to)?|warn(?:s|ed|ing)? of|"
                        r"against (?:an? |the )?(?:possible|potential|imminent|anticipated|expected))\s+"
                        r"((?:(?:an?|another|further|more|new|fresh|renewed|possible|imminent|reprisal)\s+)?"
                        r"(?!(?:for|that|the|their|his|her|its|dead|killed|drowned|missing|lost|injured|"
                        r"trapped|kidnapped|abducted)\b)[a-z][\w-]*)", re.I)
_NEGATOR_GATES = [Gate(pat) for pat in (NEG_NOUN, NEG_PASSIVE, NEG_VERB, UNREALISED)]


def mask_negated(text: str) -> str:
    """The text with the words a negator governs blanked out (same length, so offsets hold), and
    the violence it only fears, threatens or plans."""
    folded = fold_case(text)
    spans = [m.span(1) for gate in _NEGATOR_GATES for m in gate.finditer(text, folded)]
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            if not chars[i].isspace():
                chars[i] = "_"
    return "".join(chars)


# "killing three soldiers", "injuring a policeman": armed victims of the violence told
ARMED_VICTIMS = _re(r"\b(?:kill|injur|wound)(?:ed|ing|s)\s+(?:(?:at least|some|about|\d+|one|two|three|four|five|six|seven|"
                    r"eight|nine|ten|several|a|an|the|their)\s+){0,3}(?:[\w-]+\s+){0,2}?(?:soldiers?|troops|police(?:m[ae]n)?|"
                    r"officers?|gendarmes?|guards?|peacekeepers?|militants?|fighters|rebels|insurgents)\b")
CUSTODY_ABUSE = _re(r"\b((arrest(ed|s)?|detain(ed|s)?|abduct(ed|s)?) and (then )?(kill|beat|tortur|execut|shot|shoot)\w*|"
                    r"(was|were|being|been|get|got) (\w+ ){0,2}(beaten|tortured|whipped|flogged|executed|abused|"
                    r"mistreated|ill-treated|burn(ed|t) to death|beaten to death|tortured to death)|"
                    r"(died|tortured|beaten|killed|executed) (\w+ ){0,3}(in|while in|during) (police |military )?"
                    r"(custody|detention)|(in custody|in detention|after (his|her|their) arrest)\b[^.]{0,60}\b(beaten|"
                    r"tortured|died|killed)|detainees,? (were )?(beaten|tortured)|(man|woman|suspect|detainee) died after)")
_ARMED_MEN = (r"(?:militants|insurgents|terrorists|jihadists|fighters|rebels|bandits|gunmen|assailants|attackers|"
              r"militiam[ae]n|members of (?:the )?[A-Z][\w-]*(?: [A-Z][\w-]*)*|Boko Haram|al[- ]Shabaab|(?:armed|suspected) "
              r"(?:\w+ )?(?:men|elements))")
ARMED_KILLED = re.compile(r"\b(?:kill(?:ed|s|ing)?|eliminat(?:ed|es|ing)|neutrali[sz](?:ed|es|ing)|shot dead)\s+"
                          r"(?:a total of |at least |more than |some |\w+ ){0,3}" + _ARMED_MEN + r"|\b" + _ARMED_MEN +
                          r"\s+(?:were|was|have been|had been)\s+(?:\w+ ){0,2}?(?:killed|neutrali[sz]ed|eliminated|shot dead)",
                          re.I)
# "Military forces clear the camp, kill five and recover weapons": a count killed in a forces' operation.
FORCES_KILL_COUNT = _re(r"\bkill(?:s|ed|ing)?\s+(?:at least\s+|some\s+|about\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|"
                        r"ten|eleven|twelve|a dozen|dozens|several|scores)\b(?!\s+(?:civilians|villagers|residents|people|"
                        r"persons|women|children|passengers|worshippers|students|farmers|herders|soldiers|troops|"
                        r"police\w*|officers|guards|members of the security))")
ENDED_AGREEMENT = _re(r"\b(?:ended|ends|broke|breaks|abandoned|abandons|called off|pulled out of|withdrew from|"
                      r"scrapped|renounced|collapsed|collapse of|end of|breakdown of)\s+(?:a |an |the |its |their |"
                      r"his )?(?:\w+ )?(?:ceasefire|cease-fire|truce|peace deal|peace agreement|agreement)\b")
TALKS_HALTED = _re(r"\b(?:suspend\w*|broke off|break off|breaking off|walked out of|pull\w* out of|postpon\w*|"
                   r"call\w* off|stall\w*|collapse\w*)\s+(?:the |their |its )?(?:\w+ )?talks\b|\btalks\s+(?:were |have |had )?"
                   r"(?:been )?(?:suspended|stalled|collapsed|postponed|broke down|broken off)")
# "gunmen shot dead a candidate at a campaign rally": the rally is where the killing happened
RALLY_SETTING = _re(r"\b(?:at|during|after|outside)\s+(?:a|an|the|his|her|their)\s+(?:\w+\s+)?(?:campaign|election|"
                    r"electoral|political|party|opposition)?\s*(?:rally|meeting|event|gathering)\b")
DEFUSE_ONLY = _re(r"\b(defus\w+|dismantl\w+|detonat\w+ (?:\w+ ){0,2}safely|controlled explosion)\b")
IN_PROTEST = _re(r"\b(protest(s|ed|ing|ers|ors)?|demonstrat(ed|ing|ion|ions|ors)|rall(y|ies)|march(ed|ers)|"
                 r"sit-in|strik(ers|ing)|on strike)\b")
HARM_TO_PEOPLE = _re(r"\b(kill\w*|dead|died|death|murder\w*|injur\w*|wound\w*|hurt|beat(en|ing)?|rap(ed|e|ing)|"
                     r"abduct\w*|kidnap\w*|hostages?|captives?|shot|shoot\w*|fired (?:at|on|into)|assault\w*|"
                     r"tortur\w*|whipp\w*|stabb\w*|hack\w*|machete|casualt\w*|causalt\w*|victims?|harass\w*|"
                     r"forc(ed|ing) (?:\w+ ){0,3}to flee|displac\w*|fled|flee|robbed (?:civilians|villagers|passengers|"
                     r"travell?ers|people|residents))\b")
_NO_HARM = re.compile(r"\b(?:no|without|nobody|none|not)\b[^.;]{0,40}?\b(?:casualt\w*|causalt\w*|injur\w*|fatalit\w*|"
                      r"deaths?|violence|victims?|hurt|harmed|killed|wounded)\b[^.;]*", re.I)


def mask_no_harm(text: str) -> str:
    """The text with its "no casualties were reported"-style clauses blanked out."""
    return _NO_HARM.sub(" ", text)


_PROTEST_EVENT = r"(?:protests?|demonstrations?|rall(?:y|ies)|marche?s?|sit-ins?|riots?(?! police| gear| squad)|unrest|disturbances)"
ARRESTED_PROTESTERS = _re(
    r"\b(?:arrest\w*|detain\w*|round(?:ed|ing)? up)\b[^.;]{0,100}?\b(?:after|following|during|at|amid|in the course of|"
    r"for (?:taking part|participating) in)\s+(?:a |an |the |their |his |her |these |those )?(?:[\w-]+ ){0,3}?"
    + _PROTEST_EVENT + r"\b"
    r"|\b(?:arrest\w*|detain\w*)\b[^.;]{0,60}?\b(?:protesters|protestors|demonstrators|rioters|marchers|strikers)\b"
    r"|\b(?:arrest\w*|detain\w*)\b[^.;]{0,60}?\bfor (?:protesting|demonstrating|rioting|marching)\b"
    r"|\b(?:protesters|protestors|demonstrators|rioters|marchers|strikers)\b[^.;]{0,60}?\b(?:were|was|have been|had been)\s+"
    r"(?:\w+\s+)?(?:arrested|detained)"
    r"|\b(?:arrest\w*|detain\w*)\b[^.;]{0,120}?\b(?:who|after|as|when)\b[^.;]{0,80}?\b(?:in protest|protest(?:ed|ing)|"
    r"demonstrat(?:ed|ing)|rioted|march(?:ed|ing)|staged)\b"
    r"|\b(?:in protest|protest(?:ed|ing)|demonstrat(?:ed|ing)|rioted|staged an? (?:\w+ )?(?:protest|demonstration|sit-in))\b"
    r"[^.;]{0,120}?\b(?:arrest(?:ed|ing)|detain(?:ed|ing))\b"
    r"|\b(?:torched|pelted|stoned|set (?:\w+ ){0,3}(?:on fire|ablaze|alight)|burn(?:ed|t|ing) tyres|barricad\w+)\b"
    r"[^.;]{0,100}?\b(?:police|security forces)\b[^.;]{0,40}?\b(?:arrest(?:ed|ing)|detain(?:ed|ing))\b")
ARRESTED_RIOTERS = _re(r"\b(?:arrest\w*|detain\w*)\b[^.;]{0,60}?\b(?:after|following|for|over|due to)\b[^.;]{0,80}?"
                       r"\b(?:torched|pelted|pelting|stoned|stoning|(?:throw(?:ing)?|threw) (?:\w+ ){0,2}stones|vandali[sz]\w*|"
                       r"set (?:\w+ ){0,3}(?:on fire|ablaze|alight)|rioting)\b|\b(?:torched|pelted|stoned|vandali[sz]ed|"
                       r"set (?:\w+ ){0,3}(?:on fire|ablaze|alight))\b[^.;]{0,100}?\b(?:were|was)\s+(?:later\s+)?arrested\b")
PROTEST_NOT_HELD = _re(r"\b(?:ahead of|before|to (?:prevent|thwart|foil|stop)|prevent(?:ed|ing)?|planned|planning|"
                       r"call(?:ed|ing|s)? for|organi[sz](?:ed|ing|ers?)|incit(?:ed|ing|ement)|lead(?:ing|ers?)?|"
                       r"scheduled|upcoming|mobili[sz]\w*)\b[^.;]{0,40}?" + _PROTEST_EVENT)
# A crowd's own violence: "residents torched a minibus", "youths pelted the police with stones".
CROWD_RIOT = _re(r"\b(?:torched|pelted|stoned|burn(?:ed|t|ing) tyres|barricad\w+|looted|ransacked|vandali[sz]ed|"
                 r"set (?:\w+ ){0,3}(?:on fire|ablaze|alight)|stormed|damaged|destroyed)\b")
VIOLENT_SUBS = ("Armed clash", "Attack", "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Air/drone strike",
                "Shelling/artillery/missile attack", "Chemical weapon", "Sexual violence", "Abduction/forced disappearance")


# Each trigger can only fire where one of its literal words occurs: a substring test skips the rest.
_TRIGGER_GATES = [Gate(pat) for _, _, pat in TRIGGERS]
_WEAPON_FOUND_GATE = Gate(WEAPON_FOUND)
_CONTEXT_CUE_GATE = Gate(CONTEXT_CUE)


def classify(text: str) -> list[TypeGuess]:
    """Candidate sub-event types for a sentence (or a short passage), best first; [] if none."""
    return list(_classify(text))


@lru_cache(maxsize=8192)
def _classify(text: str) -> tuple[TypeGuess, ...]:
    """classify, memoised: a passage is classified again when it is coded, and reports repeat."""
    raw, text = text, mask_negated(text)
    folded = fold_case(text)
    found: dict[str, TypeGuess] = {}
    for (sub, weight, _), gate in zip(TRIGGERS, _TRIGGER_GATES, strict=True):
        m = gate.search(text, folded)
        if m:
            found[sub] = TypeGuess(sub, weight, m.group(0), m.start())
    weapon_found = _WEAPON_FOUND_GATE.search(text, folded)
    if weapon_found and "Disrupted weapons use" not in found:
        m = weapon_found
        found["Disrupted weapons use"] = TypeGuess("Disrupted weapons use", 2.3, m.group(0), m.start())
    if "Non-violent transfer of territory" not in found:
        # "entered the town and did not encounter any resistance" (the negation masks the words)
        m = re.search(r"\b(?:entered|moved into|took over|took|seiz\w*|captur\w*)\b", text, re.I)
        if m and NO_FIGHT.search(raw):
            found["Non-violent transfer of territory"] = TypeGuess("Non-violent transfer of territory", 2.2,
                                                                   m.group(0), m.start())
    if not found:
        return ()
    # A trigger met only in a clause about another, earlier matter ("deployed following riots",
    # "arrested over the attack") counts for less than the sentence's own news.
    ctx = [(m.start(), _clause_end(text, m.end())) for m in _CONTEXT_CUE_GATE.finditer(text, folded)]
    # what a protest is against ("protested against the rape of a girl", "an anti-rape march") is its cause
    ctx += [(m.end(), _clause_end(text, m.end())) for m in PROTESTED_OBJECT.finditer(text)]
    ctx += [m.span() for m in re.finditer(r"\banti-\w+", text, re.I)]
    # ", who had kidnapped the trader on 3 May,": what the actors did before, told to say who they are
    ctx += [m.span() for m in re.finditer(r",\s*(?:who|whose)\s+(?:had|have|has)\b[^,;]*,", text, re.I)]
    if ctx:
        for sub, weight, pat in TRIGGERS:
            g = found.get(sub)
            if g is None or not any(a <= g.trigger_start < b for a, b in ctx):
                continue
            # "three killed following clashes", "injured after an exchange of fire": the fighting is
            # the sentence's own news, not an earlier matter.
            # "three soldiers killed after their vehicle hit a landmine": how they died, not another matter.
            if sub == "Peaceful protest" and re.search(r"self-immolat|(?:himself|herself|themselves) (?:on fire|ablaze|"
                                                       r"alight)", g.trigger, re.I):
                continue  # "died after setting himself on fire": the self-immolation is the news
            if sub in VIOLENT_SUBS and re.search(r"\b(killed|died|dead|injured|wounded|hurt)\s+(?:\w+\s+){0,3}"
                                                 r"(?:following|after|during|in|when)\s+(?:[\w-]+\s+){0,7}$",
                                                 text[max(0, g.trigger_start - 80): g.trigger_start], re.I):
                continue
            outside = next((m for m in pat.finditer(text) if not any(a <= m.start() < b for a, b in ctx)), None)
            if outside is not None:
                found[sub] = TypeGuess(sub, weight, outside.group(0), outside.start())
            else:
                found[sub] = TypeGuess(sub, weight - 0.9, g.trigger, g.trigger_start)
        own = {k: g for k, g in found.items() if g.score == SUB_DEFAULT_CONF[k]}
        if own:
            found = own
    s = {k: v.score for k, v in found.items()}
    # Territory changing hands without a fight is a non-violent transfer.
    if NO_FIGHT.search(raw) and any(k in s for k in ("Government regains territory", "Non-state actor overtakes territory",
                                                       "Non-violent transfer of territory", "Armed clash")) and \
            not KILL_WORDS.search(text) and re.search(r"\b(took|taken|take|captur|seiz|control|clear|occup|enter|"
                                                     r"vacat|withdr|retreat|recaptur|retook|overr)", text, re.I):
        s["Non-violent transfer of territory"] = 3.1
    # Weapons or explosives found, seized or made safe (and nothing went off): disrupted weapons use.
    if weapon_found and not re.search(r"\b(explod(ed|es)|went off|detonated|blast|killing|injuring|"
                                                   r"hurled|threw|thrown|fired|launched)\b", text, re.I):
        s["Disrupted weapons use"] = max(s.get("Disrupted weapons use", 0), 3.0)
        for k in ("Remote explosive/landmine/IED", "Grenade", "Shelling/artillery/missile attack", "Suicide bomb"):
            if k in s:
                s[k] = min(s[k], 1.0)
    # Mines and IEDs destroyed, cleared or removed (nothing went off): disrupted weapons use.
    if MINES_CLEARED.search(text) and not re.search(r"\b(went off|killing|killed|injuring|injured|wounding|wounded|"
                                                    r"dead|died)\b", text, re.I):
        s["Disrupted weapons use"] = max(s.get("Disrupted weapons use", 0), 3.0)
        for k in ("Remote explosive/landmine/IED", "Grenade", "Shelling/artillery/missile attack", "Suicide bomb"):
            if k in s:
                s[k] = min(s[k], 1.0)
    # Arrests of suspects for a past attack or for leading a protest are arrests.
    if "Arrests" in s and ARREST_OF_SUSPECT.search(text):
        s["Arrests"] = max(s["Arrests"], 3.0)

    # Bombs found or defused are disrupted weapons use, not explosions.
    if "Disrupted weapons use" in s and DEFUSE_CONTEXT.search(text):
        for k in ("Remote explosive/landmine/IED", "Grenade", "Shelling/artillery/missile attack"):
            if k in s and not re.search(r"\b(exploded|went off|killing|killed|injuring|wounding)\b", text, re.I):
                s[k] = min(s[k], 1.0)
        s["Disrupted weapons use"] = 3.0
    # A weapons depot struck in an attack that kills is an attack, not a seizure.
    if "Disrupted weapons use" in s and KILL_WORDS.search(text) and not DEFUSE_CONTEXT.search(text):
        s["Disrupted weapons use"] = 1.2
    # "explosives" seized in an arrest is not a bombing.
    if "Remote explosive/landmine/IED" in s and "Arrests" in s and not EXPLODED.search(text):
        s["Remote explosive/landmine/IED"] = 1.0
    # Protests: intervention and lethal force change the sub-type; protester violence makes a riot.
    if "Peaceful protest" in s and PROTEST_VIOLENCE.search(text):
        s["Violent demonstration"] = max(s.get("Violent demonstration", 0), 2.2)
    if "Peaceful protest" in s or "Violent demonstration" in s:
        protest = PROTEST_WORDS.search(text) is not None or "Violent demonstration" in s
        if protest:
            # "marched in memory of youths killed by police in 1990": the killing is what is remembered
            now = text
            for m in COMMEMORATED.finditer(text):
                end = _clause_end(text, m.end())
                now = now[:m.start()] + " " * (end - m.start()) + now[end:]
            lethal = LETHAL_FORCE.search(now)
            if lethal and re.search(r"\b(police|security forces|soldiers|troops|army|gendarmes|guards)\b",
                                    text, re.I) and "Violent demonstration" not in s:
                s["Excessive force against protesters"] = 3.2
            elif "Violent demonstration" in s:
                s["Violent demonstration"] = max(s["Violent demonstration"], 2.9)
            elif POLICE_INTERVENTION.search(text):
                s["Protest with intervention"] = 2.9
            else:
                s["Peaceful protest"] = max(s.get("Peaceful protest", 0), 2.5)
            for k in ("Arrests", "Attack", "Armed clash", "Looting/property destruction", "Other",
                      "Change to group/activity", "Abduction/forced disappearance"):
                if k in s:
                    s[k] = min(s[k], 1.5)
    # An unarmed crowd's violence ("angry voters beat up a polling agent", "villagers attacked and destroyed
    # the site", "riders stormed the office") is mob violence, unless a weapon or an armed or state agent
    # is in it. The crowd must be the doer: "a farmer was beaten by residents" is handled above.
    if "Attack" in found and s.get("Attack", 0) >= max(s.values()):
        pos = found["Attack"].trigger_start
        subj = text[max(0, pos - 80): pos]
        subj = subj[max(subj.rfind(c) for c in ",;:.") + 1:]
        if CROWD.search(subj) and not ARMED_WORDS.search(subj) and not STATE_WORDS.search(subj) and \
                not FIREARMS.search(text) and not re.search(r"\b(was|were|been|being|is|are)\s+(\w+\s+)?$", subj, re.I) \
                and not _NOT_THE_DOER.search(subj) and not _NOT_THE_DOER.match(found["Attack"].trigger) \
                and not _NO_CROWD.search(subj):
            from .actors import find_actors

            if not any(m.code in (1, 2, 3, 4, 8) for m in find_actors(subj)):
                s["Mob violence"] = max(s.get("Mob violence", 0), s["Attack"] + 0.2)
    # Mob violence outranks a generic attack.
    if "Mob violence" in s and "Attack" in s:
        s["Attack"] = 1.0
    # Attacks: civilians as targets make Violence against civilians, armed targets a Battle.
    if "Attack" in s and "Armed clash" not in s:
        civ = _victims_are_civilian(text, found["Attack"].trigger_start)
        if civ is False and re.match(r"massacre", found["Attack"].trigger, re.I):
            civ = None  # a massacre is of the defenceless, whoever stands near the word
        if civ is False and re.search(r"\b(attack|kill|ambush|shot|raid|storm|fired|opened fire)", text, re.I):
            s["Armed clash"] = 2.3
            s["Attack"] = 1.2
            found.setdefault("Armed clash", TypeGuess("Armed clash", 2.3, found["Attack"].trigger,
                                                      found["Attack"].trigger_start))
        elif civ and "Mob violence" not in s:  # a crowd's attack stays mob violence
            s["Attack"] = max(s["Attack"], 2.3)
    elif "Armed clash" in s and re.match(r"ambush", found["Armed clash"].trigger, re.I):
        # "gunmen ambushed a commercial vehicle": an ambush of civilians is an attack on them.
        ambush = found["Armed clash"]
        if _victims_are_civilian(text, ambush.trigger_start) and not CLASH_WORDS.search(text) and \
                _casualties_civilian(text) is not False and not ARMED_VICTIMS.search(text):
            s["Attack"] = 2.4
            s["Armed clash"] = 1.5
            found["Attack"] = TypeGuess("Attack", 2.4, ambush.trigger, ambush.trigger_start)
    if "Attack" in found and "Armed clash" in found and s.get("Attack", 0) < 2.4 and "Armed clash" in s:
        civ = _victims_are_civilian(text, found["Armed clash"].trigger_start)
        if civ is None:
            # "1 civilian was killed in an ADF ambush", "17 villagers were killed ... Gunfire was heard":
            # the clash word names no target; the dead and wounded the passage names do.
            civ = _casualties_civilian(text)
        clash_word = re.search(r"\b(clash|fighting|in-?fighting|fire exchange|fought|gun ?battle|exchang|skirmish|firefight|shoot-?out|"
                               r"engag|repel|repuls|combat|battle|hostilities|fracas|conflict between)", text, re.I)
        if civ and not clash_word:
            s["Attack"] = 2.4
            s["Armed clash"] = 1.5
    # Violence between a state force and an armed group, with no civilian as its target, is a battle:
    # "Military forces clear Boko Haram camps, killing four".
    if "Attack" in s and s.get("Armed clash", 0) < s["Attack"] and \
            not re.match(r"execut|behead|decapitat", found["Attack"].trigger, re.I):  # executing captives: an attack
        civ = _victims_are_civilian(text, found["Attack"].trigger_start)
        if civ is not True and _two_armed_sides(text):
            s["Armed clash"] = max(s.get("Armed clash", 0), s["Attack"] + 0.2, 2.4)
            s["Attack"] = min(s["Attack"], 1.2)
            found.setdefault("Armed clash", TypeGuess("Armed clash", s["Armed clash"], found["Attack"].trigger,
                                                      found["Attack"].trigger_start))
    # Deaths in fighting between communities, clans or tribes ("seven killed in a land dispute between
    # members of two communities", "intercommunal conflict between two Tuareg groups"): their militias
    # fight a battle, unless the dead are named as civilians.
    if "Attack" in s and s.get("Armed clash", 0) < s["Attack"] and COMMUNAL_FIGHT.search(text):
        civ = _victims_are_civilian(text, found["Attack"].trigger_start)
        named = {m.group(0).lower() for m in CIVILIAN_WORDS.finditer(text)}
        if civ is not True or named <= {"people", "persons"}:  # "nine people were killed" names no civilians
            s["Armed clash"] = max(s.get("Armed clash", 0), s["Attack"] + 0.2, 2.4)
            s["Attack"] = min(s["Attack"], 1.2)
            found.setdefault("Armed clash", TypeGuess("Armed clash", s["Armed clash"], found["Attack"].trigger,
                                                      found["Attack"].trigger_start))
    # Ground fighting with shelling, air support or grenades is an armed clash (the fighting is the event).
    if any(not re.search(r"\b(during|amid|amidst|in the course of)\s+(\w+\s+){0,3}$", text[max(0, m.start() - 40):m.start()],
                         re.I) for m in CLASH_WORDS.finditer(text)):
        for k in ("Shelling/artillery/missile attack", "Air/drone strike", "Grenade"):
            if k in s:
                s["Armed clash"] = max(s.get("Armed clash", 0), s[k] + 0.1)
    # Clashes between unarmed groups (youths, residents, party supporters), or between them and the
    # police, are riots, not battles.
    if "Armed clash" in s and max(s.values()) == s["Armed clash"] and (UNARMED_GROUPS.search(text) or
                                                                      PARTY_MEMBERS.search(text)):
        from .actors import find_actors

        # A party's youths or members ("Zanu-PF youths", "ANC members") are its supporters, not its militia.
        ms = [m for m in find_actors(text) if not (m.code == 3 and (
            _PARTY_FOLLOWERS.match(text, m.end) or _PARTY_FOLLOWERS.search(m.text) or
            _PARTY_FOLLOWERS_BEFORE.search(text, 0, m.start) or _OTHER_PARTY_FOLLOWERS.match(text, m.end)))]
        # Communal, ethnic and clan fighting is fought by (communal) militias: a battle, as is
        # fighting between two units of the same force ("two groups of soldiers exchanged fire").
        if not any(m.code in (2, 3, 4) for m in ms) and not re.search(
                r"\b(militia\w*|gunmen|armed (?:men|group|with|youths?)|fighters|militants|rebels|insurgents|jihadists|"
                r"gun ?battles?|gunfire|gunshots|shots (?:were |are )?(?:heard|fired)|brigades?|battalions?|vigilantes?|"
                r"(?:land|border|boundary|grazing|farm(?:land)?|chieftaincy|market) disputes?|"
                r"(?:inter-?)?communal|inter-?ethnic|ethnic|tribal|clans?|sub-?clans?|(?:inter-?)?clan|communities|"
                r"herders and farmers|farmers and herders|"
                r"groups? of (?:\w+ )?(?:soldiers|troops|forces|police|army))\b", text, re.I):
            state = any(m.code in (1, 8) for m in ms)
            k = "Violent demonstration" if state or PROTEST_WORDS.search(text) else "Mob violence"
            s[k] = max(s.get(k, 0), s["Armed clash"] + 0.1)
    # Abductions/arrests co-occurring with killings: the killing dominates unless the sentence is
    # chiefly about the abduction.
    if "Abduction/forced disappearance" in s and "Arrests" in s:
        if re.search(r"\b(police|security forces|soldiers|troops|army|authorities)\b[^.]{0,40}\b(arrest|detain)",
                     text, re.I):
            s["Abduction/forced disappearance"] = 1.5
    if "Looting/property destruction" in s and ("Attack" in s or "Armed clash" in s) and KILL_WORDS.search(text):
        s["Looting/property destruction"] = 1.2
    if "Arrests" in s and ("Attack" in s or "Armed clash" in s):
        if KILL_WORDS.search(text) or re.search(r"\b(clash|attack|ambush|fighting)", text, re.I):
            s["Arrests"] = 1.3
    if "Non-violent transfer of territory" in s and ("Armed clash" in s or "Attack" in s):
        if s["Non-violent transfer of territory"] >= 3.1:
            for k in ("Armed clash", "Attack", "Government regains territory", "Non-state actor overtakes territory"):
                if k in s:
                    s[k] = min(s[k], 1.5)
        else:
            s["Non-violent transfer of territory"] = 1.0
    if "Government regains territory" in s and "Non-state actor overtakes territory" in s:
        # "troops recaptured the town militants had seized": the government regains it.
        if re.search(r"\b(troops|army|soldiers|military|forces|government)\b", text[: found[
                "Government regains territory"].trigger_start], re.I):
            s["Non-state actor overtakes territory"] = 1.0
    weapons_taken = re.search(r"\b(weapons?|arms|ammunition|bullets|rifles|guns|pistols|explosives|cartridges|"
                              r"mines|grenades|rockets|missiles)\b", text, re.I)
    if "Disrupted weapons use" in s and weapons_taken:
        for k in ("Non-state actor overtakes territory", "Government regains territory"):
            if k in s and not re.search(r"\b(town|village|city|area|territory|district)\b", text, re.I):
                s[k] = 1.0
    if "Agreement" in s and TALKS_HALTED.search(text) and not re.search(r"\b(agreed|signed)\b", text, re.I):
        del s["Agreement"]  # "suspended peace talks": no agreement, and no event of its own
    if "Peaceful protest" in s and RALLY_SETTING.search(text) and any(k in s for k in VIOLENT_SUBS) and \
            not IN_PROTEST.search(RALLY_SETTING.sub(" ", text)):
        del s["Peaceful protest"]  # a killing at a campaign rally is the killing
    if "Agreement" in s and re.search(r"\b(agreed|signed|deal|accord|pact|treaty|truce|ceasefire|cease-fire)\b",
                                      text, re.I):
        s["Agreement"] = 2.7
        ended = ENDED_AGREEMENT.search(text)
        if ended and "Agreement" in s:  # "the group ended its ceasefire": a change in what it does, no agreement
            del s["Agreement"]
        if ended and not any(k in s for k in VIOLENT_SUBS):
            s["Change to group/activity"] = max(s.get("Change to group/activity", 0), 2.7)
            found["Change to group/activity"] = TypeGuess("Change to group/activity", 2.7, ended.group(0),
                                                          ended.start())
    if "Non-state actor overtakes territory" in s:
        before = text[: found["Non-state actor overtakes territory"].trigger_start]
        from .actors import find_actors

        state = [m for m in find_actors(before) if m.code in (1, 8)]
        rebels = [m for m in find_actors(before) if m.code in (2, 3, 4)]
        if state and (not rebels or state[-1].start > rebels[-1].start):
            before = before.rstrip() + " troops "
        if re.search(r"\b(troops|troopers|army|soldiers|military|marines|government forces|security forces|police)\s*$|"
                     r"\b(troops|troopers|army|soldiers|military|marines|government forces|armed forces)\b[^,;]{0,50}$",
                     before, re.I) or STATE_BY_DEMONYM.search(before):
            s["Government regains territory"] = max(s.get("Government regains territory", 0), 2.6)
            s["Non-state actor overtakes territory"] = 1.0
        elif re.search(r"\b(arms|weapons|ammunition|vehicles?|cars?|trucks?|explosives)\b", found[
                "Non-state actor overtakes territory"].trigger, re.I):
            s["Non-state actor overtakes territory"] = 0.8
    if "Arrests" in s and ARREST_OF_SUSPECT.search(text):
        s["Arrests"] = max(s["Arrests"], 3.0)
    # Captives then killed ("captured three suspects and burned them alive"): the killing is the event.
    if "Arrests" in s and "Attack" in s and "Arrests" in found and re.search(
            r"\b(?:and|then|before|later)\s+(?:then\s+|later\s+)?(?:\w+\s+){0,2}?(?:killed|executed|beheaded|shot|"
            r"burn(?:ed|t)\s+(?:\w+\s+){0,2}alive|lynched|hanged|tortured|beat)", text[found["Arrests"].trigger_start:], re.I):
        s["Attack"] = max(s["Attack"], s["Arrests"] + 0.1)
    # Armed men killed by the other side while weapons are seized or suspects arrested: the fighting
    # is the event ("troops killed six militants and recovered five rifles").
    if (ARMED_KILLED.search(text) or (FORCES_KILL_COUNT.search(text) and STATE_WORDS.search(text) and
                                      _victims_are_civilian(text, FORCES_KILL_COUNT.search(text).start()) is not True)) \
            and not DEFUSE_ONLY.search(text):
        best = max(s, key=lambda k: s[k])
        if best in ("Disrupted weapons use", "Arrests", "Other", "Looting/property destruction",
                    "Change to group/activity"):
            s["Armed clash"] = max(s.get("Armed clash", 0), s[best] + 0.1)
    # Fighting told first, a kidnapping mentioned after it ("nine killed in the clash, possibly
    # including two men kidnapped last year"): the fighting is the event.
    if "Abduction/forced disappearance" in s and "Armed clash" in found:
        cw = CLASH_WORDS.search(text)
        if cw and cw.start() < found["Abduction/forced disappearance"].trigger_start:
            s["Armed clash"] = max(s["Armed clash"], s["Abduction/forced disappearance"] + 0.1)
    # Detainees beaten, tortured or killed: violence against the detained outranks the arrest.
    if "Arrests" in s and CUSTODY_ABUSE.search(text):
        # (by more than the head start a report's lead sentence gets: "Police arrested X. He was tortured.")
        s["Attack"] = max(s.get("Attack", 0), s["Arrests"] + 0.5)
    if "Arrests" in s:
        # A passage that first tells of the attack and then of arrests over it is about the attack.
        arrest_at = found["Arrests"].trigger_start if "Arrests" in found else len(text)
        for k in VIOLENT_SUBS:
            g = found.get(k)
            if g is not None and s.get(k, 0) >= 2.0 and re.search(r"[.;!?]\s", text[g.trigger_start:arrest_at]):
                s["Arrests"] = min(s["Arrests"], 2.0)
                break
    # An armed group that loots or burns and harms no one ("attacked houses and stole food", "burned over
    # 100 houses ... no fatalities were reported"): ACLED's looting/property destruction, which an
    # attack on the people themselves would outrank.
    if not s:
        return ()
    best = max(s, key=lambda k: s[k])
    if best == "Attack" and "Looting/property destruction" in found and s["Looting/property destruction"] >= 1.5 \
            and not HARM_TO_PEOPLE.search(mask_no_harm(raw)) and not (
                "Attack" in found and CIVILIAN_WORDS.search(raw[found["Attack"].trigger_start:
                                                                found["Attack"].trigger_start + 40])):
        s["Looting/property destruction"] = s["Attack"] + 0.1
    # Self-immolation is a protest (ACLED), however it ends.
    if "Peaceful protest" in found and re.search(r"self-immolat|(?:himself|herself|themselves) (?:on fire|ablaze|alight)",
                                                 found["Peaceful protest"].trigger, re.I):
        burnt = re.sub(r"self-immolat\w*|set(?:s|ting)? (?:himself|herself|themselves) (?:on fire|ablaze|alight)", " ", text,
                       flags=re.I)
        for k in ("Attack", "Mob violence", "Armed clash") + (() if PROTEST_VIOLENCE.search(burnt) else
                                                              ("Violent demonstration",)):
            if k in s:
                s[k] = min(s[k], 1.0)
        s["Peaceful protest"] = max(s["Peaceful protest"], 2.5)
    # Deaths in an accident ("miners died when a gold mine collapsed", "died in a road accident") with no
    # one doing violence are no political violence.
    best = max(s, key=lambda k: s[k])
    if best == "Attack" and best in found and re.match(r"(?:died|dead|killed|deaths?)$", found[best].trigger, re.I) \
            and ACCIDENT.search(raw) and not PERPETRATOR.search(raw):
        s["Attack"] = min(s["Attack"], 1.0)
    # Property destroyed by a crowd in a protest ("students vandalised the school to protest ..."), with
    # no weapon and no armed group: a violent demonstration. Outside a protest, a crowd's looting or
    # arson stays looting/property destruction (ACLED codes it so today).
    best = max(s, key=lambda k: s[k])
    if best == "Looting/property destruction" and best in found:
        at = found[best].trigger_start
        subj = raw[max(0, at - 90): at]
        subj = subj[max(subj.rfind(c) for c in ".;:") + 1:]
        if CROWD.search(subj) and not ARMED_WORDS.search(subj) and not STATE_WORDS.search(subj) and \
                not FIREARMS.search(raw) and not re.search(r"\b(was|were|been|being|is|are)\s+(\w+\s+)?$", subj, re.I):
            from .actors import find_actors

            if not any(m.code in (1, 2, 3, 4, 8) for m in find_actors(subj)):
                if PROTEST_WORDS.search(raw) or IN_PROTEST.search(raw):
                    s["Violent demonstration"] = max(s.get("Violent demonstration", 0), s[best] + 0.1)
                elif not re.match(r"loot|plunder|pillag|stol|steal|rob|raid|rustl", found[best].trigger, re.I) and \
                        not _FEW_PEOPLE.search(subj):
                    # a crowd that burns or wrecks, with no protest: a riot (mob violence); its looting stays looting
                    s["Mob violence"] = max(s.get("Mob violence", 0), s[best] + 0.1)
    # Protesters arrested at or right after their protest ("arrested 15 teenagers after they staged a
    # demonstration", "youths who had chained themselves to poles in protest"): ACLED codes the protest,
    # with intervention, or the riot when the crowd was violent. Arrests made ahead of a protest, or of
    # those who called or led it, stay arrests.
    best = max(s, key=lambda k: s[k])
    if best == "Arrests" and ARRESTED_PROTESTERS.search(text) and not PROTEST_NOT_HELD.search(text):
        k = "Violent demonstration" if ("Violent demonstration" in s or PROTEST_VIOLENCE.search(text) or
                                        CROWD_RIOT.search(text)) else "Protest with intervention"
        s[k] = max(s.get(k, 0), s["Arrests"] + 0.1)
    elif best == "Arrests" and ARRESTED_RIOTERS.search(text) and not _ARMED_DOERS.search(text) and \
            not ARREST_OF_SUSPECT.search(re.sub(r"\b(?:after|following)\b", " ", text)):
        # "four people were arrested after two trains were torched": the riot is the event (ACLED)
        k = "Violent demonstration" if PROTEST_WORDS.search(text) or IN_PROTEST.search(text) else "Mob violence"
        s[k] = max(s.get(k, 0), s["Arrests"] + 0.1)
    # Violence in a protest: a crowd's is a riot, the police's is force against the protest
    # ("supporters stormed the depot, protesting against ...", "police beat residents protesting ...").
    best = max(s, key=lambda k: s[k])
    at = found[best].trigger_start if best in found else 0
    if best in ("Attack", "Looting/property destruction", "Armed clash") and \
            IN_PROTEST.search(raw[max(0, at - 80): at + 140]) and \
            (best != "Armed clash" or not (ARMED_WORDS.search(raw[max(0, at - 60): at]) and
                                           not STATE_WORDS.search(raw[max(0, at - 60): at]))) and \
            not re.search(r"\b(spark\w*|prompt\w*|trigger\w*|led to|leading to|sparking)\s+(\w+\s+){0,2}"
                          r"(protests?|demonstrations?)", raw, re.I):
        from .actors import find_actors

        ms = find_actors(raw)
        if not any(m.code in (2, 3, 4) for m in ms):
            state = STATE_WORDS.search(raw)
            if state and best == "Attack" and re.search(r"\b(beat|beaten|shot|fired|attacked|assaulted|whipped|"
                                                         r"killed|injured|wounded)\b", raw[state.end():], re.I):
                k = "Excessive force against protesters" if LETHAL_FORCE.search(raw) else "Protest with intervention"
            else:
                k = "Violent demonstration"
            s[k] = max(s.get(k, 0), s[best] + 0.1)
    _armed_casualties(text, s, found)
    _territory_and_movements(raw, text, s, found)
    _rival_crowds(raw, s)
    _settings_and_mobs(raw, s, found)
    out = []
    # Sub-types derived by the rules above borrow the trigger of the strongest word found.
    anchor = max(found.values(), key=lambda g: g.score)
    for k, v in s.items():
        g = found.get(k, anchor)
        out.append(TypeGuess(k, v, g.trigger, g.trigger_start))
    out.sort(key=lambda g: -g.score)
    return tuple(out)


WITHDRAWAL = _re(r"\b(withdr(?:ew|awn|awal|aws|aw|awing)|pull(?:ed|s|ing)? out|retreat(?:ed|s|ing)?|vacat(?:e|es|ed|ing)|"
                 r"abandon(?:ed|s|ing)?|left)\b")
TAKEOVER = _re(r"\b(took|taken|take|taking|seiz\w*|captur\w+|re-?captur\w+|retook|retak\w+|regain\w*|entered|enter|"
               r"mov(?:ed|ing) in(?:to)?|occup\w+|fell|overr(?:an|un)|control\w*|hand(?:ed|s|ing)?|replaced|assumed|"
               r"allow\w*|enabl\w*)\b")
# "militants took the town after the troops pulled out", "IS recaptured Palmyra after the army withdrew"
TAKEOVER_AFTER_WITHDRAWAL = _re(r"\b(?:took|taken|seiz\w+|captur\w+|re-?captur\w+|retook|regain\w*|entered|moved into|"
                                r"took over|control\w*)\b[^.;]{0,90}?\b(?:after|following|as|when|once)\b[^.;]{0,70}?\b"
                                r"(?:withdr\w+|pull(?:ed|s)? out|left|retreat\w*|vacat\w+|abandon\w+)\b|"
                                r"\b(?:withdr\w+|pull(?:ed|s)? out|retreat\w*|vacat\w+)\b[^.;]{0,90}?\b(?:allow\w*|enabl\w*|"
                                r"letting|paving the way for)\b[^.;]{0,40}?\b(?:seiz\w*|take|took|enter\w*|control\w*|"
                                r"captur\w*|occup\w*)")
TERRITORY_HANDOVER = _re(r"\b(?:hand(?:ed|s|ing)? (?:back |over )?(?:\w+ ){0,3}|hand-?over of (?:[\w-]+ ){0,6})"
                         r"(?:control|authority|districts?|territor(?:y|ies)|towns?|villages?|areas?|bases?|camps?|regions?|"
                         r"cities|city|provinces?)\b|\b(?:territory|districts?|towns?|villages?|areas?|bases?|camps?|regions?) "
                         r"(?:was|were|has been|have been|had been) (?:\w+ )?handed (?:back|over)\b")
# "took control of the town", "occupied the village": words that tell no force; with no fighting told,
# the ground changed hands without a fight
_PEACEFUL_TAKEOVER = _re(r"(?:took|taken|take|takes|taking|gain(?:ed|s|ing)?|assum(?:ed|es|ing)|established|extended) "
                         r"(?:full |total |complete |their |its )?control|occup(?:ied|ies|y|ying)|took over|moved into|entered")
_FORCE_TOLD = _re(r"\b(attack\w*|fight(?!ers?\b)\w*|fought|battl\w*|assault\w*|storm\w*|offensive|overr(?:an|un)|clash\w*|kill\w*|"
                  r"dead|died|wound\w*|injur\w*|casualt\w*|shell\w*|bomb\w*|gunfire|fire|shoot\w*|shot|raid\w*|forc\w+ out|"
                  r"drove|expel\w*|push\w*|dislodg\w*|captur\w*|seiz\w*|recaptur\w*|retook|retak\w*|advance\w*|"
                  r"troops|soldiers|army|military|from (?:the )?(?:army|troops|government|forces|soldiers|rebels|militants)|"
                  r"after (?:heavy|fierce|days|weeks))\b")
DEFECTION = _re(r"\bdefect(?:ed|s|ing|ions?|ors)?\b")
NONSTATE_DOER = _re(r"\b(rebels?|militants?|insurgents?|jihadists?|fighters|militia\w*|gunmen|guerrillas?|"
                    r"separatists?|extremists?|terrorists?)\b")
AIR_NO_STRIKE = _re(r"\b(airspace|identification zone|air defen[cs]e zone|scrambl\w+|sorties?|fly-?overs?|fly-?pasts?|"
                    r"drills?|exercises?|patrol\w*|reconnaissance|surveillance)\b")
AIR_STRIKE_DONE = _re(r"\b(bomb\w*|strikes?|struck|hit|pound\w*|target\w*|kill\w*|fired|raid\w*|attack\w*|"
                      r"destroy\w*|shell\w*|missiles?|rockets?|casualt\w*|dead|injur\w*|wound\w*)\b")
RIVAL_CROWDS = _re(r"\b((?:rival|opposing|duell?ing|competing) (?:\w+ )?(?:protests?|protesters|demonstrations?|demonstrators|"
                   r"rall(?:y|ies)|marches|supporters|camps)|counter-?(?:protesters|protestors|demonstrators|protests?|"
                   r"demonstrations?|rall(?:y|ies)|marchers))\b")


def _territory_and_movements(raw: str, text: str, s: dict[str, float], found: dict[str, TypeGuess]) -> None:
    """Who gains ground and how: ACLED's territorial sub-types and troop movements.

    A force that only withdraws changes what it does (Change to group/activity); ground taken as
    another side withdraws, or handed over, changes hands without a fight (Non-violent transfer); ground
    retaken by a non-state group is that group overtaking it; soldiers who defect change sides.
    """
    if not s:
        return
    violent = KILL_WORDS.search(text) or CLASH_WORDS.search(text)
    if not violent and (TAKEOVER_AFTER_WITHDRAWAL.search(text) or NO_FIGHT.search(raw) and re.search(
            r"\b(entered|moved into|took|seiz\w*|captur\w*|took over|took control|regain\w*)\b", text, re.I)):
        s["Non-violent transfer of territory"] = max(s.get("Non-violent transfer of territory", 0), 3.1)
    if TERRITORY_HANDOVER.search(text) and not KILL_WORDS.search(text) and not re.search(
            r"(?<!ending )(?<!end to )(?<!end of )(?<!weeks of )(?<!months of )(?<!years of )(?<!after )"
            r"(?<!following )\b(?:clash(?:ed|es)?|fighting|fought|gun ?battles?)\b", text, re.I):
        s["Non-violent transfer of territory"] = max(s.get("Non-violent transfer of territory", 0),
                                                     s.get("Agreement", 0) + 0.1, 2.8)
    best = max(s, key=lambda k: s[k])
    if best == "Non-violent transfer of territory" and s[best] < 3.1 and WITHDRAWAL.search(text) and \
            not TAKEOVER.search(WITHDRAWAL.sub(" ", text)) and not TERRITORY_HANDOVER.search(text):
        s["Change to group/activity"] = s[best] + 0.1
    if DEFECTION.search(text) and not violent and max(s, key=lambda k: s[k]) in (
            "Non-violent transfer of territory", "Other", "Agreement"):
        s["Change to group/activity"] = max(s.values()) + 0.1
    g = found.get("Non-state actor overtakes territory")
    if g is not None and max(s, key=lambda k: s[k]) == "Non-state actor overtakes territory" and \
            _PEACEFUL_TAKEOVER.match(g.trigger) and not _FORCE_TOLD.search(raw):
        s["Non-violent transfer of territory"] = s["Non-state actor overtakes territory"] + 0.1
    g = found.get("Government regains territory")
    if g is not None and s.get("Government regains territory", 0) >= max(s.values()):
        # "Al Shabaab fighters recaptured the village from the troops": the non-state doer overtakes it.
        from .actors import find_actors

        before = text[max(0, g.trigger_start - 120): g.trigger_start]
        before = before[max(before.rfind(c) for c in ".;") + 1:]
        after = text[g.trigger_start: g.trigger_start + 100]
        by = re.search(r"\bby\s+([^.;,]{0,60})", after)
        if re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", before):  # passive: the doer follows "by"
            doer = by.group(1) if by else ""
        else:
            doer = by.group(1) if by and re.match(r"\w+\s+by\b", after) else before
        ms = find_actors(doer)
        last = ms[-1] if ms else None
        nonstate = (last is not None and last.code in (2, 3, 4)) or (
            last is None and NONSTATE_DOER.search(doer) and not STATE_WORDS.search(doer))
        if nonstate and not STATE_BY_DEMONYM.search(doer):
            key = "Non-violent transfer of territory" if s.get("Non-violent transfer of territory", 0) >= 3.1 else \
                "Non-state actor overtakes territory"
            s[key] = s["Government regains territory"] + 0.1
            s["Government regains territory"] = 1.0
    if "Air/drone strike" in s and s["Air/drone strike"] >= max(s.values()) and AIR_NO_STRIKE.search(text):
        if not AIR_STRIKE_DONE.search(text):  # jets scrambled or on patrol: a movement, not a strike
            s["Change to group/activity"] = s["Air/drone strike"] + 0.1
            s["Air/drone strike"] = 1.0


# "President Kenyatta's rally", "a campaign rally": a political meeting, not a protest
LEADER_RALLY = _re(r"\b(?:(?:president|presidential|candidate|governor|minister|premier|party|campaign|election|electoral)"
                   r"(?:'s)?(?: [A-Z][\w-]*){0,3}(?:'s)? rall(?:y|ies)|campaign (?:rall(?:y|ies)|event))\b")
_ARMED_DOERS = _re(r"\b(gunm[ae]n|militants?|insurgents?|rebels?|jihadists?|terrorists?|militiam[ae]n|militias?|fighters|"
                   r"soldiers|troops|bandits)\b")
MOB_WORD = _re(r"\b(mobs?|lynch\w*|jungle justice|mob justice|vigilante justice)\b")


def _settings_and_mobs(raw: str, s: dict[str, float], found: dict[str, TypeGuess]) -> None:
    """A leader's rally is no protest; a mob outside any protest is mob violence; rape is sexual violence."""
    if not s:
        return
    g = found.get("Peaceful protest")
    if g is not None and re.match(r"rall", g.trigger, re.I) and LEADER_RALLY.search(raw) and \
            not PROTEST_WORDS.search(LEADER_RALLY.sub(" ", raw).replace(g.trigger, " ")):
        for k in ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"):
            s.pop(k, None)
    if MOB_WORD.search(raw) and not IN_PROTEST.search(raw) and not _ARMED_DOERS.search(raw):
        best = max(s, key=lambda k: s[k]) if s else None
        if best in ("Violent demonstration", "Armed clash", "Looting/property destruction"):
            s["Mob violence"] = s[best] + 0.1
    sv = found.get("Sexual violence")
    if sv is not None and s.get("Sexual violence", 0) >= 3.0:
        s["Sexual violence"] = max(s["Sexual violence"], max(s.values()) + 0.3)


def _armed_casualties(text: str, s: dict[str, float], found: dict[str, TypeGuess]) -> None:
    """Violence whose dead and wounded are all armed is fighting between armed sides, a battle: an attack
    ("two policemen were wounded when gunmen opened fire at them", "an armed man was killed by army
    units") or a kidnapping that also kills soldiers ("killed two soldiers and kidnapped three")."""
    best = max(s, key=lambda k: s[k]) if s else None
    plain = text.replace('"', " ").replace("\u201c", " ").replace("\u201d", " ")
    if best == "Abduction/forced disappearance" and KILL_WORDS.search(text):
        if not CIVILIAN_WORDS.search(plain) and not CIVIL_TARGETS.search(plain) and ARMED_VICTIMS.search(plain):
            s["Armed clash"] = max(s.get("Armed clash", 0), s[best] + 0.1)
        return
    g = found.get("Attack")
    if best != "Attack" or g is None:
        return
    # beatings, torture, executions and stonings are done to the defenceless, armed or not
    if re.match(r"execut|behead|decapitat|massacr|tortur|rap|beat|stone|abus|whip|flog|harass|assault|"
                r"rob|kick|slap|punch|strangl|throttl|lynch|hack|stab", g.trigger, re.I) or \
            CUSTODY_ABUSE.search(text) or re.search(r"\b(?:custody|detainees?|detention|arrest\w*|beaten|stoned)\b", text, re.I):
        return
    if CIVILIAN_WORDS.search(re.sub(r"\bcivilian (?:jtf|joint task force)\b", " ", plain, flags=re.I)) or \
            CIVIL_TARGETS.search(plain) or _ONE_OFF_DUTY.search(plain):
        return
    if ARMED_VICTIMS.search(plain) or _victims_are_civilian(plain, g.trigger_start) is False:
        s["Armed clash"] = max(s.get("Armed clash", 0), s["Attack"] + 0.1)


def _rival_crowds(raw: str, s: dict[str, float]) -> None:
    """Rival crowds fighting each other ("counter-protesters attacked the march"): mob violence."""
    if not s or not RIVAL_CROWDS.search(raw):
        return
    best = max(s, key=lambda k: s[k])
    if best in ("Violent demonstration", "Attack", "Armed clash") and not _ARMED_DOERS.search(raw):
        s["Mob violence"] = s[best] + 0.1


def is_weak(guess: TypeGuess) -> bool:
    """A guess too weak to stand as an event on its own (e.g. only 'injured', 'tensions')."""
    return guess.score < 1.5 or guess.sub_event_type == "Other"
