"""embgov.signing: ssh-keygen -Y signatures, verified against allowed_signers, bound to a namespace."""

from __future__ import annotations

import pytest

from embgov.errors import SignatureError
from embgov.signing import AUDIT_NAMESPACE, POLICY_NAMESPACE, sign, verify


def test_a_listed_key_verifies_and_names_its_principal(ssh_keys):
    signature = sign(b"policy hash 1234", ssh_keys.path("dana"), POLICY_NAMESPACE)
    assert verify(b"policy hash 1234", signature, POLICY_NAMESPACE, ssh_keys.signers) == ssh_keys.principal("dana")


@pytest.mark.parametrize("data, namespace, signer, problem", [
    (b"policy hash 9999", POLICY_NAMESPACE, "dana", "does not verify"),  # signed over other content
    (b"policy hash 1234", AUDIT_NAMESPACE, "dana", "does not verify"),   # replayed for another purpose
    (b"policy hash 1234", POLICY_NAMESPACE, "eve", "not in allowed_signers"),
])
def test_other_content_another_namespace_or_an_unlisted_key_is_refused(ssh_keys, data, namespace, signer, problem):
    signature = sign(b"policy hash 1234", ssh_keys.path(signer), POLICY_NAMESPACE)
    with pytest.raises(SignatureError, match=problem):
        verify(data, signature, namespace, ssh_keys.signers)


def test_no_allowed_signers_configured_is_a_located_error(monkeypatch, ssh_keys):
    monkeypatch.delenv("EMBGOV_ALLOWED_SIGNERS", raising=False)
    with pytest.raises(SignatureError) as info:
        verify(b"x", sign(b"x", ssh_keys.path("dana"), POLICY_NAMESPACE), POLICY_NAMESPACE)
    assert info.value.where == "$EMBGOV_ALLOWED_SIGNERS"
