"""Walking order: location codes in natural order, numbers compared as numbers."""
from __future__ import annotations

from wms_desktop.devices.printing import walking_order_key


def test_chinese_location_codes_sort_by_aisle_rack_level_position():
    codes = ["西10排1架1层1位", "西8排1架10层1位", "西8排1架6层4位", "西8排2架1层1位", "西8排1架6层12位"]
    assert sorted(codes, key=walking_order_key) == [
        "西8排1架6层4位", "西8排1架6层12位", "西8排1架10层1位", "西8排2架1层1位", "西10排1架1层1位"]


def test_numbered_codes_sort_numerically_with_or_without_leading_zeros():
    codes = ["A10-01-01", "A2-01-01", "A01-02-03", "a01-02-01", "B1"]
    assert sorted(codes, key=walking_order_key) == ["a01-02-01", "A01-02-03", "A2-01-01", "A10-01-01", "B1"]


def test_stock_without_a_shelf_comes_last():
    assert sorted(["无货位", "西8排1架6层4位", "A01"], key=walking_order_key)[-1] == "无货位"
