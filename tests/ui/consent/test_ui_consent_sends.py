"""The GUI's bulk sends say who the consent check left out: the script bulk dialog in its status
line, the 活动 page's invitations in its notice."""

from __future__ import annotations

import datetime as dt

from rm_desktop.domain.events.model import EventFields
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.consent import store
from rm_desktop.services.events import invites
from rm_desktop.services.events import store as events
from rm_desktop.services.scripts import library as scripts
from rm_desktop.ui.events.events_page import EventsPage
from rm_desktop.ui.scripts.script_bulk_dialog import ScriptBulkDialog
from rm_desktop.ui.widgets.clipboard import ClipboardGuard

NOW = dt.datetime(2026, 12, 2, 10, 0)


def _book(vault):
    ids = [create_client(vault, {"name": name}).id for name in ("王可发", "李未记", "张拒绝")]
    store.set_consent(vault, ids[0], {"marketing": "是", "channels": "短信,微信"}, now=NOW)
    store.set_consent(vault, ids[2], {"marketing": "否"}, now=NOW)
    return ids


def test_the_bulk_dialog_says_who_was_skipped(qtbot, vault):
    ids = _book(vault)
    template = scripts.create_template(
        vault, {"name": "节日", "category": "festival", "channel": "sms", "body": "{姓名}好"}
    )
    dialog = ScriptBulkDialog(vault, ClipboardGuard(), template_id=template.id, client_ids=ids, today=NOW.date())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=5000):
        dialog.render_button.click()
    assert dialog.model.rowCount() == 1 and dialog.model.row_at(0).client_name == "王可发"
    assert "已跳过 2 位：未记录同意 1，未同意营销 1" in dialog.status.text()


def test_the_events_page_says_who_was_not_invited(attached, vault, qtbot):
    ids = _book(vault)
    event = events.add_event(vault, EventFields("新年沙龙", dt.datetime(2026, 12, 20, 14, 0), "网点二楼"))
    invites.invite(vault, event.id, ids, now=NOW)
    page = EventsPage()
    page.now = lambda: NOW
    attached(page)
    page.reload()
    page.render_invitations()
    qtbot.waitUntil(lambda: getattr(page, "invitations_dialog", None) is not None, timeout=10_000)
    assert page.invitations_dialog.names.count() == 1
    assert "已跳过 2 位：未记录同意 1，未同意营销 1" in page.notice.text()
    page.invitations_dialog.close()
