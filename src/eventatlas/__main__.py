"""`python -m eventatlas` runs the command line."""

from eventatlas.cli import app

app(prog_name="eventatlas")
