from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import User


class UserWithOrganisationBackend(ModelBackend):
    """Loads the user's organisation with the user: every page asks for it (menu, access check),
    so one join per request saves a query per request."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User.objects.select_related("organisation").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
