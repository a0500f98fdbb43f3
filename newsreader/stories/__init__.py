"""Stories: articles from different outlets that report the same event, grouped as they are stored.

The model (model.py): an article is a vector of its title and lead words (stemmed as the search index
stems them, each weighted by how rare it is in its language according to a fixed reference list, so a
word's weight never depends on what was stored before). Two articles are *linked* when they are from
different outlets (or are two versions of one outlet's report), were published within WINDOW of each
other, and their similarity (cosine of the vectors, times a Gaussian of the time between them, adjusted
by their primary countries) reaches THRESHOLD (HEADLINE_THRESHOLD when one of them is a bare headline,
model.threshold). Within a connected component of these links, split.py makes the stories.

Every link depends only on the two articles, so the stories are the same whatever order articles
arrive in, and a new article that links two stories merges them. window.py finds an article's
candidates among the stored ones published near it, without looking at the rest. Nothing here knows
of the store or the screen.
"""

from __future__ import annotations

from newsreader.stories.model import SIGMA, THRESHOLD, WINDOW, Member, link_score, make_vector

__all__ = ["SIGMA", "THRESHOLD", "WINDOW", "Member", "link_score", "make_vector"]
