"""The customer's side of the card: Apple and Google Wallet passes, and their updates."""
