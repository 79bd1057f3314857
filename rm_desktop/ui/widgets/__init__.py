"""Pieces every page shares: the page base class, the task runner, field forms, client pickers,
privacy (客户在场) and the clipboard guard, Qt translators, file dialogs, window sizes that fit
the screen, palette-following colours, the application style and icons, the choice on a
stale save, and a new file password typed twice.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = [
    "client_line_picker",
    "client_picker",
    "clipboard",
    "conflict_dialog",
    "fields_form",
    "file_dialogs",
    "icons",
    "new_password",
    "pages",
    "privacy",
    "qt_i18n",
    "screen_fit",
    "style",
    "tasks",
    "theme",
    "unsaved",
]
