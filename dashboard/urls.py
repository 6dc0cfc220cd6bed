from django.urls import URLPattern, URLResolver

app_name = "overview"

urlpatterns: list[URLPattern | URLResolver] = []
