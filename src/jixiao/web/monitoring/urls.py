from django.urls import path

from jixiao.web.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("monitoring/", views.todo, name="todo"),
    path("monitoring/rounds/", views.open_round, name="open_round"),
    path("monitoring/dashboard/", views.dashboard, name="dashboard"),
    path("monitoring/<uuid:pk>/", views.report, name="report"),
    path("monitoring/<uuid:pk>/template.xlsx", views.template, name="template"),
    path("monitoring/<uuid:pk>/upload", views.upload, name="upload"),
    path("monitoring/<uuid:pk>/act", views.act, name="act"),
]
