#!/usr/bin/env python
import sys

if __name__ == "__main__":
    from aftersales.startup import run_command_or_exit, settings_or_exit

    settings_or_exit()
    run_command_or_exit(sys.argv)
