"""The machine: what it has, how busy it is, what that means for a model and how to load one."""
