"""The anchor's Merkle tree is RFC 6962's, and inclusion proofs check against its root."""

from __future__ import annotations

import hashlib

import pytest

from aftersales.trust import merkle


def rfc6962_root(leaves: list[bytes]) -> bytes:
    """The recursive definition of RFC 6962 section 2.1, written out independently."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + rfc6962_root(leaves[:k]) + rfc6962_root(leaves[k:])).digest()


def leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(f"VIN{i:014d}", f"{i:064x}") for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, 2, 3, 5, 7, 8, 13])
def test_it_builds_the_root_rfc_6962_defines(n: int) -> None:
    assert merkle.root(leaves(n)) == rfc6962_root(leaves(n)).hex()


def test_it_hashes_a_leaf_with_its_domain_prefix() -> None:
    expected = hashlib.sha256(b"\x00WBAUV71070A193748:" + b"a" * 64).digest()
    assert merkle.leaf_hash("WBAUV71070A193748", "a" * 64) == expected


@pytest.mark.parametrize(("n", "index"), [(1, 0), (2, 1), (5, 4), (7, 3), (13, 0), (13, 12)])
def test_it_proves_that_a_leaf_is_in_the_root(n: int, index: int) -> None:
    items = leaves(n)
    proof = merkle.inclusion_proof(items, index)
    assert merkle.inclusion_verify(
        leaf=items[index], index=index, size=n, proof=proof, expected_root=merkle.root(items)
    )


def test_it_rejects_a_proof_for_another_leaf() -> None:
    items = leaves(7)
    proof = merkle.inclusion_proof(items, 2)
    assert not merkle.inclusion_verify(
        leaf=items[3], index=2, size=7, proof=proof, expected_root=merkle.root(items)
    )
