"""Forms as data for other systems: the 一体化 data elements and lists with totals."""

from jixiao.export.lists import form_list
from jixiao.export.tabular import to_csv, to_json, to_xlsx
from jixiao.export.yitihua import GOAL_INFO, INDICATOR, yitihua_tables

__all__ = ["GOAL_INFO", "INDICATOR", "form_list", "to_csv", "to_json", "to_xlsx", "yitihua_tables"]
