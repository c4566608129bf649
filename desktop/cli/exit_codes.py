"""The exit codes of the ``sotto`` command, besides 0 for success: scripts depend on them."""

EXIT_FAILED = 1
"""What the command was asked to do failed; the message on stderr says why."""
EXIT_USAGE = 2
"""The command was not run as asked: a bad argument (argparse exits with 2 too), a name
that is not there, or a question not confirmed."""
