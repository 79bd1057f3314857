"""Realistic synthetic clients for demos, benchmarks and tests (never real people).

Resident IDs carry valid checksums and birth dates, phones use real mobile prefixes, assets
follow an 80/20 spread across the tiers, holdings mature over the coming year and contacts fall
over the past one. A seed makes a book reproducible.

Names come from a fixed pool (namesakes are normal in a large book) so that their pinyin search
keys are computed once per process: pypinyin costs ~0.3 ms a name, which would otherwise
double the time to build a 100k-client book.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable
from decimal import Decimal

from stdnum.cn import ric

from rm_desktop.domain.pinyin import name_search_keys
from rm_desktop.domain.search_keys import digits_text
from rm_desktop.domain.tiers import DEFAULT_TIERS, tier_for
from rm_desktop.services.clients.search_columns import bulk_loading
from rm_desktop.storage import bulk
from rm_desktop.storage.db import writer
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃单解仇区朴查"
)
COMPOUND = ("欧阳", "司马", "诸葛", "上官")
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰志华建国红玉梅春燕文辉晓东海波宇浩然思雨欣怡子涵嘉豪俊杰佳琪"
REGIONS = ("110105", "310115", "440301", "440304", "330106", "320102", "510107", "420106", "370202", "350203")
MOBILE_PREFIXES = (
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "158",
    "159",
    "182",
    "183",
    "187",
    "188",
    "130",
    "131",
    "132",
    "155",
    "156",
    "185",
    "186",
    "133",
    "153",
    "180",
    "181",
    "189",
    "177",
    "199",
)
OCCUPATIONS = ("企业主", "公务员", "教师", "医生", "工程师", "财务", "销售", "退休", "自由职业", "律师")
TAGS = ("高净值", "代发工资", "企业主", "退休客户", "VIP", "基金定投", "保险需求", "子女教育")
CHANNELS = ("phone", "wechat", "visit", "sms", "meeting", "event")
CONTENTS = (
    "电话回访，客户对理财到期安排满意。",
    "微信发送本周市场观点。",
    "上门拜访，了解家庭理财需求。",
    "网点面谈，讲解新发理财产品。",
    "邀请参加周末理财沙龙。",
    "提醒定期存款即将到期。",
)
PRODUCTS = (
    ("deposit", "三年期定期存款", "R1"),
    ("wealth", "稳享180天理财", "R2"),
    ("fund", "沪深300指数基金", "R4"),
    ("insurance", "年金保险", "R2"),
    ("bond", "储蓄国债（电子式）", "R1"),
    ("metal", "积存金", "R3"),
    ("wealth", "季季盈理财", "R3"),
)


def _resident_id(rng: random.Random, birth: dt.date, gender: str) -> str:
    seq = rng.randrange(0, 50) * 2 + (1 if gender == "男" else 0)
    body = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{rng.randrange(10)}{seq:02d}"[:17]
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


NAME_POOL_SIZE = 12_000


def _name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND) if rng.random() < 0.02 else rng.choice(SURNAMES)
    given = "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.3 else 2))
    return surname + given


@functools.lru_cache(maxsize=1)
def _name_pool() -> tuple[str, ...]:
    rng = random.Random(20240501)
    return tuple(dict.fromkeys(_name(rng) for _ in range(NAME_POOL_SIZE)))


_search_keys = functools.lru_cache(maxsize=NAME_POOL_SIZE)(name_search_keys)


def _aum(rng: random.Random) -> Decimal:
    # Pareto tail: most clients hold a few 万, a fifth of them hold most of the assets.
    value = 50_000 * rng.paretovariate(1.16)
    return Decimal(min(value, 80_000_000)).quantize(Decimal("0.01"))


def generate(
    count: int, *, seed: int = 7, first_id: int = 1, today: dt.date | None = None, tiers=DEFAULT_TIERS
) -> dict[str, list[dict]]:
    """Rows for bulk.insert_book: clients, phones, tags, holdings, contacts."""
    rng = random.Random(seed)
    # The day each client joined comes from a stream of its own, so the rest of the book (names,
    # amounts, contacts) is the same as before for a given seed.
    joined_rng = random.Random(seed + 1_000_003)
    today = today or dt.date.today()
    now = dt.datetime.combine(today, dt.time(9, 0))
    book: dict[str, list[dict]] = {"clients": [], "phones": [], "tags": [], "holdings": [], "contacts": []}
    pool = _name_pool()
    for cid in range(first_id, first_id + count):
        gender = rng.choice(("男", "女"))
        birth = dt.date(rng.randint(1945, 2002), 1, 1) + dt.timedelta(days=rng.randrange(365))
        aum = _aum(rng)
        # Office hours: 09:00 plus up to 7 hours, on a day 1-119 days ago.
        last_contact = now - dt.timedelta(days=rng.randrange(1, 120)) + dt.timedelta(hours=rng.randrange(8))
        name, customer_no, id_number = rng.choice(pool), f"C{cid:09d}", _resident_id(rng, birth, gender)
        phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        pinyin, initials = _search_keys(name)
        assessed = today - dt.timedelta(days=rng.randrange(700))
        book["clients"].append(
            {
                "id": cid,
                "customer_no": customer_no,
                "name": name,
                "gender": gender,
                "birth_date": birth,
                "lunar_birthday": rng.random() < 0.1,
                "id_type": "resident_id",
                "id_number": id_number,
                "occupation": rng.choice(OCCUPATIONS),
                "risk_grade": f"C{rng.randint(1, 5)}",
                "aum": aum,
                "tier": tier_for(aum, tiers).code,
                "last_contact_at": last_contact,
                "created_at": now,
                "updated_at": now,
                "risk_assessed_on": assessed,
                "risk_expires_on": assessed + dt.timedelta(days=730),
                "name_pinyin": pinyin,
                "name_initials": initials,
                "search_digits": digits_text([phone], id_number, customer_no),
                "next_follow_up": None,
            }
        )
        client = book["clients"][-1]
        book["phones"].append({"client_id": cid, "number": phone, "label": "手机", "position": 0})
        for tag in rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2))):
            book["tags"].append({"client_id": cid, "tag": tag})
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            kind, product, risk = rng.choice(PRODUCTS)
            start = today - dt.timedelta(days=rng.randrange(30, 400))
            book["holdings"].append(
                {
                    "client_id": cid,
                    "product_type": kind,
                    "name": product,
                    "code": f"P{rng.randrange(10**6):06d}",
                    "amount": (aum * Decimal(rng.uniform(0.1, 0.5))).quantize(Decimal("0.01")),
                    "risk": risk,
                    "start_date": start,
                    "maturity_date": today + dt.timedelta(days=rng.randrange(-10, 365)),
                    "status": "holding",
                }
            )
        contact_count = rng.choice((0, 1, 2, 3))
        if not contact_count:
            client["last_contact_at"] = None  # the list's "last contact" comes from the contacts
        for n in range(contact_count):
            at = last_contact - dt.timedelta(days=30 * n)
            follow_up = (at + dt.timedelta(days=7)).date() if n == 0 and rng.random() < 0.3 else None
            book["contacts"].append(
                {
                    "client_id": cid,
                    "at": at,
                    "channel": rng.choice(CHANNELS),
                    "purpose": "维护",
                    "content": rng.choice(CONTENTS),
                    "created_at": at,
                    "updated_at": at,
                    "follow_up_done": n > 0,
                    "follow_up_date": follow_up,
                }
            )
            if follow_up:
                client["next_follow_up"] = follow_up
        _set_joined(client, book, joined_rng, now)
    return book


def _set_joined(client: dict, book: dict[str, list[dict]], rng: random.Random, now: dt.datetime) -> None:
    """The client's creation: before their first holding and first contact, by up to ~2.5 years,
    so the reports' months each have a few new clients rather than the whole book on the day the
    demo was made."""
    cid = client["id"]
    first = now
    for holding in reversed(book["holdings"]):
        if holding["client_id"] != cid:
            break
        first = min(first, dt.datetime.combine(holding["start_date"], dt.time(9, 0)))
    for contact in reversed(book["contacts"]):
        if contact["client_id"] != cid:
            break
        first = min(first, contact["at"])
    joined = (first - dt.timedelta(days=rng.randrange(900))).replace(hour=9, minute=0, second=0, microsecond=0)
    client["created_at"] = client["updated_at"] = min(joined, first)


def fill(vault: VaultHandle, count: int, *, seed: int = 7, progress: Callable[[int, int], None] | None = None) -> int:
    """Add ``count`` demo clients to an unlocked vault in one transaction; returns the count."""
    with writer(vault.engine).begin() as conn, bulk_loading(conn):
        start = bulk.next_id(conn, Client.__table__)
        done = 0
        while done < count:
            size = min(bulk.CHUNK, count - done)
            bulk.insert_book(conn, **generate(size, seed=seed + done, first_id=start + done))
            done += size
            if progress:
                progress(done, count)
    return count
