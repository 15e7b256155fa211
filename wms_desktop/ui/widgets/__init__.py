"""Small widgets and rules every part of the GUI uses: feedback labels, columns that fit, Alt keys
that type nothing."""
