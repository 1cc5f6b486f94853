from django.urls import path

from articles import views, views_compare, views_directory
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
    path("people/", views_directory.directory_list, {"param": "person"}, name="person-list"),
    path("organisations/", views_directory.directory_list, {"param": "org"}, name="organisation-list"),
    path("places/", views_directory.directory_list, {"param": "place"}, name="place-list"),
    path("places/<slug:slug>/", views_directory.place_detail, name="place-detail"),
    path("compare/", views_compare.compare, name="compare"),
    path("people/<slug:slug>/", views.actor_detail, name="actor-detail"),
    path("organisations/<slug:slug>/", views.actor_detail, name="organisation-detail"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
]
