from backpain_cli.launch import main

main()
