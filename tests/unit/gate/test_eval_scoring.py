"""`gate eval` scoring with hand-made findings: every labeled span accounted for (no spaCy needed)."""

from __future__ import annotations

import json

import pytest

from embgov.errors import GateError
from embgov.gate.scoring import LABEL_MAP, Ignore, load_label_map, mapping_for, resolve_labels, score, unmapped_labels

HIPAA = {"PERSON", "LOCATION", "HEALTHCARE_FACILITY", "ZIP_CODE", "DATE", "AGE_OVER_89", "PHONE", "EMAIL", "SSN",
         "MEDICAL_RECORD_NUMBER", "HEALTH_PLAN_NUMBER", "ACCOUNT_NUMBER", "LICENSE_NUMBER", "VEHICLE_ID", "DEVICE_ID",
         "URL", "IP_ADDRESS", "OTHER_ID"}
GLBA = {"PERSON", "ADDRESS", "SSN", "CARD_NUMBER", "BANK_ACCOUNT", "ROUTING_NUMBER", "PHONE", "EMAIL", "DATE_OF_BIRTH",
        "DRIVER_LICENSE"}


def record(text: str, *labeled: tuple[str, str]) -> dict:
    """A labeled record; each (label, value) is located at its first occurrence in text."""
    spans = []
    for label, value in labeled:
        start = text.index(value)
        spans.append({"entity_type": label, "entity_value": value, "start_position": start, "end_position": start + len(value)})
    return {"full_text": text, "spans": spans}


def at(text: str, entity: str, value: str) -> tuple[str, int, int]:
    start = text.index(value)
    return entity, start, start + len(value)


def test_mapping_keeps_its_positional_signature_and_first_defined_id():
    assert mapping_for(HIPAA)["ACCOUNT_NUMBER"] == "ACCOUNT_NUMBER"
    assert mapping_for(GLBA)["ACCOUNT_NUMBER"] == "BANK_ACCOUNT"
    assert mapping_for(HIPAA)["US_ITIN"] == "SSN" and mapping_for(HIPAA)["HOSPITAL"] == "HEALTHCARE_FACILITY"
    assert "ORGANIZATION" not in mapping_for(HIPAA)  # ignored labels are not mapped to anything
    assert "IP_ADDRESS" not in mapping_for(GLBA)


@pytest.mark.parametrize("label, policy, expected", [
    ("MEDICAL_RECORD_NUMBER", HIPAA, "MEDICAL_RECORD_NUMBER"),
    ("HEALTH_PLAN_NUMBER", HIPAA, "HEALTH_PLAN_NUMBER"),
    ("ACCOUNT_NUMBER", HIPAA, "ACCOUNT_NUMBER"),
    ("ACCOUNT_NUMBER", GLBA, "BANK_ACCOUNT"),
    ("LICENSE_NUMBER", HIPAA, "LICENSE_NUMBER"),
    ("OTHER_ID", HIPAA, "OTHER_ID"),
    ("HOSPITAL", HIPAA, "HEALTHCARE_FACILITY"),
    ("US_ITIN", GLBA, "SSN"),
    ("ADDRESS", GLBA, "ADDRESS"),
    ("AGE", HIPAA, "AGE_OVER_89"),
    ("SSN", HIPAA, "SSN"),  # the policy's own ids: a hand-written set labeled 'SSN' was left unscored
    ("DATE", HIPAA, "DATE"),
    ("BANK_ACCOUNT", GLBA, "BANK_ACCOUNT"),
])
def test_dev_set_labels_map_to_policy_ids(label, policy, expected):
    assert resolve_labels(policy)[0][label] == expected


@pytest.mark.parametrize("label", ["ORGANIZATION", "TITLE", "NRP", "PREFIX"])
def test_non_identifier_labels_are_ignored_with_a_reason(label):
    mapping, ignored = resolve_labels(HIPAA)
    assert label not in mapping and "not an identifier" in ignored[label]
    assert isinstance(LABEL_MAP[label][0], Ignore)


def test_age_is_ignored_under_a_policy_without_ages():
    mapping, ignored = resolve_labels(GLBA)
    assert "AGE" not in mapping and "over 89" in ignored["AGE"]


def test_unmapped_ignored_and_per_entity_missed():
    text = "Ann Lee of Acme, CFO, called 617-248-4867 on 3/4/2021 in 2019; ref QX-1; she is 91 years, he 45."
    rec = record(text, ("PERSON", "Ann Lee"), ("ORGANIZATION", "Acme"), ("TITLE", "CFO"),
                 ("PHONE_NUMBER", "617-248-4867"), ("DATE_TIME", "3/4/2021"), ("DATE_TIME", "2019"),
                 ("WEIRD_LABEL", "QX-1"), ("AGE", "91"), ("AGE", "45"))
    findings = [[at(text, "PERSON", "Ann Lee"), at(text, "DATE", "3/4/2021"), at(text, "LOCATION", "Acme")]]
    result = score([rec], findings, HIPAA)
    assert result["unmapped"] == {"WEIRD_LABEL": 1}
    assert result["ignored"]["ORGANIZATION"]["count"] == 1 and result["ignored"]["TITLE"]["count"] == 1
    assert result["ignored"]["DATE_TIME"] == {"count": 1, "reason": "a bare year (Safe Harbor keeps years)"}
    assert result["ignored"]["AGE"]["count"] == 1 and "89 or under" in result["ignored"]["AGE"]["reason"]
    e = result["entities"]
    assert e["PERSON"] == {"precision": 1.0, "recall": 1.0, "support": 1, "missed": 0}
    assert e["PHONE"] == {"precision": None, "recall": 0.0, "support": 1, "missed": 1}
    assert e["AGE_OVER_89"]["support"] == 1 and e["AGE_OVER_89"]["missed"] == 1  # 91 counts, 45 does not
    assert e["LOCATION"]["precision"] == 1.0  # redacting an ignored organization is not a false alarm
    # every labeled span is accounted for: scored, ignored or unmapped
    scored = sum(v["support"] for v in e.values())
    assert scored + sum(result["unmapped"].values()) + sum(v["count"] for v in result["ignored"].values()) == len(rec["spans"])
    assert "misses" not in result  # no record text unless asked for


def test_misses_are_the_most_frequent_missed_values_whitespace_normalised():
    texts = ["Call 617-248-4867 now", "Call 617-248-4867 again", "Write to Bo  Diddley", "Ring 555-111-2222"]
    recs = [record(texts[0], ("PHONE_NUMBER", "617-248-4867")), record(texts[1], ("PHONE_NUMBER", "617-248-4867")),
            record(texts[2], ("PERSON", "Bo  Diddley")), record(texts[3], ("PHONE_NUMBER", "555-111-2222"))]
    findings = [[], [], [], [at(texts[3], "PHONE", "555-111-2222")]]
    result = score(recs, findings, HIPAA, misses=2)
    assert result["misses"] == [{"value": "617-248-4867", "entity": "PHONE", "count": 2},
                                {"value": "Bo Diddley", "entity": "PERSON", "count": 1}]
    assert result["entities"]["PHONE"]["missed"] == 2 and result["entities"]["PERSON"]["missed"] == 1


def test_partly_covered_span_is_missed():
    text = "Patient Maria Lopez-Fernandez came"
    rec = record(text, ("PERSON", "Maria Lopez-Fernandez"))
    result = score([rec], [[at(text, "PERSON", "Maria")]], HIPAA, misses=5)
    assert result["entities"]["PERSON"]["missed"] == 1
    assert result["misses"][0]["value"] == "Maria Lopez-Fernandez"


def test_label_map_overrides_the_builtin_map_and_null_ignores():
    text = "MRN 44120931 seen at Mercy by Acme"
    rec = record(text, ("MRN", "44120931"), ("PERSON", "Mercy"), ("ORGANIZATION", "Acme"))
    findings = [[at(text, "MEDICAL_RECORD_NUMBER", "44120931")]]
    plain = score([rec], findings, HIPAA)
    assert plain["unmapped"] == {"MRN": 1}
    mapped = score([rec], findings, HIPAA, label_map={"MRN": "MEDICAL_RECORD_NUMBER", "PERSON": None,
                                                      "ORGANIZATION": "PERSON"})
    assert mapped["unmapped"] == {}
    assert mapped["entities"]["MEDICAL_RECORD_NUMBER"] == {"precision": 1.0, "recall": 1.0, "support": 1, "missed": 0}
    assert mapped["ignored"] == {"PERSON": {"count": 1, "reason": "ignored by the label map"}}
    assert mapped["entities"]["PERSON"]["missed"] == 1  # ORGANIZATION now scored as PERSON
    assert mapping_for(HIPAA, label_map={"MRN": "MEDICAL_RECORD_NUMBER"})["MRN"] == "MEDICAL_RECORD_NUMBER"


def test_unmapped_labels_for_strict():
    recs = [record("a b c", ("FOO", "a"), ("FOO", "b"), ("ORGANIZATION", "c"))]
    assert unmapped_labels(recs, HIPAA) == {"FOO": 2}
    assert unmapped_labels(recs, HIPAA, label_map={"FOO": None}) == {}


@pytest.mark.parametrize("suffix, body", [
    (".yaml", "MRN: MEDICAL_RECORD_NUMBER\nCOMPANY: null\n"),
    (".json", json.dumps({"MRN": "MEDICAL_RECORD_NUMBER", "COMPANY": None})),
])
def test_load_label_map_yaml_or_json(tmp_path, suffix, body):
    path = tmp_path / f"map{suffix}"
    path.write_text(body)
    assert load_label_map(path, HIPAA) == {"MRN": "MEDICAL_RECORD_NUMBER", "COMPANY": None}


def test_load_label_map_names_an_id_the_policy_lacks(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text("MRN: MEDICAL_RECORD_NUMBER\nCOMPANY: ORGANISATION\n")
    with pytest.raises(GateError) as err:
        load_label_map(path, HIPAA)
    message = err.value.render()
    assert "COMPANY maps to ORGANISATION" in message and f"{path}:2" in message and "null" in message


@pytest.mark.parametrize("body, expected", [
    ("- MRN\n", "not a mapping"),
    ("MRN: [A, B]\n", "policy entity id or null"),
    ("MRN: A\nMRN: B\n", "cannot read the label map"),
])
def test_load_label_map_rejects_malformed_files(tmp_path, body, expected):
    path = tmp_path / "map.yaml"
    path.write_text(body)
    with pytest.raises(GateError, match=expected):
        load_label_map(path, HIPAA)


def test_load_label_map_missing_file(tmp_path):
    with pytest.raises(GateError, match="not found"):
        load_label_map(tmp_path / "nope.yaml", HIPAA)
