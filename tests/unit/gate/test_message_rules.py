"""Rules for identifiers in generated clinical messages (bench/devsets/clinical_messages.json): ages over 89 after
'age' or beside a name, a month with its year, a name before a relative ('Will's father'), 'it's <Name>', hyphenated
Korean and Chinese given names, a plan's group number after the member id; and the domain text each must leave
alone. Pattern level only, no spaCy. Values here are invented for the test and are not in any dev set."""

from __future__ import annotations

import pytest

from policykit import pattern_matches as matches


@pytest.mark.parametrize("name, text, want", [
    ("age-labeled", "Ms. Ferrante, age 96, tripped on the stairs", ["96"]),
    ("age-labeled", "aged 101 and living alone", ["101"]),
    ("age-beside-name", "Referring Odile Marchand, 92, to geriatrics", ["92"]),
    ("age-beside-name", "her father, Tadeusz Wrona (95), is confused", ["95"]),
    ("month-name-year", "please send the results from October 2022", ["October 2022"]),
    ("month-name-year", "DOB Sept. 1931 per the family", ["Sept. 1931"]),
    # in a record about a person a month and year after 'in' is hers; a study's period is kept by the subject rules
    ("month-name-year", "she changed her surname in May 2022", ["May 2022"]),
    ("possessive-before-relative", "Faith's mother called about the rash", ["Faith"]),
    ("introduced-name", "hi, it's Ivy again, about my refill", ["Ivy"]),
    ("hyphenated-given-name", "Insurance holder Hye-jin Cho, spouse", ["Hye-jin Cho"]),
    ("hyphenated-given-name", "Ask Xiao-ming Li about the MRI", ["Xiao-ming Li"]),
    ("group-after-member-id", "member ID QZT55108812, group 40917, for the MRI", ["40917"]),
])
def test_message_rules_find(policy, name, text, want):
    got = matches(policy, name, text)
    assert [g for g in got if g.strip() in want or any(w in g for w in want)], (name, got)


@pytest.mark.parametrize("name, text", [
    ("age-labeled", "the mean age 95% CI 61-70 and aged 9 years"),
    ("age-beside-name", "Smith et al. reported 95 events; Table 2, 94% were male"),
    ("month-name-year", "enrolled between October 1999 and December 2003"),
    ("month-name-year", "during the study period, January 2006 till January 2007"),
    ("month-name-year", "enrollment, December 2011-September 2013"),
    ("possessive-before-relative", "It's father and son who share the allele; Today's parents differ"),
    ("hyphenated-given-name", "Long-term Outcomes and Non-small Cell Lung Cancer; Follow-up Visit"),
    ("group-after-member-id", "the control group 20000 cells; group 12345 of the trial"),
])
def test_message_rules_leave_domain_text(policy, name, text):
    assert matches(policy, name, text) == []
