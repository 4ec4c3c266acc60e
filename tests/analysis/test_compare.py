"""qpr.compare: article alignment, text changes and duty changes between two versions (no corpus needed)."""

from __future__ import annotations

import qpr
from qpr.analysis.align import AlignmentKind, align_texts
from qpr.analysis.compare import DutyChangeKind, compare, text_diff

OLD = """\
# 某省示范活动条例

<!-- INFO END -->
第一条 为了规范示范活动，保障公众合法权益，根据有关法律，结合本省实际，制定本条例。

第二条 县级以上人民政府市场监督管理部门负责本行政区域内示范活动的监督管理工作。县级以上人民政府财政部门会同有关部门做好示范活动经费保障。

第三条 县级以上人民政府市场监督管理部门可以组织开展示范活动质量抽查，并向社会公布抽查结果。

第四条 示范单位应当建立健全内部质量管理制度，如实记录示范活动的开展情况和参与人员信息。

示范单位应当每年向所在地市场监督管理部门书面报告上一年度示范活动开展情况。

第五条 行业协会应当制定示范活动团体标准，加强行业自律，引导会员依法诚信经营。

第六条 本条例自2021年5月1日起施行。
"""

NEW = """\
# 某省示范活动条例

<!-- INFO END -->
第一条 为了规范示范活动，保障公众合法权益，根据有关法律，结合本省实际，制定本条例。

第二条 示范活动坚持政府引导、市场主导、社会参与、诚实守信的原则，推动高质量发展。

第三条 县级以上人民政府市场监督管理部门负责本行政区域内示范活动的监督管理工作。县级以上人民政府财政部门、教育部门做好示范活动经费保障。

第四条 县级以上人民政府市场监督管理部门应当组织开展示范活动质量抽查，并向社会公布抽查结果。

第五条 示范单位应当建立健全内部质量管理制度，如实记录示范活动的开展情况和参与人员信息。

第六条 示范单位应当每年向所在地市场监督管理部门书面报告上一年度示范活动开展情况。

第七条 本条例自2022年5月1日起施行。
"""


def versions():
    return qpr.parse(OLD, name="old.md"), qpr.parse(NEW, name="new.md")


def links(cmp) -> dict[tuple[str | None, str | None], str]:
    return {(p.old, p.new): str(p.kind) for p in cmp.articles}


def test_articles_are_aligned_by_content_through_insertion_renumbering_split_and_deletion():
    cmp = compare(*versions())
    assert links(cmp) == {
        ("1", "1"): "same", (None, "2"): "added", ("2", "3"): "changed", ("3", "4"): "changed",
        ("4", "5"): "split", ("4", "6"): "split", ("5", None): "removed", ("6", "7"): "changed",
    }
    split = [p for p in cmp.articles if p.kind is AlignmentKind.SPLIT]
    assert len({p.group for p in split}) == 1 and all(p.similarity > 0.9 for p in split)


def test_the_same_versions_the_other_way_round_give_a_merge_and_an_added_article():
    old, new = versions()
    cmp = compare(new, old)
    assert links(cmp)[("5", "4")] == links(cmp)[("6", "4")] == "merged"
    assert links(cmp)[(None, "5")] == "added" and links(cmp)[("2", None)] == "removed"


def test_every_article_of_both_versions_is_in_some_record():
    old, new = versions()
    cmp = compare(old, new)
    assert {p.old for p in cmp.articles if p.old} == {a.id for a in old.articles}
    assert {p.new for p in cmp.articles if p.new} == {a.id for a in new.articles}


def test_a_regulation_compared_with_itself_is_all_same_with_no_duty_change(builtin):
    cmp = compare(builtin, builtin)
    assert all(p.kind is AlignmentKind.SAME and p.old == p.new and p.similarity == 1.0 for p in cmp.articles)
    assert cmp.duties == () and cmp.edits == () and cmp.notes == ()


def test_may_becoming_shall_is_a_changed_duty_quoting_both_provisions():
    cmp = compare(*versions())
    change = next(c for c in cmp.duties if c.old == "3")
    assert change.change is DutyChangeKind.CHANGED and change.fields == ("modality",)
    assert (str(change.before.modality), str(change.after.modality)) == ("may", "shall")
    assert str(change.before.provision) == "第三条第一款" and str(change.after.provision) == "第四条第一款"
    assert "可以组织" in change.before.text and "应当组织" in change.after.text


def test_a_department_that_gains_a_duty_and_a_partner_that_loses_one_are_reported():
    cmp = compare(*versions())
    in_2 = {(c.party, str(c.change), str(c.role)) for c in cmp.duties if c.old == "2" or c.new == "3"}
    assert ("教育部门", "added", "bearer") in in_2
    assert ("有关部门", "removed", "partner") in in_2
    # 市场监督管理部门 keeps its duty there word for word: no change reported for it.
    assert not any(p == "市场监督管理部门" for p, _, _ in in_2)


def test_duties_of_a_removed_article_are_removed_and_of_an_added_article_added():
    cmp = compare(*versions())
    assert {str(c.change) for c in cmp.duties if c.old == "5" and c.new is None} == {"removed"}
    assert all(c.change is DutyChangeKind.ADDED for c in cmp.duties if c.new == "2")


def test_the_per_party_summary_counts_gains_losses_and_strengthening():
    summary = compare(*versions()).actors_frame()
    assert summary.loc["市场监督管理部门", "changed"] == 1 and summary.loc["市场监督管理部门", "stronger"] == 1
    assert summary.loc["教育部门", "added"] == 1 and summary.loc["教育部门", "before"] == 0
    assert summary.loc["有关部门", "removed"] == 1


def test_changed_words_are_marked_as_one_deletion_and_insertion_each():
    diff = text_diff("县级以上人民政府应当加强示范活动的领导。", "县级以上地方人民政府应当加强示范活动的统筹领导。")
    assert [(op, t) for op, t in diff if op] == [(1, "地方"), (1, "统筹")]
    old = "".join(t for op, t in diff if op <= 0)
    new = "".join(t for op, t in diff if op >= 0)
    assert old.startswith("县级以上人民政府") and new.startswith("县级以上地方人民政府")


def test_text_edits_name_the_article_and_paragraph_on_both_sides():
    cmp = compare(*versions())
    edit = next(e for e in cmp.edits if e.old == "6")
    assert (edit.new, edit.old_paragraph, edit.new_paragraph) == ("7", 1, 1)
    assert "1" in edit.deleted and "2" in edit.inserted


def test_group_runs_give_each_side_back_exactly_with_the_changes_marked():
    cmp = compare(*versions())
    for group in cmp.groups:
        for side, texts in (("old", group.old_texts), ("new", group.new_texts)):
            runs = group.runs(side)
            assert tuple("".join(t for t, _ in pieces) for _, pieces in runs) == texts
    changed = next(g for g in cmp.groups if g.old == ("3",))
    assert ("可以", True) in changed.runs("old")[0][1] and ("应当", True) in changed.runs("new")[0][1]


def test_two_unrelated_regulations_give_mostly_added_and_removed_with_a_note(builtin, tiny):
    cmp = compare(tiny, builtin)
    kinds = [p.kind for p in cmp.articles]
    assert sum(k in (AlignmentKind.ADDED, AlignmentKind.REMOVED) for k in kinds) > 0.8 * len(kinds)
    assert any("may not be versions of one regulation" in n for n in cmp.notes)
    assert any("titles differ" in n for n in cmp.notes)


def test_paragraphs_are_paired_monotonically_by_text():
    pairs = align_texts(["甲乙丙丁戊己庚辛", "完全不同的一段文字内容", "子丑寅卯辰巳午未"],
                        ["甲乙丙丁戊己庚辛壬", "子丑寅卯辰巳午未申"])
    assert [(i, j) for i, j, _ in pairs] == [(0, 0), (2, 1)]
