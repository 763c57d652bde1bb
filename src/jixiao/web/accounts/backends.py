"""The login backend: Django's, but the signed-in user comes with the organisation.

Every page shows the user's organisation in its header, so loading it in the same query
saves one query per request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from jixiao.web.accounts.models import User


class Backend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User._default_manager.select_related("organisation").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
