"""Cold start of the cashier's window: a fresh Python process to the first screen, and the
resident memory once the camera (reading a video file) is running.

    python -m benchmarks startup [--runs N] [--seconds S]

Each run starts `python -m pos_app.app --self-test` offscreen on a demo database with the
demo video as its camera; `ready_s` is from spawning the process to its READY line (so it
includes the interpreter's own start), `rss_mb` is read from /proc after `S` seconds of
camera frames. Bars: ready_s <= 2, rss_mb <= 250.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._report import print_json, print_table

READY_BAR_S = 2.0
RSS_BAR_MB = 250.0


def one_run(db: Path, video: Path, seconds: float) -> tuple[float, float, int]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pos_app.app",
            "--db",
            str(db),
            "--camera",
            str(video),
            "--self-test",
            "--self-test-seconds",
            str(seconds),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    ready = rss = 0.0
    frames = 0
    for line in proc.stdout:
        key, _, value = line.strip().partition(" ")
        if key == "READY":
            ready = time.perf_counter() - started
        elif key == "RSS_MB":
            rss = float(value)
        elif key == "FRAMES":
            frames = int(value)
    if proc.wait(60) != 0 or not ready:
        raise RuntimeError(f"the app did not start cleanly (exit {proc.returncode})")
    return ready, rss, frames


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks startup")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0, help="camera running time")
    args = parser.parse_args(argv)

    from pos_app.ui.demo_video import demo_texts, write_demo_video
    from pos_app.ui.first_run import create_demo

    with tempfile.TemporaryDirectory(prefix="pos-startup-") as tmp:
        db = Path(tmp) / "terminal.db"
        create_demo(db).close()
        # 1280x720 would be what a webcam gives; the demo video is 640x480 (see demo_video).
        video = write_demo_video(Path(tmp) / "camera.mp4", demo_texts())
        one_run(db, video, 0.5)  # warm the disk cache: "cold" means a fresh process
        results = [one_run(db, video, args.seconds) for _ in range(args.runs)]

    rows = [(i + 1, r, m, f) for i, (r, m, f) in enumerate(results)]
    print_table(["run", "ready_s", "rss_mb", "preview_frames"], rows)
    ready = statistics.median(r for r, _, _ in results)
    rss = max(m for _, m, _ in results)
    print(f"\nbars: ready_s <= {READY_BAR_S}, rss_mb <= {RSS_BAR_MB}")
    print_json(
        {
            "ready_s": round(ready, 3),
            "rss_mb": round(rss, 1),
            "runs": args.runs,
            "ready_ok": ready <= READY_BAR_S,
            "rss_ok": rss <= RSS_BAR_MB,
        }
    )
    return 0 if ready <= READY_BAR_S and rss <= RSS_BAR_MB else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
