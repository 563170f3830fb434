"""The kernel: configuration, storage, errors, security primitives. Imports no feature."""
