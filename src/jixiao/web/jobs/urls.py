from django.urls import path

from jixiao.web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("jobs/", views.job_list, name="list"),
    path("jobs/import/", views.import_zip, name="import"),
    path("jobs/export/", views.export, name="export"),
    path("jobs/bundle/", views.bundle, name="bundle"),
    path("jobs/learn/", views.learn, name="learn"),
    path("jobs/<uuid:pk>/", views.detail, name="detail"),
    path("jobs/<uuid:pk>/cancel/", views.cancel, name="cancel"),
    path("jobs/<uuid:pk>/restart/", views.restart, name="restart"),
    path("jobs/<uuid:pk>/download/", views.download, name="download"),
]
