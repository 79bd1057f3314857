"""The import dialog's column mapping: one row per column of the file (its title, the field it is
imported as or 不导入, the unit of a money field), read back as the ColumnMapping the check uses."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QTableWidget

from rm_desktop.domain.money import WAN, YUAN
from rm_desktop.io import header as hdr


class MappingTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("表格中的列"), self.tr("导入为"), self.tr("单位")])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The file's column names as wide as their header ("Column in the file" was cut in English).
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def fill(self, header: list[object], mapping: hdr.ColumnMapping) -> None:
        columns = {col: name for name, col in mapping.columns.items()}
        self.setRowCount(0)
        for col, cell in enumerate(header):
            if cell is None:
                continue
            row = self.rowCount()
            self.insertRow(row)
            self.setCellWidget(row, 0, QLabel(str(cell)))
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), "")
            for name in hdr.FIELDS:
                combo.addItem(hdr.field_label(name), name)
            combo.setCurrentIndex(max(combo.findData(columns.get(col, "")), 0))
            combo.setProperty("column", col)
            self.setCellWidget(row, 1, combo)
            unit = QComboBox()
            unit.addItem(self.tr("元"), YUAN)
            unit.addItem(self.tr("万元"), WAN)
            unit.setCurrentIndex(max(unit.findData(mapping.unit("aum")), 0))
            unit.setEnabled(columns.get(col) in hdr.MONEY_FIELDS)
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, u=unit: u.setEnabled(c.currentData() in hdr.MONEY_FIELDS)
            )
            self.setCellWidget(row, 2, unit)

    def chosen(self) -> hdr.ColumnMapping:
        chosen = hdr.ColumnMapping()
        for row in range(self.rowCount()):
            combo, unit = self.cellWidget(row, 1), self.cellWidget(row, 2)
            if not isinstance(combo, QComboBox) or not isinstance(unit, QComboBox):
                continue  # (every row has its two combo boxes)
            name = combo.currentData()
            if name and name not in chosen.columns:
                chosen.columns[name] = combo.property("column")
                if name in hdr.MONEY_FIELDS:
                    chosen.units[name] = unit.currentData()
        return chosen
