"""A test client that behaves like a browser on forms: CSRF enforced, token taken from the page.

``Browser().submit(url, data)`` loads ``url`` first (the page sets the CSRF cookie and carries
the token), then posts the form with that token, as a person filling the form in does.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.test import Client

PASSWORD = "测试密码-123"  #: the standing personas' password (conftest._user)


class Browser:
    def __init__(self, **defaults: Any) -> None:
        self.client = Client(enforce_csrf_checks=True, **defaults)

    def get(self, url: str, **extra: Any) -> HttpResponse:
        response: HttpResponse = self.client.get(url, **extra)
        return response

    def token(self) -> str:
        return self.client.cookies["csrftoken"].value

    def submit(self, url: str, data: dict[str, Any], **extra: Any) -> HttpResponse:
        """GET ``url`` (as the form page), then POST ``data`` with the page's CSRF token."""
        self.get(url, **extra)
        form = {**data, "csrfmiddlewaretoken": self.token()}
        response: HttpResponse = self.client.post(url, form, **extra)
        return response

    def login(self, username: str, password: str = PASSWORD, **extra: Any) -> HttpResponse:
        """Sign in through the login page (django-axes counts the attempt)."""
        data = {"username": username, "password": password}
        return self.submit("/accounts/login/", data, **extra)

    def signed_in(self) -> bool:
        return "_auth_user_id" in self.client.session
