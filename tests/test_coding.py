"""Coding quality on the seeds against the hand coding, stance signs and order, evidence in cells."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from comparator.codebook import load_codebook
from comparator.coding import code_article
from comparator.evaluate import evaluate, load_gold
from comparator.ingest import ingest
from comparator.pipeline import analyse, read_articles
from comparator.stance import read_sentence
from tests.helpers import GOLD


@pytest.fixture(scope="module")
def evaluation(analysis, codebook):
    return evaluate(list(analysis.coded), load_gold(GOLD, codebook), codebook)


def test_agreement_with_the_hand_coding(evaluation):
    assert evaluation.n_content == 83
    assert not evaluation.unmatched
    assert evaluation.accuracy >= 0.85
    assert evaluation.macro_f1 >= 0.85
    assert not evaluation.chrome_in_content


def test_sanctions_stance_positive_and_higher_for_38north(analysis):
    dim = next(d for d in analysis.comparison.dimensions if d.dimension.id == "sanctions")
    cells = {c.doc_id: c for c in dim.cells}
    north = next(v for k, v in cells.items() if k.startswith("38north"))
    diplomat = next(v for k, v in cells.items() if k.startswith("diplomat"))
    assert diplomat.stance.value > 0
    assert north.stance.value > diplomat.stance.value


def test_every_evidence_quote_is_hand_coded_to_its_cell(analysis, codebook):
    gold = {(g.file, g.text): {g.label, *g.also} for g in load_gold(GOLD, codebook).sentences}
    paths = {a.doc_id: a.path for a in analysis.articles}
    for dim in analysis.comparison.dimensions:
        for cell in dim.cells:
            assert 1 <= len(cell.evidence) <= 3 or cell.silent
            for coding in cell.evidence:
                labels = gold[(paths[cell.doc_id], coding.sentence.text)]
                assert dim.dimension.id in labels, (dim.dimension.id, coding.sentence.text)


def _read(text, dimension):
    reading = read_sentence(text, dimension)
    return (reading.value, reading.weight) if reading else (0.0, 0.0)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("We must not ease sanctions until Pyongyang takes irreversible steps.", -1),
        ("There should be no relief before denuclearization.", -1),
        ("Washington must keep up maximum pressure on the regime.", -1),
        ("Lifting sanctions now would reward bad behavior.", -1),
        ("Trump's refusal to consider limited sanctions relief is a miscalculation.", 1),
        ("The United States should offer calibrated sanctions relief in exchange for a freeze.", 1),
        ("Pyongyang wants sanctions relief.", 0),
        ("Iran's leaders demand sanctions relief before they return to compliance.", 0),
        ("The envoy promised sanctions relief in exchange for a freeze.", 0),
        ("I am not asking Washington to lift the embargo tomorrow.", 0),  # a disclaimer takes no side
        ("Sixty years on, the embargo has failed to change the regime.", 1),  # the instrument's record
        # said of sufficiency, not of direction: more than sanctions, not their end
        ("Sanctions by themselves will not bring the junta to the table.", 0),
        ("Pressure alone has failed to change Minsk's course.", 0),
        # someone else's proposal
        ("The administration has floated a plan to ease the restrictions on Caracas.", 0),
        # expanding sanctions is pressure; "the right thing" argues for it
        ("Brussels has done the right thing in broadening sanctions on the generals.", -1),
        # "not merely a punishment" does not deny the punishment
        ("Sanctions should be a lasting policy, not merely a temporary punishment.", -1),
        # a negator inside the cue's own words: "not effective" is the instrument's failure
        ("The policy of sanctions has not been effective against the generals.", 1),
        ("The blockade is ineffective and cruel.", 1),
        # carrying on with them, or keeping a ban in place
        ("The president should continue the embargo until the elections are free.", -1),
        ("Every new revelation shows why the ban must remain.", -1),
        # undoing them: repeal, scrap, dismantle, drop (and a title-case headline reads as its sentence)
        ("Congress should repeal the sanctions law this year.", 1),
        ("Time To Scrap The Embargo", 1),
        # new measures with several adjectives before them
        ("Washington should be ready to impose new targeted financial sanctions if the junta backslides.", -1),
        # "US sanctions Turkey" is a headline's event, not the "use of sanctions"
        ("US sanctions NATO ally over missile purchase", 0),
        # someone else's wish, reported parenthetically or by its lobbying
        ("The regime, they maintain, has met the conditions for easing sanctions.", 0),
        ("Minsk has been lobbying hard to get the Council to lift the embargo.", 0),
        # continuing and toughening them; discontinuing them
        ("All the more reason not just to continue those sanctions but to toughen them.", -1),
        ("The embargo against Havana should be discontinued", 1),
        # what sanctions keep from the sick and the hungry, and whom they suffocate
        ("The embargo blocked medical supplies and sent prices soaring.", 1),
        ("Sanctions too often suffocate the very people they are meant to protect.", 1),
        # still needed, defended; the target's frozen money seized for its victims
        ("The Oil Embargo Is Still Needed", -1),
        ("In Defense of the Sanctions on Minsk", -1),
        ("It is time to seize the regime's frozen assets for the victims.", -1),
        # "ending the" negates what it ends, not a cue further on
        ("The key to ending the war lies in lifting the punishing embargoes in phases.", 1),
        ("Ending the maximum pressure campaign is overdue.", 1),
        # a negator inside a judgement is the judgement's, not a denial of the action
        ("It's an anachronism that simply doesn't make sense to enforce any more.", 1),
        # what the target has not earned; an approving adverb on what was done
        ("Havana still hasn't earned an end to the embargo.", -1),
        ("The administration has, appropriately, eased sanctions after the election.", 1),
        ("The administration wrongly eased sanctions after the election.", -1),
        # an aside denies nothing that follows; others' characterisation of the instrument is theirs
        ("Just in case you haven't noticed, our policy of isolating Maduro hasn't worked.", 1),
        ("The embargoes, which the African Union has declared illegal and unjustifiable, remain.", 0),
        # losing it is its opposite; a loss foretold warns against it; a condition's negation stays in it
        ("It's Necessary Not To Lose Stranglehold Around Lukashenka's Neck", -1),
        ("If we do not immediately correct this course, the United States will lose leverage over Khartoum.", -1),
        # engaging the target is the relief pole; excluding it from engagement is not
        ("Washington should start direct talks with Pyongyang and move toward normalization of relations.", 1),
        ("There is no reason to exclude Zimbabwe from the opportunity for a new engagement.", 1),
        ("Engagement with the junta would only reward the regime.", -1),
        # removing restrictions is relief, and premature
        ("Given his intentions, it would be premature to remove restrictions on Mr. Mugabe now.", -1),
        # "rarely" denies; "against" names a target, it denies nothing ("sanctions against Libya ... bar arms sales")
        ("Sanctions rarely work.", 1),
        ("The sanctions against Libya require a suspension of air traffic and bar arms sales.", -1),
        ("The case against easing the sanctions now is strong.", -1),
        # the instrument as the alternative rejected; what does harm
        ("Haiti Needs Healing, Not Sanctions", 1),
        ("The new sanctions will be especially unproductive, in fact destructive.", 1),
        # getting tough, instituting measures, deploying sanctions, clamping down
        ("This is precisely the time for the international community to get serious about sanctions.", -1),
        ("The U.S. should lead by instituting targeted financial measures against Hun Sen.", -1),
        ("We should support them by clamping down on U.S. sanctions.", -1),
        # what is required; the time has come
        ("At this juncture, what is required from the U.S. is a tightening of sanctions.", -1),
        ("The time has come for the president to normalize relations with Hanoi.", 1),
        # others' positions in a relative clause, or the addressee's, are theirs, whoever speaks in the main clause
        ("I want a word with those experts who continue to promote the idea of lifting sanctions.", 0),
        ("And that is why you propose to lift sanctions from the Lukashenko regime.", 0),
        ("We should lift sanctions on the people who suffer.", 1),
        # a spaced hyphen ends a clause: what the others wanted does not swallow the author's answer
        ("New sanctions against Lukashenko - the best answer to everyone who wanted to lift them.", -1),
        # an answer denied rejects what it is said of; someone's plan is theirs
        ("Sanctions relief is not the answer to assisting Venezuelans.", -1),
        ("Under the proposal, a council of state would rule, clearing the way for lifting sanctions.", 0),
        # ill-advised is a judgement; leaving them intact keeps them
        ("Removing sanctions ill-advised", -1),
        ("So I believe that we should leave the sanctions intact until the party keeps its word.", -1),
        # too soon is premature
        ("It is too soon to permanently ease sanctions on the Sudanese government.", -1),
        # easing or relaxing with words between; a favour to the adversary is a judgement
        ("The decision to relax the U.S. trade embargo against Hanoi is a welcome step.", 1),
        ("Easing Moscow sanctions now would be a gift to the Kremlin.", -1),
        # good foretold for the adversary is harm; good foretold of the instrument approves it
        ("Easing sanctions would strengthen the junta.", -1),
        ("Sanctions would only strengthen the regime.", 1),
        ("Sanctions would help the democratic opposition.", -1),
        ("The Security Council should impose a naval blockade on the junta.", -1),
        ("Washington should add the generals' banks to the sanctions list.", -1),
        ("Targeted sanctions would signal resolve to Moscow.", -1),
        ("Washington should start rolling back sanctions on Minsk.", 1),  # not "back sanctions"
        # a verdict after a modal
        ("Lifting sanctions without reforms could be unacceptable.", -1),
        # pressure advocated in the passive; people who suffer under sanctions
        ("The sanctions on Moscow must be expanded until the last soldier leaves.", -1),
        ("Ordinary Cubans have suffered for decades under the weight of the embargo.", 1),
        ("The regime has suffered under the sanctions.", 0),  # the regime's pain is the sanctions working
        ("The West has let him off the hook for two decades.", 0),  # blamed, but no action of the scale named
        # a comma splice starts a new clause: the first clause's "not" does not reach the second's cue
        ("Sanctions are not toppling the junta, they are only starving ordinary families.", 1),
        ("The embargo has not freed a single prisoner, it is hurting ordinary Cubans.", 1),
        # the verb of a failure is what fails: the cue further on is not denied...
        ("Failure to act amounts to punishing ordinary civilians for their rulers' crimes.", 1),
        # ...but the cue at that verb is
        ("Brussels failed to lift the sanctions on Minsk.", -1),
        # stopping relief is not stopping the sanctions
        ("Washington stopped the sanctions relief talks.", -1),
        # an action judged by what it did: emboldened the other side, handed it an excuse
        ("Hard-liners in Tehran have been emboldened by the maximum pressure campaign.", 1),
        ("Reimposing the sanctions gave Pyongyang an excuse to resume its missile tests.", 1),
        ("Lifting the embargo now would hand the generals a pretext to crack down.", -1),
        # the one way left, said of the instrument
        ("Short of war, economic pressure is the only solution.", -1),
        # a weight on the people, by their nation
        ("The sanctions still weigh heavily on Syrians.", 1),
        # easing with a longer object
        ("Washington should ease its trade and travel restrictions on Havana.", 1),
        # more of two coordinated instruments; the stick beside the carrot is both at once
        ("The West must put more pressure and sanctions on the junta.", -1),
        ("The international community must show both the sticks and the carrots.", 0),
        ("Washington should offer carrots, not sticks.", 1),
    ],
)
def test_sentence_stance_on_sanctions(codebook, text, sign):
    value, weight = _read(text, codebook.dimension("sanctions"))
    if sign == 0:
        assert weight == 0 or value == 0
    else:
        assert value * sign > 0.3


@pytest.mark.parametrize(
    ("dimension", "text", "sign"),
    [
        # arguing from what relief buys
        ("sanctions", "Relief granted before the fact is relief he will pocket.", -1),
        ("sanctions", "Sanctions relief offered in return for promises did not buy a fair vote.", -1),
        # a negated judgement judges nothing
        ("approach", "A step-by-step approach avoids both mistakes.", 1),
        # building trust by small exchanges is phased; conditions met first are up front
        ("approach", "Early partial sanctions relief would be a confidence-building measure.", 1),
        ("approach", "That means expecting setbacks, a slow timeline and realistic milestones.", 1),
        ("approach", "The regime must first release every prisoner and hold free elections.", -1),
        # an inability to reach it, or no interest in it, denies it
        ("feasibility", "The EU's inability to reach consensus on sanctions reflects deeper divides.", -1),
        ("feasibility", "Russia, under Vladimir Putin, has shown no interest in genuine peace.", -1),
        # averting a catastrophe is no judgement of the plan
        ("approach", "The compliance for compliance plan is the right approach to avert a catastrophic war.", 1),
        # a judgement in one clause does not flip the next
        ("diagnosis", "Each round of goodwill was pocketed, and each round of cheating went unpunished.", -1),
        # negation does not reach into a relative clause
        ("diagnosis", "Relief would not help a country whose misrule drives the exodus.", -1),
        # on a scale read from description a judgement of the policy does not turn the conduct described around
        ("diagnosis", "This strategy is dangerous and counterproductive, making Tehran more provocative abroad.", -1),
        # the target's conduct that the dimension names is things going wrong
        ("diagnosis", "The junta's soldiers have jailed hundreds of dissidents and killed protesters.", -1),
        ("diagnosis", "It hasn't worked.", -1),
        # everything demanded first, or a way forward by engagement and negotiation
        ("approach", "Sanctions must remain in effect until Russia fully implements the agreement.", -1),
        ("approach", "Washington must demand actions, not words.", -1),
        ("approach", "A negotiated settlement is the only acceptable outcome.", 1),
        ("approach", "It is time to give diplomacy a chance.", 1),
        # an opening is progress; opening something is a proposal, not an account of how things stand
        ("diagnosis", "The summit created a real opening for diplomacy.", 1),
        ("diagnosis", "Three months on, the economic situation is still dire and the political order precarious.", -1),
        # a short parenthesis is an aside: the judgement after it still judges the action before it
        ("sanctions", "By tightening the embargo, the African Union (AU) has joined a ruinous policy.", 1),
        # a negator in a short opening phrase is the phrase's own
        ("diagnosis", "Not surprisingly, the generals have jailed hundreds of protesters.", -1),
        # a negator before a verb of its own denies that verb only
        ("diagnosis", "Coming to the talks without clarifying their positions did not work.", -1),
        # what the policy lacks
        ("diagnosis", "Two years on, the diplomacy is still in search of a strategy.", -1),
        ("diagnosis", "The summits exposed the lack of a coherent plan.", -1),
        # good news named as such, ties restored; bloodshed; a reversal undoes; "not before" is a time
        ("diagnosis", "With positive developments in sight, the talks can move on.", 1),
        ("diagnosis", "Havana and Washington moved to restore diplomatic ties last month.", 1),
        ("diagnosis", "A year later, the bloodbath in the delta continues.", -1),
        ("diagnosis", "The urgent task is to avoid a reversal of the positive trend.", 1),
        ("diagnosis", "The police cleared the square, but not before the crowd saw the bloody proof.", -1),
        ("diagnosis", "Trust me, this approach won't work.", -1),
        # the backing of those who decide
        ("feasibility", "The interim deal deserves the support of Congress.", 1),
        ("feasibility", "Voters are supportive of diplomacy with Pyongyang.", 1),
        ("feasibility", "There is little hope that Congress will pass the bill this year.", -1),
        # a negation that affirms denies nothing
        ("sanctions", "What cannot be denied is that the world must get tougher with the junta.", -1),
    ],
)
def test_sentence_stance_rules(codebook, dimension, text, sign):
    value, _ = _read(text, codebook.dimension(dimension))
    assert value * sign > 0.3


def test_a_date_is_no_precondition(codebook):
    """ "Until the end of the year" names a date, not what the other side must do first."""
    value, weight = _read("Sanctions should stay until the end of the year.", codebook.dimension("approach"))
    assert value == 0 or weight == 0


def test_opening_something_is_no_opening(codebook):
    """A proposal to open something ("opening a liaison office") is not an account of progress on the diagnosis
    scale, as "an opening for diplomacy" is."""
    text = "Opening a liaison office in the capital would improve contact."
    reading = read_sentence(text, codebook.dimension("diagnosis"))
    assert reading is None or "opening" not in " ".join(reading.why)


@pytest.mark.parametrize(
    "text",
    [
        "Talks between the government and the opposition resumed in Mexico City on Friday.",  # a party, not resistance
        "The ministers will possibly meet again after a week of technical talks.",  # a hedge
        "The new rules will, no doubt, cost exporters some revenue.",  # "no doubt" is certainty, not doubt
        "That outcome was never in doubt, given the troops in the region.",
        "Congress is considering a bill that restricts military support to Cambodia.",  # support, not backing
    ],
)
def test_words_that_only_look_like_feasibility_take_no_side(codebook, text):
    value, weight = _read(text, codebook.dimension("feasibility"))
    assert value == 0 or weight == 0


@pytest.mark.parametrize(
    "text",
    [
        "The administration rightly increased pressure on the junta on Thursday.",  # an approving adverb
        "Loosening the limits on remittances was a welcome step.",  # an approving appraisal of the action
        "Lifting the embargo will support change on the island.",  # good foretold of the action
        "The sanctions have not worked.",  # the author's verdict on the instrument, though it is the cue itself
        "For one, the administration can continue to tighten sanctions.",  # an option the author puts forward
    ],
)
def test_a_verdict_on_the_action_argues(codebook, text):
    reading = read_sentence(text, codebook.dimension("sanctions"))
    assert "argued" in reading.why


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Diplomatic and economic sanctions against Cuba, Iran and Syria have proven futile.", 1),
        ("Sanctions by their nature are punitive and cannot be condoned.", 1),
        ("Our embargo has exacerbated the miserable living conditions of ordinary Cubans.", 1),
        ("Without a broader strategy, sanctions will prove counterproductive to American interests.", 1),
        ("The sanctions imposed by the West are an appropriate first response to the annexation.", -1),
        ("The embargo has been an effective tool against the junta.", -1),
        # the harm is the regime's ability, which the sanctions limit; the people punished as a whole are the cost
        ("The new sanctions help limit the junta's ability to harm its people.", -1),
        ("The embargo harms ordinary families across the island.", 1),
        ("Too often their cumulative effect is indistinguishable from collective punishment.", 1),
        # what they disable of the adversary's means, denied: they failed
        ("Sanctions have not crippled the junta's war effort.", 1),
        # to stop the harm is relief; to deny it is not
        ("The allies will have to stop inflicting collective punishment on the people.", 1),
        ("Washington must stop harming ordinary families with its embargo.", 1),
        ("The embargo does not harm ordinary families.", -1),
        # the leverage given up, a warning to keep it; the verdict as the instrument's epithet
        ("That would squander our leverage and sow the seeds of further instability.", -1),
        ("The United States will lose its most significant point of leverage over the junta.", -1),
        ("The pressure built real leverage, which must not be given away without cause.", -1),
        ("There's a downside to adopting symbolic but ineffective sanctions.", 1),
        # a condemnation denied, or a denied claim that it holds, speaks for the instrument
        ("Sanctions are not useless.", -1),
        ("Sanctions against the regime have not proven futile.", -1),
        ("The history does not show that sanctions are useless.", -1),
        ("It does not mean that the embargo is pointless.", -1),
        # named without a verdict, or with one on something else, the instrument takes no side
        ("The sanctions were imposed in 2019 after the election.", 0),
        ("Asia has seen many transitions, and none came about because of the sanctions that critics think work.", 0),
        ("Yet in his otherwise thoughtful argument, Tong got sanctions wrong in a number of places.", 0),
        ("Tong's main criticism of sanctions is that they do not work.", 0),
        ("This data analysis explains how sanctions work.", 0),  # the mechanism, not a verdict
        ("With the new licences, the blockade is effectively over.", 0),  # "in effect", not an appraisal
        ("Critics say the sanctions are futile.", 0),
        # a verdict a condition limits, or one put in question, takes no side
        ("Sanctions are appropriate when a nation like Iraq violently annexes a sovereign neighbour.", 0),
        ("Although these sanctions were meant for the junta, some might question whether they were effective.", 0),
    ],
)
def test_a_verdict_on_the_instrument_in_place_takes_its_side(codebook, text, sign):
    """The sanctions in place, judged or approved after being named in a clause that names no action, argue
    against or for themselves; a bare mention, someone else's verdict or a verdict on someone's account do not."""
    value, weight = _read(text, codebook.dimension("sanctions"))
    assert (0 if weight == 0 or value == 0 else math.copysign(1, value)) == sign


def test_an_adjective_on_the_instrument_does_not_judge_the_action(codebook):
    """In "dismantle the senseless embargo" the adjective is the embargo's: the sentence argues for dismantling
    it, and it does not turn the feasibility of doing so around."""
    value, _ = _read(
        "It is politically feasible now to dismantle the senseless embargo.", codebook.dimension("feasibility")
    )
    assert value > 0


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # a judgement said of its own conjunct does not reach the action coordinated after it
        ("The United States Must Confront Its Failed Policy and Lift the Embargo on Cuba", 1),
        ("It would be a mistake and a betrayal to lift sanctions now.", -1),  # (one judgement, then the action)
        ("Lifting sanctions would be a mistake.", -1),
        # the risk judges the action it names, not its own words
        ("Broad, blunt restrictions on U.S. firms selling to China risk imposing costs that exceed their benefits.", 1),
        ("Easing sanctions now risks rewarding the regime.", -1),
        # a document's proposal, or someone's stated position, is reported
        ("The peace plan draft under discussion proposes lifting sanctions in stages.", 0),
        ("That would be a retreat from Moscow's long-held position that all sanctions must be removed.", 0),
        ("My position is that the sanctions must be lifted.", 1),
        ("The bottom line is that the embargo must be lifted.", 1),
        # the best step, said of the instrument, approves of it
        ("Sanctions are the best step to take with Tehran for now.", -1),
    ],
)
def test_a_judgement_reaches_only_what_it_is_said_of(codebook, text, sign):
    value, weight = _read(text, codebook.dimension("sanctions"))
    assert (0 if weight == 0 or value == 0 else math.copysign(1, value)) == sign


def test_a_dated_event_on_a_description_scale_is_narrated(codebook):
    """The author's account is the diagnosis, but "the 1988 bombing" tells history: it is mentioned, not argued."""
    dim = codebook.dimension("diagnosis")
    dated = read_sentence("In 1988 Libyan agents carried out the bombing of the airliner.", dim)
    account = read_sentence("Libyan agents keep carrying out bombings of airliners.", dim)
    assert dated.value < 0 and "mentioned" in dated.why
    assert account.value < 0 and "argued" in account.why


def test_an_assessment_argues_and_a_narrated_event_does_not(codebook):
    """ "Too often" makes a claim about sanctions the author's assessment; the same effect told as an event is a
    mention."""
    dim = codebook.dimension("sanctions")
    assessed = read_sentence("Sanctions too often starve ordinary families of food and medicine.", dim)
    narrated = read_sentence("In 2019 the sanctions starved ordinary families of food and medicine.", dim)
    assert assessed.value > 0 and "argued" in assessed.why
    assert narrated.value > 0 and "mentioned" in narrated.why


def test_rejecting_the_whole_of_an_action_at_once_counts_less_than_rejecting_it(codebook):
    dimension = codebook.dimension("sanctions")
    whole = read_sentence("It would be a mistake to lift all the sanctions at once.", dimension)
    plain = read_sentence("It would be a mistake to lift the sanctions.", dimension)
    assert whole.value < 0 and plain.value < 0
    assert whole.weight < plain.weight and abs(whole.value) < abs(plain.value)
    assert "whole action rejected" in whole.why


def test_the_arguments_others_make_listed_after_they_are_announced_are_reported(tmp_path, rules):
    """ "First: ..." after "the two claims made by the advocates of a deal" lists their claims, not the
    author's; the same sentence without the announcement is the author's."""
    announced = (
        "Talks with the junta\n\n"
        "The debate is back. Consider the two claims made by the advocates of lifting the sanctions.\n\n"
        "First: the embargo has failed and should be lifted.\n\n"
        "Second, new sanctions would only harm ordinary farmers.\n"
    )
    plain = "Talks with the junta\n\nThe talks are in trouble.\n\nFirst: the embargo has failed and should be lifted.\n"
    for name, text in (("announced.txt", announced), ("plain.txt", plain)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    coded = {n: code_article(ingest(tmp_path / f"{n}.txt"), rules) for n in ("announced", "plain")}

    def voices(name):
        return [r.voice for c in coded[name].codings for r in c.stances if r.dimension == "sanctions"]

    assert voices("announced") and set(voices("announced")) == {"reported"}
    assert "author" in voices("plain")


def test_advocacy_yields_to_the_topic_it_argues_about(tmp_path, rules):
    """In a paragraph that proposes a road map, "lifting the embargo is the best way" is about sanctions: "the
    best way" says that something is argued for, the embargo says what."""
    path = tmp_path / "oped.txt"
    path.write_text(
        "A Headline About Policy\n\n"
        "We propose a phased road map with verification at each step. "
        "Lifting the embargo is the best way to resolve the fate of the missing.\n",
        encoding="utf-8",
    )
    coded = code_article(ingest(path), rules)
    assert [c.dimension for c in coded.codings] == ["approach", "sanctions"]


def test_a_headline_that_argues_states_the_side_on_its_own(tmp_path, codebook):
    """The thesis in the headline counts as two sentences: an op-ed whose body only explains takes its
    headline's side; a headline that reports an event takes none."""
    body = "\n\nThe island has been under an American embargo since the early nineteen-sixties.\n"
    texts = {
        "argued": "Lift the Embargo on Cuba Now" + body,
        "reported": "Washington Lifts Embargo on Spare Parts" + body,
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    analysis = analyse(read_articles([tmp_path / f"{n}.txt" for n in texts]), codebook)
    side = {
        c.doc_id: c.stance.side
        for c in next(d for d in analysis.comparison.dimensions if d.dimension.id == "sanctions").cells
    }
    assert side == {"argued": 1, "reported": 0}


@pytest.mark.parametrize(
    ("headline", "argued"),
    [
        ("Lift the Embargo on Cuba Now", True),
        ("Cuba Hasn't Earned the Embargo's End", True),
        ("U.S. to lift sanctions against Yugoslavia", False),  # what an actor is about to do: news
        ("EU set to impose new sanctions on Minsk", False),
        ("Washington Lifts Embargo on Spare Parts", False),
        # a section label, then the news; a genre label marks an argument
        ("Nicaragua politics: Ortega hardens position in face of new US sanctions", False),
        # what an actor may do is news too
        ("Trump might finally impose CAATSA sanctions on Ankara.", False),
        ("Biden could soon ease Venezuela sanctions", False),
        ("Washington Could Easily End the Cuba Embargo", True),
        ("Perspective: Time to lift the embargo on Cuba", True),
        ("Opinion: The world needs tougher sanctions on the junta", True),
    ],
)
def test_a_headline_argues_unless_it_reports_what_an_actor_does_or_will_do(codebook, headline, argued):
    reading = read_sentence(headline, codebook.dimension("sanctions"), thesis=True)
    assert ("argued" in reading.why) == argued


@pytest.mark.parametrize(
    ("headline", "sign"),
    [
        # (invented headlines in the idioms real ones use)
        ("Time for Europe to soften sanctions on Belarus", 1),
        ("Ankara clings to a damaging embargo on Armenia", 1),
        ("Washington should sanction the Sudanese generals", -1),
        ("Time for Seoul to support sanctions on the junta", -1),
        ("It is time to take the gloves off on Caracas", -1),
        ("The president is right to erase the trade sanctions", 1),
        ("After the floods, Haitians need sanctions lifted", 1),
        ("The embargo must go", 1),
        ("Sanctions strengthen the Assad regime", 1),
        ("The price of the blockade: starving Gazan children", 1),
        ("The trade deal can't go soft on Beijing", -1),
        ("Don't let Khartoum off the hook", -1),
        ("Time to bring pressure to bear on the junta", -1),
        ("Time for a change on Cuba sanctions", 1),
        # the instrument told to end, or not to, and ending it by name or as the war it is called
        ("The blockade of Gaza must end", 1),
        ("Pressure on Pyongyang must not stop", -1),
        ("The embargo should never be ended", -1),
        ("Congress must end its economic war on Havana", 1),
        ("Time to stop the sanctions on Syria", 1),
        ("Washington must not abandon maximum pressure", -1),
        ("Easing the oil embargo now would be foolhardy", -1),
        ("Sanctions relief for Caracas is a trap", -1),
        ("Time for Washington to reduce the sanctions on Havana", 1),
        ("Ottawa needs to implement Magnitsky sanctions on the generals", -1),
        ("Ending the junta's oil lifeline", -1),
        ("At last, sanctions on the regime that hit hard", -1),
        ("Lifting the sanctions would enable Tehran to fund its militias", -1),
        ("Conditions needed before lifting the sanctions on the junta", -1),
    ],
)
def test_a_headline_states_its_side_in_the_idioms_of_the_field(codebook, headline, sign):
    reading = read_sentence(headline, codebook.dimension("sanctions"), thesis=True)
    assert reading is not None and "argued" in reading.why and reading.value * sign > 0.3


@pytest.mark.parametrize(
    ("text", "sign", "argued"),
    [
        # (invented sentences) the instrument called too weak is wanted stronger, whatever the clause condemns
        ("Weak sanctions only embolden the generals.", -1, True),
        ("Brussels has relied on toothless sanctions for too long.", -1, True),
        ("The new sanctions do not go far enough.", -1, True),
        ("The embargo has been far too lax.", -1, True),
        ("The council has placed more sanctions on Pyongyang; that's not enough.", -1, True),
        ("Easing some sanctions is welcome, but this is not enough.", 1, True),
        # yielding on them is relief, refusing to yield holds firm
        ("The West should not bend on sanctions against Moscow.", -1, True),
        ("Brussels must not cave on the embargo.", -1, True),
        ("Rather than relying on loose economic sanctions, Washington should go after the generals.", -1, True),
        ("Sanctions against Cuba have proven futile.", 1, True),  # (not weakness: futility)
        # more of it, or beyond it; a price exacted
        ("It is time to up the pressure on Minsk.", -1, True),
        ("The Security Council should put more pressure on the junta.", -1, True),
        ("What is needed now is tougher and more targeted sanctions.", -1, True),
        ("London must go beyond the sanctions Brussels has agreed.", -1, True),
        ("Ottawa is right to get tough.", -1, True),
        ("Khartoum must face consequences for the massacre.", -1, True),
        ("More sanctions relief is needed.", 1, True),  # (relief needed, not sanctions needed)
        # a reporting verb in a condition after the action does not report the action
        ("Brussels should ease the pressure on Minsk if it wants a deal.", 1, True),
        ("Brussels should not ease the pressure on Minsk unless it wants a war.", -1, True),
        # advocacy denied, and a negated imperative
        ("Brussels shouldn’t lift the sanctions on Minsk yet.", -1, True),
        ("Don't Lift the Sanctions on Minsk", -1, True),
        ("Minsk Embargo Still Needed", -1, True),  # (a headline without its verb)
        # a gap word may be an abbreviation
        ("It will take a vote to lift the U.N. arms embargo.", 1, False),
        ("The deal ratchets down the pressure on Tehran.", 1, False),
        # what the author finds sensible, or has reasons for, argues it
        ("It makes sense to lift the embargo now that the war is over.", 1, True),
        ("It is only logical for Tokyo to ease the trade restrictions.", 1, True),
        ("There are good reasons to want the embargo lifted.", 1, True),
        ("The first task of the new government is to end the sanctions.", 1, True),
        ("Canberra made a good start by imposing sanctions on the ministers.", -1, True),
        # what an action will bring, or is good for, argues it; good for the hostile government is harm
        ("Lifting the embargo is good for the island's farmers.", 1, True),
        ("Ending the embargo will earn billions for Florida's ports.", 1, True),
        ("Lifting the embargo is good for the regime.", -1, True),
        # their time over
        ("In Cuba, Sanctions Have Had Their Day", 1, True),
        ("The embargo has long outlived its usefulness.", 1, True),
        # and by where it leads
        ("Continuing maximum pressure would take us down the same path of escalation.", 1, True),
        ("Easing the sanctions now would put us on the road to war.", -1, True),
        # the instrument condemned by its adjective or its record; the money handed back; a review of the policy
        ("Havana has lived for decades under illegal sanctions imposed by Washington.", 1, True),
        ("The sanctions remain an unjust, barbaric act against a sovereign nation.", 1, True),
        ("The embargo has neither stopped the abuses nor weakened the regime.", 1, True),
        ("The sanctions have achieved little.", 1, True),
        ("It is now time to reassess the policy of sanctions.", 1, True),
        ("The decision not to release the frozen funds can only be described as heartless.", 1, True),
        # pressure kept up, and what it did
        ("Continued pressure, not complacency, should be the West's answer.", -1, True),
        # (what it achieved is the author's verdict on its record; what it did to an oil sector is narration)
        ("That severe pressure has changed the calculus of Tehran's leaders.", -1, True),
        ("The sanctions have hammered the regime's oil sector.", -1, False),
        # arguing from what an action will not bring about, and a move away from one
        ("Lifting the sanctions won't force the junta to negotiate.", -1, True),
        ("The talks mark a departure from maximum pressure.", 1, False),
    ],
)
def test_a_sentence_states_its_side_in_the_idioms_of_the_field(codebook, text, sign, argued):
    reading = read_sentence(text, codebook.dimension("sanctions"))
    assert reading is not None and reading.value * sign > 0.3, reading
    assert ("argued" in reading.why) == argued, reading.why


@pytest.mark.parametrize(
    ("dimension", "text", "sign"),
    [
        # (invented sentences) a negator after the opener's own verb is the main clause's
        ("sanctions", "Washington should not, in our view, ease sanctions.", -1),
        ("sanctions", "We will not, however, lift the sanctions.", -1),
        # after "not", the verb's object is what is denied; "during" is no verb
        ("sanctions", "The administration is not pursuing a policy of maximum pressure.", 1),
        ("sanctions", "We should not during the talks ease sanctions.", -1),
        # "no question of" rules it out
        ("sanctions", "There is no question of lifting sanctions before the election.", -1),
        # clinging to power is not clinging to the sanctions; damage done by them, or an event, is no verdict
        ("sanctions", "The junta clings to power despite the sanctions.", 0),
        ("sanctions", "The sanctions are damaging Russia's war economy.", 0),
        ("sanctions", "Sanctions were imposed after the Lockerbie tragedy.", 0),
        # backing their end is relief
        ("sanctions", "We support lifting sanctions.", 1),
        ("sanctions", "Congress should endorse ending the sanctions.", 1),
        ("sanctions", "Against the backdrop of sanctions, trade fell.", 0),
        ("sanctions", "The EU should start dialling back sanctions on Minsk.", 1),
        ("sanctions", "Tehran will scale back enrichment under pressure.", 0),
        ("sanctions", "Sanctions relief must be maintained.", 1),
        # going further, going on, eras, plans
        ("sanctions", "Sanctions must go further.", 0),
        ("sanctions", "The embargo must go on until Havana frees the prisoners.", 0),
        ("sanctions", "The eras of sanctions and embargoes are over.", 0),
        ("sanctions", "The plans died under the weight of the sanctions.", 0),
        ("sanctions", "The ruling adds momentum to efforts to remove Havana from the blacklist.", 0),
        ("sanctions", "The Security Council would sanction the use of force.", 0),
        ("sanctions", "North Korea kept escalating tensions despite sanctions.", 0),
        ("sanctions", "The deal eased fears of sanctions on exporters.", 0),
        ("sanctions", "The porous embargo lets oil through.", 0),  # (leaking: too weak, or useless?)
        # (found by a second review) what the sanctions target is not what they are; a downfall is no help;
        # "so" starts a clause; "not changed"; new sanctions are not frozen funds released; aid is no pressure
        ("sanctions", "Sanctions against the illegitimate junta are the right response.", -1),
        ("sanctions", "Tougher sanctions could pave the way for the junta's downfall.", -1),
        ("sanctions", "Diplomacy has achieved little, so more sanctions are needed.", -1),
        ("sanctions", "Sanctions have not changed the calculus in Tehran.", 1),
        ("sanctions", "Washington released new sanctions targeting Russian assets.", -1),
        ("sanctions", "The offer of economic aid brought North Korea to the table.", 1),
        ("sanctions", "Republicans seem to be pushing for more sanctions.", 0),
        ("sanctions", "The EU will present to Moscow a plan for easing sanctions.", 1),
        # help for the hostile government is harm, however it is said
        ("sanctions", "Easing sanctions would pave the way for the regime.", -1),
        ("sanctions", "Lifting the embargo would help the Castro regime.", -1),
        ("diagnosis", "A deal may come in the more distant future.", 0),
        ("diagnosis", "The years since have seen massive loss of life and hardship under the junta.", -1),
        ("diagnosis", "Diplomacy hasn't been able to stop the fighting.", -1),
        ("feasibility", "Moscow keeps supporting the war effort.", 0),
        # a conceding aside gives ground, the clause's claim stands; a stall in something undoes it
        ("diagnosis", "The talks have produced progress, albeit precarious.", 1),
        ("feasibility", "The stall in momentum for a deal is plain.", -1),
        # what comes before a contrasting "but" is conceded (not "not only ..., but also", not a correction); the
        # thing that lacks a strategy is no progress without it; nobody likely to block it makes it achievable
        ("diagnosis", "The talks produced a breakthrough, but they also exposed the limits of summit diplomacy.", -1),
        ("diagnosis", "This is not a stalemate, but a slow thaw.", 1),
        ("diagnosis", "The summit not only ended the stalemate, but also opened new channels.", 1),
        ("diagnosis", "The summit was a breakthrough in search of a strategy.", -1),
        ("feasibility", "It is unlikely that the opposition would want to derail the agreement.", 1),
        ("feasibility", "Few in Congress would dare block such a deal.", 1),
        # an "and" that starts a new subject starts a new clause (its "no" is its own); an interruption, a halt, an
        # undoing of what follows denies it, not what comes after its object; "successive" is no success
        ("diagnosis", "The junta has made no concessions and there has been no progress toward democracy.", -1),
        ("diagnosis", "The fighting continues to interrupt progress toward negotiations.", -1),
        ("diagnosis", "Then the president rolled back this progress.", -1),
        ("sanctions", "A trade that halts enrichment in exchange for humanitarian relief is welcome.", 1),
        ("diagnosis", "Successive administrations have spurned the offer.", 0),
        # a state named as a condition or a price is no account of how things stand
        ("diagnosis", "Washington should keep the sanctions until human rights improve.", 0),
        ("diagnosis", "The deal trades potash exports in exchange for the release of political prisoners.", 0),
        ("diagnosis", "Until last year, the talks were stalled.", -1),
        # an approving verdict on the record argues as a failing one does; "working group" is no verdict
        ("sanctions", "The sanctions are working.", -1),
        ("sanctions", "Sanctions were imposed on the working group.", 0),
        ("sanctions", "We must work with allies on sanctions.", 0),
        # a passage quoted inside the sentence is the speaker's; so is what "others" hold, and what someone suggested
        ("sanctions", "An official told me that “we will continue to enforce our sanctions on the regime.”", 0),
        ("sanctions", "For others, the lifting of sanctions is premature.", 0),
        ("sanctions", "Trump suggested that Pyongyang must take real steps to receive sanctions relief.", 0),
        ("sanctions", "The “maximum pressure” campaign must continue.", -1),
        # a cue that says where case matters is case-insensitive elsewhere (a sentence may open with its verb)
        ("sanctions", "Renewing its MFN status isn't going to change Beijing's policy.", -1),
        ("sanctions", "Civilians suffer under the sanctions.", 1),
        ("sanctions", "I hope it will reconsider the long-standing reliance on sanctions.", 1),
        # (found on real-test20 at its measurement) a judgement of absurdity; punishing the regime is no cost of
        # the sanctions; their work done is an argument to end them
        ("sanctions", "It would be ridiculous to keep sanctions meant to punish Assad after Assad has fled.", 1),
        ("sanctions", "Britain restores relations, suggesting the need for them has ended.", 1),
        ("sanctions", "Washington may soon have to declare victory.", 1),
        # a judgement denied as a norm still judges ("should not be seen as a mistake" denies it); a question that
        # answers itself "none" denies what it names
        ("sanctions", "Lifting sanctions should not be a reward for egregious behavior.", -1),
        ("sanctions", "Easing sanctions must not become a windfall for the regime.", -1),
        ("sanctions", "Lifting the embargo would not be a mistake.", 1),
        ("sanctions", "What lifting of sanctions can we talk about under these conditions?", -1),
        # good for nobody but its target; misplaced confidence; smashing the regime's economic base
        ("sanctions", "The embargo has benefited no one except its targets, the Castro brothers.", 1),
        ("sanctions", "We have the power to smash the regime's economic base.", -1),
        # a trade of one thing for another is reciprocal; conditions the world must see met first are up front
        ("approach", "Relief will be provided in exchange for verifiable limits on enrichment.", 1),
        ("approach", "If the sanctions are to be lifted, let it be on a clear quid pro quo basis.", 1),
        ("approach", "Libya must pay restitution before the world community even considers lifting them.", -1),
        # (found by a review of this session's rules) "roll out" is no rollback; a norm's "not" is counted once;
        # "cannot be a mistake" is a certainty; a scare-quoted label and an endorsed quote are the author's; fears
        # called misplaced are not the action; watering down is relief; working against people is no success; "yet
        # to bite"; crushing a country's economy is a cost; only a pronoun "be lifted" is the sanctions; "Blinken"
        # is no blink; halting amid mistrust does not deny the mistrust; a time is no condition in narration
        ("sanctions", "Washington should roll out tougher sanctions on the junta.", -1),
        ("sanctions", "We should not reward bad behavior by lifting sanctions.", -1),
        ("sanctions", "Washington must not be premature in lifting sanctions.", -1),
        ("sanctions", "Lifting the embargo cannot be a mistake.", 1),
        ("sanctions", "The so-called “maximum pressure campaign on Iran” has failed.", 1),
        ("sanctions", "We agree with the bishops that “the embargo must be lifted without conditions.”", 1),
        ("sanctions", "As the Pope suggested, the embargo should be lifted.", 1),
        ("sanctions", "Fears that easing sanctions will help Maduro are misplaced.", 1),
        ("sanctions", "Watering down the sanctions serves no purpose.", -1),
        ("sanctions", "The sanctions are working against the interests of ordinary Venezuelans.", 0),
        ("sanctions", "The sanctions have yet to bite.", 1),
        ("sanctions", "Sanctions have crushed Venezuela's economy.", 0),
        ("sanctions", "The siege of the city must be lifted immediately.", 0),
        ("sanctions", "Under no circumstances should they be lifted.", -1),
        ("sanctions", "The Blinken sanctions on Iranian oil should be tightened.", -1),
        ("diagnosis", "The talks were halted amid mistrust.", -1),
        ("diagnosis", "The dialogue continued until the talks collapsed in February.", -1),
        ("feasibility", "Few doubt that hardliners in Tehran would sink any deal.", -1),
        ("feasibility", "A deal is not likely to survive; the Senate will block it.", -1),
        ("diagnosis", "This time the negotiators do not lack a clear process.", 1),
        # (found on real-test21 at its measurement) "aren't working" is the record denied; a position held only in a
        # hypothetical is none; a "life line" is a lifeline
        ("sanctions", "Sanctions aren’t working in the Middle East.", 1),
        (
            "sanctions",
            "I would be the first one to support lifting the embargo if it would improve the life of Cubans.",
            0,
        ),
        ("sanctions", "Lifting the embargo today would simply send a life line to a regime that has not helped.", -1),
        # (found on real-test21 after its measurement) tough sanctions; a passive "must be continued" a few words
        # after the sanctions; "it is important to" advocates (not "important to note"); the terrorism label removed
        ("sanctions", "Tough sanctions are the only language the regime understands.", -1),
        ("sanctions", "The sanctions against the Putin and Lukashenka regimes must be continued and intensified.", -1),
        ("sanctions", "It is important today to intensify sanctions against both Belarus and Russia.", -1),
        ("sanctions", "Removing Sudan's terrorism label is a crucial ingredient in its recovery.", 1),
        # the way a thing is seen stands between a negator and the verdict it denies
        ("sanctions", "Lifting the embargo should not be seen as a mistake.", 1),
        ("sanctions", "Lifting the embargo would be seen as a mistake.", -1),
        # lifted, said of them by pronoun
        ("sanctions", "They should be lifted at once.", 1),
        ("sanctions", "The embargo has hurt the poor, but it must not be lifted now.", -1),
        # (found on real-test32 after its measurement) what undoing export controls or tariffs is called; a benefit
        # denied; what an action endangers, excuses or pays for; a bare "likely" says nothing of feasibility
        ("sanctions", "Scrapping export controls is self-defeating.", -1),
        ("sanctions", "Lifting the tariffs is self-defeating.", -1),
        ("sanctions", "More sanctions won't help the people of Venezuela.", 1),
        ("sanctions", "Lifting sanctions condones aggression.", -1),
        ("sanctions", "Easing sanctions would undermine Ukraine's defence.", -1),
        ("sanctions", "It is time to get tough on the junta for undermining democracy.", -1),
        ("sanctions", "Easing the sanctions would provide funds for the regime's repressive apparatus.", -1),
        ("feasibility", "The regime will likely respond with new provocations.", 0),
        # the instrument named as the rejected alternative to blame defends it; as the rejected remedy it is rejected
        ("sanctions", "Assad's atrocities, not sanctions, have destroyed Syria.", -1),
        ("sanctions", "The junta, not sanctions, caused the famine.", -1),
        ("sanctions", "Healing, not sanctions, is what Syria needs.", 1),
        # ending what the sanctions are a modifier of is not ending them
        ("sanctions", "It is time to end sanctions evasion by Moscow's shadow fleet.", 0),
        ("feasibility", "A deal is not likely before the election.", -1),
        # eased, said of them by pronoun as the object (not "lift them out of poverty")
        ("sanctions", "To ease them now sends a chilling message: aggression might just pay off.", -1),
        ("sanctions", "We should lift them at once.", 1),
        ("sanctions", "Trade can lift them out of poverty.", 0),
        # the sanctions extended, as a noun; the people as their victims
        ("sanctions", "But the new charges don't warrant extension of sanctions imposed for other reasons.", 1),
        ("sanctions", "The EU should extend the sanctions for another year.", -1),
        # (found on real-test33 after its measurement) a figure of harm judges what it is said of
        ("sanctions", "The chip concession is 'the rope that could hang America'.", -1),
        ("sanctions", "Lifting the embargo now would be a poison pill for the talks.", -1),
        ("sanctions", "Easing the sanctions would be shooting ourselves in the foot.", -1),
    ],
)
def test_wordings_that_once_read_the_wrong_way(codebook, dimension, text, sign):
    reading = read_sentence(text, codebook.dimension(dimension))
    value = reading.value if reading else 0.0
    assert (value * sign > 0.3) if sign else abs(value) < 0.3, reading


@pytest.mark.parametrize(
    "text",
    [
        "Sanctions have worked.",
        "The sanctions are biting.",
        "Sanctions have brought Iran to the table.",
        "The embargo has failed.",
        # what it does to people is the author's account of its consequences
        "Ordinary Iranians have suffered under the crushing weight of American sanctions.",
        "It is the US consumers that bear the brunt of the tariffs.",
    ],
)
def test_a_verdict_on_the_record_argues_whichever_way_it_goes(codebook, text):
    """The author's verdict that the instrument worked is a position, as the verdict that it failed is."""
    reading = read_sentence(text, codebook.dimension("sanctions"))
    assert reading is not None and "argued" in reading.why, reading


@pytest.mark.parametrize(
    "text",
    [
        "The broad embargoes of the 2000s hurt ordinary people.",  # what a past policy did to people is history
        "Washington has imposed sanctions on 11 officials, measures designed to punish Beijing.",  # the point, no cost
    ],
)
def test_narrated_consequences_do_not_argue(codebook, text):
    """A dated account of harm, or what the sanctions are meant to do to their target, narrates; it does not argue."""
    reading = read_sentence(text, codebook.dimension("sanctions"))
    assert reading is not None and "mentioned" in reading.why, reading


def test_a_side_needs_two_sentences_that_argue_it(tmp_path, rules):
    """One sentence that argues, however plain, may be misread: it states no side alone; two do. Narrated events
    do not count toward the two."""
    one = "Washington must keep up maximum pressure on Lukashenko."
    two = one + " The European Union should tighten its sanctions on the regime as well."
    narrated = " The United States reimposed sanctions in June. Brussels imposed new sanctions in July."
    texts = {
        "one": f"A Note on Minsk\n\n{one}\n",
        "two": f"A Note on Minsk\n\n{two}\n",
        "propped": f"A Note on Minsk\n\n{one}{narrated}\n",
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    analysis = analyse(read_articles([tmp_path / f"{n}.txt" for n in texts]), rules)
    sanctions = next(d for d in analysis.comparison.dimensions if d.dimension.id == "sanctions")
    side = {c.doc_id: c.stance.side for c in sanctions.cells}
    assert side == {"one": 0, "two": -1, "propped": 0}


@pytest.mark.parametrize(
    ("reply", "sign"),
    [
        ("We disagree.", -1),
        ("That's a sucker's bet.", -1),
        ("This would be a mistake.", -1),
        ("There is no doubt that this is a tremendous mistake.", -1),  # (an affirmation only insists on it)
        ("We agree.", 1),
        ("That's commendable, but it doesn't go far enough.", 1),
        ("But it is the proper decision.", 1),
        ("That would be the sensible step to take now.", 1),
        ("The weather was fine.", 0),  # no reply at all
    ],
)
def test_a_short_reply_takes_the_side_for_or_against_the_sentence_before(tmp_path, rules, reply, sign):
    """A short sentence that rejects or endorses the one before it without naming its action takes the stance
    against or with what that sentence said ("Congress should lift the embargo." is for relief)."""
    path = tmp_path / "oped.txt"
    path.write_text(f"A Headline About Cuba\n\nCongress should lift the embargo on Cuba. {reply}\n", encoding="utf-8")
    coded = code_article(ingest(path), rules)
    readings = [r for r in coded.codings[-1].stances if r.dimension == "sanctions" and r.weight > 0]
    assert (math.copysign(1, readings[0].value) if readings else 0) == sign


@pytest.mark.parametrize(
    ("before", "reply", "sign"),
    [
        # the reply that names the action judges the action, not what the sentence before said of it
        ("Trump has pursued a belligerent maximum pressure campaign.", "This approach has been an abject failure.", 1),
        ("Washington has kept up maximum pressure on Tehran.", "This approach has been an abject failure.", 1),
        # a reply on a scale the sentence does not read by itself, though it reads another ("failure": diagnosis)
        ("Congress should lift the embargo on Cuba.", "That would be an abject failure.", -1),
        ("Congress should lift the embargo on Cuba.", "Beijing has not so much eased as stopped enforcing.", 0),
    ],
)
def test_a_reply_that_names_the_action_judges_the_action(tmp_path, rules, before, reply, sign):
    path = tmp_path / "oped.txt"
    path.write_text(f"A Headline About It\n\n{before} {reply}\n", encoding="utf-8")
    coded = code_article(ingest(path), rules)
    readings = [r for r in coded.codings[-1].stances if r.dimension == "sanctions" and r.weight > 0]
    assert (math.copysign(1, readings[0].value) if readings else 0) == sign, readings


def _cell_of(tmp_path, codebook, text, dimension, *, title=""):
    """The cell of one small article (beside a filler one, as a brief needs two) on a dimension, with its coding."""
    path = tmp_path / "piece.txt"
    path.write_text(text, encoding="utf-8")
    if title:
        (tmp_path / "piece.meta.yaml").write_text(f'title: "{title}"\n', encoding="utf-8")
    (tmp_path / "other.txt").write_text("Another Note\n\nThe weather was cold all week.\n", encoding="utf-8")
    analysis = analyse(read_articles([path, tmp_path / "other.txt"]), codebook)
    dim = next(d for d in analysis.comparison.dimensions if d.dimension.id == dimension)
    coded = next(c for c in analysis.coded if c.article.doc_id == "piece")
    return next(c for c in dim.cells if c.doc_id == "piece"), coded


def test_without_a_stance_only_a_sentence_with_strong_words_of_its_own_is_quoted(tmp_path, codebook):
    """A cell with no stance to show quotes the sentences whose own cues for the dimension are strong; one coded
    to it mostly by its paragraph, with one weak word of its own, is not put under it as evidence."""
    text = (
        "A Note\n\nWashington should propose a negotiated settlement through sustained diplomacy and direct "
        "negotiations. Diplomacy was mentioned on Friday.\n"
    )
    cell, coded = _cell_of(tmp_path, codebook, text, "approach")
    assert {c.sentence.text[:9]: c.dimension for c in coded.codings}["Diplomacy"] == "approach"
    assert [q.sentence.text[:10] for q in cell.evidence] == ["Washington"]


def test_a_question_headline_states_no_thesis_and_counts_once(tmp_path, codebook):
    """ "Have sanctions ever worked?" asks; printed as the headline and again as the text's first line it is
    still one question, and with one narrated event it states no side."""
    headline = "The Big Question: Have sanctions ever worked, and should they be applied to Zimbabwe?"
    text = (
        f"{headline}\n\nWhy are we asking this now?\n\n"
        "Because the leaders of the richest nations have announced sanctions on Zimbabwe this week.\n\n"
        "What are sanctions?\n\n"
        "Restrictions on trade and financial contact imposed upon a state to persuade rulers to change its "
        "behaviour, a halfway house between diplomatic disapproval and military intervention.\n"
    )
    cell, _ = _cell_of(tmp_path, codebook, text, "sanctions", title=headline)
    assert cell.stance.side == 0


_NARRATED = (
    "A Column on the Island\n\n"
    "After the coup, sanctions were ratcheted up severely. The Treasury imposed new sanctions on the central bank. "
    "The rules ban all financial transactions with the country's banks."
)


@pytest.mark.parametrize(
    ("argued", "side"),
    [
        # narration neither makes a side nor cancels the one the author argues
        ("\n\nRight now, lifting sanctions is a necessary step. Washington should lift the embargo this year.\n", 1),
        # nor does it lend its weight to a thinly argued one: a question that leans is too little
        (" Should Washington now lift the embargo on spare parts?\n", 0),
    ],
)
def test_narrated_measures_neither_cancel_nor_prop_up_what_the_author_argues(tmp_path, rules, argued, side):
    """Three sentences narrate pressure ("sanctions were ratcheted up"); one argues for lifting, strongly or in
    a question. The stance is what the author argues; the side needs enough argued evidence of its own."""
    cell, _ = _cell_of(tmp_path, rules, _NARRATED + argued, "sanctions")
    assert cell.stance.side == side and cell.stance.value > 0


def test_narrated_events_alone_state_no_side(tmp_path, rules):
    """An article that only narrates what governments did (lifted, eased) takes no side on sanctions; one
    sentence that argues gives it one."""
    narrated = (
        "Washington lifted sanctions on the potash exporter last week after the prisoners were freed.\n\n"
        "The Treasury also eased restrictions on the national airline.\n\n"
        "Officials lifted the embargo on spare parts on Friday.\n"
    )
    argued = narrated + (
        "\nThe remaining sanctions should be lifted as well, in return for more releases. Washington should lift "
        "the embargo on spare parts too.\n"
    )
    other = "The talks have stalled again. Both sides blame each other for the impasse.\n"
    for name, text in (("narrated.txt", narrated), ("argued.txt", argued), ("other.txt", other)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    analysis = analyse(read_articles([tmp_path / n for n in ("narrated.txt", "argued.txt", "other.txt")]), rules)
    sanctions = next(d for d in analysis.comparison.dimensions if d.dimension.id == "sanctions")
    side = {c.doc_id: (c.stance.side, c.stance.value) for c in sanctions.cells}
    assert side["narrated"][0] == 0 and side["narrated"][1] > 0  # it leans, as events do, and states nothing
    assert side["argued"][0] == 1


@pytest.mark.parametrize(
    "text",
    [
        "Every phase should carry an explicit snapback provision.",
        "General licenses, which can be revoked at any time, are the right instrument.",
    ],
)
def test_safeguards_on_relief_do_not_argue_against_it(codebook, text):
    value, _ = _read(text, codebook.dimension("sanctions"))
    assert value >= 0


def test_signpost_takes_its_meaning_from_what_follows(tmp_path, rules):
    """ "Here is the point." announces the sentence after it: it is coded as that one is (sanctions), not as
    the paragraph around it mostly is (diagnosis)."""
    path = tmp_path / "oped.txt"
    path.write_text(
        "A Headline on Talks\n\nThe talks have stalled for a year and mistrust runs deep. Both sides blame each "
        "other for the impasse and the stalemate. Here is the point. Washington should offer calibrated sanctions "
        "relief in exchange for a freeze.\n",
        encoding="utf-8",
    )
    coded = code_article(ingest(path), rules)
    assert [c.dimension for c in coded.codings] == ["diagnosis", "diagnosis", "sanctions", "sanctions"]


# Development sets written and hand-coded apart from the seeds (tests/data/*/gold.yaml headers give the
# expected article-level signs and why).
DEV = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def dev(codebook):
    analyses = {}

    def analysed(name: str):
        if name not in analyses:
            analyses[name] = analyse(read_articles([DEV / name]), codebook)
        return analyses[name]

    return analysed


@pytest.mark.parametrize(
    ("dev_set", "prefix", "dimension", "sign"),
    [
        ("heldout", "nk-hawk", "sanctions", -1),
        ("heldout", "iran-hawk", "sanctions", -1),
        ("heldout", "iran-deal-editorial", "sanctions", 1),
        ("heldout", "nk-hawk", "approach", -1),  # "keep the squeeze on until Pyongyang disarms": not phased
        ("heldout", "russia", "feasibility", -1),
        ("heldout", "russia", "sanctions", 0),  # it reports who promises relief and argues only feasibility
        ("fresh", "venezuela", "sanctions", -1),  # an editorial against relief until free elections
        ("fresh", "nk-enforcement", "sanctions", -1),  # secondary sanctions, interdiction
        ("fresh", "iran-interim", "sanctions", 1),  # a freeze for unfrozen humanitarian funds
        ("fresh", "iran-interim", "approach", 1),
        ("fresh", "syria", "approach", 1),  # conditional, reversible, step by step
        ("blind3", "russia", "sanctions", -1),  # no relief for a ceasefire; enforce the price cap
        ("blind3", "china", "sanctions", -1),  # keep and tighten chip controls, do not trade them
        ("blind3", "iran-maximum", "sanctions", 0),  # keep sanctions, and pair them with an offer of relief
        ("blind3", "cuba", "approach", 1),  # "a sequence of steps, each of which can be taken back"
        ("blind3", "iran-maximum", "approach", 1),
        ("fresh", "nk-enforcement", "approach", 0),  # "the first step is to close the loopholes" is no sequencing
        ("blind4", "nk-summit", "sanctions", 1),  # partial relief for a verified freeze at Yongbyon
        ("blind4", "nk-summit", "approach", 1),
        ("blind4", "nk-hawk", "sanctions", -1),  # no partial deals, full enforcement
    ],
)
def test_development_stance_sign(dev, dev_set, prefix, dimension, sign):
    """An argument against easing sanctions is never read as one for it (nor the reverse): the brief states the
    right side or none; a report of others' positions states none."""
    analysis = dev(dev_set)
    doc = next(a.doc_id for a in analysis.articles if a.doc_id.startswith(prefix))
    side = analysis.comparison.cell(doc, dimension).stance.side
    assert side == sign if sign == 0 else side in (sign, 0)


@pytest.mark.parametrize(("dev_set", "floor"), [("heldout", 0.8), ("fresh", 0.8), ("blind3", 0.75), ("blind4", 0.7)])
def test_development_agreement_floor(dev, codebook, dev_set, floor):
    """A floor, not a target: the seeds' figures must not come from fitting the seeds alone."""
    analysis = dev(dev_set)
    result = evaluate(list(analysis.coded), load_gold(DEV / dev_set / "gold.yaml", codebook), codebook)
    assert result.accuracy >= floor
    assert not result.chrome_in_content


CLIMATE = load_codebook(Path(__file__).resolve().parent.parent / "comparator" / "codebooks" / "climate.yaml")


@pytest.mark.parametrize(
    ("dimension", "text", "sign"),
    [
        ("instrument", "Congress should pass a carbon tax that rises every year.", 1),
        ("instrument", "A carbon tax is a lifeline for clean industry.", 1),  # no sanctions idiom leaks in
        ("instrument", "We should not rely on carbon prices; standards work faster.", -1),
        ("instrument", "A carbon tax would be a mistake; mandates and public investment deliver.", -1),
        ("instrument", "Economists argue that a carbon price is the cheapest tool.", 0),  # reported
        ("problem", "The climate crisis is urgent and worsening every year.", 1),
        ("problem", "The danger is overstated, and the changes are manageable.", -1),
        ("problem", "Critics say the crisis is exaggerated.", 0),
        ("costs", "A carbon dividend keeps the policy affordable and fair for most households.", 1),
        ("costs", "The tax would be too costly for rural families.", -1),
        ("politics", "The bill is unlikely to pass a divided Senate.", -1),
        ("politics", "There is a bipartisan consensus and popular support for the bill.", 1),
    ],
)
def test_sentence_stance_with_the_climate_codebook(dimension, text, sign):
    value, weight = _read(text, CLIMATE.dimension(dimension))
    if sign == 0:
        assert weight == 0 or value == 0
    else:
        assert value * sign > 0.3, (value, weight)


@pytest.mark.parametrize(
    ("sentence", "dimension"),
    [
        # (invented sentences) the target's elections and protests are the state of things, the diagnosis ...
        ("Lukashenko stole the election and his police beat the protesters.", "diagnosis"),
        ("The generals have clung to power since they seized it in the coup.", "diagnosis"),
        ("Shortages of fuel and medicine have driven thousands to flee the country.", "diagnosis"),
        # ... the proposal's politics are its feasibility
        ("With midterm elections ahead, Congress will not pass the deal.", "feasibility"),
        ("Voters in Seoul would not stage a public protest against an interim agreement.", "feasibility"),
    ],
)
def test_the_targets_politics_are_the_diagnosis_the_proposals_its_feasibility(tmp_path, rules, sentence, dimension):
    assert _coded_alone(tmp_path, rules, sentence) == dimension


def _coded_alone(tmp_path, rules, sentence: str) -> str:
    """The dimension a sentence is coded to as the one paragraph of a short note."""
    path = tmp_path / "note.txt"
    path.write_text(f"A Note\n\n{sentence}\n", encoding="utf-8")
    return code_article(ingest(path), rules).codings[-1].dimension


@pytest.mark.parametrize(
    "sentence",
    [
        # (invented) what must be so, not what must be done: no proposal
        "For the old general, it must have been a bitter concession.",
        "We must remember that every neighbour trades with the island.",
        "The refusal should come as no surprise.",
    ],
)
def test_a_must_of_inference_proposes_nothing(tmp_path, rules, sentence):
    assert _coded_alone(tmp_path, rules, sentence) != "approach"


def test_a_sentence_that_argues_a_side_is_coded_to_that_dimension(tmp_path, rules):
    """A sentence whose words name no dimension strongly enough, but which argues a side on a scale, speaks to that
    dimension: it is coded to it (first, when nothing else claims it) and its stance counts."""
    path = tmp_path / "oped.txt"
    path.write_text(
        "A Note on Phnom Penh\n\nThe government banned the main opposition party on Thursday. "
        "We have the power to smash the regime's economic base.\n",
        encoding="utf-8",
    )
    coded = code_article(ingest(path), rules)
    last = coded.codings[-1]
    assert last.dimension == "sanctions"
    assert [r.value < 0 for r in last.stances if r.dimension == "sanctions"] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Lifting the sanctions is part of the talks, the foreign minister said on Saturday.",
        "Easing the embargo on the table in Geneva – Lavrov",
    ],
)
def test_a_speaker_named_at_the_end_reports_what_comes_before(codebook, text):
    reading = read_sentence(text, codebook.dimension("sanctions"), thesis=True)
    assert reading is not None and reading.voice == "reported" and reading.weight == 0, reading


@pytest.mark.parametrize(
    "text",
    ["The sanctions must be lifted, as many economists have said.", "Time to lift the embargo – Comment"],
)
def test_an_endorsed_speaker_or_a_section_label_is_no_attribution(codebook, text):
    reading = read_sentence(text, codebook.dimension("sanctions"), thesis=True)
    assert reading is not None and reading.voice == "author" and reading.value > 0.3, reading
