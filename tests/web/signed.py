"""A persona signed in with CSRF enforced, posting as the browser does.

The token comes from the ``csrftoken`` cookie a page set (every page's navigation carries the
sign-out form), sent as ``csrfmiddlewaretoken`` for forms and ``X-CSRFToken`` for JSON.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from jixiao.web.accounts.models import User


class Signed:
    def __init__(self, user: User) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(user)
        assert self.client.get(reverse("declarations:list")).status_code == 200

    @property
    def token(self) -> str:
        return str(self.client.cookies["csrftoken"].value)

    def get(self, url: str, **query: Any) -> HttpResponse:
        response: HttpResponse = self.client.get(url, query)
        return response

    def post(self, url: str, data: dict[str, Any] | None = None) -> HttpResponse:
        form = {**(data or {}), "csrfmiddlewaretoken": self.token}
        response: HttpResponse = self.client.post(url, form)
        return response

    def send_json(self, method: str, url: str, body: object) -> HttpResponse:
        send = getattr(self.client, method)
        response: HttpResponse = send(
            url, json.dumps(body), content_type="application/json", HTTP_X_CSRFTOKEN=self.token
        )
        return response
