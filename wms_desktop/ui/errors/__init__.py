"""Errors as the user sees them: coded refusals in their language (``messages``, ``printing``)
and unexpected ones in the crash dialog (``crash``)."""
