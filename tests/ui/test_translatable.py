"""Every word the window shows goes through Qt's translation, and every language has it.

An AST scan of pos_app/ui: a string literal (or f-string) with letters, handed straight to a
widget's text (setText, QLabel(...), addRow, a Message, ...), is a word no translator can
reach. The .ts sources must hold every text the code asks for, all of them translated, and
the shipped .qm files must be what `make translations` compiles from them.
"""

from __future__ import annotations

import ast
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "pos_app" / "ui"
TRANSLATIONS = ROOT / "pos_app" / "resources" / "translations"
LANGUAGES = ("de", "fr", "es")
BIN = Path(__import__("sys").executable).parent

TEXT_SETTERS = {
    "setText", "setPlaceholderText", "setAccessibleName", "setAccessibleDescription",
    "setToolTip", "setWindowTitle", "setSpecialValueText", "setSuffix", "setPrefix", "addTab",
    "addRow", "addItem", "setStatusTip", "setTitle", "show_status", "_say", "lock",
    "_ask_manager", "setHeaderLabels", "setWhatsThis", "setTabText", "insertItem",
}  # fmt: skip
TEXT_WIDGETS = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "Message", "QAction",
    "NumberDialog", "ManagerPinDialog", "ElidedLabel", "QToolButton",
}  # fmt: skip
# Literals that are not words: codes Qt shows nowhere, or text that is the same in every
# language (a placeholder URL, a path pattern).
ALLOWED = {
    ("main_window.py", "unavailable"),
    ("main_window.py", "stopped"),
}


def _is_word(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_is_word(v) for v in node.values)
    if isinstance(node, ast.IfExp):
        return _is_word(node.body) or _is_word(node.orelse)
    if isinstance(node, ast.BinOp):
        return _is_word(node.left) or _is_word(node.right)
    return False


def _literal(node: ast.AST) -> str:
    return str(node.value) if isinstance(node, ast.Constant) else ast.unparse(node)


def untranslated(path: Path) -> list[str]:
    found = []
    for call in ast.walk(ast.parse(path.read_text())):
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in TEXT_SETTERS | TEXT_WIDGETS:
            continue
        args = [*call.args, *(k.value for k in call.keywords)]
        for arg in args:
            parts = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
            for part in parts:
                if _is_word(part) and (path.name, _literal(part)) not in ALLOWED:
                    found.append(f"{path.name}:{call.lineno}: {_literal(part)!r}")
    return found


def test_no_word_reaches_a_widget_without_translation() -> None:
    found = [line for path in sorted(UI.glob("*.py")) for line in untranslated(path)]
    assert not found, "wrap these in self.tr() or QCoreApplication.translate():\n" + "\n".join(
        found
    )


def test_the_scan_sees_a_bare_literal() -> None:
    """The scan itself: a literal given to setText is caught, a translated one is not."""
    sample = UI / "test_sample_for_scan.py"
    try:
        sample.write_text(
            "def f(label, self):\n"
            "    label.setText('Stamp added')\n"
            "    label.setText(self.tr('Stamp added'))\n"
        )
        assert untranslated(sample) == ["test_sample_for_scan.py:2: 'Stamp added'"]
    finally:
        sample.unlink()


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_is_translated(language: str) -> None:
    ts = TRANSLATIONS / f"loyalty_{language}.ts"
    unfinished = []
    for message in _messages(ts):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished"):
            unfinished.append(message.findtext("source"))
    assert not unfinished, f"{ts.name}: not translated yet: {unfinished}"


def test_the_sources_hold_every_text_the_code_asks_for(tmp_path: Path) -> None:
    """lupdate over the code finds nothing the committed .ts files lack (`make translations`)."""
    fresh = tmp_path / "loyalty_de.ts"
    sources = [str(p) for p in sorted(UI.glob("*.py"))]
    options = ["-locations", "none", "-no-obsolete", "-silent", "-ts", str(fresh)]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, *options],
        check=True,
        timeout=120,
    )
    asked = {m.findtext("source") or "" for m in _messages(fresh)}
    have = {m.findtext("source") or "" for m in _messages(TRANSLATIONS / "loyalty_de.ts")}
    assert asked <= have, f"run `make translations`: new texts {sorted(asked - have)}"


@pytest.mark.parametrize("language", ("en", *LANGUAGES))
def test_the_shipped_qm_is_compiled_from_its_source(language: str, tmp_path: Path) -> None:
    ts = TRANSLATIONS / f"loyalty_{language}.ts"
    qm = tmp_path / f"loyalty_{language}.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60
    )
    assert qm.read_bytes() == (TRANSLATIONS / qm.name).read_bytes(), "run `make translations`"


# ServiceError subclasses that carry their own fields and have their own case in for_people.
SERVICES = ROOT / "pos_app" / "services"


def _raised_codes() -> dict[str, set[str]]:
    """Each code a `raise ServiceError(…)` / `raise NotFoundError(…)` in pos_app/services
    gives (the second argument), with the names of its parameters; "" for none given."""
    found: dict[str, set[str]] = {}
    for path in sorted(SERVICES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            if getattr(func, "id", "") not in {"ServiceError", "NotFoundError"}:
                continue
            code = node.exc.args[1] if len(node.exc.args) > 1 else None
            key = code.value if isinstance(code, ast.Constant) else f"{path.name}:{node.lineno}"
            found.setdefault(str(key), set()).update(k.arg or "" for k in node.exc.keywords)
    return found


def test_every_service_error_has_words_in_the_window() -> None:
    """A refusal raised in pos_app/services reaches the window in its language: each code has
    words in error_words (with the same parameters), each subclass with fields its own case."""
    import string

    from pos_app.services import errors as service_errors
    from pos_app.ui.error_words import _service_words

    words = _service_words()
    raised = _raised_codes()
    assert "no_program" in raised and "other_store" in raised  # the scan finds them
    missing = sorted(code for code in raised if code not in words)
    assert not missing, f"give these a code and words in pos_app/ui/error_words.py: {missing}"
    for code, params in raised.items():
        asked = {f for _, f, _, _ in string.Formatter().parse(words[code]) if f}
        given = {"reason"} if code == "merge_refused" else params
        assert asked == given, f"{code}: the words ask for {asked}, the raise gives {params}"

    # Subclasses that set their own code are matched by type in for_people.
    cased = {
        n.args[1].id
        for n in ast.walk(ast.parse((UI / "error_words.py").read_text()))
        if isinstance(n, ast.Call)
        and getattr(n.func, "id", "") == "isinstance"
        and isinstance(n.args[1], ast.Name)
    }
    from importlib import import_module

    import pos_app.services  # noqa: F401 - every module, so every subclass is known

    for path in SERVICES.glob("*.py"):
        import_module(f"pos_app.services.{path.stem}")
    pending = [service_errors.ServiceError]
    subclasses = []
    while pending:
        cls = pending.pop()
        subclasses += cls.__subclasses__()
        pending += cls.__subclasses__()
    own = sorted(
        c.__name__ for c in subclasses if "__init__" in vars(c) and c.__name__ not in cased
    )
    assert not own, f"these ServiceErrors have fields but no case in for_people: {own}"
