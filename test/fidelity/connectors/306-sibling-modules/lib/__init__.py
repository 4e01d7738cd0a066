from .transform import flatten  # noqa: F401
