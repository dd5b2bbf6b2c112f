"""`python -m mailcoach`: the same command line as the `mailcoach` script."""
import sys

from .cli import main

sys.exit(main())
