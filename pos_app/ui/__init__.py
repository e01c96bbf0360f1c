"""The cashier's window (PySide6). The only package of the terminal that imports Qt."""
