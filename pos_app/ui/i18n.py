"""The terminal's language: English, German, French or Spanish, from the system or chosen.

Every word a person reads goes through Qt's translation (`self.tr`, `translate`); the
translations are `pos_app/resources/translations/loyalty_<lang>.ts` (edited with Qt
Linguist, refreshed from the code by `make translations`) compiled to `.qm` files shipped in
the package. The choice is this computer's (a small file in the user's config folder, written
by Settings), read before the first widget is made; a change in Settings applies at once
(every widget says its texts again on `QEvent.LanguageChange`, in its `retranslate`).
`LOYALTY_POS_LANGUAGE` overrides it, and `pseudo` there shows every translatable text
accented and 40 % longer, to find untranslated words and text that does not fit.
Numbers, money and dates follow: the system's own locale where its language is the one
shown, else the language's usual one (pos_app.services.locale_format).
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from pos_app.paths import config_dir
from pos_app.resources import resource_path
from pos_app.services.locale_format import use_locale

LANGUAGES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}
"""The languages shipped, each named as its speakers write it."""
SYSTEM = ""
PSEUDO = "pseudo"
LANGUAGE_ENV = "LOYALTY_POS_LANGUAGE"
USUAL_LOCALE = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", PSEUDO: "de_DE"}

_installed: list[QTranslator] = []
_language = "en"


def installed_language() -> str:
    """The language the window speaks ("en" until `install_language` says otherwise)."""
    return _language


def language_file() -> Path:
    return config_dir() / "language"


def saved_language() -> str:
    """The language chosen in Settings, or SYSTEM."""
    try:
        chosen = language_file().read_text(encoding="utf-8").strip()
    except OSError:
        return SYSTEM
    return chosen if chosen in LANGUAGES else SYSTEM


def save_language(language: str) -> None:
    if language not in (SYSTEM, *LANGUAGES):
        raise ValueError(f"no {language!r} translation")
    path = language_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(language + "\n", encoding="utf-8")


def language_for(choice: str, system: QLocale) -> str:
    """The language to show: the choice, else the system's if shipped, else English."""
    if choice in LANGUAGES or choice == PSEUDO:
        return choice
    system_language = system.name().split("_")[0]
    return system_language if system_language in LANGUAGES else "en"


def install_language(choice: str | None = None, system: QLocale | None = None) -> str:
    """Translate from now on into `choice` (default: the environment, then Settings, then
    the system); numbers and dates follow. Returns the language installed."""
    app = QCoreApplication.instance()
    assert app is not None, "install_language needs the application"
    system = system or QLocale.system()
    if choice is None:
        choice = os.environ.get(LANGUAGE_ENV) or saved_language()
    language = language_for(choice, system)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translator: QTranslator = PseudoTranslator(app) if language == PSEUDO else QTranslator(app)
    if language != PSEUDO:
        qm = resource_path("translations", f"loyalty_{language}.qm")
        if not translator.load(str(qm)):
            raise FileNotFoundError(f"the {language} translation is missing: {qm}")
    app.installTranslator(translator)
    _installed.append(translator)
    global _language  # noqa: PLW0603 - one language per process
    _language = language
    own = system.name() if system.name().split("_")[0] == language else None
    use_locale(own or USUAL_LOCALE[language])
    return language


# --- the pseudo-language -------------------------------------------------------------------

_ACCENTED = str.maketrans("aeiouycnszAEIOUYCNSZ", "áéîõüÿçñšžÅÉÎÕÜŸÇÑŠŽ")
# Kept as they are: markup, entities, placeholders ({name}, %1, %n), mnemonics' ampersands.
_KEEP = re.compile(r"<[^>]+>|&\w+;|\{\w*\}|%L?\d|%n|&&|\\n|\n")


def pseudo(text: str) -> str:
    """`text` accented and 40 % longer, its markup and placeholders untouched."""
    if not text.strip():
        return text
    out, last, letters = [], 0, 0
    for match in _KEEP.finditer(text):
        chunk = text[last : match.start()]
        out += [chunk.translate(_ACCENTED), match[0]]
        letters += len(chunk)
        last = match.end()
    tail = text[last:]
    out.append(tail.translate(_ACCENTED))
    letters += len(tail)
    return "".join(out) + "·" * math.ceil(letters * 0.4)


class PseudoTranslator(QTranslator):
    """Every source text, made foreign-looking and longer (never a real language)."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return pseudo(source)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False
