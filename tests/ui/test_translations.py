"""The Chinese catalogue keeps up with the code: regenerating it (``packaging/translations``) into
a copy finds no new or vanished string, every message has a finished translation that keeps its
source's placeholders, mnemonic and trailing ellipsis, and the committed .qm is compiled from it.

When a test here fails: run ``packaging/translations``, translate what it marks unfinished in
``resources/translations/wms_zh_CN.ts``, and run it again to compile.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "translations" / "wms_zh_CN.ts"
PLACEHOLDER = re.compile(r"%\d|\{\w+\}")
MNEMONIC = re.compile(r"(?<!&)&[A-Za-z0-9]")  # "&&" is a literal ampersand, "& " is text
CHINESE_MNEMONIC = re.compile(r"\(&[A-Z0-9]\)")  # 保存(&S): the letter may differ to avoid a clash

Messages = dict[tuple[str, str], ET.Element]


def messages(path: Path) -> Messages:
    """(context, source) → the <translation> element."""
    return {(context.findtext("name") or "", message.findtext("source") or ""): message.find("translation")
            for context in ET.parse(path).getroot().iter("context") for message in context.iter("message")}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """The catalogue regenerated from the code into a temporary directory, with this Python's Qt tools."""
    out = tmp_path_factory.mktemp("translations")
    tools = str(Path(sys.executable).parent)
    subprocess.run(["bash", str(ROOT / "packaging" / "translations"), str(out)], check=True,
                   env=dict(os.environ, PATH=tools + os.pathsep + os.environ.get("PATH", "")))
    return out


def test_catalogue_holds_exactly_the_strings_of_the_code(regenerated: Path) -> None:
    code, committed = messages(regenerated / CATALOGUE.name), messages(CATALOGUE)
    new = sorted(code.keys() - committed.keys())
    gone = sorted(committed.keys() - code.keys())
    assert (new, gone) == ([], []), "run packaging/translations and translate the new strings"
    assert (regenerated / CATALOGUE.name).read_bytes() == CATALOGUE.read_bytes(), "run packaging/translations"


def test_every_string_has_a_finished_translation() -> None:
    unfinished = [key for key, translation in messages(CATALOGUE).items()
                  if translation.get("type") or not (translation.text or "").strip()]
    assert unfinished == []


def test_translations_keep_placeholders_mnemonics_and_ellipses() -> None:
    wrong = []
    for (context, source), translation in messages(CATALOGUE).items():
        text = translation.text or ""
        if (sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))
                or len(MNEMONIC.findall(source)) != len(CHINESE_MNEMONIC.findall(text))
                or len(MNEMONIC.findall(text)) != len(CHINESE_MNEMONIC.findall(text))
                or source.endswith("…") != text.endswith("…")):
            wrong.append((context, source, text))
    assert wrong == []


def test_compiled_catalogue_is_current(regenerated: Path) -> None:
    qm = CATALOGUE.with_suffix(".qm")
    assert (regenerated / qm.name).read_bytes() == qm.read_bytes(), "run packaging/translations"


def test_window_titles_are_in_one_language() -> None:
    """A title is written in English and translated; "Pick list / 拣货单" showed both languages
    to everyone (issue 10, item 9)."""
    title = re.compile(r"setWindowTitle\(\s*self\.tr\(\s*\"([^\"]*)\"")
    mixed = [(path.relative_to(ROOT).as_posix(), text) for path in sorted((ROOT / "wms_desktop").rglob("*.py"))
             for text in title.findall(path.read_text(encoding="utf-8")) if re.search(r"[\u3400-\u9fff]", text)]
    assert mixed == []
