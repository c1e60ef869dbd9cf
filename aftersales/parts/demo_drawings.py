"""The demo's illustrations: simple line drawings made for this project (SVG, 400 × 300).

Each drawing shows the parts and leader lines ending at the hotspot places; the numbered circles
themselves are drawn by the page over the drawing (HOTSPOTS: position → x, y), so that they can
be clicked and highlighted.
"""

from __future__ import annotations

_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300">'
    '<rect width="400" height="300" fill="#ffffff"/>'
    '<g fill="none" stroke="#1f2933" stroke-width="2" stroke-linejoin="round">'
)
_TAIL = "</g></svg>"


def _leaders(*lines: tuple[int, int, int, int]) -> str:
    return "".join(
        f'<line x1="{a}" y1="{b}" x2="{c}" y2="{d}" stroke="#7b8794" stroke-width="1.2" '
        'stroke-dasharray="4 3"/>'
        for a, b, c, d in lines
    )


OIL_FILTER = (
    _HEAD
    # 3 the cover: a cap with grip ribs and a hex on top
    + '<path d="M150 40 h100 v18 l-8 24 h-84 l-8 -24 z" fill="#e4e7eb"/>'
    + '<path d="M185 22 h30 l8 9 -8 9 h-30 l-8 -9 z" fill="#cbd2d9"/>'
    + "".join(f'<line x1="{x}" y1="44" x2="{x}" y2="56"/>' for x in range(160, 250, 10))
    # 2 the O-ring
    + '<ellipse cx="200" cy="100" rx="48" ry="8" stroke-width="5" stroke="#3e4c59"/>'
    # 1 the filter element: a pleated cylinder with end caps
    + '<ellipse cx="200" cy="125" rx="42" ry="9" fill="#f5f7fa"/>'
    + '<path d="M158 125 v110 a42 9 0 0 0 84 0 v-110" fill="#fff8e1"/>'
    + "".join(
        f'<line x1="{x}" y1="130" x2="{x}" y2="236" stroke="#c9a227"/>' for x in range(166, 240, 8)
    )
    + '<ellipse cx="200" cy="125" rx="14" ry="3" fill="#cbd2d9"/>'
    # 4 the screw plug and 5 its gasket ring
    + '<path d="M300 200 h34 l7 12 -7 12 h-34 l-7 -12 z" fill="#cbd2d9"/>'
    + '<rect x="305" y="224" width="24" height="30" fill="#e4e7eb"/>'
    + "".join(f'<line x1="305" y1="{y}" x2="329" y2="{y + 4}"/>' for y in range(228, 252, 6))
    + '<ellipse cx="317" cy="180" rx="20" ry="5" stroke-width="4" stroke="#a0522d"/>'
    + _leaders(
        (150, 30, 90, 30),
        (152, 100, 90, 100),
        (158, 190, 90, 190),
        (341, 212, 370, 240),
        (337, 180, 370, 150),
    )
    + _TAIL
)
OIL_FILTER_HOTSPOTS = {
    "3": (75, 30),
    "2": (75, 100),
    "1": (75, 190),
    "4": (375, 250),
    "5": (375, 140),
}

SPARK_PLUG = (
    _HEAD
    # 2 the ignition coil: connector head, long body, rubber boot
    + '<rect x="150" y="20" width="70" height="40" rx="6" fill="#3e4c59"/>'
    + '<rect x="165" y="8" width="40" height="14" rx="3" fill="#616e7c"/>'
    + '<rect x="170" y="60" width="30" height="90" fill="#52606d"/>'
    + '<path d="M170 150 h30 l-4 30 h-22 z" fill="#9aa5b1"/>'
    + '<path d="M220 30 h24 a6 6 0 0 1 0 12 h-24" fill="#cbd2d9"/>'
    # 1 the spark plug: terminal, insulator, hex, thread, electrode
    + '<rect x="180" y="198" width="10" height="10" fill="#cbd2d9"/>'
    + '<path d="M176 208 h18 l3 32 h-24 z" fill="#ffffff"/>'
    + '<path d="M170 240 h30 l5 9 -5 9 h-30 l-5 -9 z" fill="#cbd2d9"/>'
    + '<rect x="176" y="258" width="18" height="26" fill="#e4e7eb"/>'
    + "".join(f'<line x1="176" y1="{y}" x2="194" y2="{y + 3}"/>' for y in range(261, 283, 5))
    + '<path d="M185 284 v8 h8"/>'
    # 3 the screw that holds the coil
    + '<path d="M262 32 h12 v24 h-12 z" fill="#cbd2d9"/><path d="M258 26 h20 v8 h-20 z" fill="#9aa5b1"/>'
    + _leaders((150, 40, 100, 40), (170, 250, 100, 250), (278, 30, 330, 30))
    + _TAIL
)
SPARK_PLUG_HOTSPOTS = {"2": (85, 40), "1": (85, 250), "3": (345, 30)}

BRAKE = (
    _HEAD
    # 1 the ventilated brake disc with its hub and bolt holes
    + '<circle cx="170" cy="160" r="115" fill="#e4e7eb"/>'
    + '<circle cx="170" cy="160" r="104" stroke="#9aa5b1"/>'
    + '<circle cx="170" cy="160" r="48" fill="#f5f7fa"/>'
    + '<circle cx="170" cy="160" r="18" fill="#ffffff"/>'
    + "".join(
        f'<circle cx="{cx}" cy="{cy}" r="5" fill="#ffffff"/>'
        for cx, cy in ((170, 128), (200, 150), (189, 186), (151, 186), (140, 150))
    )
    # 2 the brake pads, one each side of the disc's edge, in their backing plates
    + '<path d="M255 80 a120 120 0 0 1 0 160 l-22 -12 a96 96 0 0 0 0 -136 z" fill="#52606d"/>'
    + '<path d="M268 74 a130 130 0 0 1 0 172 l-9 -5 a120 120 0 0 0 0 -162 z" fill="#9aa5b1"/>'
    # 3 the wear sensor with its cable and plug
    + '<rect x="276" y="150" width="16" height="20" fill="#f7c948"/>'
    + '<path d="M292 160 C320 160 320 110 350 110" stroke="#1f2933" stroke-width="3"/>'
    + '<rect x="350" y="102" width="22" height="16" rx="3" fill="#3e4c59"/>'
    # 4 the guide bolts
    + '<path d="M300 58 h30 v10 h-30 z" fill="#cbd2d9"/><path d="M300 252 h30 v10 h-30 z" fill="#cbd2d9"/>'
    + _leaders((80, 90, 40, 60), (245, 240, 250, 285), (284, 170, 330, 200), (330, 63, 365, 40))
    + _TAIL
)
BRAKE_HOTSPOTS = {"1": (30, 50), "2": (250, 285), "3": (345, 210), "4": (375, 30)}

ATF_PAN = (
    _HEAD
    # 1 the oil pan with its built-in filter, seen from the side, with flange holes
    + '<path d="M40 90 h300 v14 l-20 90 h-260 l-20 -90 z" fill="#e4e7eb"/>'
    + '<line x1="40" y1="104" x2="340" y2="104"/>'
    + "".join(f'<circle cx="{x}" cy="97" r="3" fill="#ffffff"/>' for x in range(60, 340, 40))
    + '<rect x="120" y="120" width="140" height="40" rx="4" fill="#fff8e1" stroke="#c9a227"/>'
    + "".join(
        f'<line x1="{x}" y1="124" x2="{x}" y2="156" stroke="#c9a227"/>' for x in range(130, 260, 10)
    )
    # 2 the screw plug at the bottom of the pan
    + '<path d="M180 194 h24 v14 h-24 z" fill="#cbd2d9"/><path d="M176 208 h32 l5 8 -5 8 h-32 l-5 -8 z" fill="#9aa5b1"/>'
    # 3 a one-litre bottle of transmission fluid
    + '<path d="M300 200 h50 v80 h-50 z" fill="#fde8e8"/><path d="M315 180 h20 v20 h-20 z" fill="#c81e1e"/>'
    + '<line x1="300" y1="230" x2="350" y2="230" stroke="#c81e1e"/>'
    + _leaders((40, 150, 20, 150), (176, 216, 120, 260), (300, 240, 270, 270))
    + _TAIL
)
ATF_PAN_HOTSPOTS = {"1": (20, 130), "2": (105, 265), "3": (255, 275)}
