from amana.cli import main

main()
