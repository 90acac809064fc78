"""Where the atlas's runtime files are: app.py, static/, the bundled data/ and the server settings (.streamlit/config.toml).

The one place that finds them. An installed wheel holds them in the package's data directory calais_atlas/bundle
(pyproject.toml's package-data); an editable install (the checkout) has no such folder, and they are the project root,
the folder that holds components/. Plain Python: the data layer and the command line use it, neither imports streamlit.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


def installed_bundle() -> Path | None:
    """The wheel's calais_atlas/bundle folder, or None in a checkout (where the package's folder is components/)."""
    bundle = files("calais_atlas") / "bundle"
    # pip unpacks a wheel, so an installed bundle is a real folder; a zipped package would give no path Streamlit can serve.
    return Path(str(bundle)) if isinstance(bundle, Path) and bundle.is_dir() else None


def bundle_dir() -> Path:
    """The folder holding app.py, static/, data/ and .streamlit/config.toml, installed or checked out."""
    return installed_bundle() or CHECKOUT_ROOT


def static_dir() -> Path:
    return bundle_dir() / "static"


def bundled_data_dir() -> Path:
    return bundle_dir() / "data"


def app_script() -> Path:
    return bundle_dir() / "app.py"


def server_config() -> Path:
    return bundle_dir() / ".streamlit" / "config.toml"


def is_installed_bundle(folder: Path) -> bool:
    """Whether ``folder`` is, or lies inside, the installed package's bundle: files pip owns, which a command must not
    change (an upgrade would overwrite them, and pip's record of the installed files would no longer match)."""
    bundle = installed_bundle()
    return bundle is not None and folder.resolve().is_relative_to(bundle.resolve())
