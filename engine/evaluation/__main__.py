import os
import sys

from .report import main

try:
    sys.exit(main())
except BrokenPipeError:  # the table piped into `head`: stop quietly, as other tools do
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
