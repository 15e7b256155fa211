"""The state of multi-step work without Qt — the operation form, the pick session, a product edit —
which the dialogs bind to and tests drive without widgets. Nothing here imports PySide6."""
