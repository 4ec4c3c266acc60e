"""The duty extractor on small regulations written for one convention each."""

from __future__ import annotations

import time

import pytest

import qpr
from qpr.duties import ClauseKind, extract


def read(body: str, title: str = "某省示范条例"):
    reg = qpr.parse(f"{title}\n{body}", name="t.txt")
    return extract(reg)


def records(body: str, title: str = "某省示范条例") -> set[tuple]:
    return {(d.article, d.paragraph, d.item, d.actor, str(d.role), str(d.modality), d.level)
            for d in read(body, title).duties}


def test_subject_modal_and_level():
    assert records("第一条 县级以上人民政府应当加强领导。\n") == {("1", 1, None, "人民政府", "bearer", "shall", "county+")}


def test_one_prefix_distributes_over_a_department_list_and_等部门_adds_nothing():
    got = records("第一条 县级以上人民政府发展改革、财政等部门应当做好工作。\n")
    assert {r[3] for r in got} == {"发展改革部门", "财政部门"}
    assert {r[6] for r in got} == {"county+"}


def test_a_closing_noun_inside_a_list_closes_the_stems_before_it():
    got = records("第一条 省新闻出版主管部门应当会同文化旅游、教育等主管部门和工会、妇联等人民团体，发布推荐书目。\n")
    partners = {r[3] for r in got if r[4] == "partner"}
    assert {"文化旅游主管部门", "教育主管部门", "妇联"} <= partners and "主管部门" not in partners
    got = records("第一条 市场监督管理、交通运输等部门与人民银行应当加强协作。\n")
    assert {"市场监督管理部门", "交通运输部门"} <= {r[3] for r in got}


def test_a_city_regulation_writes_its_own_levels_as_sets_from_the_city_down():
    title = "温州市示范条例"
    got = records("第一条 市、县（市、区）人民政府应当加强领导。\n第二条 市人民政府应当统筹。\n"
                  "第三条 本市各级人民政府应当支持。\n第四条 教育主管部门应当落实。\n", title=title)
    # Levels are sets (ANNOTATION.md): a city binds its own level and those below, never the province.
    assert {(r[0], r[6]) for r in got} == {("1", "city+county"), ("2", "city"), ("3", "all"), ("4", "city+county")}


def test_有关部门_is_an_open_actor():
    got = records("第一条 县级以上人民政府市场监督管理等有关部门应当做好工作。\n")
    assert len(got) == 2 and any(r[3] == "有关部门" for r in got)


def test_会同_gives_partners_and_由_names_the_bearer():
    got = records("第一条 县级以上人民政府应当设立基金。具体办法由财政部门会同市场监督管理部门制定。\n")
    roles = {(r[3], r[4]) for r in got}
    assert ("人民政府", "bearer") in roles and ("财政部门", "bearer") in roles
    assert ("市场监督管理部门", "partner") in roles
    # 财政部门 has no prefix: it works at the level the article set.
    assert {r[6] for r in got if r[3] == "财政部门"} == {"county+"}


def test_targets_after_encouraging_verbs_and_subjectless_encouragement():
    got = records("第一条 县级以上人民政府应当支持企业开展质量提升活动。\n第二条 鼓励保险机构开发保险产品。\n")
    assert ("1", 1, None, "企业", "target", "encouraged", None) in got
    assert {r for r in got if r[0] == "2"} == {("2", 1, None, "保险机构", "target", "encouraged", None)}


def test_items_inherit_the_chapeau_bearer_but_condition_items_give_nothing():
    body = ("第一条 县级以上人民政府应当采取下列措施：\n（一）建立制度；\n（二）开展检查。\n"
            "第二条 有下列情形之一的，由市场监督管理部门责令改正：\n（一）未登记的；\n（二）未备案的。\n")
    reading = read(body)
    got = {(d.article, d.item, d.actor) for d in reading.duties}
    assert ("1", 1, "人民政府") in got and ("1", 2, "人民政府") in got
    assert ("2", None, "市场监督管理部门") in got
    assert not any(d.article == "2" and d.item for d in reading.duties)
    assert [c.kind for c in reading.clauses if c.provision.article == "2" and c.provision.item] == [ClauseKind.CONDITION] * 2


def test_a_paragraph_inherits_only_after_a_semicolon():
    got = records("第一条 县级以上人民政府应当支持示范工作；\n支持企业制定标准。\n第二条 县级以上人民政府应当加强领导。\n加强宣传教育。\n")
    assert ("1", 2, None, "人民政府", "bearer", "shall", "county+") in got
    assert ("2", 2, None, None, "bearer", "shall", None) in got


def test_an_action_with_no_subject_is_a_duty_nobody_is_assigned_to():
    reading = read("第一条 建立政府质量奖励制度，对成绩突出的个人给予表彰奖励。\n")
    assert [(d.actor, str(d.role)) for d in reading.duties] == [(None, "bearer")]
    assert reading.duties[0].unassigned


def test_purpose_scope_principle_and_liability_give_no_duty():
    body = ("第一条 为了促进质量提升，根据有关法律，制定本条例。\n第二条 本省行政区域内的质量促进活动，适用本条例。\n"
            "第三条 质量促进应当坚持质量第一的原则。\n第四条 有关单位未履行职责的，依法给予处分。\n第五条 本条例自2021年1月1日起施行。\n")
    reading = read(body)
    assert reading.duties == ()
    assert {c.kind for c in reading.clauses} == {ClauseKind.NO_DUTY}


def test_may_with_its_condition_and_must_not():
    reading = read("第一条 有条件的县级以上人民政府可以建立专家库。\n第二条 经营者不得销售假冒产品。\n第三条 禁止生产假冒产品。\n")
    d1 = [d for d in reading.duties if d.article == "1"][0]
    assert (d1.actor, str(d1.modality), d1.level, d1.condition) == ("人民政府", "may", "county+", "有条件的")
    assert {(d.article, d.actor, str(d.modality)) for d in reading.duties if d.article != "1"} == {
        ("2", "经营者", "must_not"), ("3", None, "must_not")}


def test_a_party_the_registry_does_not_know_is_kept_and_flagged():
    reading = read("第一条 经营性民办培训机构应当建立财务制度。\n")
    d = reading.duties[0]
    assert (d.actor, d.actor_id, d.confident) == ("经营性民办培训机构", None, False)
    assert "registry does not know" in d.note


def test_old_department_names_resolve_to_todays_body_keeping_the_written_name():
    d = read("第一条 县级以上人民政府环境保护部门应当加强监督。\n").duties[0]
    assert "环境保护" in d.actor and d.actor_id == "ecology-environment"


def test_municipality_市_is_provincial_level_and_区_county():
    got = records("第一条 市人民政府应当统筹。区人民政府应当落实。\n", title="上海市示范条例")
    assert {(r[3], r[6]) for r in got} == {("人民政府", "province"), ("人民政府", "county")}


def test_one_party_at_two_levels_in_one_paragraph_gives_a_record_per_level():
    """Identity includes level: the township government's own duty is not folded into the county+ one."""
    reading = read("第一条 县级以上人民政府应当加强领导。乡镇人民政府应当做好具体工作。\n"
                   "第二条 市交通运输部门应当统筹；区交通运输部门应当落实。\n", title="广州市示范条例")
    assert {(d.article, d.actor, d.level) for d in reading.duties} >= {
        ("1", "人民政府", "county+"), ("1", "人民政府", "township")}
    assert {d.level for d in reading.duties if d.article == "2"} == {"city", "county"}
    from qpr.analysis import duties_for

    township = duties_for(reading.duties, "人民政府", level="township")
    assert list(township["article"]) == ["1"] and list(township["level"]) == ["township"]


def test_traditional_script_gives_the_same_duties():
    simplified = "第一条 县级以上人民政府应当加强质量工作的领导，支持企业开展质量提升活动。\n"
    traditional = "第一條 縣級以上人民政府應當加強質量工作的領導，支持企業開展質量提升活動。\n"
    a = [(d.actor_id, str(d.role)) for d in read(simplified).duties]
    b = [(d.actor_id, str(d.role)) for d in read(traditional).duties]
    assert a == b and a


def test_every_sentence_of_the_builtin_is_accounted_for(builtin):
    reading = extract(builtin)
    for article in builtin.articles:
        for paragraph in article.paragraphs:
            covered = [c for c in reading.clauses if (c.provision.article, c.provision.paragraph) == (article.id, paragraph.number)]
            assert covered, f"{article.label} paragraph {paragraph.number} has no clause"
    assert all(c.text for c in reading.clauses)


def test_duty_offsets_point_at_the_clause_in_the_source(builtin):
    for d in extract(builtin).duties:
        assert d.action.strip("。；; ") in builtin.text[d.span.start:d.span.end] or d.action in builtin.text[d.span.start:d.span.end]


@pytest.mark.parametrize("make", [
    lambda n: "第一条 县级以上人民政府" + "、".join(["发展改革", "财政", "商务", "水利"] * n) + "等部门应当做好工作。\n",
    lambda n: "第一条 " + "（" * n + "鼓励企业" + "）" * n + "。\n",
    lambda n: "第一条 " + "鼓励、支持、" * n + "企业参与。\n",
    lambda n: "第一条 " + "应当" * n + "。\n",
    lambda n: "第一条 " + "未" * n + "的，由市场监督管理部门责令改正。\n",
    lambda n: "第一条 县级以上人民政府应当加强领导" + "，财政部门应当保障" * (n // 8) + "。\n",
    lambda n: "第一条 " + "对企业，" * (n // 4) + "市场监督管理部门应当检查。\n",
    lambda n: "第一条 " + "鼓励企业、高等院校和其他组织参与，" * (n // 16) + "。\n",
    lambda n: "第一条 " + "和鼓励以社会资金建设的平台" * (n // 2) + "。\n",  # found in review: was quadratic
])
def test_extraction_stays_linear_on_adversarial_lines(make):
    """A 1 MB line must not trigger catastrophic backtracking: generous bound, scaled check."""
    def timed(n: int) -> float:
        reg = qpr.parse(make(n), name="adv.txt")
        start = time.perf_counter()
        extract(reg)
        return time.perf_counter() - start

    # A ratio of two runs (growth, not speed): 30x the input may take ~30x, far below quadratic's 900x.
    small = timed(2_000)
    big = timed(60_000)  # about 1 MB of text for the first case
    assert big < max(small, 0.01) * 30 * 4, (small, big)


def test_what_a_county_market_regulator_must_do_is_one_call(builtin):
    from qpr.analysis import duties_for

    frame = duties_for(extract(builtin).duties, "市场监管部门", level="county")
    assert set(frame["actor_id"]) == {"market-regulation"}
    assert {"5", "13", "14", "21", "28"} <= set(frame["article"])
    row = frame[frame["article"] == "22"].iloc[0]
    assert "发展改革部门" in row["shared_with"] and "银保监机构" in row["shared_with"]
    with pytest.raises(qpr.UnknownActorError):
        duties_for(extract(builtin).duties, "市场监督管里部门")


def test_a_party_inside_an_opening_condition_is_not_the_subject():
    got = records("第一条 民营企业已经按照重整计划履行清偿义务的，有关金融机构应当及时报送情况。\n"
                  "第二条 同等申请条件下，银行业金融机构应当保持贷款条件一致。\n")
    assert {r[0] for r in got} == {"1", "2"} and all("金融机构" in r[3] for r in got)


def test_declarations_and_scope_sentences_give_no_duty():
    reading = read("第一条 民营企业的合法权益受法律保护。\n第二条 本条例关于行政机关的规定，适用于法律、法规授权的组织。\n")
    assert not reading.duties
    assert all(c.kind is ClauseKind.NO_DUTY for c in reading.clauses)


def test_organs_at_every_level_are_all_and_leave_the_article_level_alone():
    got = records("第一条 行政机关应当遵循诚信原则。县级以上人民政府应当加强监督。\n"
                  "第二条 国家机关不得拖欠账款。财政部门应当加强监督。\n", title="四川省示范条例")
    assert ("1", 1, None, "行政机关", "bearer", "shall", "all") in got
    assert ("2", 1, None, "财政部门", "bearer", "shall", "county+") in got


def test_a_modal_word_inside_a_partys_description_is_passed_over():
    got = records("第一条 除法律另有规定外，政府采购的采购人、采购代理机构以及依法必须进行招标项目的招标人，不得实施下列行为：\n"
                  "（一）限定供应商的所有制形式；\n（二）设置资格库。\n")
    chapeau = {r[3] for r in got if r[2] is None}
    assert chapeau == {"政府采购的采购人", "采购代理机构", "依法必须进行招标项目的招标人"}
    assert {r[5] for r in got} == {"must_not"} and {r[2] for r in got} == {None, 1, 2}


def test_items_that_each_end_in_的_are_conditions():
    reading = read("第一条 县级以上人民政府可以对下列活动给予资金补助：\n（一）建设阅读设施的；\n（二）开展公益性阅读推广活动的。\n")
    assert {d.item for d in reading.duties} == {None}
    assert {c.kind for c in reading.clauses if c.provision.item} == {ClauseKind.CONDITION}


def test_a_permission_for_some_in_a_later_clause_does_not_weaken_the_subjects_duty():
    got = records("第一条 国家机关、企业事业单位根据自身条件，设立内部阅读设施，有条件的可以向公众开放。\n")
    assert {r[5] for r in got} == {"shall"} and len(got) == 2


def test_whoever_the_encouraged_party_works_with_is_not_encouraged():
    got = records("第一条 鼓励普通高等学校、科研机构与公共图书馆合作，开发数字阅读新技术。\n"
                  "第二条 鼓励融资担保公司与银行业金融机构建立合作机制。\n")
    assert {(r[0], r[3]) for r in got} == {("1", "普通高等学校"), ("1", "科研机构"),
                                          ("2", "融资担保公司"), ("2", "银行业金融机构")}


def test_承担_binds_and_an_opening_place_phrase_is_not_the_subject():
    got = records("第一条 阅读设施管理单位承担下列职责：\n（一）建立管理制度；\n（二）公示开放时间。\n"
                  "第二条 在偏远农村地区，公共图书馆可以设立流动服务点。\n")
    assert {(r[0], r[2], r[3]) for r in got} == {("1", None, "阅读设施管理单位"), ("1", 1, "阅读设施管理单位"),
                                                ("1", 2, "阅读设施管理单位"), ("2", None, "公共图书馆")}


def test_a_party_word_heading_a_longer_noun_is_not_a_target():
    got = records("第一条 民营企业应当推进现代企业制度建设。\n")
    assert {(r[3], r[4]) for r in got} == {("民营企业", "bearer")}


def test_a_known_stem_that_ends_an_unknown_one_does_not_end_the_list():
    got = records("第一条 发展改革、教育、政务服务数据管理、税务等相关部门应当按照各自职责做好工作。\n", title="广州市示范条例")
    assert {"发展改革部门", "教育部门", "政务服务数据管理部门", "税务部门"} <= {r[3] for r in got}


def test_an_opening_action_before_a_later_agent_is_nobodys():
    got = records("第一条 市、区建立协调制度，日常工作由共产主义青年团委员会承担。\n", title="广州市示范条例")
    assert {r[3] for r in got} == {None, "共产主义青年团委员会"}


def test_encouraging_work_with_a_party_names_no_target():
    # Once a crash: the whole run of parties lay after 与.
    reading = read("第一条 鼓励与高等院校、科研机构合作开展研究。\n")
    assert not [d for d in reading.duties if d.actor]


def test_an_item_opening_with_the_verb_组织_keeps_its_chapeaus_bearer():
    got = records("第一条 共产主义青年团委员会应当履行下列职责：\n（一）组织、协调开展相关活动；\n（二）组织开展监测评估。\n")
    assert {r[3] for r in got} == {"共产主义青年团委员会"}


def test_targets_after_measures_and_not_across_a_destination():
    got = records("第一条 县级以上人民政府应当采取有力措施支持高等院校、科研机构加强交流合作，支持优秀人才到普通高等学校担任导师。\n")
    targets = {r[3] for r in got if r[4] == "target"}
    assert {"高等院校", "科研机构"} <= targets and not any("到" in t for t in targets)


def test_a_list_of_sectors_closed_by_a_kind_of_unit_names_one_party_per_sector():
    got = records("第一条 本市教育、医疗卫生、供水等公共企事业单位，应当向社会公开服务信息。\n"
                  "第二条 报刊、广播电视、网络等媒体应当加强宣传。\n", title="北京市示范条例")
    assert {r[3] for r in got if r[0] == "1"} == {"教育公共企事业单位", "医疗卫生公共企事业单位", "供水公共企事业单位"}
    assert {r[3] for r in got if r[0] == "2"} == {"媒体"}  # media are parties, not sectors (the Sichuan reading)


def test_the_level_an_article_speaks_of_holds_for_one_paragraph():
    got = records("第一条 市金融工作部门负责统筹协调。\n\n财政、商务等部门按照各自职责做好相关工作。\n", title="湖州市示范条例")
    assert {(r[1], r[6]) for r in got} == {(1, "city"), (2, "city+county")}


def test_a_party_in_a_condition_before_由_is_not_a_bearer():
    got = records("第一条 企业和个人以虚假材料骗取补助资金的，由财政部门责令改正，追回补助资金。\n", title="湖州市示范条例")
    assert {r[3] for r in got} == {"财政部门"}


def test_a_list_whose_first_member_the_registry_does_not_know_is_still_the_subject():
    got = records("第一条 广播、电视、报刊、网络媒体等新闻媒体应当开展宣传。\n第二条 全体成员会议负责研究下列事项。\n")
    assert {(r[0], r[3]) for r in got} == {("1", "新闻媒体"), ("2", "全体成员会议")}


def test_a_category_after_等_adds_nothing_to_the_parties_named_before_it():
    got = records("第一条 协会、商会等社会组织不得擅自设立收费项目。\n"
                  "第二条 鼓励小额贷款公司、融资担保公司等地方金融组织开发绿色金融产品。\n"
                  "第三条 支持铅蓄电池、电镀等行业企业投保环境污染责任保险。\n")
    assert {(r[0], r[3]) for r in got} == {("1", "协会"), ("1", "商会"), ("2", "小额贷款公司"), ("2", "融资担保公司"),
                                          ("3", "铅蓄电池行业企业"), ("3", "电镀行业企业")}


@pytest.mark.parametrize("body,expected", [
    # Found in review: each rule added this session must not lose what was read before.
    ("财政部门应当审核申请材料，材料不齐全的，由审计部门通知申请人补正。", {("财政部门", "bearer"), ("审计部门", "bearer")}),
    ("县级以上人民政府应当制定适用于本行政区域的扶持政策。", {("人民政府", "bearer")}),
    ("鼓励科研、教育等机构开展研究。", {("科研机构", "target"), ("教育机构", "target")}),
    ("鼓励依法设立的民办培训学校开展公益活动。", {("依法设立的民办培训学校", "target")}),
    ("供水、供电等有关单位应当配合。", {("供水单位", "bearer"), ("供电单位", "bearer")}),
    ("鼓励金融、保险等机构与企业合作。", {("金融机构", "target"), ("保险机构", "target")}),
])
def test_review_cases(body, expected):
    assert {(r[3], r[4]) for r in records(f"第一条 {body}\n", title="浙江省示范条例")} == expected


def test_an_item_that_constrains_a_thing_stays_with_its_chapeaus_bearer():
    got = records("第一条 行政机关制定涉企政策，应当符合下列要求：\n（一）进行公平竞争审查；\n（二）明确配套规定制定时限，时限最长不得超过六个月。\n")
    assert {(r[2], r[3]) for r in got} == {(None, "行政机关"), (1, "行政机关"), (2, "行政机关")}


def test_an_encouraging_verb_inside_a_purpose_names_no_target():
    got = records("第一条 司法机关依法为保护民营企业合法权益、促进民营企业发展提供司法保障。\n")
    assert not [r for r in got if r[4] == "target"]


def test_partners_after_an_adverbial_and_names_without_notes_or_pronouns():
    got = records("第一条 市新闻出版主管部门根据需要，会同文化旅游、体育等主管部门设立公共阅报栏。\n"
                  "第二条 村（居）民委员会应当协助做好工作。\n"
                  "第三条 残疾人服务机构应当为残疾人提供阅读服务。\n", title="温州市示范条例")
    assert {(r[0], r[3], r[4]) for r in got} == {
        ("1", "新闻出版主管部门", "bearer"), ("1", "文化旅游主管部门", "partner"), ("1", "体育主管部门", "partner"),
        ("2", "村民委员会", "bearer"), ("3", "残疾人服务机构", "bearer")}


def test_a_party_that_only_describes_a_thing_is_not_the_subject():
    got = records("第一条 市人民政府及相关部门制定的人才发展规划，应当包含青年人才培养内容。\n"
                  "第二条 市人民政府或者其授权的单位可以组织评选。\n"
                  "第三条 统筹、指导、协调青年创新创业促进工作。\n", title="广州市示范条例")
    assert {(r[0], r[3], r[4]) for r in got} == {("1", None, "bearer"), ("2", "人民政府", "bearer"),
                                                ("2", "其授权的单位", "bearer"), ("3", None, "bearer")}


def test_a_modifier_takes_only_the_name_after_it_and_其他_keeps_its_其():
    # Found reading the change again: 幼儿园 was put before every member, and 其他 lost its 其.
    got = records("第一条 幼儿园举办者、幼儿园、教育行政部门和其他相关部门应当给予支持。\n第二条 其主管部门应当依法处理。\n",
                  title="广州市示范条例")
    assert {(r[0], r[3]) for r in got} == {("1", "幼儿园举办者"), ("1", "幼儿园"), ("1", "教育行政部门"),
                                          ("1", "其他相关部门"), ("2", "主管部门")}


def test_national_bodies_have_the_national_level_and_local_ones_keep_theirs():
    title = "中华人民共和国示范法"
    got = records("第一条 国务院市场监督管理部门主管全国工作。县级以上地方市场监督管理部门负责本行政区域内的工作。\n"
                  "第二条 县级以上人民政府应当加强领导。\n", title=title)
    assert {(r[0], r[3], r[6]) for r in got} == {
        ("1", "市场监督管理部门", "national"), ("1", "市场监督管理部门", "county+"),
        # In a national law 县级以上 without 地方 includes the State Council.
        ("2", "人民政府", "national+province+city+county")}


def test_a_body_named_by_its_task_keeps_its_name_and_level():
    got = records("第一条 国务院工业产品生产许可证主管部门负责全国的管理工作。\n", title="中华人民共和国示范条例")
    assert got == {("1", 1, None, "工业产品生产许可证主管部门", "bearer", "shall", "national")}
    # ... but never across a verb: 建立…联席会议制度 names no party.
    got = records("第一条 建立青年创新创业联席会议制度，日常工作由共产主义青年团委员会承担。\n")
    assert {r[3] for r in got} == {None, "共产主义青年团委员会"}
