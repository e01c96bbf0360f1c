"""Success, refusal and scan sounds. A missing audio device is normal at a counter PC
without speakers, so every failure here is silent: the colour still tells the cashier."""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QObject, QUrl

from pos_app.resources import resource_path

log = logging.getLogger(__name__)


class Sound(enum.Enum):
    SUCCESS = "success"
    REFUSAL = "refusal"
    SCAN = "scan"


class Sounds(QObject):
    def __init__(self, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.played: list[Sound] = []  # what was asked to play, so tests can hear it
        self._effects: dict[Sound, object] = {}
        self._broken = False

    def play(self, sound: Sound) -> None:
        self.played.append(sound)
        if not self.enabled or self._broken:
            return
        try:
            effect = self._effect(sound)
            if effect is not None:
                effect.play()  # type: ignore[attr-defined]
        except Exception:  # no backend, no device: stay quiet, never crash the counter
            log.info("sound unavailable", exc_info=True)
            self._broken = True

    def _effect(self, sound: Sound) -> object | None:
        if sound not in self._effects:
            # QtMultimedia loads lazily: it is not needed to show the first screen.
            from PySide6.QtMultimedia import QSoundEffect

            path = resource_path("sounds", f"{sound.value}.wav")
            if not path.exists():
                return None
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(0.8)
            self._effects[sound] = effect
        return self._effects[sound]
