"""Issue 13.8: a database error whose SQL parameters name a client shows the name nowhere: not in
the exception's message (the engine hides parameters), not on stderr (one line, no traceback),
not in the log file (frames, type and SQLite's own message, redacted). Uncaught exceptions of any
thread of a started process are one line too."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError, OperationalError

from rm_desktop import logsafe
from rm_desktop.services.clients import files as client_files
from rm_desktop.storage.models import Client

NAME = "欧阳明澈"
REPO = Path(__file__).resolve().parents[2]


def _duplicate_customer_no(vault) -> None:
    """An IntegrityError whose parameters carry the client's name."""
    with vault.engine.begin() as conn:
        for _ in range(2):
            conn.execute(insert(Client).values(name=NAME, customer_no="C-0001"))


def _missing_table(vault) -> None:
    """An OperationalError whose parameters carry the client's name."""
    with vault.engine.connect() as conn:
        conn.execute(text("SELECT * FROM no_such_table WHERE name = :name"), {"name": NAME})


@pytest.mark.parametrize(
    ("fail", "error"), [(_duplicate_customer_no, IntegrityError), (_missing_table, OperationalError)]
)
def test_the_engine_hides_the_parameters_from_its_messages(vault, fail, error):
    with pytest.raises(error) as raised:
        fail(vault)
    message = str(raised.value)
    assert "SQL parameters hidden" in message
    assert NAME not in message and NAME not in repr(raised.value)


@pytest.fixture
def log_file(tmp_path):
    root = logging.getLogger()
    path = logsafe.add_file_log(tmp_path / "logs")
    yield path
    for handler in [h for h in root.handlers if isinstance(h, logsafe.PrivateRotatingFileHandler)]:
        root.removeHandler(handler)
        handler.close()


@pytest.mark.parametrize(
    ("fail", "error"), [(_duplicate_customer_no, IntegrityError), (_missing_table, OperationalError)]
)
def test_a_database_error_in_a_cli_command_is_one_line_without_the_name(
    run_cli, monkeypatch, log_file, caplog, fail, error
):
    assert run_cli("init")[0] == 0

    def create_client(vault, values):
        fail(vault)

    monkeypatch.setattr(client_files, "create_client", create_client)  # what `client add` calls
    code, out, err = run_cli("client", "add", "--set", f"name={NAME}")
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert NAME not in err and NAME not in out
    logged = log_file.read_text(encoding="utf-8")
    assert NAME not in logged and NAME not in caplog.text
    if error is IntegrityError:  # unexpected: its type and SQLite's message, in the line and the log
        assert "IntegrityError: UNIQUE constraint failed: clients.customer_no" in err
        assert "unexpected error IntegrityError" in logged and "Traceback (message withheld)" in logged
    else:
        assert "no such table: no_such_table" in err


def test_redacted_keeps_sqlites_words_and_drops_quoted_text_and_numbers():
    class Wrapped(Exception):
        def __init__(self, orig: BaseException):
            super().__init__(f"statement with {NAME}")
            self.orig = orig

    assert logsafe.redacted(Wrapped(ValueError("UNIQUE constraint failed: clients.customer_no"))) == (
        "UNIQUE constraint failed: clients.customer_no"
    )
    assert logsafe.redacted(Wrapped(ValueError(f'fts5: syntax error near "{NAME}" at 13912345678'))) == (
        "fts5: syntax error near … at …"
    )
    assert logsafe.redacted(ValueError(f"invalid literal for int(): '{NAME}'")) == ""  # any other message


_STARTED = r"""
import sys, threading
sys.path.insert(0, sys.argv[1])
from rm_desktop import logsafe

logsafe.configure()  # as app.main does
logsafe.install_excepthook()
logsafe.add_file_log(sys.argv[2])
name = sys.stdin.read()
worker = threading.Thread(target=lambda: int(name))  # ValueError: invalid literal ... 'name'
worker.start()
worker.join()
raise KeyError(name)
"""


def test_uncaught_exceptions_of_a_started_process_are_one_line_each(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", _STARTED, str(REPO), str(tmp_path / "logs")],
        input=NAME.encode(),
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    err = done.stderr.decode("utf-8", errors="replace")
    assert done.returncode == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in err, err
    assert "ValueError" in lines[0] and "KeyError" in lines[1]
    logged = (tmp_path / "logs" / logsafe.LOG_FILE).read_text(encoding="utf-8")
    assert logged.count("Traceback (message withheld)") == 2
    assert NAME not in err and NAME not in logged
