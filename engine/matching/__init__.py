"""Compiling a rulebook and matching facts against it: the compiled checks and the backends."""
