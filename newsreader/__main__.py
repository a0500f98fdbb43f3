"""`python -m newsreader` runs the CLI."""

from newsreader.cli import main

main()
