"""A small sample of the corpus: the scanner agrees with its slow fallback, and little is left unresolved.

The full count over DLC/ is benchmarks/actor_mentions.py; these checks read a
few documents so that the suite stays fast. They skip when ../shared/corpus
is absent.
"""

from __future__ import annotations

import re

import pytest

import qpr.actors._scan as scan_module
from qpr.actors import jurisdiction_from_title, registry
from qpr.actors.registry import Registry

SUFFIX = re.compile(r"部门|机构|委员会|(?<![布格大全结开])局(?![部面限势])")


@pytest.fixture(scope="module")
def sample(corpus_dir) -> list[str]:
    paths = sorted((corpus_dir / "DLC").rglob("*.md"))[::100]
    return [p.read_text(encoding="utf-8") for p in paths]


def test_sampled_local_regulations_leave_few_department_words_unresolved(sample):
    reg = registry()
    total = unresolved = 0
    for text in sample:
        title = text.splitlines()[0].lstrip("# ")
        mentions = reg.mentions(text, jurisdiction_from_title(title))
        for occ in SUFFIX.finditer(text):
            total += 1
            inside = [m for m in mentions if m.start <= occ.start() and occ.end() <= m.end]
            if not inside or not inside[0].resolution.resolved:
                unresolved += 1
    assert total > 500
    assert unresolved / total < 0.05


def test_regex_fallback_finds_the_same_mentions_as_aho_corasick(sample, monkeypatch):
    if not scan_module.has_aho_corasick():
        pytest.skip("ahocorasick_rs is not installed: the fallback is what runs")
    reg = registry()
    monkeypatch.setattr(scan_module, "_ahocorasick_rs", None)
    slow = Registry(list(reg), suffix_classes=reg.suffix_classes, not_actors=reg.not_actors,
                    generic=reg.generic, name_bounds=reg.name_bounds)
    for text in sample[:3]:
        assert [(m.start, m.end, m.resolution) for m in slow.mentions(text)] == \
               [(m.start, m.end, m.resolution) for m in reg.mentions(text)]
