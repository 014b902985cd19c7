from backpain_cli.cli import main

main()
