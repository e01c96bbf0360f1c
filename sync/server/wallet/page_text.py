"""The words of the customer's card page, per language; the phone's Accept-Language picks.

English only for now, as the terminal has no other language yet: a language is added here
as the terminal gains it.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Your loyalty card",
        "stamps": "Stamps",
        "toward": "toward",
        "ready": "ready to collect",
        "points": "Points",
        "number": "Card number",
        "add_apple": "Add to Apple Wallet",
        "save_google": "Save to Google Wallet",
        "no_wallet": "No wallet? Give your card number at the counter.",
        "void": "This card is no longer active.",
        "on_its_way_title": "Your card is on its way",
        "on_its_way": "It appears here as soon as the shop's till has synced. "
        "Open this link again in a few minutes.",
        "unavailable": "Adding the card to a wallet is not possible right now. "
        "Please try again later.",
        "too_many": "Too many tries from this network. Please wait a minute and try again.",
    },
}
DEFAULT = "en"


def language(accept_language: str | None) -> str:
    """The first language the phone prefers that we have (by quality, then order)."""
    if not accept_language:
        return DEFAULT
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in TEXT and quality > 0:
            choices.append((-quality, index, primary))
    return min(choices)[2] if choices else DEFAULT
