from comparator.cli import run

run()
