from backpain_cli.cli import run

run()
