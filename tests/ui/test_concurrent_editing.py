"""Two workstations on one store, seen from one of them (issue 8): Save over someone else's
newer change asks Reload / Overwrite / Keep editing, and each answer does what it says; lists
and idle editors follow the other workstation's changes, edits in progress stay."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from workgroup_app.domain.actions import Action
from workgroup_app.domain.actor import Actor
from workgroup_app.domain.entities import Agency, Person
from workgroup_app.domain.errors import ConcurrentEditError
from workgroup_app.services import actions, directory
from workgroup_app.storage.database import open_store
from workgroup_app.storage.unit_of_work import SqlUnitOfWork
from workgroup_app.ui.actions.action_dialog import ActionDialog
from workgroup_app.ui.change_watch import ChangeWatch
from workgroup_app.ui.context import UiContext
from workgroup_app.ui.meetings.lookups import Lookups
from workgroup_app.ui.operations import Changed
from workgroup_app.ui.pages.directory_page import DirectoryPage
from workgroup_app.ui.widgets import concurrent_edit

LEFT = Qt.MouseButton.LeftButton
OTHER = Actor(user="petrov")


class Elsewhere:
    """Another workstation: its own connection to the same store, its own user."""

    def __init__(self, path: Path) -> None:
        self.store = open_store(path)

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.store, OTHER)


@pytest.fixture
def elsewhere(ui_context: UiContext, tmp_path: Path) -> Iterator[Elsewhere]:
    other = Elsewhere(tmp_path / "s.sqlite")
    yield other
    other.store.close()


@pytest.fixture
def page(qtbot: Any, ui_context: UiContext) -> DirectoryPage:
    widget = DirectoryPage(ui_context)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.activated()
    return widget


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What the user answers to the question, in turn; the questions asked are appended."""
    given: list[Any] = []

    def ask(_parent: Any, error: ConcurrentEditError) -> concurrent_edit.Choice:
        given.append(error)
        return given.pop(0)

    monkeypatch.setattr(concurrent_edit, "ask", ask)
    return given


def opened_agency(page: DirectoryPage, context: UiContext) -> str:
    agency = directory.save_agency(context.uow(), context.actor,
                                   Agency("УВД Гродненского облисполкома", "УВД"))
    page.agencies.refresh()
    page.agencies.select_id(agency.id)
    assert page.agencies.editor.record_id == agency.id
    return agency.id


def theirs_saved(elsewhere: Elsewhere, agency_id: str) -> None:
    stored = directory.get_agency(elsewhere.uow(), agency_id)
    stored.region = "Гродненская область"
    directory.save_agency(elsewhere.uow(), OTHER, stored)


@pytest.mark.parametrize("choice", list(concurrent_edit.Choice))
def test_save_over_a_newer_change_asks_and_does_what_was_chosen(
        page: DirectoryPage, ui_context: UiContext, elsewhere: Elsewhere, qtbot: Any,
        answers: list[Any], choice: concurrent_edit.Choice) -> None:
    agency_id = opened_agency(page, ui_context)
    editor = page.agencies.editor
    theirs_saved(elsewhere, agency_id)
    editor.short_name.setText("УВД облисполкома")
    answers.append(choice)
    qtbot.mouseClick(editor.save_button, LEFT)

    asked = answers.pop()
    assert isinstance(asked, ConcurrentEditError) and asked.params["user"] == "petrov"
    stored = directory.get_agency(ui_context.uow(), agency_id)
    if choice is concurrent_edit.Choice.RELOAD:  # theirs shown, mine dropped
        assert (stored.short_name, stored.region) == ("УВД", "Гродненская область")
        assert (editor.short_name.text(), editor.region.text()) == ("УВД", "Гродненская область")
        assert not editor.dirty
    elif choice is concurrent_edit.Choice.OVERWRITE:  # mine saved over theirs
        assert (stored.short_name, stored.region) == ("УВД облисполкома", "")
        assert editor.record_id == agency_id and not editor.dirty
    else:  # nothing saved, nothing lost: the question stays on the form
        assert (stored.short_name, stored.region) == ("УВД", "Гродненская область")
        assert editor.short_name.text() == "УВД облисполкома"
        assert "was changed by petrov" in editor.form.error_text()


def test_the_action_dialog_keeps_editing_or_reloads_when_asked(
        qtbot: Any, ui_context: UiContext, elsewhere: Elsewhere, answers: list[Any]) -> None:
    uow, actor = ui_context.uow, ui_context.actor
    agency = directory.save_agency(uow(), actor, Agency("УВД"))
    action = actions.create_action(uow(), actor, Action(
        "Провести проверку", agency.id, date(2026, 3, 2), deadline=date(2026, 4, 1)))
    dialog = ActionDialog(ui_context, Lookups(ui_context), action.id)
    qtbot.addWidget(dialog)
    theirs = actions.get_action(elsewhere.uow(), action.id).action
    theirs.text = "Проверку провести дважды"
    actions.update_action(elsewhere.uow(), OTHER, theirs)

    dialog.text.setPlainText("Провести проверку исполнения")
    answers.append(concurrent_edit.Choice.KEEP_EDITING)
    assert not dialog.submit()
    assert "The action was changed by petrov" in dialog.error_text()
    answers.pop()
    answers.append(concurrent_edit.Choice.RELOAD)  # theirs shown, the dialog stays open
    assert not dialog.submit()
    assert dialog.text.toPlainText() == "Проверку провести дважды"
    answers.pop()
    dialog.text.setPlainText("Провести проверку исполнения")
    assert dialog.submit() and answers == []  # on their version now: nothing to ask
    assert actions.get_action(uow(), action.id).action.text == "Провести проверку исполнения"

    again = ActionDialog(ui_context, Lookups(ui_context), action.id)
    qtbot.addWidget(again)
    theirs = actions.get_action(elsewhere.uow(), action.id).action
    theirs.text = "Их вариант"
    actions.update_action(elsewhere.uow(), OTHER, theirs)
    again.text.setPlainText("Мой вариант")
    answers.append(concurrent_edit.Choice.OVERWRITE)
    assert again.submit()
    assert actions.get_action(uow(), action.id).action.text == "Мой вариант"


def test_lists_and_idle_editors_follow_the_other_workstation(
        page: DirectoryPage, ui_context: UiContext, elsewhere: Elsewhere) -> None:
    agency_id = opened_agency(page, ui_context)
    watch = ChangeWatch(ui_context)
    watch.stop()  # the test ticks it
    heard: list[Changed] = []
    ui_context.notifier.changed.connect(heard.append)

    watch.check()
    assert heard == []  # nothing new
    theirs_saved(elsewhere, agency_id)
    directory.save_agency(elsewhere.uow(), OTHER, Agency("Таможня"))
    watch.check()
    assert heard and heard[-1] & Changed.AGENCIES and heard[-1] & Changed.ELSEWHERE
    agencies = page.agencies
    assert agencies.model.rowCount() == 2 and agencies.count.text() == "Total: 2"
    editor = agencies.editor
    assert editor.record_id == agency_id
    assert editor.region.text() == "Гродненская область"  # idle: shown anew

    editor.short_name.setText("мои правки")  # now editing (keyClicks aborts on Cyrillic)
    editor.short_name.textEdited.emit("мои правки")
    assert editor.dirty
    stored = directory.get_agency(elsewhere.uow(), agency_id)
    stored.name = "УВД облисполкома"
    directory.save_agency(elsewhere.uow(), OTHER, stored)
    watch.check()
    assert editor.short_name.text() == "мои правки" and editor.dirty  # edits kept
    assert agencies.model.row(agencies.model.find(agency_id)).name == "УВД облисполкома"

    # This window's own save refreshed its pages already: the watch does not do it again…
    heard.clear()
    directory.save_agency(ui_context.uow(), ui_context.actor, Agency("Прокуратура"))
    ui_context.notifier.notify(Changed.AGENCIES)
    watch.check()
    assert heard == [Changed.AGENCIES]
    # … but what another workstation changed just before that save is not passed over.
    heard.clear()
    directory.save_person(elsewhere.uow(), OTHER, Person("Ёлкин П.С."))
    directory.save_agency(ui_context.uow(), ui_context.actor, Agency("Таможенный пост"))
    ui_context.notifier.notify(Changed.AGENCIES)
    theirs = [w for w in heard if w & Changed.ELSEWHERE]
    assert Changed.AGENCIES in heard and len(theirs) == 1
    assert theirs[0] & Changed.PEOPLE and not theirs[0] & Changed.AGENCIES
