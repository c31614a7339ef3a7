"""leafletpress: print-ready folded patient leaflets from YAML content and CSS.

The library API: `build`, `check`, `list_editions` and `preflight` (see api.py), with the
options they share (`BuildOptions`). They are imported when first used, so that importing the
package, or asking its version, loads nothing else.
"""

from .version import __version__

__all__ = ["BuildOptions", "build", "check", "list_editions", "preflight", "__version__"]


def __getattr__(name: str):
    if name in ("build", "check", "list_editions", "preflight"):
        from . import api

        return getattr(api, name)
    if name == "BuildOptions":
        from .options import BuildOptions

        return BuildOptions
    raise AttributeError(f"module 'leafletpress' has no attribute {name!r}")
