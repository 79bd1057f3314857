"""The command line as IT scripts call it: whole processes, the CLI against a raw process.

* ``rm-desktop-cli client list --search 张 --limit 20`` (``python -m rm_desktop.cli``, unlocked
  with RM_DESKTOP_PASSWORD) against a fresh Python process doing the same work with sqlcipher3
  itself: read the vault header, unwrap the key with the password, key the connection, run the
  search's SQL (the name-substring match, ranked exact > prefix > substring, then by pinyin and
  id; the same 20 ids, checked) and print the rows;
* ``rm-desktop-cli --version`` against ``python -c pass``.

Medians of pairs run back to back in alternating order (a shared machine's noise hits both), and
each process's peak RSS and CPU time (``wait4``; the CPU ratio is printed for information: on a
loaded machine it says what each side costs, the wall ratio also how long each waited for a core).
Both sides run with compiled bytecode, as an installed product does: a private
PYTHONPYCACHEPREFIX, warmed before timing. The vault's key header uses cheap Argon2id parameters
on both sides (the real ones add ~0.25 s to each, which would only hide the CLI's own cost); both
unwrap the key from the header with the password, so neither side skips the key derivation. A
few pairs with the product's own parameters follow, for information (19.2-real-kdf: what a
script pays; the CLI derives the key while it imports, cli/early_key).
Goal (issue 19.2): client list ≤ 4× the raw process.

What the CLI does that the raw side does not, because the product must (its share is in the
figure): three audit entries, each a BEGIN IMMEDIATE write (unlock, the search's row count, lock:
issue 18.1), the retention housekeeping at unlock (issue 18.5), the schema check against the
shipped heads, the owner-only file modes, the vault lock files, and the lock's close under
SQLCipher's memory security (every freed page zeroed; ~25 ms on the 2-core machine).

Since issue 19.2's driver path, all of that runs on one bare sqlcipher3 connection
(services/vault/driver_vault: no engine, pool or session; the day's first unlock, whose
housekeeping has work to look at, and a pending upgrade take the full unlock), and none of the
modules it calls imports SQLAlchemy (the search's SQL is written as text in services/search/sql;
storage/keyed opens the connection): the run imports neither SQLAlchemy, the models, Alembic nor
the keyring, configures no ORM mapper and imports no area's settings module
(tests/cli/test_cli_fixed_cost.py). ``python -X importtime -m rm_desktop.cli client list ...``
shows what is left.

Run: ``python benchmarks/bench_cli.py [--clients N] [--pairs N] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from _common import report, shared_book, size

PASSWORD = "benchmark password"
ROOT = Path(__file__).resolve().parents[1]
SEARCH, LIMIT = "张", 20

# The raw side: what any program would do to answer the same question with the driver (the key
# header's Argon2id + AES-GCM unwrap written out with cryptography, as security/header.py does).
RAW = r"""
import base64, json, sys, sqlcipher3
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
root, password, sql, q, n = sys.argv[1:6]
h = json.load(open(root + "/vault.header"))
k = h["kdf"]
kek = Argon2id(salt=base64.b64decode(h["salt"]), length=32, iterations=k["iterations"], lanes=k["lanes"],
               memory_cost=k["memory_kib"]).derive(password.encode())
aad = f"{h['format']}:{h['version']}:{h['vault_id']}:argon2id:{k['memory_kib']}:{k['iterations']}:{k['lanes']}"
key = AESGCM(kek).decrypt(base64.b64decode(h["nonce"]), base64.b64decode(h["wrapped_key"]), aad.encode())
conn = sqlcipher3.connect(root + "/vault.db")
conn.execute("PRAGMA key = \"x'" + key.hex() + "'\"")
for row in conn.execute(sql, {"q": q, "n": int(n)}):
    print("\t".join("" if v is None else str(v).replace("\n", ",") for v in row))
"""

# The timer: a small process of its own starts the timed ones, so that a child's peak RSS (wait4)
# is its own and not this benchmark's (a forked child counts its parent's pages until exec).
TIMER = """
import json, os, subprocess, sys, time
spec = json.loads(sys.stdin.read())
out = []
for argv in spec["runs"]:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=spec["cwd"], env=spec["env"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, close_fds=True)
    stdout, stderr = proc.stdout.read(), proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    out.append({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024, "code": code,
                "stdout": stdout.decode("utf-8", "replace"), "stderr": stderr.decode("utf-8", "replace")[-500:]})
json.dump(out, sys.stdout)
"""


def raw_sql() -> str:
    from bench_search import _COLS, _RAW  # the search benchmark's raw SQL for a name match

    cond, rank = _RAW["name"]
    return (
        f"SELECT {_COLS}, {rank} AS r FROM clients c WHERE {cond} AND +c.deleted_at IS NULL "
        "ORDER BY r, c.name_pinyin, c.id LIMIT :n"
    )


def timed_runs(runs: list[list[str]], env: dict[str, str]) -> list[dict]:
    """Each argv run as a whole process, one after the other: wall seconds, peak RSS, output."""
    spec = json.dumps({"runs": runs, "env": env, "cwd": str(ROOT)})
    done = subprocess.run([sys.executable, "-c", TIMER], input=spec, capture_output=True, text=True, check=True)
    results = json.loads(done.stdout)
    for argv, result in zip(runs, results, strict=True):
        if result["code"]:
            raise SystemExit(f"{argv[2:6]} failed ({result['code']}): {result['stderr']}")
    return results


def pairs(a: list[str], b: list[str], env: dict[str, str], n: int) -> tuple[list[dict], list[dict]]:
    """``n`` pairs back to back, the order alternating; returns (a's runs, b's runs)."""
    order = [(a, b) if i % 2 == 0 else (b, a) for i in range(n)]
    results = timed_runs([argv for pair in order for argv in pair], env)
    firsts, seconds = results[0::2], results[1::2]
    mine = [firsts[i] if i % 2 == 0 else seconds[i] for i in range(n)]
    theirs = [seconds[i] if i % 2 == 0 else firsts[i] for i in range(n)]
    return mine, theirs


def build(root: Path, clients: int) -> None:
    """The search benchmark's book (demo clients, cheap Argon2id): one build serves both."""
    from _common import use_memory_keyring
    from bench_search import build as build_book

    use_memory_keyring()
    print(f"built {clients:,} demo clients in {build_book(root, clients):.0f} s")


@contextlib.contextmanager
def product_kdf(root: Path) -> Iterator[None]:
    """The vault's key wrapped with the product's own Argon2id parameters while the block runs
    (the same key, vault id and database; both sides then derive them), the cheap header after."""
    from rm_desktop.security.header import KdfParams, VaultHeader

    path = root / "vault.header"
    cheap = path.read_bytes()
    header = VaultHeader.load(path)
    VaultHeader.create(PASSWORD, header.unwrap(PASSWORD), KdfParams(), vault_id=header.vault_id).save(path)
    try:
        yield
    finally:
        path.write_bytes(cheap)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=size(100_000, 100_000))
    parser.add_argument("--pairs", type=int, default=size(10, 6))
    parser.add_argument("--keep", metavar="DIR", help="build the vault here once and reuse it")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="rm-bench-cli-"))
    shared = shared_book(f"demo-{args.clients}")  # bench_search's book too, in one `make bench` run
    root = Path(args.keep) if args.keep else (shared / "vault" if shared else tmp / "vault")
    try:
        if not (root / "vault.db").exists():
            build(root, args.clients)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RM_DESKTOP_", "PYTHONDONTWRITEBYTECODE"))}
        env |= {"RM_DESKTOP_VAULT": str(root), "RM_DESKTOP_PASSWORD": PASSWORD, "RM_DESKTOP_LANG": "zh_CN"}
        env |= {"PYTHONPYCACHEPREFIX": str(tmp / "pycache"), "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
        py = sys.executable
        cli = [py, "-m", "rm_desktop.cli", "client", "list", "--search", SEARCH, "--limit", str(LIMIT)]
        raw = [py, "-c", RAW, str(root), PASSWORD, raw_sql(), SEARCH, str(LIMIT)]
        # Warm-up: bytecode compiled, page cache filled; and both sides give the same clients.
        warm = timed_runs([[*cli, "--json"], raw, [py, "-m", "rm_desktop.cli", "--version"]], env)
        listed = [c["id"] for c in json.loads(warm[0]["stdout"])]
        raw_ids = [int(line.split("\t")[0]) for line in warm[1]["stdout"].splitlines()]
        assert listed == raw_ids, (listed[:5], raw_ids[:5])
        print(f"{args.clients:,} clients; {args.pairs} pairs; load average {os.getloadavg()[0]:.2f}")
        ours, theirs = pairs(cli, raw, env, args.pairs)
        version, bare = pairs([py, "-m", "rm_desktop.cli", "--version"], [py, "-c", "pass"], env, args.pairs)
        with product_kdf(root):  # what a script pays: the real key derivation on both sides
            real_ours, real_theirs = pairs(cli, raw, env, max(3, args.pairs // 2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    runs = (("client list", ours, theirs), ("--version", version, bare), ("real Argon2", real_ours, real_theirs))
    for label, mine, base in runs:
        m, b = statistics.median(r["wall"] for r in mine), statistics.median(r["wall"] for r in base)
        cpu_m, cpu_b = statistics.median(r["cpu"] for r in mine), statistics.median(r["cpu"] for r in base)
        rss_m, rss_b = max(r["rss_mb"] for r in mine), max(r["rss_mb"] for r in base)
        print(
            f"{label:12s} CLI {m * 1000:7.0f} ms ({cpu_m * 1000:4.0f} ms CPU), {rss_m:5.0f} MB"
            f" | baseline {b * 1000:7.0f} ms ({cpu_b * 1000:4.0f} ms CPU), {rss_b:5.0f} MB"
        )
    cli_s, raw_s = statistics.median(r["wall"] for r in ours), statistics.median(r["wall"] for r in theirs)
    report(
        "19.2",
        f"client list --search {SEARCH} --limit {LIMIT}, {args.clients // 1000}k clients: CLI / raw sqlcipher3 process",
        cli_s / raw_s,
        "x",
        4,
    )
    report("19.2-ms", "client list, whole CLI process (median)", cli_s * 1000, "ms", None)
    cpu_ratio = statistics.median(a["cpu"] / b["cpu"] for a, b in zip(ours, theirs, strict=True))
    report("19.2-cpu", "client list, CPU time: CLI / raw sqlcipher3 process", cpu_ratio, "x", None)
    report("19.2-rss", "client list, CLI peak RSS", max(r["rss_mb"] for r in ours), "MB", None)
    real = statistics.median(a["wall"] / b["wall"] for a, b in zip(real_ours, real_theirs, strict=True))
    report("19.2-real-kdf", "client list with the product's Argon2id parameters: CLI / raw process", real, "x", None)
    v_s, p_s = statistics.median(r["wall"] for r in version), statistics.median(r["wall"] for r in bare)
    report("19.2-version", "--version: CLI / python -c pass", v_s / p_s, "x", 3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
