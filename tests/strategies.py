"""Hypothesis strategies for what a client may send: JSON-like values whose strings include what
a JSON decoder hands over unchecked — lone surrogates (``"\\ud800"``), control and format
characters, CJK, padding — so that every parser meets them."""
from __future__ import annotations

from hypothesis import strategies as st

LONE_SURROGATES = ("\ud800", "\udbff", "\udc00", "\udfff")

# every code point, surrogates included (Hypothesis leaves category Cs out unless told)
any_character = st.characters(exclude_categories=())

payload_strings = st.one_of(
    st.text(any_character, max_size=12),
    st.builds(lambda left, surrogate, right: left + surrogate + right,
              st.text(max_size=4), st.sampled_from(LONE_SURROGATES), st.text(max_size=4)),
    st.sampled_from(["", " ", "P1", "A1", "西8排1架6层4位", "x" * 65, "\u200b", "\x00"]),
)

payload_scalars = st.one_of(
    payload_strings, st.none(), st.booleans(), st.integers(-2**63, 2**63), st.floats(allow_nan=True),
)

payload_values = st.recursive(
    payload_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(payload_strings, inner, max_size=3)),
    max_leaves=6,
)
