def test_history_off_records_nothing_even_for_copy():
    from django.db import connection

    from articles.history import history_off

    with history_off():
        ArticleFactory()
        with (
            connection.cursor() as cursor,
            cursor.copy("COPY articles_actor (name, slug, kind, description, mention_count) FROM STDIN") as copy,
        ):
            copy.write_row(("Bulk Person", "bulk-person", "person", "", 0))
    assert not ArticleEvent.objects.exists() and not ActorEvent.objects.exists()
    ArticleFactory()  # and afterwards history is recorded again
    assert ArticleEvent.objects.count() == 1
