"""Translation workflow for the Qt UI (source strings are Chinese, resources/i18n/rm_desktop_en.ts is English).

    python tools/i18n.py update   # re-scan rm_desktop/ui with pyside6-lupdate, fill from the glossary
    python tools/i18n.py todo     # the Chinese strings the glossary still lacks, as JSON to fill in

The glossary (resources/i18n/glossary_en.json and resources/i18n/glossary/*.json, Chinese ->
English) is where translations are written: one entry serves the same string in every context.

`make` builds the .qm from the .ts; tests/test_translations.py fails while anything is unfinished.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "rm_desktop_en.ts"
GLOSSARY = ROOT / "resources" / "i18n" / "glossary_en.json"
SOURCES = ROOT / "rm_desktop" / "ui"


def lupdate(ts: Path = TS) -> None:
    tool = shutil.which("pyside6-lupdate") or str(Path(sys.executable).with_name("pyside6-lupdate"))
    files = sorted(str(p) for p in SOURCES.rglob("*.py"))
    subprocess.run(
        [
            tool,
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            *files,
            "-ts",
            str(ts),
        ],
        check=True,
    )


def messages(ts: Path = TS) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, or None when unfinished."""
    result = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete")
            result[(name, message.findtext("source"))] = translation.text if done and translation.text else None
    return result


def glossary() -> dict[str, str]:
    """The main glossary plus one file per feature area in resources/i18n/glossary/ (so work on
    different areas does not edit the same file)."""
    merged: dict[str, str] = {}
    for path in [GLOSSARY, *sorted((GLOSSARY.parent / "glossary").glob("*.json"))]:
        if path.exists():
            merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def todo() -> dict[str, str]:
    known = glossary()
    return {
        source: ""
        for (ctx, source), text in messages().items()
        if text is None and source not in known and f"{ctx}|{source}" not in known
    }


def fill_from_glossary() -> int:
    known = glossary()
    tree = ET.parse(TS)
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            # "Context|源文" entries win: the same Chinese word may need two English words.
            text = known.get(f"{name}|{source}") or known.get(source)
            translation = message.find("translation")
            if text and (translation.get("type") == "unfinished" or translation.text != text):
                translation.text = text
                translation.attrib.pop("type", None)
                count += 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return count


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        lupdate()
        fill_from_glossary()
        print(f"{len(todo())} strings lack an English translation (python tools/i18n.py todo)")
    elif command == "todo":
        json.dump(todo(), sys.stdout, ensure_ascii=False, indent=1)
    else:
        sys.exit(__doc__)
