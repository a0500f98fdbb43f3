"""Raw documents to Articles: plain-text articles here, feeds in `feed`."""
