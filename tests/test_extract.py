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


def others(text: str) -> list[tuple[str, str]]:
    """mentions(text) less the references to the article's subject."""
    return [(m.name, m.type) for m in sentence_mentions(Sentence("d", 0, 0, len(text), text)) if not m.subject]


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
    assert not [n for n, t in others(text) if t == "Hospital" and n != "医院"]


def test_party_body_is_scoped_to_its_institution():
    assert ("甲州市第一人民医院外科第三党支部", "PartyOrganization") in mentions("甲州市第一人民医院外科第三党支部开展活动")


def test_bare_party_body_belongs_to_the_subject_hospital():
    got = triples("院党委召开会议。内科第二党支部书记王小红介绍了经验。")
    assert ("甲州市第一人民医院党委", "subOrganizationOf", "甲州市第一人民医院") in got
    assert ("甲州市第一人民医院内科第二党支部", "subOrganizationOf", "甲州市第一人民医院") in got
    assert ("王小红", "holdsPositionIn", "甲州市第一人民医院内科第二党支部") in got


def test_subject_references_say_so_instead_of_a_marker_in_the_name():
    text = "我院外科第三党支部书记王小明出席"
    ms = {m.type: m for m in sentence_mentions(Sentence("d", 0, 0, len(text), text))}
    party, person = ms["PartyOrganization"], ms["Person"]
    assert (party.name, party.parent, party.in_subject, party.parent_is_subject) == ("外科第三党支部", "", True, True)
    assert (person.parent, person.in_subject, person.parent_is_subject) == ("外科第三党支部", True, False)
    (ref,) = sentence_mentions(Sentence("d", 0, 0, 4, "该院介绍"))
    assert (ref.name, ref.subject, ref.type) == ("该院", True, "Hospital")


def test_a_bare_group_says_so_instead_of_a_marker_in_the_name():
    text = "集团外科党支部书记王小明讲话"
    ms = {m.type: m for m in sentence_mentions(Sentence("d", 0, 0, len(text), text))}
    party, person = ms["PartyOrganization"], ms["Person"]
    assert (party.name, party.parent, party.in_bare) == ("外科党支部", "", "集团")
    assert (person.parent, person.in_bare) == ("外科党支部", "集团")
    (ref,) = sentence_mentions(Sentence("d", 0, 0, 4, "加入联盟"))
    assert (ref.name, ref.bare) == ("联盟", "联盟")
    got = triples("乙县医疗集团成立。集团外科党支部书记王小明讲话。")
    assert ("乙县医疗集团外科党支部", "subOrganizationOf", "乙县医疗集团") in got
    assert ("王小明", "holdsPositionIn", "乙县医疗集团外科党支部") in got


def test_honour_titles_are_not_party_bodies():
    got = triples("医院党委被评为“先进基层党组织”,内科党支部获评乙省示范党支部。")
    assert not any("示范党支部" in s for s, _, _ in got)


# ── resolution ──

def test_resolution_leaves_the_mentions_it_is_given_as_they_are():
    import copy

    from kg.mentions import find_mentions
    from kg.normalise import normalise
    from kg.resolve import resolve
    from kg.sentences import split_sentences

    doc = normalise(Document("a.txt", "中共甲市人民医院召开会议。乙县医疗集团成立,集团党委书记王小明讲话。"))
    sentences = split_sentences(doc)
    found = find_mentions(doc, sentences)
    before = copy.deepcopy(found)
    r = resolve(doc, sentences, found)
    assert found == before
    resolved = {m.name: (m.parent, key) for ms in r.by_sentence.values() for m, key in ms}
    assert resolved["甲市人民医院"] == ("", ("Hospital", "甲市人民医院"))      # 中共 dropped in the copy
    assert resolved["王小明"] == ("乙县医疗集团", ("Person", "王小明"))       # the bare 集团 named
    from kg.relations import extract_relations

    resolved_before = copy.deepcopy(r.by_sentence)
    extract_relations(doc, sentences, r)       # relations only read the resolution
    assert r.by_sentence == resolved_before and found == before

@pytest.mark.parametrize("short, full, expected", [
    ("甲州医大", "甲州医科大学", True),
    ("甲州医大", "乙州医科大学", False),
    ("甲中荣总", "甲中荣民总医院", True),
    ("部立甲南医院", "卫生福利部甲南医院", True),
    ("部立甲南医院", "卫生福利部乙南医院", False),
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
    for other in ("乙县人民医院党委", "丙县卫生健康局党组", "戊县中医医院党支部"):
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
    got = triples("市委副书记、市长赵大勇主持。校党委书记钱小东、校纪委书记孙立平出席。院长王小明讲话。")
    assert not [t for t in got if t[1] == "holdsPositionIn" and t[0] in ("赵大勇", "钱小东", "孙立平")
                and t[2].startswith("甲州市第一人民医院")]
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


@pytest.mark.parametrize("text, name, type_", [
    ("与甲市第一中学签约", "甲市第一中学", "Organization"),
    ("走访乙县实验小学", "乙县实验小学", "Organization"),
    ("丙县派出所民警到场", "丙县派出所", "GovernmentBody"),
    ("丁县消防救援大队开展演练", "丁县消防救援大队", "GovernmentBody"),
    ("戊县人武部组织体检", "戊县人武部", "GovernmentBody"),
    ("乙县政协主席王大明出席", "乙县政协", "GovernmentBody"),
    ("甲州市委书记出席", "甲州市委", "GovernmentBody"),
    ("与甲市政府签约", "甲市政府", "GovernmentBody"),
    ("与丙县卫生计生委签约", "丙县卫生计生委", "GovernmentBody"),
    ("甲省中医医院集团成立", "甲省中医医院集团", "Alliance"),
    ("乙大学医疗体系旗下", "乙大学医疗体系", "Alliance"),
    ("丙县丁镇戊口村党支部书记", "丙县丁镇戊口村党支部", "PartyOrganization"),
])
def test_organisations_beyond_hospitals(text, name, type_):
    assert (name, type_) in mentions(text)


@pytest.mark.parametrize("text, name", [
    ("10人获乙县公安局表彰", "乙县公安局"),
    ("来校交流的有丙市卫生健康委员会主任", "丙市卫生健康委员会"),
    ("代表团参观乙州综合医院", "乙州综合医院"),
    ("2021年度甲省人民医院获奖", "甲省人民医院"),
])
def test_words_glued_to_the_left_are_not_part_of_the_name(text, name):
    assert name in [n for n, _ in mentions(text)]


def test_common_words_ending_in_village_are_not_names():
    assert not mentions("建设美丽乡村,走进农村")


def test_a_party_body_before_a_title_is_not_a_person():
    assert [t for _, t in mentions("丙县丁镇戊口村党支部书记出席")] == ["PartyOrganization"]


def test_a_class_of_hospitals_is_not_a_name():
    assert not mentions("2021年度甲省公立医院标杆党支部")
    assert not [n for n, _ in others("全市三级医院开展检查") if n.endswith("医院")]


def test_a_name_does_not_start_with_fushu_when_its_university_is_not_written():
    assert ("甲市第一人民医院", "Hospital") in mentions("签约共建附属甲市第一人民医院")
    assert ("乙大学附属甲市第一人民医院", "Hospital") in mentions("乙大学附属甲市第一人民医院")


def test_posts_listed_with_honorifics_share_the_organisation():
    got = triples("甲州大学医学院副院长王大明教授、副院长李大红教授、社会医学系系主任赵一平教授出席。")
    for name in ("王大明", "李大红", "赵一平"):
        assert (name, "holdsPositionIn", "甲州大学医学院") in got


def test_outside_posts_and_bare_secretaries_do_not_default_to_the_subject():
    got = triples("副州长王大明出席仪式。李小红校长致辞。赵一平书记讲话。")
    assert not [t for t in got if t[1] == "holdsPositionIn"]


def test_new_post_titles():
    got = triples("甲州医疗集团刘小同副董事长出席。")
    assert ("刘小同", "holdsPositionIn", "甲州医疗集团") in got


def test_officials_of_a_level_body_written_without_the_place():
    got = triples("市委书记王大明出席并讲话,省卫健委党组书记、主任李小波讲话。")
    assert ("王大明", "holdsPositionIn", "市委") in got
    assert ("李小波", "holdsPositionIn", "省卫健委") in got
    assert not [t for t in got if t[2] == "甲州市第一人民医院" and t[1] == "holdsPositionIn"]


def test_a_short_level_body_joins_its_full_name():
    got = triples("医院与甲州县人民政府签订协议。县政府秘书长王大明出席。")
    assert ("王大明", "holdsPositionIn", "甲州县人民政府") in got


@pytest.mark.parametrize("text, name, type_", [
    ("乙州医院总支部委员会书记王大明出席", "乙州医院总支部委员会", "PartyOrganization"),
    ("与乙县人民医院党组织结对共建", "乙县人民医院党组织", "PartyOrganization"),
    ("甲北医学大学附设医院院长王大明", "甲北医学大学附设医院", "Hospital"),
    ("甲矿总院李小争副院长", "甲矿总院", "Hospital"),
    ("医管局主席王大明", "医管局", "GovernmentBody"),
])
def test_party_committees_taiwan_and_hong_kong_names(text, name, type_):
    assert (name, type_) in mentions(text)


def test_generic_party_organisations_are_not_bodies():
    assert not [n for n, t in mentions("加强基层党组织建设,医院党组织书记出席") if t == "PartyOrganization"]


def test_posts_joined_by_ji_share_the_organisation():
    got = triples("医管局主席王大明及行政总裁李小升医生出席。")
    assert ("李小升", "holdsPositionIn", "医院管理局") in got or ("李小升", "holdsPositionIn", "医管局") in got


@pytest.mark.parametrize("text, name", [
    ("拉萨市市立医院院长王大明", "拉萨市市立医院"),
    ("洛阳冰都医院院长王大明", "洛阳冰都医院"),
])
def test_a_place_name_carries_over_a_word_jieba_splits_oddly(text, name):
    assert (name, "Hospital") in mentions(text)


def test_quantity_words_are_not_part_of_a_name():
    assert not [n for n, t in mentions("上海很多医院开展义诊") if n.startswith("上海")]


def test_a_post_stated_before_the_name_with_wei_or_you():
    got = rules_of("医院现任院长为王大明。党委书记由李小红担任。")
    assert got[("王大明", "holdsPositionIn", "甲州市第一人民医院")] == "person-post"
    assert ("李小红", "holdsPositionIn", "甲州市第一人民医院") in got


def test_a_village_glued_to_its_party_committee_and_short_medical_universities():
    assert ("丁州民族村党委", "PartyOrganization") in mentions("丁州民族村党委与医院党委结对")
    assert ("甲州医大", "University") in mentions("甲州医大校长王大明出席")


@pytest.mark.parametrize("text, name", [
    ("正式成为甲州医疗集团成员", "甲州医疗集团"),
    ("加快甲州医疗集团建设", "甲州医疗集团"),
    ("承担著乙州医科大学实习任务", "乙州医科大学"),
])
def test_verbs_before_an_alliance_or_school_are_not_part_of_it(text, name):
    assert name in [n for n, _ in mentions(text)]


def test_a_place_that_signs_is_its_government():
    got = triples("甲州市第一人民医院与桃源县签署医疗合作协议。")
    assert ("甲州市第一人民医院", "partnersWith", "桃源县") in got or ("桃源县", "partnersWith", "甲州市第一人民医院") in got


def test_taking_office_verbs_give_a_post():
    got = triples("会上,王大明当选为甲州医学会会长。李小红担任乙县人民医院院长。赵一平任丙县人民医院院长。")
    assert ("赵一平", "holdsPositionIn", "丙县人民医院") in got
    assert ("王大明", "holdsPositionIn", "甲州医学会") in got
    assert ("李小红", "holdsPositionIn", "乙县人民医院") in got


@pytest.mark.parametrize("text, name, type_", [
    ("甲省总工会授予", "甲省总工会", "Organization"),
    ("乙州海关关员到院体检", "乙州海关", "GovernmentBody"),
    ("丙县疾病控制中心主任王大明", "丙县疾病控制中心", "Organization"),
])
def test_more_organisation_suffixes(text, name, type_):
    assert (name, type_) in mentions(text)


def test_a_committee_department_written_with_its_committee_is_the_body_else_the_committee():
    assert ("王大明", "holdsPositionIn", "甲州市委组织部") in triples("甲州市委组织部部长王大明出席。")
    assert ("王大明", "holdsPositionIn", "甲州市委") in triples("甲州市委常委、组织部部长王大明出席。")


def test_department_names_holding_yu_are_one_department():
    got = triples("我院内分泌与代谢科党支部荣获“乙省标杆党支部”称号。")
    assert ("甲州市第一人民医院内分泌与代谢科党支部", "awarded", "乙省标杆党支部") in got


def test_committee_member_posts_chain_to_the_committee():
    got = triples("甲州市委常委、组织部部长王大明主持仪式。丙州市人民政府副市长衡小彤出席。")
    assert ("王大明", "holdsPositionIn", "甲州市委") in got
    assert ("衡小彤", "holdsPositionIn", "丙州市人民政府") in got


def test_a_chain_of_posts_in_several_organisations():
    got = triples("甲州大学副校长、乙州医院院长王大明出席。")
    assert ("王大明", "holdsPositionIn", "乙州医院") in got
    assert ("王大明", "holdsPositionIn", "甲州大学") in got


@pytest.mark.parametrize("text", ["本报讯甲州市第一人民医院举行", "首页新闻甲州市第一人民医院举行", "记者甲州市第一人民医院举行"])
def test_site_words_are_not_part_of_a_name(text):
    assert ("甲州市第一人民医院", "Hospital") in mentions(text)


def test_an_alias_in_parentheses_is_found_elsewhere_and_joins_its_institution():
    got = triples("甲州医疗发展协会(医发会)与乙县人民医院签订合作协议。医发会王大明执行长出席。")
    assert ("甲州医疗发展协会", "partnersWith", "乙县人民医院") in got
    assert ("王大明", "holdsPositionIn", "甲州医疗发展协会") in got


def test_names_listed_before_a_title_share_the_post():
    got = triples("乙县人民医院王大明、李小红副院长出席。")
    assert ("王大明", "holdsPositionIn", "乙县人民医院") in got
    assert ("李小红", "holdsPositionIn", "乙县人民医院") in got


@pytest.mark.parametrize("text, name", [
    ("与中国人民解放军联勤保障部队第九〇〇医院合作", "中国人民解放军联勤保障部队第九〇〇医院"),
    ("与解放军第305医院合作", "解放军第305医院"),
])
def test_numbered_military_hospitals(text, name):
    assert (name, "Hospital") in mentions(text)


@pytest.mark.parametrize("text", ["全市10家医院参加", "与其他医院交流", "帮扶基层医院"])
def test_a_bare_hospital_after_a_count_or_class_word_is_not_the_subject(text):
    assert mentions(text) == others(text)


def test_a_common_word_in_parentheses_is_not_an_alias():
    got = triples("乙省卫生健康委员会(机关)荣获“乙省文明单位”称号。机关党委书记王大明出席。")
    assert ("乙省卫生健康委员会", "awarded", "乙省文明单位") in got


def test_a_bare_group_or_alliance_word_refers_to_the_articles_only_alliance():
    got = triples("2019年,甲州医疗集团成立。王大明当选为集团董事长。乙县人民医院正式加入集团,成为集团成员单位。")
    assert ("王大明", "holdsPositionIn", "甲州医疗集团") in got
    assert ("乙县人民医院", "memberOf", "甲州医疗集团") in got


def test_a_bare_alliance_word_with_two_alliances_is_not_guessed():
    got = triples("甲州医疗集团与乙州医疗集团签约。王大明当选为集团董事长。")
    assert not [t for t in got if t[0] == "王大明"]


def test_thanks_and_greetings_end_a_name():
    assert ("甲州医大", "University") in mentions("特别感谢甲州医大")


def test_a_post_in_parentheses_after_the_name():
    got = triples("会议邀请王大明(乙县人民医院院长)作报告。李小红教授(甲州医学发展基金会董事长)致辞。")
    assert ("王大明", "holdsPositionIn", "乙县人民医院") in got
    assert ("李小红", "holdsPositionIn", "甲州医学发展基金会") in got


@pytest.mark.parametrize("text, name, type_", [
    ("与甲州市中心血站合作", "甲州市中心血站", "Organization"),
    ("乙县护理院院长王大明", "乙县护理院", "Hospital"),
    ("丙县疗养院开展活动", "丙县疗养院", "Hospital"),
    ("丁州口岸门诊部开诊", "丁州口岸门诊部", "Hospital"),
])
def test_clinics_blood_stations_and_nursing_homes(text, name, type_):
    assert (name, type_) in mentions(text)


def test_a_clinic_is_not_the_subject_hospital():
    got = triples("甲州保健中心(丁州口岸门诊部)与乙县人民医院签约。丁州口岸门诊部开诊。院长王大明出席。", title="标题\n")
    assert not [t for t in got if t[2] == "丁州口岸门诊部" and t[1] == "holdsPositionIn"]


@pytest.mark.parametrize("text, name, type_", [
    ("与那丙镇中心卫生院党支部共建", "那丙镇中心卫生院党支部", "PartyOrganization"),
    ("甲州二建建设(集团)有限公司党委", "甲州二建建设(集团)有限公司党委", "PartyOrganization"),
    ("与甲州建设投资有限公司签约", "甲州建设投资有限公司", "Organization"),
    ("乙州市卫生健康委机关第一党支部", "乙州市卫生健康委机关第一党支部", "PartyOrganization"),
    ("联合中共甲州市丙区丁路社区委员会开展活动", "甲州市丙区丁路社区委员会", "PartyOrganization"),
    ("中共甲县人民医院委员会", "甲县人民医院党委", "PartyOrganization"),
])
def test_village_heads_company_parentheses_and_party_committees(text, name, type_):
    assert (name, type_) in mentions(text)


def test_company_words_alone_are_not_a_name():
    assert not mentions("加强建设有限公司")


def test_a_department_named_with_a_verb_is_still_a_department():
    assert ("五附院推拿科二病区党支部", "PartyOrganization") in [
        (m.text, m.type) for m in sentence_mentions(Sentence("d", 0, 0, 17, "听取了五附院推拿科二病区党支部党建"))]
    assert not [n for n, _ in mentions("听取了五附院推拿科二病区党支部党建") if "五附院五附院" in n]


def test_hong_kong_and_taiwan_health_departments():
    got = triples("卫生署署长王大明与甲州人民医院签订合作协议。")
    assert ("王大明", "holdsPositionIn", "卫生署") in got


def test_a_person_named_after_a_professional_rank_receives_the_honour():
    got = rules_of("乙县人民医院急诊科护师张小艺荣获“甲省优秀护士”称号。")
    assert ("张小艺", "awarded", "甲省优秀护士") in got
    assert not [t for t, rule in got.items() if t[1] == "holdsPositionIn" and rule == "person-post"]
    person = [m for m in sentence_mentions(Sentence("d", 0, 0, 13, "急诊科护师张小艺荣获称号")) if m.type == "Person"]
    assert [(m.name, m.role) for m in person] == [("张小艺", "")]       # a rank, not a post


def test_a_name_before_a_professional_rank_and_trigger_words_are_not_names():
    got = triples("甲县人民医院李小红医生荣获“甲省优秀医生”称号。")
    assert ("李小红", "awarded", "甲省优秀医生") in got
    assert not [n for n, t in mentions(",王大明教授荣获奖项") if t == "Person" and n != "王大明"]


def test_names_listed_after_a_professional_rank():
    assert [n for n, t in mentions("护士王大明、李小红荣获") if t == "Person"] == ["王大明", "李小红"]


@pytest.mark.parametrize("text, name", [
    ("甲州老年医院获奖", "甲州老年医院"),
    ("甲州医学院第一附属医院呼吸疾病研究所获奖", "甲州医学院第一附属医院呼吸疾病研究所"),
])
def test_specialty_words_jieba_tags_as_verbs_stay_in_names(text, name):
    assert name in [n for n, _ in mentions(text)]


@pytest.mark.parametrize("text", ["甲县人民医院院长 王大明 出席。", "甲县人民医院院长:王大明"])
def test_a_space_or_colon_between_title_and_name(text):
    assert ("王大明", "holdsPositionIn", "甲县人民医院") in triples(text)


def test_a_committee_official_who_heads_the_named_government_holds_both_posts():
    got = triples("甲州市人民政府与甲县人民医院签约。甲州市委副书记、市长王大明出席。")
    assert ("王大明", "holdsPositionIn", "甲州市人民政府") in got
    assert ("王大明", "holdsPositionIn", "甲州市委") in got
    got = triples("甲州市委副书记、市长王大明出席。")
    assert ("王大明", "holdsPositionIn", "甲州市人民政府") not in got


def test_abbreviated_department_names_before_a_branch():
    got = triples("乙州市第七医院党支部和丙州市第一医院脑外耳鼻喉党支部签订共建协议。")
    assert ("丙州市第一医院脑外耳鼻喉党支部", "subOrganizationOf", "丙州市第一医院") in got


def test_a_bare_health_centre_refers_to_the_articles_one_health_centre():
    got = triples("我院党支部与丙镇中心卫生院党支部开展共建活动。随后卫生院院长李小红介绍了情况。")
    assert ("李小红", "holdsPositionIn", "丙镇中心卫生院") in got


def test_a_party_body_of_a_bare_health_centre():
    got = triples("我院党支部与丙镇中心卫生院党支部签订共建协议。卫生院党支部书记李小红介绍了情况。")
    assert not [t for t in got if "@" in t[0] + t[2]]


@pytest.mark.parametrize("text, name, type_", [
    ("与乙县人民法院共建", "乙县人民法院", "GovernmentBody"),
    ("丙县残联理事长王大明", "丙县残联", "Organization"),
    ("丁县税务局党支部", "丁县税务局党支部", "PartyOrganization"),
    ("武警甲省总队医院", "武警甲省总队医院", "Hospital"),
])
def test_courts_bureaus_and_peoples_organisations(text, name, type_):
    assert (name, type_) in mentions(text)


@pytest.mark.parametrize("text, name", [
    ("加入甲州市远程医疗协作网", "甲州市远程医疗协作网"),
    ("成立乙县医疗健康共同体", "乙县医疗健康共同体"),
])
def test_more_alliance_names(text, name):
    assert (name, "Alliance") in mentions(text)
    assert not mentions("构建卫生健康共同体")


def test_a_name_before_shuai_dui_is_two_characters():
    assert ("赵刚", "Person") in mentions("甲县人民医院院长赵刚率队调研")


@pytest.mark.parametrize("text, expected", [
    ("原江西省甲州研究院附属医院", "江西省甲州研究院附属医院"),
    ("原丙市人民医院", "原丙市人民医院"),
    ("丁城市人民医院", "丁城市人民医院"),
    ("全国顶级医院50强", None),
    ("全国地级城市医院排行", None),
])
def test_former_names_and_ranking_classes(text, expected):
    got = [n for n, t in mentions(text) if t == "Hospital"]
    assert got == ([expected] if expected else [])


def test_a_quoted_alliance_is_one_mention():
    assert mentions("加入“甲乙丙远程协作网”") == [("甲乙丙远程协作网", "Alliance")]


def test_elected_to_a_post_of_the_one_body_named_before():
    got = triples("会上选举产生了甲州胸痛专科联盟第一届理事会,王大明当选为理事长。")
    assert ("王大明", "holdsPositionIn", "甲州胸痛专科联盟") in got
    got = triples("甲县人民医院与乙县人民医院签约,王大明当选为理事长。")
    assert not [t for t in got if t[0] == "王大明"]


def test_the_head_of_a_place_holds_a_post_in_its_named_government():
    assert ("王大明", "holdsPositionIn", "甲州市人民政府") in triples("医院与甲州市人民政府签约,甲州市副市长王大明出席。")
    assert not [t for t in triples("甲州市副市长王大明出席。") if t[0] == "王大明"]


def test_punctuation_is_never_the_head_of_a_place():
    assert mentions("2、乙县人民医院,创建于1950年") == [("乙县人民医院", "Hospital")]


def test_two_hospitals_signing_with_a_third_are_not_partners_of_each_other():
    got = triples("乙县人民医院和丙县中医医院分别与丁市中心医院签订合作协议。")
    assert ("乙县人民医院", "partnersWith", "丁市中心医院") in got
    assert ("丙县中医医院", "partnersWith", "丁市中心医院") in got
    assert not {("乙县人民医院", "partnersWith", "丙县中医医院"),
                ("丙县中医医院", "partnersWith", "乙县人民医院")} & got


def test_a_traditional_medicine_hospital_is_not_the_central_hospital_shortened():
    assert not is_short_form("甲州市中医院", "甲州市中心医院")
    found = triples("乙县人民医院与甲州市中心医院、甲州市中医院签订医联体协议。", title="医联体签约\n")
    assert ("乙县人民医院", "partnersWith", "甲州市中医院") in found
    assert ("乙县人民医院", "partnersWith", "甲州市中心医院") in found


def test_every_name_listed_after_a_granted_title_receives_it():
    found = triples("大会授予张建国、李明华等10名同志“优秀共产党员”称号。")
    assert {("张建国", "awarded", "优秀共产党员"), ("李明华", "awarded", "优秀共产党员")} <= found


def test_who_grants_a_title_to_an_unknown_recipient_does_not_receive_it():
    found = triples("大会授予张建国、李明华等10名同志“优秀共产党员”称号，授予陈静“优秀党务工作者”称号。")
    assert not any(s == "甲州市第一人民医院" and p == "awarded" for s, p, _ in found)


def test_determined_as_by_an_issuer_is_an_award():
    found = triples("甲州市第一人民医院被乙省卫生健康委员会确定为全省中医药工作示范单位。")
    assert ("甲州市第一人民医院", "awarded", "全省中医药工作示范单位") in found


def test_a_head_noun_written_once_after_counted_places_names_one_hospital_each():
    found = triples("甲州市第一人民医院分别与乙县、丙县、丁县3家人民医院签署合作协议。")
    assert {("甲州市第一人民医院", "partnersWith", f"{p}县人民医院") for p in "乙丙丁"} <= found
    # the count must agree with the places listed
    assert not any("戊县" in o for _, _, o in triples("甲州市第一人民医院与乙县、戊县等5家人民医院签署合作协议。"))


def test_a_recipient_written_before_two_honour_lists_is_on_both():
    found = triples("甲州市第一人民医院在全国抗疫先进集体、全国先进基层党组织两个表彰名单中均榜上有名。")
    assert {("甲州市第一人民医院", "awarded", "全国抗疫先进集体"),
            ("甲州市第一人民医院", "awarded", "全国先进基层党组织")} <= found


def test_institutions_that_received_this_honour_after_a_published_list():
    found = triples("乙省卫健委印发了《关于公布“2020年度群众满意的乡镇卫生院”名单的通报》,"
                    "乙县丙镇卫生院、丁县戊镇中心卫生院等2家卫生院获此殊荣。")
    assert {("乙县丙镇卫生院", "awarded", "2020年度群众满意的乡镇卫生院"),
            ("丁县戊镇中心卫生院", "awarded", "2020年度群众满意的乡镇卫生院")} <= found


def test_persons_listed_each_with_a_post_all_receive_the_honour():
    found = triples("ICU主任张建国、感染管理处处长李明华、护理部主任王芳获全国抗疫先进个人称号。")
    assert {(p, "awarded", "全国抗疫先进个人") for p in ("张建国", "李明华", "王芳")} <= found


def test_roster_lines_of_persons_with_their_units_under_an_honour_heading():
    text = ("乙省卫生健康委员会关于表彰全省优秀医师的决定\n全省优秀医师名单(3名)\n"
            "张建国 甲州市第一人民医院 主任医师\n李明华(乙县人民医院心内科主任)\n丙县中医医院 王芳\n")
    found = triples(text, title="")
    assert {(p, "awarded", "全省优秀医师") for p in ("张建国", "李明华", "王芳")} <= found


def test_the_issuer_signing_under_a_roster_of_persons_receives_nothing():
    text = ("关于表彰2022年度先进个人的决定\n先进个人(2名)\n张建国 急诊科\n李明华 心内科\n"
            "甲州市第一人民医院\n2023年1月10日\n")
    found = triples(text, title="")
    assert ("张建国", "awarded", "2022年度先进个人") in found or ("张建国", "awarded", "先进个人") in found
    assert not any(s == "甲州市第一人民医院" and p == "awarded" for s, p, _ in found)


def test_a_person_named_after_one_post_is_elected_to_another():
    found = triples("甲州市第一人民医院院长王大明当选为甲州市医学会第五届理事会理事长。")
    assert {("王大明", "holdsPositionIn", "甲州市第一人民医院"), ("王大明", "holdsPositionIn", "甲州市医学会")} <= found


def test_a_defined_alias_followed_by_a_post_is_the_alias_not_a_longer_name():
    found = triples("甲州醫藥大學附設醫院（簡稱甲州附醫）與乙市政府簽訂合作意向書。甲州附醫院長王大明表示歡迎。",
                    title="")
    assert ("王大明", "holdsPositionIn", "甲州医药大学附设医院") in found


def test_a_team_sent_to_help_another_hospital_is_support_but_a_clinic_day_is_not():
    assert ("甲州市第一人民医院", "supports", "乙县人民医院") in triples("甲州市第一人民医院专家团队赴乙县人民医院开展帮扶。")
    assert not any(p == "supports" for _, p, _ in triples("甲州市第一人民医院专家赴乙县人民医院开展义诊。"))


def test_a_city_jieba_reads_as_a_verb_still_starts_a_name():
    # 包头 is a verb (to wrap the head) in jieba's dictionary and a city in kg/data/places.txt
    assert ("包头医学院第一附属医院", "Hospital") in mentions("成为包头医学院第一附属医院协作医院")


def test_a_hospital_named_with_the_alliance_it_joins_is_the_hospital():
    found = triples("甲州市第一人民医院与乙县丙镇卫生院医联体医院揭牌仪式在乙县丙镇卫生院举行。")
    assert ("甲州市第一人民医院", "partnersWith", "乙县丙镇卫生院") in found


def test_a_locative_closing_a_phrase_is_not_part_of_the_next_name():
    assert ("西安大学第一附属医院", "Hospital") in others("在下一步工作中西安大学第一附属医院将继续支持")


def test_our_school_is_the_one_university_the_article_names():
    found = triples("甲州医科大学与乙县人民医院签订合作协议。\n乙县人民医院是我校首批非直属附属医院。", title="")
    assert ("乙县人民医院", "affiliatedWith", "甲州医科大学") in found


def test_officials_who_witness_a_signing_do_not_make_their_bodies_partners():
    found = triples("甲州市人民政府与乙州医科大学签订合作协议。"
                    "市委副书记、市长杨大明主持签约仪式,并与乙州医科大学党委副书记、校长丁小涛等见证签约。", title="")
    assert ("甲州市人民政府", "partnersWith", "乙州医科大学") in found
    assert not any(p == "partnersWith" and "乙州医科大学" in (s, o) and "市委" in (s, o) for s, p, o in found)


def test_a_town_or_street_committee_co_builds_as_the_place_s_own_party_body():
    found = triples("甲州市第一人民医院党委与长沙县三河镇党委、解放街道党工委开展党建结对共建。")
    assert {("甲州市第一人民医院党委", "coBuildsWith", "长沙县三河镇党委"),
            ("甲州市第一人民医院党委", "coBuildsWith", "解放街道党工委")} <= found


def test_a_ranking_named_in_book_marks_is_the_title_inside_them():
    found = triples("在复旦版《2021年度中国医院综合排行榜》中,甲州市第一人民医院名列第45位。")
    assert ("甲州市第一人民医院", "awarded", "2021年度中国医院综合排行榜") in found


def test_a_clause_or_a_generic_area_before_a_branch_is_no_department():
    assert mentions("并提供资金改善社区党支部") == []
    assert not any("辖区" in n for n, _ in mentions("探索医院与所在辖区社区党支部共建"))


def test_names_padded_to_three_characters_in_a_roster_are_read_whole():
    text = "关于表彰优秀共产党员的决定\n全市优秀共产党员(3名)\n王　芳　　李明华　　赵　红\n"
    found = triples(text, title="")
    assert {(p, "awarded", "全市优秀共产党员") for p in ("王芳", "李明华", "赵红")} <= found


# ── honours to listed persons ──

def test_a_long_roster_line_of_names_under_a_heading():
    names = ["王建国", "李秀英", "刘志强", "陈丽华", "杨海燕", "赵国庆", "黄晓东", "周文静", "吴俊杰", "徐春梅", "孙立新"]
    found = triples("一、优秀医务工作者(11名)\n" + "、".join(names) + "\n二、优秀护理工作者(2名)(按姓氏笔画排序)\n张丽、王芳芳\n")
    assert {n for n, p, h in found if h == "优秀医务工作者"} == set(names)
    assert {n for n, p, h in found if h == "优秀护理工作者"} == {"张丽", "王芳芳"}


def test_persons_written_after_their_hospital_on_an_honour_list():
    found = triples("近日,2023年度“甲州市优秀共产党员”表彰名单公布,我院王建国榜上有名。\n"
                    "在甲州市第三届“最美医生”评选活动中,甲州市第一人民医院王建国、李秀英光荣入选。")
    assert ("王建国", "awarded", "2023年度甲州市优秀共产党员") in found
    assert {("王建国", "awarded", "甲州市第三届最美医生"), ("李秀英", "awarded", "甲州市第三届最美医生")} <= found
    assert not any(s == "甲州市第一人民医院" and p == "awarded" for s, p, _ in found)


def test_recipients_listed_after_the_honour_keep_its_year():
    found = triples("荣获2022年度“先进工作者”的有:王建国、李秀英。获评甲州市优秀医院的有:乙县人民医院、丙县人民医院。")
    assert {("王建国", "awarded", "2022年度先进工作者"), ("李秀英", "awarded", "2022年度先进工作者"),
            ("乙县人民医院", "awarded", "甲州市优秀医院"), ("丙县人民医院", "awarded", "甲州市优秀医院")} <= found
    assert not any(s == "甲州市第一人民医院" and p == "awarded" for s, p, _ in found)


def test_an_inline_roster_separated_by_spaces():
    assert {("王建国", "awarded", "优秀共产党员"), ("李秀英", "awarded", "优秀共产党员")} <= triples(
        "优秀共产党员(2名):王建国　李秀英\n")


def test_a_three_character_name_before_a_common_word_and_shangbang():
    assert ("王建国", "awarded", "甲州好医生") in triples("我院心内科主任王建国光荣上榜“甲州好医生”。")


def test_a_signing_done_is_asserted_though_the_next_clause_plans_more():
    assert ("甲州市第一人民医院", "partnersWith", "乙县人民医院") in triples(
        "近日,我院与乙县人民医院正式签约,双方将在人才培养等方面开展合作。")
    assert not any(p == "partnersWith" for _, p, _ in triples("我院与乙县人民医院拟签订合作协议。"))


def test_an_alliance_named_after_we_is_the_subjects_and_lianhe_yiyuan_is_a_name():
    got = triples("乙县人民医院正式成为我院心血管专科联盟成员单位。丙州市立联合医院与我院签订合作协议。")
    assert ("乙县人民医院", "memberOf", "甲州市第一人民医院心血管专科联盟") in got
    assert ("丙州市立联合医院", "partnersWith", "甲州市第一人民医院") in got or \
        ("甲州市第一人民医院", "partnersWith", "丙州市立联合医院") in got


def test_dijie_signs_a_partnership_and_ends_an_alliance_name():
    got = triples("丙州医院与丁州医院缔结战略联盟。")
    assert ("丙州医院", "partnersWith", "丁州医院") in got or ("丁州医院", "partnersWith", "丙州医院") in got
    assert not [m for m in others("丁州医院缔结战略联盟") if m[1] == "Alliance" and "丁州" in m[0]]


def test_a_roster_heading_takes_the_full_title_quoted_before_it():
    found = triples("经研究,决定授予王建国等3名同志“全市卫生健康系统先进个人”称号。\n附件:名单\n"
                    "二、先进个人(2名)\n王建国　甲州市第一人民医院\n李秀英　乙县人民医院\n")
    assert {("王建国", "awarded", "全市卫生健康系统先进个人"), ("李秀英", "awarded", "全市卫生健康系统先进个人")} <= found
    assert not any(h == "先进个人" for _, _, h in found)


def test_a_numbered_roster_table_with_a_header_row():
    found = triples("2023年度优秀医师名单\n序号 姓名 单位 职务\n1 王建国 甲州市第一人民医院 主任医师\n"
                    "2 李秀英 乙县人民医院 副主任医师\n")
    assert {("王建国", "awarded", "2023年度优秀医师"), ("李秀英", "awarded", "2023年度优秀医师")} <= found


def test_persons_named_after_shouyu_of_a_counted_group():
    found = triples("经研究,决定授予王建国等20名同志“全市卫生健康系统先进个人”称号。授予刘志强、陈丽华同志“甲州市优秀医师”称号。")
    assert {("王建国", "awarded", "全市卫生健康系统先进个人"), ("刘志强", "awarded", "甲州市优秀医师"),
            ("陈丽华", "awarded", "甲州市优秀医师")} <= found


def test_a_profile_states_a_post_and_he_stands_for_its_person():
    found = triples("刘志强,男,1972年生,甲州市第一人民医院心内科主任。他先后荣获“甲州市优秀医师”“甲州好医生”等称号。")
    assert {("刘志强", "holdsPositionIn", "甲州市第一人民医院"), ("刘志强", "awarded", "甲州市优秀医师"),
            ("刘志强", "awarded", "甲州好医生")} <= found


def test_a_copula_states_a_post_and_he_is_not_guessed_among_several():
    assert ("王建国", "holdsPositionIn", "乙县人民医院") in triples("王建国同志是乙县人民医院党委书记。")
    one = "乙县人民医院医生王建国参加义诊。近日,他荣获“甲州好医生”称号。"
    assert ("王建国", "awarded", "甲州好医生") in triples(one)
    two = triples(one.replace("王建国", "王建国、李秀英"))
    assert not any(o == "甲州好医生" for _, _, o in two)


@pytest.mark.parametrize("text", [
    "其中,王建国、李秀英、赵志刚获评“甲州好医生”。",
    "王建国、李秀英和赵志刚荣获“甲州好医生”称号。",
    "心内科王建国、骨科李秀英、儿科赵志刚荣获“甲州好医生”称号。",
    "王建国(甲州市第一人民医院)、李秀英(乙县人民医院心内科)、赵志刚(丙县中医院)荣获“甲州好医生”称号。",
    "甲州市第一人民医院王建国、乙县人民医院李秀英、丙县中医院赵志刚荣获“甲州好医生”称号。",
    "经过层层选拔,12名医务人员获评“甲州好医生”,他们是:王建国、李秀英、赵志刚。",
    "获得“甲州好医生”称号的12名医务人员分别是:王建国、李秀英、赵志刚。",
    "恭喜本院护理部王建国护理長、急診室李秀英護理師、趙志剛醫師榮獲「甲州好醫生」!",
])
def test_every_person_of_a_written_list_receives_the_honour(text):
    found = triples(text)
    assert {(p, "awarded", "甲州好医生") for p in ("王建国", "李秀英", "赵志刚")} <= found
    assert not any(o == "甲州好医生" and s not in ("王建国", "李秀英", "赵志刚") for s, _, o in found)


def test_a_student_branch_of_a_university_school_is_a_party_body_and_lists_cobuild_jointly():
    found = triples("我院外科党支部与甲州大学医学院学生第三党支部结对共建。")
    assert ("甲州大学医学院学生第三党支部", "subOrganizationOf", "甲州大学医学院") in found
    found = triples("我院行政后勤党支部、乙县人民医院党支部、丙县中医院党支部三方签订共建协议。")
    assert {("乙县人民医院党支部", "coBuildsWith", "丙县中医院党支部"),
            ("甲州市第一人民医院行政后勤党支部", "coBuildsWith", "乙县人民医院党支部")} <= found


def test_a_branch_secretary_holds_the_post_in_the_branch_and_a_name_before_its_title():
    assert ("王建国", "holdsPositionIn", "乙县人民医院党支部") in triples("乙县人民医院党支部书记王建国主持会议。")
    assert ("王建国", "holdsPositionIn", "乙县人民医院") in triples("乙县人民医院党委书记王建国主持会议。")
    found = triples("会上,赵志刚副院长宣读了表彰决定,王建国院长向全体护理人员致以节日问候。")
    assert {("赵志刚", "holdsPositionIn", "甲州市第一人民医院"),
            ("王建国", "holdsPositionIn", "甲州市第一人民医院")} <= found
    assert not any(s in ("宣读了", "向全体") for s, _, _ in found)


@pytest.mark.parametrize("text, person, org", [
    ("会议选举王建国为甲州市医学会会长。", "王建国", "甲州市医学会"),
    ("王建国为甲州心血管专科联盟理事长。", "王建国", "甲州心血管专科联盟"),
    ("王建国同志任乙县人民医院党委书记。", "王建国", "乙县人民医院"),
    ("聘任李秀英为乙县人民医院名誉院长。", "李秀英", "乙县人民医院"),
    ("王建国担任甲州心血管专科联盟秘书长。", "王建国", "甲州心血管专科联盟"),
])
def test_a_person_appointed_or_named_for_a_post(text, person, org):
    assert (person, "holdsPositionIn", org) in triples(text)


def test_teaching_duties_and_teaching_points_state_an_affiliation():
    assert {("甲州市第一人民医院", "affiliatedWith", "甲州大学"), ("甲州市第一人民医院", "affiliatedWith", "乙州医学院")} <= \
        triples("我院承担着甲州大学、乙州医学院的毕业实习任务。")
    assert ("甲州市第一人民医院", "affiliatedWith", "甲州大学") in triples("我院是甲州大学的研究生教学点。")


def test_an_acronym_department_a_civil_service_rank_and_a_name_ending_in_yuan():
    assert ("王建国", "holdsPositionIn", "乙县人民医院") in triples("乙县人民医院ICU主任王建国介绍了救治情况。")
    assert ("王建国", "holdsPositionIn", "甲州市卫生健康委员会") in triples("甲州市卫生健康委员会党委委员、副巡视员王建国出席。")
    assert ("刘景院", "awarded", "全国抗疫先进个人") in triples("ICU主任刘景院、护士长李秀英获“全国抗疫先进个人”称号。")


def test_party_bodies_of_stations_branch_bureaus_and_brigades():
    assert ("甲州市第一人民医院党支部", "coBuildsWith", "甲州市消防救援支队特勤站党支部") in triples(
        "我院党支部与甲州市消防救援支队特勤站党支部签订共建协议。")
    assert ("甲州市第一人民医院党委", "coBuildsWith", "甲州市公安局乙分局党委") in triples(
        "我院党委与甲州市公安局乙分局党委签订党建共建协议。")


def test_chanlian_keeps_an_honour():
    assert ("甲州市第一人民医院", "awarded", "全国文明单位") in triples("我院蝉联“全国文明单位”称号。")


@pytest.mark.parametrize("text", ["在我院的帮扶下,乙县人民医院成功创建二级甲等医院。",
                                  "我院与乙县人民医院建立对口支援关系。"])
def test_support_written_as_a_circumstance_or_a_relationship(text):
    assert ("甲州市第一人民医院", "supports", "乙县人民医院") in triples(text)


def test_members_joining_an_alliance_named_before_and_a_council_seat_is_no_honour():
    found = triples("我院牵头成立甲州心血管专科联盟,乙县人民医院、丙县中医院等20家医院加入。")
    assert {(h, "memberOf", "甲州心血管专科联盟") for h in ("甲州市第一人民医院", "乙县人民医院", "丙县中医院")} <= found
    found = triples("我院当选甲州心血管专科联盟副理事长单位。")
    assert ("甲州市第一人民医院", "memberOf", "甲州心血管专科联盟") in found
    assert not any(p == "awarded" for _, p, _ in found)


@pytest.mark.parametrize("line", ["甲州市优秀医师 王建国、李秀英、赵志刚", "一、甲州市优秀医师 王建国 李秀英 赵志刚"])
def test_an_inline_roster_with_a_space_for_the_colon(line):
    assert {(p, "awarded", "甲州市优秀医师") for p in ("王建国", "李秀英", "赵志刚")} <= triples(line + "\n")


@pytest.mark.parametrize("text", ["大会表彰了优秀共产党员王建国、李秀英、赵志刚。",
                                  "会上,对优秀共产党员王建国、李秀英、赵志刚进行了表彰。",
                                  "「優秀共產黨員」:王建國、李秀英、趙志剛"])
def test_a_title_right_before_its_recipients_where_honours_are_given(text):
    assert {(p, "awarded", "优秀共产党员") for p in ("王建国", "李秀英", "赵志刚")} <= triples(text)


@pytest.mark.parametrize("text", ["大会表彰了心内科主任医师王建国。", "会上表彰了一批先进:优秀共产党员王建国。",
                                  "全市表彰抗疫先进集体和个人。"])
def test_no_honour_from_a_rank_a_ceremony_or_a_conjunction(text):
    found = triples(text)
    assert not any(o in ("心内科主任医师", "会上表彰了一批先进") or s == "和个人" for s, _, o in found)


def test_party_branches_right_after_their_honour_title():
    found = triples("大会表彰了优秀共产党员王建国,先进基层党组织心内科党支部、外科党支部。")
    assert {("甲州市第一人民医院心内科党支部", "awarded", "先进基层党组织"),
            ("甲州市第一人民医院外科党支部", "awarded", "先进基层党组织")} <= found


@pytest.mark.parametrize("text, honour, recipients", [
    ("授予:王建国、李秀英、赵志刚等三位同志为优秀共产党员。", "优秀共产党员", ("王建国", "李秀英", "赵志刚")),
    ("授予:心内科党支部、外科党支部为先进基层党组织。", "先进基层党组织",
     ("甲州市第一人民医院心内科党支部", "甲州市第一人民医院外科党支部")),
    ("会上为老党员颁发“光荣在党50年”纪念章获得者王建国、李秀英、刘炽。", "光荣在党50年纪念章", ("王建国", "李秀英", "刘炽")),
])
def test_recipients_after_shouyu_with_a_colon_and_after_huodezhe(text, honour, recipients):
    found = triples(text)
    assert {(r, "awarded", honour) for r in recipients} <= found
    assert not any(p == "awarded" and o != honour for _, p, o in found)


@pytest.mark.parametrize("text", ["丙州医院长期与乙县人民医院保持紧密合作。", "透过丙州医院与乙县人民医院的合作,可整合医疗资源。"])
def test_an_ongoing_cooperation_or_its_noun_is_no_partnership_act(text):
    assert not any(p == "partnersWith" for _, p, _ in triples(text))


@pytest.mark.parametrize("text", ["王建国同志先后获得“全国优秀医师”、“甲州市劳动模范”等荣誉称号。",
                                  "王建国曾荣获“全国优秀医师”称号。"])
def test_an_adverb_after_the_name_is_not_part_of_it(text):
    found = triples(text)
    assert ("王建国", "awarded", "全国优秀医师") in found
    assert all(s == "王建国" for s, p, _ in found if p == "awarded")


def test_an_institution_that_cobuilds_stands_for_its_one_named_party_body():
    found = triples("甲州市第一人民医院党总支与红星街道南宫社区党支部结对共建。近日,该院党总支与所在辖区的南宫社区开展结对共建活动。")
    assert ("甲州市第一人民医院党总支", "coBuildsWith", "红星街道南宫社区党支部") in found
    assert not any(o.endswith("南宫社区党委") for _, _, o in found)


def test_a_set_of_unnamed_branches_cobuilds_as_nobody():
    found = triples("我院多个支部与乙镇中心卫生院党支部开展党建联建共建活动。")
    assert not any(p == "coBuildsWith" for _, p, _ in found)
    assert ("甲州市第一人民医院心内科党支部", "coBuildsWith", "乙镇中心卫生院党支部") in triples(
        "我院心内科党支部与乙镇中心卫生院党支部开展结对共建。")


def test_a_party_honour_among_a_hospitals_honours_stays_the_hospitals():
    found = triples("医院先后获评全国爱婴医院、全国改善医疗服务示范医院、甲州省先进党组织。")
    assert ("甲州市第一人民医院", "awarded", "甲州省先进党组织") in found
    assert ("甲州市第一人民医院党委", "awarded", "甲州省先进基层党组织") in triples("我院荣获“甲州省先进基层党组织”称号。")


def test_institutions_inside_quoted_titles_are_no_partners():
    found = triples("乙区医院成为“甲州医学院教学实践基地”和“甲州医学院第一附属医院协作医院”。")
    assert not any(p == "partnersWith" and {s, o} == {"甲州医学院", "甲州医学院第一附属医院"} for s, p, o in found)
    assert ("甲州市第一人民医院", "partnersWith", "甲州医学院") in triples("我院与“甲州医学院”签订合作协议。")


def test_a_partner_status_second_in_a_list_of_quoted_statuses():
    assert ("乙区医院", "partnersWith", "甲州医学院第一附属医院") in triples(
        "乙区医院成为“甲州医学院教学实践基地”和“甲州医学院第一附属医院协作医院”。")


def test_the_verb_before_a_department_is_not_part_of_its_party_body():
    found = triples("医院党委授予心内科党支部、外科党支部“先进基层党组织”称号。")
    assert {("甲州市第一人民医院心内科党支部", "awarded", "先进基层党组织"),
            ("甲州市第一人民医院外科党支部", "awarded", "先进基层党组织")} <= found


@pytest.mark.parametrize("text, members, alliance", [
    ("甲州醫療體系旗下的乙縣醫院、丙縣醫院共同參與。", ("乙县医院", "丙县医院"), "甲州医疗体系"),
    ("甲州医疗集团下辖乙县人民医院、丙县中医院等5家医院。", ("乙县人民医院", "丙县中医院"), "甲州医疗集团"),
    ("乙县人民医院加盟甲州医疗集团。", ("乙县人民医院",), "甲州医疗集团"),
    ("乙縣醫院隸屬於甲州醫療體系。", ("乙县医院",), "甲州医疗体系"),
])
def test_members_held_by_or_joining_a_hospital_group(text, members, alliance):
    assert {(m, "memberOf", alliance) for m in members} <= triples(text)


def test_a_quoted_ranking_title_without_the_word_for_its_list():
    found = triples("我院在“2023中国医院竞争力地级城市医院100强”榜单中名列第12名。")
    assert ("甲州市第一人民医院", "awarded", "2023中国医院竞争力地级城市医院100强") in found


def test_recipients_counted_before_the_title_they_share():
    found = triples("大会表彰了乙县人民医院、丙县中医院等10个先进集体和王建国、李秀英等20名先进个人。")
    assert {("乙县人民医院", "awarded", "先进集体"), ("丙县中医院", "awarded", "先进集体"),
            ("王建国", "awarded", "先进个人"), ("李秀英", "awarded", "先进个人")} <= found


@pytest.mark.parametrize("text", ["甲州市第一人民医院、乙县人民医院两院签订合作协议。",
                                  "乙县人民医院挂牌“甲州市第一人民医院协作医院”。",
                                  "甲州市第一人民医院为乙县人民医院授牌“技术协作医院”。"])
def test_two_hospitals_signing_or_a_partner_plaque(text):
    found = triples(text)
    assert ("甲州市第一人民医院", "partnersWith", "乙县人民医院") in found or \
        ("乙县人民医院", "partnersWith", "甲州市第一人民医院") in found


# ── names no surname table knows ──

@pytest.mark.parametrize("text, person, org", [
    ("甲州市维吾尔医医院院长艾力·买买提主持会议。", "艾力·买买提", "甲州市维吾尔医医院"),
    ("甲州市维吾尔医医院艾力·买买提院长出席。", "艾力·买买提", "甲州市维吾尔医医院"),
    ("乙县人民医院党委书记库尔班·努尔致辞。", "库尔班·努尔", "乙县人民医院"),
    ("乙县人民医院副院长阿不都热合曼·吐尔逊介绍了医院发展情况。", "阿不都热合曼·吐尔逊", "乙县人民医院"),
])
def test_middle_dot_names_hold_posts_without_the_words_after_them(text, person, org):
    assert (person, "holdsPositionIn", org) in triples(text)


def test_a_middle_dot_name_in_a_list_of_posts_ends_before_the_verb():
    got = triples("院长艾力·买买提、副院长古丽娜尔·阿不都热依木陪同。")
    assert {p for p, r, _ in got if r == "holdsPositionIn"} == {"艾力·买买提", "古丽娜尔·阿不都热依木"}


@pytest.mark.parametrize("text", [
    "光荣在党50年纪念章获得者王五、李四、艾力·买买提。",
    "光荣在党50年纪念章获得者王五、李四、帕尔哈提。",
    "光荣在党50年纪念章获得者王五、李四、黄河。",          # a surname, though also a word
    "2021年度先进工作者名单:王五、李四、帕尔哈提",
])
def test_a_name_without_a_known_surname_does_not_drop_the_list(text):
    got = {p for p, r, _ in triples(text) if r == "awarded"}
    assert {"王五", "李四"} <= got and len(got) == 3


@pytest.mark.parametrize("text", [
    "表彰优秀共产党员王五、护理部、李四。",     # a department is no name
    "表彰优秀共产党员古再丽、帕尔哈提。",       # no item read for sure
    "表彰优秀共产党员王五、李四、荣获。",       # a verb is no name
])
def test_name_shaped_items_need_two_sure_names_beside_them(text):
    assert not [t for t in triples(text) if t[1] == "awarded"]


# ── partners beyond health care, consortia named by their members ──

@pytest.mark.parametrize("text, ours, theirs, parent", [
    ("甲州市第一人民医院第一党支部与甲州银行营业部党支部开展党建联建。",
     "甲州市第一人民医院第一党支部", "甲州银行营业部党支部", "甲州银行"),
    ("甲州市第一人民医院第一党支部与中国银行甲州分行党支部开展党建联建。",
     "甲州市第一人民医院第一党支部", "中国银行甲州分行党支部", "中国银行甲州分行"),
    ("甲州市第一人民医院党委与甲州日报社党委签订共建协议。", "甲州市第一人民医院党委", "甲州日报社党委", "甲州日报社"),
    ("甲州市第一人民医院党委与乙县卫生健康局党组开展联学共建活动。",
     "甲州市第一人民医院党委", "乙县卫生健康局党组", None),     # a 党组 leads its body: no unit of it
])
def test_party_bodies_of_banks_papers_and_government_party_groups_co_build(text, ours, theirs, parent):
    got = triples(text)
    assert (ours, "coBuildsWith", theirs) in got
    assert [o for s, r, o in got if s == theirs and r == "subOrganizationOf"] == ([parent] if parent else [])
    assert not [t for t in got if t[0].startswith("甲州市第一人民医院甲州")]      # never glued to the subject


def test_party_group_posts_stay_with_the_body():
    assert triples("乙县卫生健康局党组成员、副局长王五出席。") == {("王五", "holdsPositionIn", "乙县卫生健康局")}


@pytest.mark.parametrize("text", [
    "甲州市第一人民医院与乙县人民医院开展结对帮扶。",
    "甲州市第一人民医院与乙县人民医院开展对口支援工作。",
])
def test_pairing_up_to_help_is_support(text):
    assert ("甲州市第一人民医院", "supports", "乙县人民医院") in triples(text)


def test_lianhe_with_founding_partners_but_a_joint_event_does_not():
    assert ("甲州市第一人民医院", "partnersWith", "乙县人民医院") in triples(
        "甲州市第一人民医院联合乙县人民医院成立甲州胸痛专科联盟。")
    assert not triples("甲州市第一人民医院联合乙县人民医院举办义诊活动。")


@pytest.mark.parametrize("text", [
    "11月20日上午,甲州市第一人民医院·乙县人民医院医疗联合体揭牌仪式在乙县人民医院举行。",
    "甲州市第一人民医院—乙县人民医院专科联盟签约仪式顺利举行。",
    "甲州市第一人民医院与乙县人民医院医联体建设签约暨揭牌仪式举行。",
])
def test_a_consortium_named_by_two_hospitals_makes_them_partners(text):
    got = triples(text)
    assert ("甲州市第一人民医院", "partnersWith", "乙县人民医院") in got
    assert not [t for t in got if t[2].endswith(("医联体", "医疗联合体", "专科联盟"))]


@pytest.mark.parametrize("text", [
    "甲州市第一人民医院与乙县人民医院医联体将于明年成立。",
    "甲州市第一人民医院和乙县人民医院医联体的专家开展义诊。",
])
def test_a_consortium_planned_or_only_named_makes_no_partners(text):
    assert not [t for t in triples(text) if t[1] == "partnersWith"]


# ── posts: ranks between post and name, 现任, profile lines ──

@pytest.mark.parametrize("text", [
    "甲州市第一人民医院心内科主任、主任医师周九介绍了病例。",
    "甲州市第一人民医院副院长、主任医师、教授、博士生导师周九出席。",
    "周九现任甲州市第一人民医院副院长。",
    "周九,甲州市第一人民医院心内科主任,主任医师。",
    "周九,主任医师,教授,甲州市第一人民医院心内科主任。",
    "周九,女,主任护师,甲州市第一人民医院护理部主任。",
])
def test_posts_read_past_ranks_and_in_profiles(text):
    assert ("周九", "holdsPositionIn", "甲州市第一人民医院") in triples(text)


@pytest.mark.parametrize("text", [
    "周九曾任甲州市第一人民医院副院长。",                 # a former post: optional in the gold, not asserted
    "周九,甲州市第一人民医院院长李四的学生。",            # the post is another's
])
def test_former_posts_and_posts_of_others_are_not_the_profiled_persons(text):
    got = triples(text)
    assert not [t for t in got if t[0].startswith("周九")]
    assert not [t for t in got if t[0].endswith("的")]


@pytest.mark.parametrize("text, honour", [
    ("甲州市第一人民医院获颁SNQ国家品质标章。", "SNQ国家品质标章"),
    ("王小明获颁光荣在党50年纪念章。", "光荣在党50年纪念章"),
])
def test_badges_and_medals_are_honours(text, honour):
    assert any(r == "awarded" and o == honour for _, r, o in triples(text))


def test_a_phrase_ending_in_xia_is_not_part_of_the_name_after_it():
    names = [n for n, t in mentions("在省卫健委的指导下泸州市中医医院与乙县人民医院签约。") if t == "Hospital"]
    assert names == ["泸州市中医医院", "乙县人民医院"]


def test_a_council_seat_is_a_membership_not_a_partnership():
    assert triples("甲州市第一人民医院是甲州胸痛专科联盟理事单位。") == {
        ("甲州市第一人民医院", "memberOf", "甲州胸痛专科联盟")}


def test_an_affiliation_status_is_not_an_honour():
    got = triples("甲州市第一人民医院被确定为丙州医科大学附属医院。")
    assert ("甲州市第一人民医院", "affiliatedWith", "丙州医科大学") in got
    assert not [t for t in got if t[1] == "awarded"]


@pytest.mark.parametrize("text", [
    "会上为王小明、李大红等老党员颁发“光荣在党50年”纪念章。",
    "向王小明、李大红等10名老党员颁发光荣在党50年纪念章。",
    "为老党员王小明、李大红颁发“光荣在党50年”纪念章。",
])
def test_an_honour_presented_to_the_persons_named_after_wei(text):
    got = {(s, o.strip("“”").replace("”", "").replace("“", "")) for s, r, o in triples(text) if r == "awarded"}
    assert got == {("王小明", "光荣在党50年纪念章"), ("李大红", "光荣在党50年纪念章")}


@pytest.mark.parametrize("text", ["院领导为获奖者颁发荣誉证书。", "为他们颁发了奖杯。"])
def test_presenting_to_unnamed_winners_names_no_recipient(text):
    assert not triples(text)


@pytest.mark.parametrize("text", [
    "光荣在党50年纪念章获得者:\n王小明、李大红、赵六一\n",
    "光荣在党50年纪念章获得者名单\n王小明 李大红 赵六一\n",
])
def test_a_winners_heading_over_lines_of_names(text):
    assert {s for s, r, o in triples(text) if r == "awarded" and o == "光荣在党50年纪念章"} == {"王小明", "李大红", "赵六一"}


@pytest.mark.parametrize("text, other", [
    ("甲州市第一人民医院心内科党支部走进乙县城东社区党委开展共建活动。", "乙县城东社区党委"),
    ("甲州市第一人民医院心内科党支部赴乙县人民医院内科党支部开展支部共建。", "乙县人民医院内科党支部"),
    ("甲州市第一人民医院心内科党支部与共建单位乙县城东社区党支部开展活动。", "乙县城东社区党支部"),
    ("甲州市第一人民医院心内科党支部与其共建单位乙县城东社区党支部共同开展义诊活动。", "乙县城东社区党支部"),
])
def test_co_building_on_a_visit_or_with_a_named_co_building_partner(text, other):
    assert ("甲州市第一人民医院心内科党支部", "coBuildsWith", other) in triples(text)


@pytest.mark.parametrize("text", [
    "甲州市第一人民医院心内科党支部走进乙县城东社区开展义诊活动。",      # a visit without 共建
    "甲州市第一人民医院党委书记王赵赴乙县人民医院党委开展调研。",
])
def test_a_visit_alone_is_no_co_building(text):
    got = triples(text)
    assert not [t for t in got if t[1] == "coBuildsWith"]
    assert not [t for t in got if t[0].endswith("赴")]


@pytest.mark.parametrize("title, text, expected", [
    ("乙县人民医院新闻\n", "县人民医院与甲州市第一人民医院签订合作协议。",
     {("乙县人民医院", "partnersWith", "甲州市第一人民医院")}),
    ("乙县中医院新闻\n", "近日,县中医院院长王五一行来访。", {("王五", "holdsPositionIn", "乙县中医院")}),
    ("丙县新闻\n", "县人民医院与甲州市第一人民医院签订合作协议。", set()),     # no such hospital named
])
def test_a_level_and_a_kind_of_hospital_is_the_articles_one_such_hospital(title, text, expected):
    assert triples(text, title=title) == expected


def test_a_clause_opening_with_xiangji_keeps_the_articles_subject():
    got = triples("2016年医院与乙县政府签约,托管乙县中医院以来,相继托管了丙县中医院、丁县中医院。")
    assert {o for s, r, o in got if r == "supports" and s == "甲州市第一人民医院"} == {"乙县中医院", "丙县中医院", "丁县中医院"}


@pytest.mark.parametrize("text", ["甲州市第一人民医院正式成为丙州医科大学附属医院。", "甲州市第一人民医院系丙州医科大学附属医院。"])
def test_an_affiliation_status_names_no_hospital_of_its_own(text):
    assert triples(text) == {("甲州市第一人民医院", "affiliatedWith", "丙州医科大学")}


def test_a_hospital_written_beside_women_yuan_is_not_the_subject():
    got = triples("乙县人民医院专家到我院交流。\n甲州市第一人民医院院长王五接待。\n我院与乙县人民医院签订合作协议。\n",
                  title="我院举行签约仪式\n")
    assert ("甲州市第一人民医院", "partnersWith", "乙县人民医院") in got


@pytest.mark.parametrize("text, expected", [
    ("甲州市人民政府与丙州医科大学签约。副市长孙八出席。", ("孙八", "holdsPositionIn", "甲州市人民政府")),
    ("甲州市政府与丙州医科大学签约。副市长孙八出席。", ("孙八", "holdsPositionIn", "甲州市政府")),
    ("甲州市人民政府与丙州医科大学签约。市委副书记、市长钱七主持。", ("钱七", "holdsPositionIn", "甲州市人民政府")),
    ("甲州市委组织部副部长赖建才出席。", ("赖建才", "holdsPositionIn", "甲州市委组织部")),
])
def test_officials_of_the_articles_one_government_and_party_departments(text, expected):
    assert expected in triples(text)


@pytest.mark.parametrize("text", [
    "副市长孙八出席。",                                                     # no government named
    "甲州市人民政府、乙州市人民政府与丙州医科大学签约。副市长孙八出席。",     # which one is not said
])
def test_a_bare_head_of_government_is_not_guessed(text):
    assert not [t for t in triples(text) if t[0] == "孙八"]


def test_wo_xiao_is_the_university_of_its_school_and_generic_universities_are_no_names():
    got = triples("丙州医科大学乙州临床医学院落户乙州市中医院。我校党委书记王五出席。我校要建设高水平中医药大学。",
                  title="学校举行临床医学院揭牌仪式\n")
    assert ("王五", "holdsPositionIn", "丙州医科大学") in got
    assert not [n for n, t in mentions("努力建设高水平中医药大学。") if t == "University"]
    assert ("乙州市中医院", "Hospital") in mentions("丙州医科大学乙州临床医学院落户乙州市中医院。")


@pytest.mark.parametrize("written", ["甲州市泰山区政府", "甲州市泰山区人民政府"])
def test_a_district_head_holds_a_post_in_the_government_as_the_article_writes_it(written):
    assert ("周九", "holdsPositionIn", written) in triples(f"{written}与丙州医科大学签约。泰山区委副书记、区长周九出席。")


def test_a_national_commission_owns_its_party_committee():
    assert ("国家卫生健康委直属机关党委", "subOrganizationOf", "国家卫生健康委") in triples(
        "在国家卫生健康委直属机关党委指导下,甲州市第一人民医院获此殊荣。")


@pytest.mark.parametrize("text, expected", [
    ("甲州市第七医院支部书记王五出席。", ("王五", "holdsPositionIn", "甲州市第七医院党支部")),
    ("开化县人民政府与甲州市卫健委签约。开化县委常委、常务副县长王五出席。", ("王五", "holdsPositionIn", "开化县人民政府")),
    ("甲州市卫健委与乙县人民医院签约。市卫健委副主任程大云出席。", ("程大云", "holdsPositionIn", "甲州市卫健委")),
    ("甲州市委与乙县人民医院签约。市委书记王五出席。", ("王五", "holdsPositionIn", "甲州市委")),
    ("省卫健委党组书记、主任李小波讲话。", ("李小波", "holdsPositionIn", "省卫健委")),     # none named: as written
])
def test_level_bodies_written_bare_are_the_articles_named_ones(text, expected):
    assert expected in triples(text)


def test_the_signers_bodies_partner_and_lai_xiao_is_no_name():
    got = triples("甲州市人民政府与丙州医科大学战略合作签约仪式举行。甲州市委书记王五出席并讲话,"
                  "校党委常委、副校长李四与甲州市政府副市长赵六代表双方签约。陪同王大明副市长来校交流。",
                  title="丙州医科大学新闻网\n")
    assert ("丙州医科大学", "partnersWith", "甲州市人民政府") in got or ("甲州市人民政府", "partnersWith", "丙州医科大学") in got
    assert not [t for t in got if t[1] == "partnersWith" and "甲州市委" in t]
    assert not [t for t in got if t[0] == "来校"]


def test_party_secretaries_signing_a_co_building_agreement_stand_for_their_committees():
    got = triples("在党建共建签约仪式上,甲州市第一人民医院党委书记王五与乙县城东社区党委书记李四签署共建协议。")
    assert ("甲州市第一人民医院党委", "coBuildsWith", "乙县城东社区党委") in got
    assert not [t for t in got if t[1] == "partnersWith"]
    got = triples("甲州市第一人民医院心内科党支部书记王五与乙县城东社区党支部书记李四代表双方签订党建共建协议。")
    assert ("甲州市第一人民医院心内科党支部", "coBuildsWith", "乙县城东社区党支部") in got


@pytest.mark.parametrize("text, expected", [
    ("为深化党建共建,甲州市第一人民医院心内科党支部与乙县城东社区党支部开展联合主题党日活动。", True),
    ("甲州市第一人民医院心内科党支部与乙县城东社区党支部开展联合主题党日活动。", False),   # no 共建 wording: optional
    ("为深化党建共建,甲州市第一人民医院与乙县城东社区开展义诊活动。", False),             # institutions, not party bodies
])
def test_co_building_said_before_a_joint_activity_of_two_party_bodies(text, expected):
    assert bool([t for t in triples(text) if t[1] == "coBuildsWith"]) == expected


@pytest.mark.parametrize("text, members", [
    ("甲州胸痛专科联盟由甲州市第一人民医院牵头,乙县人民医院、丙县中医医院等15家医疗机构组成。",
     {"甲州市第一人民医院", "乙县人民医院", "丙县中医医院"}),
    ("甲州胸痛专科联盟成立大会召开,乙县人民医院、丙县中医医院成为首批成员单位。", {"乙县人民医院", "丙县中医医院"}),
    ("甲州医共体成员单位有乙县人民医院、丙县中医医院和丁镇卫生院。", {"乙县人民医院", "丙县中医医院", "丁镇卫生院"}),
])
def test_members_led_by_one_listed_after_or_becoming_members(text, members):
    assert {s for s, r, _ in triples(text) if r == "memberOf"} == members


def test_a_title_with_its_year_and_place_keeps_them_as_an_alias_and_two_persons_counted_with_liang():
    r = extract(Document("t.txt", TITLE + "王五同志荣获2022年度甲州市“最美医生”称号。"))
    assert any("2022年度甲州市最美医生" in e.aliases for e in r.entities if e.type == "Honor")
    got = triples("我院王小明、李大红两位同志荣获“甲州市优秀共产党员”称号。")
    assert {s for s, r, _ in got if r == "awarded"} == {"王小明", "李大红"}


@pytest.mark.parametrize("helper", ["甲州市第一人民医院", "我院"])
def test_the_helper_named_after_the_status_it_holds(helper):
    got = triples(f"作为乙县人民医院的对口支援单位,{helper}派出专家组驻点帮扶。")
    assert ("甲州市第一人民医院", "supports", "乙县人民医院") in got


def test_zhibu_alone_is_the_articles_one_branch_and_its_scoped_title_an_alias():
    r = extract(Document("t.txt", "甲州市第一人民医院心内科党支部工作纪实\n甲州市第一人民医院心内科党支部成立于2010年。"
                         "2022年3月,支部获评2021年度甲州省公立医院“标杆党支部”。"))
    got = {(a.subject[1], a.object[1]) for a in r.assertions if a.predicate == "awarded"}
    assert got == {("甲州市第一人民医院心内科党支部", "标杆党支部")}
    assert any("2021年度甲州省公立医院标杆党支部" in e.aliases for e in r.entities if e.type == "Honor")


@pytest.mark.parametrize("text, relation", [
    ("甲州市第一人民医院分别与乙县人民医院、丙县中医医院签订合作协议。", "partnersWith"),
    ("甲州市第一人民医院党委分别与乙县人民医院党委、丙县中医医院党委签订共建协议。", "coBuildsWith"),
])
def test_the_list_after_fenbie_yu_signs_with_the_subject_not_with_each_other(text, relation):
    got = triples(text)
    assert len([t for t in got if t[1] == relation]) == 2
    assert not [t for t in got if t[1] == relation and "甲州市第一人民医院" not in t[0] + t[2]]


def test_a_rank_within_a_category_of_a_ranking_named_before():
    assert ("甲州市第一人民医院", "awarded", "2022年中国医院竞争力排行榜") in triples(
        "甲州市第一人民医院在2022年中国医院竞争力排行榜中位列地级城市医院第18名。")
    assert not triples("甲州市第一人民医院位列地级城市医院第18名。")      # no ranking named
