"""Wompi's integrity signature and event checksum, with the check values of its documentation."""

import json

from orders.payments.gateways.wompi_signing import (
    event_checksum,
    event_checksum_valid,
    integrity_signature,
)


def test_integrity_signature_matches_wompis_example():
    assert (
        integrity_signature(
            reference="sk8-438k4-xmxm392-sn2m",
            amount_in_cents=2490000,
            currency="COP",
            secret="prod_integrity_Z5mMke9x0k8gpErbDqwrJXMqsI6SFli6",
        )
        == "37c8407747e595535433ef8f6a811d853cd943046624a0ec04662b17bbf33bf5"
    )


def test_integrity_signature_includes_the_expiration_time_before_the_secret():
    with_expiry = integrity_signature(
        reference="r1",
        amount_in_cents=150000,
        currency="COP",
        expiration_time="2026-12-04T04:00:00.000Z",
        secret="s",
    )
    import hashlib

    expected = hashlib.sha256(b"r1150000COP2026-12-04T04:00:00.000Zs").hexdigest()
    assert with_expiry == expected


EXAMPLE = {
    "event": "transaction.updated",
    "data": {
        "transaction": {
            "id": "11128-1578502783-84081",
            "status": "APPROVED",
            "amount_in_cents": 5000,
            "reference": "TV-000001-1",
        }
    },
    "signature": {
        "properties": ["transaction.id", "transaction.status", "transaction.amount_in_cents"],
        "checksum": "8fb1e2fa0c36f9bbe1088a4b28fb19dfc04ccdb7b8ced48438ac2bee39e503f6",
    },
    "timestamp": 1530291411,
}


def test_event_checksum_matches_wompis_example():
    assert (
        event_checksum(
            data=EXAMPLE["data"],
            properties=EXAMPLE["signature"]["properties"],
            timestamp=1530291411,
            secret="test_events_XXXXXXXXXXXX",
        )
        == "8fb1e2fa0c36f9bbe1088a4b28fb19dfc04ccdb7b8ced48438ac2bee39e503f6"
    )
    assert event_checksum_valid(EXAMPLE, "test_events_XXXXXXXXXXXX")


def test_a_changed_value_timestamp_or_secret_fails_the_checksum():
    tampered = json.loads(json.dumps(EXAMPLE))
    tampered["data"]["transaction"]["amount_in_cents"] = 500
    assert not event_checksum_valid(tampered, "test_events_XXXXXXXXXXXX")
    later = json.loads(json.dumps(EXAMPLE)) | {"timestamp": 1530291412}
    assert not event_checksum_valid(later, "test_events_XXXXXXXXXXXX")
    assert not event_checksum_valid(EXAMPLE, "test_events_other")


def test_malformed_events_never_verify():
    for broken in (
        {},
        {"data": {}, "timestamp": 1, "signature": {"properties": [], "checksum": "x"}},
        EXAMPLE | {"signature": {"properties": ["transaction.missing"], "checksum": "x"}},
        EXAMPLE | {"signature": {"properties": ["transaction"], "checksum": "x"}},
        EXAMPLE | {"signature": "nope"},
        EXAMPLE | {"data": ["not", "a", "dict"]},
    ):
        assert not event_checksum_valid(broken, "test_events_XXXXXXXXXXXX")
