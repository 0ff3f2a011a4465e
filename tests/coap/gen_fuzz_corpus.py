#!/usr/bin/env python3
# Copyright 2026 The Tern Authors
# SPDX-License-Identifier: Apache-2.0
"""Writes the seed corpora of the CoAP fuzz targets into fuzz/corpus/:
a dozen small messages each for coap_msg (prefix byte: 0 UDP, 1 TCP),
coap_udp (records [flags][len16][datagram]) and coap_tcp (two seed bytes,
then a stream of frames). Run from anywhere; files are overwritten."""

import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                    "fuzz", "corpus")


def opt_field(value):
    if value < 13:
        return value, b""
    if value < 269:
        return 13, bytes([value - 13])
    return 14, struct.pack(">H", value - 269)


def options(opts):
    out = b""
    last = 0
    for number, value in sorted(opts, key=lambda o: o[0]):
        if isinstance(value, int):
            value = value.to_bytes((value.bit_length() + 7) // 8, "big")
        elif isinstance(value, str):
            value = value.encode()
        dn, dext = opt_field(number - last)
        ln, lext = opt_field(len(value))
        out += bytes([(dn << 4) | ln]) + dext + lext + value
        last = number
    return out


def body(opts, payload):
    return options(opts) + (b"\xff" + payload if payload else b"")


def udp(mtype, code, mid, token=b"", opts=(), payload=b""):
    return (bytes([0x40 | (mtype << 4) | len(token), code])
            + struct.pack(">H", mid) + token + body(opts, payload))


def tcp(code, token=b"", opts=(), payload=b""):
    b = body(opts, payload)
    n = len(b)
    if n < 13:
        head = bytes([(n << 4) | len(token)])
    elif n < 269:
        head = bytes([(13 << 4) | len(token), n - 13])
    elif n < 65805:
        head = bytes([(14 << 4) | len(token)]) + struct.pack(">H", n - 269)
    else:
        head = bytes([(15 << 4) | len(token)]) + struct.pack(">I", n - 65805)
    return head + bytes([code]) + token + b


def code(c, d):
    return (c << 5) | d


GET, POST, PUT = code(0, 1), code(0, 2), code(0, 3)
CONTENT, CHANGED, CONTINUE = code(2, 5), code(2, 4), code(2, 31)
CSM, PING, RELEASE, ABORT = code(7, 1), code(7, 2), code(7, 4), code(7, 5)
CON, NON, ACK, RST = 0, 1, 2, 3
T8 = b"\x00" * 8  # patched with the real token by the harness

MESSAGES = [
    udp(CON, GET, 1, b"\x01\x02", [(11, "3"), (11, "0"), (11, "0")]),
    udp(CON, GET, 2, b"\x03", [(6, 0), (11, "temp"), (17, 11542)]),
    udp(NON, POST, 3, b"\x04\x05\x06", [(11, "rd"), (12, 40),
                                          (15, "ep=tern"), (15, "lt=60")],
        b"</3/0>,</5/0>"),
    udp(ACK, CONTENT, 4, b"\x07", [(12, 11543), (23, 0x0E), (28, 3000)],
        b"x" * 64),
    udp(CON, PUT, 5, T8, [(11, "5"), (27, 0x1E), (60, 4096)], b"y" * 1024),
    udp(RST, 0, 6),
    udp(CON, 0, 7),
    udp(CON, GET, 8, b"", [(3, "example.org"), (7, 5683), (258, 2)]),
    udp(ACK, CONTINUE, 9, b"\x08", [(27, 0x0E)]),
    udp(CON, GET, 10, b"\x09", [(1, b"\xaa"), (4, b"\x01\x02"), (5, b""),
                                 (14, 60), (35, "coap://h/p"), (39, "coap"),
                                 (20, "q"), (8, "loc")]),
    udp(CON, GET, 11, b"\x0a", [(9, b"")]),
    udp(CON, GET, 12, b"\x0b", [(300, b"z" * 270)]),
]

TCP_FRAMES = [
    tcp(CSM, b"", [(2, 1152), (4, b"")]),
    tcp(GET, b"\x01", [(11, "a"), (6, 0)]),
    tcp(PUT, b"\x02\x03", [(11, "b"), (27, 0x0E)], b"p" * 1024),
    tcp(PING, b"\x04"),
    tcp(CONTENT, b"\x05", [(23, 0x06)], b"q" * 300),
    tcp(RELEASE),
    tcp(ABORT, b"", [(2, 4)], b"bye"),
    tcp(POST, b"\x06", [(11, "big")], b"r" * 2000),
    tcp(0),
]


def write(directory, name, data):
    path = os.path.join(ROOT, directory)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), "wb") as f:
        f.write(data)


def record(flags, datagram):
    return bytes([flags]) + struct.pack(">H", len(datagram)) + datagram


def main():
    for i, m in enumerate(MESSAGES):
        write("coap_msg", "udp_%02d" % i, b"\x00" + m)
    for i, f in enumerate(TCP_FRAMES[:-2]):
        write("coap_msg", "tcp_%02d" % i, b"\x01" + f)

    # UDP: responses to the context's own request (patched ID and token),
    # requests of every kind, API calls in between.
    ack = udp(ACK, CONTINUE, 0, T8, [(27, 0x0E)])
    final = udp(ACK, CHANGED, 0, T8, [(27, 0x06)])
    seeds = [
        record(3, ack) + record(3, ack) + record(3, final),
        record(3, udp(ACK, 0, 0)) + record(2, udp(CON, CHANGED, 77, T8)),
        record(1, udp(RST, 0, 0)),
        record(0, MESSAGES[1]) + record(4 | (0 << 3), b"")
        + record(4 | (4 << 3), b""),
        record(0, MESSAGES[0]) + record(0, MESSAGES[0]),
        record(0, udp(CON, GET, 20, b"\x01", [], b"\x01"))
        + record(4 | (1 << 3), b""),
        record(0, udp(CON, GET, 21, b"\x02", [(11, "x")], b"\x04"))
        + record(0, udp(CON, GET, 22, b"\x03", [(11, "x"), (23, 0x16)])),
        record(0, udp(CON, PUT, 23, b"\x04", [(27, 0x0A)], b"a" * 64))
        + record(0, udp(CON, PUT, 24, b"\x04", [(27, 0x12)], b"b" * 64)),
        record(0, MESSAGES[10]) + record(0, MESSAGES[6]),
        record(4 | (2 << 3), b"") + record(3, ack),
        record(0, MESSAGES[3]) + record(0, MESSAGES[5]),
        record(0, b"\x40\x01\x00\x01\xff"),
    ]
    for i, s in enumerate(seeds):
        write("coap_udp", "seed_%02d" % i, s)

    # TCP: streams that start with the peer's CSM.
    csm = TCP_FRAMES[0]
    streams = [
        csm,
        csm + TCP_FRAMES[1],
        csm + TCP_FRAMES[2] + TCP_FRAMES[3],
        csm + TCP_FRAMES[4],
        csm + TCP_FRAMES[5],
        csm + TCP_FRAMES[6],
        csm + TCP_FRAMES[7],
        TCP_FRAMES[1],
        csm + TCP_FRAMES[8] + TCP_FRAMES[1] + TCP_FRAMES[3],
        csm + tcp(GET, b"\x07", [(9, b"")]),
        csm + tcp(GET, b"\x08", [(11, "a")], b"\x01") * 3,
        csm + b"\x0f",
    ]
    for i, s in enumerate(streams):
        write("coap_tcp", "seed_%02d" % i, bytes([i, 7 * i]) + s)


if __name__ == "__main__":
    main()
