"""Where the terminal's files (style sheet, icons, sounds, demo video, self-test image) are.

They live inside this package and are found with `importlib.resources`, so the same code
reads them from the source tree, from an installed wheel and from the PyInstaller bundle
(build.spec copies them to `pos_app/resources` in its data folder, where PyInstaller's
importer serves them). Qt needs real file names (QIcon, QSoundEffect), so an install from
which they cannot be read as plain files (a zip) is refused with a clear message.
Qt-free, so the scanner side can use it too.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


class ResourcesNotOnDiskError(RuntimeError):
    """The package's files are not plain files on disk."""


def resources_dir() -> Path:
    folder = files(__name__)
    if not isinstance(folder, Path):
        raise ResourcesNotOnDiskError(
            f"the terminal's resources are inside {folder!r}, not in a folder on disk; "
            "install the package unpacked (pip install does)"
        )
    return folder


def resource_path(*parts: str) -> Path:
    """`resource_path("icons", "app.svg")`: a file of this package (it may not exist)."""
    return resources_dir().joinpath(*parts)
