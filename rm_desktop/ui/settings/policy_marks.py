"""The IT policy on the 设置 pages (issue 18.7): what it fixes, greyed with a note, and a
summary of the file in effect. The rules themselves are services/settings/policy_rules'."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from rm_desktop.services.settings import policy_rules
from rm_desktop.ui.widgets.theme import themed


class FixedNote(QLabel):
    """「由 IT 策略设定」 beside a setting the policy holds."""

    def __init__(self, fix: policy_rules.Fix, parent: QWidget | None = None):
        super().__init__(parent)
        if fix.capped:
            self.setText(self.tr("由 IT 策略设定：最长 {}").format(fix.value))
        else:
            self.setText(self.tr("由 IT 策略设定"))
        self.setObjectName("policy_note")
        themed(self, "color: $muted;")


def held(editor: QWidget, fix: policy_rules.Fix) -> QWidget:
    """``editor`` as the policy holds it: a cap limits the spin box (a shorter value stays the
    user's), a fixed value greys it out. The row carries the note."""
    if fix.capped and isinstance(editor, QSpinBox):
        editor.setMaximum(int(fix.value))
        editor.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
    else:
        editor.setEnabled(False)
    note = FixedNote(fix)
    editor.setToolTip(note.text())
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(editor, 1)  # as wide as the free rows' editors
    layout.addWidget(note)
    return row


class PolicySummary(QLabel):
    """The 安全 page's first row while a policy file is in effect: the file, why it was replaced
    by the strict rules (if it was), and each key it sets."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        policy = policy_rules.current()
        lines = [self.tr("IT 策略文件：{}（以下各项由 IT 设定，不能在此修改）").format(policy.path)]
        if policy.problem is not None:
            lines.append(policy.problem_text() or "")
        lines += [f"· {key}: {value}" for key, value in policy_rules.describe()]
        self.setText("\n".join(lines))
        self.setWordWrap(True)
        self.setObjectName("policy_summary")
        themed(self, "border: 1px solid $border; border-radius: 4px; padding: 6px;")
