"""Learning the 指标库 from forms: cluster the names, count the values, bundle the projects.

Every real 三级指标 of every form is an observation under its 二级指标. Distinct normalised
names are taken commonest first; each joins the most similar existing cluster of the same
二级指标 when :func:`jixiao.library.names.similarity` reaches the policy cutoff
(``library_cluster_cutoff``), else it starts a cluster. Candidates come from a word index
(clusters sharing at least one word), so learning stays near-linear in the number of names;
two names join only when their last word — the thing measured, 合格率, 满意度, 费用 — is the same.
A cluster becomes an :class:`Entry`: its commonest spelling as the name, the other spellings
as aliases, the forms it was seen in, its value distributions per unit. Each project is typed
by the keywords of ``library_project_types``; a bundle lists what projects of one type
declared, commonest first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from jixiao.library.model import Bundle, Entry, Library, Project
from jixiao.library.names import normalise, similarity, tokens
from jixiao.library.stats import qualitative_counts, value_stats
from jixiao.model import Declaration
from jixiao.policy import PolicyValues, load_policy
from jixiao.values import Direction, IndicatorValue

OTHER_TYPE = "其他"


@dataclass(slots=True)
class _Cluster:
    level1: str
    level2: str
    key_name: str  #: the normalised name that started it
    spellings: Counter[str] = field(default_factory=Counter)
    values: list[IndicatorValue] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Observation:
    level1: str
    level2: str
    name: str
    normalised: str
    value: IndicatorValue
    source: str
    project: int


def library_policy(day: date | None = None) -> PolicyValues:
    """The library's policy values in force (today by default)."""
    return load_policy().on(day or date.today())


def learn(
    forms: Iterable[tuple[str, Declaration]],
    policy: PolicyValues | None = None,
    progress: Callable[[int], None] | None = None,
) -> Library:
    """A library learnt from ``(source label, declaration)`` pairs."""
    policy = policy or library_policy()
    synonyms = tuple(policy.table("library_synonyms").items())
    types = policy.word_table("library_project_types")
    observations: list[_Observation] = []
    heads: list[tuple[str, Declaration]] = []
    for index, (source, decl) in enumerate(forms):
        heads.append((source, decl))
        observations.extend(_observe(index, source, decl, synonyms))
        if progress:
            progress(index + 1)
    clusters = _cluster(observations, float(policy.number("library_cluster_cutoff")))
    entries, key_of = _entries(clusters)
    projects = _projects(heads, observations, key_of, types)
    return Library(entries=entries, bundles=_bundles(projects), projects=projects)


def _observe(
    index: int, source: str, decl: Declaration, synonyms: tuple[tuple[str, str], ...]
) -> Iterable[_Observation]:
    label = f"{source} {decl.project_name}".strip()
    for group in decl.groups:
        for ind in group.real_indicators:
            norm = normalise(ind.name, synonyms)
            if norm:
                yield _Observation(
                    group.level1.value, group.level2.value, ind.name, norm, ind.value, label, index
                )


def _cluster(observations: list[_Observation], cutoff: float) -> dict[str, _Cluster]:
    """Observations by normalised name → clusters, keyed by the name that maps to them."""
    counts = Counter((o.level2, o.normalised) for o in observations)
    order = sorted(counts, key=lambda k: (-counts[k], k))
    index: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    cluster_of: dict[tuple[str, str], _Cluster] = {}
    level1_of = {o.level2: o.level1 for o in observations}
    for level2, norm in order:
        cluster = _best(index, level2, norm, cutoff)
        if cluster is None:
            cluster = _Cluster(level1_of[level2], level2, norm)
            for word in set(tokens(norm)):
                index[(level2, word)].append(cluster)
        cluster_of[(level2, norm)] = cluster
    for o in observations:
        cluster = cluster_of[(o.level2, o.normalised)]
        cluster.spellings[o.name] += 1
        cluster.values.append(o.value)
        if o.source not in cluster.sources:
            cluster.sources.append(o.source)
    return {f"{level2}/{norm}": c for (level2, norm), c in cluster_of.items()}


def _best(
    index: Mapping[tuple[str, str], list[_Cluster]], level2: str, norm: str, cutoff: float
) -> _Cluster | None:
    seen: dict[int, _Cluster] = {}
    for word in tokens(norm):
        for cluster in index.get((level2, word), ()):
            seen[id(cluster)] = cluster
    best, best_score = None, cutoff
    for cluster in seen.values():
        score = joinable(norm, cluster.key_name)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = cluster, score
    return best


def joinable(a: str, b: str) -> float:
    """How alike two normalised names are for clustering: 0 unless their last words agree.

    The last word names the thing measured: 「制作成本」 never joins 「制作时长」.

    >>> joinable("差旅费报销率", "差旅费报销率") > 99
    True
    >>> joinable("宣传片制作成本", "宣传片制作时长")
    0.0
    """
    if tokens(a)[-1:] != tokens(b)[-1:]:
        return 0.0
    return similarity(a, b)


def _entries(clusters: Mapping[str, _Cluster]) -> tuple[tuple[Entry, ...], dict[str, str]]:
    """One entry per distinct cluster, and the entry key of every name key."""
    made: dict[int, Entry] = {}
    key_of: dict[str, str] = {}
    for name_key, cluster in clusters.items():
        entry = made.get(id(cluster))
        if entry is None:
            entry = _entry(cluster)
            made[id(cluster)] = entry
        key_of[name_key] = entry.key
    ordered = sorted(made.values(), key=lambda e: (e.level1, e.level2, -e.form_count, e.name))
    return tuple(ordered), key_of


def _entry(cluster: _Cluster) -> Entry:
    spellings = sorted(cluster.spellings.items(), key=lambda p: (-p[1], p[0]))
    stats = value_stats(cluster.values)
    directions = Counter(v.direction for v in cluster.values)
    direction = min(directions.items(), key=lambda p: (-p[1], p[0].value))[0]
    return Entry(
        key=f"{cluster.level2}/{cluster.key_name}",
        level1=cluster.level1,
        level2=cluster.level2,
        name=spellings[0][0],
        unit=stats[0].unit if stats else "",
        direction=direction if isinstance(direction, Direction) else None,
        aliases=tuple(name for name, _ in spellings[1:]),
        sources=tuple(cluster.sources),
        stats=stats,
        qualitative=qualitative_counts(cluster.values),
    )


def project_type(name: str, goal: str, types: Mapping[str, tuple[str, ...]]) -> str:
    """The first project type whose keyword the name (else the goal) contains."""
    for text in (name, goal):
        for kind, words in types.items():
            if any(w in text for w in words):
                return kind
    return OTHER_TYPE


def _projects(
    heads: list[tuple[str, Declaration]],
    observations: list[_Observation],
    key_of: Mapping[str, str],
    types: Mapping[str, tuple[str, ...]],
) -> tuple[Project, ...]:
    keys: dict[int, list[str]] = defaultdict(list)
    for o in observations:
        key = key_of[f"{o.level2}/{o.normalised}"]
        if key not in keys[o.project]:
            keys[o.project].append(key)
    return tuple(
        Project(
            source=source,
            name=decl.project_name,
            year=decl.year,
            attribute=decl.attribute,
            fund_use=project_type(decl.project_name, decl.annual_goal, types),
            entry_keys=tuple(keys[index]),
        )
        for index, (source, decl) in enumerate(heads)
    )


def _bundles(projects: tuple[Project, ...]) -> tuple[Bundle, ...]:
    by_type: dict[str, list[Project]] = defaultdict(list)
    for project in projects:
        by_type[project.fund_use].append(project)
    bundles = []
    for kind, members in sorted(by_type.items()):
        counts = Counter(key for p in members for key in p.entry_keys)
        ranked = tuple(sorted(counts.items(), key=lambda p: (-p[1], p[0])))
        bundles.append(Bundle(fund_use=kind, project_count=len(members), entries=ranked))
    return tuple(bundles)
