from django.urls import URLPattern, URLResolver, path

from documents import views

app_name = "documents"

urlpatterns: list[URLPattern | URLResolver] = [
    path("uppfoljning/", views.MemoView.as_view(), name="memo"),
    path(
        "uppfoljning/ladda-ner/<str:fmt>/", views.MemoDownloadView.as_view(), name="memo_download"
    ),
    path("uppfoljning/text/<str:section>/", views.MemoTextEditView.as_view(), name="text_edit"),
    path("mall/", views.TemplateUploadView.as_view(), name="template"),
]
