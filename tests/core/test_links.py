"""Which links go to a browser, and whether there is a browser here to take them."""

import pytest

from timeline.links import browser_here, first_words, web_link


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://example.org", "HTTPS://EXAMPLE.ORG/x"])
def test_web_links_may_be_opened(url):
    assert web_link(url)


@pytest.mark.parametrize("url", [None, "", "javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi",
                                 "https://", "https://example.org/a b", "https://example.org/\x1b]52;c;eA==\x07",
                                 "https://example.org/\u202eevil", "ftp://example.org", " https://example.org",
                                 "http://[", "https:///path"])
def test_other_links_are_never_opened(url):
    assert not web_link(url)


@pytest.mark.parametrize("environ, platform, here", [
    ({"DISPLAY": ":0"}, "linux", True),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
    ({}, "linux", False),  # a console: webbrowser would start a text browser in the terminal, or nothing
    ({"DISPLAY": ":0", "SSH_CONNECTION": "10.0.0.1 5 10.0.0.2 22"}, "linux", False),  # the far machine's display
    ({"SSH_TTY": "/dev/pts/1"}, "darwin", False),
    ({}, "darwin", True),
    ({}, "win32", True),
    ({"BROWSER": "firefox", "SSH_TTY": "/dev/pts/1"}, "linux", True),  # the user's own choice
])
def test_a_browser_is_here_only_where_it_would_reach_the_user(environ, platform, here):
    assert browser_here(environ, platform) is here


def test_first_words_say_what_was_copied_on_one_line():
    assert first_words("one two\nthree") == "one two three"
    assert first_words("a b c d e f g h i j", words=3) == "a b c…"
    assert first_words("x" * 100, width=10) == "x" * 9 + "…"
