from django.urls import URLPattern, URLResolver, path

from api import views

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("memo.json", views.MemoView.as_view(), name="memo"),
    path("national.json", views.NationalView.as_view(), name="national"),
    path("import", views.ImportView.as_view(), name="import"),
    path("openapi.json", views.OpenApiView.as_view(), name="openapi"),
]
