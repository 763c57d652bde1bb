from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView

from jixiao.web.api import api

admin.site.site_header = "绩效目标管理系统 · 管理"
admin.site.site_title = "绩效目标管理"


def healthz(request: HttpRequest) -> HttpResponse:
    """存活检查 for load balancers; also the trivial-view baseline of bench/web_bench.py."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", RedirectView.as_view(pattern_name="declarations:list"), name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("jixiao.web.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("jixiao.web.declarations.urls")),
    path("", include("jixiao.web.indicators.urls")),
    path("", include("jixiao.web.monitoring.urls")),
    path("", include("jixiao.web.evaluation.urls")),
    path("", include("jixiao.web.jobs.urls")),
]

handler400 = "jixiao.web.errors.bad_request"
handler403 = "jixiao.web.errors.permission_denied"
handler404 = "jixiao.web.errors.page_not_found"
handler500 = "jixiao.web.errors.server_error"
