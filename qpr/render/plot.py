"""A heatmap of the responsibility matrix, with Chinese labels that render.

matplotlib's default fonts have no Chinese glyphs (labels come out as boxes),
and a user's machine may have no CJK font at all, so we use Noto Sans CJK SC
from the mplfonts package, which installs with qpr.
"""

from __future__ import annotations

import io
from functools import cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

from qpr.errors import OutputError
from qpr.render.output import write_output
from qpr.render.vocabulary import CELL_COLOURS, CELL_INK, cell_rank

__all__ = ["PLOT_SUFFIXES", "matrix_heatmap"]

#: The files a heatmap is drawn to.
PLOT_SUFFIXES = (".png", ".svg")


@cache
def _cjk_font() -> str:
    """Register the bundled CJK font with matplotlib and return its family name."""
    from matplotlib import font_manager

    path = Path(str(files("mplfonts") / "fonts" / "NotoSansCJKsc-Regular.otf"))
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def matrix_heatmap(matrix: pd.DataFrame, path: str | Path, *, title: str = "") -> None:
    """Draw ``matrix`` (from :func:`~qpr.analysis.responsibility_matrix`) to a PNG or SVG file."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed; never opens a window
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    suffix = Path(path).suffix.lower()
    if suffix not in PLOT_SUFFIXES:
        raise OutputError(f"cannot draw to {path}: expected a .png or .svg file name", source=str(path))
    family = _cjk_font()
    values = matrix.map(cell_rank).to_numpy()
    rows, cols = matrix.shape
    width = min(4 + cols * 0.35, 40)
    height = min(2 + rows * 0.32, 40)
    with plt.rc_context({"font.family": family, "axes.unicode_minus": False, "svg.fonttype": "path"}):
        fig, ax = plt.subplots(figsize=(width, height), dpi=120)
        if matrix.empty:  # nothing binds anyone (at this level): say so; a 0x0 image only draws warnings
            ax.set_axis_off()
            ax.text(0.5, 0.5, "没有职责可画 (no duties to draw)", ha="center", va="center", fontsize=12)
            ax.set_title(title, fontsize=10)
            buffer = io.BytesIO()
            fig.savefig(buffer, format=suffix[1:])
            plt.close(fig)
            write_output(path, buffer.getvalue())
            return
        cmap = ListedColormap(list(CELL_COLOURS))
        ax.imshow(values, cmap=cmap, vmin=0, vmax=5, aspect="auto")
        ax.set_xticks(range(cols), labels=[str(c) for c in matrix.columns], fontsize=8)
        ax.set_yticks(range(rows), labels=[str(r) for r in matrix.index], fontsize=9)
        ax.set_xlabel(str(matrix.columns.name or ""))
        ax.set_ylabel(str(matrix.index.name or ""))
        for r in range(rows):
            for c in range(cols):
                cell = matrix.iat[r, c]
                if cell:
                    ax.text(c, r, cell, ha="center", va="center", fontsize=7,
                            color=CELL_INK[values[r, c]])
        ax.set_xticks([x - 0.5 for x in range(1, cols)], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, rows)], minor=True)
        ax.grid(which="minor", color="#e5e7eb", linewidth=0.5)
        ax.tick_params(which="minor", length=0)
        legend = "主 应当 · 可 可以 · 禁 不得 · 协 会同配合 · 励 鼓励支持"
        ax.set_title((title + "\n" if title else "") + legend, fontsize=10)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format=suffix[1:])
        plt.close(fig)
    write_output(path, buffer.getvalue())
