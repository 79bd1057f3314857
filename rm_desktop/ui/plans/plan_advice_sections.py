"""The plan editor's advice sections: the chapter texts (CFP syllabus) and the recommended
products (within the client's risk grade, linked to the holding once bought). Each loads from
and collects into a PlanContent, as the other sections do (plan_sections.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPlainTextEdit, QStackedWidget, QVBoxLayout

from rm_desktop.domain.money import format_amount
from rm_desktop.domain.planning import PRODUCT_TYPES, Chapter, product_type_label
from rm_desktop.services.plans.content import PlanContent, ProductItem
from rm_desktop.ui.plans.plan_form_parts import EditorContext, Section, TableBox
from rm_desktop.ui.plans.plan_rows import Column, PlanRowsModel
from rm_desktop.ui.widgets.theme import themed


class ChaptersSection(Section):
    """章节: one text per CFP chapter; the list on the left, the text on the right."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setFixedWidth(180)
        self.stack = QStackedWidget()
        self.texts: dict[str, QPlainTextEdit] = {}
        for chapter in Chapter:
            self.list.addItem(chapter.label)
            edit = QPlainTextEdit()
            edit.setPlaceholderText(self.tr("本章的分析与建议（写入规划书；留空则不出现在规划书中）"))
            edit.textChanged.connect(self.edited)
            self.texts[chapter.value] = edit
            self.stack.addWidget(edit)
        # As wide as the longest chapter name in the UI language ("Risk management and insurance" was cut).
        widest = max(self.list.fontMetrics().horizontalAdvance(chapter.label) for chapter in Chapter)
        self.list.setFixedWidth(max(180, widest + 32))
        self.list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.list.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.stack, 1)

    def load(self, content: PlanContent, context: EditorContext) -> None:
        for code, edit in self.texts.items():
            edit.setPlainText(content.chapters.get(code, ""))

    def collect(self, content: PlanContent) -> None:
        content.chapters = {code: edit.toPlainText().strip() for code, edit in self.texts.items()}


class ProductsSection(Section):
    """推荐产品: within the client's risk grade; linked to the holding once bought."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "产品风险等级不得高于客户风险承受能力（C1 只能购买 R1，依此类推）。客户购买后，在“已购持仓”中选择对应持仓。"
            )
        )
        hint.setWordWrap(True)
        themed(hint, "color: $muted;")
        self.layout_.addWidget(hint)
        self.products: PlanRowsModel | None = None
        self.box: TableBox | None = None

    def _build(self, context: EditorContext) -> PlanRowsModel:
        """The holding column's choices are this client's holdings, so the model is built per client."""
        if self.box is not None:
            self.tables.remove(self.box)
            self.box.setParent(None)
            self.box.deleteLater()
        holdings = ((None, self.tr("未购买")),) + tuple(
            (h.id, f"{h.name}  {format_amount(h.amount)}") for h in context.holdings
        )
        self.products = PlanRowsModel(
            [
                Column("name", self.tr("产品名称")),
                Column(
                    "product_type", self.tr("类型"), "choice", tuple((c, product_type_label(c)) for c in PRODUCT_TYPES)
                ),
                Column("amount", self.tr("建议金额（元）"), "number", align_right=True),
                Column(
                    "risk_level",
                    self.tr("风险等级"),
                    "choice",
                    ((None, "—"),) + tuple((n, f"R{n}") for n in range(1, 6)),
                ),
                Column("chapter", self.tr("所属章节"), "choice", tuple((c.value, c.label) for c in Chapter)),
                Column("reason", self.tr("推荐理由")),
                Column("holding_id", self.tr("已购持仓"), "choice", holdings),
            ],
            ProductItem,
            "products",
            self,
        )
        self.box = self.table(self.products, self.tr("添加产品"))
        self.layout_.addWidget(self.box)
        return self.products

    def load(self, content: PlanContent, context: EditorContext) -> None:
        self._build(context).set_rows(content.products)

    def collect(self, content: PlanContent) -> None:
        content.products = self.products.rows() if self.products is not None else []
