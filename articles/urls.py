from django.urls import path

from articles import views
from articles.exports import EntriesFeed

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("entries/", views.entry_list, name="entry-list"),
    path("entries.csv", views.entries_csv, name="entry-export-csv"),
    path("entries.json", views.entries_json, name="entry-export-json"),
    path("entries.atom", EntriesFeed(), name="entry-feed"),
    path("entries/<int:pk>/", views.entry_detail, name="entry-detail"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/history/", views.article_history_page, name="article-history"),
    path("people/<slug:slug>/", views.actor_detail, name="actor-detail"),
    path("organisations/<slug:slug>/", views.actor_detail, name="organisation-detail"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
]
