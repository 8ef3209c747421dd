"""One way to find bundled resources, from a source tree, an installed wheel or a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

FONT_FILE = "fonts/wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"


@cache
def resources_dir() -> Path:
    """The ``resources`` folder: inside ``sys._MEIPASS`` when frozen, else the installed package."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    import resources

    return Path(resources.__file__).resolve().parent


def resource_path(relative: str) -> Path:
    return resources_dir() / relative


def font_path() -> Path:
    return resource_path(FONT_FILE)
