"""Print the API's OpenAPI document: `python -m sync.server.openapi > docs/openapi.json`."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import create_engine

from sync.server.app import Settings, create_app


def openapi_document() -> dict[str, Any]:
    # The document does not depend on the database; an unopened in-memory engine will do.
    app = create_app(Settings(db_url="sqlite://"), engine=create_engine("sqlite://"))
    return app.openapi()


def render() -> str:
    return json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(render(), end="")
