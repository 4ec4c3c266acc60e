"""A regulation's defined terms are layered over the registry, not rebuilt into it.

Rebuilding the scanner costs about half a second; the layer must give the
same mentions as a rebuild would.
"""

from __future__ import annotations

from qpr.actors import jurisdiction_from_title, registry
from qpr.actors.registry import Registry
from qpr.errors import NoArticlesError
from qpr.reading import read_regulation

TEXT = ("第一条 负有市场监管职责的部门（以下简称监管部门）和从事经营活动的经济组织（以下简称单位）应当遵守本条例。\n"
        "第二条 监管部门应当加强检查；单位应当配合。清洁生产综合协调部门（以下称清洁生产主管部门）负责协调。\n"
        "第三条 清洁生产主管部门、财政等部门应当支持企业。\n")


def rebuilt(derived: Registry) -> Registry:
    return Registry(list(derived), suffix_classes=derived.suffix_classes, defined=derived.defined_terms,
                    not_actors=derived.not_actors, generic=derived.generic, name_bounds=derived.name_bounds)


def test_layered_terms_give_the_same_mentions_as_a_rebuild():
    derived = registry().with_defined_terms(TEXT)
    assert derived is not registry() and "监管部门" in derived.defined_terms
    assert derived.mentions(TEXT) == rebuilt(derived).mentions(TEXT)


def test_a_term_that_redefines_a_known_word_takes_the_new_meaning():
    derived = registry().with_defined_terms(TEXT)
    plain = registry().mentions("单位应当配合。")
    layered = derived.mentions("单位应当配合。")
    assert layered[0].resolution.actor_ids != plain[0].resolution.actor_ids
    assert layered == rebuilt(derived).mentions("单位应当配合。")


def test_the_base_registry_is_unchanged():
    before = registry().mentions(TEXT)
    registry().with_defined_terms(TEXT)
    assert registry().mentions(TEXT) == before


def test_layer_matches_rebuild_on_corpus_regulations_with_definitions(corpus_dir):
    """Known difference: where a defined term and a registry name overlap, the layer keeps the
    registry's segmentation (1 regulation in 219 of the first 700 under DLC/)."""
    checked = differ = 0
    for path in sorted((corpus_dir / "DLC").rglob("*.md"))[:100]:
        try:
            reg = read_regulation(path, format="markdown")
        except NoArticlesError:
            continue
        where = jurisdiction_from_title(reg.title)
        derived = registry().with_defined_terms(reg.text, where)
        if derived is registry():
            continue
        differ += derived.mentions(reg.body_text, where) != rebuilt(derived).mentions(reg.body_text, where)
        checked += 1
    assert checked >= 10
    assert differ <= max(1, checked // 50), (differ, checked)
