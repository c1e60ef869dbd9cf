"""The Merkle tree of the daily anchor, as RFC 6962 (Certificate Transparency) defines it.

Leaves: one per vehicle with a chain, sorted by VIN, each the bytes "<VIN>:<head hash>".
    leaf hash  = SHA-256(0x00 || leaf)
    node hash  = SHA-256(0x01 || left || right)
    root of n > 1 leaves = node(root of the first k, root of the rest), k the largest power
    of two below n; the root of no leaves is SHA-256 of nothing.
Pairing level by level and carrying an odd last node up unchanged builds the same tree.

An inclusion proof (`inclusion_proof`) lets anyone holding a vehicle's head hash check that it
is in a published root without seeing the other vehicles (`inclusion_verify`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def leaf_hash(vin: str, head: str) -> bytes:
    return hashlib.sha256(b"\x00" + f"{vin}:{head}".encode("ascii")).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def root(leaves: Sequence[bytes]) -> str:
    """The root (hex) over leaf hashes in their order."""
    if not leaves:
        return hashlib.sha256(b"").hexdigest()
    level = list(leaves)
    while len(level) > 1:
        paired = [_node(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0].hex()


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[str]:
    """The audit path of leaf `index` (hex hashes, bottom up), RFC 6962 section 2.1.1."""

    def path(items: Sequence[bytes], m: int) -> list[bytes]:
        n = len(items)
        if n <= 1:
            return []
        k = 1 << ((n - 1).bit_length() - 1)
        if m < k:
            return [*path(items[:k], m), bytes.fromhex(root(items[k:]))]
        return [*path(items[k:], m - k), bytes.fromhex(root(items[:k]))]

    return [h.hex() for h in path(leaves, index)]


def inclusion_verify(
    *, leaf: bytes, index: int, size: int, proof: Sequence[str], expected_root: str
) -> bool:
    """True when `leaf` at `index` of a tree of `size` leaves has `expected_root` (RFC 9162
    section 2.1.3.2)."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for item in proof:
        p = bytes.fromhex(item)
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = _node(p, r)
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = _node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r.hex() == expected_root
