"""The application's icon on its windows (title bar, task bar, Alt+Tab), from the SVG among the
package data (resources/icons/, shipped in the frozen program too). The installers' .ico and .png are
renderings of the same file (packaging/make_icon.py)."""

from __future__ import annotations

import importlib.resources

# The menu entry the .deb installs (/usr/share/applications/seance-desk.desktop): naming it lets a
# Wayland or X11 desktop tie the window to its entry, and so to its icon and name.
DESKTOP_FILE_NAME = "seance-desk"


def install_app_icon(app) -> None:
    from PySide6.QtGui import QIcon

    svg = importlib.resources.files("seance_desk.resources") / "icons" / "seance-desk.svg"
    if svg.is_file():  # a real file in a checkout, a wheel or the frozen folder; QIcon reads it lazily
        app.setWindowIcon(QIcon(str(svg)))
    app.setDesktopFileName(DESKTOP_FILE_NAME)
