"""Idle sessions: a signed-in session ends after ``SESSION_COOKIE_AGE`` without a request.

Django counts a session's age from its last save. Saving on every request
(``SESSION_SAVE_EVERY_REQUEST``) would write the session table on every page view; this
middleware renews a signed-in session at most once a minute instead, so the idle limit holds
to within a minute at one write per user per minute.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

#: Renew a signed-in session when its last renewal is older than this many seconds.
RENEW_AFTER = 60
_SEEN = "jixiao_seen"


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        now = int(time.time())
        if SESSION_KEY in session and now - int(session.get(_SEEN, 0)) >= RENEW_AFTER:
            session[_SEEN] = now  # marks the session modified: saved with a fresh expiry
        return self.get_response(request)
