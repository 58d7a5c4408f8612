"""Where findings meet the rest of the GUI: the overview's tile of overdue responses, the link
from an action back to its finding, and the response terms in Settings."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from workgroup_app.domain.actions import Action, ActionSource
from workgroup_app.domain.deadlines import DeadlineRule
from workgroup_app.domain.entities import Agency, Person
from workgroup_app.domain.enums import AgencyKind
from workgroup_app.domain.findings import DEFAULT_PRESETS, ActType, Finding, ResponsePreset
from workgroup_app.domain.views import ListQuery
from workgroup_app.services import actions, directory, findings
from workgroup_app.ui.actions.detail_pane import ActionDetailPane
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.meetings.lookups import Lookups
from workgroup_app.ui.pages.overview_page import RESPONSES, OverviewPage
from workgroup_app.ui.settings.presets_box import PresetsBox

TODAY = date(2026, 11, 27)


@pytest.fixture
def visits(ui_context: UiContext) -> list[tuple[str, dict[str, str]]]:
    seen: list[tuple[str, dict[str, str]]] = []
    ui_context.navigate = lambda key, filters: seen.append((key, dict(filters)))
    return seen


@pytest.fixture
def office(ui_context: UiContext) -> dict[str, str]:
    """An agency, a prosecutor, three protests (two overdue as of TODAY, one answered) and an
    action made from the first; a direct action too, so the overview has actions."""
    uow, actor = ui_context.uow, ui_context.actor
    police = directory.save_agency(uow(), actor, Agency("УВД облисполкома", "УВД",
                                                        AgencyKind.INTERNAL_AFFAIRS))
    prosecutor = directory.save_person(uow(), actor, Person("Ёлкин Пётр Семёнович"))
    made = []
    for number, act_date in (("02-15/1", date(2026, 10, 1)), ("02-15/2", date(2026, 10, 20)),
                             ("02-15/3", date(2026, 11, 2))):
        made.append(findings.add_finding(uow(), actor, Finding(
            agency_id=police.id, inspected_on=date(2026, 9, 20), subject="Проверка законности",
            act_type=ActType.PROTEST, act_number=number, act_date=act_date,
            prosecutor_id=prosecutor.id)))
    findings.respond(uow(), actor, made[2].id, date(2026, 11, 5), "Протест удовлетворён")
    draft = findings.draft_action(uow(), made[0].id, today=date(2026, 11, 2))
    draft.deadline = date(2026, 12, 20)
    action = actions.create_action(uow(), actor, draft)
    actions.create_action(uow(), actor, Action("Представить сведения", police.id,
                                               date(2026, 11, 2), deadline=date(2026, 12, 1)))
    return {"finding": made[0].id, "action": action.id, "police": police.id}


def test_the_overview_tile_counts_overdue_responses_and_opens_them(
        qtbot: Any, ui_context: UiContext, office: dict[str, str],
        visits: list[tuple[str, dict[str, str]]]) -> None:
    assert findings.overdue_responses(ui_context.uow(), TODAY) == 2
    page = OverviewPage(ui_context, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None and not page.loading(), timeout=10_000)
    tile = page.tiles[RESPONSES]
    assert tile.value_text() == "2"
    assert tile.caption.text() == "Responses overdue"
    assert page.tiles["overdue"].value_text() == "0"  # the actions' own figure is apart
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert visits[-1] == ("findings", {"overdue": "1"})
    findings.respond(ui_context.uow(), ui_context.actor, office["finding"], TODAY)
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading() and tile.value_text() == "1", timeout=10_000)


def test_an_action_from_a_finding_links_back_to_it(
        qtbot: Any, ui_context: UiContext, office: dict[str, str],
        visits: list[tuple[str, dict[str, str]]]) -> None:
    pane = ActionDetailPane(ui_context, Lookups(ui_context))
    qtbot.addWidget(pane)
    pane.show()
    pane.load(office["action"])
    assert pane.detail is not None and pane.detail.action.source == ActionSource.FINDING
    link = pane.finding_link
    assert link.isVisible()
    label = findings.label(ui_context.uow(), office["finding"])
    assert link.text() == f"From finding: {label}"
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert visits == [("findings", {"id": office["finding"]})]
    direct = actions.list_actions(ui_context.uow(), ListQuery(text="Представить")).rows[0]
    pane.load(direct.id)
    assert not link.isVisible()


def test_the_presets_box_saves_a_term_refuses_a_bad_one_and_restores_the_statute(
        qtbot: Any, ui_context: UiContext) -> None:
    box = PresetsBox(ui_context)
    qtbot.addWidget(box)
    box.show()
    protest = box.rows[ActType.PROTEST]
    assert protest.preset() == DEFAULT_PRESETS[ActType.PROTEST]
    assert protest.days.isEnabled() and not box.rows[ActType.ORDER].days.isEnabled()
    assert protest.hint.text() == "By law: 10 calendar days"
    protest.rule.setCurrentIndex(protest.rule.findData(DeadlineRule.WORKING_DAYS.value))
    protest.days.setValue(7)
    assert box.save()
    assert box.result.text() == "Saved."
    assert findings.presets(ui_context.uow())[ActType.PROTEST] == ResponsePreset(
        DeadlineRule.WORKING_DAYS, 7)

    demand = box.rows[ActType.DEMAND]
    demand.rule.setCurrentIndex(demand.rule.findData(DeadlineRule.CALENDAR_DAYS.value))
    assert demand.days.isEnabled()
    demand.days.setValue(400)
    assert not box.save()
    assert box.form.error_text("days_demand") == "A response term is 1 to 365 days."
    assert box.form.error_text("days_protest") == ""
    assert findings.presets(ui_context.uow())[ActType.DEMAND] == DEFAULT_PRESETS[ActType.DEMAND]

    qtbot.mouseClick(box.restore_button, Qt.MouseButton.LeftButton)
    assert box.form.error_text("days_demand") == ""
    assert findings.presets(ui_context.uow()) == DEFAULT_PRESETS
    assert protest.preset() == DEFAULT_PRESETS[ActType.PROTEST]
    assert demand.preset() == DEFAULT_PRESETS[ActType.DEMAND]
