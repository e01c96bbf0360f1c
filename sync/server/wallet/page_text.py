"""The words of the customer's card page, per language; the phone's Accept-Language picks.

The languages are the terminal's (English, German, French, Spanish); the buttons' words are
those of Apple's and Google's own badges in each language.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "lang": "en",
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
        "of": "{toward} of {target}",
        "apple_small": "Add to",
        "apple_big": "Apple Wallet",
    },
    "de": {
        "lang": "de",
        "title": "Ihre Kundenkarte",
        "stamps": "Stempel",
        "toward": "für",
        "ready": "zum Abholen bereit",
        "points": "Punkte",
        "number": "Kartennummer",
        "add_apple": "Zu Apple Wallet hinzufügen",
        "save_google": "In Google Wallet speichern",
        "no_wallet": "Keine Wallet? Nennen Sie an der Kasse Ihre Kartennummer.",
        "void": "Diese Karte ist nicht mehr aktiv.",
        "on_its_way_title": "Ihre Karte ist unterwegs",
        "on_its_way": "Sie erscheint hier, sobald die Kasse des Geschäfts synchronisiert hat. "
        "Öffnen Sie diesen Link in ein paar Minuten noch einmal.",
        "unavailable": "Die Karte kann gerade nicht zu einer Wallet hinzugefügt werden. "
        "Bitte versuchen Sie es später noch einmal.",
        "too_many": "Zu viele Versuche aus diesem Netz. Bitte warten Sie eine Minute und "
        "versuchen Sie es dann noch einmal.",
        "of": "{toward} von {target}",
        "apple_small": "Zu Apple Wallet",
        "apple_big": "hinzufügen",
    },
    "fr": {
        "lang": "fr",
        "title": "Votre carte de fidélité",
        "stamps": "Tampons",
        "toward": "pour",
        "ready": "à retirer",
        "points": "Points",
        "number": "Numéro de carte",
        "add_apple": "Ajouter à Apple Wallet",
        "save_google": "Enregistrer dans Google Wallet",
        "no_wallet": "Pas de wallet ? Donnez votre numéro de carte en caisse.",
        "void": "Cette carte n'est plus active.",
        "on_its_way_title": "Votre carte arrive",
        "on_its_way": "Elle s'affichera ici dès que la caisse du magasin aura été "
        "synchronisée. Rouvrez ce lien dans quelques minutes.",
        "unavailable": "Impossible d'ajouter la carte à un wallet pour le moment. "
        "Veuillez réessayer plus tard.",
        "too_many": "Trop de tentatives depuis ce réseau. Patientez une minute, puis réessayez.",
        "of": "{toward} sur {target}",
        "apple_small": "Ajouter à",
        "apple_big": "Apple Wallet",
    },
    "es": {
        "lang": "es",
        "title": "Tu tarjeta de fidelidad",
        "stamps": "Sellos",
        "toward": "para",
        "ready": "listo para recoger",
        "points": "Puntos",
        "number": "Número de tarjeta",
        "add_apple": "Añadir a Apple Wallet",
        "save_google": "Guardar en Google Wallet",
        "no_wallet": "¿No tienes wallet? Di tu número de tarjeta en caja.",
        "void": "Esta tarjeta ya no está activa.",
        "on_its_way_title": "Tu tarjeta está en camino",
        "on_its_way": "Aparecerá aquí en cuanto la caja de la tienda se haya sincronizado. "
        "Vuelve a abrir este enlace dentro de unos minutos.",
        "unavailable": "Ahora mismo no se puede añadir la tarjeta a un wallet. "
        "Vuelve a intentarlo más tarde.",
        "too_many": "Demasiados intentos desde esta red. Espera un minuto y vuelve a intentarlo.",
        "of": "{toward} de {target}",
        "apple_small": "Añadir a",
        "apple_big": "Apple Wallet",
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
