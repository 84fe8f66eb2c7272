"""Annotate: speakers, hedges, numbers, labels, negations, word diffs, flags.

Statements are cut from the real seed texts in data/ (find the words, annotate
with start = their offset) so every span can be checked against the file.
"""
from __future__ import annotations

import re

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare_claims.annotate import annotate
from compare_claims.config import load_lexicon, read_toml
from compare_claims.divergence import FlagRules
from compare_claims.divergence import group_flags as flags_of
from compare_claims.divergence import one_utterance
from compare_claims.divergence import word_diff
from compare_claims.errors import ConfigError
from compare_claims.lexicon import compile_lexicon
from compare_claims.models import Annotation, Member, Span, Statement
from compare_claims.numbers import find_numbers
from compare_claims.paths import data_dir
from compare_claims.tokens import Toks, plain

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CUES = load_lexicon()
# the flag rules as the pipeline builds them from the cue lists
RULES = FlagRules(CUES.modals, CUES.quiet_labels, 0.0, CUES.reported, CUES.stance)
# ... as the pipeline compares: members telling the claim at the "same" score (30) or more
SAME_RULES = RULES._replace(min_score=30.0)
# the statement each annotation was made from, for the flags that read words
_TEXTS: dict[Annotation, tuple[str, int]] = {}


def group_flags(anns: list[Annotation], sources: list[str]) -> tuple[str, ...]:
    """The flag names of a group whose members have these annotations."""
    members = []
    for a, src in zip(anns, sources):
        text, start = _TEXTS.get(a, ("", 0))
        members.append(Member(Statement(src, start, start + len(text), text), 100.0, a))
    return tuple(e.flag for e in flags_of(members, RULES))


def seed(prefix: str) -> str:
    (path,) = DATA.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def all_spans(a: Annotation) -> list[Span]:
    return [*a.hedges, *a.certainty, *a.numbers, *a.labels, *a.negations, *a.diff]


def statement(prefix: str, begin: str, end: str) -> tuple[str, int, str]:
    """The seed text, and the statement running from `begin` to the end of `end`."""
    text = seed(prefix)
    i = text.find(begin)
    assert i >= 0, begin
    j = text.find(end, i)
    assert j >= 0, end
    return text, i, text[i : j + len(end)]


def ann(prefix: str, begin: str, end: str, hint: str = "") -> Annotation:
    text, start, stmt = statement(prefix, begin, end)
    a = annotate(stmt, start=start, lexicon=CUES, speaker_hint=hint)
    for span in all_spans(a):
        assert text[span.start : span.end] == span.text
    _TEXTS[a] = (stmt, start)
    return a


def speaker(text: str) -> str:
    """The speaker annotated for ``text``, a statement of its own."""
    return annotate(text, start=0, lexicon=CUES).speaker


def texts(spans: tuple[Span, ...]) -> list[str]:
    return [s.text for s in spans]


def values(a: Annotation, kind: str) -> list[str]:
    return [s.value for s in a.numbers if s.kind == kind]


# ------------------------------------------------------------------ speaker


def test_speaker_from_x_said() -> None:
    a = ann("001", "Pompeo said the political process", "forming a committee.")
    assert (a.speaker, a.reporting_verb) == ("Pompeo", "say")


def test_speaker_from_named_quote_after_the_quote() -> None:
    a = ann("000", "“On the issue of Venezuela", "said Mike Pompeo.")
    assert (a.speaker, a.reporting_verb) == ("Mike Pompeo", "say")
    a = ann("000", "“As for our policy towards", "explained Mike Pompeo,")
    assert (a.speaker, a.reporting_verb) == ("Mike Pompeo", "explain")


def test_speaker_titles_are_stripped() -> None:
    a = ann("000", "“I am here today because", "in his opening address.")
    assert a.speaker == "Pompeo"  # "Secretary of State Pompeo said"
    a = ann("002", "Russian Foreign Minister Sergei Lavrov announced", "Donald Trump.")
    assert (a.speaker, a.reporting_verb) == ("Sergei Lavrov", "announce")


def test_speaker_of_a_trailing_attribution_wins_over_the_reported_subject() -> None:
    a = ann("001", "During his meeting, Putin informed", "Yury Ushakov said.")
    assert (a.speaker, a.reporting_verb) == ("Yury Ushakov", "say")


def test_speaker_across_a_parenthesis_and_according_to() -> None:
    a = ann("000", "Sergei Lavrov, in turn, explained", "intensify our dialogue.”")
    assert (a.speaker, a.reporting_verb) == ("Sergei Lavrov", "explain")
    a = ann("004", "According to President Nicolas Maduro", "this dialogue.")
    assert (a.speaker, a.reporting_verb) == ("Nicolas Maduro", "according to")
    a = ann("001", '"President [Trump] wants serious arms control', "Pompeo told reporters.")
    assert (a.speaker, a.reporting_verb) == ("Pompeo", "tell")


def test_a_person_set_off_before_a_role_of_a_body_is_the_speaker() -> None:
    from compare_claims.annotate import annotate

    said = ("\u201cThey will put the criminals back in charge,\u201d Michael Elliott, the executive director of "
            "the Harbour Industry Group, a trade group, said in a statement.")
    assert annotate(said, start=0, lexicon=CUES).speaker == "Michael Elliott"  # not the group
    said = "One candidate, Scott Smith, the mayor of Mesa, who is a Mormon, said that the bill was late."
    assert annotate(said, start=0, lexicon=CUES).speaker == "Scott Smith"  # not the town


def test_a_contracted_pronoun_is_no_speaker() -> None:
    for said in ("They're hoping to get 60 signatures on their letter.", "We\u2019re saying the bill is late."):
        assert annotate(said, start=0, lexicon=CUES).speaker == ""
    assert annotate("O'Rourke said the bill is late.", start=0, lexicon=CUES).speaker == "O'Rourke"


def test_a_phrase_of_when_may_stand_between_speaker_and_verb() -> None:
    """"this morning", "at times" (data/cues.toml skip_phrases) as one word of when
    ("Smith later said"); not every verb before it: a participle names no speaker, though
    a document before it does."""
    from compare_claims.annotate import annotate

    assert annotate("The minister this morning said the bill is late.", start=0, lexicon=CUES).speaker == "the minister"
    assert annotate("Pompeo has at times said the bill is late.", start=0, lexicon=CUES).speaker == "Pompeo"
    # a participle names no speaker; a document before it does ("The indictment released
    # early Friday alleges": what it holds)
    assert annotate("The letter released last week said the bill is late.", start=0, lexicon=CUES).speaker == "the letter"
    assert annotate("The bill released last week said the vote is late.", start=0, lexicon=CUES).speaker == ""
    labels = read_toml(DATA / "labels.toml", "labels")
    cues = read_toml(DATA / "cues.toml", "cues")
    with pytest.raises(ConfigError, match="skip_phrases"):
        compile_lexicon({**cues, "speakers": {**cues["speakers"], "skip_phrases": ["earlier in the week"]}}, labels)


def test_a_document_speaks_for_the_person_who_spoke_in_it_only() -> None:
    """"X said in a statement ... “...,” the statement said": X's words; not a
    letter "from her lawyer" (the lawyer's), nor an ad someone "stars in"."""
    from compare_claims.annotate import annotate_statements
    from compare_claims.config import load_segment_cues
    from compare_claims.models import Source
    from compare_claims.segment import segment

    def speakers(text: str) -> list[str]:
        seg = segment(Source("s", "s", text), load_segment_cues())
        return [a.speaker for a in annotate_statements(seg.statements, text, CUES)]

    said = "Jane Smith said in a statement on Friday that the bill was late.\n\n“It is late,” the statement said.\n"
    assert speakers(said)[-1] == "Jane Smith"
    lawyer = "Jane Smith announced her plans in a letter from her lawyer.\n\n“It is late,” the letter said.\n"
    assert speakers(lawyer)[-1] == "the letter"
    ad = "Jane Smith has said she will stay out, but she stars in a new ad.\n\n“It is late,” the ad says.\n"
    assert speakers(ad)[-1] == "the ad"


def test_an_unnamed_source_is_a_described_role_never_a_clauses_own_verb() -> None:
    """"officials who attended said": the officials so described; "lawmakers who
    complained" and "a lawyer who likes to argue" hold the relative clause's own
    verb, and name no one."""
    from compare_claims.annotate import annotate

    said = "Two officials who spoke on condition of anonymity said the bill was late."
    assert annotate(said, start=0, lexicon=CUES).speaker == "two officials who spoke on condition of anonymity"
    assert annotate("The bill was late, said a person familiar with the talks.", start=0,
                    lexicon=CUES).speaker == "a person familiar with the talks"
    for said in ("It was a point for Democratic lawmakers who complained that the bill was late.",
                 "Mr. Smith is known as a brilliant lawyer who likes to argue cases in court."):
        assert annotate(said, start=0, lexicon=CUES).speaker == ""


def test_speaker_as_a_role_keeps_its_determiner() -> None:
    a = ann("000", "“We are not looking for a war with Iran", "State emphasized.")
    assert (a.speaker, a.reporting_verb) == ("the US Secretary of State", "emphasize")
    a = ann("002", "For example, as The National Interest", "agreement with Russia.")
    assert (a.speaker, a.reporting_verb) == ("the National Interest magazine", "point out")


def test_speaker_of_a_transcript_turn_comes_from_the_hint() -> None:
    a = ann("004", "Regarding the developments around Iran and the JCPOA", "unfounded.", hint="Sergey Lavrov")
    assert (a.speaker, a.reporting_verb) == ("Sergey Lavrov", "hope")
    a = ann("004", "We believe that setting up a bilateral", "beneficial.", hint="Sergey Lavrov")
    assert (a.speaker, a.reporting_verb) == ("Sergey Lavrov", "believe")
    # ... unless the turn's speaker reports someone else
    a = ann("004", "We discussed this today, and Mike Pompeo said", "military domain.", hint="Sergey Lavrov")
    assert a.speaker == "Mike Pompeo"
    # a turn label is no name
    a = ann("004", "You mentioned the START-3 Treaty", "in 2021.", hint="Question")
    assert a.speaker == ""


def test_speaker_of_a_headline_and_of_a_position_voiced_in_a_turn() -> None:
    a = ann("001", "READ MORE:", "— Pompeo")
    assert a.speaker == "Pompeo"
    said = "Russia believes that dialogue is needed."
    assert annotate(said, start=0, lexicon=CUES).speaker == "Russia"
    assert annotate(said, start=0, lexicon=CUES, speaker_hint="Sergey Lavrov").speaker == "Sergey Lavrov"


def test_speaker_flag_compares_last_names_and_ignores_roles() -> None:
    said = "the talks were useful and will go on next week"

    def flags(*speakers: str) -> tuple[str, ...]:
        # each speaker named in the statement (a span), as "Lavrov said" names him
        return tuple(e.flag for e in flags_of([
            Member(Statement(f"s{i}", 0, len(said), said), 100.0, Annotation(speaker=s, speaker_span=Span(0, 3, "who")))
            for i, s in enumerate(speakers)]))

    assert flags("Pompeo", "Mike Pompeo") == ()
    assert flags("Sergei Lavrov", "Sergey Lavrov") == ()
    assert flags("the US Secretary of State", "Mike Pompeo") == ()
    assert flags("", "Mike Pompeo") == ()
    assert flags("Lavrov", "Mike Pompeo") == ("speaker",)


def test_a_speaker_read_from_a_pronoun_makes_no_speaker_flag() -> None:
    """"“...,” he said" given to the person the text named before is a reading of
    the text around it, not a thing the outlet says: read 23 found a flag between
    Kennedy (a "he said" after "... confounded Justice Kennedy also drew the ire of
    Justice Antonin Scalia") and Scalia, where both outlets quote Scalia."""
    said = "If somebody tells you how to exercise discretion, you don't have discretion"
    named = Member(Statement("a", 0, len(said), said), 100.0, Annotation(speaker="Scalia", speaker_span=Span(0, 6, "Scalia")))
    read = Member(Statement("b", 0, len(said), said), 100.0, Annotation(speaker="Kennedy"))
    assert "speaker" not in [e.flag for e in flags_of([named, read])]
    told = read._replace(annotation=Annotation(speaker="Kennedy", speaker_span=Span(0, 7, "Kennedy")))
    assert "speaker" in [e.flag for e in flags_of([named, told])]


def test_speaker_flag_needs_the_same_words_given_to_two_people() -> None:
    # two people making alike demands in their own words is no divergence of attribution
    apart = members(("A", "Warren demanded that Barr release the full report to Congress."),
                    ("B", "O'Rourke said the attorney general must make the whole report public."))
    assert [m.annotation.speaker for m in apart] == ["Warren", "O'Rourke"]
    assert "speaker" not in [e.flag for e in flags_of(apart)]
    same_words = members(("A", "“The talks were useful and will go on,” Lavrov said."),
                         ("B", "“The talks were useful and will go on,” Pompeo said."))
    assert [m.annotation.speaker for m in same_words] == ["Lavrov", "Pompeo"]
    assert "speaker" in [e.flag for e in flags_of(same_words)]
    # members of one source are never compared with each other
    anns = [Annotation(speaker="Lavrov"), Annotation(speaker="Pompeo")]
    assert group_flags(anns, ["a", "a"]) == ()


# ---------------------------------------------------------- hedge / certainty


def test_hedge_and_certainty_cues_with_inflections() -> None:
    a = ann("000", "“As for the situation around Iran", "reason will prevail")
    assert [(s.text, s.kind) for s in a.hedges] == [("hope", "strong")]
    assert texts(a.certainty) == []  # "reason will prevail": what she hopes for, no certainty
    a = ann("002", "In his turn, Mike Pompeo", "relations with Russia.")
    assert "hopes" not in texts(a.hedges)  # Pompeo's hope: a position reported, not a hedge
    a = ann("003", "It seems that some in the Russian establishment", "over Ukraine).")
    assert {"seems", "may", "might"} <= set(texts(a.hedges))
    a = ann("004", "It is clear that allegations", "completely false.")
    assert "It is clear" in texts(a.certainty)


def test_hedge_flag_hope_versus_a_certain_version() -> None:
    i1_000 = ann("000", "“As for the situation around Iran", "reason will prevail")
    i1_004 = ann("004", "Regarding the developments around Iran", "reason prevails")
    assert "hedge" not in group_flags([i1_000, i1_004], ["000", "004"])  # both hope
    certain = annotate("Reason will definitely prevail.", start=0, lexicon=CUES)
    assert certain.certainty and not certain.hedges
    # 000 quotes Lavrov's "I hope": the quoted speaker's hedge, no outlet's
    assert [h.quoted for h in i1_000.hedges] == [True]
    assert "hedge" not in group_flags([i1_000, certain], ["000", "x"])
    rules = FlagRules(CUES.modals, CUES.quiet_labels, 0.0, CUES.reported)

    def flags(*texts: str) -> list[str]:
        return [e.flag for e in flags_of(members(*((f"s{i}", t) for i, t in enumerate(texts))), rules)]

    assert "hedge" in flags("Reason will apparently prevail.", "Reason will definitely prevail.")
    # the asserting side hedges too, with a modal verb: both hedge
    assert "hedge" not in flags("Reason will apparently prevail.", "Reason may prevail.")
    # the hedge bears on nothing the other says
    assert "hedge" not in flags("Reason will prevail in talks that are apparently set for June.",
                                "Reason will definitely prevail.")
    # someone else's hope is a position reported, no hedge of the outlet's
    assert "hedge" not in flags("Lavrov hopes that reason will prevail.", "Reason will definitely prevail.")
    # nor are the rumours or the possible resignation a story is about
    assert "hedge" not in flags("He denied reports about a possible resignation.",
                                "He denied reports about his resignation.")


def test_hedge_flag_no_basis_versus_turn_out_to_be_unfounded() -> None:
    flat = ann("000", "Rumors about the sending", "have no basis")
    hoped = ann("004", "the rumours of the United States sending", "unfounded")
    assert "no basis" in texts(flat.certainty)
    assert "unfounded" in texts(hoped.negations)
    flags = group_flags([flat, hoped], ["000", "004"])
    assert "hedge" not in flags  # "rumours" is what both are about, no hedge of the outlet's
    assert "polarity" not in flags  # both deny the rumours
    assert "numbers" not in flags  # 120,000 either way
    # the same with the whole sentence of the transcript ("I hope that ...")
    whole = ann("004", "Regarding the developments around Iran", "unfounded.")
    assert "hedge" in group_flags([flat, whole], ["000", "004"])


def test_a_noun_of_doubt_and_a_phrase_of_certainty_are_no_hedges() -> None:
    def hedges(text: str) -> list[str]:
        return texts(annotate(text, start=0, lexicon=CUES).hedges)

    assert hedges("Police arrested a black suspect on Monday.") == []
    assert hedges("The suspect fled before dawn.") == []
    assert hedges("I suspect arson.") == ["suspect"]  # the verb
    assert hedges("Police suspect arson.") == []  # the police's position, not a hedge
    assert hedges("I doubt the report.") == ["doubt"]
    assert hedges("That seems unlikely.") == ["seems", "unlikely"]  # "that" is a pronoun here
    certain = annotate("He was guilty beyond the shadow of a doubt.", start=0, lexicon=CUES)
    assert certain.hedges == () and texts(certain.certainty) == ["beyond the shadow of a doubt"]


def test_month_may_is_not_a_hedge_and_words_are_whole() -> None:
    a = ann("000", "Sergei Lavrov, in turn, explained", "intensify our dialogue.”")
    assert a.hedges == ()
    assert values(a, "date") == ["--05-03"]
    b = annotate("The mayor may resign; non-toxic talks went on.", start=0, lexicon=CUES)
    assert texts(b.hedges) == ["may"]
    assert b.labels == ()


# ------------------------------------------------------------------ numbers


def test_durations_spelled_and_written() -> None:
    assert values(ann("004", "Today we had talks that followed", "on May 3,"), "duration") == ["90 min"]
    assert values(ann("002", "The telephone conversation between the Russian", "an hour and a half."), "duration") == ["90 min"]
    assert values(ann("003", "He also talked with President", "one and a half hours."), "duration") == ["90 min"]
    assert values(ann("003", "He had a three-hour conversation", "Sergei Lavrov;"), "duration") == ["180 min"]
    a = ann("003", "On 3 May Presidents Trump and Putin", "for over an hour")
    assert [(s.text, s.value) for s in a.numbers if s.kind == "duration"] == [("over an hour", ">60 min")]
    assert values(ann("003", "In turn, Putin arrived", "three hours late"), "duration") == ["180 min"]


def test_troop_numbers_and_amounts() -> None:
    strong = ann("000", "Rumors about the sending", "have no basis")
    troops = ann("004", "the rumours of the United States sending", "unfounded")
    assert [(s.text, s.kind, s.value) for s in strong.numbers] == [("120,000-strong", "number", "120000")]
    assert [(s.kind, s.value) for s in troops.numbers] == [("number", "120000")]
    assert values(ann("003", "Other critical topics have emerged", "in 2020,"), "amount") == ["USD 20000000"]
    assert values(ann("004", "To this end, $20 million", "annually."), "amount") == ["USD 20000000"]
    assert values(ann("000", "The United States and more than fifty", "to leave."), "number") == [">50"]


def test_dates_in_every_order() -> None:
    assert values(ann("000", "Sergei Lavrov, in turn, explained", "on May 3,"), "date") == ["--05-03"]
    assert values(ann("003", "On 3 May Presidents", "Ukraine, nuclear arms control and trade."), "date") == ["--05-03"]
    a = ann("003", "Mike Pompeo paid his first visit", "on 14 May.")
    assert [(s.text, s.value) for s in a.numbers] == [("14 May", "--05-14")]
    assert values(ann("001", "Secretary of State Mike Pompeo and Russian Foreign", "May 14, 2019"), "date") == ["2019-05-14"]
    assert values(ann("004", "14 May 2019", "14 May 2019"), "date") == ["2019-05-14"]
    assert values(ann("001", "Lavrov and Pompeo discussed the prospect", "(INF)."), "date") == ["2021-02", "1987"]
    assert values(ann("003", "Secondly, the Kremlin hopes", "mid-April"), "date") == ["--04"]
    assert values(ann("003", "On 13 May Trump announced", "(28-29 June)"), "date") == ["--05-13", "--06-28/--06-29"]


def test_a_count_before_a_month_and_its_day_is_no_date() -> None:
    """"Fifteen of the 19 Sept. 11 hijackers" read "19 Sept." as a date (read 33):
    a day right after the month makes the month and that day the date."""
    a = annotate("Fifteen of the 19 Sept. 11 hijackers were Saudi citizens.", start=0, lexicon=CUES)
    assert [(s.text, s.kind, s.value) for s in a.numbers] == [
        ("Fifteen", "number", "15"), ("19", "number", "19"), ("Sept. 11", "date", "--09-11")]
    a = annotate("On 3 March 2019 12 people died.", start=0, lexicon=CUES)  # a year between: the day's
    assert [(s.text, s.value) for s in a.numbers] == [("3 March 2019", "2019-03-03"), ("12", "12")]


def test_numbers_joined_by_a_slash_are_no_counts() -> None:
    """"the 19 hijackers on 9/11" showed "# 15, 19, 9, 11" (read 33): numbers
    joined by a slash name an event, a schedule or odds ("24/7", "5/1"), and
    neither side counts anything."""
    a = annotate("Fifteen of the 19 hijackers on 9/11 were Saudi, open 24/7 at odds of 5/1.", start=0, lexicon=CUES)
    assert [(s.text, s.value) for s in a.numbers] == [("Fifteen", "15"), ("19", "19")]


def test_percentages_and_qualifiers() -> None:
    a = annotate("Support fell to 45 percent, then to over 50% and about 3.5 per cent.", start=0, lexicon=CUES)
    assert [(s.kind, s.value) for s in a.numbers] == [("percent", "45%"), ("percent", ">50%"), ("percent", "~3.5%")]


def test_a_negated_qualifier_turns_the_bound_over() -> None:
    # read 63: "not more than one year" was shown as ">1 yr", the opposite of the text
    a = annotate("He faces a fine or imprisonment for not more than one year, and not less than 30 days.",
                 start=0, lexicon=CUES)
    assert [n.value for n in a.numbers] == ["<=1 yr", ">=30 d"]


def test_names_with_digits_are_not_numbers() -> None:
    a = annotate("The START-3 Treaty and the G20 summit at 23:21.", start=0, lexicon=CUES)
    assert a.numbers == ()


def test_a_vote_written_with_hyphens_gives_both_counts() -> None:
    a = annotate("She won the leadership by a 134-to-63 vote of the caucus.", start=0, lexicon=CUES)
    assert [n.value for n in a.numbers] == ["134", "63"]


def test_numbers_flag() -> None:
    over = ann("003", "On 3 May Presidents", "Ukraine, nuclear arms control and trade.")
    ninety = ann("004", "Today we had talks that followed", "to work on stepping up our dialogue.")
    half = ann("002", "The telephone conversation between the Russian", "an hour and a half.")
    # "over an hour" and "90 minutes" can both be true: no conflict
    assert "numbers" not in group_flags([over, ninety], ["003", "004"])
    assert "numbers" not in group_flags([half, ninety], ["002", "004"])  # 90 min both, one date
    other_day = annotate("On 6 May Presidents spoke.", start=0, lexicon=CUES)
    assert "numbers" in group_flags([over, other_day], ["003", "x"])  # the one date of each differs
    # one statement saying more (the 1987 treaty) is no conflict
    more = ann("001", "Lavrov and Pompeo discussed the prospect", "(INF).")
    less = ann("004", "We discussed the prospects of the Strategic", "February 2021.")
    assert "numbers" not in group_flags([more, less], ["001", "004"])


# ------------------------------------------------------------------- labels


def test_loaded_labels() -> None:
    a = ann("003", "On that day Pompeo publicly blamed Russia", "leaving the country.")
    assert [(s.text, s.kind, s.value) for s in a.labels] == [("dictator", "pejorative", "dictator")]
    a = ann("003", "It seems that some in the Russian establishment", "over Ukraine).")
    assert ("regime", "pejorative") in [(s.text, s.kind) for s in a.labels]
    a = ann("002", "Have at least the situation", "failed coup.")
    assert [(s.text, s.kind) for s in a.labels] == [("failed coup", "delegitimising")]
    a = ann("004", "I don’t think I should say more", "anything good.")
    assert [(s.text, s.value) for s in a.labels] == [("regimes", "regime")]
    a = ann("000", "“We want the Iranian regime", "Americans travel")
    assert "regime" in texts(a.labels)
    a = ann("004", "In this regard, it is extremely important that all patriotic", "Montevideo mechanism.")
    assert {"so-called", "patriotic", "extremely"} <= set(texts(a.labels))
    assert "groundless" in texts(ann("004", "We agreed on the importance of restoring", "US election.").labels)
    assert "fabrications" in texts(ann("004", "However, we believe that publishing", "fabrications.").labels)
    assert "notorious" in texts(ann("004", "By the way, I handed over", "Russian NGOs.").labels)
    assert "hype" in texts(ann("002", "It is no accident that as soon as", "correspondents.").labels)
    assert "aggressive" in texts(ann("003", "Before meeting Lavrov in Rovaniemi", "in the region.").labels)


def test_labels_flag_and_extra_labels_from_a_topics_file() -> None:
    dictator = ann("003", "On that day Pompeo publicly blamed Russia", "leaving the country.")
    said, _start = _TEXTS[dictator]
    # the same sentence with a plain word for the label: the label is what differs
    neutral = re.sub(r"(?i)dictator\w*", "leader", said)
    assert neutral != said
    plain = annotate(neutral, start=0, lexicon=CUES)
    _TEXTS[plain] = (neutral, 0)
    assert "labels" in group_flags([dictator, plain], ["003", "x"])
    assert "labels" not in group_flags([dictator, dictator], ["003", "x"])
    # a looser paraphrase: more differs than the label, so the label is not the difference
    loose = annotate("Pompeo blamed Russia for President Maduro not leaving.", start=0, lexicon=CUES)
    assert "labels" not in group_flags([dictator, loose], ["003", "x"])
    cues = compile_lexicon(read_toml(DATA / "cues.toml", "cues"), read_toml(DATA / "labels.toml", "labels"),
                           [("militarist", ["rearmament"])])
    text, start, stmt = statement("003", "Before meeting Lavrov in Rovaniemi", "in the region.")
    a = annotate(stmt, start=start, lexicon=cues)
    assert ("rearmament", "militarist") in [(s.text, s.kind) for s in a.labels]


# ----------------------------------------------------------------- polarity


def test_polarity_agreed_versus_no_agreements() -> None:
    agreed = ann("001", "US Secretary of State Mike Pompeo, Russian President", "bilateral relationship.")
    none = ann("003", "No agreements were announced", "after the meeting.")
    assert agreed.negations == ()
    assert texts(none.negations) == ["No"]
    assert "polarity" in group_flags([agreed, none], ["001", "003"])


def test_polarity_both_negated_and_not_only() -> None:
    a = ann("000", "“We are not looking for a war with Iran", "State emphasized.")
    b = ann("001", "Pompeo told Lavrov the United States", "appropriate fashion.”")
    assert "polarity" not in group_flags([a, b], ["000", "001"])
    c = ann("004", "I hope that the visit by Secretary Pompeo", "international issues.")
    assert c.negations == ()  # "will not only improve"
    d = ann("003", "Pompeo shortened his visit to Russia", "towards Moscow.")
    assert [(s.text, s.kind) for s in d.negations] == [("cancelled", "outcome")]
    e = ann("004", "When I say that we hope a political solution", "military scenario.")
    assert "prevent" in texts(e.negations)


# ---------------------------------------------------------------- word diff


def test_role_inversion_is_visible_in_the_diff() -> None:
    text0, s0, inverted = statement("000", "if they are targeted by American interests", "interests")
    text1, s1, straight = statement("001", "if American interests are attacked by", "Iran")
    d0 = word_diff(inverted, start=s0, reference=straight)
    d1 = word_diff(straight, start=s1, reference=inverted)
    assert texts(d0) == ["they", "targeted"]
    assert texts(d1) == ["attacked", "Iran"]
    for d, text in ((d0, text0), (d1, text1)):
        assert all(text[s.start : s.end] == s.text and s.kind == "changed" for s in d)


def test_diff_merges_adjacent_words_and_normalises() -> None:
    d = word_diff("The big, red dog barked.", start=10, reference="the dog barks")
    assert [(s.start, s.end, s.text) for s in d] == [(14, 22, "big, red")]
    assert word_diff("Maduro’s “regime”", start=0, reference='MADURO\'S\u00a0"regimes"') == ()
    assert word_diff("120,000 troops", start=0, reference="120000 troop") == ()


# ------------------------------------------------------------ loading, perf


def test_malformed_cue_lists_are_reported_in_one_line(tmp_path: Path) -> None:
    labels = read_toml(DATA / "labels.toml", "labels")
    (tmp_path / "cues.toml").write_text("[hedges\nwords = [", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_toml(tmp_path / "cues.toml", "cue list")
    assert "cues.toml" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(ConfigError, match="hedges.strong.words"):
        compile_lexicon({"hedges": {"strong": {"words": 3}}}, labels)
    with pytest.raises(ConfigError):
        compile_lexicon(read_toml(DATA / "cues.toml", "cues"), labels, [("pejorative", "thug")])  # type: ignore[list-item]


def test_label_lexicon_is_shipped_and_large() -> None:
    assert (data_dir() / "cues.toml").is_file()
    labels = read_toml(DATA / "labels.toml", "labels")
    assert sum(len(t["terms"]) for t in labels.values()) > 150


def test_cue_files_name_no_seed_text() -> None:
    names = ("pompeo", "lavrov", "sochi", "rovaniemi", "113b7cc3b7206c54", "120,000", "ninety-minute")
    for path in (DATA / "cues.toml", DATA / "labels.toml", *sorted((ROOT / "src/compare_claims").glob("*.py"))):
        body = path.read_text(encoding="utf-8").lower()
        assert not [n for n in names if n in body], path


def _sentences(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+?(?:[.!?]+[\"”“]?(?=\s)|$)", text, re.M) if m.group().strip()]


def test_every_seed_sentence_slices_back_and_numbers_miss_nothing() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        text = seed(prefix)
        for start, sent in _sentences(text):
            a = annotate(sent, start=start, lexicon=CUES)
            for span in all_spans(a):
                assert text[span.start : span.end] == span.text
            tr = plain(sent)
            fast = find_numbers(tr, Toks(tr), CUES.numbers)
            slow = find_numbers(tr, Toks(tr), CUES.numbers, exhaustive=True)
            assert fast == slow, sent


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=0, max_value=10**6))
def test_annotate_spans_slice_back(text: str, start: int) -> None:
    a = annotate(text, start=start, lexicon=CUES, speaker_hint="Sergey Lavrov")
    for span in all_spans(a):
        assert text[span.start - start : span.end - start] == span.text
        assert start <= span.start < span.end <= start + len(text)


NUMBERISH = st.lists(
    st.sampled_from(
        "over an hour and a half one two ninety-minute three-hour 120,000-strong $ US$ 20 million"
        " percent % May 3 14 2019 February mid-April in late June 28-29 , . - troops dollars"
        " more than fifty half a year once no not hope will may regime so-called Pompeo said".split()
    ),
    max_size=25,
).map(" ".join)


@given(NUMBERISH)
def test_number_grammar_on_number_soup(text: str) -> None:
    a = annotate(text, start=7, lexicon=CUES)
    for span in all_spans(a):
        assert text[span.start - 7 : span.end - 7] == span.text
    tr = plain(text)
    assert find_numbers(tr, Toks(tr), CUES.numbers) == find_numbers(tr, Toks(tr), CUES.numbers, exhaustive=True)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.integers(min_value=0, max_value=10**6))
def test_word_diff_spans_slice_back(text: str, reference: str, start: int) -> None:
    for span in word_diff(text, start=start, reference=reference):
        assert text[span.start - start : span.end - start] == span.text
        assert span.kind == "changed"
    assert word_diff(text, start=start, reference=text) == ()


def test_a_capitalised_cue_inside_a_sentence_is_a_name_not_a_hedge() -> None:
    cues = CUES
    town = annotate("The governor, who also is from Hope, said so.", start=0, lexicon=cues)
    assert town.hedges == ()
    actor = annotate("The actor Will Smith came.", start=0, lexicon=cues)
    assert actor.certainty == ()
    assert [h.text for h in annotate("Perhaps it is not a plan.", start=0, lexicon=cues).hedges] == ["Perhaps"]
    assert [c.text for c in annotate("It will certainly rain.", start=0, lexicon=cues).certainty] == ["certainly"]


def test_plain_future_is_no_certainty_and_reported_future_no_hedge() -> None:
    """Read 59: "will" shown as certainty 15 times and "would" after "said" as a
    hedge 11 times, each judged wrong by the reader: they tell time, not doubt."""
    cues = CUES

    def marks(text: str) -> tuple[list[str], list[str]]:
        a = annotate(text, start=0, lexicon=cues)
        return [h.text for h in a.hedges], [c.text for c in a.certainty]

    assert marks("The House will vote on Tuesday.") == ([], [])
    assert marks("Obama announced Thursday that he would ban the travel.") == ([], [])
    assert marks("Officials said the company would halt all travel.") == ([], [])
    # a conditional stays a hedge: nothing reported in the past sets its time
    assert marks("That would be a mistake.") == (["would"], [])
    assert marks("He says he would vote for it.") == (["would"], [])
    # "expected to" forecasts; "would be expected to" tells what is usual
    assert marks("The Senate is expected to vote on Tuesday.") == (["expected"], [])
    assert marks("Biden, who would be expected to attend, will be abroad.") == (["would"], [])
    # a lexical hedge after a past report is still the outlet's
    assert marks("Officials said the company would apparently halt travel.") == (["apparently"], [])


def test_the_attribution_outside_a_quotation_names_the_speaker() -> None:
    cues = CUES
    a = annotate("\u201cTrump says he will win,\u201d said Bloomberg.", start=0, lexicon=cues)
    assert (a.speaker, a.reporting_verb) == ("Bloomberg", "say")
    b = annotate('"Today, his fellow Missourians urged him to step aside," Romney said.', start=0, lexicon=cues)
    assert b.speaker == "Romney"


def test_an_approximate_number_is_not_a_numbers_conflict_with_the_exact_one() -> None:
    cues = CUES
    exact = annotate("Nineteen other states have similar laws, 19 in all.", start=0, lexicon=cues)
    about = annotate("About 19 other states have similar laws.", start=100, lexicon=cues)
    assert any(n.value.startswith("~") for n in about.numbers)
    assert "numbers" not in group_flags([exact, about], ["a", "b"])


def test_polarity_needs_the_negation_to_bear_on_a_shared_word() -> None:
    cues = CUES

    def flags(a: str, b: str) -> tuple[str, ...]:
        anns = [annotate(a, start=0, lexicon=cues), annotate(b, start=0, lexicon=cues)]
        _TEXTS.update({anns[0]: (a, 0), anns[1]: (b, 0)})
        return group_flags(anns, ["x", "y"])

    assert "polarity" in flags("They agreed to take concrete steps on arms control.",
                               "No agreements were announced after the meeting.")
    # "not" bears on "support", which the other statement does not say
    assert "polarity" not in flags("Russia did not support the decision to withdraw from the deal.",
                                   "The decision to withdraw from the deal showed what our goals are.")
    # the negation is about service to customers, not about the travel ban both report
    assert "polarity" not in flags("I will impose a ban on state-funded travel to Indiana.",
                                   "He would ban state-funded travel to Indiana, where the law allows "
                                   "businesses to deny service.")


def test_a_person_of_a_place_is_the_person() -> None:
    cues = CUES
    a = annotate("Senator Jane Smith of Texas told reporters the bill would pass.", start=0, lexicon=cues)
    assert (a.speaker, a.reporting_verb) == ("Jane Smith", "tell")


def test_a_subject_inside_a_quotation_is_not_the_speaker() -> None:
    cues = CUES
    a = annotate('"Today, his fellow citizens urged him to step aside, and I think he should go."', start=0, lexicon=cues)
    assert a.speaker == ""


def test_an_attribution_after_a_quotation_left_open_is_the_speaker() -> None:
    # the source left out the closing mark: the clause after the last comma names who speaks
    assert speaker("“We have such a broad membership, Ms. Hale said.") == "Hale"
    assert speaker("“We have such a broad membership, Jo Hale said in a statement.") == "Jo Hale"
    assert speaker("“We have such a broad membership, said Jo Hale.") == "Jo Hale"
    # ... but a quotation that runs on, or a clause that is part of what is quoted, names no one
    assert speaker("“We all knew, as Jo Hale said, that it would come.") == ""
    assert speaker("“We said, as Jo Hale said.") == ""
    assert speaker("“To be fair, we never liked what she said.") == ""
    assert speaker("We said it, “Jo Hale said it all.") == ""


def test_who_is_said_to_have_said_something_inside_the_sentence_is_not_its_speaker() -> None:
    """Read 67: a headline "..., claims Clinton 'lied many times'" was given to Clinton;
    "Scotto, who was asking about ... Grimm's first campaign, protested, saying ..." to "the
    first campaign"; BASIL: "Earnest would not say whether the White House believes ..." to
    the White House. What a subject after "whether", "why" or "if" does is asked, not said;
    "what Hale said would cost $800" gives Hale's words."""
    assert speaker("Reed would not say whether the board believes Hale broke the law.") != "the board"
    assert speaker("On the question of why the board claimed it was a protest, Reed explained it.") == "Reed"
    assert speaker("It proposed a program at what Hale said would be a cost of $800.") == "Hale"
    assert speaker("Reed calls the verdict 'unfair,' claims Hale 'lied many times' with impunity") == ""
    assert speaker("Lee, who was asking about money during Reed's first campaign, protested, saying "
                   "he was asking \"a valid question.\"") == "Lee"
    # the inverted attribution and the parenthesis still name who speaks
    assert speaker("It is over, said Jo Hale.") == "Jo Hale"
    assert speaker("Jo Hale, in turn, explained that it would fail.") == "Jo Hale"


def test_some_of_those_described_before_and_the_voice_of_an_ad_speak() -> None:
    """Read 67: "..., two of the people said." and "Then an unseen announcer concludes:
    “...”" had no speaker."""
    assert speaker("The charges were expected to include mail fraud, two of the people said.") == "two of the people"
    assert speaker("It will close, one of the officials said on Monday.") == "one of the officials"
    assert speaker("One of the officials said it would close.") == "one of the officials"
    assert speaker("Then an unseen announcer concludes: “The world needs strength, not apologies.”") == "the announcer"
    # read 68: "..., according to those briefed on the effort." had no speaker
    assert speaker("New limits are likely, according to those briefed on the effort.") == "those briefed on the effort"
    assert speaker("Those familiar with the talks said it would close.") == "those familiar with the talks"
    # "those who ..." is a kind of people
    assert speaker("It drives a wedge between those who want more and those who may vote, aides said.") == "the aides"


def test_a_lone_weak_hedge_is_not_a_hedge_divergence() -> None:
    plain = "The senator endorsed the governor on Tuesday."
    would = "The senator would endorse the governor on Tuesday."
    hoped = "The senator apparently endorsed the governor, according to rumours."
    assert "hedge" not in [e.flag for e in flags_of(members(("a", plain), ("b", would)))]
    assert "hedge" in [e.flag for e in flags_of(members(("a", plain), ("b", hoped)))]


def test_a_name_that_starts_what_was_said_is_not_the_speaker() -> None:
    cues = CUES
    a = annotate("The leader, R-Ky., said Trump agreed to designate staff.", start=0, lexicon=cues)
    assert a.speaker != "Trump"
    b = annotate("It is fine, said Jane Smith on Tuesday.", start=0, lexicon=cues)
    assert b.speaker == "Jane Smith"


# ------------------------------------------------------------ flags a reader can believe


def members(*texts: tuple[str, str]) -> list[Member]:
    """Members of one row: (source, text), annotated as the pipeline does."""
    from compare_claims.annotate import annotate_statements

    out = []
    for src, text in texts:
        st = Statement(src, 0, len(text), text, paragraph_start=0, paragraph_end=len(text))
        (a,) = annotate_statements([st], text, CUES)
        out.append(Member(st, 100.0, a))
    return out


def test_a_loaded_word_inside_a_quotation_is_the_speakers_not_the_outlets() -> None:
    text = '“The regime is a threat,” the senator said of the government.'
    (m,) = members(("A", text))
    labels = [(s.text, s.quoted) for s in m.annotation.labels]
    assert ("regime", True) in labels
    # the same word in the outlet's own words is not quoted, and then it differs from the other outlet
    rows = flags_of(members(("A", "The regime in Caracas held a vote on Sunday."),
                            ("B", "The government in Caracas held a vote on Sunday.")))
    assert "labels" in [e.flag for e in rows]
    quoted = flags_of(members(("A", '“The regime held a vote on Sunday,” the senator said.'),
                              ("B", "The government held a vote on Sunday, the senator said.")))
    assert "labels" not in [e.flag for e in quoted]


def test_labels_flag_needs_a_close_pair_or_two_labels() -> None:
    # one outlet's extra adjective in a loose paraphrase is a fuller description, no other frame
    pair = members(("A", "Jones, a far-right conspiracy theorist, was banned by the platform on Monday."),
                   ("B", "The platform removed the accounts of the conspiracy theorist."))
    loose = [m._replace(score=40.0) for m in pair]
    assert "labels" not in [e.flag for e in flags_of(loose)]
    # even scored close, more differs than the label: it is not what differs
    assert "labels" not in [e.flag for e in flags_of(pair)]
    # the same sentence with and without the label: the label is what differs
    close = members(("A", "Jones, a far-right conspiracy theorist, was banned by the platform on Monday."),
                    ("B", "Jones, a conspiracy theorist, was banned by the platform on Monday."))
    assert "labels" in [e.flag for e in flags_of(close)]
    # a word both use is no difference, even where only one side's use counts as its own
    both = members(("A", "He was charged with fraud on Monday."),
                   ("B", "He was charged with “fraud” on Monday, prosecutors said."))
    assert [x.quoted for x in both[1].annotation.labels] == [True]
    assert "labels" not in [e.flag for e in flags_of(both)]


def test_neg_needs_one_subject() -> None:
    # what one person could not confirm and another confirmed can both be true
    two = members(("A", "Assange said he could not confirm the messages."),
                  ("B", "Trump Jr. confirmed the messages on Monday."))
    assert "polarity" not in [e.flag for e in flags_of(two)]
    one = members(("A", "The ministry did not confirm the messages."),
                  ("B", "The ministry confirmed the messages on Monday."))
    assert "polarity" in [e.flag for e in flags_of(one)]


def test_numbers_compare_the_one_value_of_a_kind_on_each_side() -> None:
    two = members(("A", "Her approval rating fell to 35.7 percent, below the 30 percent of his last year."),
                  ("B", "His approval rating stood at 36 percent in his last year."))
    assert "numbers" not in [e.flag for e in flags_of(two)]
    years = members(("A", "Several 2020 candidates said the report must be released."),
                    ("B", "The report on the 2016 election must be released, they said."))
    assert "numbers" not in [e.flag for e in flags_of(years)]
    when = members(("A", "The plant closed in 2016, the company said."),
                   ("B", "The plant closed in 2018, the company said."))
    assert "numbers" in [e.flag for e in flags_of(when)]


def test_a_statement_that_ends_a_quotation_opened_before_it_is_quoted() -> None:
    # the sentence continues a quotation: its closing mark is the only one it holds
    tail = annotate("Whatever we think about the war, we owe them our support.\u201d", start=0, lexicon=CUES)
    assert [(h.text, h.quoted) for h in tail.hedges] == [("think", True)]
    straight = annotate('Whatever we think about the war, we owe them our support."', start=0, lexicon=CUES)
    assert [(h.text, h.quoted) for h in straight.hedges] == [("think", True)]
    own = annotate("We think the war is over, the senator said.", start=0, lexicon=CUES)
    assert [(h.text, h.quoted) for h in own.hedges] == [("think", False)]


def test_a_hedge_inside_a_quotation_is_the_speakers() -> None:
    quoted = members(("A", "“I think it is time for a change,” Gibbs said."),
                     ("B", "Gibbs said it is time for a change."))
    assert [h.quoted for h in quoted[0].annotation.hedges] == [True]
    assert "hedge" not in [e.flag for e in flags_of(quoted)]
    own = members(("A", "Gibbs reportedly said it is apparently time for a change."),
                  ("B", "Gibbs said it is time for a change."))
    assert "hedge" in [e.flag for e in flags_of(own)]


def test_neg_does_not_fire_on_equal_text() -> None:
    text = "The governor said he would not support the bill and doesn't expect it to pass."
    assert flags_of(members(("A", text), ("B", text))) == ()
    near = "The governor said he would not support the bill and does not expect it to pass."
    assert "polarity" not in [e.flag for e in flags_of(members(("A", text), ("B", near)))]


def test_neg_fires_when_one_source_negates_what_the_other_says() -> None:
    found = flags_of(members(("A", "The two sides agreed on a ceasefire."),
                             ("B", "The two sides have not agreed on a ceasefire.")))
    neg = [e for e in found if e.flag == "polarity"]
    assert neg and {sid for sid, _span in neg[0].spans} == {"A", "B"}
    for sid, span in neg[0].spans:
        assert span.text in ("agreed", "agreed on") or span.text.startswith("agree")


def test_numbers_about_different_things_are_not_compared() -> None:
    career = members(("A", "He ended a 21-year career at the agency."),
                     ("B", "He faces a 60-day suspension from the agency."))
    assert "numbers" not in [e.flag for e in flags_of(career)]
    same = members(("A", "The quake killed 12 people in the province."),
                   ("B", "The quake killed 30 people in the province."))
    nums = [e for e in flags_of(same) if e.flag == "numbers"]
    assert nums and [span.text for _sid, span in nums[0].spans] == ["12 people", "30 people"] or \
        [span.text for _sid, span in nums[0].spans] == ["12", "30"]


def test_every_flag_carries_evidence_spans_with_offsets(seeds: Any, topics: Any) -> None:
    from compare_claims.topics import get_topic
    from conftest import run_topic

    result = run_topic(seeds, get_topic(topics, "iran"), topics)
    texts = {s.id: s.text for s in result.sources}
    flagged = [g for g in result.groups if g.flags]
    assert flagged
    for g in flagged:
        assert [e.flag for e in g.evidence] == list(g.flags)
        for e in g.evidence:
            assert e.note and e.spans
            for sid, span in e.spans:
                assert texts[sid][span.start:span.end] == span.text


def test_a_headline_naming_someone_is_not_a_transcript_turn(segment_cues: Any) -> None:
    from compare_claims.models import Source
    from compare_claims.segment import segment

    text = ("Trump: Roy Moore will 'step aside' if the allegations are proven true\n\n"
            "The president spoke to reporters on Friday about the Senate race in Alabama.\n\n"
            "Republican leaders in Washington have called on the candidate to quit the race.\n")
    statements = segment(Source("x", "x.txt", text), segment_cues).statements
    assert statements[0].speaker_hint == "Trump"
    assert all(st.speaker_hint == "" for st in statements[1:])


def test_a_modal_alone_is_shown_but_makes_no_hedge_flag() -> None:
    from compare_claims.divergence import FlagRules

    rules = FlagRules(CUES.modals, CUES.quiet_labels)
    row = members(("A", "The package was found before it could reach the offices."),
                  ("B", "The package was found before it reached the offices."))
    assert [h.text for h in row[0].annotation.hedges] == ["could"]
    assert "hedge" not in [e.flag for e in flags_of(row, rules)]
    lexical = members(("A", "The package apparently reached the offices."),
                      ("B", "The package reached the offices."))
    assert "hedge" in [e.flag for e in flags_of(lexical, rules)]


def test_a_belief_reported_of_someone_else_is_no_hedge() -> None:
    (third,) = members(("A", "Russia believes the decision to be a mistake."))
    (first,) = members(("A", "I believe the decision to be a mistake."))
    assert third.annotation.hedges == ()
    assert [h.text for h in first.annotation.hedges] == ["believe"]


def test_an_intensifier_is_shown_but_makes_no_labels_flag() -> None:
    from compare_claims.divergence import FlagRules

    rules = FlagRules(CUES.modals, CUES.quiet_labels)
    assert "intensifier" in CUES.quiet_labels
    row = members(("A", "Police found completely intact devices at the depot."),
                  ("B", "Police found intact devices at the depot."))
    assert any(lb.kind == "intensifier" for lb in row[0].annotation.labels)
    assert "labels" not in [e.flag for e in flags_of(row, rules)]


def test_he_said_after_a_quote_is_its_attribution_not_a_name_after_it() -> None:
    a = annotate("“He also invited me,” he said, referring to when Fox said he would come.", start=0, lexicon=CUES)
    assert a.speaker == "" and a.reporting_verb == "say"
    assert annotate("Obama Boehner Fiscal Cliff Meeting: Grasping for a deal", start=0, lexicon=CUES).speaker == ""


def test_neg_needs_the_other_side_to_negate_nothing() -> None:
    both = members(("A", "The rule would not apply to unmarried couples."),
                   ("B", "The rule only applies to married couples, and not to those in unions."))
    assert "polarity" not in [e.flag for e in flags_of(both)]


def test_who_does_not_fire_when_one_statement_names_the_others_speaker() -> None:
    row = members(("A", "Ryan told Fox News the plan would cut costs."),
                  ("B", "The plan would cut costs, Ryan said."))
    speakers = [m.annotation.speaker for m in row]
    assert "speaker" not in [e.flag for e in flags_of(row)], speakers


def test_a_headline_makes_no_hedge_polarity_or_numbers_flag() -> None:
    row = members(("A", "Possible Economic Risk Without Tax Deal, Officials Warn"),
                  ("B", "Economic Risk If Tax Deal Goes Down, Officials Warn"))
    assert not {"hedge", "polarity", "numbers"} & {e.flag for e in flags_of(row)}


def test_flags_compare_the_reference_with_members_that_tell_its_claim() -> None:
    from compare_claims.divergence import FlagRules

    row = members(("A", "The two sides agreed on a ceasefire."),
                  ("B", "The two sides have not agreed on a ceasefire."))
    ref, other = row[0]._replace(reference=True), row[1]
    assert "polarity" in [e.flag for e in flags_of([ref, other], FlagRules(min_score=30.0))]
    weak = other._replace(score=12.0)  # only alike: no flag
    assert flags_of([ref, weak], FlagRules(min_score=30.0)) == ()


# ------------------------------------------- flags compare one claim, not one subject


def scored(*texts: tuple[str, str]) -> list[Member]:
    """A row as the pipeline builds it: the first statement is the reference,
    each other member carries its real similarity to it (the default scorer)."""
    from compare_claims import align
    from compare_claims.config import load_vocabulary
    from compare_claims.textnorm import content_stems

    vocabulary = load_vocabulary()
    row = members(*texts)
    feats, idf = align.featurize([content_stems(m.statement.text, vocabulary) for m in row])
    score = align.SCORERS[align.DEFAULT_SCORER]
    return [row[0]._replace(reference=True)] + [m._replace(score=score(feats[0], feats[k], idf))
                                                  for k, m in enumerate(row[1:], 1)]


def test_a_hedge_bears_on_its_predicate_which_the_other_must_say() -> None:
    from compare_claims.divergence import FlagRules

    rules = FlagRules(CUES.modals, CUES.quiet_labels, 0.0, CUES.reported, CUES.stance)
    same = scored(("A", "The charges will include mail fraud and wire fraud, the report said."),
                  ("B", "The charges were expected to include mail fraud and wire fraud."))
    assert "hedge" in [e.flag for e in flags_of(same, rules)]
    # one subject, two things said of it: "appeared to shift" is not a hedged "said"
    other = scored(("A", "Trump said he could end the programme with an executive order."),
                   ("B", "On Wednesday Trump appeared to shift by avoiding any word of an executive order."))
    assert "hedge" not in [e.flag for e in flags_of(other, rules)]
    # a first-person verb of belief hedges its whole clause
    clause = scored(("A", "The rumours of troops sent to the region have no basis."),
                    ("B", "I hope that reason prevails and the rumours of troops sent to the region prove wrong."))
    assert "hedge" in [e.flag for e in flags_of(clause, rules)]


def test_a_negation_makes_the_polarity_flag_only_in_a_close_pair() -> None:
    close = scored(("A", "The two sides agreed on a ceasefire in the north."),
                   ("B", "The two sides have not agreed on a ceasefire in the north."))
    assert close[1].score >= 60
    assert "polarity" in [e.flag for e in flags_of(close)]
    # they share "members" and "staff", but one reports no one hurt, the other a warning
    loose = scored(("A", "Members and staff must stay vigilant, as bad actors are out there looking to do harm."),
                   ("B", "No members or staff were harmed in the shooting."))
    assert loose[1].score < 60
    assert "polarity" not in [e.flag for e in flags_of(loose)]


def test_a_label_both_sides_use_leaves_no_difference_in_a_loose_pair() -> None:
    row = scored(("A", "The controversial sheriff endorsed the governor on Tuesday, which could help him."),
                 ("B", "The sheriff, known for controversial stances on illegal immigration, endorsed "
                       "the governor on Tuesday during a campaign swing through three states."))
    assert row[1].score < 60
    assert "labels" not in [e.flag for e in flags_of(row)]


def paragraph_statements(text: str) -> list[Statement]:
    """One statement a paragraph of ``text`` (source "A"), as the segmenter places them."""
    out = []
    for index, para in enumerate(text.split("\n\n")):
        start, body = text.index(para), para.strip()
        out.append(Statement("A", start, start + len(body), body, paragraph=index,
                             paragraph_start=start, paragraph_end=start + len(body)))
    return out


def test_a_body_that_speaks_is_never_the_person_named_after_its_title() -> None:
    from compare_claims.annotate import annotate_statements

    text = ("Police Chief Scott Reed was injured in the blast on Friday.\n\n"
            "The bank was badly damaged, police said.\n\n"
            "Gov. Jane Miller visited the town on Saturday.\n\n"
            "The town will rebuild the bank, the governor said.\n")
    anns = annotate_statements(paragraph_statements(text), text, CUES)
    assert anns[1].speaker.lower().endswith("police")  # the police, not the chief
    assert anns[3].speaker == "Jane Miller"  # a role is the person named right after it


def test_a_role_with_another_kind_before_it_is_not_the_person_named_after_the_first() -> None:
    from compare_claims.annotate import annotate_statements

    text = ("The group's legislative policy director Ann Lee said the plan needs more revenue.\n\n"
            "The cuts will not be part of the deal, the budget director said on Sunday.\n\n"
            "The group will study every proposal, the policy director said.\n\n"
            "Its former director Tom Reed backed the plan.\n\n"
            "The plan is sound, the acting director said.\n")
    anns = annotate_statements(paragraph_statements(text), text, CUES)
    assert anns[1].speaker != "Ann Lee"  # a budget director is not the policy director
    assert anns[2].speaker == "Ann Lee"
    assert anns[4].speaker == "Tom Reed"  # "acting" says how, not which director


def test_a_role_is_the_holder_the_text_mentions_last_not_another_office() -> None:
    from compare_claims.annotate import annotate_statements

    # the story's governor, though another governor is named after him in passing
    text = ("Gov. Asa Lee on Wednesday urged lawmakers to change the harbour bill.\n\n"
            "In a neighbouring state, lawmakers and Gov. Tom Reed vowed to clarify a similar law.\n\n"
            "Lee, too, said the state is split on the question.\n\n"
            "The governor said even his own son had signed a petition against the bill.\n\n"
            "Vice President Ann Hill met the mayors on Monday.\n\n"
            "The president said the harbour would be rebuilt.\n")
    anns = annotate_statements(paragraph_statements(text), text, CUES)
    assert anns[3].speaker == "Asa Lee"
    # the president is not the vice president named before
    assert anns[5].speaker != "Ann Hill"


def test_a_person_named_in_what_a_pronoun_reports_is_not_the_pronoun() -> None:
    from compare_claims.annotate import annotate_statements

    text = ("“No,” Anna said quickly.\n\n"
            "Her mother wrote a letter to the editor on Friday.\n\n"
            "She went on to say that Anna and her sister were tired after the long trip.\n")
    anns = annotate_statements(paragraph_statements(text), text, CUES)
    assert anns[0].speaker == "Anna"
    assert anns[2].speaker != "Anna"  # Anna is spoken of, not the one who speaks
    text = ("“No,” Anna Reed said quickly.\n\n"
            "Her mother wrote a letter to the editor on Friday.\n\n"
            "She said the trip was long, and Ms. Reed agreed.\n")
    anns = annotate_statements(paragraph_statements(text), text, CUES)
    assert anns[2].speaker == "Anna Reed"  # named outside what is reported: hers may be the pronoun


def test_a_side_that_hedges_too_does_not_assert() -> None:
    # "likely" against "reportedly": both hedge the attribution, neither asserts it
    row = scored(("A", "The attack on the meatpacker was likely carried out by a criminal group based in Russia."),
                 ("B", "The attack on the meatpacker was reportedly carried out by a criminal group based in Russia."))
    assert "hedge" not in [e.flag for e in flags_of(row, RULES)]
    plain = scored(("A", "The attack on the meatpacker was likely carried out by a criminal group based in Russia."),
                   ("B", "The attack on the meatpacker was carried out by a criminal group based in Russia."))
    assert "hedge" in [e.flag for e in flags_of(plain, RULES)]


def test_a_group_named_in_one_word_is_no_speaker_to_compare() -> None:
    said = "and I think he should accept their counsel and exit the race for good"
    row = [Member(Statement(f"s{i}", 0, len(said), said), 100.0, Annotation(speaker=who, speaker_span=Span(0, 2, "who")))
           for i, who in enumerate(("Romney", "Missourians"))]
    assert "speaker" not in [e.flag for e in flags_of(row)]
    row[1] = row[1]._replace(annotation=Annotation(speaker="Mitt Romney", speaker_span=Span(0, 2, "who")))
    assert "speaker" not in [e.flag for e in flags_of(row)]  # one person, two ways
    row[1] = row[1]._replace(annotation=Annotation(speaker="Roy Blunt", speaker_span=Span(0, 2, "who")))
    assert "speaker" in [e.flag for e in flags_of(row)]
    # a surname in "s" is a person
    row[0] = row[0]._replace(annotation=Annotation(speaker="Sanders", speaker_span=Span(0, 2, "who")))
    assert "speaker" in [e.flag for e in flags_of(row)]


def test_which_one_word_speakers_are_groups() -> None:
    from compare_claims.speakers import is_group

    assert all(is_group(w) for w in ("Democrats", "Republicans", "Missourians", "Conservatives", "Critics"))
    assert not any(is_group(w) for w in ("Sanders", "Williams", "Jones", "Harris", "Peters", "Gates", "Trump", "Senate Democrats"))


def test_a_greeting_and_a_headline_name_no_speaker() -> None:
    from compare_claims.annotate import annotate_statements

    # "saying: “Hi, Congressman." greets someone; nobody called Hi speaks
    greeting = annotate("A young man approached him on a sidewalk, saying: “Hi, Congressman.",
                        start=0, lexicon=CUES)
    assert greeting.speaker != "Hi"
    # a role is never resolved to a capitalised word of a Title Case headline
    text = ("Congressman Apologizes For Grabbing Student On Camera\n\n"
            "\"Who are you!\" the congressman demands.\n")
    anns = annotate_statements(paragraph_statements(text), text, CUES)
    assert anns[1].speaker != "Apologizes"


def test_the_object_of_a_participle_or_a_phrasal_verb_is_no_speaker() -> None:
    assert speaker('Trump renewed his attacks, accusing a former Clinton aide of "disregarding protocols".') != \
        "a former Clinton aide"
    assert speaker("Trump slams his critics, calls on 'Deep State' DOJ to act") != "the Deep State"
    # the inverted attribution still names the speaker
    assert speaker("“We will win,” said Jane Smith, the mayor.") == "Jane Smith"
    assert speaker("“We will win,” explained Jane Smith.") == "Jane Smith"


# The role of "the spokesman said" is resolved without compiling a pattern per
# role: the scan must find what the one-pattern form finds.
_ROLE_TEXT = st.lists(st.sampled_from(["the", "spokesman", "Spokesman", "SPOKESMAN", "spo.", "Spo.", ",", ", ",
                                       " ", "  ", "\n", "Peter", "Carr", "O'Neil", "Jean-Luc", "x", "Ax", "’s"]),
                      max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(_ROLE_TEXT, st.sampled_from(["spokesman", "spokesman of state", "x"]))
def test_role_and_apposition_scans_match_their_one_pattern_form(text: str, words: str) -> None:
    from compare_claims.annotate import _NAME, _POSSESSIVE_RE, _apposed, _last_with_role

    # (an abbreviated form of address before the name, "Mr.", is written with its capital)
    one = re.search(rf"(?i:{re.escape(words)})" + r"\s*,\s+(?:[A-Z][a-z]{1,3}\.\s+)?" + f"(?i:{_NAME})", text)
    got = _apposed(words, text)
    assert (got and got.group(1)) == (one and one.group(1))
    head = words.split()[-1]
    role = rf"(?i:\b(?:{re.escape(head)}|{re.escape(head[:3])}\.))\s+"
    # the names without their possessive ("President Obama's adviser" names Obama)
    found = [_POSSESSIVE_RE.sub("", m.group(1)) for m in re.finditer(role + _NAME, text)]
    got = _last_with_role(head, text)
    if len({who.split()[-1] for who in found}) < 2:
        assert got == (found[-1] if found else None)
    else:  # of several, the one whose last name the text mentions last
        def last_mention(who: str) -> int:
            return max((m.start() for m in re.finditer(rf"\b{re.escape(who.split()[-1])}\b", text)), default=-1)

        assert got in found and last_mention(got) == max(map(last_mention, found))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", " ", "\u2018", "\u2019", "'", '"', ".", ",", "!", "\n", "X", "1", "_"]),
                max_size=30).map("".join))
def test_single_quoted_pattern_finds_what_its_first_form_found(text: str) -> None:
    # the pattern was reordered to open with the quote character (speed); the spans must not move
    from compare_claims.annotate import _SINGLE_QUOTED_RE

    first = re.compile("(?<![\\w'\u2019])[\u2018'](?=\\w)[^\n]*?(?<=[\\w.!?,])[\u2019'](?![\\w'\u2019])")
    assert [m.span() for m in _SINGLE_QUOTED_RE.finditer(text)] == [m.span() for m in first.finditer(text)]


def _segmented_speakers(text: str) -> dict[str, str]:
    """Each statement's first words -> its speaker, as segmenter and annotator place them."""
    from compare_claims.annotate import annotate_statements
    from compare_claims.config import load_segment_cues
    from compare_claims.models import Source
    from compare_claims.segment import segment

    statements = segment(Source(id="A", file="a.txt", text=text), load_segment_cues()).statements
    anns = annotate_statements(statements, text, CUES)
    return {" ".join(s.text.split()[:3]): a.speaker for s, a in zip(statements, anns)}


def test_a_clause_joined_by_but_takes_the_subject_of_its_sentence() -> None:
    """Read 68: "He did not rule out the possibility ..., | but said he did not know who could
    have sent it." (two statements) left the second without a speaker; so did "Weiner did not
    ..., but said ..." (one word and "did" opening a sentence were no subject)."""
    text = ("Jo Hale, the councillor, said on Monday that the vote had been unfair.\n\n"
            "He did not rule out the possibility that the letter was his, but said he did not know "
            "who could have sent it.\n")
    speakers = _segmented_speakers(text)
    assert speakers["but said he"] == "Jo Hale"
    assert speakers["He did not"] == ""  # what he did not do is told, not said
    assert speaker("Hale did not deny it, but said he did not know who sent it.") == "Hale"
    assert speaker("Yesterday did not go well, but Reed said it would.") == "Reed"


def test_a_question_told_without_quotation_marks_is_the_askers() -> None:
    """Read 68: "Was he sure, Mr. Jordan asked, that the I.R.S. targeting never came up?" had no
    speaker: "ask" reports words only beside a quotation, and a question set off by a comma
    around its asker is one."""
    assert speaker("Was the plan sound, Ms. Hale asked, that it never came up?") == "Hale"
    assert speaker("Was the plan sound, asked Jo Hale, that it never came up?") == "Jo Hale"
    # asking for something, or asking someone whether, still reports no words of the asker's
    assert speaker("Jo Hale asked him whether it came up.") == ""
    assert speaker("Jo Hale asked for more money.") == ""


def test_a_body_written_in_lower_case_speaks_and_with_a_capital_is_a_name() -> None:
    """Read 66: '..., the tech giant said in a statement.' had no speaker; news writes "the
    firm said", "the hospital said", "the bank said" all the time."""
    assert speaker("The firm said it would appeal the ruling.") == "the firm"
    assert speaker("The hospital said the patient was stable.") == "the hospital"
    assert speaker("“We do not ban anyone,” the tech giant said in a statement.") == "the giant"
    # with a capital the word is part of a name, which speaks whole
    assert speaker("Jo Hale of the Harbour Institute said it would fail.") == "Jo Hale"
    assert speaker("The Harbour Hospital Centre said the patient was stable.") == "Harbour Hospital Centre"


def test_a_verb_of_speaking_after_attempted_to_or_declined_to_is_its_subjects() -> None:
    """Read 67: "Dowd attempted to explain Sunday that the tweet was referring to ... Sally Yates
    telling ... McGahn ..." was given to Yates, the one told of inside what Dowd explained."""
    assert speaker("Jo Hale attempted to explain Sunday that the note meant Ann Lee telling Tom Reed "
                   "in January that it was over.") == "Jo Hale"
    assert speaker("Aides to Mr. Reed declined to say on Tuesday whether he would run.") == "the aides"
    assert speaker("The secretary tried to explain that a million letters come in every year.") == "the secretary"


def test_who_a_passive_main_clause_names_after_by_speaks() -> None:
    """Read 68: "... was reported ... by BigGovernment.com" and "Breitbart's BigGovernment.com
    first reported" had no speaker: a report in the passive names its reporter after "by"."""
    assert speaker("The letter was first reported by the Harbour Gazette.") == "Harbour Gazette"
    assert speaker("The figure was confirmed by the White House on Monday.") == "the White House"
    # a participle of a clause of "which", or with no auxiliary, tells no one's words
    assert speaker("The plan, which was proposed by Jo Hale, would cost five million.") == ""
    assert speaker("Fees proposed by the board would rise.") == ""


def test_a_name_inside_a_quotation_that_runs_on_is_not_its_speaker() -> None:
    # the quotation opens in one sentence and closes sentences later: "the president
    # has said" in it is what Lee says, not who speaks; "I said" there is still Lee's
    text = ("President Tom Hale spoke in the morning.\n\n"
            "“I have a generational reaction to it,” Ann Lee said at a town hall. "
            "“But in any event, I am not in the censorship business. "
            "I do not like that language, and I would not use it. "
            "I do not think it is anything worse than what the president has said.”\n")
    speakers = _segmented_speakers(text)
    assert all(who != "Tom Hale" for first, who in speakers.items() if first != "President Tom Hale")
    assert speakers["“I have a"] == "Ann Lee"


def test_a_person_named_inside_a_quotation_is_spoken_of_not_speaking() -> None:
    text = ("Tom Hale wrote on Monday that the judge should resign, as Mr. Hale has before.\n\n"
            "The judge had started the row in an interview on Saturday. "
            "“I can not imagine what the country would be with Tom Hale as our president. "
            "For the court, I do not even want to think about it,” she said.\n")
    speakers = _segmented_speakers(text)
    assert speakers["Tom Hale wrote"] == "Tom Hale"
    assert all(who != "Tom Hale" for first, who in speakers.items() if first != "Tom Hale wrote")


def test_a_headline_label_that_names_no_one_in_the_story_is_no_speaker() -> None:
    story = ("Servers Down: Outage Hits Major Websites\n\n"
             "A brief outage at a cloud company took down news sites on Tuesday, the company said.\n")
    assert _segmented_speakers(story)["Servers Down: Outage"] == ""
    turn = ("Ann Lee: The plan is sound\n\n"
            "The council will vote on Tuesday, Ms. Lee said.\n")
    assert _segmented_speakers(turn)["Ann Lee: The"] == "Ann Lee"


def test_a_clause_setting_its_own_subject_against_the_attribution_is_the_narrators() -> None:
    text = ("Tom Reed announced on Sunday that the agency would study the burst pipe, "
            "though it is unclear when the study will begin.\n\n"
            "Ann Lee announced the plan on Monday, while lamenting what she called a slow start.\n")
    speakers = _segmented_speakers(text)
    assert speakers["though it is"] == ""
    assert speakers["while lamenting what"] == "Ann Lee"  # no subject of its own: still hers


def test_a_clause_keeps_its_own_speaker_and_prose_before_an_attribution_has_none() -> None:
    text = ("The mayor has said that ten million dollars for the new harbour wall is not negotiable, "
            "while council members have said they will fund a smaller repair of the old pier.\n\n"
            "Such a change is widely considered a costly mistake by the port's engineers, "
            "but Mayor Tom Reyes says he wanted to protect the fishing fleet from the winter storms.\n")
    speakers = _segmented_speakers(text)
    assert "mayor" not in speakers["while council members"].lower()
    assert speakers["Such a change"] == ""
    assert speakers["but Mayor Tom"] == "Tom Reyes"


def test_a_clause_after_its_attribution_and_a_quoted_clause_take_the_sentence_speaker() -> None:
    text = ("Jane Miller claimed that the harbour wall would be finished by the spring, "
            "and that the town had already paid for most of its stone.\n")
    speakers = _segmented_speakers(text)
    assert set(speakers.values()) == {"Jane Miller"}


def test_a_role_resolves_to_the_name_without_its_possessive() -> None:
    from compare_claims.annotate import annotate_statements

    text = ("Ann Lee, President Obama's adviser, criticised the visit on Tuesday.\n\n"
            "The president has said he will not meet the visitor during his trip.\n")
    anns = annotate_statements(paragraph_statements(text), text, CUES)
    assert anns[1].speaker == "Obama"


def test_a_headline_label_ending_in_a_body_names_no_speaker() -> None:
    story = annotate("Ann Lee Senate: Governor Names Former Chief Of Staff To The Empty Seat", start=0, lexicon=CUES)
    person = annotate("Ann Lee: the governor will name a new chief of staff", start=0, lexicon=CUES)
    assert story.speaker == "" and person.speaker == "Ann Lee"


def test_a_sentence_full_of_names_is_no_headline_and_its_dates_are_compared() -> None:
    rules = SAME_RULES
    row = scored(("A", "Jane Miller has led House Democrats since 2002."),
                 ("B", "Jane Miller has led House Democrats since 2003, and that is what her rival had argued."))
    assert [e.flag for e in flags_of(row, rules)] == ["numbers"]
    # a headline in Title Case still makes no numbers flag
    title = scored(("A", "Jane Miller Has Led House Democrats Since 2002"),
                   ("B", "Jane Miller has led House Democrats since 2003, and that is what her rival had argued."))
    assert "numbers" not in [e.flag for e in flags_of(title, rules)]


@pytest.mark.parametrize("text, speaker", [
    ("\u201cWe brought this to their attention weeks ago,\u201d said Sen. Steve Lopez, D-Phoenix.", "Steve Lopez"),
    ("\u201cI will not resign,\u201d said Mr. Green, who tried to end the questions.", "Green"),
    ("Sen. Jane Smith said the bill would pass.", "Jane Smith"),
    # the name is the object of a verb of the subject's clause, not who speaks
    ("A handful of Democrats who had backed Mr. Ryan vowed to press on with the proposal.", ""),
    # ... unless what follows it is its own participle
    ("\u201cPeople love you,\u201d the video showed Lee telling supporters.", "Lee"),
    # an honorific is no role: the name it is written before speaks ("first" between them, as "also")
    ("Mr. Sestak first mentioned in February that he had been offered a job.", "Sestak"),
    # the name set off between commas after a common noun speaks
    ("The lawyer for Mrs. Green, Tom Kirsch, said that the emails were personal.", "Tom Kirsch"),
    ("The bill, sponsored by Jane Smith, says the tax will rise.", ""),
    # a reporting verb's word used as a noun names no speaker
    ("Fighting has also broken out in the Blue Nile state this year.", ""),
    ("Four states have legalized recreational marijuana this year.", ""),
    ("The senators have not independently confirmed the BuzzFeed report.", ""),
    ("Democrats who now control the House say that they will accept the findings.", ""),
    # ... but a verb after a number set off by commas, or after two names, is one
    ("“Now that is what I call a good protest,” Jonathan Smith, 45, said.", "Jonathan Smith"),
    ("As my colleagues Kim Severson and Robbie Brown report from Atlanta, the chain began there.", "Robbie Brown"),
    ("Obama claims the plan will work.", "Obama"),
    # an adverb between the subject and its verb
    ("Patrick has consistently said that the pick should not run in June.", "Patrick"),
    # a verb in -ing after the clause's object: the object does not speak
    ("President Jo Hart takes office vowing to restore prosperity", ""),
    # a title of two words is one role, not "the general"
    ("The inspector general said the agency had acted lawfully.", "the inspector general"),
    # a party and a state after the name are an aside, not where the subject stops
    ("Sen. Jane Smith, R-Ariz., said the bill would fail.", "Jane Smith"),
    ("Sen. Jane Smith (D-N.Y.) said the bill would fail.", "Jane Smith"),
    ("Rep. Jane Smith, R-N.Y., who opposes the bill, said it would fail.", "Jane Smith"),
    # ... the state spelled out, no full stop before the aside's comma
    ("Sen. Jane Smith, R-Texas, who on Thursday unveiled her own plan, said Friday that it would fail.",
     "Jane Smith"),
    # ... also inside an aside: the person set off before it speaks, not the politician
    ("Ann Lee, the communications director for Rep. Jo Hart (R-Tenn.), wrote that the plan would fail.", "Ann Lee"),
    ("Brendan Fox, spokesman for House Speaker Jo Hart (R-Ohio), said just that.", "Brendan Fox"),
    # a title word as a surname after a person's title and a given name: a person, not a role
    ("Rep. Peter King said the bill would fail.", "Peter King"),
    ("The House Ethics Committee announced in November that it would look into it.", "the House Ethics Committee"),
    ("\u201cI believe he will follow through,\u201d independent Sen. Angus King of Maine told reporters.", "Angus King"),
    # "X for Y" names an organisation whole, not its last word
    ("\u201cIt was a stunning display of cowardice,\u201d said Democracy for America, a group.", "Democracy for America"),
    # "and" inside a body's name (read 24's "the Human Services Department")
    ("The Health and Human Services Department said it would extend the benefits.",
     "the Health and Human Services Department"),
    # a long aside between the subject and its verb (read 26's AARP)
    ("AARP, the powerful lobby for older Americans that has been seen as one of the leading opponents "
     "of benefit cuts, said on Friday that it was open to reductions.", "AARP"),
    ("Representative Peter T. King, a Republican of New York, said it was a mistake.", "Peter T. King"),
    # a day between the subject and the verb; a body after a preposition and "the" is a place or an agent
    ("Stone on Friday said he would fight the charges.", "Stone"),
    ("Maggie Haberman in the New York Times today explains why it matters.", "Maggie Haberman"),
    ("E-mails released by the White House on Wednesday revealed a fierce fight.", ""),
    # a statement issued is its maker's, unless another verb there gives the words quoted
    ("Trying to calm the row, Jane Smith issued a statement saying the plan would fail.", "Jane Smith"),
    ("Jo Hart also issued a statement shortly after Ann Lee told voters that the plan is "
     "“about some phony ideal.”", "Ann Lee"),
    # a document says what it holds, where no person or body in the sentence does
    ("The letter says the senator misused the church's teaching.", "the letter"),
    ("“The goal was to enrich themselves,” the 47-page indictment says.", "the indictment"),
    ("Mr. Stone wrote that more releases were coming, according to the indictment.", "Stone"),
    ("The New York Times reported that he asked Ann Lee to end the inquiry, according to a memo Lee wrote.",
     "New York Times"),
    # a verb of speaking after a form of "be": the subject before it speaks
    ("The New York Times is reporting that the plan failed.", "New York Times"),
    ("Mr. Tom Reyes is expected to say that the plan will fail.", "Tom Reyes"),
    ("Republicans have been insisting that the plan include savings.", "Republicans"),
    # ... not a verb of wanting or doing, nor in a clause naming what is said
    ("Democrats were hoping to force a vote on the harbour bill.", ""),
    ("No one asked whether Ann Lee understood that what she was saying was false.", ""),
    # "X did Y, saying Z": the one the sentence opens on says Z ...
    ("Rubio criticized the president, saying that his policy had failed.", "Rubio"),
    ("Mr. Tom Reyes did not back down, saying, \u201cI think the bill is bad.\u201d", "Tom Reyes"),
    # ... not a capitalised common word opening it
    ("Several lawmakers have spoken out against the speech, saying it could cause strain.", ""),
    # ... and a verb with its own subject comes first
    ("Mr. Jo Hart raised the stakes, warning that the deal was dead, Tom Reyes said.", "Tom Reyes"),
    # a role for someone, then a name set off: the name speaks, not the one the role is for
    ("A spokesman for Mr. Tom Reyes, Jo Hart, said Tuesday that the charges were political.", "Jo Hart"),
    ("The spokesman for the Justice Department, Ann Lee, said it was fine.", "Ann Lee"),
])
def test_who_speaks_in_one_sentence(text: str, speaker: str) -> None:
    assert annotate(text, start=0, lexicon=CUES).speaker == speaker


def test_a_title_inside_an_aside_does_not_carry_the_subject_past_it() -> None:
    # "..., a founder of the House Freedom Caucus, asked if Mr. Trump should ..., said": the
    # walk back to the subject stops at "Mr." rather than take the caucus for the speaker
    text = ("Representative Jo Hart, Republican of Ohio, a founder of the conservative House Freedom "
            "Caucus, asked if Mr. Trump should demand extradition of the hackers, said, \u201cI'll leave that.\u201d")
    assert "Caucus" not in annotate(text, start=0, lexicon=CUES).speaker
    assert annotate("Another Republican, Rep. Jo Hart of Ohio, also tweeted that it would fail.",
                    start=0, lexicon=CUES).speaker != "Republican"


def test_he_said_in_the_paragraph_after_its_speaker_is_theirs_unless_the_text_says_otherwise() -> None:
    from compare_claims.annotate import annotate_statements

    text = ("Senator Tom Reyes said the harbour bill would pass this week.\n\n"
            "\u201cWe have the votes and we will use them,\u201d he said on Wednesday.\n\n"
            "Ms. Ann Lee said the bill would fail in the other chamber.\n\n"
            "\u201cThey will not pass it,\u201d he said.\n")
    anns = annotate_statements(paragraph_statements(text), text, CUES)
    assert anns[1].speaker == "Tom Reyes"
    assert anns[3].speaker == ""  # "Ms. Lee" is no "he"


def test_he_said_is_the_person_a_paragraph_opens_on() -> None:
    said = _segmented_speakers(
        "Mr. Tom Reyes responded that the rules leave the managers broad discretion.\n\n"
        "That did not satisfy Justice Ann Scalo. \u201cThen you have no discretion,\u201d she said.\n\n"
        "Mr. Reyes answered at length about the rules.\n\n"
        "But Ms. Ann Lee, who had backed Mr. Paul Ford, is not convinced. \u201cIt cannot pass,\u201d he said.\n\n"
        "The mayor, Jo Hart, doubted Mr. Tom Reyes. \u201cNothing will change,\u201d he said.\n")
    assert said["\u201cThen you have"] == "Ann Scalo"  # not Mr. Reyes, who spoke before
    assert said["\u201cIt cannot pass,\u201d"] == "Paul Ford"  # the first named who can be "he" ("Ms. Lee" cannot)
    # a name set off by commas after a role is a person too, and the role may say who is "he"
    assert said["\u201cNothing will change,\u201d"] == "Jo Hart"
    wife = _segmented_speakers(
        "Mr. Tom Reyes said the vote was broken.\n\n"
        "His wife, Ann Hart, stood beside Mr. Paul Ford. \u201cNothing will change,\u201d he said.\n\n"
        "The first lady, Ann Vance, questioned Ms. Jo Lane's account. \u201cIt is wrong,\u201d she said.\n")
    assert wife["\u201cNothing will change,\u201d"] == "Paul Ford"  # a wife is no "he"
    assert wife["\u201cIt is wrong,\u201d"] == "Ann Vance"
    # an acronym that spoke before is a body, no "he"
    group = _segmented_speakers(
        "The NRA said the report was fair.\n\n"
        "As word of the NRA's position spread, its chief, Tom Reyes, issued a statement refuting what he "
        "described as false reports.\n")
    assert group["As word of"] == "Tom Reyes"
    # ... unless it is someone who spoke before in the text
    later = _segmented_speakers(
        "Paul Ford said the harbour bill would pass.\n\n"
        "\u201cWe have the votes,\u201d Ann Lee said on Tuesday.\n\n"
        "In a long speech on Friday, Ford mourned the jobs lost at the port. \u201cThey are gone,\u201d he said.\n")
    assert later["In a long"] == "" and later["\u201cThey are gone,\u201d"] == "Paul Ford"
    # ... named in the statement itself, before the pronoun
    within = _segmented_speakers(
        "Paul Ford said the harbour bill would pass.\n\n"
        "\u201cWe have the votes,\u201d Ann Lee said on Tuesday.\n\n"
        "On Friday Ford walked along the empty quay of the port as he described "
        "\u201crusted gates\u201d and idle cranes.\n")
    assert within["On Friday Ford"] == "Paul Ford"  # not Ann Lee, who spoke last


def test_a_quotation_opening_its_paragraph_is_the_person_the_paragraph_before_opens_on() -> None:
    said = _segmented_speakers(
        "Paul Ford said the harbour bill would pass.\n\n"
        "Mr. Tom Reyes, speaking to a local radio station, rejected that notion.\n\n"
        "\u201cI know the pain of the workers,\u201d he said.\n\n"
        "However, Ms. Ann Lee appeared to suggest she would vote for it.\n\n"
        "\u201cNobody would be a tougher negotiator,\u201d she said.\n")
    assert said["\u201cI know the"] == "Tom Reyes"  # not Paul Ford, who spoke last
    assert said["\u201cNobody would be"] == "Ann Lee"  # after the comma of an opening phrase
    # not a person the sentence does not open on, nor one the quotation itself names
    said = _segmented_speakers(
        "Paul Ford said the harbour bill would pass.\n\n"
        "Democrats were united in condemnation against Mr. Tom Reyes's plan.\n\n"
        "\u201cThis is more of the same,\u201d he said.\n\n"
        "Mr. Jo Hart was in the early stages of the inquiry.\n\n"
        "\u201cWe had no confidence in Hart's choice,\u201d he said.\n")
    assert said["\u201cThis is more"] == "" and said["\u201cWe had no"] == ""
    # one who spoke earlier needs only nothing against the pronoun ("Ms. Lee" is no "he")
    said = _segmented_speakers(
        "Paul Ford wrote that the harbour bill was a disgrace.\n\n"
        "Ford later apologized for the post.\n\n"
        "\u201cI reacted too fast to an article,\u201d he said.\n\n"
        "Ms. Ann Lee said the bill would pass.\n\n"
        "Lee later changed her mind about the bill.\n\n"
        "\u201cIt cannot pass now,\u201d he said.\n")
    assert said["\u201cI reacted too"] == "Paul Ford" and said["\u201cIt cannot pass"] == ""
    # nor one of a last name that someone else of another given name holds there
    said = _segmented_speakers(
        "Mary Vance said she would vote for the bill.\n\n"
        "On Friday, Liz Vance came out against it.\n\n"
        "\u201cI am not for this bill,\u201d she said.\n")
    assert said["\u201cI am not"] == ""
    # ... but one who spoke there is who goes on: a statement issued is its maker's words
    said = _segmented_speakers(
        "Mary Vance said she would vote for the bill.\n\n"
        "On Friday, Liz Vance issued a statement opposing it.\n\n"
        "\u201cI am not for this bill,\u201d she said.\n")
    assert said["\u201cI am not"] == "Liz Vance"


def test_a_quotation_going_on_over_paragraphs_is_the_speaker_s_of_its_first() -> None:
    said = _segmented_speakers(
        "Paul Ford was arrested on Friday.\n\n"
        "\u201cA SWAT team, scaring his wife, it was completely unnecessary,\u201d his attorney, Ann Lee, said.\n\n"
        "\u201cA telephone call would have done the job, and he would have appeared.\n\n"
        "Mr. Ford has nothing to hide.\u201d\n\n"
        "\u201cWe will appeal the ruling at once,\u201d Jo Hart, the mayor, said.\n\n"
        "The council met on Monday.\n\n"
        "\u201cThe harbour will close for good.\u201d\n")
    assert said["\u201cA telephone call"] == "Ann Lee" and said["Mr. Ford has"] == "Ann Lee"
    assert said["\u201cWe will appeal"] == "Jo Hart"  # its own attribution
    assert said["\u201cThe harbour will"] == ""  # after narration: nobody's quotation goes on


def test_values_are_compared_only_about_the_same_thing() -> None:
    rules = SAME_RULES
    # airtime reserved so far and what the whole campaign costs can both be true (a blind flag read)
    row = scored(("A", "They have reserved $500,000 of airtime in Leeds, York and Hull."),
                 ("B", "The advert, to run in Hull, York and Leeds, is costing the charity $1 million, it confirmed."))
    assert "numbers" not in [e.flag for e in flags_of(row, rules)]
    # a 21-year career is no 60-day suspension
    other = scored(("A", "The agent, a 21-year veteran of the bureau, was fired on Friday afternoon."),
                   ("B", "The bureau fired the agent on Friday afternoon after a 60-day suspension."))
    assert "numbers" not in [e.flag for e in flags_of(other, rules)]


def _quote_flag(a: str, b: str) -> list[str]:
    rules = SAME_RULES
    return [e.note for e in flags_of(scored(("A", a), ("B", b)), rules) if e.flag == "quote"]


def test_two_sources_quoting_one_utterance_in_other_words_make_a_quote_flag() -> None:
    notes = _quote_flag("\u201cEvery day that passes, the city gets closer and closer to a flood,\u201d the mayor says.",
                        "\u201cEvery day that passes, the city gets closer and closer to disaster,\u201d the mayor is shown saying.")
    assert notes == ["A quotes 'a flood'; B quotes 'disaster'"]


@pytest.mark.parametrize("a, b", [
    # a quotation cut shorter: statements end where their sentences do
    ("\u201cWe will rebuild the old harbour wall before the winter storms come,\u201d she said.",
     "\u201cWe will rebuild the old harbour wall,\u201d she said."),
    # a contraction, an abbreviation, a compound spelt apart, a censored word
    ("\u201cI'd like to know who those harbour workers are,\u201d Lee said.",
     "\u201cI would like to know who those harbour workers are,\u201d Lee said."),
    ("\u201cSen. Reid respects that but thinks the harbour should be built elsewhere.\u201d",
     "\u201cSenator Reid respects that but thinks the harbour should be built elsewhere.\u201d"),
    ("\u201cIt might affect future events as well as our workforce at the harbour,\u201d he said.",
     "\u201cIt might affect future events as well as our work force at the harbour,\u201d he said."),
    # a name spelt otherwise, an editor's words in brackets
    ("\u201cAnd now it looks like (the strongman) Gadhafi is going to beat the United States.\u201d",
     "\u201cAnd now it looks like (Libyan strongman Muammar) al-Qaddafi is going to beat the United States.\u201d"),
    # two named people's words, however alike
    ("\u201cThe harbour wall must be finished before the winter,\u201d Ann Lee said.",
     "\u201cThe harbour wall must be built before the winter,\u201d Tom Reyes said."),
])
def test_a_quotation_written_down_otherwise_makes_no_quote_flag(a: str, b: str) -> None:
    assert _quote_flag(a, b) == []


@pytest.mark.parametrize("a, b, one", [
    # read 52: a contracted verb written out is one utterance ("We're" / "We are")
    ("\u201cWe\u2019re asking the mayor to open the harbour again,\u201d she said.",
     "Ms. Lee said: \u201cWe are asking the mayor to open up the harbour again.\u201d", True),
    ("\u201cThey don\u2019t want the harbour wall built,\u201d he said.",
     "\u201cThey do not want the harbour wall built at all,\u201d he said.", True),
    # only a pronoun's "'s" is "is": after a name it may be a possessive, and stays one word
    ("\u201cMayor Lee\u2019s going to build the wall now,\u201d he said.",
     "\u201cMayor Lee is going to build the wall,\u201d he said.", False),
    ("\u201cShe\u2019s going to build the wall now,\u201d he said.",
     "\u201cShe is going to build the wall,\u201d he said.", True),
])
def test_one_utterance_with_and_without_contractions(a: str, b: str, one: bool) -> None:
    row = scored(("A", a), ("B", b))
    assert one_utterance(row[0], row[1]) is one


def test_words_addressed_to_someone_and_words_about_them_are_two_texts() -> None:
    # a letter to the mayor beside a speaker's words about him (read 16): no misquote
    speech = ("\u201cI fear that Mayor Lee\u2019s plan reflects the wishes of his favourite donor Tom Reyes rather "
              "than the needs of the city,\u201d said Father Reese.")
    letter = ("\u201cYour plan appears to reflect the wishes of your favourite donor, Tom Reyes, rather than the needs "
              "of the city,\u201d says the letter, which the members sent to Mr. Lee.")
    assert _quote_flag(speech, letter) == []
    # the same persons on both sides: one text quoted otherwise
    assert _quote_flag(speech, letter.replace("Your plan", "I fear that Mayor Lee\u2019s plan").replace("your", "his")) == [
        "A quotes 'reflects'; B quotes 'appears to reflect'"]


def test_a_quotation_turned_into_reported_speech_makes_no_quote_flag() -> None:
    assert _quote_flag("Stone said he \u201clooks forward to being fully and completely vindicated\u201d by the court.",
                       "\u201cI look forward to being fully and completely vindicated,\u201d Stone said.") == []


def test_a_word_one_quotation_lacks_is_shown_with_its_neighbour_on_both_sides() -> None:
    notes = _quote_flag("\u201cThere should be no meeting alone between this mayor and the harbour board,\u201d Lee said.",
                        "\u201cThere should be no meeting alone between mayor and the harbour board,\u201d Lee told reporters.")
    assert notes == ["A quotes 'this mayor'; B quotes 'mayor'"]


def test_a_quotation_after_an_attributed_one_goes_on_with_its_speaker() -> None:
    text = ("\u201cThe harbour wall is late,\u201d Ann Lee said on Monday. \u201cThe town has not paid for the "
            "stone yet.\u201d\n\n\u201cWe will wait for the council.\u201d\n")
    speakers = _segmented_speakers(text)
    assert speakers["\u201cThe town has"] == "Ann Lee"
    # a quotation alone in the next paragraph, attributing nothing, goes on with her too
    # (test_a_quotation_going_on_over_paragraphs_is_the_speaker_s_of_its_first)
    assert speakers["\u201cWe will wait"] == "Ann Lee"


def test_the_sentences_of_one_quotation_are_one_speakers() -> None:
    text = ("\u201cThe harbour wall is late,\u201d Ann Lee said on Monday. \u201cIt is over budget. The town has "
            "not paid for the stone. We will ask the council for more,\u201d she added.\n")
    speakers = _segmented_speakers(text)
    assert speakers["\u201cIt is over"] == speakers["The town has"] == speakers["We will ask"] == "Ann Lee"


def test_an_apposition_after_a_role_is_a_name_only_when_every_word_is_capitalised() -> None:
    from compare_claims.annotate import annotate_statements

    text = ("According to the spokesman, Lee spoke to both owners by phone on Tuesday.\n\n"
            "The harbour will reopen, said the spokesman, Peter Carr.\n")
    anns = annotate_statements(paragraph_statements(text), text, CUES)
    assert anns[0].speaker == "the spokesman" and anns[1].speaker == "Peter Carr"


def test_a_reporting_verb_used_as_a_noun_names_no_speaker() -> None:
    noun = annotate("The chairman is known for careless comments, but the Kabul remarks were too much for his party.",
                    start=0, lexicon=CUES)
    verb = annotate("The chairman remarks that the war is too costly.", start=0, lexicon=CUES)
    assert noun.speaker == "" and noun.reporting_verb == ""
    assert verb.reporting_verb == "remark"



def _pair_flags(a: str, b: str) -> list[str]:
    """The flags of a row of two statements, as the pipeline compares them (the "same" score)."""
    return [e.flag for e in flags_of(scored(("A", a), ("B", b)), SAME_RULES)]


def test_an_outlet_that_does_not_vouch_for_a_report_hedges_it() -> None:
    # "reportedly": the outlet relies on someone else's report; the other states it
    assert "hedge" in _pair_flags("“It is not something to be decided by a show of hands,” Mary Cheney reportedly wrote.",
                                  "“It is not something to be decided by a show of hands,” Mary Cheney wrote.")
    # "allegedly" before a charge is how a charge is told, not a hedge of the outlet's
    assert "hedge" not in _pair_flags("Twelve officers were indicted on Friday for allegedly hacking the party's emails.",
                                      "Twelve officers were indicted on Friday for hacking the party's emails.")


def test_they_said_is_no_one_person() -> None:
    said = _segmented_speakers(
        "Mr. Tom Reyes said the vote on the harbour bill was broken.\n\n"
        "They argued that he could not be impartial because his brother had voted.\n\n"
        "Ms. Ann Lee said the agency was slow. \u201cI asked the agency to release them. "
        "They said they would review them soon,\u201d she said.\n")
    assert said["They argued that"] == ""  # not Mr. Reyes
    assert said["They said they"] == "Ann Lee"  # inside her quotation: her words


def test_a_value_both_tell_anchors_the_one_other_value_each_tells() -> None:
    # both give the 2.1 million peak of 1998; the counts of last year answer each other
    assert "numbers" in _pair_flags(
        "There were roughly 610,000 arrests at the harbour last year, a third of the 2.1 million arrests of 1998.",
        "Harbour arrests have fallen, to 450,000 in the last fiscal year from a peak of 2.1 million in 1998.")
    # a year both tell anchors nothing: two statements share years whatever they say
    assert "numbers" not in _pair_flags(
        "The harbour police made roughly 610,000 arrests in 1998, the busiest year of the port.",
        "The port of the harbour welcomed 450,000 cruise visitors in 1998, the busiest year.")


def test_a_headline_keyword_prefix_is_no_turn_label() -> None:
    from compare_claims.speakers import normalise_hint

    # "Jo Hart Senate: Governor Names ...": a name and a body, a headline's keywords
    assert normalise_hint("Jo Hart Senate", CUES) == ""
    assert normalise_hint("White House", CUES) == "White House"  # a body speaks
    assert normalise_hint("Sergey Lavrov", CUES) == "Sergey Lavrov"


def _may_be_as_first_written(person: str, pronoun: str, before: str) -> bool:
    import re

    from compare_claims.annotate import _GENDERED

    last = re.escape(person.split()[-1])
    other = "she" if pronoun == "he" else "he"
    names = r"(?:[A-Z][\w'’-]*\.?\s+){0,2}" + last + r"\b"
    if re.search(_GENDERED[other][0] + names, before) and not re.search(_GENDERED[pronoun][0] + names, before):
        return False
    at = before.rfind(person.split()[-1])
    paragraph = before[before.rfind("\n", 0, at) + 1:] if at >= 0 else ""
    return not (re.search(_GENDERED[other][1], paragraph, re.IGNORECASE)
                and not re.search(_GENDERED[pronoun][1], paragraph, re.IGNORECASE))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["Ann Lee", "Lee", "Tom Hart"]), st.sampled_from(["he", "she"]),
       st.lists(st.sampled_from(["Mr.", "Ms.", "Mrs.", "Lee", "Hart", "Ann", "Tom", "he", "she", "his", "her",
                                 "said", "\n", "\n\n", ".", "the"]), max_size=25).map(" ".join))
def test_may_be_reads_the_gender_cues_as_it_did(person: str, pronoun: str, before: str) -> None:
    """``_may_be`` now reads ``_gender_cues``, shared with ``_is_a``: it says what it said."""
    from compare_claims.annotate import _may_be

    assert _may_be(person, pronoun, before) == _may_be_as_first_written(person, pronoun, before)


@pytest.mark.parametrize("paragraph_before, paragraph, speaker", [
    ("Mr. Tom Reyes's letter did not single out any decision.",
     "He said the core of the harbour plan lay in the alliances of the port towns.", "Tom Reyes"),
    # not a person named inside what the paragraph before tells of another ...
    ("Jo Hart \u2015 who worked for Nixon, Ronald Reagan and others \u2015 took credit for the bill.",
     "He repeatedly has said it was a possibility that the bill would fail.", ""),
    # ... nor one the text never says the pronoun is theirs (no honorific, never spoke)
    ("Rep. Jo Hart asked her if she could comment briefly on the bill.",
     "She said the questionnaire began this discussion of the harbour.", ""),
    # a title of office before the name says who the story follows (read 61), where no
    # pronoun in that paragraph brings in anyone else (above) ...
    ("Harbour Board Press Secretary Jo Hart was peppered with questions at the briefing.",
     "He said the board's policy is that staff should use their official accounts.", "Jo Hart"),
    ("But Justice Tom Reyes was unconvinced.",
     "\u201cI am being pulled both ways here,\u201d he told the plaintiffs' lawyer.", "Tom Reyes"),
    # ... never a name alone
    ("Jo Hart was peppered with questions at the briefing.",
     "He said the board's policy is that staff should use their official accounts.", ""),
])
def test_a_paragraph_of_prose_opening_on_he_said_goes_on_with_the_person_the_one_before_opens_on(
        paragraph_before: str, paragraph: str, speaker: str) -> None:
    said = _segmented_speakers(f"Paul Ford said the harbour bill would pass.\n\n{paragraph_before}\n\n{paragraph}\n")
    assert said[" ".join(paragraph.split()[:3])] == speaker


def test_a_statement_issued_in_a_transcript_turn_is_read_without_error() -> None:
    # the verb that gives no words is ranked after the others, and the turn's speaker rule still
    # reads the verb where it stands (a BBC text in the 50 MB benchmark file once raised IndexError)
    got = annotate("Jane Smith issued a statement on Friday.", start=0, lexicon=CUES, speaker_hint="Jo Hart")
    assert (got.speaker, got.reporting_verb) == ("Jane Smith", "issue a statement")


@pytest.mark.parametrize("text, speaker", [
    # a capitalised modifier opens an organisation's name when no title sets a person off
    ("The National Harbour Association said on Monday that the port was closed.\n",
     "National Harbour Association"),
    ("The Federal Reserve said rates would rise.\n", "Federal Reserve"),
    # an office named for its holder's title is one name (read 64: "according to the U.S.
    # Attorney's Office" gave "U.S"); a person's possessive still ends the name
    ("The port closed on Monday, according to the U.S. Attorney\u2019s Office.\n", "the U.S. Attorney\u2019s Office"),
    ("The Governor's Office said the port would close.\n", "the Governor's Office"),
    # plural roles speak as a group (read 64: "..., prosecutors announced Tuesday" had none)
    ("Jo Hart and her husband were indicted on fraud charges, prosecutors announced Tuesday.\n", "the prosecutors"),
    ("The port closed early, according to investigators.\n", "the investigators"),
    # "disclose" reports what someone says (read 63: "..., he disclosed that the proposal had drawn resistance")
    ("When Mayor Jo Hart spoke on Monday about the harbour bill, she disclosed that the plan had drawn resistance.\n",
     "Jo Hart"),
    ("National Security Adviser Jo Hart said the talks were over.\n", "Jo Hart"),
    ("Top Democrats said the talks were over.\n", "Democrats"),
    # "called for" reports what someone asks for; a preposition opening the sentence is no name
    ("Senator Jo Hart called for an inquiry into the harbour contract.\n", "Jo Hart"),
    ("Amid calls for an inquiry, the harbour board met on Monday.\n", ""),
    # a clause of when that opens the sentence is not the claim's; the main clause is
    ("Shortly after Jo Hart called for his resignation, an operative began pitching the column.\n", ""),
    ("When Ms. Hart said she had, Mr. Reyes produced records that he said showed the visits.\n", ""),
    # read 36: a form of address inside the aside between a name and its verb (no one before)
    ("“They should stop blocking it,” Jim Manley, a spokesman for Mr. Reid, said in an e-mail.\n", "Jim Manley"),
    ("The lawyer, Mr. Kendall, said the letter was nothing new.\n", "Kendall"),
    # "lash out" and "indicate" report what someone says
    ("An angry Trump lashed out at Cruz on Twitter, calling the senator a liar.\n", "Trump"),
    ("Sen. Max Baucus, D-Mont., indicated Wednesday he's not worried about the letter.\n", "Max Baucus"),
    # a naming verb speaks before a quotation in its clause, never without one
    ("Jo Hart, the chairwoman of an advocacy group, called the idea \u201cethnic cleansing.\u201d\n", "Jo Hart"),
    ("Sen. Tom Reyes called the allegations \u201cdeeply troubling\u201d on Friday.\n", "Tom Reyes"),
    ("Mr. Tom Reyes called him back on Friday to talk about the harbour.\n", ""),
    # "criticize" reports a stated position, as "slam" does
    ("Rep. Jo Hart (R-Fla.) criticized the mayor's statement on the harbour.\n", "Jo Hart"),
    # a title opening the aside after a role word ("Another Republican, Rep. ...")
    ("Another Republican, Rep. Jo Hart of Michigan, also tweeted that such an order would fail.\n", "Jo Hart"),
    # a person of a place or a firm is the person ("Chuck Schumer of New York" had the key "york");
    # one word before "of" names a body ("Office of Professional Responsibility")
    ("\u201cIt works,\u201d said Representative Jo Hart of New York.\n", "Jo Hart"),
    ("Jo Hart of Marcum Partners said it works.\n", "Jo Hart"),
    ("The Office of Harbour Safety said it would review the plan.\n", "Office of Harbour Safety"),
    # read 49: "Ryan shot back: ..." had no speaker; "fire back" and "hit back" answer as "shoot back" does
    ("Jo Hart shot back: \u201cThey got caught with their hand in the cookie jar.\u201d\n", "Jo Hart"),
    ("Ms. Hart fired back shortly afterward.\n", "Hart"),
    ("The Republicans hit back on Tuesday with a television commercial.\n", "Republicans"),
    # read 52: a verb inside an aside between dashes is the aside's; the sentence's own speaks
    ("Asked for her reaction \u2015 the new congresswoman vowed to \u201cfight on,\u201d referring to the mayor "
     "\u2015 Ann Lee said it was a free speech issue.\n", "Ann Lee"),
    # read 54: a day between a verb and its particle ("called Friday for")
    ("The Harbour Trust called Friday for the mayor to cancel the contract.\n", "Harbour Trust"),
    ("He called Tuesday a good day for the harbour.\n", ""),
    # read 52: names joined by "as well as" after a preposition are whom the fire is aimed at
    ("But he aimed his fire at Republicans as well as Democrats, and gave them little quarter, saying he "
     "did not know their plan.\n", ""),
])
def test_who_speaks_in_the_statements_of_reads_35_to_37(text: str, speaker: str) -> None:
    said = _segmented_speakers(text)
    assert said[" ".join(text.split()[:3])] == speaker


def test_a_clause_after_but_with_a_subject_of_its_own_is_the_narrators() -> None:
    # "X said A, but the prospects are murky": the outlet's; "but it ..." goes on with X's words
    said = _segmented_speakers(
        "Senator Jo Hart has said she wants new controls on harbour traffic, but the prospects for "
        "such a law are murky.\n\n"
        "The ACLU said it supports the plan to report spending, but it worries the bill "
        "goes beyond that.\n")
    assert said["Senator Jo Hart"] == "Jo Hart"
    assert said["but the prospects"] == ""
    assert said["but it worries"] == said["The ACLU said"] == "ACLU"


def test_a_name_after_a_is_a_modifier_and_an_honorific_says_who_she_is_not() -> None:
    """Read 35: "flanked by ... a Texas state flag, he added: “...”" gave six
    sentences of the video to "Texas" ("state" read as a verb); "She sued him,
    claiming ..." in a paragraph naming Mr. Hale was his."""
    said = _segmented_speakers(
        "Mr. Tom Hale said he would resign on Friday.\n\n"
        "In his video, flanked by an American flag and a Texas state flag, he added: “It has been an honor to serve. "
        "Thank you so much.”\n\n"
        "Mr. Hale had been accused of harassment by Ann Reyes, his former aide. She sued him in 2014, "
        "claiming that he had fired her after she complained.\n")
    assert said["In his video,"] == "Tom Hale"
    assert said["Thank you so"] == "Tom Hale"
    assert said["She sued him"] == ""


def test_a_speaker_is_written_as_the_text_writes_it_with_its_offsets() -> None:
    """"Beto O’Rourke said" gave "Beto O'Rourke" (quotes straightened) and no span to
    show as evidence: the name is the text's own, and slices back."""
    text = "Former Representative Beto O’Rourke said the report should be released.\n"
    got = annotate(text.strip(), start=0, lexicon=CUES)
    assert got.speaker == "Beto O’Rourke"
    assert got.speaker_span is not None and text[got.speaker_span.start:got.speaker_span.end] == "Beto O’Rourke"


def test_a_name_asked_about_is_not_the_he_who_answers() -> None:
    """Read 36: "Governor Christie? “Strong,” he said." gave Trump's answer to Christie."""
    said = _segmented_speakers("Mr. Hale said he knew Gov. Jo Reyes well.\n\n"
                               "Asked about each of the candidates, Mr. Hale played along.\n\n"
                               "Governor Reyes? “Strong,” he said.\n")
    assert "Reyes" not in said["“Strong,” he said."]


def test_the_honorific_check_of_a_pronoun_reads_a_bounded_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pronoun's check against the honorifics before it ("She sued him" in a paragraph
    naming Mr. Hale) read the whole text before each statement: a 2 MB paragraph took
    3.6 s instead of 2.7 s (scripts/bench.py). It reads the paragraph and a window before it."""
    from compare_claims import annotate as A

    seen: list[int] = []
    cues: list[int] = []
    real, real_cues = A._titled_as, A._gender_cues

    def spy(person: str, pronoun: str, before: str) -> bool:
        seen.append(len(before))
        return real(person, pronoun, before)

    def spy_cues(person: str, pronoun: str, before: str) -> tuple[bool, bool, bool, bool]:
        cues.append(len(before))  # every rule reading what the text says of a person
        return real_cues(person, pronoun, before)

    monkeypatch.setattr(A, "_titled_as", spy)
    monkeypatch.setattr(A, "_gender_cues", spy_cues)
    paragraph = "Mr. Tom Hale said the harbour plan would pass. He said the vote was near. \u201cIt is,\u201d he said. "
    text = paragraph * 700 + "\n"
    _segmented_speakers(text)
    assert seen and len(text) > 3 * A.READ_BACK
    assert max(seen) <= A.TITLE_WINDOW + 200
    assert max(cues) <= A.READ_BACK


def test_a_state_alone_in_brackets_after_a_name_is_an_aside() -> None:
    """Read 37: "Rep. Adam Schiff (Calif.), the ranking Democrat on the committee, said"
    named no one, and his "He added" after it neither."""
    said = _segmented_speakers("Rep. Jo Hart (Calif.), the ranking Democrat on the committee, said on Wednesday "
                               "that the committee would act. He added that more subpoenas could follow.\n")
    assert said["Rep. Jo Hart"] == "Jo Hart"
    assert said["He added that"] == "Jo Hart"


def test_a_plain_name_of_an_attack_is_no_loaded_label() -> None:
    """Read 59: "terrorist" in "the Sept. 11 terrorist attacks" was shown as a
    pejorative label; a person or group called terrorist still is one."""
    def labels(text: str) -> list[str]:
        return [s.text for s in annotate(text, start=0, lexicon=CUES).labels]

    assert labels("Families of victims of the Sept. 11 terrorist attacks may sue the kingdom.") == []
    assert labels("He called the men terrorists.") == ["terrorists"]


def test_a_sentence_opening_on_and_still_names_who_goes_on_to_speak() -> None:
    """Read 60: "And Sen. Kirsten Gillibrand of New York also chimed in, demanding
    that ..." had no speaker (a capitalised joiner hid the subject), and her
    quotation's last sentence was matched as another senator's words."""
    assert speaker("And Sen. Jane Smith of Ohio also chimed in, demanding that the report be made public.") == "Jane Smith"
    assert speaker("But Smith chimed in, saying the report must be public.") == "Smith"


def test_a_negation_one_quotation_holds_and_the_other_lacks_is_in_the_quote_flag() -> None:
    """Read 62: "To pass this bill ... would increase the risk" / "If they don't pass
    this bill ... it will increase the risk": the flag showed only "would" / "it will"."""
    notes = _quote_flag("\u201cTo pass this bill in the next couple of weeks would sharply increase the risk "
                        "that the economy would stall and we would have a double dip,\u201d he told reporters.",
                        "\u201cIf they don't pass this bill in the next couple weeks it will sharply increase the risk "
                        "that the economy would stall and we would have a double dip,\u201d he told reporters.")
    assert len(notes) == 1 and "don't" in notes[0], notes
    # a cut with no negation in it is still no difference
    assert _quote_flag("\u201cIf they pass this bill in the next couple of weeks it will sharply increase the risk "
                       "that the economy would stall,\u201d he said.",
                       "\u201cThey pass this bill in the next couple of weeks it will sharply increase the risk "
                       "that the economy would stall,\u201d he said.") == []


def test_hoping_to_act_reports_no_words() -> None:
    """Read 62: "Democrats in the Senate hoping to pass ... were put on notice by their
    Republican colleagues" was given to the Democrats, who are the ones warned."""
    assert speaker("Democrats in the Senate hoping to pass new laws this year were put on notice by their "
                   "colleagues on Wednesday.") == ""
    assert speaker("Jane Smith hopes that the Senate will pass the bill.") == "Jane Smith"


def test_a_person_named_in_the_possessive_before_the_subject_is_not_she() -> None:
    """Read 61: "Even before Judge Gorsuch's nomination, Ms. McCaskill drew the ire of
    activists ..., before making clear she believed in a 60-vote threshold" was Gorsuch's."""
    text = ("“I will keep to my theme,” said Senator Jane Hale, Democrat of Ohio.\n\n"
            "Even before Judge Gorsuch’s nomination, Ms. Hale drew the ire of activists by "
            "backing a vote, before making clear she believed in a 60-vote threshold.\n")
    second = text.index("Even")
    sts = [Statement("a", 0, second - 2, text[:second - 2], paragraph=0, paragraph_start=0, paragraph_end=second - 2),
           Statement("a", second, len(text) - 1, text[second:-1], paragraph=1, paragraph_start=second,
                     paragraph_end=len(text) - 1)]
    from compare_claims.annotate import annotate_statements
    assert [a.speaker for a in annotate_statements(sts, text, CUES)] == ["Jane Hale", "Jane Hale"]


def test_a_persons_document_speaks_for_them() -> None:
    """Read 61: "The new ad follows Mr. Perry's statement on Tuesday criticizing ..." was
    given to "the statement"; a document with no owner named still speaks as itself."""
    assert speaker("The new ad follows Mr. Hale’s statement on Tuesday criticizing the plan.") == "Hale"
    assert speaker("Jane Hale's letter said the plan had failed.") == "Jane Hale"
    assert speaker("The statement said the plan had failed.") == "the statement"
    assert speaker("The mayor's spokesman said the plan had failed.") == "the spokesman"


def test_with_a_name_saying_is_that_names_words() -> None:
    """Read 61: "This latest ad ends with Perry claiming, “...”" had no speaker; the
    name must stand right before the verb ("after meeting with President X of Poland,
    Mr. Obama ... disputed ..., saying" is not X's)."""
    assert speaker("The new ad ends with Hale claiming, “faith made the town strong.”") == "Hale"
    assert speaker("The talks broke up, with Chairman Jo Hart saying the sides would meet again.") == "Jo Hart"
    assert speaker("After meeting with President Jan Nowak of Poland, Mr. Hale on Wednesday disputed that "
                   "voters feel betrayed, saying that “the more look at it, the more agree.”") != "Jan Nowak"


@pytest.mark.parametrize("opening, speaker", [
    # read 64: a sentence that names someone else in full before "he" is not the person
    # the paragraph before named ("... when Todd Akin, running as ..., defended what he called")
    ("It is worth recalling the outcry in 2012 when Tom Hale, running for the seat,", ""),
    # ... a time, a place of several words or a function word first names no one
    ("In January, standing at the Harbour War Memorial,", "Jo Reed"),
    ("On Tuesday Night,", "Jo Reed"),
])
def test_a_pronoun_after_a_name_in_its_own_sentence_is_not_the_previous_paragraphs_person(
        opening: str, speaker: str) -> None:
    said = _segmented_speakers("Mayor Jo Reed said the harbour would close on Monday.\n\n"
                               f"{opening} he defended what he called \u201ca fair deal for the port.\u201d\n")
    assert said[" ".join(opening.split()[:3])] == speaker


def _spans(text: str, what: str) -> list[str]:
    return [s.text for s in getattr(annotate(text, start=0, lexicon=CUES), what)]


def test_a_labels_word_inside_a_name_or_as_another_word_is_no_label() -> None:
    """Read 65: "the Patriot Act" was shown as praise (honorific), "could be uttered"
    and "traffic routed through ..." as an intensifier and a charged verb; BASIL's
    "explosives" (bombs) and "historically" were marked the same way."""
    assert _spans("The senators discussed the Patriot Act with the director.", "labels") == []
    assert _spans("Before a word of the preamble could be uttered, they argued.", "labels") == []
    assert _spans("Some traffic was routed through servers abroad.", "labels") == []
    assert _spans("The company provides explosives training to the police.", "labels") == []
    assert _spans("It certainly wasn't historically unique.", "labels") == []
    # the label itself, a label written large and a headline quoted in a sentence still are
    assert _spans("He called it an utter failure.", "labels") == ["utter"]
    assert _spans("He vowed to protect Americans from Radical Islamic Terrorism.", "labels") == ["Radical"]
    assert _spans("The story ran under the headline Night of Withering Ripostes.", "labels") == ["Withering"]
    assert _spans("Trump routed his rivals in the primary.", "labels") == ["routed"]


def test_a_crime_charged_by_its_name_is_no_label_and_would_like_with_an_adverb_no_hedge() -> None:
    """Reads 67 and 68: "fraud" in "charged with mail fraud" was counted as the outlet's
    loaded word, and "I would also like to thank my family" showed the hedge "would"."""
    assert _spans("Prosecutors charged him with mail fraud and wire fraud.", "labels") == []
    assert _spans("She pleaded guilty to two counts of fraud.", "labels") == []
    assert _spans("I would also like to thank my family for their support.", "hedges") == []
    # the word as a charge of one's own, and a "would" that hedges, still are
    assert _spans("He called the whole election a fraud.", "labels") == ["fraud"]
    assert _spans("He would also lose the seat, analysts said.", "hedges") == ["would"]


def test_as_opposed_to_is_no_refusal() -> None:
    """Read 66: "as opposed to" (rather than) was marked as an outcome of opposing."""
    assert _spans("The Earth is here to serve man as opposed to the other way round.", "negations") == []
    assert _spans("The governor opposed the plan.", "negations") == ["opposed"]


def test_a_number_that_names_a_thing_is_no_quantity() -> None:
    """Read 66: "Amendment 64" (Colorado's marijuana law) was marked as the number 64."""
    assert _spans("Voters approved Amendment 64 and Flight 370 vanished under Section 8.", "numbers") == []
    assert _spans("Voters approved 64 amendments, and about 370 flights left.", "numbers") == ["64", "about 370"]


def test_a_verb_of_blame_right_before_for_or_of_is_passive_unless_its_object_stands_first() -> None:
    """BASIL: "the groups ultimately blamed for the assault" were given the speaker "the
    groups"; "whom Beck accused of launching ..." is still Beck's."""
    assert speaker("Besides the militia, the groups ultimately blamed for the attack were known.") == ""
    assert speaker("Officials praised for their work met on Monday.") == ""
    assert speaker("He praised Roosevelt, the latter of whom Jo Hart accused of starting it.") == "Jo Hart"
    assert speaker("Jo Hart blamed the mayor for the delay.") == "Jo Hart"


def test_a_name_set_off_after_a_role_after_its_verb_is_the_speaker() -> None:
    """Read 70: "“...,” said a White House spokesman, Eric Schultz." gave the role, and the
    "By releasing them, he said, ..." after it no one: the name set off after the role is
    who speaks, and whom "he" stands for."""
    text = ("“The figures were read out of context,” said a Harbour Board spokesman, Jo Hale. "
            "By publishing them, he said, the board had shown its good faith.\n")
    speakers = _segmented_speakers(text)
    assert speakers["“The figures were"] == "Jo Hale"
    assert speakers["By publishing them,"] == "Jo Hale"
    # a role with no name after it stays the role; words after the comma that are no name stay out
    assert speaker("It was read out of context, said a Harbour Board spokesman.") == "a Harbour Board spokesman"
    assert speaker("It was read out of context, said a Harbour Board spokesman, adding that it would end.") \
        == "a Harbour Board spokesman"


def test_they_right_after_a_group_spoke_is_that_group() -> None:
    """Read 70: "Republicans welcomed the release ..., saying .... They also said ..." left
    the second without a speaker: "they" in the statement right after a group's is that group;
    "they said" after a statement of no one's stays no one's."""
    text = ("Republicans welcomed the release of the logs, saying they confirmed the account. "
            "They also said the logs belied the board's insistence.\n\n"
            "Democrats rejected the plan. Residents are worried. They said the logs were late.\n")
    speakers = _segmented_speakers(text)
    assert speakers["Republicans welcomed the"] == "Republicans"
    assert speakers["They also said"] == "Republicans"
    assert speakers["They said the"] == ""


def test_a_document_from_someone_speaks_as_them() -> None:
    """Read 71: "“...,” reads a statement from Senate Majority Leader Harry Reid's office."
    gave the speaker "a statement": whose document it is, named after "from", speaks."""
    assert speaker("“It is late,” reads a statement from Harbour Board Chair Jo Hale's office.") == "Jo Hale"
    assert speaker("“It is late,” reads a statement from the Harbour Board.") == "Harbour Board"
    # no one named after it: the document stays the speaker
    assert speaker("“It is late,” reads a statement.") == "a statement"
    assert speaker("It is late, said a letter from Mr. Hale's lawyers.") == "a letter"
