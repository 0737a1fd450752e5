"""timeline: explore a timeline of events drawn from news articles, in the terminal."""

__version__ = "0.1.0"
