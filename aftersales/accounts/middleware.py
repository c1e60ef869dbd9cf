from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class UserLanguageMiddleware:
    """A logged-in user's preferred language wins over the browser's (LocaleMiddleware's guess)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = translation.get_language()
        if user is not None and user.is_authenticated and user.language:
            language = user.language
            request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards: nothing leaks into the thread.
        with translation.override(language):
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", language or "en")
        return response
