from django.urls import URLPattern, URLResolver, path

from audit import views

app_name = "audit"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.LogView.as_view(), name="log"),
    path("stickprov/", views.SampleView.as_view(), name="sample"),
    path("avvikelser/", views.AnomalyView.as_view(), name="anomalies"),
    path("granskningar/", views.ReviewListView.as_view(), name="reviews"),
    path("granskningar/ny/", views.ReviewCreateView.as_view(), name="review_create"),
]
