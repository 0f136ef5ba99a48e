"""The shipped HIPAA policy on real-world address blocks and other formats (real analyzer, spaCy included):
every line of the block goes, and a study abstract with the same shapes keeps its words."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("text, values", [
    ("Please send the card to 04 44 Rue Abel Ferry\n Suite 783\n Gargara\n\n Uruguay 93613 as soon as possible.",
     ["04", "44 Rue", "Suite 783", "Gargara", "93613"]),
    ("my new address is 21 114 rue sidi apt. 789, valverde de valdelacasa, spain 14385", ["114 rue sidi", "789", "valdelacasa", "14385"]),
    ("She lives w/ her husband outside Montpelier, VT and drives in for infusions.", ["Montpelier"]),
    ("Son: call six one seven, 555 0199 if no answer.", ["six one seven", "0199"]),
    ("DOE-RIVERA, JANE 5/6/1970 00123456 F", ["00123456"]),
    ("mr. martin is a 50 year old man who lives alone.", ["martin"]),
])
def test_address_blocks_and_formats_go_whole(redactors, text, values):
    (out,) = redactors("hipaa").redact_batch([text])
    for value in values:
        assert value not in out.text, (value, out.text)


def test_study_text_with_the_same_shapes_is_kept(redactors):
    text = ("We enrolled 412 patients at three sites in Boston, MA and Seattle, WA; one unit 5 times a day "
            "reduced the odds (OR 1.42, 95% CI 1.1-1.8). Table 12-345 lists the 3610-114 range.")
    (out,) = redactors("hipaa").redact_batch([text])
    assert out.text == text
