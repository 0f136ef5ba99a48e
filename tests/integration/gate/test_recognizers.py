"""A table of cases per entity, both policies: found, not found, edge formats (real spaCy)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration

# (policy, text, value that must be covered by a finding of `entity` -- or None: nothing found)
CASES = [
    ("hipaa", "Patient seen by Dr. Alvarez today.", "Alvarez", "PERSON"),
    ("hipaa", "Mr. John Smith was admitted.", "John Smith", "PERSON"),
    ("hipaa", "Dear Maria Gonzalez, your results are ready.", "Maria Gonzalez", "PERSON"),
    ("hipaa", "Follow up with J. Whitfield next week.", "J. Whitfield", "PERSON"),
    ("hipaa", "MRN: 998877", "998877", "MEDICAL_RECORD_NUMBER"),
    ("hipaa", "Medical record number 00451234 on file.", "00451234", "MEDICAL_RECORD_NUMBER"),
    ("hipaa", "ID: 987654321", "987654321", "OTHER_ID"),
    ("hipaa", "SSN 078-05-1121 on the intake form", "078-05-1121", "SSN"),
    ("hipaa", "social security number 078051121", "078051121", "SSN"),
    ("hipaa", "Call 617-248-4867 to reschedule.", "617-248-4867", "PHONE"),
    ("hipaa", "Phone: (212) 555-0147", "(212) 555-0147", "PHONE"),
    ("hipaa", "fax +1 415 555 0199", "415 555 0199", "PHONE"),
    ("hipaa", "Email NGray1@mac.com with questions.", "NGray1@mac.com", "EMAIL"),
    ("hipaa", "Lives at 841 6th St, Boston.", "841 6th St", "LOCATION"),
    ("hipaa", "Address: 1211 Maple Avenue Apt 4B", "1211 Maple Avenue Apt 4B", "LOCATION"),
    ("hipaa", "zip code 02127 on the form", "02127", "ZIP_CODE"),
    ("hipaa", "Boston, MA 02127", "Boston, MA 02127", "LOCATION"),
    ("hipaa", "Ship it to 6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677\n\nThanks",
     "6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677", "LOCATION"),
    ("hipaa", "Mr. Leiva flew to LEPPEN on Tuesday morning.", "LEPPEN", "LOCATION"),
    ("hipaa", "verses from Faina D. Yefremova's tales", "Faina D. Yefremova", "PERSON"),
    ("hipaa", "The address is PSC 0413, Box 8144\nAPO AA 42323", "PSC 0413, Box 8144\nAPO AA 42323", "LOCATION"),
    ("hipaa", "DOB 03/14/1961", "03/14/1961", "DATE"),
    ("hipaa", "admitted on March 3, 2021", "March 3, 2021", "DATE"),
    ("hipaa", "discharged 2021-04-09", "2021-04-09", "DATE"),
    ("hipaa", "card 5105 1051 0510 5100 on file", "5105 1051 0510 5100", "ACCOUNT_NUMBER"),
    ("hipaa", "Mastercard 2223000048400011 was charged", "2223000048400011", "ACCOUNT_NUMBER"),
    ("hipaa", "IBAN GB82WEST12345698765432", "GB82WEST12345698765432", "ACCOUNT_NUMBER"),
    ("hipaa", "see https://portal.example-clinic.org/records", "portal.example-clinic.org", "URL"),
    ("hipaa", "from IP 192.168.10.44", "192.168.10.44", "IP_ADDRESS"),
    ("hipaa", "transferred to Mercy General Hospital", "Mercy General Hospital", "HEALTHCARE_FACILITY"),
    ("hipaa", "The patient is 94 years old.", "94", "AGE_OVER_89"),
    ("hipaa", "Member ID: XJ123456789 with the plan", "XJ123456789", "HEALTH_PLAN_NUMBER"),
    # clinical shorthand, forms people type
    ("hipaa", "Pt J. Smith seen 3/4/21 for f/u.", "J. Smith", "PERSON"),
    ("hipaa", "Pt J. Smith seen 3/4/21 for f/u.", "3/4/21", "DATE"),
    ("hipaa", "MRN 00998877; acct #44556677 billed.", "44556677", "ACCOUNT_NUMBER"),
    ("hipaa", "SSN: 078051121. Member ID W123456789, group 55501.", "W123456789", "HEALTH_PLAN_NUMBER"),
    ("hipaa", "Admitted to St. Mary's Hospital on 12-Jan-2020.", "12-Jan-2020", "DATE"),
    ("hipaa", "Seen at Riverside Family Clinic by Dr Patel.", "Riverside Family Clinic", "HEALTHCARE_FACILITY"),
    ("hipaa", "Transferred from Mass General on 2021-05-06.", "Mass General", "HEALTHCARE_FACILITY"),
    ("hipaa", "Policy no. HX-4455-221 on file.", "HX-4455-221", "HEALTH_PLAN_NUMBER"),
    ("hipaa", "Wife Maria (cell 555 201 3344) at bedside.", "555 201 3344", "PHONE"),
    ("hipaa", "Pacemaker serial no. PM-88213-X implanted.", "PM-88213-X", "DEVICE_ID"),
    ("hipaa", "License plate 7ABC123 noted in ED report.", "7ABC123", "VEHICLE_ID"),
    ("hipaa", "Contact daughter, Ann Lee, at 617.555.0188.", "Ann Lee", "PERSON"),
    # names and places spaCy's small model misses, found through the word lists
    ("hipaa", "Pt Halldór Árnþórsson, 54, seen in clinic.", "Halldór Árnþórsson", "PERSON"),
    ("hipaa", "seen by patricia desrosiers at 10am", "patricia desrosiers", "PERSON"),
    ("hipaa", "Card statement should read Mr. Ferko Takáts.", "Ferko Takáts", "PERSON"),
    ("hipaa", "Patient returned from KAJAANI last week.", "KAJAANI", "LOCATION"),
    ("hipaa", "Lives at ul. Północna 73 with her son.", "ul. Północna 73", "LOCATION"),
    ("hipaa", "Send it to Hammarvägen 15, please.", "Hammarvägen 15", "LOCATION"),
    # context words that spaCy lists as stop words ("call", "name") still count
    ("hipaa", "Please call me at 0494 92 82 32 after the visit.", "0494 92 82 32", "PHONE"),
    ("hipaa", "What is the limit for card 501864667909?", "501864667909", "ACCOUNT_NUMBER"),
    ("hipaa", "Follow-up visit on Thursday morning.", "Thursday", "DATE"),
    ("hipaa", "HbA1c fell from 8.1 to 7.2 over the study.", None, None),
    ("hipaa", "BP 140/90, HR 72, took 1/2 tablet.", None, None),
    ("hipaa", "The trial enrolled 120 patients with type 2 diabetes.", None, None),
    ("hipaa", "Aspirin 81 mg daily reduced risk by 12 %.", None, None),
    ("glba", "Customer Ms. Karen Doyle called about her loan.", "Karen Doyle", "PERSON"),
    ("glba", "routing number 021000021", "021000021", "ROUTING_NUMBER"),
    ("glba", "card 4111 1111 1111 1111 declined", "4111 1111 1111 1111", "CARD_NUMBER"),
    ("glba", "checking account 0012345678", "0012345678", "BANK_ACCOUNT"),
    ("glba", "DOB: 1984-07-21", "1984-07-21", "DATE_OF_BIRTH"),
    ("glba", "the transfer fee is 25 dollars", None, None),
]


@pytest.mark.parametrize("policy,text,value,entity", CASES, ids=[f"{c[0]}-{c[3] or 'none'}-{i}" for i, c in enumerate(CASES)])
def test_case(redactors, policy, text, value, entity):
    findings = redactors(policy).find_batch([text])[0]
    if value is None:
        assert findings == [], [(e, text[s:t]) for e, s, t in findings]
        return
    start = text.index(value)
    end = start + len(value)
    # Redaction coverage: every letter and digit of the value lies inside some finding.
    uncovered = [i for i in range(start, end) if text[i].isalnum() and not any(s <= i < t for _, s, t in findings)]
    assert not uncovered, f"{value!r} not covered; findings: {[(e, text[s:t]) for e, s, t in findings]}"
    labels = {e for e, s, t in findings if s < end and start < t}
    assert entity in labels, f"{value!r} found as {labels}, expected {entity}"
