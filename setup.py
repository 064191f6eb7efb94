"""Bundle the top-level ``seeds/`` and ``resources/`` folders into the wheel.

They live at the top of the repository (where people look for them); an installed,
non-editable package finds its copies under ``annotator/_bundled/``.
"""

from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "annotator" / "_bundled"
        for name in ("seeds", "resources"):
            src = HERE / name
            if src.is_dir():
                shutil.copytree(src, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithData})
