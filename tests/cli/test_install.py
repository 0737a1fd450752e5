"""The tests run against the package as installed, and the install holds every file of the
package: a module left out of the wheel fails here, not on a user's machine."""

import hashlib
import importlib.metadata
from base64 import urlsafe_b64encode
from pathlib import Path

from conftest import ROOT

import timeline

DISTRIBUTION = "news-timeline"
SOURCE = ROOT / "timeline"
PACKAGED = {".py", ".tcss", ".yaml"}  # the kinds of file the package is made of


def source_files() -> dict[str, Path]:
    return {path.relative_to(ROOT).as_posix(): path for path in sorted(SOURCE.rglob("*"))
            if path.suffix in PACKAGED and "__pycache__" not in path.parts}


def installed_files() -> dict[str, str]:
    """The package's files as the install recorded them, with their hashes."""
    files = importlib.metadata.files(DISTRIBUTION) or []
    return {str(f): f.hash.value for f in files if str(f).startswith("timeline/") and f.hash}


def digest(path: Path) -> str:
    return urlsafe_b64encode(hashlib.sha256(path.read_bytes()).digest()).rstrip(b"=").decode()


def test_the_tests_import_the_installed_copy_not_the_checkout():
    # Fails under an editable install, or `python -m pytest`, which puts the checkout first
    # on sys.path: run the README's set-up and test command instead.
    assert Path(timeline.__file__).resolve().parent != SOURCE.resolve()


def test_every_source_file_is_installed_as_it_is_in_the_checkout():
    installed = installed_files()
    missing = [name for name in source_files() if name not in installed]
    stale = [name for name, path in source_files().items() if name in installed and installed[name] != digest(path)]
    extra = [name for name in installed if Path(name).suffix in PACKAGED and name not in source_files()]
    assert missing == [], "left out of the wheel"
    # setuptools keeps build/ between builds: a module since moved or deleted can ride along
    assert extra == [], "in the install but not in the checkout: delete build/ and install again"
    assert stale == [], "the install is older than the checkout: run the README's set-up again"
    assert len(installed) >= 30

