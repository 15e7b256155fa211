"""Printing from the GUI: the label dialog and this workstation's printers."""
