"""Excel import and export at 100k rows: the app against bare library paths.

Generates a 100k-row, 25-column client list (.xlsx) in a temporary folder, then reports:

* import: ``preview_import`` + ``run_import`` into an empty vault, against python-calamine's
  bare read of the same file (goal: app ≤ 4×) and against pandas.read_excel(openpyxl) +
  DataFrame.to_sql into a plain SQLite file (goal: app ≥ 2.5× faster; skipped with a note when
  pandas is not installed: it is not a project dependency);
* export: ``export_archive`` of the 100k imported clients, against a bare openpyxl write-only
  save of the same client-sheet cells (goal: app ≤ 1.2×), and xlsxwriter constant_memory when
  xlsxwriter is installed.

Prints, never asserts. Run: ``python benchmarks/bench_excel.py [--rows N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from benchmarks._common import peak_rss_mb, timed, use_memory_keyring

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
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def _resident_id(rng: random.Random, birth: dt.date) -> str:
    body = f"110105{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=False)) % 11]


def make_file(path: Path, rows: int) -> None:
    rng = random.Random(4)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户")
    sheet.append(HEADER)
    for n in range(rows):
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(18000))
        id_number = _resident_id(rng, birth)
        sheet.append(
            [
                f"C{n:09d}",
                "张" + "伟芳娜秀英敏静丽强磊"[n % 10] + "明华"[n % 2],
                "男" if int(id_number[16]) % 2 else "女",
                birth,
                "身份证",
                id_number,
                f"138{rng.randrange(10**8):08d}",
                "北京市朝阳区某路 1 号",
                "教师",
                "某公司",
                f"C{rng.randint(1, 5)}",
                round(rng.uniform(1000, 5e6), 2),
                "高净值",
                "备注",
            ]
            + [f"x{n}-{i}" for i in range(11)]
        )
    book.save(path)


def bench_import(vault, path: Path) -> float:
    from rm_desktop.services.exchange.importing import preview_import
    from rm_desktop.services.exchange.writing import run_import

    seconds, summary = timed(lambda: run_import(vault, preview_import(vault, path)))
    assert summary.imported > 0, summary.rejects[:3]
    return seconds


def bench_pandas(path: Path, folder: Path) -> float | None:
    try:
        import pandas
    except ImportError:
        return None

    def run():
        frame = pandas.read_excel(path, engine="openpyxl", dtype=str)
        with sqlite3.connect(folder / "pandas.db") as conn:
            frame.to_sql("clients", conn, index=False, if_exists="replace")

    return timed(run)[0]


def bench_bare_write(vault, folder: Path) -> tuple[float, float | None]:
    from rm_desktop.services.exchange.exporting import client_rows

    with vault.engine.connect() as conn:
        rows = client_rows(conn, None)

    def openpyxl_write():
        book = Workbook(write_only=True)
        sheet = book.create_sheet("客户")
        for row in rows:
            sheet.append(row)
        book.save(folder / "bare.xlsx")

    bare = timed(openpyxl_write)[0]
    try:
        import xlsxwriter
    except ImportError:
        return bare, None

    def xlsxwriter_write():
        book = xlsxwriter.Workbook(str(folder / "xw.xlsx"), {"constant_memory": True})
        sheet = book.add_worksheet("客户")
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
        book.close()

    return bare, timed(xlsxwriter_write)[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    use_memory_keyring()
    from rm_desktop.security.header import KdfParams
    from rm_desktop.services.exchange.exporting import export_archive
    from rm_desktop.services.vault.lifecycle import create_vault

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "clients.xlsx"
        make_file(path, args.rows)
        print(f"file: {args.rows} rows x {len(HEADER)} columns, {path.stat().st_size / 1e6:.1f} MB")
        calamine = timed(lambda: CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())[0]
        vault = create_vault(
            folder / "vault", "bench password 42", kdf=KdfParams(memory_kib=1024, iterations=1, lanes=1)
        )
        try:
            app_import = bench_import(vault, path)
            print(
                f"import   app {app_import:6.2f} s | calamine bare read {calamine:6.2f} s | "
                f"ratio {app_import / calamine:4.1f}x (goal <= 4x)"
            )
            pandas_time = bench_pandas(path, folder)
            if pandas_time is None:
                print("import   pandas.read_excel(openpyxl)+to_sql: skipped (pandas not installed)")
            else:
                print(
                    f"import   pandas read_excel+to_sql {pandas_time:6.2f} s | app is "
                    f"{pandas_time / app_import:4.1f}x faster (goal >= 2.5x)"
                )
            app_export = timed(lambda: export_archive(vault, folder / "archive.xlsx"))[0]
            bare, xlsxwriter_time = bench_bare_write(vault, folder)
            print(
                f"export   app archive {app_export:6.2f} s | bare openpyxl write-only {bare:6.2f} s | "
                f"ratio {app_export / bare:4.2f}x (goal <= 1.2x)"
            )
            if xlsxwriter_time is None:
                print("export   xlsxwriter constant_memory: skipped (xlsxwriter not installed)")
            else:
                print(
                    f"export   xlsxwriter constant_memory {xlsxwriter_time:6.2f} s | ratio "
                    f"{app_export / xlsxwriter_time:4.2f}x"
                )
        finally:
            vault.lock()
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
