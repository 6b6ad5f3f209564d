"""`python -m scripts build|serve|check`: see scripts/cli.py."""
import sys

from .cli import main

sys.exit(main())
