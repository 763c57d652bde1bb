"""The monitoring policy: light bands and check thresholds, dated, cited, per region.

The parameters live in ``jixiao/policy/data/monitoring.yaml`` (read by the strict policy
loader). A region overrides a parameter with ``<key>@<region>``; :func:`settings_for`
resolves one year and region into a :class:`Settings` the light functions read.

>>> s = settings_for(2025)
>>> s.red_below, s.yellow_below, s.blue_from, s.budget_red_below
(Decimal('60'), Decimal('80'), Decimal('120'), Decimal('60'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from jixiao.monitoring.vocab import Light, Likelihood, Progress
from jixiao.policy import Citation, Policy, PolicyError, PolicyValues, data_text, parse_policy

MONITORING_FILES = ("citations.yaml", "monitoring.yaml")
#: Budget year used when a report has none.
DEFAULT_YEAR = 2025


@dataclass(frozen=True, slots=True)
class Settings:
    """The monitoring parameters in force for one budget year and region."""

    red_below: Decimal
    yellow_below: Decimal
    blue_from: Decimal
    budget_red_below: Decimal
    budget_yellow_below: Decimal
    unpaced_units: frozenset[str]
    likelihood_lights: Mapping[Likelihood, Light]
    progress_lights: Mapping[Progress, Light]
    forecast_execution_floor: Decimal
    forecast_overshoot: Decimal
    citations: Mapping[str, Citation]  #: citation key or parameter key → the citation


def parse_monitoring_policy(documents: Iterable[tuple[str, str]]) -> Policy:
    """The packaged monitoring policy plus ``documents`` (e.g. a province's overrides)."""
    packaged = [(name, data_text(name)) for name in MONITORING_FILES]
    return parse_policy([*packaged, *documents])


@cache
def load_monitoring_policy() -> Policy:
    """The packaged monitoring policy, parsed strictly once per process."""
    return parse_monitoring_policy(())


class _Lookup:
    def __init__(self, values: PolicyValues, region: str) -> None:
        self.values, self.region = values, region
        self.citations: dict[str, Citation] = {}

    def key(self, name: str) -> str:
        local = f"{name}@{self.region}"
        chosen = local if self.region and local in self.values.versions else name
        self.citations[name] = self.values.citation(chosen)
        return chosen

    def bands(self, name: str, *names: str) -> list[Decimal]:
        table = self.values.number_table(self.key(name))
        missing = [n for n in names if n not in table]
        if missing:
            raise PolicyError(f"政策参数“{name}”缺少 {'、'.join(missing)}")
        return [table[n] for n in names]

    def lights(self, name: str, enum: type[Likelihood] | type[Progress]) -> dict[str, Light]:
        table = self.values.table(self.key(name))
        try:
            return {enum(k).value: Light(v) for k, v in table.items()}
        except ValueError as exc:
            raise PolicyError(f"政策参数“{name}”：{exc}") from None


def resolve(policy: Policy, year: int | None, region: str = "") -> Settings:
    """The settings of ``policy`` for budget ``year`` (1 January) and ``region``."""
    look = _Lookup(policy.on(date(year or DEFAULT_YEAR, 1, 1)), region)
    red, yellow, blue = look.bands(
        "indicator_light_bands", "red_below", "yellow_below", "blue_from"
    )
    budget_red, budget_yellow = look.bands("budget_light_bands", "red_below", "yellow_below")
    likelihood = look.lights("likelihood_lights", Likelihood)
    progress = look.lights("progress_lights", Progress)
    return Settings(
        red_below=red,
        yellow_below=yellow,
        blue_from=blue,
        budget_red_below=budget_red,
        budget_yellow_below=budget_yellow,
        unpaced_units=frozenset(look.values.words(look.key("unpaced_units"))),
        likelihood_lights={Likelihood(k): v for k, v in likelihood.items()},
        progress_lights={Progress(k): v for k, v in progress.items()},
        forecast_execution_floor=look.values.number(look.key("forecast_execution_floor")),
        forecast_overshoot=look.values.number(look.key("forecast_overshoot")),
        citations={**policy.citations, **look.citations},
    )


@cache
def settings_for(year: int | None, region: str = "") -> Settings:
    """The packaged settings for ``year`` and ``region``, resolved once per process."""
    return resolve(load_monitoring_policy(), year, region)


__all__ = [
    "MONITORING_FILES",
    "Settings",
    "load_monitoring_policy",
    "parse_monitoring_policy",
    "resolve",
    "settings_for",
]
