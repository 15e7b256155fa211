"""Code 128 encoding: code sets chosen to keep symbols short, and the same codewords spelled as
^BC invocation codes for Zebra printers."""
from __future__ import annotations

import pytest

from wms_desktop.devices.printing.code128 import CODE_B, CODE_C, FNC1, START_B, START_C, STOP, encode_code128


def data_codewords(text: str, gs1: bool = False) -> tuple[int, ...]:
    codewords = encode_code128(text, gs1).codewords
    assert codewords[-1] == STOP
    return codewords[:-2]  # without check digit and stop


def test_letters_use_code_set_b():
    assert data_codewords("AB-1") == (START_B, 33, 34, 13, 17)


def test_four_leading_digits_start_in_code_set_c():
    assert data_codewords("1234") == (START_C, 12, 34)


def test_an_odd_digit_left_over_goes_to_code_set_b():
    assert data_codewords("12345AB") == (START_C, 12, 34, CODE_B, 21, 33, 34)


def test_a_long_digit_run_inside_letters_switches_to_code_set_c():
    assert data_codewords("AB123456") == (START_B, 33, 34, CODE_C, 12, 34, 56)
    # three digits are cheaper left in code set B
    assert data_codewords("AB123X") == (START_B, 33, 34, 17, 18, 19, 56)


def test_gs1_starts_with_fnc1():
    assert data_codewords("0109501101020917", gs1=True)[:3] == (START_C, FNC1, 1)


def test_check_digit_is_the_weighted_sum_modulo_103():
    codewords = encode_code128("AB-1").codewords
    values = codewords[:-2]
    assert codewords[-2] == (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103


def test_width_in_modules():
    # start + 4 data + check, 11 modules each, and the 13-module stop
    assert encode_code128("AB-1").modules == 6 * 11 + 13


def test_zpl_field_data_spells_the_same_codewords():
    assert encode_code128("AB123456").zpl_field_data() == ">:AB>5123456"
    assert encode_code128("12345AB").zpl_field_data() == ">;1234>65AB"
    assert encode_code128("0109501101020917" + "10AB", gs1=True).zpl_field_data() == ">;>8010950110102091710>6AB"


def test_zpl_command_characters_become_invocation_codes():
    assert encode_code128("A^B~C>D").zpl_field_data() == ">:A><B>=C>0D"


@pytest.mark.parametrize("text", ["", "西8排", "tab\there"])
def test_only_printable_ascii_is_accepted(text):
    with pytest.raises(ValueError):
        encode_code128(text)
