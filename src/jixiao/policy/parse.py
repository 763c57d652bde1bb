"""Turn strictly loaded YAML documents into a :class:`~jixiao.policy.model.Policy`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from jixiao.policy.loader import PolicyError, check_keys, load_yaml
from jixiao.policy.model import Citation, Parameter, ParamType, ParamValue, Policy, Version

_FILE_KEYS = frozenset({"citations", "parameters"})
_CITATION_KEYS = frozenset({"number", "title", "article"})
_PARAM_KEYS = frozenset({"description", "type", "versions"})
_VERSION_KEYS = frozenset({"effective", "citation", "value"})


def parse_policy(documents: Iterable[tuple[str, str]]) -> Policy:
    """Parse ``(name, text)`` YAML documents into one policy; keys must be unique across them."""
    citations: dict[str, Citation] = {}
    raw_params: dict[str, tuple[str, Any]] = {}
    for name, text in documents:
        data = check_keys(load_yaml(text, name), name, frozenset(), _FILE_KEYS)
        for key, body in (data.get("citations") or {}).items():
            _unique(key, citations, name)
            citations[key] = _citation(key, body, f"{name}：citations.{key}")
        for key, body in (data.get("parameters") or {}).items():
            _unique(key, raw_params, name)
            raw_params[key] = (name, body)
    params = {k: _parameter(k, body, citations, f"{n}：{k}") for k, (n, body) in raw_params.items()}
    return Policy(citations, params)


def _unique(key: str, seen: Mapping[str, object], name: str) -> None:
    if key in seen:
        raise PolicyError(f"{name}：“{key}”已在其他政策文件中定义")


def _citation(key: str, body: object, where: str) -> Citation:
    data = check_keys(body, where, _CITATION_KEYS)
    return Citation(
        key,
        _text(data["number"], where),
        _text(data["title"], where),
        _text(data["article"], where),
    )


def _parameter(key: str, body: object, citations: Mapping[str, Citation], where: str) -> Parameter:
    data = check_keys(body, where, _PARAM_KEYS)
    try:
        kind = ParamType(data["type"])
    except ValueError:
        raise PolicyError(f"{where}：未知的类型“{data['type']}”") from None
    raw_versions = data["versions"]
    if not isinstance(raw_versions, list) or not raw_versions:
        raise PolicyError(f"{where}：versions 应为非空列表")
    versions = tuple(
        _version(v, kind, citations, f"{where}[{i}]") for i, v in enumerate(raw_versions)
    )
    dates = [v.effective for v in versions]
    if dates != sorted(set(dates)):
        raise PolicyError(f"{where}：各版本的生效日期应递增且不重复")
    return Parameter(key, _text(data["description"], where), kind, versions)


def _version(
    body: object, kind: ParamType, citations: Mapping[str, Citation], where: str
) -> Version:
    data = check_keys(body, where, _VERSION_KEYS)
    effective = data["effective"]
    if not isinstance(effective, date):
        raise PolicyError(f"{where}：effective 应为日期（YYYY-MM-DD）")
    cite = data["citation"]
    if cite not in citations:
        raise PolicyError(f"{where}：引用了未定义的依据“{cite}”")
    return Version(effective, _value(data["value"], kind, where), citations[cite])


def _value(raw: object, kind: ParamType, where: str) -> ParamValue:
    if kind is ParamType.NUMBER:
        return _number(raw, where)
    if kind is ParamType.WORDS:
        return _words(raw, where)
    if not isinstance(raw, Mapping) or not raw:
        raise PolicyError(f"{where}：value 应为非空映射")
    if kind is ParamType.TABLE:
        return {_text(k, where): _text(v, where) for k, v in raw.items()}
    if kind is ParamType.NUMBER_TABLE:
        return {_text(k, where): _number(v, where) for k, v in raw.items()}
    return {_text(k, where): _words(v, where) for k, v in raw.items()}


def _number(raw: object, where: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
        raise PolicyError(f"{where}：value 应为数字")
    return Decimal(raw)


def _words(raw: object, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise PolicyError(f"{where}：应为非空的词语列表")
    words = tuple(_text(w, where) for w in raw)
    if len(set(words)) != len(words):
        raise PolicyError(f"{where}：词语列表中有重复项")
    return words


def _text(raw: object, where: str) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
        raise PolicyError(f"{where}：应为文字")
    text = str(raw).strip()
    if not text:
        raise PolicyError(f"{where}：不能为空")
    return text
