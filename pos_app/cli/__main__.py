"""`python -m pos_app.cli` is `loyalty-pos`."""

from pos_app.cli.main import main

main()
