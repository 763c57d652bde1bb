"""Table tests of parse_value: every seed 指标值, every documented shape, and FREE_TEXT."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.values import (
    ACCEPTED_SHAPES,
    KNOWN_UNITS,
    QUALITATIVE_TERMS,
    Direction,
    IndicatorValue,
    Operator,
    Scale,
    ValueGrammarError,
    ValueKind,
    normalize,
    parse_value,
    parse_value_strict,
    split_unit,
)

Q = ValueKind.QUANTITATIVE
GE, GT, LE, LT, EQ, RANGE = (
    Operator.GE,
    Operator.GT,
    Operator.LE,
    Operator.LT,
    Operator.EQ,
    Operator.RANGE,
)
WAN, YI = Scale.TEN_THOUSAND, Scale.HUNDRED_MILLION


def q(
    op: Operator | None,
    number: str,
    unit: str = "",
    scale: Scale | None = None,
    upper: str | None = None,
    year: int | None = None,
    day: int | None = None,
) -> IndicatorValue:
    return IndicatorValue(
        kind=Q,
        operator=op,
        number=Decimal(number),
        upper=None if upper is None else Decimal(upper),
        scale=scale,
        unit=unit,
        year=year,
        day=day,
    )


def date(
    op: Operator | None,
    month: str,
    *,
    year: int | None = None,
    day: int | None = None,
    unit: str = "月",
    upper: str | None = None,
) -> IndicatorValue:
    """A calendar date: the month is the number (unit 月), with optional year and day."""
    return q(op, month, unit, upper=upper, year=year, day=day)


def ql(term: str) -> IndicatorValue:
    return IndicatorValue(kind=ValueKind.QUALITATIVE, term=term)


NONE = IndicatorValue(kind=ValueKind.NONE)

# Every 指标值 printed in /work/shared/seed/000_818964f40d85f6e9.txt (deduplicated).
SEED_CASES: list[tuple[str, IndicatorValue]] = [
    ("1人", q(None, "1", "人")),
    ("7人", q(None, "7", "人")),
    ("≥1次/年", q(GE, "1", "次/年")),
    ("合格", ql("合格")),
    ("30日内", q(LE, "30", "日")),
    ("10月", q(None, "10", "月")),
    ("69345元", q(None, "69345", "元")),
    ("48316元", q(None, "48316", "元")),
    ("15514.5元", q(None, "15514.5", "元")),
    ("108601.5元", q(None, "108601.5", "元")),
    ("无", NONE),
    ("有效", ql("有效")),
    ("效果好", ql("效果好")),
    ("≥98%", q(GE, "98", "%")),
    ("≥35个", q(GE, "35", "个")),
    ("≥480个", q(GE, "480", "个")),
    ("≤1.1万册", q(LE, "1.1", "册", WAN)),
    ("100%", q(None, "100", "%")),
    ("90%", q(None, "90", "%")),
    ("全年", ql("全年")),
    ("≤33万元", q(LE, "33", "元", WAN)),
    ("≤15万元", q(LE, "15", "元", WAN)),
    ("≤12万元", q(LE, "12", "元", WAN)),
    ("长期", ql("长期")),
    ("95%", q(None, "95", "%")),
    ("≥50次", q(GE, "50", "次")),
    ("≥490本", q(GE, "490", "本")),
    ("1个", q(None, "1", "个")),
    ("≥100%", q(GE, "100", "%")),
    ("≤4次/月", q(LE, "4", "次/月")),
    ("≤20天", q(LE, "20", "天")),
    ("≥30天", q(GE, "30", "天")),
    ("≤2万", q(LE, "2", "", WAN)),
    ("≤10万", q(LE, "10", "", WAN)),
    ("≥90%", q(GE, "90", "%")),
    ("≥1次", q(GE, "1", "次")),
    ("≥44次", q(GE, "44", "次")),
    ("≥75台", q(GE, "75", "台")),
    ("≥200份", q(GE, "200", "份")),
    ("≥12个月", q(GE, "12", "个月")),
    ("≥2人", q(GE, "2", "人")),
    ("≥360次", q(GE, "360", "次")),
    ("每月", ql("每月")),
    ("≥11月前", q(GE, "11", "月")),
    ("每天", ql("每天")),
    ("≤62万元", q(LE, "62", "元", WAN)),
    ("≤3万元", q(LE, "3", "元", WAN)),
    ("≤40万元", q(LE, "40", "元", WAN)),
    ("≥121条", q(GE, "121", "条")),
    ("≥300个", q(GE, "300", "个")),
    ("≥5000个", q(GE, "5000", "个")),
    ("≥1000次", q(GE, "1000", "次")),
    ("≥750次", q(GE, "750", "次")),
    ("≥250次", q(GE, "250", "次")),
    ("≥100次", q(GE, "100", "次")),
    ("≥93%", q(GE, "93", "%")),
    ("≥95%", q(GE, "95", "%")),
    ("＜1%", q(LT, "1", "%")),
    ("≥350天", q(GE, "350", "天")),
    ("370万元", q(None, "370", "元", WAN)),
    ("118万元", q(None, "118", "元", WAN)),
    ("40万元", q(None, "40", "元", WAN)),
    ("10万元", q(None, "10", "元", WAN)),
    ("15万元", q(None, "15", "元", WAN)),
    ("明显提升", ql("明显提升")),
    ("130人", q(None, "130", "人")),
    ("≥180万件", q(GE, "180", "件", WAN)),
    ("1-12月", q(RANGE, "1", "月", upper="12")),
    ("61320元/人/年", q(None, "61320", "元/人/年")),
    ("15636元/人/年", q(None, "15636", "元/人/年")),
    ("有所提升", ql("有所提升")),
    ("全年正常运转", ql("全年正常运转")),
    ("8.87万元", q(None, "8.87", "元", WAN)),
    ("3.68万元", q(None, "3.68", "元", WAN)),
]

SHAPE_CASES: list[tuple[str, IndicatorValue]] = [
    # domain §3 shapes not in the seed
    ("=100.00(%)", q(EQ, "100.00", "%")),
    ("≥90.00(%)", q(GE, "90.00", "%")),
    ("＝100.00（%）", q(EQ, "100.00", "%")),
    ("95%以上", q(GE, "95", "%")),
    ("1～12月", q(RANGE, "1", "月", upper="12")),
    ("1至12月", q(RANGE, "1", "月", upper="12")),
    ("1到12月", q(RANGE, "1", "月", upper="12")),
    ("≥90%(含)", q(GE, "90", "%")),
    ("≥0.5‰", q(GE, "0.5", "‰")),
    ("二〇二五年", q(None, "2025", "年")),
    ("百分之一百", q(None, "100", "%")),
    ("两亿元", q(None, "2", "元", YI)),
    ("1~12月", q(RANGE, "1", "月", upper="12")),
    ("1月-12月", q(RANGE, "1", "月", upper="12")),
    ("90%-95%", q(RANGE, "90", "%", upper="95")),
    ("1-2万元", q(RANGE, "1", "元", WAN, upper="2")),
    ("1万-2万元", q(RANGE, "1", "元", WAN, upper="2")),
    ("2019-2021", q(RANGE, "2019", upper="2021")),
    ("11月前", q(LE, "11", "月")),
    # normalization
    ("≧35个", q(GE, "35", "个")),
    ("≦35个", q(LE, "35", "个")),
    (">=35个", q(GE, "35", "个")),
    ("<=35个", q(LE, "35", "个")),
    ("＞＝35个", q(GE, "35", "个")),
    ("=>35个", q(GE, "35", "个")),
    ("═35个", q(EQ, "35", "个")),
    ("＞5%", q(GT, "5", "%")),
    ("＜5%", q(LT, "5", "%")),
    ("≥ 3 5 个", q(GE, "35", "个")),
    ("　≥３５个　", q(GE, "35", "个")),
    ("９０．５％", q(None, "90.5", "%")),
    ("≥35个。", q(GE, "35", "个")),
    ("1,000个", q(None, "1000", "个")),
    ("≥1,234,567.89元", q(GE, "1234567.89", "元")),
    ("1，000人", q(None, "1000", "人")),
    ("100㎡", q(None, "100", "m²")),
    # operator words, prefix position
    ("不低于90%", q(GE, "90", "%")),
    ("不少于35个", q(GE, "35", "个")),
    ("大于等于35个", q(GE, "35", "个")),
    ("至少3次", q(GE, "3", "次")),
    ("不高于5%", q(LE, "5", "%")),
    ("不超过10万元", q(LE, "10", "元", WAN)),
    ("小于等于5%", q(LE, "5", "%")),
    ("达到100%", q(EQ, "100", "%")),
    ("等于100%", q(EQ, "100", "%")),
    ("大于5%", q(GT, "5", "%")),
    ("高于5%", q(GT, "5", "%")),
    ("超过5个", q(GT, "5", "个")),
    ("小于1%", q(LT, "1", "%")),
    ("低于1%", q(LT, "1", "%")),
    ("少于3次", q(LT, "3", "次")),
    # operator words, suffix position
    ("35个以上", q(GE, "35", "个")),
    ("5%以下", q(LE, "5", "%")),
    ("10万元以内", q(LE, "10", "元", WAN)),
    ("30日之内", q(LE, "30", "日")),
    ("10个工作日内", q(LE, "10", "个工作日")),
    ("95%及以上", q(GE, "95", "%")),
    ("95%(含)以上", q(GE, "95", "%")),
    ("控制在5%以内", q(LE, "5", "%")),
    ("不低于95%以上", q(GE, "95", "%")),
    # more shapes from the brief
    ("≥180万件", q(GE, "180", "件", WAN)),
    ("≥1.5亿元", q(GE, "1.5", "元", YI)),
    ("≥10万人次", q(GE, "10", "人次", WAN)),
    ("≤5", q(LE, "5")),
    ("35", q(None, "35")),
    ("0%", q(None, "0", "%")),
    ("≥95分", q(GE, "95", "分")),
    ("≥5个百分点", q(GE, "5", "个百分点")),
    ("≥100GB", q(GE, "100", "GB")),
    ("≥3次/周", q(GE, "3", "次/周")),
    # Chinese numerals
    ("一千二百人", q(None, "1200", "人")),
    ("两万", q(None, "2", "", WAN)),
    ("两万元", q(None, "2", "元", WAN)),
    ("十二个月", q(None, "12", "个月")),
    ("三次", q(None, "3", "次")),
    ("百分之九十五", q(None, "95", "%")),
    ("百分之九十五以上", q(GE, "95", "%")),
    ("百分之95", q(None, "95", "%")),
    ("不少于三次", q(GE, "3", "次")),
    ("一百零五个", q(None, "105", "个")),
    ("二十", q(None, "20")),
    ("三十万元", q(None, "30", "元", WAN)),
    ("一万二千人", q(None, "12000", "人")),
    ("一至十二月", q(RANGE, "1", "月", upper="12")),
    # deadline words and 完成 after a deadline word
    ("30日内完成", q(LE, "30", "日")),
    ("12月底前完成", q(LE, "12", "月底")),
    ("6月底前", q(LE, "6", "月底")),
    ("10月底前", q(LE, "10", "月底")),
    # qualitative and placeholders
    ("合 格", ql("合格")),
    ("可控", ql("可控")),
    ("及时", ql("及时")),
    ("健全", ql("健全")),
    ("减少", ql("减少")),
    ("良好", ql("良好")),
    ("较好", ql("较好")),
    ("显著", ql("显著")),
    ("提高", ql("提高")),
    ("达标", ql("达标")),
    ("正常", ql("正常")),
    ("稳定", ql("稳定")),
    ("是", ql("是")),
    ("否", ql("否")),
    ("完成", ql("完成")),
    ("按时完成", ql("按时完成")),
    ("逐步提升", ql("逐步提升")),
    ("合格。", ql("合格")),
    ("—", NONE),
    ("——", NONE),
    ("/", NONE),
    ("-", NONE),
    ("－", NONE),
    (" 无 ", NONE),
]


# Calendar dates printed in 时效指标: the month is the number with unit 月, plus year/day.
DATE_CASES: list[tuple[str, IndicatorValue]] = [
    ("12月31日前", date(LE, "12", day=31)),
    ("2025年11月前", date(LE, "11", year=2025)),
    ("2025年12月31日前", date(LE, "12", year=2025, day=31)),
    ("6月30日之前", date(LE, "6", day=30)),
    ("6月30日以前", date(LE, "6", day=30)),
    ("2025年6月底前", date(LE, "6", year=2025, unit="月底")),
    ("2025年6月末前", date(LE, "6", year=2025, unit="月末")),
    ("11月15日", date(None, "11", day=15)),
    ("2025年10月", date(None, "10", year=2025)),
    ("2025年12月31日", date(None, "12", year=2025, day=31)),
    ("12月31号前", date(LE, "12", day=31)),
    ("06月01日前", date(LE, "6", day=1)),
    ("2025年12月31日前完成", date(LE, "12", year=2025, day=31)),
    ("2025年11月底前完成", date(LE, "11", year=2025, unit="月底")),
    ("≤2025年12月31日", date(LE, "12", year=2025, day=31)),
    ("<2025年7月1日", date(LT, "7", year=2025, day=1)),
    ("=2025年6月30日", date(EQ, "6", year=2025, day=30)),
    ("不晚于2025年12月31日", date(LE, "12", year=2025, day=31)),
    ("不迟于10月31日", date(LE, "10", day=31)),
    ("早于2025年7月1日", date(LT, "7", year=2025, day=1)),
    ("不早于3月1日", date(GE, "3", day=1)),
    ("2月29日前", date(LE, "2", day=29)),
    ("2024年2月29日前", date(LE, "2", year=2024, day=29)),
    ("十二月三十一日前", date(LE, "12", day=31)),
    ("二〇二五年十二月", date(None, "12", year=2025)),
    ("2025 年 12 月 31 日前", date(LE, "12", year=2025, day=31)),
    ("２０２５年１２月３１日前", date(LE, "12", year=2025, day=31)),
    ("2025年1-12月", date(RANGE, "1", year=2025, upper="12")),
    ("2025年1月-12月", date(RANGE, "1", year=2025, upper="12")),
    ("2025年3至6月", date(RANGE, "3", year=2025, upper="6")),
    ("每年11月底前", date(LE, "11", unit="月底")),
    ("每年12月31日前", date(LE, "12", day=31)),
    ("1900年1月1日", date(None, "1", year=1900, day=1)),
    ("2100年12月31日", date(None, "12", year=2100, day=31)),
]


@pytest.mark.parametrize(("text", "expected"), SEED_CASES + SHAPE_CASES + DATE_CASES)
def test_parse_table(text: str, expected: IndicatorValue) -> None:
    value = parse_value(text)
    assert value == expected
    assert value.kind is not ValueKind.FREE_TEXT
    assert parse_value_strict(text) == expected


def test_table_is_large_enough() -> None:
    assert len(SEED_CASES) + len(SHAPE_CASES) >= 90
    assert len(DATE_CASES) >= 15


@pytest.mark.parametrize(("text", "expected"), DATE_CASES)
def test_dates_keep_the_month_as_number_with_unit_month(
    text: str, expected: IndicatorValue
) -> None:
    value = parse_value(text)
    assert value.unit.startswith("月")
    assert value.is_date is (expected.year is not None or expected.day is not None)
    assert value.year == expected.year and value.day == expected.day


def test_a_bare_month_is_not_a_date() -> None:
    for text in ("10月", "11月前", "6月底前", "1-12月", "≥11月前", "13月"):
        value = parse_value(text)
        assert value.kind is ValueKind.QUANTITATIVE
        assert not value.is_date
        assert value.year is None and value.day is None


def test_every_year_before_a_date_is_noted() -> None:
    value = parse_value("每年11月底前")
    assert value.notes and "每年" in value.notes[0]


def test_date_operator_conflict_is_noted() -> None:
    value = parse_value("≥12月31日前")
    assert value == date(GE, "12", day=31)
    assert value.notes


def test_year_range_is_not_a_date() -> None:
    assert parse_value("2019年-2021年") == q(RANGE, "2019", "年", upper="2021")
    assert parse_value("2025年") == q(None, "2025", "年")
    assert parse_value("2025年度") == q(None, "2025", "年度")


@pytest.mark.parametrize(("text", "expected"), SEED_CASES)
def test_seed_values_are_never_free_text(text: str, expected: IndicatorValue) -> None:
    assert parse_value(text).kind is expected.kind


def test_numbers_keep_their_printed_digits() -> None:
    assert str(parse_value("=100.00(%)").number) == "100.00"
    assert str(parse_value("≥90.00(%)").number) == "90.00"
    assert str(parse_value("15514.5元").number) == "15514.5"


def test_symbol_wins_over_contradicting_word_with_a_note() -> None:
    value = parse_value("≥11月前")
    assert value.operator is Operator.GE
    assert len(value.notes) == 1
    assert "前" in value.notes[0]
    assert "≥" in value.notes[0]


def test_prefix_word_wins_over_contradicting_suffix_word() -> None:
    value = parse_value("不少于5%以下")
    assert value.operator is Operator.GE
    assert value.notes


def test_agreeing_words_give_no_note() -> None:
    assert parse_value("≥95%以上").notes == ()
    assert parse_value("95%").notes == ()


def test_range_with_operator_notes_the_ignored_operator() -> None:
    value = parse_value("≥1-12月")
    assert value.operator is Operator.RANGE
    assert value.notes


def test_reversed_range_is_kept_with_a_note() -> None:
    value = parse_value("12-1月")
    assert (value.number, value.upper) == (Decimal(12), Decimal(1))
    assert value.notes == ("区间下限大于上限",)


def test_unit_ending_in_an_operator_word_is_free_text() -> None:
    assert parse_value("0内内").kind is ValueKind.FREE_TEXT
    assert "运算词" in parse_value("5天以上以上").reason


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("≥35个", Direction.POSITIVE),
        (">5%", Direction.POSITIVE),
        ("95%以上", Direction.POSITIVE),
        ("≤1.1万册", Direction.REVERSE),
        ("＜1%", Direction.REVERSE),
        ("30日内", Direction.REVERSE),
        ("100%", Direction.EXACT),
        ("=100.00(%)", Direction.EXACT),
        ("1-12月", Direction.EXACT),
        ("合格", Direction.QUALITATIVE),
        ("无", Direction.QUALITATIVE),
        ("促进落实。", Direction.QUALITATIVE),
    ],
)
def test_direction(text: str, direction: Direction) -> None:
    assert parse_value(text).direction is direction


FREE_TEXT_CASES: list[str] = [
    "",
    "   ",
    "促进落实。",
    "促进市委、市政府决策部署更好落实落地。",
    "让市民群众深刻感受到民生“十心”实事带来的幸福感",
    "十心实事",
    "十分满意",
    "25年12月",
    "及时率100%",
    "100%及时",
    "35个项目全部按期完成并通过验收",
    "≥",
    "≥个",
    "以上",
    "12,34个",
    "1万-2元",
    "1月-12日",
    "≥≥35个",
    "abc",
    "万元",
    "百",
    "三五个",
    "35个(含税)",
    "无无",
    "N/A",
    "不低于合格",
    "约35个",
    "一二",
    "5天以上以上",
    # calendar dates that do not exist, or are not dates
    "13月5日前",
    "2月30日前",
    "4月31日",
    "0月1日",
    "1月0日",
    "1月32日前",
    "2025年2月29日",
    "2025年13月",
    "2025年0月前",
    "1899年12月31日",
    "2101年1月",
    "2025年1-13月",
    "每年1-12月",
    "12月31日24时前",
    "2025年12月31日至2026年1月1日",
    "每月15日前",
]


@pytest.mark.parametrize("text", FREE_TEXT_CASES)
def test_free_text(text: str) -> None:
    value = parse_value(text)
    assert value.kind is ValueKind.FREE_TEXT
    assert value.term == text.strip()
    assert value.reason
    assert ACCEPTED_SHAPES in value.reason
    assert value.number is None and value.operator is None
    with pytest.raises(ValueGrammarError, match="应为"):
        parse_value_strict(text)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "为空"),
        ("35个项目全部按期完成并通过验收", "过长"),
        ("25年12月", "数字"),
        ("13月5日前", "月份“13”不存在"),
        ("2025年13月", "月份“13”不存在"),
        ("2月30日前", "日期“2月30日”不存在（2月只有29天）"),
        ("4月31日", "4月只有30天"),
        ("2025年2月29日", "2025年2月只有28天"),
        ("1月32日前", "应为1至31日"),
        ("1899年12月31日", "年份“1899”超出范围"),
        ("35个，x", "标点"),
        ("十心实事", "中文数字"),
        ("促进落实。", "无法识别"),
    ],
)
def test_free_text_reason_says_why(text: str, fragment: str) -> None:
    assert fragment in parse_value(text).reason


def test_free_text_keeps_the_original_text() -> None:
    assert parse_value(" ＡＢＣ１２ ").term == "ＡＢＣ１２"


def test_parse_value_accepts_non_str_defensively() -> None:
    assert parse_value(None).kind is ValueKind.FREE_TEXT  # type: ignore[arg-type]


def test_vocabularies() -> None:
    for word in ("合格", "有效", "效果好", "长期", "全年", "每月", "每天", "可控", "减少"):
        assert word in QUALITATIVE_TERMS
    for unit in ("个", "册", "元/人/年", "次/年", "%", "天", "日", "月", "个月", "万元"):
        assert unit in KNOWN_UNITS


def test_qualitative_terms_are_not_read_as_numbers() -> None:
    for term in QUALITATIVE_TERMS:
        assert parse_value(term) == IndicatorValue(kind=ValueKind.QUALITATIVE, term=term)


def test_normalize() -> None:
    assert normalize("＞＝ ９０ ％") == "≥90%"
    assert normalize("1～12月") == "1~12月"
    assert normalize("≦5") == "≤5"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("万元", (WAN, "元")),
        ("亿元", (YI, "元")),
        ("个", (None, "个")),
        ("万", (None, "万")),
        ("％", (None, "%")),
    ],
)
def test_split_unit(cell: str, expected: tuple[Scale | None, str]) -> None:
    assert split_unit(cell) == expected
