"""The shipped HIPAA policy on the forms clinical text writes identifiers in (real analyzer, spaCy included)."""

from __future__ import annotations

import json
import random

import pytest

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("text, values", [
    ("SSN: 123-45-6789 on file; SSN 987-65-4321 for the spouse.", ["123-45-6789", "987-65-4321"]),
    ("MRN: ZX-99183, MR# SJH-987654, chart no. 12345-NYP, med rec 12345ABC", ["ZX-99183", "SJH-987654", "12345-NYP", "12345ABC"]),
    ("Outside MRN 1234-5678 and record 123-456-789", ["1234-5678", "123-456-789"]),
    ("HBN: 789-456-123, HICN: B123456789, policy #11223344", ["789-456-123", "B123456789", "11223344"]),
    ("Member ID: W2231-88410 (Aetna), group no. 00871245", ["W2231-88410", "00871245"]),
    ("Claim #CLM-55107734, accession no. S24-771302, Auth # 6249-427165", ["CLM-55107734", "S24-771302", "6249-427165"]),
])
def test_labeled_values_go_whole_and_labels_stay(redactors, text, values):
    (out,) = redactors("hipaa").redact_batch([text])
    assert not out.residual
    for value in values:
        assert value not in out.text
        for part in value.replace("#", "-").split("-"):
            assert len(part) < 3 or part not in out.text, (part, out.text)  # no prefix or suffix left behind
    for label in ("SSN", "MRN", "HICN", "Member ID", "Claim"):
        if label in text:
            assert label in out.text


def test_an_address_does_not_swallow_the_next_label(redactors):
    (out,) = redactors("hipaa").redact_batch(["Pt resides at 12 Brook Road, Vellmoor. MRN: ZX-99185 on file."])
    assert "MRN: <MEDICAL_RECORD_NUMBER:" in out.text and "ZX-99185" not in out.text and "Vellmoor" not in out.text


@pytest.mark.parametrize("text, value", [
    ("Seen on Aug 10, '23 for follow-up.", "Aug 10, '23"),
    ("Next appointment APR 26 2019 at noon.", "APR 26 2019"),
    ("Transferred from UCLA Med Ctr yesterday.", "UCLA Med Ctr"),
    ("She was admitted to Mass General overnight.", "Mass General"),
    ("Follow up with Dr. Sandoval at BIDMC next week.", "BIDMC"),
])
def test_dates_and_facilities(redactors, text, value):
    (out,) = redactors("hipaa").redact_batch([text])
    assert value not in out.text, out.text


def test_a_corpus_of_notes_with_addresses_comes_clean(tmp_path, approved_policy):
    """60 notes '... resides at <street address>.': residual findings are redacted again, nothing is quarantined."""
    from embgov.gate.run import run_gate

    rnd = random.Random(3)
    streets = ["Brasswick Lane", "Old Mill Road", "Harbor View Dr.", "Elm St", "Kestrel Way", "Maple Ave, Apt 4B"]
    towns = ["Vellmoor", "Ashcombe Vale", "Harrowgate Falls", "Springfield", "Upper Tolbury"]
    src = tmp_path / "notes.jsonl"
    src.write_text("".join(json.dumps({"_id": str(i), "text": f"Patient {rnd.choice(['Ysolde', 'Tom', 'Radomir'])} "
                                       f"{rnd.choice(['Quennavelt', 'Okafor', 'Lindqvist'])}, 67F, resides at "
                                       f"{rnd.randint(1, 9999)} {rnd.choice(streets)}, {rnd.choice(towns)}. MRN: "
                                       f"ZX-{rnd.randint(10000, 99999)}. Seen for CHF follow-up."}) + "\n" for i in range(60)))
    receipt = run_gate(approved_policy("hipaa"), [src], tmp_path / "out", workers=1)
    assert receipt.verdict == "passed" and receipt.records_out == 60 and not receipt.quarantined
    written = (tmp_path / "out" / "notes.jsonl").read_text()
    assert "ZX-" not in written and "Vellmoor" not in written and "Quennavelt" not in written


def test_domain_terms_stay(redactors):
    text = ("Activated Akt and Nanog in Xenopus oocytes; Schwann cells and Broca's area; Losartan 50 mg; "
            "hazard ratio 1.14 (95% CI 1.02-1.26), HR 60-80; registered as NCT01234567; prothrombin G20210A; "
            "cohorts in South Africa and California.")
    (out,) = redactors("hipaa").redact_batch([text])
    assert out.text == text, out.text


@pytest.mark.parametrize("text, value", [
    ("Prior auth case no. 8836-885515: lisinopril 10 mg daily.", "8836-885515"),  # 'auth' takes 'case', 'case no.' the value
    ("Insurance card: Aetna, Grp 0829114, RxBIN 610502.", "0829114"),
    ("Allergic to sulfa per pt; pharmacy (555-0143) confirms.", "555-0143"),
    ("Colposcopy scheduled Friday the 13th.", "Friday the 13th"),
    ("Records from admission Oct 2-9, 2022 reviewed.", "Oct 2-9, 2022"),
    ("lucinda farquhar called again about the june 3 bill.", "june 3"),
    ("Note from Ruairi: 'appt thurs 11/2 @ 3pm ok?'", "thurs"),
    ("Will Brannigan will call back after his MRI on the 3rd of May.", "the 3rd of May"),
    ("Please ask the chaplain to visit the Adjei family today.", "Adjei"),
    ("Dental referral for Perpetua Al-Mansouri: resides at 95 Copperfield Circle, Apartment 3C, Kraków, Arizona.",
     "Perpetua Al-Mansouri"),
    ("Tamsin Ellerbrook reviewed the trial.", "Tamsin Ellerbrook"),
])
def test_forms_found_in_the_dev_notes(redactors, text, value):
    (out,) = redactors("hipaa").redact_batch([text])
    assert value not in out.text, out.text
