"""Response terms: for each type of act of response, how its response due date is set — the
statutory term unless the administrator changes it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.deadlines import DeadlineRule
from ...domain.errors import DomainError
from ...domain.findings import ACT_TYPE_LABELS, DEFAULT_PRESETS, ActType, ResponsePreset
from ...domain.messages import N_
from ...i18n import _, tr
from ...services import findings
from .. import theme
from ..context import UiContext
from .section import SettingsSection

NO_RESPONSE = "none"  # the combo's value of "no response due"
RULES = ((NO_RESPONSE, N_("No response due")),
         (DeadlineRule.FIXED_DATE.value, N_("By a date the prosecutor sets")),
         (DeadlineRule.CALENDAR_DAYS.value, N_("In N calendar days")),
         (DeadlineRule.WORKING_DAYS.value, N_("In N working days")),
         (DeadlineRule.ONE_MONTH.value, N_("In one month")))
DAY_RULES = {DeadlineRule.CALENDAR_DAYS, DeadlineRule.WORKING_DAYS}


def statute_text(preset: ResponsePreset) -> str:
    """The statutory term in words, shown beside each row as a hint."""
    if preset.rule is None:
        return _("By law: no response due")
    if preset.rule == DeadlineRule.FIXED_DATE:
        return _("By law: by the date the prosecutor sets")
    if preset.rule == DeadlineRule.CALENDAR_DAYS:
        return tr("By law: {days} calendar days", days=preset.days)
    if preset.rule == DeadlineRule.WORKING_DAYS:
        return tr("By law: {days} working days", days=preset.days)
    return _("By law: one month")


class PresetRow(QWidget):
    """The rule and, for the day rules, the number of days of one act type."""

    def __init__(self, act_type: ActType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.act_type = act_type
        self.rule = QComboBox(self)
        self.rule.setObjectName(f"presetRule_{act_type.value}")
        self.rule.setAccessibleName(_(ACT_TYPE_LABELS[act_type]))
        for value, label in RULES:
            self.rule.addItem(_(label), value)
        # The longest rule must not widen the settings column: the combo shrinks, its popup
        # still shows the whole text.
        self.rule.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rule.setMinimumContentsLength(16)
        # Wider than the service allows, so an out-of-range number is explained, not swallowed.
        self.days = QSpinBox(self)
        self.days.setObjectName(f"presetDays_{act_type.value}")
        self.days.setRange(0, 999)
        self.days.setSuffix(" " + _("days"))
        self.days.setSpecialValueText("—")  # 0: the rule counts no days
        self.days.setAccessibleName(tr("{act}: days", act=_(ACT_TYPE_LABELS[act_type])))
        self.hint = QLabel(statute_text(DEFAULT_PRESETS[act_type]), self)
        self.hint.setStyleSheet(theme.muted())
        self.hint.setWordWrap(True)
        self.rule.currentIndexChanged.connect(self._rule_changed)
        # The statute under the choice: beside it, it would squeeze the settings' columns.
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.rule, 1)
        row.addWidget(self.days)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addLayout(row)
        column.addWidget(self.hint)

    def preset(self) -> ResponsePreset:
        value = self.rule.currentData()
        rule = None if value == NO_RESPONSE else DeadlineRule(value)
        return ResponsePreset(rule, self.days.value() if rule in DAY_RULES else 0)

    def set_preset(self, preset: ResponsePreset) -> None:
        value = NO_RESPONSE if preset.rule is None else preset.rule.value
        self.rule.setCurrentIndex(self.rule.findData(value))
        self.days.setValue(preset.days)
        self._rule_changed()

    def _rule_changed(self, _index: int = 0) -> None:
        value = self.rule.currentData()
        self.days.setEnabled(value not in (NO_RESPONSE, None) and DeadlineRule(value) in
                             DAY_RULES)


class PresetsBox(SettingsSection):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Response terms"), "Presets", parent)
        self.rows: dict[ActType, PresetRow] = {}
        for act_type in ActType:
            row = PresetRow(act_type, self)
            self.rows[act_type] = row
            self.form.add_row(ACT_TYPE_LABELS[act_type], row, field=_field(act_type))
        self.finish(_("A new act's response is due this term after the act's date, counted "
                      "through the office calendar: a term ending on a day off moves to the "
                      "next working day. An act keeps its due date until it is edited."),
                    self._store_presets)
        self.restore_button = QPushButton(_("Restore statutory terms"), self)
        self.restore_button.setObjectName("restorePresets")
        self.restore_button.clicked.connect(self.restore)
        self._add_restore()
        self.load()

    def _add_restore(self) -> None:
        """Put Restore to the left of Save, in the row ``finish`` made."""
        layout = self.layout()
        row = layout.itemAt(layout.count() - 1).layout() if layout is not None else None
        if isinstance(row, QHBoxLayout):
            row.insertWidget(row.indexOf(self.save_button), self.restore_button)

    def load(self) -> None:
        for act_type, preset in findings.presets(self.context.uow()).items():
            self.rows[act_type].set_preset(preset)

    def restore(self) -> bool:
        """Put the statutory terms back and save them."""
        for act_type, row in self.rows.items():
            row.set_preset(DEFAULT_PRESETS[act_type])
        return self.save()

    def _store_presets(self) -> None:
        """Every changed term in one transaction: a refused row leaves all of them unsaved."""
        saved = findings.presets(self.context.uow())
        changed = {t: row.preset() for t, row in self.rows.items()
                   if row.preset() != saved[t]}
        try:
            stored = findings.set_presets(self.context.uow(), self.context.actor, changed)
        except DomainError as error:  # shown beside its own act type's row
            act_type = (error.field or "").partition(".")[2]
            field = _field(ActType(act_type)) if act_type in ActType.__members__.values() \
                else error.field
            raise type(error)(error.msgid, field=field, **error.params) from None
        for act_type, preset in stored.items():
            self.rows[act_type].set_preset(preset)


def _field(act_type: ActType) -> str:
    return f"days_{act_type.value}"
