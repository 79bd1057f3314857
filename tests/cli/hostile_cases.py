"""The table of hostile CLI inputs that tests/cli/test_cli_hostile.py runs (issue 13, 12-16).

A case is the command line (built in the case's own folder, after damaging the vault or laying
out the hostile files it needs), a fragment its one line of stderr must hold (zh_CN), optional
environment, and an optional extra check of what must have been left alone.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rm_desktop.io.pdf_fonts import FONT_ENV

BIG = str(2**63)  # one past SQLite's largest INTEGER
HUGE = str(10**12)
PASSWORD_VAR = "RM_HOSTILE_FILE_PASSWORD"
FILE_PASSWORD = {PASSWORD_VAR: "Tr1cky-handover-pw!"}


@dataclass
class Place:
    vault: Path  # this case's copy of the vault
    work: Path  # an empty folder for the case's files and outputs


@dataclass
class Case:
    name: str
    argv: Callable[[Place], list[str]]
    expect: str
    env: dict[str, str] = field(default_factory=dict)
    check: Callable[[Place], None] = lambda place: None


# -- 13: the vault header -------------------------------------------------------------------------
def _header(edit: Callable[[dict], None]) -> Callable[[Place], list[str]]:
    def argv(place: Place) -> list[str]:
        path = place.vault / "vault.header"
        data = json.loads(path.read_bytes())
        edit(data)
        path.write_text(json.dumps(data))
        return ["client", "list"]

    return argv


def _flip(name: str) -> Callable[[dict], None]:
    def edit(data: dict) -> None:
        raw = bytearray(base64.b64decode(data[name]))
        raw[0] ^= 0x01
        data[name] = base64.b64encode(bytes(raw)).decode()

    return edit


def _kdf(**values: object) -> Callable[[dict], None]:
    return lambda data: data["kdf"].update(values)


def _header_folder(place: Place) -> list[str]:
    (place.vault / "vault.header").unlink()
    (place.vault / "vault.header").mkdir()
    return ["client", "list"]


def _header_truncated(place: Place) -> list[str]:
    path = place.vault / "vault.header"
    path.write_bytes(path.read_bytes()[:100])
    return ["client", "list"]


DAMAGED = "密钥头文件已损坏"
HEADER = [
    Case("header: salt bit flipped", _header(_flip("salt")), "校验和不符"),
    Case("header: nonce bit flipped", _header(_flip("nonce")), "校验和不符"),
    Case("header: wrapped key bit flipped", _header(_flip("wrapped_key")), "校验和不符"),
    Case('header: nonce ""', _header(lambda d: d.update(nonce="")), DAMAGED),
    Case("header: memory 1 TiB", _header(_kdf(memory_kib=2**30)), DAMAGED),
    Case("header: memory negative", _header(_kdf(memory_kib=-1)), DAMAGED),
    Case("header: iterations 0", _header(_kdf(iterations=0)), DAMAGED),
    Case("header: iterations 10**9", _header(_kdf(iterations=10**9)), DAMAGED),
    Case("header: lanes 0", _header(_kdf(lanes=0)), DAMAGED),
    Case("header: lanes 10**6", _header(_kdf(lanes=10**6)), DAMAGED),
    Case("header: is a folder", _header_folder, "文件夹"),
    Case("header: truncated", _header_truncated, DAMAGED),
]


# -- 15: import sources that are not regular files, and CSV past its limits -------------------------
def _source(kind: str, link: bool = False) -> Callable[[Place], Path]:
    def make(place: Place) -> Path:
        target = {"dir": place.work / "a folder.csv", "fifo": place.work / "pipe.csv"}.get(kind, Path("/dev/zero"))
        if kind == "dir":
            target.mkdir()
        elif kind == "fifo":
            os.mkfifo(target)
        if not link:
            return target
        linked = place.work / f"link-to-{kind}.csv"
        linked.symlink_to(target)
        return linked

    return make


def _text_file(name: str, data: bytes) -> Callable[[Place], Path]:
    def make(place: Place) -> Path:
        path = place.work / name
        path.write_bytes(data)
        return path

    return make


MIXED = "姓名,电话\n张三,13800138000\n".encode() + "李四,13900139000\n".encode("gbk")
WIDE = (",".join(f"c{i}" for i in range(200_000)) + "\n").encode()
LONG_FIELD = ("姓名,备注\n张三," + "长" * 140_000 + "\n").encode()
NOT_UTF8 = b"\x80\xff\xfe\x00\x81 not a mapping"
NOT_REGULAR = "不是普通文件"


def _importing(make: Callable[[Place], Path], *extra: str) -> Callable[[Place], list[str]]:
    return lambda place: ["import", str(make(place)), "--dry-run", *extra]


def _with_mapping(make: Callable[[Place], Path]) -> Callable[[Place], list[str]]:
    def argv(place: Place) -> list[str]:
        sheet = _text_file("list.csv", "姓名,电话\n张三,13800138000\n".encode())(place)
        return ["import", str(sheet), "--mapping", str(make(place))]

    return argv


SOURCES = [
    Case("import /dev/zero", _importing(_source("zero")), NOT_REGULAR),
    Case("import a FIFO", _importing(_source("fifo")), NOT_REGULAR),
    Case("import a folder", _importing(_source("dir")), "文件夹"),
    Case("import a link to /dev/zero", _importing(_source("zero", link=True)), NOT_REGULAR),
    Case("import a link to a FIFO", _importing(_source("fifo", link=True)), NOT_REGULAR),
    Case("import a link to a folder", _importing(_source("dir", link=True)), "文件夹"),
    Case("import: a CSV field over 128 KB", _importing(_text_file("long.csv", LONG_FIELD)), "128 KB"),
    Case("import: 200 000 columns", _importing(_text_file("wide.csv", WIDE)), "200,000 列"),
    Case("import: mixed encodings", _importing(_text_file("mixed.csv", MIXED)), "混用了多种编码"),
    Case("import --mapping /dev/zero", _with_mapping(_source("zero")), NOT_REGULAR),
    Case("import --mapping a FIFO", _with_mapping(_source("fifo")), NOT_REGULAR),
    Case("import --mapping not UTF-8", _with_mapping(_text_file("map.json", NOT_UTF8)), "编码"),
    Case("template import /dev/zero", lambda p: ["template", "import", "/dev/zero"], NOT_REGULAR),
    Case(
        "handover import a FIFO",
        lambda p: ["handover", "import", str(_source("fifo")(p)), "--password-env", PASSWORD_VAR],
        NOT_REGULAR,
        FILE_PASSWORD,
    ),
]


# -- 16: arguments ----------------------------------------------------------------------------------
def _args(*argv: str) -> Callable[[Place], list[str]]:
    return lambda place: [arg.format(work=place.work) for arg in argv]


RANGE = "须在 1 到 9223372036854775807 之间"
DATES = "日期须在 1900-01-01 到 2199-12-31 之间"
ARGUMENTS = [
    Case("client show 2^63", _args("client", "show", BIG), RANGE),
    Case("client show 0", _args("client", "show", "0"), RANGE),
    Case("client show -1", _args("client", "show", "-1"), RANGE),
    Case("client update 2^63", _args("client", "update", BIG, "--set", "name=李四"), RANGE),
    Case("client delete 2^64", _args("client", "delete", str(2**64)), RANGE),
    Case("client show 5000 digits", _args("client", "show", "9" * 5000), "须为整数"),
    Case("holding add 2^63", _args("holding", "add", BIG, "--set", "name=x"), RANGE),
    Case("contact list 2^63", _args("contact", "list", BIG), RANGE),
    Case("appointment delete 2^63", _args("appointment", "delete", BIG), RANGE),
    Case(
        "appointment add --client 2^63",
        _args("appointment", "add", "--at", "2026-12-01T10:00", "--title", "x", "--client", BIG),
        RANGE,
    ),
    Case("plan list 2^63", _args("plan", "list", BIG), RANGE),
    Case("plan export --version 2^63", _args("plan", "export", "1", "{work}/p.pdf", "--version", BIG), RANGE),
    Case("template render --client 2^63", _args("template", "render", "1", "--client", BIG), "--client"),
    Case("template render id 2^63", _args("template", "render", BIG, "--client", "1"), "话术编号"),
    Case(
        "handover export --clients 2^63",
        _args("handover", "export", "{work}/h.xlsx", "--clients", f"1,{BIG}", "--password-env", PASSWORD_VAR),
        "--clients",
        FILE_PASSWORD,
    ),
    Case(
        "appointment add 9999-12-31 daily",
        _args("appointment", "add", "--at", "9999-12-31T10:00", "--title", "x", "--rrule", "daily"),
        DATES,
    ),
    Case(
        "appointment add 0001-01-01 daily",
        _args("appointment", "add", "--at", "0001-01-01T10:00", "--title", "x", "--rrule", "daily"),
        DATES,
    ),
    Case("reminders --today 9999-12-31", _args("reminders", "--today", "9999-12-31"), DATES),
    Case("reminders --days 10**12", _args("reminders", "--days", HUGE), "须在 0 到 3660 之间"),
    Case(
        "reminders ics over three centuries",
        _args("reminders", "ics", "{work}/r.ics", "--from", "1900-01-01", "--to", "2199-12-31"),
        "导出范围最长",
    ),
    Case("reminders ics --to 9999-12-31", _args("reminders", "ics", "{work}/r.ics", "--to", "9999-12-31"), DATES),
    Case("reminder snooze --until 9999-12-31", _args("reminder", "snooze", "k", "--until", "9999-12-31"), DATES),
    Case("worklist --date 9999-12-31", _args("worklist", "--date", "9999-12-31"), DATES),
    Case("worklist snooze --until 9999-12-31", _args("worklist", "snooze", "k", "--until", "9999-12-31"), DATES),
    Case("insights --today 0001-01-01", _args("insights", "--today", "0001-01-01"), DATES),
    Case("client list --maturing 10**12", _args("client", "list", "--maturing", HUGE), "须在 0 到 36600 之间"),
    Case("client list --maturing -1", _args("client", "list", "--maturing", "-1"), "须在 0 到 36600 之间"),
    Case("import --header-row 0", _args("import", "{work}/x.csv", "--header-row", "0"), "须在 1 到 1048576 之间"),
    Case("demo --clients 10**12", _args("demo", "--clients", HUGE), "须在 1 到 200000 之间"),
]


# -- 16: outputs into bad targets -------------------------------------------------------------------
def full_device(folder: Path) -> Path:
    """A device node like /dev/full to write onto. As root (who could replace /dev itself if the
    refusal broke) a private copy in ``folder`` (same major/minor); for anyone else /dev/full,
    which they cannot replace anyway."""
    if os.geteuid() != 0:
        return Path("/dev/full")
    node = folder / "full"
    if not node.exists():
        os.mknod(node, stat.S_IFCHR | 0o666, os.stat("/dev/full").st_rdev)
    return node


def _device_intact(place: Place) -> None:
    node = full_device(place.work)
    assert stat.S_ISCHR(os.stat(node).st_mode), f"{node} was replaced"
    assert not [p for p in node.parent.iterdir() if p.name.startswith((".full.", ".backup-"))]


def _full(place: Place) -> str:
    return str(full_device(place.work))


def _linked_to_full(name: str) -> Callable[[Place], str]:
    def make(place: Place) -> str:
        link = place.work / name
        link.symlink_to(full_device(place.work))
        return str(link)

    return make


def _output(command: list[str], target: str | Callable[[Place], str], *extra: str) -> Callable[[Place], list[str]]:
    def argv(place: Place) -> list[str]:
        where = target(place) if callable(target) else target.format(work=place.work)
        if where.endswith(("/a folder", "/a folder.pdf")):
            Path(where).mkdir()
        return [*command, where, *extra]

    return argv


PLAIN = ["export", "archive"]
PDF = ["plan", "export", "1"]  # the seeded vault's plan
# The plan is drawn with the tests' CJK font, whatever fonts the machine has (tests/fonts).
PDF_FONT = {FONT_ENV: str(Path(__file__).resolve().parents[1] / "fonts" / "rm-test-cjk.ttf")}
PLAIN_EXTRA = ("--plain",)
OUTPUTS = [
    Case("export archive into a missing folder", _output(PLAIN, "{work}/missing/a.xlsx", *PLAIN_EXTRA), "文件夹不存在"),
    Case("export archive onto a folder", _output(PLAIN, "{work}/a folder", *PLAIN_EXTRA), "文件夹"),
    Case("export archive onto /dev/full", _output(PLAIN, _full, *PLAIN_EXTRA), NOT_REGULAR, check=_device_intact),
    Case(
        "export list onto a link to /dev/full",
        _output(["export", "list"], _linked_to_full("l.xlsx")),
        NOT_REGULAR,
        check=_device_intact,
    ),
    Case("reminders ics onto /dev/full", _output(["reminders", "ics"], _full), NOT_REGULAR, check=_device_intact),
    Case("reminders ics into a missing folder", _output(["reminders", "ics"], "{work}/missing/r.ics"), "文件夹不存在"),
    Case("template export onto /dev/full", _output(["template", "export"], _full), NOT_REGULAR, check=_device_intact),
    Case("plan export onto a link to /dev/full", _output(PDF, _linked_to_full("p.pdf")), NOT_REGULAR, PDF_FONT),
    Case("plan export onto a folder", _output(PDF, "{work}/a folder.pdf"), "文件夹", PDF_FONT),
    Case("plan export into a missing folder", _output(PDF, "{work}/missing/p.pdf"), "文件夹不存在", PDF_FONT),
    Case("backup onto /dev/full", _output(["backup"], _full), NOT_REGULAR, check=_device_intact),
    Case("backup onto a folder", _output(["backup"], "{work}/a folder"), "文件夹"),
    Case("backup into a missing folder", _output(["backup"], "{work}/missing/b.rmbak"), "文件夹不存在"),
    Case(
        "handover export onto /dev/full",
        _output(["handover", "export"], _full, "--all", "--password-env", PASSWORD_VAR),
        NOT_REGULAR,
        FILE_PASSWORD,
        check=_device_intact,
    ),
]


def mounted_tmpfs(folder: Path, options: str) -> bool:
    """Mount a small tmpfs at ``folder`` (a full or read-only disk as root sees one); False where
    mounting is not allowed (not root, a container without the capability)."""
    folder.mkdir(exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


# -- 12 and 14 (fixed elsewhere; run here as well): damaged pages, hostile backups ---------------
def _damaged_pages(place: Place) -> list[str]:
    db = place.vault / "vault.db"
    data = bytearray(db.read_bytes())
    for offset in range(4096 + 100, len(data), 4096):  # every page but the first: its payload
        data[offset : offset + 64] = bytes(64)
    db.write_bytes(bytes(data))
    return ["client", "list"]


def _restoring(make: Callable[[Place], Path]) -> Callable[[Place], list[str]]:
    return lambda place: ["restore", str(make(place)), "--yes"]


def _truncated_backup(place: Place) -> Path:
    whole = max((place.vault / "backups").glob("*.rmbak")).read_bytes()
    path = place.work / "cut.rmbak"
    path.write_bytes(whole[: len(whole) // 2])
    return path


OTHERS = [
    Case("client list on damaged pages", _damaged_pages, "损坏"),
    Case("restore garbage", _restoring(_text_file("junk.rmbak", os.urandom(4096))), "备份"),
    Case("restore a truncated backup", _restoring(_truncated_backup), "备份"),
    Case("restore a folder", _restoring(_source("dir")), "备份"),
]

CASES = HEADER + SOURCES + ARGUMENTS + OUTPUTS + OTHERS
