from django.urls import path

from jixiao.web.indicators import views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.search, name="search"),
    path("indicators/suggest/", views.suggest, name="suggest"),
    path("indicators/bundle/", views.bundle, name="bundle"),
    path("indicators/check/", views.check, name="check"),
    path("indicators/learn/", views.relearn, name="learn"),
    path("indicators/export/", views.export, name="export"),
    path("indicators/import/", views.upload, name="import"),
]
