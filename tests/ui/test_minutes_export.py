"""The procès-verbal tab's exports: every document of the session into a folder (the same set and
names as `seance-desk documents`), and the PV signed PAdES with the town hall's certificate."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from seance_desk.tools.demo import build_demo
from seance_desk.documents.builders._common import voted_items
from seance_desk.service.session import SessionService
from seance_desk.documents.signing import PASSPHRASE_ENV, verify_signed_pdf
from tests.support.testcert import make_test_pkcs12
from seance_desk.ui.shell.controller import SessionController
from seance_desk.ui.shell.dialogs import ScriptedDialogs
from seance_desk.ui.panels.minutes_panel import MinutesPanel
from seance_desk.ui.shell.shortcuts import ShortcutRegistry

SESSION_DAY = date(2026, 11, 20)
PASSPHRASE = b"mot-de-passe-de-test"


@pytest.fixture(autouse=True)
def no_passphrase_in_env(monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)


@pytest.fixture
def closed_controller(qtbot, store):
    demo = build_demo(33, 6, session_date=SESSION_DAY, play=True)
    session_id = store.import_session(demo.assembly, demo.setup, demo.events)
    return SessionController(SessionService(store, session_id))


@pytest.fixture(scope="module")
def certificate():
    return make_test_pkcs12(PASSPHRASE)


@pytest.fixture
def p12(tmp_path, certificate):
    path = tmp_path / "mairie.p12"
    path.write_bytes(certificate.p12)
    return path


def make_panel(qtbot, controller, dialogs) -> MinutesPanel:
    panel = MinutesPanel(controller, ShortcutRegistry(), dialogs, today=lambda: date(2026, 11, 22),
                         now=lambda: datetime(2026, 11, 20, 20, 4, tzinfo=UTC))
    qtbot.addWidget(panel)
    return panel


def messages_of(controller) -> list[tuple[str, bool]]:
    seen: list[tuple[str, bool]] = []
    controller.message.connect(lambda text, error: seen.append((text, error)))
    return seen


def files_in(folder) -> list[str]:
    """What the export left in the folder, leaving out the test's database (ui.sqlite3*)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("ui.sqlite3"))


def errors_of(dialogs: ScriptedDialogs) -> list[str]:
    return [text for kind, _title, text in dialogs.asked if kind == "error"]


# ------------------------------------------------------------------------------ every document
def test_export_all_writes_the_whole_set(qtbot, closed_controller, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    dialogs = ScriptedDialogs(directories=[out])
    panel = make_panel(qtbot, closed_controller, dialogs)
    seen = messages_of(closed_controller)
    written = panel.export_all()
    day = f"saint-aubin-sur-loire-{SESSION_DAY.isoformat()}-18h30"  # the assembly, the day and the convened hour: never shared
    voted = voted_items(closed_controller.state)
    assert voted
    expected = {f"proces-verbal-{day}.pdf", f"liste-des-deliberations-{day}.pdf", f"feuille-de-cloture-{day}.pdf"}
    expected |= {f"extrait-{day}-deliberation-{item.item.number:02d}.pdf" for item in voted}
    assert {p.name for p in out.iterdir()} == expected  # no temporary file left behind
    assert {p.name for p in written} == expected
    for path in written:
        assert path.read_bytes().startswith(b"%PDF"), path
    assert seen == [(f"{len(expected)} documents écrits dans {out} (PDF/A-2b)", False)]
    assert dialogs.asked[0][0] == "choose_directory"


def test_export_all_same_names_as_the_cli(closed_controller):
    from seance_desk.documents.builders.document_set import document_set

    names = [name for name, _ in document_set(closed_controller.state)]
    assert names[:3] == ["proces-verbal-saint-aubin-sur-loire-2026-11-20-18h30.pdf", "liste-des-deliberations-saint-aubin-sur-loire-2026-11-20-18h30.pdf",
                         "feuille-de-cloture-saint-aubin-sur-loire-2026-11-20-18h30.pdf"]
    assert all(n.startswith("extrait-saint-aubin-sur-loire-2026-11-20-18h30-deliberation-") for n in names[3:])


def test_export_all_cancelled_writes_nothing(qtbot, closed_controller):
    dialogs = ScriptedDialogs()
    panel = make_panel(qtbot, closed_controller, dialogs)
    assert panel.export_all() is None
    assert errors_of(dialogs) == []


def test_export_all_unwritable_folder_is_said_in_french(qtbot, closed_controller, tmp_path):
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier")
    dialogs = ScriptedDialogs(directories=[blocker / "documents"])
    panel = make_panel(qtbot, closed_controller, dialogs)
    seen = messages_of(closed_controller)
    assert panel.export_all() is None
    [error] = errors_of(dialogs)
    assert "n'ont pas pu être écrits" in error and "Aucun document n'a été écrit" in error
    assert seen == []
    assert files_in(tmp_path) == ["un-fichier"]


def test_export_all_failure_midway_leaves_nothing(qtbot, closed_controller, tmp_path, monkeypatch):
    import seance_desk.documents.pdf.pdfa as pdfa

    real = pdfa.render_pdfa
    calls = []

    def failing(document, path):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "Plus de place sur le périphérique")
        return real(document, path)

    monkeypatch.setattr(pdfa, "render_pdfa", failing)
    out = tmp_path / "documents"
    out.mkdir()
    dialogs = ScriptedDialogs(directories=[out])
    panel = make_panel(qtbot, closed_controller, dialogs)
    assert panel.export_all() is None
    assert "Plus de place" in errors_of(dialogs)[0]
    assert list(out.iterdir()) == []


def test_export_all_asks_before_replacing(qtbot, closed_controller, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    old = out / "proces-verbal-saint-aubin-sur-loire-2026-11-20-18h30.pdf"
    old.write_bytes(b"ancien")
    dialogs = ScriptedDialogs(confirm=False, directories=[out])
    panel = make_panel(qtbot, closed_controller, dialogs)
    assert panel.export_all() is None
    assert old.read_bytes() == b"ancien"
    assert dialogs.asked[-1][0] == "confirm" and "déjà" in dialogs.asked[-1][2]


# ------------------------------------------------------------------------------ signed PV
def test_signed_export_verifies(qtbot, closed_controller, p12, tmp_path):
    target = tmp_path / "pv-signe.pdf"
    dialogs = ScriptedDialogs(files=[p12, target], passwords=[PASSPHRASE])
    panel = make_panel(qtbot, closed_controller, dialogs)
    seen = messages_of(closed_controller)
    assert panel.export_signed_pdf() == target
    head = closed_controller.state.session_head
    verification = verify_signed_pdf(target, expected_journal_head=head)
    assert verification.ok, verification.message
    assert verification.journal_head == head
    assert verification.location == closed_controller.state.assembly.name
    assert "Procès-verbal de la séance du vendredi 20 novembre 2026" in (verification.reason or "")
    assert [kind for kind, *_ in dialogs.asked] == ["open_file", "ask_password", "save_file"]
    assert dialogs.asked[0][2] == "Certificat (*.p12 *.pfx)"
    assert seen and not seen[-1][1] and "Vérification" in seen[-1][0]
    assert errors_of(dialogs) == []


def test_signed_export_passphrase_from_env(qtbot, closed_controller, p12, tmp_path, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE.decode())
    target = tmp_path / "pv-signe.pdf"
    dialogs = ScriptedDialogs(files=[p12, target])
    panel = make_panel(qtbot, closed_controller, dialogs)
    assert panel.export_signed_pdf() == target
    assert "ask_password" not in [kind for kind, *_ in dialogs.asked]
    assert verify_signed_pdf(target, expected_journal_head=closed_controller.state.session_head).ok


def test_wrong_passphrase_asked_again_once(qtbot, closed_controller, p12, tmp_path):
    target = tmp_path / "pv-signe.pdf"
    dialogs = ScriptedDialogs(files=[p12, target], passwords=[b"mauvais", PASSPHRASE])
    panel = make_panel(qtbot, closed_controller, dialogs)
    assert panel.export_signed_pdf() == target
    asks = [label for kind, _title, label in dialogs.asked if kind == "ask_password"]
    assert len(asks) == 2 and "Mot de passe du certificat incorrect" in asks[1]
    assert verify_signed_pdf(target, expected_journal_head=closed_controller.state.session_head).ok


def test_wrong_passphrase_twice_french_error_and_no_file(qtbot, closed_controller, p12, tmp_path):
    target = tmp_path / "pv-signe.pdf"
    dialogs = ScriptedDialogs(files=[p12, target], passwords=[b"mauvais", b"encore faux", PASSPHRASE])
    panel = make_panel(qtbot, closed_controller, dialogs)
    seen = messages_of(closed_controller)
    assert panel.export_signed_pdf() is None
    [error] = errors_of(dialogs)
    assert "Mot de passe du certificat incorrect" in error and "n'a pas été écrit" in error
    assert dialogs.passwords == [PASSPHRASE]  # asked twice, not a third time
    assert not target.exists()
    assert files_in(tmp_path) == ["mairie.p12"]
    assert seen == []


def test_signed_export_cancelled_at_each_step(qtbot, closed_controller, p12, tmp_path):
    for dialogs in (ScriptedDialogs(), ScriptedDialogs(files=[p12]), ScriptedDialogs(files=[p12], passwords=[PASSPHRASE])):
        panel = make_panel(qtbot, closed_controller, dialogs)
        assert panel.export_signed_pdf() is None
        assert errors_of(dialogs) == []
    assert files_in(tmp_path) == ["mairie.p12"]


# ------------------------------------------------------------------------------ aligned on the command line
# The tab and `seance-desk pv|documents` share service/documents.py; these were the tab's divergences.
def test_a_session_never_opened_is_exported_with_the_command_lines_warning(qtbot, store, tmp_path):
    from seance_desk.service.documents import NEVER_OPENED

    demo = build_demo(11, 3, session_date=SESSION_DAY, play=False)
    controller = SessionController(SessionService(store, store.import_session(demo.assembly, demo.setup, [])))
    out = tmp_path / "documents"
    dialogs = ScriptedDialogs(directories=[out])
    panel = make_panel(qtbot, controller, dialogs)
    seen = messages_of(controller)
    assert len(panel.export_all()) == 3
    assert seen[-1] == (f"Avertissement : {NEVER_OPENED}", True)
    assert errors_of(dialogs) == []


def test_no_document_is_exported_while_the_journal_is_being_verified(qtbot, store, tmp_path):
    from seance_desk.service.documents import NOT_VERIFIED

    demo = build_demo(33, 6, session_date=SESSION_DAY, play=True)
    controller = SessionController(SessionService(store, store.import_session(demo.assembly, demo.setup, demo.events), verify=False))
    dialogs = ScriptedDialogs(directories=[tmp_path / "documents"], files=[tmp_path / "pv.pdf"])
    panel = make_panel(qtbot, controller, dialogs)
    for export in (panel.export_all, panel.export_pdf, panel.export_signed_pdf):
        assert export() is None
    assert errors_of(dialogs) == [NOT_VERIFIED] * 3
    assert [kind for kind, *_ in dialogs.asked] == ["error"] * 3  # refused before anything was asked
    assert files_in(tmp_path) == []


def test_export_all_creates_a_missing_folder_owner_only(qtbot, closed_controller, tmp_path):
    import stat

    out = tmp_path / "nouveau"
    panel = make_panel(qtbot, closed_controller, ScriptedDialogs(directories=[out]))
    assert panel.export_all()
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
