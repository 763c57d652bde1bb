from django.urls import path

from jixiao.web.declarations.views import (
    archive,
    bulk,
    create,
    detail,
    download,
    edit,
    export,
    listing,
    review,
    statistics,
    submit,
)

app_name = "declarations"

urlpatterns = [
    path("declarations/", listing.declaration_list, name="list"),
    path("declarations/export.<str:fmt>", export.list_export, name="list_export"),
    path("declarations/yitihua.<str:fmt>", export.yitihua_export, name="yitihua_export"),
    path("declarations/new/", create.new, name="new"),
    path("declarations/import/", create.import_file, name="import"),
    path("declarations/bulk/", bulk.bulk_action, name="bulk"),
    path("declarations/<uuid:pk>/", detail.detail, name="detail"),
    path("declarations/<uuid:pk>/edit/", edit.edit, name="edit"),
    path("declarations/<uuid:pk>/archive/", archive.archive, name="archive"),
    path("declarations/<uuid:pk>/findings/", edit.findings, name="findings"),
    path("declarations/<uuid:pk>/submit/", submit.submit, name="submit"),
    path("declarations/<uuid:pk>/act/", submit.act, name="act"),
    path("declarations/<uuid:pk>/review/", review.review, name="review"),
    path("declarations/<uuid:pk>/continue/", create.continue_next_year, name="continue"),
    path("declarations/<uuid:pk>/versions/", detail.versions, name="versions"),
    path("declarations/<uuid:pk>/download/<str:fmt>/", download.download, name="download"),
    path("library/", listing.library, name="library"),
    path("library/export.<str:fmt>", export.library_export, name="library_export"),
    path("statistics/", statistics.dashboard, name="statistics"),
    path("statistics/<slug:key>.<str:fmt>", statistics.chart_export, name="statistics_export"),
    path("library/bundle/<uuid:org>/<int:year>/", download.bundle, name="bundle"),
]
