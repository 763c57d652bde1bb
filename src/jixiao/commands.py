"""The ``jixiao`` sub-commands: each one's name, the module that registers it and its summary.

``jixiao --help`` lists every command from this table without importing any command's
module; running a command imports only the module that registers it (:mod:`jixiao.cli`).
Each module's ``register(subparsers)`` takes its summary from here (:func:`summary`), so the
listing and the command's own help cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    module: str  #: defines ``register(subparsers)``; "" for ``serve`` (its own shell)
    summary: str  #: the line ``jixiao --help`` prints


#: Every sub-command, in the order the help lists them; one module's commands are adjacent.
COMMANDS: tuple[Command, ...] = (
    Command("import", "jixiao.importers.command", "读取申报表文件并输出（中文表格或规范 JSON）"),
    Command("show", "jixiao.importers.command", "以中文表格显示申报表文件（如规范 JSON）"),
    Command(
        "check", "jixiao.review.command", "审核申报表：逐条列出审核意见并给出建议的综合评定等级"
    ),
    Command(
        "monitor",
        "jixiao.monitoring.command",
        "读取填好的绩效监控表，输出每个预警灯及其说明（有红灯时退出码为1）",
    ),
    Command(
        "score", "jixiao.evaluation.command", "绩效自评计分：逐项列出得分及计算说明、总分和等级"
    ),
    Command("render", "jixiao.render.command", "把申报表输出为 PDF、Excel、Word 或 HTML"),
    Command("bundle", "jixiao.render.command", "把多份申报表汇编为一个带目录的 PDF"),
    Command("template", "jixiao.render.command", "生成空白申报表模板，供离线填写后导入"),
    Command("library", "jixiao.library.command", "指标库：从申报表学习、导出 Excel、推荐指标"),
    Command(
        "export", "jixiao.export.command", "导出申报表数据：一体化数据元素，或清单（Excel/CSV）"
    ),
    Command("serve", "", "启动网页系统（先执行数据库迁移；--demo 载入示例数据）"),
    Command("token", "jixiao.web.tokens", "管理接口令牌：为用户创建、列出、吊销（运维人员使用）"),
)
_BY_NAME = {c.name: c for c in COMMANDS}


def command(name: str) -> Command | None:
    """The command called ``name``, or None."""
    return _BY_NAME.get(name)


def summary(name: str) -> str:
    """The one-line help of a command (KeyError for a name not in :data:`COMMANDS`).

    >>> summary("bundle")
    '把多份申报表汇编为一个带目录的 PDF'
    """
    return _BY_NAME[name].summary
