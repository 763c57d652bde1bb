"""``python -m jixiao.export.docs > docs/export.md``: the export columns, from their tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jixiao.export.lists import list_header
from jixiao.export.yitihua import COMPUTE_SIGN_LABELS, GOAL_INFO, INDICATOR, Column

INTRO = """# 导出 Export

生成文件：`python -m jixiao.export.docs > docs/export.md`（有测试检查它是否过期）。

命令：`jixiao export FILE… --to yitihua|xlsx|csv -o OUT [--mof-div 640100]`。
`--to yitihua` 写出预算管理一体化数据元素：OUT 以 `.xlsx` 结尾为每个数据元素一张工作表，
以 `.json` 结尾为一个对象（键为数据元素名，值为记录列表），否则 OUT 为文件夹、每个数据元素一个
CSV。`--to xlsx` / `--to csv` 写出申报表清单（每份一行，末行合计）。CSV 为带 BOM 的 UTF-8，
Windows 上的 Excel 可直接打开；XLSX 中文字一律按文本存储（以“=”开头的指标值不会变成公式）。
金额以万元为单位、按精确小数写出，从不经过浮点数。

一体化规范原文未能取得，数据元素名称取自各地一体化系统的实现（见 shared/lifecycle.md §4）；
一级、二级指标代码为本系统按指标体系顺序编的两位代码。
"""


def _table(title: str, columns: Sequence[Column[Any]]) -> list[str]:
    lines = [f"## {title}", "", "| 数据元素 | 含义 | 取值 |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.label} | {c.source} |" for c in columns]
    return [*lines, ""]


def render() -> str:
    signs = "，".join(f"{code} {label}" for code, label in COMPUTE_SIGN_LABELS.items())
    parts = [INTRO]
    parts += _table("PM_PERF_GOAL_INFO（项目绩效目标）", GOAL_INFO)
    parts += _table("PM_PERF_INDICATOR（项目绩效指标）", INDICATOR)
    parts += [f"计算符号代码（PMKPIZBXS）：{signs}。", ""]
    parts += ["## 申报表清单（--to xlsx / csv）", "", "列：" + "、".join(list_header()) + "。", ""]
    parts += ["末行为“合计”：项目数、年度资金总额、财政拨款、其他资金与三级指标数之和。", ""]
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
