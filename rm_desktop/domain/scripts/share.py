"""Scripts to and from plain dicts and JSON, for sharing between RMs.

The exchange form is a JSON list of ``{"name", "category", "channel", "body"}`` objects.
Category and channel may be written as the code (``birthday``) or as the Chinese or English
label (``生日祝福``, ``Birthday greeting``): files written by hand or converted from a
spreadsheet use labels. Other keys are ignored so newer files still load. Bodies are not refused
for template problems (an unknown placeholder may come from a newer version); the editor shows
``template.parse`` problems instead. The xlsx import/export builds on the same dict form.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.scripts.model import ScriptTemplate, category_code, channel_code
from rm_desktop.i18n import t

MAX_NAME_LENGTH = 100
MAX_BODY_LENGTH = 10_000  # a long email; anything longer is not a script


def template_to_dict(template: ScriptTemplate) -> dict[str, str]:
    """The exchange form: name, category code, channel code, body (builtin_id is not shared:
    a shared copy is the recipient's own script)."""
    return {
        "name": template.name,
        "category": template.category,
        "channel": template.channel,
        "body": template.body,
    }


def _refuse(field: str, message: str, row: int | None) -> ValidationError:
    if row is not None:
        message = t("第{}项：", "Item {}: ").format(row) + message
    return ValidationError(field, message, row=row)


def _text(item: Mapping[str, object], field: str, row: int | None, max_length: int) -> str:
    value = item.get(field)
    if value is None:
        raise _refuse(field, t("缺少“{}”", "“{}” is missing").format(field), row)
    if not isinstance(value, str):
        raise _refuse(field, t("“{}”须为文本", "“{}” must be text").format(field), row)
    if not value.strip():
        raise _refuse(field, t("“{}”不能为空", "“{}” must not be empty").format(field), row)
    if len(value) > max_length:
        raise _refuse(field, t("“{}”超过{}个字符", "“{}” is longer than {} characters").format(field, max_length), row)
    return value


def template_from_dict(item: object, row: int | None = None) -> ScriptTemplate:
    """Validate one exchange dict. ``row`` (1-based item or spreadsheet row number) goes into the
    error's ``row`` and message. Raises ValidationError naming the field."""
    if not isinstance(item, Mapping):
        raise _refuse(
            "",
            t(
                "每一项须为一个对象（含名称、分类、渠道、正文）",
                "Each item must be an object (name, category, channel, body)",
            ),
            row,
        )
    name = _text(item, "name", row, MAX_NAME_LENGTH).strip()
    category_raw = _text(item, "category", row, MAX_NAME_LENGTH)
    channel_raw = _text(item, "channel", row, MAX_NAME_LENGTH)
    body = _text(item, "body", row, MAX_BODY_LENGTH)
    category = category_code(category_raw)
    if category is None:
        raise _refuse("category", t("未知的话术分类“{}”", "Unknown script category “{}”").format(category_raw), row)
    channel = channel_code(channel_raw)
    if channel is None:
        raise _refuse("channel", t("未知的渠道“{}”", "Unknown channel “{}”").format(channel_raw), row)
    # Bodies keep their text exactly (spacing and line breaks matter in a message), but
    # Windows line endings from a shared file are made uniform.
    return ScriptTemplate(name, category, channel, body.replace("\r\n", "\n"))


def templates_to_json(templates: Iterable[ScriptTemplate]) -> str:
    """A JSON list in the exchange form, readable Chinese (not \\u-escaped), indented."""
    return json.dumps([template_to_dict(tpl) for tpl in templates], ensure_ascii=False, indent=2) + "\n"


def templates_from_json(text: str | bytes) -> list[ScriptTemplate]:
    """Parse and validate a JSON list; the first bad item raises ValidationError with its
    1-based index as ``row``."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("json", t("文件不是 UTF-8 编码", "The file is not UTF-8 encoded")) from None
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ValidationError(
            "json",
            t("JSON 格式错误（第{}行第{}列）", "Invalid JSON (line {}, column {})").format(exc.lineno, exc.colno),
        ) from None
    if not isinstance(data, list):
        raise ValidationError("json", t("文件内容须为话术列表", "The file must hold a list of scripts"))
    return [template_from_dict(item, row=index) for index, item in enumerate(data, start=1)]
