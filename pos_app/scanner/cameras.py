"""Which cameras this machine has, for a settings screen: cheap, and never hangs.

On Linux each `/dev/video*` node is asked what it is (V4L2 `VIDIOC_QUERYCAP`), which
neither opens a stream nor disturbs a camera in use, and skips the metadata nodes many
webcams add beside their capture node.
"""

from __future__ import annotations

import fcntl
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path

# struct v4l2_capability: driver[16], card[32], bus_info[32], version, capabilities,
# device_caps, reserved[3].
_CAPABILITY = struct.Struct("16s32s32sIII12x")
_VIDIOC_QUERYCAP = (2 << 30) | (_CAPABILITY.size << 16) | (ord("V") << 8) | 0
_CAP_VIDEO_CAPTURE = 0x00000001
_CAP_VIDEO_CAPTURE_MPLANE = 0x00001000
_CAP_DEVICE_CAPS = 0x80000000
_VIDEO_NODE = re.compile(r"video(\d+)")


@dataclass(frozen=True, slots=True)
class CameraInfo:
    index: int
    """What `Capture` takes as its source."""
    name: str
    path: str


def list_cameras(dev_dir: Path = Path("/dev")) -> list[CameraInfo]:
    """Capture-capable video devices in index order; [] when there are none."""
    cameras = []
    for node in dev_dir.glob("video*"):
        match = _VIDEO_NODE.fullmatch(node.name)
        if match is None:
            continue
        name = _capture_device_name(node)
        if name is not None:
            cameras.append(CameraInfo(int(match.group(1)), name, str(node)))
    return sorted(cameras, key=lambda c: c.index)


def _capture_device_name(node: Path) -> str | None:
    try:
        # Non-blocking so a device stuck in its driver cannot hang a settings screen.
        fd = os.open(node, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        raw = fcntl.ioctl(fd, _VIDIOC_QUERYCAP, bytes(_CAPABILITY.size))
    except OSError:
        return None
    finally:
        os.close(fd)
    _driver, card, _bus, _version, capabilities, device_caps = _CAPABILITY.unpack(raw)
    caps = device_caps if capabilities & _CAP_DEVICE_CAPS else capabilities
    if not caps & (_CAP_VIDEO_CAPTURE | _CAP_VIDEO_CAPTURE_MPLANE):
        return None
    return bytes(card).split(b"\0", 1)[0].decode("utf-8", "replace") or node.name
