"""Label and list rendering speed.

    .venv/bin/python tests/benchmarks/bench_labels.py [--labels 1000] [--lines 500] [--repeat 3]

Prints figures; asserts nothing (speed goals live here, not in tests). Targets: 1,000 SKU labels
to PDF within 5 s and to ZPL within 0.5 s; a 500-line pick list to PDF within 2 s. Each figure
is the best of --repeat runs in a fresh-enough process (the font is parsed once, before timing,
as it is once per app session); SKU labels are timed with ASCII names and with Chinese names,
whose text goes to Zebra printers as bitmaps.
"""
from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable

from wms_desktop.devices.printing import PROFILES, PickLine, PickList, SkuLabel, render_labels, render_pick_list
from wms_desktop.devices.printing.fonts import pdf_font

COLOURS = ("RED", "BLU", "BLK", "WHT")
SIZES = ("S", "M", "L", "XL")


def sku_labels(count: int, chinese: bool) -> list[SkuLabel]:
    return [
        SkuLabel(
            f"P{i:05d}-{COLOURS[i % 4]}-{SIZES[i // 4 % 4]}",
            f"纯棉圆领T恤 第{i}号" if chinese else f"Cotton crew-neck tee no. {i}",
            COLOURS[i % 4],
            SIZES[i // 4 % 4],
        )
        for i in range(count)
    ]


def location_code(i: int) -> str:
    """Two thirds Chinese codes, one third ASCII, spread over many aisles."""
    if i % 3:
        return f"西{i % 12 + 1}排{i % 5 + 1}架{i % 6 + 1}层{i % 4 + 1}位"
    return f"A{i % 20:02d}-{i % 7:02d}-{i % 4:02d}"


def pick_list(lines: int) -> PickList:
    return PickList(
        "PL-BENCH-0001",
        tuple(
            PickLine(location_code(i), f"P{i:05d}-RED-M", f"商品 Product {i}", i % 9 + 1, "RED", "M",
                     f"B{i % 50:04d}" if i % 2 else "")
            for i in range(lines)
        ),
        "主仓库 Main",
    )


def best_of(repeat: int, run: Callable[[], bytes]) -> tuple[float, int]:
    timings, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(run())
        timings.append(time.perf_counter() - started)
    return min(timings), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=1000, help="SKU labels per run (default 1000)")
    parser.add_argument("--lines", type=int, default=500, help="pick list lines (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is printed (default 3)")
    args = parser.parse_args()

    started = time.perf_counter()
    pdf_font()
    loaded = time.perf_counter() - started
    print(f"wms-desktop label benchmark, {os.cpu_count()} CPUs; font loaded once in {loaded:.2f} s\n")

    def labels(fmt: str, chinese: bool) -> Callable[[], bytes]:
        return lambda: render_labels(sku_labels(args.labels, chinese), PROFILES["50x30@203"], fmt).payload

    def pick(paper: str) -> Callable[[], bytes]:
        return lambda: render_pick_list(pick_list(args.lines), paper).payload

    figures = [
        (f"{args.labels:,} SKU labels → PDF (ASCII names)", 5.0, labels("pdf", False)),
        (f"{args.labels:,} SKU labels → PDF (Chinese names)", 5.0, labels("pdf", True)),
        (f"{args.labels:,} SKU labels → ZPL (ASCII names)", 0.5, labels("zpl", False)),
        (f"{args.labels:,} SKU labels → ZPL (Chinese names)", 0.5, labels("zpl", True)),
        (f"{args.lines}-line pick list → PDF (A4)", 2.0, pick("a4")),
        (f"{args.lines}-line pick list → PDF (80 mm roll)", 2.0, pick("roll80")),
    ]
    for name, target, run in figures:
        seconds, size = best_of(args.repeat, run)
        verdict = "ok" if seconds <= target else "SLOWER THAN TARGET"
        print(f"{name:<46} {seconds:6.2f} s  (target {target:g} s, {verdict})  {size / 1024:,.0f} KiB")


if __name__ == "__main__":
    main()
