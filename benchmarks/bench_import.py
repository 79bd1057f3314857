"""Spreadsheet import at 100k rows × 25 columns: the product's import path against a bare read.

Generates a client list (.xlsx, openpyxl write-only) with a few bad rows (a wrong ID checksum, an
impossible date, a short phone, a repeated ID) and a totals line, then in ONE process run:

* bare: python-calamine's ``get_sheet_by_index(0).to_python()`` of the same file, read three
  times per run (the best read counts: one sample on a loaded machine was often 50% slow);
* app: ``preview_import`` + ``run_import`` into an empty vault, exactly as the GUI and the CLI
  call them, with a per-step breakdown (each step's own time, measured by wrapping the product's
  functions in this process; the rest of the import is "other").

Goal (issue 19.5): app ≤ 4× bare. Names are drawn from 60 surnames × 80 given-name characters,
so most rows carry a distinct name (a real book does; a list of 20 names would hide the pinyin
cost behind the per-name cache); mobiles fall in ~10k distinct 7-digit blocks, as in bench_excel. Prints, never asserts.

Run: ``python benchmarks/bench_import.py [--rows N] [--runs N] [--keep DIR]`` (``--keep``
reuses a generated file across runs; writing 100k rows takes ~20 s).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from _common import peak_rss_mb, report, size, use_memory_keyring, wall_and_cpu
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from rm_desktop.security.header import KdfParams

HEADER = [
    "客户编号",
    "客户姓名",
    "性别",
    "出生日期",
    "证件类型",
    "证件号码",
    "手机号码",
    "联系地址",
    "职业",
    "工作单位",
    "风险等级",
    "金融资产(元)",
    "标签",
    "备注",
] + [f"扩展{i}" for i in range(11)]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉萍文辉鹏飞宇浩然子轩欣怡梓涵一诺思远晨曦佳琪雨桐俊杰嘉乐长乐重阳行健单和朝晖"
OCCUPATIONS = ("教师", "医生", "工程师", "个体经营", "公务员", "退休", "企业高管", "自由职业")
TAGS = ("高净值", "代发工资", "退休 养老", "企业主", "", "新客户")
# Mobiles of ~10k distinct 7-digit blocks (号段), as one city's clients have; every head valid.
MOBILE_HEADS = ("130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159")
MOBILE_HEADS += ("186", "187", "188", "189", "180", "181", "182", "183", "185", "177", "176", "199", "198", "166")
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
PASSWORD = "bench password 42"
BARE_READS = 3  # bare samples per run, the best counts (as for the app's runs)
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)


def resident_id(rng: random.Random, birth: dt.date) -> str:
    body = f"{rng.choice(('110105', '310101', '440305', '510104'))}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=False)) % 11]


def client_row(rng: random.Random, n: int) -> list[object]:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(18000))
    id_number = resident_id(rng, birth)
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    row: list[object] = [
        f"C{n:09d}",
        rng.choice(SURNAMES) + given,
        "男" if int(id_number[16]) % 2 else "女",
        birth,
        "身份证",
        id_number,
        f"{rng.choice(MOBILE_HEADS)}{rng.randrange(350):04d}{rng.randrange(10**4):04d}",
        f"北京市朝阳区某路 {rng.randrange(1, 300)} 号",
        rng.choice(OCCUPATIONS),
        "某公司",
        f"C{rng.randint(1, 5)}",
        round(rng.uniform(1000, 5e6), 2),
        rng.choice(TAGS) or None,
        "备注" if n % 3 else None,
    ] + [f"x{n}-{i}" for i in range(11)]
    # Bad rows, so the reject path runs as in real files: one in ~250.
    if n % 997 == 5:
        row[5] = id_number[:-1] + ("0" if id_number[-1] != "0" else "1")  # checksum wrong
    elif n % 1009 == 7:
        row[3] = "1985-13-45"
    elif n % 1013 == 9:
        row[6] = "12345"
    elif n % 1019 == 11 and n > 1019:
        row[5] = None  # the ID of row n-1019's twin below: filled by the caller
    return row


def make_file(path: Path, rows: int, seed: int = 19) -> None:
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户")
    sheet.append(["XX支行客户清单"])
    sheet.append(HEADER)
    previous_ids: list[object] = []
    for n in range(rows):
        row = client_row(rng, n)
        if row[5] is None and previous_ids:
            row[5] = previous_ids[-500]  # repeats an ID 500 rows up: "repeats row …"
        previous_ids.append(row[5])
        sheet.append(row)
    sheet.append(["合计", None, None, None, None, None, None, None, None, None, None, 0])
    book.save(path)


# ---------------------------------------------------------------------------- step timing


class Steps:
    """CPU time of each wrapped product function (steadier than wall time on a shared machine),
    summed over its calls; nested steps are subtracted from the step around them, so the
    figures add up to the whole."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[float] = []  # time spent in nested steps, per open step

    @contextlib.contextmanager
    def step(self, label: str) -> Iterator[None]:
        self._stack.append(0.0)
        start = time.process_time()
        try:
            yield
        finally:
            spent = time.process_time() - start
            nested = self._stack.pop()
            self.seconds[label] += spent - nested
            if self._stack:
                self._stack[-1] += spent

    def wrap(self, owner: object, name: str, label: str) -> Callable[[], None]:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            with self.step(label):
                return original(*args, **kwargs)

        setattr(owner, name, timed)
        return lambda: setattr(owner, name, original)

    def wrap_context(self, owner: object, name: str, label: str) -> Callable[[], None]:
        """A context manager whose exit does the work (bulk_loading: the keys and FTS rebuild)."""
        original = getattr(owner, name)
        steps = self

        @contextlib.contextmanager
        def timed(*args, **kwargs):
            manager = original(*args, **kwargs)
            with steps.step(label):
                manager.__enter__()
            try:
                yield
            except BaseException as exc:
                if not manager.__exit__(type(exc), exc, exc.__traceback__):
                    raise
            else:
                with steps.step(label):
                    manager.__exit__(None, None, None)

        setattr(owner, name, timed)
        return lambda: setattr(owner, name, original)


def instrument(steps: Steps) -> list[Callable[[], None]]:
    from rm_desktop.io import readers
    from rm_desktop.services.clients import search_columns
    from rm_desktop.services.exchange import importing, writing
    from rm_desktop.storage import bulk

    return [
        steps.wrap(readers.zip_scan, "check_zip", "zip size scan"),
        steps.wrap(readers, "_read_calamine", "calamine read + clean"),
        steps.wrap(importing, "normalise_rows", "row normalisation"),
        steps.wrap(importing.import_match, "decide", "duplicate matching"),
        steps.wrap(writing, "_name_keys", "search keys (pinyin)"),
        steps.wrap(bulk, "insert_values", "insert (driver executemany)"),
        # Both inside search_columns.loading_new_clients, the import's bulk path.
        steps.wrap_context(bulk, "indexes_deferred", "index rebuild"),
        steps.wrap_context(search_columns, "bulk_loading", "keys + FTS rebuild"),
    ]


def forget_caches() -> None:
    """Every run starts as the first import of a process would: the per-name and per-character
    memos of earlier runs (same file, same names) would make a second run look cheaper."""
    from rm_desktop.domain import pinyin
    from rm_desktop.services.exchange import writing

    for module in (pinyin, writing):
        for value in vars(module).values():
            if hasattr(value, "cache_clear") and value is not pinyin._pypinyin:
                value.cache_clear()


def run_app(vault, path: Path, steps: Steps | None):
    from rm_desktop.services.exchange.importing import preview_import
    from rm_desktop.services.exchange.writing import run_import

    forget_caches()
    undo = instrument(steps) if steps is not None else []
    try:
        preview = preview_import(vault, path)
        summary = run_import(vault, preview, today=dt.date(2026, 1, 5))
    finally:
        for restore in undo:
            restore()
    return summary


def bare_read(path: Path) -> int:
    return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=size(100_000, 20_000))
    parser.add_argument("--runs", type=int, default=size(2, 1), help="imports (each into a new vault); the best counts")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated file in DIR and reuse it")
    args = parser.parse_args()
    use_memory_keyring()
    from rm_desktop.services.vault.lifecycle import create_vault

    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"clients_{args.rows}.xlsx"
        if not path.exists():
            make_file(path, args.rows)
        print(f"file: {args.rows:,} rows x {len(HEADER)} columns, {path.stat().st_size / 1e6:.1f} MB")
        bare_read(path)  # the page cache and the library's first use are no one's cost
        app_runs, bare_runs = [], []
        # The vaults are locked at the end only: a lock turns SQLCipher's memory security on
        # for the rest of the process (storage/db.py), which would slow every later run.
        vaults = []
        try:
            for run in range(args.runs):  # interleaved, so both sides see the same load
                # Three bare reads per run (~0.4 s each at 20k): the quick run imports once, and
                # a single bare sample on a shared machine moved the ratio by a whole 1x.
                bare_runs += [wall_and_cpu(lambda: bare_read(path)) for _ in range(BARE_READS)]
                vaults.append(create_vault(Path(tmp) / f"vault{run}", PASSWORD, kdf=FAST_KDF, remember=False))
                app_runs.append(wall_and_cpu(lambda: run_app(vaults[-1], path, None)))
            # One more run, instrumented, for the step figures (the wrapping costs a little).
            steps = Steps()
            vaults.append(create_vault(Path(tmp) / "vault_steps", PASSWORD, kdf=FAST_KDF, remember=False))
            whole = wall_and_cpu(lambda: run_app(vaults[-1], path, steps))[1]
        finally:
            for vault in vaults:
                vault.lock()
    summary = app_runs[-1][2]
    print(f"imported {summary.imported:,}, rejected {summary.rejected:,}, skipped {summary.skipped:,}")
    ratios = {}
    for label, index in (("wall", 0), ("CPU", 1)):
        bare = min(r[index] for r in bare_runs)
        app = min(r[index] for r in app_runs)
        ratios[label] = app / bare
        print(
            f"  {label:4} app {app:6.2f} s | calamine bare read {bare:6.2f} s | ratio {app / bare:4.2f}x (goal <= 4x)"
        )
    # CPU is the verdict: on a shared machine the wall figure moves with the other work.
    report("19.5", f"import {args.rows:,} x 25 / bare calamine read (CPU)", ratios["CPU"], "x", 4)
    report("19.5-wall", f"import {args.rows:,} x 25 / bare calamine read (wall)", ratios["wall"], "x", None)
    print(f"steps (CPU seconds of one more, instrumented run: {whole:.2f} s):")
    accounted = 0.0
    for label, seconds in sorted(steps.seconds.items(), key=lambda item: -item[1]):
        accounted += seconds
        print(f"  {label:28} {seconds:6.2f} s")
    print(f"  {'other':28} {whole - accounted:6.2f} s")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
