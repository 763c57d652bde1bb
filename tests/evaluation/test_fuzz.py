"""The published-text reader never crashes: slices and shuffles of the corpus texts read as
a self-evaluation or as nothing, and whatever is read can be scored and checked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.evaluation import score_evaluation
from jixiao.evaluation.checks import run_checks
from jixiao.evaluation.reader import read_text
from tests.evaluation.corpus import CORPUS

TEXTS = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "forms").glob("*.txt"))]
HEADS = [
    "",
    "项目支出绩效自评表\n",
    "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n",
]


@settings(max_examples=150, deadline=None)
@given(
    text=st.sampled_from(TEXTS or [""]),
    start=st.floats(0, 1),
    length=st.integers(1, 3000),
    separator=st.sampled_from(["", " ", "|", "\n"]),
    shuffle=st.randoms(use_true_random=False),
    head=st.sampled_from(HEADS),
)
def test_it_reads_any_slice_without_crashing(
    text: str, start: float, length: int, separator: str, shuffle: object, head: str
) -> None:
    at = int(start * len(text))
    piece = text[at : at + length]
    parts = piece.split(separator) if separator else [piece]
    shuffle.shuffle(parts)  # type: ignore[attr-defined]
    for ev in read_text(head + separator.join(parts), "fuzz.txt"):
        score = score_evaluation(ev)
        run_checks(ev, score)
        assert score.total >= 0
