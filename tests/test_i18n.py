"""The Qt-free layers' language switch: text and clause separators follow the UI language."""

from rm_desktop.i18n import clauses, language, set_language, t


def test_clauses_are_joined_as_each_language_writes_them():
    before = language()
    try:
        set_language("en")
        assert clauses(["3 clients", "1 missing a field"]) == "3 clients; 1 missing a field"
        assert t("是", "yes") == "yes"
        set_language("zh_CN")
        assert clauses(["共 3 位客户", "1 条缺少字段"]) == "共 3 位客户；1 条缺少字段"
    finally:
        set_language(before)
