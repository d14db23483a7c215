from registry.editors.cli import main

main()
