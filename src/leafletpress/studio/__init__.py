"""Studio: the loops around a build for designers, rebuilding as files are saved."""
