"""Reading an article's entries by the clock (articles/timeline.py)."""

import datetime as dt

from articles.timeline import in_time_order


def t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


DAY = dt.date(2025, 3, 4)
NEXT = dt.date(2025, 3, 5)


def order(posts, how):
    return [name for name, _, _ in in_time_order(posts, stamp=lambda p: (p[1], p[2]), order=how)]


def test_a_newest_first_live_blog_reads_oldest_first_and_back():
    posts = [("summary", DAY, None), ("c", DAY, t("22:21")), ("b", DAY, t("21:48")), ("a", DAY, t("07:40"))]
    assert order(posts, "oldest") == ["a", "b", "c", "summary"]
    assert order(posts, "newest") == ["summary", "c", "b", "a"]
    assert order(posts, "page") == ["summary", "c", "b", "a"]


def test_a_chronological_page_keeps_its_order_when_read_oldest_first():
    posts = [("a", DAY, t("07:40")), ("untimed", DAY, None), ("b", DAY, t("09:05")), ("c", NEXT, t("01:00"))]
    assert order(posts, "oldest") == ["a", "untimed", "b", "c"]
    assert order(posts, "newest") == ["c", "b", "untimed", "a"]


def test_the_stamps_order_posts_of_one_day_that_the_page_misplaced():
    posts = [("c", DAY, t("22:00")), ("a", DAY, t("08:00")), ("b", DAY, t("12:00")), ("x", DAY, t("06:00"))]
    assert order(posts, "oldest") == ["x", "a", "b", "c"]


def test_days_come_before_times():
    posts = [("late", NEXT, t("01:00")), ("early", DAY, t("23:00")), ("earlier", DAY, t("22:00"))]
    assert order(posts, "oldest") == ["earlier", "early", "late"]
