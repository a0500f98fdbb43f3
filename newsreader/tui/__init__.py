"""The interactive browser (`newsreader browse`) on Textual: the only package that imports Textual."""
