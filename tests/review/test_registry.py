"""The one registry of every check family: codes, symbols and docstring sections checked."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from jixiao.evaluation.rules import CHECKS as EVALUATION_CHECKS
from jixiao.monitoring.registry import CHECKS as MONITORING_CHECKS
from jixiao.registry import Entry, Registry, RegistryError
from jixiao.review.finding import Severity
from jixiao.review.registry import REGISTRY, rules_for

DOC = """检查内容：
  一项检查。

为什么：
  因为。

不合格示例：
  坏

合格示例：
  好

依据：
  某文件
"""


def passes(ctx: object) -> Iterable[object]:
    return ()


passes.__doc__ = DOC


def fresh() -> Registry[Entry]:
    return Registry(Entry, "测试检查", r"^T[0-9]{2}$", "应为 T 加两位数字")


def test_it_registers_a_check_with_its_sections_and_title() -> None:
    reg = fresh()
    reg.rule("T01", "always-passes", Severity.WARNING, "key", "消息 {name}", "改")(passes)
    entry = reg["T01"]
    assert (entry.title, entry.sections["依据"], entry.check) == ("一项检查。", "某文件", passes)


@pytest.mark.parametrize(
    ("code", "symbol", "message"),
    [
        ("T1", "other", "测试检查代码“T1”应为 T 加两位数字"),
        ("T02", "Bad_Symbol", "T02：符号“Bad_Symbol”应为小写连字符形式"),
        ("T01", "other", "测试检查代码 T01 重复注册"),
        ("T02", "always-passes", "测试检查符号 always-passes 重复注册"),
    ],
)
def test_it_refuses_a_bad_or_reused_code_or_symbol(code: str, symbol: str, message: str) -> None:
    reg = fresh()
    reg.rule("T01", "always-passes", Severity.ERROR, "key", "消息")(passes)
    with pytest.raises(RegistryError) as raised:
        reg.rule(code, symbol, Severity.ERROR, "key", "消息")(passes)
    assert str(raised.value) == message
    assert list(reg) == ["T01"]


def test_it_refuses_a_docstring_without_every_section() -> None:
    def undocumented(ctx: object) -> Iterable[object]:
        """检查内容：
        只有一节。
        """
        return ()

    with pytest.raises(RegistryError, match="文档缺少小节 为什么、不合格示例、合格示例、依据"):
        fresh().rule("T03", "undocumented", Severity.ERROR, "key", "消息")(undocumented)


def test_each_family_keeps_its_own_code_pattern() -> None:
    assert all(len(c) == 4 and c[0].isupper() for c in REGISTRY)
    assert all(c.startswith("M") and len(c) == 3 for c in MONITORING_CHECKS)
    assert all(c.startswith("E") and len(c) == 4 for c in EVALUATION_CHECKS)
    with pytest.raises(RegistryError, match="监控检查代码“E001”应为 M 加两位数字"):
        MONITORING_CHECKS.rule("E001", "x", Severity.ERROR, "key", "消息")(passes)


def test_select_and_ignore_choose_by_code_prefix_in_code_order() -> None:
    chosen = [r.code for r in rules_for(select=["C1"], ignore=["C10"])]
    assert chosen == sorted(chosen) and chosen and all(c.startswith("C1") for c in chosen)
    assert not any(c.startswith("C10") for c in chosen)
    assert [e.code for e in MONITORING_CHECKS.chosen(ignore=["M"])] == []
