"""The points catalogue: one big button per reward, the ones the card cannot afford greyed."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from pos_app.domain.card import Card
from pos_app.domain.program import Program
from pos_app.ui.style import icon
from pos_app.ui.words import counts


class RewardDialog(QDialog):
    def __init__(self, card: Card, program: Program, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Redeem a reward"))
        self.chosen: str | None = None
        title = QLabel(self.tr("Redeem a reward"))
        title.setObjectName("Title")
        balance = QLabel(
            self.tr("{points_balance} points on the card").format(
                points_balance=card.points_balance
            )
        )
        balance.setObjectName("Subtitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(balance)
        self.buttons: dict[str, QPushButton] = {}
        # Arrows move between the rewards; Enter takes the one with the focus.
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        for reward in sorted(program.rewards, key=lambda r: r.points_cost):
            affordable = reward.points_cost <= card.points_balance
            missing = reward.points_cost - card.points_balance
            short = "" if affordable else "  ·  " + counts().points_short(missing)
            button = QPushButton(
                icon("gift"),
                self.tr("{name}  ·  {points_cost} points{short}").format(
                    name=reward.name, points_cost=reward.points_cost, short=short
                ),
            )
            button.setObjectName("Reward")
            button.setEnabled(affordable)
            button.clicked.connect(lambda _=False, code=reward.code: self.choose(code))
            layout.addWidget(button)
            self.group.addButton(button)
            self.buttons[reward.code] = button
        if not program.rewards:
            layout.addWidget(QLabel(self.tr("This program has no rewards to redeem.")))
        cancel = QPushButton(self.tr("Cancel  (Esc)"))
        cancel.clicked.connect(self.reject)
        layout.addSpacing(8)
        layout.addWidget(cancel)
        self.setMinimumWidth(720)
        can_take = [b for b in self.buttons.values() if b.isEnabled()]
        (can_take[0] if can_take else cancel).setFocus()

    def choose(self, code: str) -> None:
        self.chosen = code
        self.accept()
