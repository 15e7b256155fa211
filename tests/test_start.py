"""The window starts without what it does not show (issue 12: a window in under a second).

Printing and PDF rendering (reportlab, PIL, pypdfium2), MQTT (paho), GS1 parsing (biip) and
Alembic load when first used; ``--help`` loads neither SQLAlchemy nor Alembic."""
from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

HEAVY = ("reportlab", "PIL", "pypdfium2", "segno", "biip", "paho", "alembic")


def loaded(code: str, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has imported after running ``code``."""
    probe = f"import sys\n{code}\nprint(' '.join(m for m in {modules!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    return result.stdout.split()


def test_the_main_window_and_the_app_import_nothing_they_do_not_show():
    assert loaded("import wms_desktop.ui.main_window", HEAVY) == []
    assert loaded("import wms_desktop.app", HEAVY) == []  # the composition root: login, shell, devices


def test_a_dialog_loads_what_it_needs_when_opened():  # and the probe sees it
    assert loaded("from wms_desktop.ui.dialogs import PackDialog", HEAVY) == ["reportlab", "PIL", "pypdfium2"]


def test_help_loads_neither_the_database_layer_nor_alembic():
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "wms_desktop", "--help"], capture_output=True,
                            text=True, check=True)
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "--database-url" in result.stdout
    assert not imported & {"sqlalchemy", "alembic", "PySide6"}


@pytest.mark.parametrize("package", ["wms_desktop.ui.dialogs", "wms_desktop.devices.printing"])
def test_every_name_of_a_lazy_package_resolves(package):
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018


def test_the_start_check_reads_the_revisions_alembic_reads():
    from alembic.script import ScriptDirectory

    from wms_desktop.db.migrate import head_revision, revisions
    from wms_desktop.paths import MIGRATIONS

    script = ScriptDirectory(str(MIGRATIONS))
    assert revisions() == {rev.revision: rev.down_revision for rev in script.walk_revisions()}
    assert head_revision() == script.get_current_head()
