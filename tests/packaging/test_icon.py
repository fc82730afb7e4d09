"""The application's icon: one SVG among the package's resources (resources/icons/, shipped in the
bundle: tests/packaging/test_deb.py), and the .ico (Windows: executables, installer, Start menu) and
.png (the .deb) committed beside the installers, which must still be renderings of that SVG."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageStat

from .conftest import PACKAGING, ROOT, load_script


def test_the_ico_holds_every_size_windows_asks_for():
    make_icon = load_script("make_icon.py")
    with Image.open(PACKAGING / "windows" / "seance-desk.ico") as ico:
        assert ico.ico.sizes() == {(s, s) for s in make_icon.ICO_SIZES}


def test_the_committed_pictures_are_the_current_svg(qapp, tmp_path):
    """Re-rendered from the SVG, they differ from the committed ones by anti-aliasing at most: an
    SVG changed without re-running packaging/make_icon.py fails here."""
    make_icon = load_script("make_icon.py")
    make_icon.write_icons(ico=tmp_path / "fresh.ico", png=tmp_path / "fresh.png")
    pairs = [(_frame(PACKAGING / "linux" / "seance-desk.png"), _frame(tmp_path / "fresh.png"))]
    pairs += [(_frame(PACKAGING / "windows" / "seance-desk.ico", size), _frame(tmp_path / "fresh.ico", size)) for size in (16, 48, 256)]
    for committed, fresh in pairs:
        assert committed.size == fresh.size
        assert max(ImageStat.Stat(ImageChops.difference(committed, fresh)).mean) < 2.0  # per channel, out of 255


def _frame(path, size: int | None = None) -> Image.Image:
    with Image.open(path) as image:
        if size is not None:
            image.size = (size, size)  # an .ico's frame of that size
        return image.convert("RGBA")


def test_the_windows_wear_the_svg(qapp, monkeypatch):
    """run_app gives the application the SVG as its icon, and names the .deb's menu entry. Here the
    package data is read from the checkout's resources/ (an editable install of another checkout
    may map seance_desk.resources elsewhere); that the frozen program ships it, test_deb.py checks."""
    from seance_desk.ui.shell import app_icon

    monkeypatch.setattr(app_icon.importlib.resources, "files", lambda package: ROOT / "resources")
    previous_icon, previous_name = qapp.windowIcon(), qapp.desktopFileName()
    try:
        app_icon.install_app_icon(qapp)
        rendered = qapp.windowIcon().pixmap(32, 32).toImage()
        assert not rendered.isNull()
        assert rendered.pixelColor(16, 4).name() == "#1f4e79"  # the SVG's blue, near the top edge
        assert qapp.desktopFileName() == "seance-desk" == (PACKAGING / "linux" / "seance-desk.desktop").stem
    finally:
        qapp.setWindowIcon(previous_icon)
        qapp.setDesktopFileName(previous_name)
