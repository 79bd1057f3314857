"""The one strength rule for every password a person chooses here: the master password (vault
create, passwd) and the passwords of encrypted files (handover, archive export).

A length + character-class rule alone accepts ``12345678a`` and ``Password1``, so the password is
first read as the patterns a guesser tries first: a sequential run (``1234``, ``abcd``, ``9876``),
a keyboard row (``qwerty``, ``asdf``), a repeated character or block (``aaaa``, ``abab``) and a
common password (``password``, ``woaini``, also with ``0``→o ``@``→a substitutions). Each such
pattern counts as one unit; a password needs at least :data:`MIN_LENGTH` characters, as many
units, and two character classes unless it is a passphrase of :data:`PASSPHRASE_LENGTH` or more.
No dictionary estimator (zxcvbn) is used: the lock files are built offline with hashes, and this
rule refuses what the issue names (123456, 12345678, aaaaaaaa, password, qwertyui) and their kin.
"""

from __future__ import annotations

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

MIN_LENGTH = 8
PASSPHRASE_LENGTH = 16
_RUN = 3  # a run or a repeated character counts as one unit from this length on

# Lower-case, the top of the public leak lists plus the Chinese favourites (pinyin and digits).
COMMON = frozenset(
    {
        "password", "passwd", "pass", "qwerty", "iloveyou", "admin", "administrator", "welcome",
        "letmein", "monkey", "dragon", "master", "login", "princess", "sunshine", "football",
        "baseball", "shadow", "superman", "hello", "freedom", "whatever", "secret", "trustno",
        "changeme", "default", "guest", "root", "user", "test", "woaini", "aini", "mima",
        "zhongguo", "china", "yinhang", "bank", "5201314", "1314520", "520520", "666666", "888888",
    }
)  # fmt: skip
_KEYBOARD = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "!@#$%^&*()", "1qaz2wsx3edc", "qazwsxedc")
_ROWS = _KEYBOARD + tuple(row[::-1] for row in _KEYBOARD)
_LEET = str.maketrans("0134$@!5", "oieasais")


def _run_at(text: str, i: int) -> int:
    """Length of the sequential or keyboard run starting at ``i`` (0 when shorter than _RUN)."""
    best = 1
    for step in (1, -1):
        j = i
        while j + 1 < len(text) and ord(text[j + 1]) - ord(text[j]) == step:
            j += 1
        best = max(best, j - i + 1)
    for row in _ROWS:
        start = row.find(text[i])
        if start < 0:
            continue
        k = 1
        while i + k < len(text) and start + k < len(row) and text[i + k] == row[start + k]:
            k += 1
        best = max(best, k)
    return best if best >= _RUN else 0


def _repeat_at(text: str, i: int) -> int:
    """Length of a repeated character (``aaa``) or block (``abab``, ``12341234``) at ``i``."""
    best = 0
    for size in range(1, 5):
        unit = text[i : i + size]
        if len(unit) < size:
            break
        count = 1
        while text.startswith(unit, i + count * size):
            count += 1
        if count >= (_RUN if size == 1 else 2):
            best = max(best, count * size)
    return best


def _word_at(text: str, plain: str, i: int) -> int:
    return max((len(w) for w in COMMON if text.startswith(w, i) or plain.startswith(w, i)), default=0)


def units(password: str) -> int:
    """How many guessable units ``password`` is: every pattern above counts as one."""
    # Lower-cased a character at a time, so that indexes stay aligned ("İ".lower() is two).
    plain = "".join(c.lower() if len(c.lower()) == 1 else c for c in password)
    leet = plain.translate(_LEET)
    i = count = 0
    while i < len(plain):
        runs = max(_run_at(password, i), _run_at(plain, i))  # "ĀāĂă…" is a run only before lower-casing
        i += max(runs, _repeat_at(plain, i), _word_at(leet, plain, i), 1)
        count += 1
    return count


def _classes(password: str) -> int:
    kinds = {"lower" if c.islower() else "upper" if c.isupper() else "digit" if c.isdigit() else "other"
             for c in password}  # fmt: skip
    return len(kinds)


def weakness(password: str) -> str | None:
    """Why ``password`` is too weak (one sentence in the current language), or None."""
    if len(password) < MIN_LENGTH:
        return t("至少需要 {} 个字符", "it needs at least {} characters").format(MIN_LENGTH)
    if units(password) < MIN_LENGTH:
        return t(
            "太容易猜到：是常见密码，或由连续、重复或键盘上相邻的字符组成（如 123456、aaaaaaaa、qwerty）",
            "it is too easy to guess: a common password, or consecutive, repeated or adjacent-key "
            "characters (like 123456, aaaaaaaa, qwerty)",
        )
    if _classes(password) < 2 and len(password) < PASSPHRASE_LENGTH:
        return t(
            "请混合至少两类字符（字母、数字、符号），或使用 {} 个字符以上的长句",
            "mix at least two kinds of characters (letters, digits, symbols) or use a phrase of {} characters or more",
        ).format(PASSPHRASE_LENGTH)
    return None


def check_strength(password: str, what: str) -> None:
    """UserError naming ``what`` (e.g. "主密码" / "the master password") and the reason."""
    reason = weakness(password or "")
    if reason is not None:
        raise UserError(t("{}太弱：{}。", "{} is too weak: {}.").format(what, reason))
