"""PyInstaller runtime hook (build.spec): pyzbar loads the bundled libzbar.

pyzbar finds ZBar with `ctypes.util.find_library("zbar")`, which on Linux asks the system
(ldconfig) and so would miss the copy in the bundle and fail where libzbar0 is not
installed. This runs before any application import, while pyzbar has yet to bind the name.
"""

from __future__ import annotations

import ctypes.util
import os
import sys


def _use_bundled_zbar() -> None:
    bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "libzbar.so.0")
    if not os.path.isfile(bundled):
        return
    system_find_library = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        return bundled if name == "zbar" else system_find_library(name)

    ctypes.util.find_library = find_library


_use_bundled_zbar()
