"""A strict YAML loader for policy data.

Plain ``yaml.safe_load`` silently keeps the last of two equal keys and turns ``0.05``
into a float. Policy is money-adjacent and cited, so this loader rejects duplicate
keys, reads every non-integer number as :class:`~decimal.Decimal`, and the helpers
below reject unknown and missing keys with a Chinese message naming the place.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import yaml


class PolicyError(ValueError):
    """Policy data is malformed; the message (Chinese) names the file and the key."""


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys and reads floats as Decimal."""


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            line = key_node.start_mark.line + 1
            raise PolicyError(f"第{line}行：键“{key}”重复")
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_decimal(loader: StrictLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(str(loader.construct_scalar(node)).replace("_", ""))


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def load_yaml(text: str, name: str) -> Any:
    """Parse ``text`` strictly; errors become :class:`PolicyError` naming ``name``."""
    try:
        return yaml.load(text, Loader=StrictLoader)  # StrictLoader is a SafeLoader
    except PolicyError as exc:
        raise PolicyError(f"{name}：{exc}") from None
    except yaml.YAMLError as exc:
        raise PolicyError(f"{name}：YAML 格式错误：{exc}") from None


def check_keys(
    data: object, where: str, required: frozenset[str], optional: frozenset[str] = frozenset()
) -> Mapping[str, Any]:
    """``data`` as a mapping with exactly the allowed keys, or :class:`PolicyError`."""
    if not isinstance(data, Mapping):
        raise PolicyError(f"{where}：应为映射（键: 值）")
    unknown = sorted(str(k) for k in data if k not in required | optional)
    if unknown:
        raise PolicyError(f"{where}：未知的键 {'、'.join(unknown)}")
    missing = sorted(required - set(data))
    if missing:
        raise PolicyError(f"{where}：缺少键 {'、'.join(missing)}")
    return data
