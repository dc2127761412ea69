"""Site origins as browsers send them, so that a configured origin and a request's compare.

Browsers send `Origin: https://dict.example.org`: lower case, no default port, no path, an
internationalised host in its ASCII (punycode) form. An operator may write
`https://Dict.Example.org:443/`; both become the same string here.
"""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_origin(text: str) -> str:
    """`scheme://host[:port]` as a browser sends it, or ValueError; `*` stays `*`."""
    if text == "*":
        return text
    try:
        parts = urlsplit(text.strip())
        port = parts.port
        host = parts.hostname
    except ValueError:
        raise ValueError(f"{text!r} is not an origin like https://example.org") from None
    scheme = parts.scheme.lower()
    if (
        scheme not in DEFAULT_PORTS
        or not host
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
    ):
        raise ValueError(f"{text!r} is not an origin like https://example.org")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host.lower()
    except UnicodeError:
        raise ValueError(f"{text!r}: the host name is not a valid one") from None
    if ":" in host:
        host = f"[{host}]"
    if port is None or port == DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def same_host(origin: str, host_header: str) -> bool:
    """Whether a page of `origin` is on the host the request was sent to (its `Host` header,
    where no port means the origin's default one)."""
    try:
        expected = normalise_origin(origin)
        scheme = expected.split("://", 1)[0]
        return normalise_origin(f"{scheme}://{host_header}") == expected
    except ValueError:
        return False
