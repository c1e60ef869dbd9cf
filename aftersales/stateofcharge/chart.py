"""The state-of-health charts: over time and over mileage, as server-rendered SVG (no script).

`health_chart` turns (x, state of health) pairs into plot coordinates and axis ticks; the
template `stateofcharge/_chart.html` draws them (pages and the certificate's PDF alike).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 52, 40, 12, 32


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    title: str
    points: list[tuple[float, float]]
    line: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM


def health_chart(
    title: str,
    values: Sequence[tuple[float, float]],
    *,
    x_label: Callable[[float], str],
    x_ticks: int = 4,
) -> Chart | None:
    """None without two values to draw a line through."""
    if len(values) < 2:
        return None
    xs = [x for x, _y in values]
    low_x, high_x = min(xs), max(xs)
    span_x = (high_x - low_x) or 1.0
    low_y = min(80.0, 5 * int(min(y for _x, y in values) // 5))
    high_y = 100.0
    plot_w, plot_h = WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP

    def px(x: float) -> float:
        return round(LEFT + (x - low_x) / span_x * plot_w, 1)

    def py(y: float) -> float:
        return round(TOP + (high_y - y) / (high_y - low_y) * plot_h, 1)

    points = [(px(x), py(y)) for x, y in values]
    step_y = 5 if high_y - low_y <= 25 else 10
    y_ticks = [
        Tick(py(value), f"{value:.0f} %") for value in range(int(low_y), int(high_y) + 1, step_y)
    ]
    x_tick_list = [
        Tick(px(low_x + span_x * i / x_ticks), x_label(low_x + span_x * i / x_ticks))
        for i in range(x_ticks + 1)
    ]
    return Chart(
        title=title,
        points=points,
        line=" ".join(f"{x},{y}" for x, y in points),
        x_ticks=x_tick_list,
        y_ticks=y_ticks,
    )
