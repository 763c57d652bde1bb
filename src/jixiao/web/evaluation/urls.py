from django.urls import path

from jixiao.web.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("evaluations/", views.listing, name="list"),
    path("evaluations/rounds/", views.rounds, name="rounds"),
    path("evaluations/<uuid:pk>/", views.detail, name="detail"),
    path("evaluations/<uuid:pk>/save/", views.save, name="save"),
    path("evaluations/<uuid:pk>/act/", views.act, name="act"),
    path("evaluations/<uuid:pk>/preview/", views.preview, name="preview"),
    path("evaluations/<uuid:pk>/template/", views.template, name="template"),
    path("evaluations/<uuid:pk>/upload/", views.upload, name="upload"),
]
