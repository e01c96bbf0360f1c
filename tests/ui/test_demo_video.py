"""The demo camera's video always shows the current demo cards: a video made from other
demo data (an older version's, whose tokens no server knows) is never played."""

from __future__ import annotations

from pathlib import Path

import pytest

import pos_app.resources
from pos_app.domain.demo import demo_cards
from pos_app.ui.demo_video import WIFI_CODE, default_demo_video, demo_texts, demo_video_name


def test_the_demo_video_shows_the_first_demo_cards_then_a_wifi_code() -> None:
    assert demo_texts() == [c.qr_token for c in demo_cards(4)] + [WIFI_CODE]


def test_the_video_is_named_by_what_it_shows() -> None:
    assert demo_video_name(demo_texts()) != demo_video_name([*demo_texts()[:-1], "other"])
    assert demo_video_name(demo_texts()) == demo_video_name(list(demo_texts()))


def test_the_bundled_video_is_the_current_one() -> None:
    bundled = pos_app.resources.resource_path("demo", demo_video_name(demo_texts()))
    assert bundled.is_file(), (
        "resources/demo has no video of the current demo cards: delete the old one, run "
        "`python -c 'import pos_app.ui.demo_video as v; v.default_demo_video()'`, commit it"
    )


def test_a_stale_video_is_replaced_by_one_of_the_current_cards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pos_app.resources, "resources_dir", lambda: tmp_path)
    (tmp_path / "demo").mkdir()
    stale = [tmp_path / "demo" / "counter-demo.mp4", tmp_path / "demo" / "counter-demo-0ld.mp4"]
    for path in stale:
        path.write_bytes(b"a video of other cards")
    video = default_demo_video()
    assert video == tmp_path / "demo" / demo_video_name(demo_texts())
    assert sorted(p.name for p in (tmp_path / "demo").iterdir()) == [video.name]
    assert video.stat().st_size > 10_000
