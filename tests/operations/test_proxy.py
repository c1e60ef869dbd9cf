import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from aftersales.operations.proxy import TrustedProxyMiddleware, is_trusted_proxy


def _secure_seen(remote: str) -> bool:
    seen: dict[str, bool] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["secure"] = request.is_secure()
        return HttpResponse()

    request = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR=remote)
    TrustedProxyMiddleware(view)(request)
    return seen["secure"]


def test_it_believes_x_forwarded_proto_from_the_proxy() -> None:
    assert _secure_seen("127.0.0.1") is True


def test_it_ignores_x_forwarded_proto_from_an_outsider() -> None:
    assert _secure_seen("203.0.113.7") is False


def test_it_accepts_a_network_in_forwarded_allow_ips(settings) -> None:  # type: ignore[no-untyped-def]
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/8"]
    assert is_trusted_proxy("10.1.2.3")
    assert not is_trusted_proxy("127.0.0.1")


@pytest.mark.django_db
def test_it_redirects_an_outsider_who_claims_https_to_https(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECURE_SSL_REDIRECT = True
    response = Client(REMOTE_ADDR="203.0.113.7").get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_it_serves_https_behind_the_proxy(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECURE_SSL_REDIRECT = True
    response = Client(REMOTE_ADDR="127.0.0.1").get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
