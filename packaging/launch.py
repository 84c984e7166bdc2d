"""Entry point for the packaged application: the same main() as the riskdesk command."""

import sys

from riskdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
