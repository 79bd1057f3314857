"""The import's speed work (issue 19.5) must not change a single result: on a generated client
list full of awkward and bad cells, the preview (every row's status, values and reasons), the
rejects and everything written (client rows with their search keys, phones, tags, snapshots,
the keys table and the FTS index), on a first import and on a second one that updates every
client, must equal what the import produced before that work (``data/import_golden.json.gz``,
recorded from the code as it was; regenerate only for an intended change of behaviour:
``python -m tests.services.exchange.test_import_equivalence``).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import sys
from pathlib import Path

from openpyxl import Workbook

GOLDEN = Path(__file__).parent / "data" / "import_golden.json.gz"
TODAY = dt.date(2026, 1, 5)
ROWS = 1500

SURNAMES = ["王", "李", "张", "单", "曾", "乐", "长", "朴", "解", "仇", "欧阳", "司马", "钟离", "查", "盖", "吕", "女"]
GIVEN = list("伟芳娜长乐重阳行健和朝晖曾传差调率会都一了为发音乐行家银石朴单仇解吕绿女秀英")
LATIN = ["Amy Wang", "José García", "王Amy", "阿依古丽·买买提", "ＪＯＨＮ  Smith", "李 小 明", "张  三"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
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
    "金融资产(万元)",
    "标签",
    "备注",
    "扩展",
]


def _resident_id(rng: random.Random, birth: dt.date) -> str:
    body = f"{rng.choice(('110105', '310101', '440305', '440106'))}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=False)) % 11]


def _name(rng: random.Random) -> object:
    roll = rng.random()
    if roll < 0.06:
        return rng.choice(LATIN)
    if roll < 0.07:
        return rng.choice([123, "—", " ", None])
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 3))))


def _row(rng: random.Random, n: int) -> list[object]:
    birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(25000))
    id_number = _resident_id(rng, birth)
    gender = "男" if int(id_number[16]) % 2 else "女"
    birth_cell: object = rng.choice(
        [
            dt.datetime.combine(birth, dt.time()),
            birth.strftime("%Y/%m/%d"),
            birth.strftime("%Y年%m月%d日"),
            int(birth.strftime("%Y%m%d")),
            float((birth - dt.date(1899, 12, 30)).days),
            None,
            None,
        ]
    )
    if rng.random() < 0.03:
        birth_cell = rng.choice(["1985-13-45", 60.0, "85-3-7", dt.datetime(1899, 1, 1)])
    id_cell: object = rng.choice(
        [id_number, id_number, id_number, id_number.lower(), f" {id_number[:6]} {id_number[6:]}"]
    )
    if rng.random() < 0.02:
        id_cell = float(id_number[:17])  # the spreadsheet kept it as a number: digits lost
    if rng.random() < 0.03:
        id_cell = id_number[:-1] + ("1" if id_number[-1] == "0" else "0")  # check digit wrong
    if rng.random() < 0.01:
        id_cell = "99" + id_number[2:]  # no such province
    if rng.random() < 0.02:
        id_cell = id_number[:6] + id_number[8:17]  # a 15-digit old ID
    id_type: object = "身份证"
    if rng.random() < 0.04:
        id_type, id_cell = rng.choice(["护照", "港澳通行证"]), f"E{rng.randrange(10**7):07d}"
    block = rng.choice(["138", "139", "150", "186", "199", "177", "166", "145", "192"]) + f"{rng.randrange(40):04d}"
    mobile = block + f"{rng.randrange(10**4):04d}"
    phone: object = rng.choice(
        [
            mobile,
            mobile,
            mobile,
            float(mobile),
            f"+86 {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}",
            f"{mobile}，139{rng.randrange(10**8):08d}",
            f"0755-{rng.randrange(2 * 10**7, 9 * 10**7)}",
            "１３８００１３８０００",
            None,
        ]
    )
    if rng.random() < 0.03:
        phone = rng.choice(["12345", "4008208820", "1380013800a", 1.5])
    customer: object = rng.choice([f"C{n:06d}", f"c {n:06d}", float(100000 + n), f"C{n:06d}"])
    if n % 97 == 3 and n > 10:
        customer = f"C{n - 7:06d}"  # repeats a customer number of this file
    other_gender = "男" if gender == "女" else "女"
    return [
        customer,
        _name(rng),
        _pick(rng, [gender, gender, "1" if gender == "男" else "2", None], ["X", other_gender, 2.0, "M"]),
        birth_cell,
        id_type,
        id_cell,
        phone,
        _pick(rng, ["北京市朝阳区某路 1 号", "上海市浦东新区\u200b世纪大道", None, "  "], []),
        _pick(rng, ["教师", "医生", "退休", None], ["x" * 101]),
        rng.choice(["某公司", "某某银行", None]),
        _pick(rng, ["C1", "C3", "3", 4.0, None], ["C9", "R2", "稳健型"]),
        _pick(rng, [12.5, 0.5, "12.5万", "1,000", 1234.5678, None, 300.0, "50万元"], ["abc", -3]),
        _pick(rng, ["高净值 退休", "a,b；c", "代发工资", None, "高净值，高净值"], ["t" * 41]),
        rng.choice(["备注", None, "=SUM(A1)", "'=A1", "多行\n备注"]),
        f"x{n}",
    ]


def _pick(rng: random.Random, good: list[object], bad: list[object]) -> object:
    return rng.choice(bad) if bad and rng.random() < 0.02 else rng.choice(good)


def write_file(path: Path, rows: int = ROWS, seed: int = 195) -> Path:
    rng = random.Random(seed)
    book = Workbook()
    sheet = book.active
    sheet.title = "客户"
    sheet.append(["XX支行客户清单"])
    sheet.append(["统计日期：2025-12-31"])
    sheet.append(HEADER)
    for n in range(rows):
        if n == 400:
            sheet.append(HEADER)  # a repeated header row
        if n % 250 == 0:
            sheet.append([])  # an empty row
        sheet.append(_row(rng, n))
    sheet.append(["合计", None, None, None, None, None, None, None, None, None, None, 1])
    sheet.append(["制表人：张三"])
    book.save(path)
    return path


def _plain(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return f"{type(value).__name__}:{value}"


_VOLATILE = ("created_at", "updated_at")
# The summary's counts of client rows (other sheets' counters come and go with the archive).
_COUNTS = ("read", "imported", "updated", "skipped", "rejected")


def _tables(vault) -> dict[str, object]:
    found: dict[str, object] = {}
    with vault.engine.connect() as conn:
        for table, order in (
            ("clients", "id"),
            ("client_phones", "client_id, position, number"),
            ("client_tags", "client_id, tag"),
            ("aum_snapshots", 'client_id, "on", aum'),
            ("client_keys", "client_id, key"),
        ):
            result = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY {order}")
            columns = result.keys()
            keys = [k for k in columns if k not in _VOLATILE and not (table != "clients" and k == "id")]
            found[table] = [[_plain(row._mapping[k]) for k in keys] for row in result]
        found["fts"] = [
            list(row)
            for row in conn.exec_driver_sql("SELECT rowid, digits FROM client_search_fts ORDER BY rowid").all()
        ]
        # The FTS index itself answers, not just its content table.
        found["fts_match"] = [
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT rowid FROM client_search_fts WHERE client_search_fts MATCH '\"0013\"' ORDER BY rowid"
            ).all()
        ]
    return found


def pinyin_names(count: int = 4000, seed: int = 8) -> list[str]:
    """Names over pypinyin's whole single-character table (heteronyms over-sampled), the
    surname tables and Latin words: the search keys must not change for any of them."""
    from pypinyin.pinyin_dict import pinyin_dict

    from rm_desktop.domain.pinyin import COMPOUND_SURNAMES, SURNAME_READINGS

    rng = random.Random(seed)
    chars = sorted(chr(code) for code in pinyin_dict if 0x4E00 <= code <= 0x9FFF)
    several = [c for c in chars if "," in pinyin_dict[ord(c)]]
    surnames = sorted(SURNAME_READINGS) + sorted(COMPOUND_SURNAMES) + rng.sample(chars, 200)
    names = []
    for _ in range(count):
        given = "".join(
            rng.choice(several if rng.random() < 0.6 else chars) for _ in range(rng.choice((1, 2, 2, 3, 4)))
        )
        names.append(rng.choice(surnames) + given + rng.choice(["", "", "", " Lee", "·买买提", "2"]))
    return names + [" ".join(LATIN), "", "绿", "吕布", "女娲", "略", "单于单于单于", "长" * 12]


def observe(vault, path: Path) -> dict[str, object]:
    from rm_desktop.domain.pinyin import name_search_keys
    from rm_desktop.services.exchange.importing import preview_import
    from rm_desktop.services.exchange.writing import run_import

    observed: dict[str, object] = {"pinyin": [list(name_search_keys(name)) for name in pinyin_names()]}
    for label, policy in (("first", "update"), ("again", "update")):
        preview = preview_import(vault, path, on_duplicate=policy)
        observed[f"{label}_preview"] = [
            [
                row.result.row_number,
                row.status,
                row.decision,
                row.match_by,
                row.result.reasons,
                _plain(row.result.values),
                _plain(row.conflicts),
                _plain(row.fills),
            ]
            for row in preview.rows
        ]
        observed[f"{label}_rejects"] = _plain(preview.rejects())
        summary = run_import(vault, preview, today=TODAY).as_dict()
        observed[f"{label}_summary"] = _plain({k: summary[k] for k in _COUNTS})
        observed[f"{label}_tables"] = _tables(vault)
    return observed


def _load_golden() -> dict[str, object]:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as fh:
        golden = json.load(fh)
    for key in ("first_summary", "again_summary"):
        golden[key] = {k: golden[key][k] for k in _COUNTS}
    return golden


def test_import_results_equal_the_recorded_ones(vault, tmp_path):
    observed = json.loads(json.dumps(observe(vault, write_file(tmp_path / "list.xlsx")), ensure_ascii=False))
    golden = _load_golden()
    assert sorted(observed) == sorted(golden)
    for key, expected in golden.items():
        got = observed[key]
        if isinstance(expected, list):
            assert len(got) == len(expected), key
            for index, (mine, theirs) in enumerate(zip(got, expected, strict=True)):
                assert mine == theirs, f"{key}[{index}]"
        else:
            assert got == expected, key


def test_the_file_exercises_every_path():
    """The recorded run holds accepted, rejected and skipped rows, updates and keys: an
    equivalence over a file without them would prove nothing."""
    golden = _load_golden()
    statuses = {row[1] for row in golden["first_preview"]}
    assert statuses == {"ok", "rejected", "skipped"}
    reasons = " ".join(r for row in golden["first_preview"] for r in row[4])
    for word in ("证件号码", "出生日期", "手机号码", "性别", "风险等级", "金融资产", "标签", "重复"):
        assert word in reasons, word
    assert golden["again_summary"]["updated"] > 1000 and golden["first_summary"]["imported"] > 1000
    assert len(golden["first_tables"]["client_keys"]) > 2000 and golden["first_tables"]["fts_match"]
    assert sum(" " in full for full, _ in golden["pinyin"]) > 500  # names with several readings


def _record() -> None:  # pragma: no cover - run by hand, see the module docstring
    import tempfile

    import keyring

    from rm_desktop.i18n import set_language
    from rm_desktop.services.vault.lifecycle import create_vault
    from tests.conftest import FAST_KDF, PASSWORD, MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    set_language("zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        vault = create_vault(Path(tmp) / "vault", PASSWORD, kdf=FAST_KDF)
        try:
            observed = observe(vault, write_file(Path(tmp) / "list.xlsx"))
        finally:
            vault.lock()
    GOLDEN.parent.mkdir(exist_ok=True)
    with gzip.open(GOLDEN, "wt", encoding="utf-8") as fh:
        json.dump(observed, fh, ensure_ascii=False)
    print(f"recorded {GOLDEN}", file=sys.stderr)


if __name__ == "__main__":
    _record()
