from navigator.cli import main

main()
