"""Per-workstation settings: the typed store (``store``) and the dialog with its pages."""
