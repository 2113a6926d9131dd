"""Wompi's two signatures, as its documentation defines them (plain SHA-256, not HMAC).

- integrity (Web Checkout): sha256(reference + amount_in_cents + currency [+ expiration_time]
  + integrity_secret), lowercase hex;
- event checksum: sha256(values of `signature.properties` read inside `data`, in order, then the
  top-level `timestamp`, then the events secret).
"""

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from typing import Any


def integrity_signature(
    *, reference: str, amount_in_cents: int, currency: str, secret: str, expiration_time: str = ""
) -> str:
    text = f"{reference}{amount_in_cents}{currency}{expiration_time}{secret}"
    return hashlib.sha256(text.encode()).hexdigest()


def _lookup(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise KeyError(path)
        value = value[part]
    if isinstance(value, Mapping | list):
        raise KeyError(path)
    return value


def event_checksum(
    *, data: Mapping[str, Any], properties: Sequence[str], timestamp: Any, secret: str
) -> str:
    values = "".join(str(_lookup(data, path)) for path in properties)
    return hashlib.sha256(f"{values}{timestamp}{secret}".encode()).hexdigest()


def event_checksum_valid(event: Mapping[str, Any], secret: str) -> bool:
    """Whether a parsed Wompi event carries the checksum its own values and our secret give."""
    try:
        signature = event["signature"]
        properties = signature["properties"]
        given = str(signature["checksum"])
        timestamp = event["timestamp"]
        data = event["data"]
        if not isinstance(properties, list) or not properties or not isinstance(data, Mapping):
            return False
        if not all(isinstance(p, str) for p in properties) or isinstance(timestamp, Mapping | list):
            return False
        expected = event_checksum(
            data=data, properties=properties, timestamp=timestamp, secret=secret
        )
    except (KeyError, TypeError):
        return False
    return hmac.compare_digest(given.lower().encode(), expected.encode())
