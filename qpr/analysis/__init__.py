"""Analysis: pandas DataFrames answering planners' questions."""

from qpr.analysis.articles import articles_frame, regulation_dict

__all__ = ["articles_frame", "regulation_dict"]
