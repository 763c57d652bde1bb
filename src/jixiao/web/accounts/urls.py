from django.urls import path

from jixiao.web.accounts import views

app_name = "accounts"

urlpatterns = [
    path("password/", views.password_change, name="password_change"),
    path("users/<uuid:pk>/reset-password/", views.password_reset, name="password_reset"),
]
