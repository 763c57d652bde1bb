"""The project's URLs plus one view that fails, to see the 500 page a user would get."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from jixiao.web.urls import handler400, handler403, handler404, handler500, urlpatterns


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom: an English internal error that must not reach the user")


urlpatterns = [path("crash/", crash), *urlpatterns]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
