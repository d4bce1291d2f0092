"""The extractor, rule by rule, on short sentences written for these tests
(invented institutions and people, not text from the articles)."""
from __future__ import annotations

import pytest

from kg.mentions import sentence_mentions
from kg.model import Document, Sentence
from kg.pipeline import extract
from kg.resolve import is_short_form

TITLE = "甲州市第一人民医院党建工作纪实\n"


def triples(text: str, title: str = TITLE) -> set[tuple[str, str, str]]:
    r = extract(Document("t.txt", title + text))
    return {(a.subject[1], a.predicate, a.object[1]) for a in r.assertions}


def rules_of(text: str, title: str = TITLE) -> dict[tuple[str, str, str], str]:
    r = extract(Document("t.txt", title + text))
    return {(a.subject[1], a.predicate, a.object[1]): a.rule for a in r.assertions}


def mentions(text: str) -> list[tuple[str, str]]:
    return [(m.name, m.type) for m in sentence_mentions(Sentence("d", 0, 0, len(text), text))]


# ── names ──

@pytest.mark.parametrize("text, name, type_", [
    ("托管乙县人民医院", "乙县人民医院", "Hospital"),
    ("与丙州医科大学签约", "丙州医科大学", "University"),
    ("同丁江大学附属第二医院合作", "丁江大学附属第二医院", "Hospital"),
    ("加入戊山市胸痛专科联盟", "戊山市胸痛专科联盟", "Alliance"),
    ("走访壬水县卫生健康局", "壬水县卫生健康局", "GovernmentBody"),
    ("与庚山街道签约", "庚山街道", "Organization"),
    ("到辛河镇中心卫生院义诊", "辛河镇中心卫生院", "Hospital"),
])
def test_institution_names_by_suffix_and_left_boundary(text, name, type_):
    assert (name, type_) in mentions(text)


@pytest.mark.parametrize("text", ["建设互联网医院", "打造三甲医院", "帮扶基层医院", "建设人民群众满意医院"])
def test_generic_institution_words_are_not_names(text):
    assert not [n for n, t in mentions(text) if t == "Hospital" and n not in ("医院", "@subject")]


def test_party_body_is_scoped_to_its_institution():
    assert ("甲州市第一人民医院外科第三党支部", "PartyOrganization") in mentions("甲州市第一人民医院外科第三党支部开展活动")


def test_bare_party_body_belongs_to_the_subject_hospital():
    got = triples("院党委召开会议。内科第二党支部书记王小红介绍了经验。")
    assert ("甲州市第一人民医院党委", "subOrganizationOf", "甲州市第一人民医院") in got
    assert ("甲州市第一人民医院内科第二党支部", "subOrganizationOf", "甲州市第一人民医院") in got
    assert ("王小红", "holdsPositionIn", "甲州市第一人民医院内科第二党支部") in got


def test_honour_titles_are_not_party_bodies():
    got = triples("医院党委被评为“先进基层党组织”,内科党支部获评乙省示范党支部。")
    assert not any("示范党支部" in s for s, _, _ in got)


# ── resolution ──

@pytest.mark.parametrize("short, full, expected", [
    ("乙江二院", "甲省大学乙江第二医院", True),
    ("乙江医院", "甲省大学乙江第二医院", False),       # the ordinal must agree
    ("市一医院", "甲州市第一人民医院", True),
    ("乙县医院", "乙县人民医院", True),
    ("丙州市中心医院", "丙州市中心医院医疗集团妇儿医院", False),   # the group, not a short form
])
def test_short_forms(short, full, expected):
    assert is_short_form(short, full) is expected


def test_short_form_and_former_name_join_the_full_name():
    got = triples("丁州中心医院划转成为丙州大学附属丁州医院。丁州医院与乙县人民医院签订合作协议。",
                  title="丁州医院新闻\n")
    assert ("丙州大学附属丁州医院", "partnersWith", "乙县人民医院") in got
    assert ("丙州大学附属丁州医院", "affiliatedWith", "丙州大学") in got


def test_we_and_bare_hospital_mean_the_subject():
    got = triples("我院与乙县人民医院签订了医联体协议。")
    assert ("甲州市第一人民医院", "partnersWith", "乙县人民医院") in got


# ── core relations ──

def test_partner_list_fans_out():
    got = rules_of("甲州市第一人民医院与乙县人民医院、丙县中医医院和丁县妇幼保健院签订合作协议。")
    for other in ("乙县人民医院", "丙县中医医院", "丁县妇幼保健院"):
        assert got[("甲州市第一人民医院", "partnersWith", other)] == "partner-with"


@pytest.mark.parametrize("text", [
    "甲州市第一人民医院拟与乙县人民医院签订合作协议。",
    "甲州市第一人民医院将与乙县人民医院建立合作关系。",
    "医院争创与乙县人民医院合作的示范项目。",
])
def test_planned_relations_are_not_asserted(text):
    assert not [t for t in triples(text) if t[1] == "partnersWith"]


def test_party_branches_co_build():
    got = triples("甲州市第一人民医院外科党支部与乙县人民医院党支部开展结对共建活动。")
    assert ("甲州市第一人民医院外科党支部", "coBuildsWith", "乙县人民医院党支部") in got


def test_branches_of_one_hospital_do_not_co_build_with_each_other():
    got = triples("医院内科党支部与医院外科党支部开展结对共建。")
    assert not [t for t in got if t[1] == "coBuildsWith"]


def test_branch_with_a_hospital_co_builds_with_its_party_committee():
    got = triples("医院外科党支部与乙县人民医院开展党建共建。")
    assert ("甲州市第一人民医院外科党支部", "coBuildsWith", "乙县人民医院党委") in got


def test_quoted_honour_list_with_year():
    r = extract(Document("t.txt", TITLE + "医院先后荣获“2021年度乙省文明单位”“全国改善服务示范医院”等荣誉称号。"))
    got = {(a.subject[1], a.object[1]): a.attrs for a in r.assertions if a.predicate == "awarded"}
    assert got[("甲州市第一人民医院", "2021年度乙省文明单位")] == {"year": "2021"}
    assert ("甲州市第一人民医院", "全国改善服务示范医院") in got
    honour = next(e for e in r.entities if e.name == "2021年度乙省文明单位")
    assert "乙省文明单位" in honour.aliases


def test_unquoted_honours_before_deng_rongyu():
    got = triples("医院获得乙省卫生系统先进集体、乙省五一劳动奖状等荣誉称号。")
    assert ("甲州市第一人民医院", "awarded", "乙省卫生系统先进集体") in got
    assert ("甲州市第一人民医院", "awarded", "乙省五一劳动奖状") in got


def test_person_recipients_and_issuer_is_not_recipient():
    got = triples("王小红、李大明获评乙省优秀共产党员。医院被乙省卫生健康委员会评为乙省健康促进医院。")
    assert ("王小红", "awarded", "乙省优秀共产党员") in got
    assert ("李大明", "awarded", "乙省优秀共产党员") in got
    assert ("甲州市第一人民医院", "awarded", "乙省健康促进医院") in got
    assert not [t for t in got if t[0] == "乙省卫生健康委员会"]


def test_honour_for_a_party_body_goes_to_the_party_body():
    got = triples("医院党委荣获“乙省先进基层党组织”称号。")
    assert ("甲州市第一人民医院党委", "awarded", "乙省先进基层党组织") in got


def test_roster_of_winners():
    got = triples("第三届乙省文明单位名单\n乙县人民医院\n丙县中医医院\n")
    assert ("乙县人民医院", "awarded", "乙省文明单位") in got
    assert ("丙县中医医院", "awarded", "乙省文明单位") in got


# ── extended relations ──

def test_support_direction():
    got = rules_of("医院托管乙县人民医院,对口支援丙县人民医院、丁县人民医院。")
    assert got[("甲州市第一人民医院", "supports", "乙县人民医院")] == "support-trigger"
    assert ("甲州市第一人民医院", "supports", "丁县人民医院") in got
    assert ("乙县人民医院", "supports", "甲州市第一人民医院") not in got


def test_affiliation_stated_for_a_university_list():
    got = triples("医院系乙州医科大学、丙州医学院非直管附属医院,丁州大学教学医院。")
    for uni in ("乙州医科大学", "丙州医学院", "丁州大学"):
        assert ("甲州市第一人民医院", "affiliatedWith", uni) in got


def test_founding_an_alliance_makes_members():
    got = triples("甲州市第一人民医院与乙县人民医院、丙县人民医院联合成立“甲州胸痛专科联盟”。")
    for h in ("甲州市第一人民医院", "乙县人民医院", "丙县人民医院"):
        assert (h, "memberOf", "甲州胸痛专科联盟") in got
    assert ("甲州市第一人民医院", "partnersWith", "丙县人民医院") in got


def test_posts_in_a_list_share_the_organisation():
    got = triples("乙县卫生健康局局长赵一平、副局长钱二安,乙县人民医院党委书记孙三元、副院长周四海出席。")
    assert ("赵一平", "holdsPositionIn", "乙县卫生健康局") in got
    assert ("钱二安", "holdsPositionIn", "乙县卫生健康局") in got
    assert ("孙三元", "holdsPositionIn", "乙县人民医院") in got
    assert ("周四海", "holdsPositionIn", "乙县人民医院") in got


def test_bylines_are_not_posts():
    got = triples("(记者 王小明 通讯员 李小华)")
    assert not [t for t in got if t[1] == "holdsPositionIn"]


def test_every_assertion_keeps_rule_evidence_and_offsets():
    doc = Document("t.txt", TITLE + "医院托管乙县人民医院。")
    r = extract(doc)
    a = next(a for a in r.assertions if a.predicate == "supports")
    assert a.rule == "support-trigger" and 0 < a.confidence <= 1
    assert r.doc.text[a.start:a.end] == a.sentence == "医院托管乙县人民医院。"


def test_xieshou_joins_partners_and_quantities_end_names():
    got = triples("甲州市第一人民医院携手乙县人民医院共建胸痛中心。"
                  "甲州市第一人民医院与丙县人民医院、丁县人民医院三家医院签订了合作协议。")
    assert ("甲州市第一人民医院", "partnersWith", "乙县人民医院") in got
    assert ("甲州市第一人民医院", "partnersWith", "丁县人民医院") in got
    assert not [o for _, _, o in got if "三家" in o]


def test_xi_names_the_subject_and_middle_forms_chain_to_the_full_name():
    r = extract(Document("t.txt", TITLE + "医院位于甲州。系丙州医学院附属精神卫生中心。"
                         "医院与甲省大学乙江第二医院签约合作。乙江第二医院党委、乙江二院党支部参加。"))
    names = {e.name: e for e in r.entities}
    assert "丙州医学院附属精神卫生中心" in names["甲州市第一人民医院"].aliases
    got = {(a.subject[1], a.predicate, a.object[1]) for a in r.assertions}
    assert ("甲州市第一人民医院", "affiliatedWith", "丙州医学院") in got
    assert ("甲省大学乙江第二医院党支部", "subOrganizationOf", "甲省大学乙江第二医院") in got


def test_respectively_pairs_lists_in_order():
    got = triples("甲州市第一人民医院内科党支部、外科党支部分别与乙县人民医院内科党支部、外科党支部结成对子。")
    assert ("甲州市第一人民医院内科党支部", "coBuildsWith", "乙县人民医院内科党支部") in got
    assert ("甲州市第一人民医院外科党支部", "coBuildsWith", "乙县人民医院外科党支部") in got
    assert ("甲州市第一人民医院内科党支部", "coBuildsWith", "乙县人民医院外科党支部") not in got


def test_sentence_subject_after_a_time_clause_and_issuer_before_a_quoted_title():
    got = triples("近年来,乙县人民医院先后被评为“乙省文明单位”,2022年入选乙省卫健委“百强县医院”创建单位名单。")
    assert ("乙县人民医院", "awarded", "乙省文明单位") in got
    assert ("乙县人民医院", "awarded", "“百强县医院”创建单位") in got
    assert not [s for s, p, _ in got if p == "awarded" and s == "甲州市第一人民医院"]


def test_a_list_of_posts_stops_at_an_institution():
    got = triples("甲州市第一人民医院党委书记王小红、余庆县卫生健康局局长李大明出席。")
    assert ("李大明", "holdsPositionIn", "余庆县卫生健康局") in got
    assert not [s for s, p, _ in got if p == "holdsPositionIn" and s.startswith("余庆")]


def test_member_unit_and_comrade_recipients():
    got = rules_of("医院是乙省胸痛专科联盟理事单位。王小红同志荣获“乙省优秀护士”称号。")
    assert got[("甲州市第一人民医院", "memberOf", "乙省胸痛专科联盟")] == "member-unit"
    assert ("王小红", "awarded", "乙省优秀护士") in got


def test_posts_outside_any_named_organisation_are_not_guessed():
    got = triples("政协委员王小红、乙县副县长李大明出席。团委书记赵一平介绍。")
    assert not [t for t in got if t[0] in ("王小红", "李大明")]
    assert ("赵一平", "holdsPositionIn", "甲州市第一人民医院") in got


def test_building_a_medical_consortium_with_partners():
    got = triples("2023年,医院与乙县人民医院、丙县人民医院组建甲州南部医疗联合体,并对口帮扶丁县中医医院。")
    assert ("甲州市第一人民医院", "partnersWith", "丙县人民医院") in got
    assert ("丙县人民医院", "memberOf", "甲州南部医疗联合体") in got
    assert ("甲州市第一人民医院", "supports", "丁县中医医院") in got


# ── honours: recipients and title boundaries ──

def test_persons_listed_with_their_posts_all_receive_the_honour():
    got = triples("甲州市第一人民医院党委书记王小明、外科主任李大红,乙县人民医院院长赵一平获全国五一劳动奖章。")
    for person in ("王小明", "李大红", "赵一平"):
        assert (person, "awarded", "全国五一劳动奖章") in got


def test_a_person_in_an_earlier_clause_is_not_a_recipient():
    got = triples("院长王小明介绍,护士长李大红荣获“乙省优秀护士”称号。")
    assert ("李大红", "awarded", "乙省优秀护士") in got
    assert ("王小明", "awarded", "乙省优秀护士") not in got


def test_unquoted_title_after_huode_must_read_like_an_honour():
    got = triples("医院先后获得全国文明单位、乙省卫生系统先进集体。医院获得乙县人民医院的支持。"
                  "医院荣获乙省卫生健康委员会授予的乙省文明单位光荣称号。")
    assert ("甲州市第一人民医院", "awarded", "全国文明单位") in got
    assert ("甲州市第一人民医院", "awarded", "乙省卫生系统先进集体") in got
    assert ("甲州市第一人民医院", "awarded", "乙省文明单位") in got
    assert not [o for _, p, o in got if p == "awarded" and "支持" in o]


def test_issuer_gives_the_honour_to_the_institutions_after_shouyu():
    got = rules_of("乙省人民政府授予乙县人民医院、丙县中医医院“乙省先进集体”称号。"
                   "乙省总工会授予3个医疗单位和6名医务人员乙省五一劳动奖状。")
    assert got[("乙县人民医院", "awarded", "乙省先进集体")] == "award-given"
    assert ("丙县中医医院", "awarded", "乙省先进集体") in got
    assert not [k for k in got if k[0] == "乙省人民政府" or "医疗单位" in k[2]]


@pytest.mark.parametrize("text", [
    "乙县人民医院入选2023年乙省拟推荐全国文明单位名单。",
    "乙县人民医院入选乙省文明单位候选单位。",
])
def test_candidates_are_not_awarded(text):
    assert not [t for t in triples(text) if t[1] == "awarded"]


def test_ranking_positions_are_awards_with_a_rank():
    r = extract(Document("t.txt", TITLE + "在2022年度全国医院排行榜中,医院位列第35名。"
                         "乙县人民医院、丙县中医医院在乙省县级医院竞争力排行榜中分别位列第3名和第5名。"
                         "医院在全省同级医院中排名第一。"))
    got = {(a.subject[1], a.object[1]): (a.rule, a.attrs.get("rank")) for a in r.assertions
           if a.predicate == "awarded"}
    assert got[("甲州市第一人民医院", "2022年度全国医院排行榜")] == ("award-rank", "35")
    assert got[("乙县人民医院", "乙省县级医院竞争力排行榜")] == ("award-rank", "3")
    assert got[("丙县中医医院", "乙省县级医院竞争力排行榜")] == ("award-rank", "5")
    assert len(got) == 3          # 全省同级医院 is no named ranking
    honour = next(e for e in r.entities if e.name == "2022年度全国医院排行榜")
    assert "全国医院排行榜" in honour.aliases


def test_a_numbered_list_item_opens_the_sentence_subject():
    got = triples("2、乙县人民医院,创建于1950年,在2017中国县级医院竞争力中排在第78名。")
    assert ("乙县人民医院", "awarded", "2017中国县级医院竞争力") in got


# ── partners, co-building and members: lists and what is no partnership ──

def test_three_party_agreement_partners_each_with_the_far_side():
    got = triples("乙县人民医院、丙县中医医院与丁州大学签订三方合作协议。")
    assert ("乙县人民医院", "partnersWith", "丁州大学") in got
    assert ("丙县中医医院", "partnersWith", "丁州大学") in got


@pytest.mark.parametrize("text", [
    "甲州市第一人民医院与乙州医学会共同主办了学术年会。",
    "医院与乙县人民医院就加强合作等问题交换了意见。",
    "医院与乙县人民医院进行合作洽谈。",
])
def test_co_hosting_and_talks_are_no_partnership(text):
    assert not [t for t in triples(text) if t[1] == "partnersWith"]


def test_signed_party_agreement_between_two_institutions_co_builds_their_committees():
    got = triples("乙县人民医院与丙县中医医院党建联建签约仪式在丙县举行。医院与丁县人民医院开展党建共建活动。")
    assert ("乙县人民医院党委", "coBuildsWith", "丙县中医医院党委") in got
    assert not [t for t in got if t[1] == "coBuildsWith" and "丁县" in t[0] + t[2]]


def test_long_party_list_fans_out_past_unnamed_items():
    got = triples("甲州市第一人民医院党委与乙县人民医院党委、丙县卫生健康局党组、丁街道、戊县中医医院党支部"
                  "等5家单位党组织共同签署共建协议。")
    for other in ("乙县人民医院党委", "丙县卫生健康局党委", "戊县中医医院党支部"):
        assert ("甲州市第一人民医院党委", "coBuildsWith", other) in got


def test_bracketed_short_names_do_not_cut_the_clause():
    got = triples("乙县人民医院(以下简称:乙医)与丙县中医医院(以下简称:丙医)签署战略合作框架协议。")
    assert ("乙县人民医院", "partnersWith", "丙县中医医院") in got


def test_members_listed_after_you_or_baokuo():
    got = rules_of("甲州胸痛专科联盟由甲州市第一人民医院携手乙县人民医院、丙县中医医院共同组成。"
                   "联盟成员单位包括丁县人民医院、戊县中医医院等。")
    for h in ("甲州市第一人民医院", "乙县人民医院", "丙县中医医院", "丁县人民医院", "戊县中医医院"):
        assert got[(h, "memberOf", "甲州胸痛专科联盟")] == "member-listed"
    assert ("甲州市第一人民医院", "partnersWith", "丙县中医医院") in got


def test_honour_written_before_its_recipients_in_a_list():
    got = rules_of("在乙省卫生健康委员会公布的第三批乙省文明单位名单中,乙县人民医院、丙县中医医院成功入选。"
                   "在乙省文明单位拟推荐名单中,丁县人民医院成功入选。")
    assert got[("乙县人民医院", "awarded", "第三批乙省文明单位")] == "award-listed"
    assert ("丙县中医医院", "awarded", "第三批乙省文明单位") in got
    assert not [k for k in got if k[0] == "丁县人民医院"]


def test_a_titled_name_after_the_hospital_is_the_recipient():
    got = triples("乙县人民医院外科护师王小红(女)入选第九届乙省道德模范提名奖获得者名单。")
    assert ("王小红", "awarded", "第九届乙省道德模范提名奖") in got
    assert not [t for t in got if t[0] == "乙县人民医院" and t[1] == "awarded"]


def test_honours_after_qizhong_baokuo_and_before_deng_guojiaji_rongyu():
    got = triples("医院共获得省级以上荣誉30余项,其中包括全国文明单位、全国三八红旗集体等。"
                  "乙县人民医院先后获得乙省文明单位、乙省五一劳动奖状等省级荣誉20余项。"
                  "丙县人民医院被中共乙省委表彰为乙省先进集体。")
    for honour in ("全国文明单位", "全国三八红旗集体"):
        assert ("甲州市第一人民医院", "awarded", honour) in got
    assert ("乙县人民医院", "awarded", "乙省五一劳动奖状") in got
    assert ("丙县人民医院", "awarded", "乙省先进集体") in got


def test_roster_under_an_honour_heading_and_respectively():
    got = rules_of("一、先进集体(2个)\n乙县人民医院、丙县中医医院\n二、优秀共产党员(1名)\n乙县人民医院外科主任王小红\n"
                   "三、加强党建引领\n医院党委召开会议。\n"
                   "丁县人民医院外科主任赵一平、护士长钱立新分别荣获“乙省优秀医师”“乙省优秀护士”称号。")
    assert got[("乙县人民医院", "awarded", "先进集体")] == "award-roster"
    assert ("丙县中医医院", "awarded", "先进集体") in got
    assert ("王小红", "awarded", "优秀共产党员") in got
    assert ("乙县人民医院", "awarded", "优秀共产党员") not in got
    assert ("赵一平", "awarded", "乙省优秀医师") in got and ("钱立新", "awarded", "乙省优秀护士") in got
    assert ("赵一平", "awarded", "乙省优秀护士") not in got


def test_a_public_notice_of_candidates_gives_no_roster_awards():
    got = triples("乙省文明单位推荐单位公示\n一、推荐单位\n乙县人民医院\n丙县中医医院\n", title="关于拟推荐乙省文明单位的公示\n")
    assert not [t for t in got if t[1] == "awarded"]


def test_titles_listed_one_per_line_after_rongyu_colon():
    got = rules_of("医院先后荣获以下荣誉:\n1.全国文明单位\n2.全国卫生系统先进集体\n医院党委召开会议。\n"
                   "其中,乙县人民医院王小明、李大红2名同志被评为乙省优秀共产党员。")
    assert got[("甲州市第一人民医院", "awarded", "全国文明单位")] == "award-lines"
    assert ("甲州市第一人民医院", "awarded", "全国卫生系统先进集体") in got
    assert ("王小明", "awarded", "乙省优秀共产党员") in got and ("李大红", "awarded", "乙省优秀共产党员") in got
    assert ("乙县人民医院", "awarded", "乙省优秀共产党员") not in got


def test_recipient_lists_mix_kinds_and_rankings_published_first():
    got = triples("乙县人民医院、乙县疾病预防控制中心荣获乙省先进集体称号。"
                  "2022年度中国医院排行榜正式发布,丙县人民医院位列全国第35名。"
                  "丁县人民医院荣获2021-2023年度乙省文明单位。")
    assert ("乙县人民医院", "awarded", "乙省先进集体") in got
    assert ("乙县疾病预防控制中心", "awarded", "乙省先进集体") in got
    assert ("丙县人民医院", "awarded", "2022年度中国医院排行榜") in got
    assert ("丁县人民医院", "awarded", "2021-2023年度乙省文明单位") in got


def test_partnership_status_and_plaques():
    got = rules_of("医院成为乙州大学附属医院的协作医院。丙县人民医院为医院授予“合作医院”牌匾。"
                   "医院牵手丁县人民医院共建胸痛中心。")
    assert got[("甲州市第一人民医院", "partnersWith", "乙州大学附属医院")] == "partner-status"
    assert got[("丙县人民医院", "partnersWith", "甲州市第一人民医院")] == "partner-status"
    assert ("甲州市第一人民医院", "partnersWith", "丁县人民医院") in got
    assert not [k for k in got if k[1] == "awarded"]


def test_posts_of_unnamed_outside_bodies_are_not_given_to_the_hospital():
    got = triples("市委副书记、市长李建国主持。校党委书记牛春雨、校纪委书记黄恒学出席。院长王小明讲话。")
    assert not [t for t in got if t[1] == "holdsPositionIn" and t[0] in ("李建国", "黄恒学")]
    assert ("王小明", "holdsPositionIn", "甲州市第一人民医院") in got


def test_issuer_names_the_recipient_before_wei_and_a_titled_name_alone():
    got = rules_of("乙省人民政府表彰乙县人民医院为乙省先进集体。外科护士王小红荣获“乙省优秀护士”称号。")
    assert got[("乙县人民医院", "awarded", "乙省先进集体")] == "award-given"
    assert ("王小红", "awarded", "乙省优秀护士") in got
    assert ("甲州市第一人民医院", "awarded", "乙省优秀护士") not in got


def test_rankings_entered_in_the_clause_before_and_fenlie():
    r = extract(Document("t.txt", TITLE + "乙县人民医院首次进入中国医院竞争力百强,位列第88名。"
                         "丙县人民医院、丁县人民医院在乙省医院排行榜中分列第3、第5位。"))
    got = {(a.subject[1], a.object[1]): a.attrs.get("rank") for a in r.assertions if a.predicate == "awarded"}
    assert got[("乙县人民医院", "中国医院竞争力百强")] == "88"
    assert got[("丙县人民医院", "乙省医院排行榜")] == "3"
    assert got[("丁县人民医院", "乙省医院排行榜")] == "5"


def test_a_signing_during_a_visit_is_a_partnership_the_visit_alone_is_not():
    got = rules_of("乙县人民医院党委书记王小明一行赴丙州大学附属医院考察交流,双方签订了合作协议。"
                   "丁县人民医院一行来到我院参观交流。")
    assert got[("乙县人民医院", "partnersWith", "丙州大学附属医院")] == "partner-visit"
    assert not [k for k in got if k[1] == "partnersWith" and "丁县人民医院" in k]


def test_an_issuer_in_a_relative_clause_receives_nothing():
    got = triples("医院荣获中共乙省委、乙省人民政府授予的“乙省先进集体”称号。"
                  "乙县人民医院荣获由中共乙省委组织部、乙省卫生健康委员会联合授予的“乙省先进单位”称号。")
    assert ("甲州市第一人民医院", "awarded", "乙省先进集体") in got
    assert ("乙县人民医院", "awarded", "乙省先进单位") in got
    assert not [t for t in got if t[1] == "awarded" and t[0].startswith(("乙省", "中共"))]


def test_single_quotes_mark_honour_titles():
    got = triples("医院荣获‘乙省文明单位’‘乙省先进集体’等称号。")
    assert ("甲州市第一人民医院", "awarded", "乙省文明单位") in got
    assert ("甲州市第一人民医院", "awarded", "乙省先进集体") in got


def test_a_branch_co_building_a_clinic_with_a_hospital_is_no_party_co_building():
    got = triples("医院外科党支部与乙县人民医院共建胸痛中心。医院内科党支部与丙县人民医院开展党建共建。")
    assert not [t for t in got if t[1] == "coBuildsWith" and "乙县" in t[0] + t[2]]
    assert ("甲州市第一人民医院内科党支部", "coBuildsWith", "丙县人民医院党委") in got


def test_roster_after_an_announcement_line():
    got = rules_of("经研究,决定授予以下单位“乙省先进集体”称号:\n乙县人民医院\n丙县中医医院\n"
                   "现将2023年度乙省文明单位名单公布如下:\n丁县人民医院\n")
    assert got[("乙县人民医院", "awarded", "乙省先进集体")] == "award-roster"
    assert ("丙县中医医院", "awarded", "乙省先进集体") in got
    assert ("丁县人民医院", "awarded", "2023年度乙省文明单位") in got


def test_jiang_title_shouyu_recipient():
    got = rules_of("乙省委决定将“乙省先进集体”称号授予乙县人民医院、丙县中医医院。"
                   "乙省卫生健康委员会将授予丁县人民医院乙省文明单位称号。")
    assert got[("乙县人民医院", "awarded", "乙省先进集体")] == "award-given"
    assert ("丙县中医医院", "awarded", "乙省先进集体") in got
    assert not [k for k in got if k[0] == "丁县人民医院"]       # 将授予: planned


def test_group_led_by_a_core_hospital():
    got = rules_of("甲州医疗集团是以甲州市第一人民医院(甲州一院)为核心单位组建的紧密型医联体。医院以乙县人民医院为依托。")
    assert got[("甲州市第一人民医院", "memberOf", "甲州医疗集团")] == "member-lead"
    assert not [k for k in got if k[1] == "memberOf" and k[0] == "乙县人民医院"]


def test_support_with_the_helped_hospital_written_first():
    got = rules_of("乙县人民医院由甲州市第一人民医院全面托管。医院对丙县人民医院开展对口帮扶。"
                   "丁县人民医院是医院的对口支援医院。")
    for helped in ("乙县人民医院", "丙县人民医院", "丁县人民医院"):
        assert got[("甲州市第一人民医院", "supports", helped)] == "support-object"
    assert ("乙县人民医院", "supports", "甲州市第一人民医院") not in got


def test_places_under_a_ranking_named_before():
    r = extract(Document("t.txt", TITLE + "《2022届乙国县级医院100强榜单》\n"
                         "乙县人民医院、丙县人民医院位于前3。\n丁县人民医院蝉联第6名,戊县人民医院从第11名升至第10名。\n"
                         "相关榜单:2022届中医医院500强\n庚州市中医医院 第18名\n"))
    got = {(a.subject[1], a.object[1]): a.attrs.get("rank") for a in r.assertions if a.predicate == "awarded"}
    assert got[("乙县人民医院", "2022届乙国县级医院100强")] == "前3"
    assert got[("丁县人民医院", "2022届乙国县级医院100强")] == "6"
    assert got[("戊县人民医院", "2022届乙国县级医院100强")] == "10"
    assert got[("庚州市中医医院", "2022届中医医院500强")] == "18"


def test_a_place_in_the_clause_after_its_hospital_and_counts_are_no_titles():
    r = extract(Document("t.txt", TITLE + "《2022届乙国县级医院100强榜单》\n乙县人民医院前进2名,升至第46名。\n"
                         "丙县人民医院荣获2项佳作奖。"))
    got = {(a.subject[1], a.object[1]): a.attrs.get("rank") for a in r.assertions if a.predicate == "awarded"}
    assert got[("乙县人民医院", "2022届乙国县级医院100强")] == "46"
    assert not [k for k in got if "佳作奖" in k[1]]


def test_honour_lists_run_on_over_commas_but_not_into_the_next_award():
    got = triples("医院先后荣获全国文明单位,全国卫生系统先进集体,全国五一劳动奖状等荣誉。"
                  "乙县人民医院荣获乙省文明单位以及乙省卫生系统先进集体。"
                  "王小红获评乙省优秀护士,李大明获评乙省优秀医师。")
    for h in ("全国文明单位", "全国卫生系统先进集体", "全国五一劳动奖状"):
        assert ("甲州市第一人民医院", "awarded", h) in got
    assert ("乙县人民医院", "awarded", "乙省卫生系统先进集体") in got
    assert ("李大明", "awarded", "乙省优秀医师") in got
    assert not [t for t in got if t[1] == "awarded" and "获评" in t[2]]


def test_words_that_only_look_like_plans():
    got = triples("医院将士们荣获全国五一劳动奖状。在全院职工的共同努力下,乙县人民医院荣获乙省文明单位。"
                  "丙县人民医院努力打造乙省示范医院。")
    assert ("甲州市第一人民医院", "awarded", "全国五一劳动奖状") in got
    assert ("乙县人民医院", "awarded", "乙省文明单位") in got
    assert not [t for t in got if t[0] == "丙县人民医院"]


def test_a_party_committee_inferred_for_co_building_gets_no_parent_link():
    got = triples("医院外科党支部与乙县人民医院开展党建共建。")
    assert ("甲州市第一人民医院外科党支部", "coBuildsWith", "乙县人民医院党委") in got
    assert ("乙县人民医院党委", "subOrganizationOf", "乙县人民医院") not in got


def test_list_published_then_recipients_and_qizhong_baokuo_recipients():
    got = rules_of("近日,乙省卫生健康委员会公布了2023年度乙省文明单位名单,乙县人民医院榜上有名。"
                   "全省共有10家单位获评乙省先进集体,其中包括丙县人民医院、丁县中医医院。")
    assert got[("乙县人民医院", "awarded", "2023年度乙省文明单位")] == "award-listed"
    assert ("丙县人民医院", "awarded", "乙省先进集体") in got
    assert ("丁县中医医院", "awarded", "乙省先进集体") in got


def test_inline_roster_after_an_honour_title_and_colon():
    got = rules_of("先进基层党组织:外科党支部、内科党支部。优秀共产党员:王小明、李大红。联系电话:赵一平、钱立新。")
    assert got[("甲州市第一人民医院外科党支部", "awarded", "先进基层党组织")] == "award-roster"
    assert ("甲州市第一人民医院内科党支部", "awarded", "先进基层党组织") in got
    assert ("王小明", "awarded", "优秀共产党员") in got and ("李大红", "awarded", "优秀共产党员") in got
    assert not [k for k in got if k[0] in ("赵一平", "钱立新")]


def test_a_name_after_a_department_receives_the_honour():
    got = triples("乙县人民医院心内科王小红荣获“乙省优秀医师”称号。")
    assert ("王小红", "awarded", "乙省优秀医师") in got
    assert ("乙县人民医院", "awarded", "乙省优秀医师") not in got
