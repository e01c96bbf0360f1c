"""The window's words for the codes the domain, the journal and the server give: kinds of
entries, sync statuses, refusal reasons, roles, counts with their plurals. Made here, at the
edge, in the terminal's language; the domain and the server keep codes and parameters.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject

from pos_app.domain.currency import DEFAULT_CURRENCY
from pos_app.domain.operations import OpKind
from pos_app.domain.refusal import RefusalCode, Refused
from pos_app.scanner.payload import Rejection, RejectionCode
from pos_app.services.locale_format import amount_field_text
from pos_app.services.lookup import NotFound
from pos_app.ui.i18n import installed_language
from sync.engine.connectivity import Connectivity, Notice


class Counts(QObject):
    """Counted nouns ("1 entry", "2 entries"; French "0 point"): Qt's plural forms, which
    lupdate finds only in a class's `tr`."""

    def entries(self, n: int) -> str:
        return self.tr("%n entries", "", n)

    def points(self, n: int) -> str:
        return self.tr("%n points", "", n)

    def stamps(self, n: int) -> str:
        return self.tr("%n stamps", "", n)

    def minutes(self, n: int) -> str:
        return self.tr("%n minutes", "", n)

    def pages(self, n: int) -> str:
        return self.tr("%n pages", "", n)

    def changes(self, n: int) -> str:
        return self.tr("%n changes", "", n)

    def hours(self, n: int) -> str:
        return self.tr("%n hours", "", n)

    # Whole sentences around a count, so each language can bend the rest of it too.
    def points_taken_back(self, n: int, balance: int) -> str:
        return self.tr("%n points taken back · balance {points_balance}", "", n).format(
            points_balance=balance
        )

    def points_short(self, n: int) -> str:
        return self.tr("%n points short", "", n)

    def only_taken_back(self, n: int) -> str:
        return self.tr("Only %n points could be taken back: the balance is now 0.", "", n)

    def return_asked_for(self, n: int) -> str:
        return self.tr("The return asked for %n points.", "", n)

    def points_earned(self, n: int, money: str, balance: int) -> str:
        return self.tr("+%n points for {money} · balance {points_balance}", "", n).format(
            money=money, points_balance=balance
        )

    def reward_for_points(self, name: str, n: int) -> str:
        return self.tr("Reward given: {name} (%n points)", "", n).format(name=name)

    def waiting_to_sync(self, n: int) -> str:
        return self.tr("%n waiting to sync", "", n)

    def not_yet_confirmed(self, n: int) -> str:
        return self.tr("<b>%n</b> entries are not yet confirmed by the server.", "", n)


_counts: Counts | None = None


def counts() -> Counts:
    global _counts  # noqa: PLW0603 - one, made once the application exists
    if _counts is None:
        _counts = Counts()
    return _counts


def kind_words(kind: str) -> str:
    words: dict[str, str] = {
        OpKind.ENROLL: QCoreApplication.translate("words", "New cards"),
        OpKind.STAMP: QCoreApplication.translate("words", "Stamps"),
        OpKind.REDEEM_STAMPS: QCoreApplication.translate("words", "Stamp rewards"),
        OpKind.EARN_POINTS: QCoreApplication.translate("words", "Points earned"),
        OpKind.REDEEM_POINTS: QCoreApplication.translate("words", "Points rewards"),
        OpKind.VOID_POINTS: QCoreApplication.translate("words", "Voids / returns"),
        OpKind.EXPIRE_POINTS: QCoreApplication.translate("words", "Points expired"),
        OpKind.REVERSE: QCoreApplication.translate("words", "Undone"),
    }
    return words.get(kind, kind.replace("_", " ").capitalize())


def status_words(status: str) -> str:
    words = {
        "pending": QCoreApplication.translate("words", "waiting to be sent"),
        "sent": QCoreApplication.translate("words", "sent, no answer yet"),
        "applied": QCoreApplication.translate("words", "accepted"),
        "duplicate": QCoreApplication.translate("words", "already on the server"),
        "refused": QCoreApplication.translate("words", "refused"),
        "adjusted": QCoreApplication.translate("words", "changed by the server"),
    }
    return words.get(status, status)


def connectivity_words(state: Connectivity) -> str:
    words = {
        Connectivity.ONLINE: QCoreApplication.translate("words", "ONLINE"),
        Connectivity.SYNCING: QCoreApplication.translate("words", "SYNCING"),
        Connectivity.OFFLINE: QCoreApplication.translate("words", "OFFLINE"),
        Connectivity.ERROR: QCoreApplication.translate("words", "SYNC ERROR"),
        Connectivity.REVOKED: QCoreApplication.translate("words", "REVOKED"),
        Connectivity.STANDALONE: QCoreApplication.translate("words", "STANDALONE"),
    }
    return words[state]


def role_words(role: str) -> str:
    return {
        "cashier": QCoreApplication.translate("words", "cashier"),
        "manager": QCoreApplication.translate("words", "manager"),
    }.get(role, role)


def amounts(stamps: int | None, points: int | None) -> str:
    """`-300 points`, `+1 stamps, +20 points`, `nothing`; `not known` when not kept."""
    if stamps is None or points is None:
        return QCoreApplication.translate("words", "not known")
    parts = (
        [QCoreApplication.translate("words", "{stamps:+d} stamps").format(stamps=stamps)]
        if stamps
        else []
    )
    parts += (
        [QCoreApplication.translate("words", "{points:+d} points").format(points=points)]
        if points
        else []
    )
    return ", ".join(parts) or QCoreApplication.translate("words", "nothing")


def server_answers(statuses: Mapping[str, int]) -> str:
    """'3 entries accepted, 1 entries refused': what the server said of the day's entries."""
    if not statuses:
        return QCoreApplication.translate("words", "no entries")
    return ", ".join(
        QCoreApplication.translate("words", "{entries} {status}").format(
            entries=counts().entries(n), status=status_words(s)
        )
        for s, n in sorted(statuses.items())
    )


def refusal_reason(code: str | None, server_text: str | None) -> str:
    """Why the server refused or changed an entry: the server's own words in English (they
    say the most, e.g. which terminal stamped first), else from its code in the language."""
    if server_text and installed_language() == "en":
        return server_text
    words: dict[str | None, str] = {
        RefusalCode.CARD_INACTIVE: QCoreApplication.translate(
            "words", "The card is no longer active."
        ),
        RefusalCode.UNKNOWN_CARD: QCoreApplication.translate(
            "words", "The server does not know this card."
        ),
        RefusalCode.WRONG_PROGRAM_TYPE: QCoreApplication.translate(
            "words", "The card's program does not collect this."
        ),
        RefusalCode.OTHER_STORE: QCoreApplication.translate(
            "words", "This card only works at the store it was made in."
        ),
        RefusalCode.COOLDOWN: QCoreApplication.translate(
            "words", "Stamped too soon after the card's last stamp."
        ),
        RefusalCode.DAILY_CAP: QCoreApplication.translate(
            "words", "The card's daily stamp limit was already reached."
        ),
        RefusalCode.INSUFFICIENT_STAMPS: QCoreApplication.translate(
            "words", "Not enough stamps on the card for the reward."
        ),
        RefusalCode.INSUFFICIENT_POINTS: QCoreApplication.translate(
            "words", "Not enough points on the card for the reward."
        ),
        RefusalCode.UNKNOWN_REWARD: QCoreApplication.translate(
            "words", "The program has no such reward."
        ),
        RefusalCode.INVALID_AMOUNT: QCoreApplication.translate(
            "words", "The amount is outside what the program allows."
        ),
        RefusalCode.NOTHING_TO_EXPIRE: QCoreApplication.translate(
            "words", "There were no points to expire."
        ),
        RefusalCode.OFFLINE_LIMIT: QCoreApplication.translate(
            "words", "Over the limit for a terminal that is offline."
        ),
        RefusalCode.ALREADY_ENROLLED: QCoreApplication.translate(
            "words", "The customer already has a card."
        ),
        RefusalCode.NOT_UNDOABLE: QCoreApplication.translate(
            "words", "The entry could not be undone."
        ),
        RefusalCode.CLOCK_OUT_OF_RANGE: QCoreApplication.translate(
            "words", "The terminal's clock was too far from the server's."
        ),
        RefusalCode.CARD_ACTIVE: QCoreApplication.translate(
            "words", "This card is active already."
        ),
        RefusalCode.UNKNOWN_PURCHASE: QCoreApplication.translate(
            "words", "That purchase is not on this card."
        ),
        RefusalCode.NOTHING_TO_RETURN: QCoreApplication.translate(
            "words", "That purchase has nothing left to return."
        ),
        RefusalCode.DIFFERENT_CUSTOMERS: QCoreApplication.translate(
            "words", "These cards belong to two different customers."
        ),
    }
    return words.get(code) or server_text or QCoreApplication.translate("words", "no reason given")


def refusal_words(refused: Refused) -> str:
    """A refusal at the counter, with its figures where the rules give them."""
    p = refused.params
    if "rule" in p and (said := _rule_words(str(p["rule"]), p)) is not None:
        return said
    match refused.code:
        case RefusalCode.COOLDOWN if "minutes_left" in p:
            return QCoreApplication.translate(
                "words", "Stamped recently: next stamp in {minutes}."
            ).format(minutes=counts().minutes(int(p["minutes_left"])))
        case RefusalCode.DAILY_CAP if "cap" in p:
            return QCoreApplication.translate(
                "words", "Daily limit of {cap} reached ({today} given today)."
            ).format(cap=counts().stamps(int(p["cap"])), today=p["today"])
        case RefusalCode.INSUFFICIENT_STAMPS if "missing" in p:
            return QCoreApplication.translate(
                "words", "Not enough stamps: {count} of {target}, {missing} to go."
            ).format(count=p["count"], target=p["target"], missing=p["missing"])
        case RefusalCode.INSUFFICIENT_POINTS if "cost" in p:
            return QCoreApplication.translate(
                "words", "{reward} costs {cost}; the card has {balance}."
            ).format(reward=p["reward"], cost=counts().points(int(p["cost"])), balance=p["balance"])
        case RefusalCode.CARD_INACTIVE | RefusalCode.OTHER_STORE:
            return refusal_reason(refused.code, refused.message)
        case RefusalCode.WRONG_PROGRAM_TYPE if "program" in p:
            text = (
                QCoreApplication.translate("words", "{program} does not collect stamps.")
                if p.get("collects") == "stamps"
                else QCoreApplication.translate("words", "{program} does not collect points.")
            )
            return text.format(program=p["program"])
    # No figures to say it with: the rules' English words, or the reason in the language.
    return refused.message if installed_language() == "en" else refusal_reason(refused.code, None)


def _rule_words(rule: str, p: Mapping[str, str | int]) -> str | None:
    """The card actions' and returns' refusals, each rule in its own words."""
    match rule:
        case "returned_already":
            return QCoreApplication.translate(
                "words", "That purchase was returned in full already."
            )
        case "no_points":
            return QCoreApplication.translate("words", "That return takes back no points.")
        case "return_amount":
            left = amount_field_text(int(p["left_minor"]), DEFAULT_CURRENCY)
            bought = amount_field_text(int(p["bought_minor"]), DEFAULT_CURRENCY)
            return QCoreApplication.translate(
                "words", "At most {left} of that purchase can come back (bought {bought})."
            ).format(left=left, bought=bought)
        case "receipt_unknown":
            return QCoreApplication.translate(
                "words", "No purchase of this card has receipt {receipt}, here or on the server."
            ).format(receipt=p["receipt"])
        case "receipt_unreachable":
            # Short enough for the banner; the receipt is the one just typed.
            return QCoreApplication.translate(
                "words",
                "Server not reached: only this terminal's own purchases are found by "
                "receipt. Try again, or pick from the list.",
            )
        case "receipt_no_server":
            return QCoreApplication.translate(
                "words",
                "No purchase here has receipt {receipt}, and this terminal has no server to ask.",
            ).format(receipt=p["receipt"])
        case "self_merge":
            return QCoreApplication.translate("words", "A card cannot be merged into itself.")
        case "empty_merge":
            return QCoreApplication.translate("words", "That merge gives nothing to take.")
        case "other_program":
            return QCoreApplication.translate("words", "Only cards of one program can merge.")
        case "target_inactive":
            return QCoreApplication.translate("words", "The card that stays is not active.")
        case "already_inactive":
            return QCoreApplication.translate("words", "This card is already inactive.")
        case "reason_too_long":
            return QCoreApplication.translate(
                "words", "The reason is too long (at most {max} characters)."
            ).format(max=p["max"])
        case "needs_reason":
            return QCoreApplication.translate(
                "words", "An adjustment needs a reason (at most {max} characters)."
            ).format(max=p["max"])
        case "same_number":
            return QCoreApplication.translate("words", "A new card needs a new number and code.")
        case "no_change":
            return QCoreApplication.translate("words", "An adjustment changes points or stamps.")
        case "too_large":
            return QCoreApplication.translate("words", "That adjustment is too large.")
        case "cannot_lose_points":
            return QCoreApplication.translate(
                "words", "The card has {balance}; it cannot lose {lose}."
            ).format(
                balance=counts().points(int(p["balance"])), lose=counts().points(int(p["lose"]))
            )
        case "cannot_lose_stamps":
            return QCoreApplication.translate(
                "words", "The card has {balance}; it cannot lose {lose}."
            ).format(
                balance=counts().stamps(int(p["balance"])), lose=counts().stamps(int(p["lose"]))
            )
    return None


def notice_words(notice: Notice) -> str:
    """A warning of the status strip (offline limits, the clock), from its code."""
    match notice.code:
        case "never_synced":
            return QCoreApplication.translate(
                "words", "Never synced with the server yet: redemptions wait for the first sync."
            )
        case "redemptions_stopped":
            return QCoreApplication.translate(
                "words",
                "Not synced for too long: redemptions are stopped until the terminal syncs.",
            )
        case "unsynced_hours":
            return QCoreApplication.translate(
                "words", "Not synced for {hours}: redemptions stop at {stop}."
            ).format(
                hours=counts().hours(notice.param("hours")),
                stop=counts().hours(notice.param("stop_hours")),
            )
        case "clock_jumped":
            return QCoreApplication.translate(
                "words", "The terminal clock jumped; using the last trusted time instead."
            )
        case "clock_off":
            return QCoreApplication.translate(
                "words", "The terminal clock is off by {minutes}; using the server's time."
            ).format(minutes=counts().minutes(notice.param("minutes")))
    return notice.text


def phase_words(phase: str) -> str:
    """What the sync is doing now (its progress names the phase by a code)."""
    if phase == "push":
        return QCoreApplication.translate("words", "sending")
    if phase == "pull":
        return QCoreApplication.translate("words", "receiving")
    return phase


def not_found_words(missing: NotFound) -> str:
    """Why a scanned or typed card is not shown."""
    if missing.reason == "not_of_shop":
        return QCoreApplication.translate(
            "words", "✗  This card is not a card of this shop (the server does not know it)"
        )
    if missing.reason == "refused" and missing.refused is not None:
        return "✗  " + refusal_words(missing.refused)
    if missing.number:
        return QCoreApplication.translate("words", "✗  No card {number} on this terminal").format(
            number=missing.number
        )
    return QCoreApplication.translate("words", "✗  This card is not known on this terminal (yet)")


def rejection_words(rejection: Rejection) -> str:
    """Why a scan names no card, read aloud to the customer."""
    words = {
        RejectionCode.EMPTY: QCoreApplication.translate(
            "words", "The code was empty; please scan again"
        ),
        RejectionCode.TOO_LONG: QCoreApplication.translate(
            "words", "This code holds far too much data to be a loyalty card"
        ),
        RejectionCode.BINARY: QCoreApplication.translate(
            "words", "This code holds binary data, not a loyalty card"
        ),
        RejectionCode.CONTROL_CHARACTERS: QCoreApplication.translate(
            "words", "This code contains unreadable characters"
        ),
        RejectionCode.WIFI: QCoreApplication.translate(
            "words", "This is a Wi-Fi code, not a loyalty card"
        ),
        RejectionCode.CONTACT: QCoreApplication.translate(
            "words", "This is a contact card, not a loyalty card"
        ),
        RejectionCode.EMAIL: QCoreApplication.translate(
            "words", "This is an e-mail code, not a loyalty card"
        ),
        RejectionCode.PHONE: QCoreApplication.translate(
            "words", "This is a phone or text-message code, not a loyalty card"
        ),
        RejectionCode.INSECURE_URL: QCoreApplication.translate(
            "words", "This link is not secure (https), so it is not accepted"
        ),
        RejectionCode.FOREIGN_URL: QCoreApplication.translate(
            "words", "This link is not a loyalty card of this shop"
        ),
        RejectionCode.URL_WITHOUT_CARD: QCoreApplication.translate(
            "words", "This link is from this shop but names no card"
        ),
        RejectionCode.NOT_A_CARD: QCoreApplication.translate(
            "words", "This code is not a loyalty card of this shop"
        ),
    }
    return words.get(rejection.code, rejection.message)
