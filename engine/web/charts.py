"""Bar charts as SVG drawn on the server (no script, no network), each paired with its table by the template."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

BAR_H, GAP, LABEL_W, BAR_W, COUNT_W = 22, 6, 230, 360, 60
PALETTE = ("#1f5f8b", "#3b8c5a", "#b5651d", "#7a4fa0", "#a33b3b", "#4f7a7a")


@dataclass(frozen=True)
class Bar:
    """One value and its count."""

    label: str
    count: int


def bar_chart(title: str, bars: list[Bar], colour: int = 0) -> Markup:
    """A horizontal bar chart with a title and a text alternative (`role="img"`, `<title>`)."""
    height = max(1, len(bars)) * (BAR_H + GAP) + GAP
    width = LABEL_W + BAR_W + COUNT_W
    top = max((b.count for b in bars), default=0) or 1
    fill = PALETTE[colour % len(PALETTE)]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}"><title>{escape(title)}</title>']
    for index, bar in enumerate(bars):
        y = GAP + index * (BAR_H + GAP)
        length = round(BAR_W * bar.count / top) if bar.count else 0
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + BAR_H * 0.7:.1f}" text-anchor="end" font-size="13">'
                     f'{escape(label)}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{length}" height="{BAR_H}" fill="{fill}"/>')
        parts.append(f'<text x="{LABEL_W + length + 6}" y="{y + BAR_H * 0.7:.1f}" font-size="13">{bar.count}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
