"""The wedge decoder: scanner bursts become scans, typing is given back in order, unchanged."""
from __future__ import annotations

from wms_desktop.devices.scanner import WedgeDecoder


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def tap(decoder, text, *, modifier=False):
    """A key pressed and let go at once, as a scanner types it."""
    step = decoder.press(text, modifier=modifier)
    decoder.release(text, modifier=modifier)
    return step


def feed_all(decoder, clock, text, gap):
    """Feed text key by key ``gap`` seconds apart; returns (steps, delivered keys, scans)."""
    steps, delivered, scans = [], [], []
    for ch in text:
        step = tap(decoder, ch)
        steps.append(step)
        delivered.extend(step.release)
        if not step.consume:
            delivered.append(ch)
        if step.scan:
            scans.append(step.scan)
        clock.t += gap
    return steps, delivered, scans


def test_a_fast_burst_ending_in_enter_is_one_scan_and_nothing_is_typed():
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    steps, delivered, scans = feed_all(decoder, clock, "A01-02-03\r", 0.004)
    assert [s.text for s in scans] == ["A01-02-03"] and scans[0].symbology is None and scans[0].kind == "unknown"
    assert delivered == [] and all(s.consume for s in steps) and decoder.held == ()


def test_slow_typing_is_given_back_in_order_and_enter_passes():
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    _steps, delivered, scans = feed_all(decoder, clock, "129092\r", 0.120)
    assert scans == [] and "".join(delivered) == "129092\r"


def test_a_short_fast_burst_is_typing_so_a_scanned_quantity_types_into_its_field():
    clock = Clock()
    decoder = WedgeDecoder(clock=clock, min_length=4)
    _steps, delivered, scans = feed_all(decoder, clock, "12\r", 0.003)
    assert scans == [] and "".join(delivered) == "12\r"


def test_flush_gives_stale_keys_back_but_not_fresh_ones():
    clock = Clock()
    decoder = WedgeDecoder(clock=clock, max_gap=0.030)
    assert tap(decoder, "a").consume
    assert decoder.flush().release == ()  # not stale yet
    clock.t += 0.031
    assert decoder.flush().release == ("a",) and decoder.held == ()


def test_tab_and_a_one_key_suffix_end_a_scan_and_other_keys_break_it():
    clock = Clock()
    decoder = WedgeDecoder(suffix="#", clock=clock)
    assert [s.text for s in feed_all(decoder, clock, "ABCD\tWXYZ#", 0.002)[2]] == ["ABCD", "WXYZ"]
    # an arrow key (no text) in the middle gives the burst back: it was typing
    tap(decoder, "Q")
    step = tap(decoder, "")
    assert step.release == ("Q",) and not step.consume


def test_prefix_mode_takes_slow_scans_and_gives_back_a_broken_prefix():
    clock = Clock()
    decoder = WedgeDecoder(prefix="\x02", suffix="\x03", clock=clock)
    _s, delivered, scans = feed_all(decoder, clock, "x\x02西8排1架5层3位\x03y", 0.050)  # slower than timing mode allows
    assert [s.text for s in scans] == ["西8排1架5层3位"] and delivered == ["x", "y"]
    decoder = WedgeDecoder(prefix="]]", suffix="\r", clock=clock)
    _s, delivered, scans = feed_all(decoder, clock, "]a", 0.01)
    assert scans == [] and delivered == ["]", "a"]


def test_prefix_scan_that_stalls_is_given_back():
    clock = Clock()
    decoder = WedgeDecoder(prefix="\x02", suffix="\r", scan_timeout=0.5, clock=clock)
    feed_all(decoder, clock, "\x02AB", 0.01)
    clock.t += 1
    assert decoder.flush().release == ("\x02", "A", "B")


def test_symbology_identifier_is_split_off_and_gs_kept():
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    scans = feed_all(decoder, clock, "]C10106970123000017\x1d\r", 0.002)[2]
    assert scans[0].symbology == "]C1" and scans[0].text == "0106970123000017\x1d" and scans[0].kind == "gs1"
    scans = feed_all(decoder, clock, "]E06970123000017\r", 0.002)[2]
    assert scans[0].symbology == "]E0" and scans[0].text == "6970123000017" and scans[0].gs1 is None


def test_modifier_keys_keep_a_burst_going_and_type_nothing_themselves():
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    for ch in "SO-1":
        clock.t += 0.004
        assert not tap(decoder, "", modifier=True).consume  # Shift down and up: passed on, not held
        assert tap(decoder, ch).consume
    clock.t += 0.004
    assert tap(decoder, "\r").scan.text == "SO-1" and decoder.held == ()


def test_a_key_still_down_when_the_next_goes_down_is_typed_even_inside_a_scan():
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    assert decoder.press("h", key="H").consume  # a finger, held down…
    clock.t += 0.010
    for ch in "AB-12":  # …while the scanner types
        assert tap(decoder, ch).consume
        clock.t += 0.003
    step = decoder.press("\r")
    assert step.scan.text == "AB-12" and step.release == ("h",) and decoder.held == ()


def test_autorepeat_and_a_key_held_past_max_gap_are_typing():
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    decoder.press("x", key="X")
    clock.t += 0.040
    step = decoder.press("x", key="X", repeat=True)
    assert step.release == ("x",) and not step.consume
    decoder.press("y", key="Y")
    clock.t += 0.120  # let go 120 ms later: a finger's tap
    assert decoder.release("Y").release == ("y",) and decoder.held == ()
