from django.urls import path

from survey import public

app_name = "survey_public"

urlpatterns = [
    path("<slug:forbund>/<str:token>/", public.answer, name="answer"),
    path("<slug:forbund>/<str:token>/tack/", public.thanks, name="thanks"),
]
