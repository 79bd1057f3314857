"""The GUI's unlock leaves the day's housekeeping for after its first paint (issue 19.1):
``unlock(housekeeping=False)`` settles whether this is the day's first unlock, with its entry,
and :func:`housekeep` runs it then, once, even when another unlock came in between."""

from __future__ import annotations

import datetime as dt

from rm_desktop.services.vault.lifecycle import housekeep, unlock
from tests.conftest import PASSWORD
from tests.services.privacy import test_housekeeping_daily as daily

DAY = daily.DAY
clock, runs = daily.clock, daily.runs  # its fixtures: the audit log's clock, the days housekeeping ran


def test_the_days_first_unlock_leaves_it_to_housekeep_which_runs_it_once(vault_dir, vault, clock, runs):
    vault.lock()
    opened = unlock(vault_dir, PASSWORD, backup=False, housekeeping=False)
    try:
        assert runs == [] and opened.housekeeping_due
        housekeep(opened)
        assert runs == [DAY.date()] and not opened.housekeeping_due
        housekeep(opened)
        assert runs == [DAY.date()]
    finally:
        opened.lock()
    clock[0] = DAY.replace(hour=12)
    later = unlock(vault_dir, PASSWORD, backup=False, housekeeping=False)
    try:
        assert not later.housekeeping_due  # the day's ran already
        housekeep(later)
        assert runs == [DAY.date()]
    finally:
        later.lock()


def test_an_unlock_in_between_does_not_hide_the_days_first(vault_dir, vault, clock, runs):
    vault.lock()
    window = unlock(vault_dir, PASSWORD, backup=False, owner=True, housekeeping=False)
    try:
        clock[0] = DAY + dt.timedelta(minutes=1)
        unlock(vault_dir, PASSWORD, backup=False).lock()  # a command meanwhile: not the day's first
        assert runs == []
        housekeep(window)
        assert runs == [DAY.date()]
    finally:
        window.lock()


def test_an_unlock_that_keeps_it_runs_it_at_once(vault_dir, vault, clock, runs):
    vault.lock()
    opened = unlock(vault_dir, PASSWORD, backup=False)
    try:
        assert runs == [DAY.date()] and not opened.housekeeping_due
    finally:
        opened.lock()
