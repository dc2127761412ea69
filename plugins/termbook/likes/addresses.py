"""Who is asking: the network a request comes from, read only from proxies the operator trusts.

A request's address is its TCP peer, unless that peer is one of the configured proxies
(`--forwarded-allow-ips`): then it is the right-most hop of `X-Forwarded-For` that is not a
trusted proxy (every proxy appends the address it saw, so hops to the left of an untrusted one
may be forged). A hop that is not an IP address makes the request malformed: it is refused,
never taken as an address. Limits apply per *network*: an IPv4 address, or the /64 an IPv6
address belongs to (one household or server gets a whole /64, so counting its 2^64 addresses
apart would be no limit at all).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

IPV6_PREFIX = 64
"""The IPv6 prefix that counts as one network."""
MAX_HOPS = 32
"""Hops of X-Forwarded-For read at most: a longer chain is refused, not walked."""

_WITH_PORT = re.compile(r"(?P<v4>[0-9.]+):[0-9]{1,5}|\[(?P<v6>[0-9A-Fa-f:.]+)\](?::[0-9]{1,5})?")


class MalformedAddress(ValueError):
    """A forwarded hop that is not an IP address."""


def parse_address(text: str) -> IPAddress:
    """An IP address as proxies write it (`203.0.113.7`, `203.0.113.7:4711`, `[2001:db8::1]`,
    `[2001:db8::1]:443`, `2001:db8::1`), or MalformedAddress."""
    text = text.strip()
    match = _WITH_PORT.fullmatch(text)
    if match:
        port = text.rsplit(":", 1)[1] if text.endswith(tuple("0123456789")) else "0"
        if int(port) > 65535 or (match["v6"] is not None and ":" not in match["v6"]):
            raise MalformedAddress("not an IP address")
        text = match["v4"] or match["v6"]
    if not text or len(text) > 45 or "%" in text:  # no scope ids: not a client's address
        raise MalformedAddress("not an IP address")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        raise MalformedAddress("not an IP address") from None


def network_key(address: IPAddress) -> str:
    """The network the limits count: the IPv4 address, or the IPv6 /64 (IPv4-mapped IPv6
    addresses count as the IPv4 address they carry)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, IPV6_PREFIX), strict=False))
    return str(address)


class TrustedProxies:
    """The proxies whose X-Forwarded-For is believed: addresses or networks (CIDR)."""

    def __init__(self, networks: Sequence[IPNetwork] = ()) -> None:
        self.networks = tuple(networks)

    @classmethod
    def parse(cls, text: str | None) -> TrustedProxies:
        """`127.0.0.1,10.0.0.0/8,::1`; ValueError naming the entry that is not one."""
        networks = []
        for entry in (text or "").split(","):
            entry = entry.strip()
            if not entry:
                continue
            if entry == "*":
                raise ValueError(
                    "'*' would let anyone forge X-Forwarded-For: list the proxies' addresses"
                )
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                raise ValueError(f"{entry!r} is not an IP address or network") from None
        return cls(networks)

    def __bool__(self) -> bool:
        return bool(self.networks)

    def __contains__(self, address: IPAddress) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        return any(address.version == n.version and address in n for n in self.networks)

    def client(self, peer: str | None, forwarded: Iterable[str]) -> str:
        """The network key of the client behind `peer` (the TCP peer's address) given the
        request's X-Forwarded-For header values, in order; MalformedAddress if a hop that
        must be read is not an address."""
        if peer is None:
            return "unknown"  # a Unix socket: one local peer
        try:
            address = parse_address(peer)
        except MalformedAddress:
            return "unknown"
        if address not in self:
            return network_key(address)
        hops = [hop for value in forwarded for hop in value.split(",")]
        if len(hops) > MAX_HOPS:
            raise MalformedAddress(f"X-Forwarded-For has more than {MAX_HOPS} hops")
        for hop in reversed(hops):
            address = parse_address(hop)
            if address not in self:
                return network_key(address)
        return network_key(address)  # every hop a trusted proxy: the left-most one
