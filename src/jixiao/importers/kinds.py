"""Which kind of form a text holds: a 绩效自评表 or 绩效监控表 is not a 申报表.

The declaration importer answers such a file with a Chinese message that names what it
is, rather than reading its 实际完成值 columns as targets.
"""

from __future__ import annotations

import re

from jixiao.importers.base import ImportFailure

#: Titles of the other kinds, and of a declaration (whichever comes first wins).
_OTHER_KINDS = (
    (re.compile(r"自评表|自评报告"), "绩效自评表"),
    (re.compile(r"监控(?:情况)?表|运行监控"), "绩效监控表"),
)
_DECLARATION = re.compile(r"目标(?:申报|批复|申请)?(?:明细)?表")


class OtherFormKind(ImportFailure):
    """The file holds a 绩效自评表 or 绩效监控表, not a 申报表 (the message says which)."""

    def __init__(self, filename: str, kind: str) -> None:
        self.kind = kind
        super().__init__(
            f"{filename}：这是一份{kind}，不是绩效目标申报表；"
            f"请用{kind}的导入功能读取（申报表导入只读取绩效目标申报表）"
        )


def form_kind(text: str) -> str | None:
    """The other kind a text's title names before any declaration title, or None.

    >>> form_kind("项目支出绩效自评表(2020年度)项目名称…")
    '绩效自评表'
    >>> form_kind("黄石市项目支出绩效监控表 (申遗)")
    '绩效监控表'
    >>> form_kind("项目支出绩效目标申报表 …请做好绩效监控表的填报") is None
    True
    """
    squeezed = "".join(text[:3000].split())
    declaration = _DECLARATION.search(squeezed)
    first = len(squeezed) if declaration is None else declaration.start()
    for pattern, kind in _OTHER_KINDS:
        m = pattern.search(squeezed)
        if m is not None and m.start() < first:
            return kind
    return None


def refuse_other_kinds(text: str, filename: str) -> None:
    """Raise :class:`OtherFormKind` for a 绩效自评表 or 绩效监控表."""
    if (kind := form_kind(text)) is not None:
        raise OtherFormKind(filename, kind)


__all__ = ["OtherFormKind", "form_kind", "refuse_other_kinds"]
