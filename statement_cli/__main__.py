from statement_cli.cli import main

main()
