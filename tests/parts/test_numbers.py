from __future__ import annotations

from aftersales.parts import numbers


def test_it_stores_numbers_without_spaces() -> None:
    assert numbers.normalize(" 11 42 7 953\t129 ") == "11427953129"


def test_it_prints_eleven_digits_in_the_manufacturers_groups() -> None:
    assert numbers.display("11427953129") == "11 42 7 953 129"


def test_it_prints_other_numbers_unchanged() -> None:
    assert numbers.display("ATF-3") == "ATF-3"


def test_it_reads_digits_with_spaces_as_a_part_number() -> None:
    assert numbers.looks_like_number("11 42 7")


def test_it_reads_words_as_words() -> None:
    assert not numbers.looks_like_number("oil filter")
