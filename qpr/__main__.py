import sys

from qpr.cli import main

sys.exit(main())
