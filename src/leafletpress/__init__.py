"""leafletpress: print-ready trifold patient leaflets from YAML content and CSS."""

__version__ = "0.1.0"

from .api import build, check, list_editions  # noqa: E402

__all__ = ["build", "check", "list_editions", "__version__"]
