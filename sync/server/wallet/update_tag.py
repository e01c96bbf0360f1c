"""The tag a device is given with its updated passes (`lastUpdated`), and sends back as
`passesUpdatedSince`: where it stands in each merchant's change versions.

Each merchant draws its own versions, so one number cannot say where a device stands when
its passes come from several merchants: merchant A at 1000 and merchant B at 11 would make
B's next change (12) look older than the tag. The tag holds one version per merchant of the
device's passes, `A=1000,B=11` (merchant ids never hold `=` or `,`). A bare number is a tag
given before versions were per merchant: every merchant's counter started at that server-
wide value, so it stands for every merchant.
"""

from __future__ import annotations

from collections.abc import Mapping

# Enough for a phone holding passes of a hundred merchants with long ids.
MAX_TAG = 8000


class Since:
    """What a device's tag says: the version after which a merchant's change is new to it."""

    def __init__(self, per_merchant: Mapping[str, int], every: int = 0) -> None:
        self._per_merchant = dict(per_merchant)
        self._every = every

    def of(self, merchant_id: str) -> int:
        return self._per_merchant.get(merchant_id, self._every)


def parse_tag(tag: str | None) -> Since:
    """The device's tag read back; anything not ours reads as "everything is new"."""
    text = tag or ""
    if text.isdigit():
        return Since({}, int(text))
    found: dict[str, int] = {}
    for part in text.split(","):
        merchant, sep, version = part.rpartition("=")
        if not sep or not merchant or not version.isdigit():
            return Since({})
        found[merchant] = int(version)
    return Since(found)


def make_tag(versions: Mapping[str, int]) -> str:
    return ",".join(f"{m}={v}" for m, v in sorted(versions.items()))
