"""The ``sotto`` command line: a module per command, ``main`` the dispatcher."""
