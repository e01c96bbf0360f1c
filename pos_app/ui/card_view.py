"""The card as the cashier sees it after a scan: who, which card, how far to the reward."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from pos_app.domain.identifiers import mask_card_number
from pos_app.domain.operations import points_expiry
from pos_app.services.locale_format import day_text, number
from pos_app.services.lookup import CardView
from pos_app.ui.style import STAMP_EMPTY, STAMP_FILLED, TEXT
from pos_app.ui.words import counts


class StampRow(QWidget):
    """One circle per stamp of the target, filled up to the card's count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filled = 0
        self.target = 0
        # 64 px high when there is room, down to 36 on a small screen: the circles follow.
        self.setMinimumHeight(36)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def set_stamps(self, filled: int, target: int) -> None:
        self.filled, self.target = filled, target
        self.setAccessibleName(
            self.tr("{filled} of {target} stamps").format(filled=filled, target=target)
        )
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(480, 64)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self.target <= 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = 10.0
        side = min(56.0, (self.width() - gap * (self.target - 1)) / self.target)
        y = (self.height() - side) / 2
        shown = min(self.filled, self.target)
        for i in range(self.target):
            box = QRectF(i * (side + gap), y, side, side).adjusted(2, 2, -2, -2)
            if i < shown:
                painter.setPen(QPen(STAMP_FILLED, 3))
                painter.setBrush(STAMP_FILLED)
            else:
                painter.setPen(QPen(STAMP_EMPTY, 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(box)
            if i == self.target - 1 and i >= shown:
                # The last circle is the reward: say so.
                painter.setPen(TEXT)
                font = painter.font()
                font.setPixelSize(int(side * 0.42))
                font.setBold(True)
                painter.setFont(font)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "★")
        painter.end()


class CardPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - one screen's layout
        super().__init__(parent)
        self.setObjectName("Panel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.view: CardView | None = None
        self.standalone = False

        self.placeholder = QLabel()
        self.placeholder.setObjectName("Placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.customer = QLabel()
        self.customer.setObjectName("CustomerName")
        self.number = QLabel()
        self.number.setObjectName("CardNumber")
        self.program = QLabel()
        self.program.setObjectName("Subtitle")
        self.stamps = StampRow()
        self.stamps_text = QLabel()
        self.stamps_text.setObjectName("Subtitle")
        self.points = QLabel()
        self.points.setObjectName("BigNumber")
        self.points_caption = QLabel()
        self.points_caption.setObjectName("Subtitle")
        self.rewards = QLabel()
        self.rewards.setObjectName("Rewards")
        self.rewards.setWordWrap(True)
        self.pending = QLabel()
        self.pending.setObjectName("Muted")

        self.details = QWidget()
        d = QVBoxLayout(self.details)
        d.setContentsMargins(0, 0, 0, 0)
        d.setSpacing(8)
        self.customer_row = QHBoxLayout()  # the counter adds the card's own actions at its end
        self.customer_row.addWidget(self.customer, 1)
        d.addLayout(self.customer_row)
        row = QHBoxLayout()
        row.addWidget(self.number)
        row.addStretch()
        row.addWidget(self.program)
        d.addLayout(row)
        d.addSpacing(6)
        d.addWidget(self.stamps)
        d.addWidget(self.stamps_text)
        points_row = QHBoxLayout()
        points_row.addWidget(self.points)
        points_row.addWidget(self.points_caption, 0, Qt.AlignmentFlag.AlignBottom)
        points_row.addStretch()
        self.points_box = QWidget()
        self.points_box.setLayout(points_row)
        points_row.setContentsMargins(0, 0, 0, 0)
        d.addWidget(self.points_box)
        d.addWidget(self.rewards)
        d.addStretch()
        d.addWidget(self.pending)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 14, 22, 14)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.details)
        self.retranslate()

    def retranslate(self) -> None:
        """The panel's words, and the card on show said again (numbers and dates in the
        new locale): at the start and after a language change."""
        self.setAccessibleName(self.tr("The card on show"))
        self.placeholder.setText(self.tr("Scan a card, or type its number"))
        self.points_caption.setText(self.tr("points"))
        self.show_card(self.view, self.standalone)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_card(self, view: CardView | None, standalone: bool = False) -> None:
        """`standalone`: no server to confirm anything, so nothing is said to wait for one."""
        self.view, self.standalone = view, standalone
        self.placeholder.setVisible(view is None)
        self.details.setVisible(view is not None)
        if view is None:
            return
        card, program = view.card, view.program
        if view.provisional:
            self.customer.setText(self.tr("New to this terminal (provisional)"))
            self.number.setText(
                mask_card_number(card.card_number) if card.card_number else self.tr("QR code only")
            )
        else:
            self.customer.setText(card.customer_name or self.tr("Customer without a name"))
            self.number.setText(mask_card_number(card.card_number))
        self.program.setText(program.name)
        self.stamps.setVisible(program.has_stamps)
        self.stamps_text.setVisible(program.has_stamps)
        self.points_box.setVisible(program.has_points)
        rewards: list[str] = []
        if program.has_stamps:
            target = program.stamps_target
            self.stamps.set_stamps(card.stamp_count, target)
            available = card.rewards_available(target)
            to_go = target - card.stamp_count % target
            self.stamps_text.setText(
                self.tr("{stamp_count} of {target} stamps").format(
                    stamp_count=card.stamp_count, target=target
                )
                + (
                    ""
                    if available
                    else self.tr(" · {to_go} to go for {stamp_reward}").format(
                        to_go=to_go, stamp_reward=program.stamp_reward
                    )
                )
            )
            if available:
                rewards.append(
                    self.tr("★ {reward} ready").format(reward=program.stamp_reward)
                    + (f" ×{available}" if available > 1 else "")
                )
        if program.has_points:
            self.points.setText(number(card.points_balance))
            affordable = [r for r in program.rewards if r.points_cost <= card.points_balance]
            if affordable:
                names = ", ".join(f"{r.name} ({r.points_cost})" for r in affordable)
                rewards.append(self.tr("★ Can take: {names}").format(names=names))
            expiry = points_expiry(card, program)
            if expiry is not None:
                rewards.append(
                    # Counted (n) for the verb: "1 point expires", "1 Punkt verfällt".
                    self.tr("{points} expire on {date}", "", expiry.points).format(
                        points=counts().points(expiry.points), date=day_text(expiry.on)
                    )
                )
        if not card.is_active:
            rewards.insert(0, self.tr("This card is no longer active"))
        if view.provisional:
            # Its real balance is on the server: promise nothing from it.
            rewards = [
                self.tr("Stamps given here until the server confirms the card; no rewards yet")
            ]
        self.rewards.setText("\n".join(rewards))
        self.rewards.setVisible(bool(rewards))
        waiting = view.pending_entries and not standalone
        self.pending.setText(
            self.tr("{changes} not yet confirmed by the server").format(
                changes=counts().changes(view.pending_entries)
            )
            if waiting
            else ""
        )
