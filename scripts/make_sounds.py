"""Regenerate the counter's sounds (small 16-bit mono WAVs): `python scripts/make_sounds.py`.

Synthesised rather than recorded so the files are tiny, licence-free and reproducible:
a rising two-note chime for success, a low double buzz for a refusal, a short tick for a scan.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

RATE = 22_050
HERE = Path(__file__).resolve().parents[1] / "pos_app" / "resources" / "sounds"


def tone(freq: float, seconds: float, volume: float = 0.5, harmonics: int = 2) -> np.ndarray:
    t = np.arange(int(RATE * seconds)) / RATE
    wave_ = sum(np.sin(2 * np.pi * freq * (k + 1) * t) / (k + 1) for k in range(harmonics))
    # A quick attack and an exponential decay sound like a bell, not a beep from 1985.
    envelope = np.minimum(1.0, t / 0.005) * np.exp(-t * 6 / seconds)
    return np.asarray(volume * wave_ * envelope)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(RATE * seconds))


def write(name: str, samples: np.ndarray) -> None:
    pcm = (np.clip(samples, -1, 1) * 32_000).astype("<i2")
    with wave.open(str(HERE / name), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())


def main() -> None:
    HERE.mkdir(exist_ok=True)
    write("success.wav", np.concatenate([tone(880, 0.12), tone(1320, 0.28)]))
    write(
        "refusal.wav",
        np.concatenate([tone(196, 0.16, 0.7, 4), silence(0.06), tone(196, 0.22, 0.7, 4)]),
    )
    write("scan.wav", tone(1760, 0.05, 0.35, 1))


if __name__ == "__main__":
    main()
