"""Whether the preview can listen on a port: asked before anything is loaded or built, answered in Swedish.

Kept apart from preview.py, which loads the whole site machinery: a busy port is said within a moment of
`avtal serve` starting, not after the first build.
"""

from __future__ import annotations

import errno
import socket

_SOCKET_ERRORS = {
    errno.EADDRINUSE: "porten {port} används redan av ett annat program (kanske en förhandsvisning som redan är igång)",
    errno.EADDRNOTAVAIL: "adressen {host} finns inte på den här datorn",
    errno.EACCES: "porten {port} kräver högre behörighet; välj en port över 1023",
}


def socket_problem(host: str, port: int, error: OSError) -> str:
    known = _SOCKET_ERRORS.get(error.errno)
    what = known.format(host=host, port=port) if known else f"anslutningen gick inte att öppna (felkod {error.errno})"
    return f"avtal: fel: kan inte ta emot anrop på {host}:{port}: {what}; välj en annan port med --port"


def port_problem(host: str, port: int) -> str | None:
    """Why the preview could not listen on host:port, in Swedish, or None: asked before the first build (seconds),
    with the server's own socket options."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return f"avtal: fel: adressen {host} går inte att slå upp; ange en adress som 127.0.0.1"
    family, kind, proto, _, address = infos[0]
    probe = socket.socket(family, kind, proto)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: a closed port is free
        probe.bind(address)
    except OSError as error:
        return socket_problem(host, port, error)
    finally:
        probe.close()
    return None
