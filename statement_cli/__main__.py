from statement_cli.entry import main

main()
