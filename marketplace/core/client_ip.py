"""The client's address, as lockouts and rate limits must see it.

Behind a reverse proxy every request arrives from the proxy's address, so keying on REMOTE_ADDR
would put every citizen in one bucket (and let anyone lock everyone out). The proxy's
X-Forwarded-For is only believed when the request comes from an address in TRUSTED_PROXIES, and
then read from the right: each trusted hop appends the address it received from, so the first
untrusted address from the right is the client; anything further left was sent by the client
and could be forged.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    address = _parse(remote)
    if address is None or not networks or not _trusted(address, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [_parse(part) for part in forwarded.split(",")] if forwarded else []
    for hop in reversed(hops):
        if hop is None:
            break  # a garbled chain: trust nothing further left of it
        if not _trusted(hop, networks):
            return str(hop)
        address = hop
    return str(address)
