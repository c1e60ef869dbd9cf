"""aftersales/portal/shared_cache.py: answers kept while nothing they depend on changes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aftersales import clock
from aftersales.portal import shared_cache

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self, answer: object = "answer") -> None:
        self.calls = 0
        self.answer = answer

    def __call__(self) -> object:
        self.calls += 1
        return self.answer


def test_it_computes_every_time_when_switched_off(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SHARED_CACHE_SECONDS = 0
    compute = Counter()
    shared_cache.cached("topic", "key", compute)
    shared_cache.cached("topic", "key", compute)
    assert compute.calls == 2


@pytest.mark.usefixtures("shared_cache")
def test_it_answers_from_the_cache_while_nothing_changes() -> None:
    compute = Counter()
    first = shared_cache.cached("topic", "key", compute)
    second = shared_cache.cached("topic", "key", compute)
    assert (first, second, compute.calls) == ("answer", "answer", 1)


@pytest.mark.usefixtures("shared_cache")
def test_it_computes_afresh_once_the_topic_is_invalidated(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    compute = Counter()
    shared_cache.cached("topic", "key", compute)
    with django_capture_on_commit_callbacks(execute=True):
        shared_cache.invalidate("topic")
    shared_cache.cached("topic", "key", compute)
    assert compute.calls == 2


@pytest.mark.usefixtures("shared_cache")
def test_it_keeps_the_answer_until_the_change_commits(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    compute = Counter()
    shared_cache.cached("topic", "key", compute)
    with django_capture_on_commit_callbacks(execute=False):
        shared_cache.invalidate("topic")  # a change not committed yet
        shared_cache.cached("topic", "key", compute)
    assert compute.calls == 1


@pytest.mark.usefixtures("shared_cache")
def test_it_keeps_other_topics_when_one_is_invalidated(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    compute = Counter()
    shared_cache.cached("other", "key", compute)
    with django_capture_on_commit_callbacks(execute=True):
        shared_cache.invalidate("topic")
    shared_cache.cached("other", "key", compute)
    assert compute.calls == 1


@pytest.mark.usefixtures("shared_cache")
def test_it_does_not_keep_an_answer_the_caller_refuses() -> None:
    compute = Counter(answer="refused")
    for _ in range(2):
        shared_cache.cached("topic", "key", compute, keep=lambda answer: answer != "refused")
    assert compute.calls == 2


@pytest.mark.usefixtures("shared_cache")
def test_it_does_not_use_an_answer_past_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    start = clock.now()
    ends = start + timedelta(minutes=2)
    compute = Counter()
    shared_cache.cached("topic", "key", compute, until=lambda _: ends)
    monkeypatch.setattr(clock, "now", lambda: ends)
    shared_cache.cached("topic", "key", compute, until=lambda _: ends)
    assert compute.calls == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_cache")
def test_it_invalidates_when_a_watched_model_is_saved() -> None:
    from aftersales.catalogue.models import Application

    application = Application.objects.create(slug="watched", name="Watched")
    compute = Counter()
    shared_cache.cached("access", "key", compute)  # CatalogueConfig watches Application
    application.name = "Renamed"
    application.save()
    shared_cache.cached("access", "key", compute)
    assert compute.calls == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_cache")
def test_it_ignores_a_log_in_stamp(owner) -> None:  # type: ignore[no-untyped-def]
    compute = Counter()
    shared_cache.cached("factors", "key", compute)  # MfaConfig watches User
    owner.last_login = clock.now()
    owner.save(update_fields=["last_login"])
    shared_cache.cached("factors", "key", compute)
    assert compute.calls == 1


@pytest.mark.usefixtures("shared_cache", "applications")
def test_it_reads_the_cache_once_for_a_request(client, owner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    client.force_login(owner)
    assert client.get("/service-history/").status_code == 200  # fills the cache
    reads: list[list[str]] = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(keys) or get_many(keys))
    assert client.get("/service-history/").status_code == 200
    assert len(reads) == 1


@pytest.mark.usefixtures("shared_cache", "applications")
def test_it_sees_a_change_made_earlier_in_the_same_request(
    owner, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    token = shared_cache.request_started()
    try:
        compute = Counter()
        shared_cache.prefetch(("topic", "key"))
        shared_cache.cached("topic", "key", compute)
        with django_capture_on_commit_callbacks(execute=True):
            shared_cache.invalidate("topic")
        shared_cache.cached("topic", "key", compute)
    finally:
        shared_cache.request_finished(token)
    assert compute.calls == 2


@pytest.mark.usefixtures("shared_cache")
def test_it_computes_when_the_cache_cannot_be_reached(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    def unreachable(*args: object, **kwargs: object) -> None:
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", unreachable)
    monkeypatch.setattr(cache, "set", unreachable)
    compute = Counter()
    answers = [shared_cache.cached("topic", "key", compute) for _ in range(2)]
    assert answers == ["answer", "answer"] and compute.calls == 2
