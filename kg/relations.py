"""Stage 6: sentences + resolved mentions → assertions.

Each relation rule reads one sentence (lists fan out inside it) and records
its id on every assertion it makes. The rule ids, the relation each asserts,
its confidence and what it reads are in ``kg/data/rules.tsv``; the trigger
words in ``kg/data/triggers.tsv`` (:mod:`kg.rules`). At import, every rule id
passed to ``ctx.rel(...)`` here is checked to have a row there, with the same
relation, and every row to be used here.

Planned, hoped-for or negated statements (拟, 将, 争创 …) are not asserted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg import rules
from kg.lexicon import is_word
from kg.mentions import _NOT_NAMES, _is_surname_start, _name_at, org_type
from kg.model import Assertion, Document, Mention, Sentence
from kg.resolve import ORG_TYPES, Resolution, strip_party_prefix

Key = tuple[str, str]
# Rule id → confidence (kg/data/rules.tsv; tests/test_rules_data.py checks
# that every rule id this file asserts with has its row there).
CONFIDENCE = {rid: rule.confidence for rid, rule in rules.RELATION_RULES.items()}
_LIST_SEP = re.compile(r"^(?:、|和|及|以及|与)$")
_CLAUSE = re.compile(r"[,;:,;:]")
# Inside a list: a party suffix left after a name (X局党组、), or one item
# that is no recognised name (、丁街道、) between two that are.
_LIST_SKIP = re.compile(r"(?:党组|党委|党工委|党总支|党支部)?(?:、|和|及|以及|与)"
                        r"|(?:党组|党委)?、[\u4e00-\u9fff]{2,12}?(?:、|和|及|以及)")
_ADVERBS = re.compile(r"^(?:先后|相继|陆续|随后|还|并|也|曾|连续|多次|两度|再次|均|又|已|已经|共|累计|近年来|今年|去年|"
                      r"同时|此外|目前|\d+年(?:\d+月)?|今年\d+月|被|"
                      r"[\d一二三四五六七八九十]+[、.．]|[((][\d一二三四五六七八九十]+[))])*$")
_QUOTE = re.compile(r"[“「『\"‘]([^”」』\"’]{2,60})[”」』\"’]")
_YEAR = re.compile(r"^((?:19|20)\d\d)(?:[-—~至](?:19|20)?\d\d)?(?:年度|年|届)")
_EDITION = re.compile(r"^第[一二三四五六七八九十\d]+届")
_SUB_PARTY = re.compile("党委(?:及|其)?(?:" + "|".join(rules.SUB_PARTY_WORDS) + ")")
def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_NOT_ASSERTED = re.compile(_alternation(rules.NOT_ASSERTED))


# 获批 (approved), 获救, 获益 … are not honours.
_AWARD_TRIGGER = re.compile(f"(?:{_alternation(rules.AWARD_TRIGGERS)})(?!批|救|益|悉|得感|奖励|的)")
_SENDER = re.compile(_alternation(rules.SUPPORT_SENDERS))
_AFFILIATION = re.compile(_alternation(rules.AFFILIATION_WORDS))
_MEMBER_TRIGGER = re.compile(_alternation(rules.MEMBER_FOUNDING + rules.MEMBER_JOIN))
_MEMBER_UNIT = re.compile(r"的?((?:常务)?(?:副)?(?:理事长|理事|主任委员|会员|成员|核心|牵头)单位)")
_PARTY_ROLES = ("书记", "副书记", "专职副书记", "委员", "组织委员", "宣传委员", "纪检委员")


@dataclass
class Ctx:
    doc: Document
    sentence: Sentence
    resolution: Resolution
    mentions: list[tuple[Mention, Key]]      # the sentence's resolved mentions, in text order
    out: list[Assertion]

    def rel(self, subj: Key | None, pred: str, obj: Key | None, rule: str, **attrs) -> None:
        if subj is None or obj is None or subj == obj:
            return
        self.out.append(Assertion(subj, pred, obj, self.doc.name, self.sentence.text, self.sentence.start,
                                  self.sentence.end, rule, CONFIDENCE.get(rule, 0.7),
                                  {k: str(v) for k, v in attrs.items() if v}))

    def pos(self, m: Mention) -> tuple[int, int]:
        return m.start - self.sentence.start, m.end - self.sentence.start


def extract_relations(doc: Document, sentences: list[Sentence], r: Resolution) -> list[Assertion]:
    """The assertions of every sentence. The resolution is only read; new
    entities (honours) are made through :meth:`Resolution.entity`.

    >>> from kg.mentions import find_mentions
    >>> from kg.resolve import resolve
    >>> from kg.sentences import split_sentences
    >>> doc = Document("a.txt", "甲市人民医院与乙县人民医院签约。我院院长王小明出席。")
    >>> sentences = split_sentences(doc)
    >>> r = resolve(doc, sentences, find_mentions(doc, sentences))
    >>> [(a.subject[1], a.predicate, a.object[1]) for a in extract_relations(doc, sentences, r)]
    [('甲市人民医院', 'partnersWith', '乙县人民医院'), ('王小明', 'holdsPositionIn', '甲市人民医院')]
    """
    out: list[Assertion] = []
    for s in sentences:
        ctx = Ctx(doc, s, r, sorted(r.mentions(s.index), key=lambda t: t[0].start), out)
        for rule in (_partners, _partner_status, _visit_signing, _partners_jointly, _paired_alliances, _cobuilds, _cobuilds_jointly,
                     _ranks, _awards, _presented, _listed_in, _titles_before_names, _counted_titles, _winners_named,
                     _supports, _supports_written_around, _supported_under, _supports_as_helper, _affiliations, _members,
                     _party_parents, _posts):
            rule(ctx)
    _award_roster(doc, sentences, r, out)
    _ranks_in_context(doc, sentences, r, out)
    return _dedupe(out)


# ── helpers ──

# How far a list may start after its lead-in word (成员单位包括…) and end
# before what follows it, and how much text after a partner list is read for
# the verb that makes it a partnership (签订…协议).
MAX_LEAD_IN = 8
# Who can receive an honour or be listed as a recipient: a person or any body.
RECIPIENT_KINDS = ("Person", "PartyOrganization") + ORG_TYPES
MAX_TRAIL = 4
TAIL_CHARS = 40
ALLIANCE_BEFORE = 30     # X联盟由A携手…: how far before 由 the alliance may be named
PARTY_SUFFIX_MAX = 6     # 红星社区 → 红星社区第一党支部: how much a party body's name adds to its body's


def _orgs(ctx: Ctx, types=ORG_TYPES) -> list[tuple[Mention, Key]]:
    return [(m, k) for m, k in ctx.mentions if k[0] in types]


def _list_after(ctx: Ctx, pos: int, types) -> list[tuple[Mention, Key]]:
    """Mentions of ``types`` forming a list that starts at ``pos``
    (A、B和C), allowing a short lead-in such as 成员单位."""
    out, cur = [], pos
    for m, k in ctx.mentions:
        a, b = ctx.pos(m)
        if out and (a, b) == ctx.pos(out[-1][0]) and k[0] in types:
            out.append((m, k))
            continue
        if a < cur:
            continue
        gap = ctx.sentence.text[cur:a]
        if k[0] not in types:
            if out:
                break
            continue
        if out and not (_LIST_SEP.match(gap) or _LIST_SKIP.fullmatch(gap)):
            break
        if not out and (len(gap) > MAX_LEAD_IN or _CLAUSE.search(gap)):
            break
        out.append((m, k))
        cur = b
    return out


def _list_before(ctx: Ctx, pos: int, types) -> list[tuple[Mention, Key]]:
    """Mentions of ``types`` forming a list that ends right before ``pos``."""
    out, cur = [], pos
    for m, k in reversed(ctx.mentions):
        a, b = ctx.pos(m)
        if out and (a, b) == ctx.pos(out[-1][0]) and k[0] in types:
            out.append((m, k))
            continue
        if b > cur:
            continue
        gap = ctx.sentence.text[b:cur]
        if k[0] not in types:
            if re.fullmatch(r"、?[\u4e00-\u9fff]{1,6}", gap) and out:
                cur = a          # 外科党总支、骨科与: skip a short non-party item
                continue
            break
        if out and not (_LIST_SEP.match(gap) or re.fullmatch(r"、[\u4e00-\u9fff]{1,5}、", gap)):
            break
        if not out and len(gap) > MAX_TRAIL:
            break
        out.append((m, k))
        cur = a
    return out[::-1]


_PAREN = re.compile(r"[((][^()()]{0,40}[))]")


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts; punctuation inside a bracket
    (以下简称:X) does not end a clause."""
    inside = [(m.start(), m.end()) for m in _PAREN.finditer(text, 0, pos)] if "(" in text else []
    starts = [m.end() for m in _CLAUSE.finditer(text, 0, pos)
              if not any(a < m.start() < b for a, b in inside)]
    return starts[-1] if starts else 0


def _not_asserted(text: str) -> bool:
    """拟, 将, 争创 …: a planned or hoped-for statement (将士, 努力下 are not)."""
    for m in _NOT_ASSERTED.finditer(text):
        w = m.group()
        if not any(0 <= m.start() - e.find(w) and text.startswith(e, m.start() - e.find(w))
                   for e in rules.NOT_ASSERTED_EXCEPT.get(w, ())):
            return True
    return False


def _subject_before(ctx: Ctx, pos: int, types=ORG_TYPES) -> Key | None:
    """Who does what is written at ``pos``: the nearest mention before it in
    its clause, else the sentence's opening mention, else — when nothing but
    adverbs precedes — the article's subject hospital."""
    cs = _clause_start(ctx.sentence.text, pos)
    before = [(m, k) for m, k in ctx.mentions if cs <= ctx.pos(m)[1] <= pos and k[0] in types]
    if before:
        return before[-1][1]
    # The sentence's subject: a mention opening an earlier clause (近年来,A…)
    for m, k in ctx.mentions:
        a, b = ctx.pos(m)
        if b > cs:
            break
        if k[0] in types and _ADVERBS.match(ctx.sentence.text[_clause_start(ctx.sentence.text, a):a]):
            return k
    if _ADVERBS.match(re.sub(r"\s", "", ctx.sentence.text[cs:pos])) and ctx.resolution.subject:
        return ctx.resolution.subject.key
    return None


def _org_of(ctx: Ctx, key: Key) -> Key | None:
    """A party body's organisation (for relations between institutions)."""
    if key[0] != "PartyOrganization":
        return key
    for m, k in ctx.mentions:
        if k == key:
            parent = _parent_key(ctx, m)
            return parent
    return None


def _party_of(ctx: Ctx, key: Key, suffix: str = "党委") -> Key:
    """An institution's party body (its 党委) when it co-builds. The body is
    not written in the article, so no subOrganizationOf is asserted for it
    (party-parent reads only party bodies that are named)."""
    if key[0] == "PartyOrganization":
        return key
    # 红星社区 co-builds: the one party body of it the article names (红星社区党支部), if any
    named = [k for k in ctx.resolution.entities if k[0] == "PartyOrganization" and key[1] in k[1]
             and len(k[1]) - k[1].find(key[1]) - len(key[1]) <= PARTY_SUFFIX_MAX]
    if len(named) == 1:
        return named[0]
    return ctx.resolution.entity("PartyOrganization", key[1] + suffix)


def _parent_key(ctx: Ctx, m: Mention) -> Key | None:
    if m.in_subject or not m.parent:
        if ctx.resolution.subject is None:
            return None
        if m.parent:      # a post in one of the subject's party bodies (外科党支部书记)
            return ctx.resolution.entity("PartyOrganization", ctx.resolution.subject.name + m.parent)
        return ctx.resolution.subject.key
    parent = strip_party_prefix(m.parent)
    for t in ORG_TYPES:
        if (t, parent) in ctx.resolution.canonical or (t, parent) in ctx.resolution.entities:
            return ctx.resolution.entity(t, parent)          # entity() applies the canonical name
    return ctx.resolution.entity(org_type(parent), parent)


# ── core relations ──

def _partners(ctx: Ctx) -> None:
    text = ctx.sentence.text
    for c in re.finditer(r"与|同|和|跟|携手|牵手|联合", text):
        partners = _list_after(ctx, c.end(), ORG_TYPES)
        if not partners or _quoted_at(text, ctx.pos(partners[0][0])[0]) and \
                text[ctx.pos(partners[-1][0])[1]:][:1] not in "”」』":
            continue          # 成为“乙大学教学基地”和“乙大学附属医院协作医院”: titles, not parties
        if len(partners) == 1 and _named_by_member(partners[0][0]) and _CONSORTIUM.search(partners[0][0].name):
            continue          # 甲院与乙院医联体签约: the two hospitals partner (_paired_alliances)
        end = ctx.pos(partners[-1][0])[1]
        tail = text[end:end + TAIL_CHARS]
        tail = tail[:_first_clause_end(tail)]
        if c.group() == "和" and _SAME_SIDE.match(tail):
            continue          # A和B(分别)与C签约: A and B sign with C, not with each other
        after = re.split(r"[。;;]", text[end:end + TAIL_CHARS])[0]
        together = c.group() in ("携手", "牵手") and re.search(r"共建|打造|成立|推进|开展|组成|组建|发起", after) or \
            c.group() == "联合" and re.match(r"[^,,]{0,8}?(?:共建|成立|组成|组建|发起)", after)
        if c.group() == "联合" and not together:
            continue          # 联合举办义诊: one joint event
        if not together and not any(t in tail for t in rules.PARTNER_TRIGGERS if t != "共建") and not (
                "共建" in tail and "党建" not in tail):
            continue
        # Planned wording counts up to the first partnering word only: 与B签约,
        # 双方将在…合作 is a signing done; 与B拟签订协议 is not.
        first = min((tail.find(t) + len(t) for t in rules.PARTNER_TRIGGERS if t in tail), default=len(tail))
        if _not_asserted(text[_clause_start(text, c.start()):c.start()] + tail[:first]):
            continue
        if _NOT_PARTNERING.search(tail) and not _SIGNED.search(tail):
            continue          # 共同主办 / 承办 a meeting, 就合作进行洽谈: no partnership yet
        if _WITNESSED.search(tail):
            continue          # 市长王五与乙大学校长李四见证签约: the two witness, their bodies do not sign
        if "共建" in tail and _party_secretaries(ctx, c):
            continue          # 甲院党委书记王五与乙社区党委书记李四签署共建协议: their committees co-build
        # A、B与C签约: A and B each partner C
        left = [(m, k) for m, k in _list_before(ctx, c.start(), ORG_TYPES) if not _quoted_at(text, ctx.pos(m)[0])]
        signer = _person_ending_at(ctx, c.start())
        signer_body = _parent_key(ctx, signer[0]) if signer is not None else None
        if left and not _CLAUSE.search(text[ctx.pos(left[-1][0])[1]:c.start()]):
            subjects = [k for _, k in left]
        elif signer_body:
            subjects = [signer_body]     # 副校长王五与乙市副市长李四签约: 王五's body signs
        else:
            subj = _subject_before(ctx, c.start())
            subjects = [subj] if subj else []
        for subj in subjects:
            for _, k in partners:
                ctx.rel(subj, "partnersWith", k, "partner-with")
        alliance = _alliance_in(ctx, end, end + TAIL_CHARS)
        if alliance and subjects and re.search(r"成立|组建|签约|加入", tail):
            for k in subjects + [k for _, k in partners]:
                ctx.rel(k, "memberOf", alliance, "member-signing")


_SAME_SIDE = re.compile(r"(?:分别|共同|一起|一同|均|都)?(?:与|同|跟)")
_NOT_PARTNERING = re.compile(r"^\s*就|洽谈|商谈|考察|参观|调研|走访|探讨|交换(?:了)?意见|"
                             r"共同主办|联合主办|承办|协办|共同举办|联合举办|"
                             r"^\s*的合作|^[^,。;;]{0,4}保持(?:着)?[^,。;;]{0,6}合作")   # 透过A与B的合作 / 长期保持紧密合作: no act
_WITNESSED = re.compile(r"见证(?:了)?(?:签约|签字|签署|协议)")
_SIGNED = re.compile(r"签订|签署|签约|签下|缔结|结为|成立|组建|揭牌|授牌|建立|达成")


_STATUS = re.compile(r"(?:合作|协作|友好|战略合作|联盟|技术协作|医联体)(?:医院|单位|伙伴|成员单位)$")
# 副理事长单位, 会员单位: a seat in an alliance's council, a membership (no honour, no partnership)
_SEAT = re.compile(r"(?:理事长|理事|会员|委员)(?:医院|单位|成员单位)$")
_BECOMES = re.compile(r"(?:成为|成功成为|正式成为|是|挂牌)$")


_VISIT = re.compile(r"赴|前往|来到|走进|到访|莅临")
_VISIT_SIGNED = re.compile(r"签订|签署|签约|揭牌|授牌|结为")


def _visit_signing(ctx: Ctx) -> None:
    """A 一行赴 B …, 双方签订合作协议: a visit is no partnership, a signing during it is."""
    text = ctx.sentence.text
    for c in _VISIT.finditer(text):
        hosts = _list_after(ctx, c.end(), ORG_TYPES)
        if not hosts:
            continue
        tail = text[ctx.pos(hosts[-1][0])[1]:]
        tail = tail[:re.search(r"[。;;]|$", tail).start()]
        signed = _VISIT_SIGNED.search(tail)
        if signed is None or not re.search(r"合作|协议|医联体|联盟|协作|共建|签约", tail) or _not_asserted(
                text[_clause_start(text, c.start()):c.start()] + tail[:signed.start()]):
            continue
        if _CLAUSE.search(tail[:signed.start()]) and not re.search(r"双方|两院|共同", tail[:signed.start()]):
            continue          # the signing belongs to the visit only when 双方 carries it over
        subj = _subject_before(ctx, c.start())
        for _, k in hosts:
            ctx.rel(subj, "partnersWith", k, "partner-visit")


def _partner_status(ctx: Ctx) -> None:
    """A 成为 B 的协作医院 / B 为 A 授予 “合作医院” 牌匾: a partnership status."""
    text = ctx.sentence.text
    for m, k in _orgs(ctx):
        a, b = ctx.pos(m)
        after = re.match(r"(?:的)?[“”\"]?([^,。;;“”\"]{2,10}?)[”\"]?(?=$|[,。;;]|称号|牌匾)", text[b:])
        if not after or not _STATUS.search(after.group(1)):
            continue
        cs = _clause_start(text, a)
        before = re.sub(r"[“\"]$", "", text[cs:a])
        becomes = _BECOMES.search(before) or re.search(r"(?:成为|是)[^,。;;]*[和、及][“\"]?$", before)
        if not becomes or _not_asserted(text[cs:a]):
            continue          # 成为“乙大学教学基地”和“乙院协作医院”: the second status of a list
        subj = _subject_before(ctx, cs + becomes.start())
        ctx.rel(subj, "partnersWith", k, "partner-status")
    for t in re.finditer(r"为|向", text):
        given = re.match(r"[^,。;;]{0,12}?(?:(?:授予|颁发|授)[“\"]?([^,。;;“”\"]{2,12}?)[”\"]?(?:称号)?(?:牌匾|铜牌|匾牌|牌)"
                         r"|授牌[“\"]([^,。;;“”\"]{2,12}?)[”\"])", text[t.end():])
        if not given or not _STATUS.search(given.group(1) or given.group(2)):
            continue
        receivers = _list_after(ctx, t.end(), ORG_TYPES)
        giver = _subject_before(ctx, t.start())
        for _, k in receivers:
            ctx.rel(giver, "partnersWith", k, "partner-status")


def _quoted_at(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside quotation marks (“乙大学教学基地”和…: a title, not a party)."""
    before = text[:pos]
    return sum(before.count(q) for q in "“「『") > sum(before.count(q) for q in "”」』")


def _first_clause_end(tail: str) -> int:
    m = re.search(r"[。;;]|,(?!\s*(?:双方|共同))", tail)
    return m.start() if m else len(tail)


def _alliance_in(ctx: Ctx, a: int, b: int) -> Key | None:
    for m, k in ctx.mentions:
        if k[0] == "Alliance" and a <= ctx.pos(m)[0] < b:
            return k
    return None


def _cobuilds(ctx: Ctx) -> None:
    text = ctx.sentence.text
    if not any(t in text for t in rules.COBUILD_TRIGGERS):
        return
    party_or_org = ("PartyOrganization",) + ORG_TYPES
    for c in _COBUILD_WITH.finditer(text):
        right = _list_after(ctx, c.end(), party_or_org)
        left = _list_before(ctx, c.start(), party_or_org)
        signers = _party_secretaries(ctx, c)
        if signers:           # 甲院党委书记王五与乙社区党委书记李四签署共建协议: their committees
            left, right = signers
        if not left and right and right[0][1][0] == "PartyOrganization":
            # 党工委及其管辖的…代表分别与…党委: the nearest party body of the clause
            cs = _clause_start(text, c.start())
            left = [(m, k) for m, k in ctx.mentions if k[0] == "PartyOrganization"
                    and cs <= ctx.pos(m)[0] and ctx.pos(m)[1] <= c.start()][-1:]
        if not right or not left:
            continue
        if _SEVERAL_BRANCHES.search(text, ctx.pos(left[-1][0])[1], c.start()):
            continue          # 我院多个支部与…: a set of branches nobody named (optional in the gold)
        sides = [k[0] == "PartyOrganization" for _, k in left + right]
        after = text[ctx.pos(right[-1][0])[1]:][:16]
        if not any(sides) and not (_PARTY_WORDING.match(after[:_first_clause_end(after)]) and
                                   _SIGNED_COBUILD.search(text[ctx.pos(right[-1][0])[1]:][:40])):
            continue          # two institutions co-build as parties: a signed 党建 agreement or ceremony
        tail = re.split(r"[。;;]", text[ctx.pos(right[-1][0])[1]:][:60])[0]
        trig = _COBUILD_TRIGGER.search(tail)
        # 与共建单位B; 为深化党建共建,A与B开展主题党日活动: the co-building said before the pair
        said_before = all(sides) and bool(c.group("status") or _COBUILD_TRIGGER.search(
            text, 0, ctx.pos(left[0][0])[0]) and _JOINT_ACTIVITY.match(tail))
        if trig and not all(sides) and not _PARTY_TAIL.search(tail):
            continue          # 党支部与乙院共建胸痛中心: with an institution, co-building must be about the party
        if not (trig or said_before) or _not_asserted(text[:c.start()][-10:] + tail[:trig.start() if trig else 0]):
            continue          # the 共建 wording must follow the pair
        respectively = "分别" in text[max(0, c.start() - 3):c.start()] and len(left) == len(right)
        pairs = (zip([k for _, k in left], [k for _, k in right]) if respectively else
                 ((a, b) for _, a in left for _, b in right))
        for a, b in pairs:
            oa, ob = _org_of(ctx, a), _org_of(ctx, b)
            if oa is not None and oa == ob:
                continue      # two branches of one hospital: not what 共建 reports
            ctx.rel(_party_of(ctx, a), "coBuildsWith", _party_of(ctx, b), "cobuild-with")


_JOINT_ACTIVITY = re.compile(r"[^,。;;]{0,12}?(?:开展|举行|组织|举办)(?:了)?[^,。;;]{0,16}?活动")
_PARTY_SECRETARY = re.compile(r"(党委|党总支|党支部)(?:副)?书记$")


def _person_ending_at(ctx: Ctx, pos: int) -> tuple[Mention, Key] | None:
    """The person written right before ``pos`` (王五 of 王五与…), or None."""
    return next(((m, k) for m, k in ctx.mentions if k[0] == "Person" and ctx.pos(m)[1] == pos), None)


def _party_secretaries(ctx: Ctx, c: re.Match) -> tuple[list, list] | None:
    """The party bodies of two secretaries written on either side of 与,
    as one-item left and right lists, or None."""
    text = ctx.sentence.text
    before = _person_ending_at(ctx, c.start())
    after = next(((m, k) for m, k in ctx.mentions if k[0] == "Person" and ctx.pos(m)[0] > c.end()
                  and not re.search(r"[,。;;]", text[c.end():ctx.pos(m)[0]])), None)
    sides = []
    for found in (before, after):
        role = _PARTY_SECRETARY.search(found[0].role) if found else None
        org = _parent_key(ctx, found[0]) if role else None
        if org is None:
            return None
        sides.append([(found[0], _party_of(ctx, org, role.group(1)))])
    return sides[0], sides[1]


# 与B / 联合B / 走进B (开展共建): the other side; 与共建单位B: B is named as the partner in co-building
_COBUILD_WITH = re.compile(r"(?:与|同|和)(?:其)?(?P<status>(?:党建)?(?:共建|结对|联建)(?:共建)?(?:单位|支部|党支部|伙伴))?"
                           r"|联合|走进|来到|前往|赴")


# A、B、C(三方|等N家单位党组织)(共同)签订共建协议: no one is the subject, every pair signs
_JOINTLY = re.compile(r"(?:[两三四五六七八九十\d]+(?:方|院|家(?:医院|单位)?)|双方|等[\d两三四五六七八九十]+(?:个|家)[^,。;;]{0,8}?)?"
                      r"(?:共同|一起|一同|联合)?(?:签订|签署|结成|结对|开展|举行)")


def _joint_signers(ctx: Ctx, types) -> list[tuple[list[Key], str]]:
    """Lists of ``types`` written with 、 and no 与 that sign or start
    something together, each with the rest of its clause."""
    text, out = ctx.sentence.text, []
    if "、" not in text:
        return out            # a list of three or more, or of two, is written with 、
    items = [(m, k) for m, k in ctx.mentions if k[0] in types]
    for i, (m, _) in enumerate(items):
        group, end = _list_before(ctx, ctx.pos(m)[1], types), ctx.pos(m)[1]
        if len(group) < 2 or (i + 1 < len(items) and ctx.pos(items[i + 1][0])[0] - end < 3):
            continue          # not the last item of the list
        tail = re.split(r"[,。;;]", text[end:])[0]
        if not _JOINTLY.match(tail) or _not_asserted(tail) or \
                re.search(r"与|同|跟|和", text[ctx.pos(group[0][0])[0]:end]) or \
                re.search(r"(?:与|同|跟|和)$", text[:ctx.pos(group[0][0])[0]]):
            continue          # A与B、C / A分别与B、C: the subject's pairs are read by the rules of 与
        out.append((list(dict.fromkeys(k for _, k in group)), tail))
    return out


def _pairs(keys: list[Key]):
    return ((a, b) for j, a in enumerate(keys) for b in keys[j + 1:])


def _cobuilds_jointly(ctx: Ctx) -> None:
    """Party bodies listed with 、 that co-build together: each pair co-builds."""
    for keys, tail in _joint_signers(ctx, ("PartyOrganization",)):
        if _COBUILD_TRIGGER.search(tail):
            for a, b in _pairs(keys):
                if _org_of(ctx, a) is None or _org_of(ctx, a) != _org_of(ctx, b):
                    ctx.rel(a, "coBuildsWith", b, "cobuild-jointly")


def _partners_jointly(ctx: Ctx) -> None:
    """Institutions listed with 、 that sign a cooperation together: each pair partners."""
    for keys, tail in _joint_signers(ctx, ORG_TYPES):
        if any(t in tail for t in rules.PARTNER_TRIGGERS if t != "共建") and not _PARTY_TAIL.search(tail):
            for a, b in _pairs(keys):
                ctx.rel(a, "partnersWith", b, "partner-jointly")


# 甲院·乙院医联体 / 甲院—乙院专科联盟 / 甲院与乙院医联体: a consortium named by its two members
_ALLIANCE_SUFFIX = re.compile("(?:" + _alternation(s for s, t, _ in rules.ORG_SUFFIXES if t == "Alliance") + ")$")
_CONSORTIUM = re.compile(r"(?:医联体|医疗联合体|医共体|医疗共同体)$")     # formed by two, not joined by many
_PAIR_JOIN = re.compile(r"[·・—–\-]|与|和")
_PAIR_ACT = re.compile(r"揭牌|签约|签订|签署|成立|启动|授牌|挂牌")


def _named_by_member(m: Mention) -> str:
    """乙县人民医院医联体 → 乙县人民医院: the institution an alliance is named after, or ''."""
    inner = _ALLIANCE_SUFFIX.sub("", m.name) if m.type == "Alliance" else ""
    return inner if inner != m.name and org_type(inner) in ("Hospital", "University") else ""


def _paired_alliances(ctx: Ctx) -> None:
    """甲院·乙院医联体揭牌: the two hospitals that name a consortium formed
    (signed, unveiled) partner each other."""
    text = ctx.sentence.text
    for (first, fk), (m, mk) in zip(ctx.mentions, ctx.mentions[1:]):
        a, b = ctx.pos(first)[1], ctx.pos(m)[0]
        if mk[0] != "Alliance" or fk[0] not in ("Hospital", "University") or not _PAIR_JOIN.fullmatch(text[a:b]):
            continue
        inner = _named_by_member(m)
        if text[a:b] in ("与", "和") and not _CONSORTIUM.search(m.name):
            continue          # 甲院与乙院专科联盟签约: the alliance 乙院 leads may be the partner
        act = _PAIR_ACT.search(text, ctx.pos(m)[1], ctx.pos(m)[1] + 12)
        if not inner or act is None or _not_asserted(text[_clause_start(text, a):act.end()]):
            continue
        ctx.rel(fk, "partnersWith", ctx.resolution.entity(org_type(inner), inner), "partner-paired")


_PARTY_TAIL = re.compile(r"党建|党支部|党组织|支部|党委|党总支|党员|党工委")
_SEVERAL_BRANCHES = re.compile(r"(?:多个|各|若干|部分|[\d一二三四五六七八九十]+个)(?:党)?(?:支部|党总支|党组织)")
_COBUILD_TRIGGER = re.compile(_alternation(rules.COBUILD_TRIGGERS))
_SIGNED_COBUILD = re.compile(r"签|协议|仪式|揭牌|授牌|结对|结成")
_PARTY_WORDING = re.compile(r"^[^,。;;]{0,8}?(?:党建|党组织|支部)(?:" + _alternation(rules.COBUILD_TRIGGERS) + ")")


def _awards(ctx: Ctx) -> None:
    text = ctx.sentence.text
    for t in _GIVEN_AS.finditer(text):      # 乙省卫健委命名乙县人民医院为“X”
        given = _given_to(ctx, t)
        end = ctx.pos(given[-1][0])[1] if given else -1
        if given and text[end:end + 1] == "为" and not _not_asserted(text[_clause_start(text, t.start()):t.start()]):
            for name, alias, _, _ in _honours_after(text, end + 1, "荣获"):
                hk = ctx.resolution.entity("Honor", name, alias=alias)
                for _, k in given:
                    ctx.rel(k, "awarded", hk, "award-given")
    for t in _AWARD_TRIGGER.finditer(text):
        given = _given_to(ctx, t) if t.group() == "授予" else []
        start = ctx.pos(given[-1][0])[1] if given else t.end()
        named = _GIVEN_PERSONS.match(text, t.end()) if t.group() == "授予" and not given else None
        persons = _persons_written(ctx, named.group("names")) if named else []
        if persons:           # 授予王五等20名同志“X”称号: the persons named of those honoured
            start = named.end()
        elif t.group() == "授予" and (_COUNTED.match(text, start) or not given and not _PASSIVE_GIVER.search(
                text, _clause_start(text, t.start()), t.start()) and text[t.end():t.end() + 1] != "的"):
            continue         # 授予3个单位和6名个人… / 授予王五“X”称号 (王五 not found): no recipient we know
        start = _AFTER_RECIPIENT.match(text, start).end()
        honours = _honours_after(text, start, t.group())
        ba = _BA_TITLE.search(text, 0, t.start()) if given and not honours else None
        if ba:                # 将“X”称号授予A: 将 marks the object here, not a plan
            honours = [(n, a, q, t.start()) for n, a, q, _ in _honours_after(ba.group("h"), 0, "荣获")]
        if not honours:
            # 获得省级以上荣誉30余项,其中包括X、Y: the titles follow in the next clause
            clause = re.match(r"[^,。;;]*", text[start:]).group()
            inc = _INCLUDING.match(text, start + len(clause))
            if inc and re.search(r"荣誉|称号|奖项|殊荣|表彰", clause):
                honours = _honours_after(text, inc.end(), "荣获")
        if not honours:
            continue
        cs = _clause_start(text, t.start())
        if _not_asserted(text[cs:ba.start() if ba else t.start()]) or _candidate(
                text[cs:honours[-1][3]] + re.split(r"[,。;;]", text[honours[-1][3]:honours[-1][3] + 8])[0]):
            continue
        rule = "award-given" if given or persons else "award-quoted" if honours[0][2] else "award-plain"
        recipients = ([k for _, k in given] if given else persons or
                      _award_recipients(ctx, cs, t.start(), honours[-1][3]))
        if not recipients:    # 全省10家单位获评X,其中包括A、B
            inc = _AMONG.match(text, honours[-1][3] + len(re.match(r"[^,。;;]*", text[honours[-1][3]:]).group()))
            recipients = [k for _, k in _list_after(ctx, inc.end(), ("Person",) + ORG_TYPES)] if inc else []
        # A、B分别荣获X、Y: the i-th recipient receives the i-th honour
        pairs = (list(zip([[k] for k in recipients], honours))
                 if "分别" in text[max(cs, t.start() - 3):t.start()] and len(recipients) == len(honours) > 1
                 else [(recipients, h) for h in honours])
        party_only = all(_unquoted(h[0]).endswith(_PARTY_HONOUR_HEADS) for h in honours)
        for recipients, (name, alias, _, _) in pairs:
            plain = _unquoted(name)
            if plain.endswith(_PARTY_HONOUR_HEADS) and party_only:
                # 甲院荣获先进基层党组织: its party body; among the hospital's other honours it stays the hospital's
                recipients = [_party_of(ctx, k, "党支部" if plain.endswith("党支部") else "党委")
                              if k[0] in ORG_TYPES else k for k in recipients]
            hk, year = _honour(ctx.resolution, name, alias)
            for k in recipients:
                ctx.rel(k, "awarded", hk, rule, year=year)


# 为王五、李四等老党员颁发“光荣在党50年”纪念章: the persons honoured, then what they are given
_PRESENTED = re.compile(r"(?:为|向|给)(?P<who>[^,。;;为向给]{2,80}?)(?:颁发|颁授|授予|佩戴)(?:了)?")
_PRESENTED_LEAD = re.compile(r"^(?:获奖|受表彰的?|老|优秀|获奖者|荣获[^,。;;]{0,20}?的)*(?:党员|同志|代表|人员)?(?:代表)?")
_PRESENTED_TAIL = re.compile(r"(?:等)?(?:[\d一二三四五六七八九十两百]+(?:名|位|人))?(?:老|优秀)?(?:党员|同志|代表|个人)*$")


def _presented(ctx: Ctx) -> None:
    """为王五、李四颁发“光荣在党50年”纪念章 / 向乙院颁发“X”奖牌: persons or
    bodies named after 为/向 that an honour is presented to."""
    text = ctx.sentence.text
    for p in _PRESENTED.finditer(text):
        honours = _honours_after(text, p.end(), "颁发")
        if not honours or _candidate(text) or _not_asserted(text[_clause_start(text, p.start()):p.start()]):
            continue
        who = _PRESENTED_TAIL.sub("", p.group("who"))
        names = _PRESENTED_LEAD.sub("", who)
        keys = [ctx.resolution.entity("Person", n) for n in _bare_person_list(names)] if names else []
        if not keys:
            listed = _list_after(ctx, p.start("who"), RECIPIENT_KINDS)
            if listed and ctx.pos(listed[0][0])[0] == p.start("who") and \
                    ctx.pos(listed[-1][0])[1] == p.start("who") + len(who):
                keys = [k for _, k in listed]
        for name, alias, _, _ in honours:
            hk, year = _honour(ctx.resolution, name, alias)
            for k in keys:
                ctx.rel(k, "awarded", hk, "award-presented", year=year)


_PARTY_HONOUR_HEADS = ("党支部", "党组织", "党委", "党总支")
_GIVEN_PERSONS = re.compile(r"[::]?(?P<names>[\u4e00-\u9fff、]{2,80}?(?:等[\d一二三四五六七八九十百两]+(?:名|位|人))?同志)"
                            r"(?=[“「\"]|为)")
_BA_TITLE = re.compile(r"将(?P<h>[^,。;;将]{4,40}?)(?:荣誉称号|称号|荣誉)?$")
_GIVEN_AS = re.compile(r"(?<!被)(?:命名|表彰|认定|评定|确定)(?!为)")
_PASSIVE_GIVER = re.compile(r"被|由")      # 甲院被乙省授予X: the recipient precedes 授予
_COUNTED = re.compile(r"[\d一二三四五六七八九十百两]+(?:个|名|家|位|所|支)")
_AFTER_RECIPIENT = re.compile(r"(?:同志)?(?:等(?:[\d一二三四五六七八九十两]+(?:个|名|家|位|人))?)?(?:同志|单位|集体)?为?")


_LISTED_IN = re.compile(r"(?P<title>[^,。;;:]{4,60}?)(?:名单|榜单|榜|评选活动|评选)(?:的(?:通知|通报|决定|公告))?[》」]?"
                        r"(?:中|里|上|(?:正式)?(?:出炉|发布|公布|揭晓))?[,]?"
                        r"(?P<who>[^,。;;:]{0,80}?)"
                        r"(?:成功|均|全部|顺利|也|再次|光荣)*(?:入选|上榜|榜上有名|名列其中|位列其中|在列|保留|获评|获此(?:殊荣|荣誉|称号))"
                        r"(?=$|[,。;;]|其中)")
_TITLE_COUNT = re.compile(r"(?:[两三四五六七八九十\d]+个)?(?:表彰|评选|荣誉)?$")


_SCOPED = re.compile(r"全国|国家|中国|[省市县区州]|(?:19|20)\d\d")   # 文明单位 alone: an earlier title shortened


def _listed_in(ctx: Ctx) -> None:
    """在“X”名单中, A、B 成功入选 / X名单中, A 成功保留 / A 在 X、Y 两个表彰名单中
    均榜上有名: an honour list named, its recipients said to be on it."""
    text = ctx.sentence.text
    for t in _LISTED_IN.finditer(text):
        if _candidate(text[:t.end()]) or _not_asserted(t.group("title")):
            continue
        raw = t.group("title")
        who = _who_in(ctx, *t.span("who"))
        # 我院王小明榜上有名 / 王小明、李大红入选: persons written after the last name, or alone
        persons = _persons_written(ctx, text[ctx.pos(who[-1][0])[1] if who else t.start("who"):t.end("who")])
        if not who and not persons:     # A在X名单中均榜上有名: the recipient comes first
            at = raw.rfind("在")
            who = _who_in(ctx, t.start("title"), t.start("title") + at) if at > 0 else []
            raw = raw[at + 1:] if at > 0 else ""
        if not who and not persons:
            continue
        title = re.sub(r"^(?:在|经)", "", raw.strip())
        title = re.sub(r"^.*(?:公布|发布|印发|下发)了?(?:的)?", "", title)      # 乙省卫健委公布了X名单
        title = re.sub(r"[“”「」『』\"‘’《》]", "", _clean_honour(title))
        title = re.sub(r"^.*?(?:继续)?保留(?:荣誉)?称号的", "", title)
        titles = [x for x in re.split(r"[、和]", _TITLE_COUNT.sub("", title)) if x] if "、" in title else [title]
        group = persons or [k for _, k in _list_before(ctx, ctx.pos(who[-1][0])[1], (who[-1][1][0],)) or who[-1:]]
        for title in titles:
            edition = _EDITION.match(title)
            name = title[edition.end():] if edition else title
            if not (_is_honour(name) and _SCOPED.search(name)):
                continue
            hk, year = _honour(ctx.resolution, name, title)
            for k in group:
                ctx.rel(k, "awarded", hk, "award-listed", year=year)


def _who_in(ctx: Ctx, a: int, b: int) -> list[tuple[Mention, Key]]:
    return [(m, k) for m, k in ctx.mentions
            if a <= ctx.pos(m)[0] and ctx.pos(m)[1] <= b and k[0] in RECIPIENT_KINDS]


def _given_to(ctx: Ctx, t: re.Match) -> list[tuple[Mention, Key]]:
    """乙省卫健委授予甲院、乙院“X”称号: the recipients written right after 授予."""
    first = next(((m, k) for m, k in ctx.mentions if ctx.pos(m)[0] >= t.end()), None)
    if first is None or ctx.pos(first[0])[0] > t.end() + 1 or first[1][0] not in RECIPIENT_KINDS:
        return []
    return _list_after(ctx, t.end() + (ctx.sentence.text[t.end():t.end() + 1] in "::"), (first[1][0],))


_RANK = re.compile(r"第(?P<n>[\d一二三四五六七八九十百]+)(?:名|位|(?=[、和及]第))|前(?P<top>[\d一二三四五六七八九十百]+)(?:名|位|强)?")
_RANK_CATEGORY = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:医院|专科|学科|单位|机构|大学|高校)")
_RANK_VERB = re.compile(_alternation(rules.RANK_VERBS))
_RANKING_IN = re.compile(r"在(?P<list>[^,。;;:在]{4,40})(?:中|上|里)(?:的排名)?[,]?[^,。;;:]{0,12}$")
_RANK_SCOPE = re.compile(r"(?:全国|全省|全市|全区|全县|全球|世界|国内|省内|同类医院|同级医院|同类|同级)$")
_RANKING_OUT = re.compile(r"(?P<list>[^,。;;:]{4,40}?)(?:正式|近日|日前|今日|昨日)?(?:发布|出炉|揭晓|公布)[,]?$")
_RANKING_ENTERED = re.compile(r"(?:进入|入选|跻身|荣登|登上|上榜)(?P<list>[^,。;;:]{4,40}?)[,]?$")
_RANKING_YEAR = re.compile(r"^((?:19|20)\d\d)(?:年度|年|届)?")


def _ranks(ctx: Ctx) -> None:
    """A 在 “X排行榜” 中位列第N名 / A 位列 X 第N位: a ranking is an honour
    received with a rank."""
    text = ctx.sentence.text
    for r in _RANK.finditer(text):
        cs = _clause_start(text, r.start())
        verbs = list(_RANK_VERB.finditer(text, cs, r.start()))
        if not verbs:
            continue             # a bare 第N名 (a table row) names no ranking here
        verb = verbs[-1]
        listed = _RANK_SCOPE.sub("", text[verb.end():r.start()].strip("“”「」『』\"‘’的 "))
        at = verb.start()
        if listed and not _ranking_name(listed) and _RANK_CATEGORY.fullmatch(listed):
            listed = ""          # 在X排行榜中位列地级城市医院第18名: the category ranked in, the list before
        if not _ranking_name(listed):
            if listed:
                continue
            prev = _clause_start(text, max(cs - 1, 0))
            before = (_RANKING_IN.search(text, prev, verb.start())
                      or _RANKING_OUT.search(text, prev, max(cs - 1, 0) + 1))
            if before is None or not _ranking_name(before.group("list")):
                # 医院中国医院竞争力排行榜排名第N / 医院首次进入X百强,位列第N
                own = [m for m, k in ctx.mentions if cs <= ctx.pos(m)[1] <= verb.start()]
                lead = text[ctx.pos(own[-1])[1]:verb.start()] if own else ""
                entered = _RANKING_ENTERED.search(text, prev, max(cs - 1, 0) + 1)
                if _ranking_name(_RANK_SCOPE.sub("", lead.strip("在中的上“”\" "))):
                    listed, at = _RANK_SCOPE.sub("", lead.strip("在中的上“”\" ")), verb.start()
                elif entered and _ranking_name(entered.group("list")):
                    listed, at = entered.group("list"), entered.start()
                else:
                    continue
            else:
                listed, at = before.group("list"), before.start()
        # “X100强”榜单: the quoted title, not the word for the list after it
        listed = re.sub(r"(?<=[”」』\"])(?:榜单|排行榜|名单)$", "", listed)
        name = re.sub(r"^.*(?:发布|公布|推出)的", "", _unquoted(listed))
        book = re.search(r"《([^《》]{4,40})》", name)
        name = book.group(1) if book else name     # 复旦版《X排行榜》: the title in the book marks
        if _not_asserted(text[_clause_start(text, at):verb.start()]) or _candidate(name):
            continue
        in_list = (at, at + len(listed) + 2)
        cands = [(m, k) for m, k in ctx.mentions if _clause_start(text, verb.start()) <= ctx.pos(m)[0]
                 and ctx.pos(m)[1] <= verb.start() and k[0] in RECIPIENT_KINDS
                 and not in_list[0] <= ctx.pos(m)[0] < in_list[1]]
        cands = cands or [(m, k) for m, k in ctx.mentions if _clause_start(text, at) <= ctx.pos(m)[0]
                          and ctx.pos(m)[1] <= at and k[0] in RECIPIENT_KINDS]
        subj = ([k for _, k in _list_before(ctx, ctx.pos(cands[-1][0])[1], (cands[-1][1][0],))]
                if cands else [])
        if not subj:
            k = _subject_before(ctx, at, RECIPIENT_KINDS)
            subj = [k] if k else []
        hk, year = _honour(ctx.resolution, name, year=_RANKING_YEAR)
        ranks = [r] + [x for x in _RANK.finditer(text, r.end()) if re.fullmatch(
            r"[\s、和及]*", text[r.end():x.start()]) or False][:len(subj) - 1]
        if not (("分别" in text[max(0, verb.start() - 3):verb.start()] or verb.group().startswith("分"))
                and len(ranks) == len(subj)):
            ranks = [r] * len(subj)
        for k, x in zip(subj, ranks):
            ctx.rel(k, "awarded", hk, "award-rank", rank=x.group("n") or ("前" + x.group("top")),
                    year=year)


_RANKING_TITLE = re.compile(r"(?<![\d年届])(?P<r>(?:(?:19|20)\d\d(?:年度|年|届))?(?![前届年])[^,。;;::“”《》\s\d]{2,24}?"
                            r"(?:\d+强|百强|排行榜))(?:榜单|榜)?")


def _ranks_in_context(doc: Document, sentences: list[Sentence], r: Resolution,
                      out: list[Assertion]) -> None:
    """A ranking named in a heading or an earlier sentence (《2022届X100强榜单》)
    and the places given after it (A蝉联第6名 / A、B位于前3 / a row “A 第18名”)."""
    current, seen_at = None, -99
    for s in sentences:
        titles = [t for t in _RANKING_TITLE.finditer(s.text) if _ranking_name(t.group("r"))]
        if titles:
            current, seen_at = titles[-1].group("r"), s.index
            continue             # a sentence naming its ranking is read by _ranks
        if current is None or s.index - seen_at > 8:
            continue
        ms = sorted(((m, k) for m, k in r.mentions(s.index) if k[0] in RECIPIENT_KINDS),
                    key=lambda t: t[0].start)
        if not ms:
            continue
        ctx = Ctx(doc, s, r, ms, out)
        text, done = s.text, set()
        for x in _RANK.finditer(text):
            cs = _clause_start(text, x.start())
            if cs in done:
                continue
            # the last place of the clause counts (从第11名升至第10名)
            last = [y for y in _RANK.finditer(text, cs) if _clause_start(text, y.start()) == cs][-1]
            done.add(cs)
            verbs = list(_RANK_VERB.finditer(text, cs, last.start()))
            at = verbs[0].start() if verbs else last.start()
            cands = [(m, k) for m, k in ms if cs <= ctx.pos(m)[0] and ctx.pos(m)[1] <= at]
            # a table row: “A 第18名” and nothing else on the line
            row = (not verbs and cands and len(text) <= 40 and text[last.end():].strip(" 。") == ""
                   and text[ctx.pos(cands[-1][0])[1]:last.start()].strip() == "")
            if not verbs and not row:
                continue
            if not cands and cs and re.fullmatch(r"\s*", text[cs:at]):
                # A前进2名,升至第46名: the place belongs to the clause before
                prev = _clause_start(text, cs - 1)
                cands = [(m, k) for m, k in ms if prev <= ctx.pos(m)[0] and ctx.pos(m)[1] <= cs]
            if not cands:
                continue
            group = _list_before(ctx, ctx.pos(cands[-1][0])[1], ORG_TYPES if cands[-1][1][0] in ORG_TYPES
                                 else (cands[-1][1][0],)) or cands[-1:]
            hk, year = _honour(r, current, year=_RANKING_YEAR)
            for _, k in group:
                ctx.rel(k, "awarded", hk, "award-rank-context",
                        rank=last.group("n") or ("前" + last.group("top")), year=year)


def _ranking_name(name: str) -> bool:
    plain = re.sub(r"[“”「」『』\"‘’\s]", "", name)
    return 4 <= len(plain) <= 40 and any(w in plain for w in rules.RANKING_MARKERS)


# Where a run of honours ends: 等(国家级)荣誉 / 等N项 / 称号 / the clause (一等奖 is a title).
_HONOURS_END = re.compile(r"[,。;;]|(?<![一二三四五六七八九十特优])等(?:[^,。;;、“”「」]{0,6}?"
                          r"(?:荣誉|称号|奖项|殊荣|表彰)|奖|\d|[一二三四五六七八九十多]+项)|称号|荣誉|"
                          r"的(?=有|是|分别|包括)")
_AMONG = re.compile(r"[,;]\s*其中(?:包括|有)?[::]?")
_INCLUDING = re.compile(r"[,;]\s*(?:其中)?(?:包括|包含|分别是|有|如)[::]?")


def _honours_after(text: str, pos: int, trigger: str) -> list[tuple[str, str, bool, int]]:
    """(canonical, alias, quoted, end) of the honours written from ``pos``.
    After a weak trigger (获得, 获) an unquoted title must read like an honour."""
    quoted_only = trigger in ("获得", "获", "收获")
    markers = rules.STRONG_HONOUR_MARKERS if trigger == "获" else rules.HONOUR_MARKERS
    pos += len(re.match(r"[::\s]*", text[pos:]).group())
    rest = text[pos:]
    end_m = _HONOURS_END.search(rest)
    # 荣获全国文明单位,全国卫生系统先进集体,…等荣誉: a list may run on over commas
    while end_m and end_m.group() == ",":
        nxt = _HONOURS_END.search(rest, end_m.end())
        chunk = _unquoted(rest[end_m.end():nxt.start() if nxt else len(rest)])
        item = _clean_honour(chunk.strip())
        if not (len(chunk) <= 30 and not _AWARD_TRIGGER.search(chunk) and not _NOT_IN_PERSON_GAP.search(chunk)
                and _is_honour(item) and item.endswith(rules.HONOUR_HEADS)
                and any(w in item for w in rules.HONOUR_MARKERS)):
            break
        end_m = nxt
    segment = rest[:end_m.start()] if end_m else rest
    out = []
    quotes = list(_QUOTE.finditer(segment))
    if quotes:
        lead = segment[:quotes[0].start()]
        if len(lead) > 16 and not (len(lead) <= 32 and _ISSUED_BY.match(lead)):
            return []            # a long lead is no issuer (…授予的) but other text
        cur = 0
        for q in quotes:
            prefix = segment[cur:q.start()].lstrip("、和及与,")
            if cur and (len(prefix) > 4 or not re.fullmatch(r"[\u4e00-\u9fff]*", prefix)):
                break            # a later quote that is not part of the list
            inner = q.group(1).strip()
            after = segment[q.end():]
            # 基层党建“3+2”书记项目示范党支部: quotes inside a longer title
            place = prefix if 0 < len(prefix) <= 4 and re.search(r"[国省市县区]$", prefix) else ""
            scope = _SCOPE_BEFORE.fullmatch(prefix) if not cur and not place else None
            if scope and scope.group("y") and scope.group("p"):
                place = scope.group()        # 2022年度甲州市“最美医生”: the title as written is an alias
            tail = re.match(r"[^、“「『‘的,]{0,24}", after).group()
            title_tail = re.sub(r"(?:名单|榜单|行列)$", "", tail)
            if title_tail and title_tail.endswith(rules.HONOUR_HEADS) and len(after) == len(tail) and cur == 0:
                # 绵阳市基层党建“3+2”…示范党支部 keeps its lead; an issuer (…卫健委) does not
                lead = "" if org_type(prefix) != "Organization" or prefix.endswith("委") else prefix
                name = (lead + q.group(0) + title_tail).strip()
                out.append((name, _unquoted(name), True, pos + len(segment)))
                return out
            alias = place + inner if place else ""
            year = _YEAR_BEFORE.search(segment, 0, q.start()) if not cur else None
            if year:          # 2022年度“先进工作者”: the year stays in the title (ANNOTATION.md)
                inner = year.group() + inner
            out.append((_clean_honour(inner), alias, True, pos + q.end()))
            cur = q.end()
        # “A”、B等荣誉: unquoted items after the quoted ones
        for item in re.split(r"、|,|以及|和|及", segment[cur:]):
            item = _clean_honour(item.strip())
            if _is_honour(item) and item.endswith(rules.HONOUR_HEADS):
                out.append((item, "", False, pos + len(segment)))
        return [h for h in out if _is_honour(h[0])]
    listed = bool(end_m and end_m.group().startswith(("等", "称号", "荣誉")))
    for item in re.split(r"、|,|以及|和|及", segment):
        item = _clean_honour(item.strip())
        if not (_is_honour(item) and item.endswith(rules.HONOUR_HEADS)):
            continue
        if quoted_only and not listed and not any(w in item for w in markers):
            continue         # 获得…支持 / 获得…认可: not an honour
        out.append((item, "", False, pos + len(segment)))
    return out


def _honour(r: Resolution, name: str, alias: str = "", year: re.Pattern = _YEAR) -> tuple[Key, str]:
    """The honour's entity and its year: a title with a year (2018年度X) gets
    the title without it as an alias (ANNOTATION.md)."""
    key = r.entity("Honor", name, alias=alias)
    y = year.match(name)
    if y and len(name) - y.end() >= 4:
        r.entity("Honor", name, alias=name[y.end():])
    return key, y.group(1) if y else ""


_YEAR_BEFORE = re.compile(r"(?:19|20)\d\d(?:年度|年|届)$")
_SCOPE_BEFORE = re.compile(r"(?P<y>(?:19|20)\d\d(?:年度|年|届))?(?P<p>[\u4e00-\u9fff]{1,10}?(?:[国省市县区州]|医院|系统|行业))")
_ISSUED_BY = re.compile(r"^[^“”「」『』\"‘’]{2,30}?(?:授予|颁发|公布|评选|命名|认定|表彰|发布|评定|确定)的")
_LIST_WORD = re.compile(r"(?:光荣称号|光荣|(?:获得者|获奖者|获奖)?(?:名单|榜单)|行列|之一)$")


def _candidate(text: str) -> bool:
    """公示 / 拟推荐 / 候选: a list of candidates, not of winners."""
    return any(w in text for w in rules.CANDIDATE_WORDS)


_QUOTE_MARKS = re.compile(r"[“”「」『』\"‘’]")


def _unquoted(text: str) -> str:
    return _QUOTE_MARKS.sub("", text)


def _clean_honour(name: str) -> str:
    name = re.sub(r"(?<![一二三四五六七八九十特优])等$", "", name.strip(" 了的"))
    name = _ISSUED_BY.sub("", name)           # 乙省卫健委授予的X: the issuer is not in the title
    name = _LIST_WORD.sub("", name).strip(" 的")
    for tail in rules.HONOUR_TAILS:
        if name.endswith(tail) and len(name) > len(tail) + 2:
            name = name[: -len(tail)]
    return name


def _is_honour(name: str) -> bool:
    plain = re.sub(r"[“”「」『』\"‘’\s]", "", name)
    if re.match(r"[\d一二三四五六七八九十两多]+(?:项|个|次|座|块)", plain):
        return False         # 2项佳作奖: a count, not a title
    if (_STATUS.search(plain) or _SEAT.search(plain)) and not any(w in plain for w in rules.HONOUR_MARKERS):
        return False         # “协作医院” 牌匾, 理事单位: a partnership or a seat, not an honour
    if re.match(r".{2,12}?(?:大学|医学院)(?:附属|非直属附属|教学|临床)", plain) and plain.endswith(("医院", "学院")):
        return False         # 被确定为乙大学附属医院: an affiliation, not an honour
    return 4 <= len(plain) <= 40 and not re.search(r"[。,;]", plain) and plain not in ("优秀案例",)


def _award_recipients(ctx: Ctx, cs: int, t: int, honour_end: int) -> list[Key]:
    text = ctx.sentence.text
    lead = text[cs:t]
    by = lead.rfind("被")
    limit = cs + by if by >= 0 else t
    before = [(m, k) for m, k in ctx.mentions if cs <= ctx.pos(m)[1] <= limit and k[0] in RECIPIENT_KINDS]
    if before:
        last = before[-1]
        whole = _persons_written(ctx, text[cs:limit])
        if len(whole) > 1:    # 王五(甲院)、乙院李四: the clause is nothing but the list of persons
            return whole
        if last[1][0] == "Person":
            # 王五、骨科李四和赵六主任: the written list, when it names more than the mentions
            start = max([ctx.pos(m)[1] for m, k in before if k[0] != "Person" and m.start < last[0].start],
                        default=cs)
            group = _person_list_before(ctx, last)
            listed = _persons_written(ctx, text[start:limit])
            return listed if len(listed) > len(group) else group
        # 乙院外科护师王小红(女)入选: the nurse, not the hospital; 我院王小明、李大红3名同志
        persons = _persons_written(ctx, text[ctx.pos(last[0])[1]:limit])
        if persons:
            return persons
        # 冯美、丁红梅获评 / A、B和C荣获: a list of recipients (institutions of any kind together)
        group = _list_before(ctx, ctx.pos(last[0])[1],
                             ORG_TYPES if last[1][0] in ORG_TYPES else (last[1][0],)) or [last]
        return [k for _, k in group]
    persons = _persons_written(ctx, lead[:by] if by >= 0 else lead)
    if persons:
        return persons
    if _PRONOUN.match(lead[:by] if by >= 0 else lead):
        person = _person_before(ctx, ctx.sentence.start + t)
        return [person] if person else []      # 他先后荣获X: the person the profile is about
    if _OWN_BRANCH.match(lead[:by] if by >= 0 else lead):
        branches = [k for k in ctx.resolution.entities if k[0] == "PartyOrganization" and k[1].endswith("支部")]
        return branches if len(branches) == 1 else []     # 支部获评X: the article's one branch
    # 荣获X的有:A、B、C: the recipients listed after the honour
    listed = _LISTED_AFTER.match(text, honour_end)
    if listed:
        rest = re.match(r"[^。;;]*", text[listed.end():]).group().rstrip("等")
        return _persons_written(ctx, rest) or [k for _, k in _list_after(ctx, listed.end(), RECIPIENT_KINDS)]
    # 被评为“X”的骨科党小组: the recipient follows the honour
    follow = [(m, k) for m, k in ctx.mentions if ctx.pos(m)[0] >= honour_end]
    if follow and re.match(r"[”」』\"]?(?:称号|荣誉)?的", text[honour_end:]):
        return [follow[0][1]]
    if _COUNTED_GROUP.search(lead):
        return []            # 全市共有199个单位获评X: recipients counted, not named
    subj = _subject_before(ctx, t, RECIPIENT_KINDS)
    return [subj] if subj else []


_OWN_BRANCH = re.compile(r"^(?:.{0,12}[,,])?(?:该|本|我)?(?:党)?支部(?:先后|还|也|曾|多次|连续|又|已)*$")
_PRONOUN = re.compile(r"^(?:.{0,12}[,,])?(?:他|她)(?:本人)?(?:先后|还|也|曾经|曾|多次|连续|更是|又|已)*$")
# How many sentences back a 他/她 may find the person it stands for.
PRONOUN_REACH = 3


def _person_before(ctx: Ctx, at: int) -> Key | None:
    """The one person named last before ``at`` (a document offset), within
    PRONOUN_REACH sentences (none when that sentence names several)."""
    index = ctx.sentence.index
    for i in range(index, max(-1, index - PRONOUN_REACH - 1), -1):
        persons = {k for m, k in ctx.resolution.mentions(i) if k[0] == "Person" and m.start < at}
        if persons:
            return persons.pop() if len(persons) == 1 else None
    return None


_LISTED_AFTER = re.compile(r"[”」』\"]?(?:称号|荣誉)?(?:的(?:有|是|为|分别是|分别为|包括)"
                           r"|[^。;;::“”]{0,20}?(?:分别是|分别为|依次是|依次为|他们是|她们是|名单如下))[::]?")


def _persons_written(ctx: Ctx, gap: str) -> list[Key]:
    """张三、李四3名同志 / 外科护师王小红(女): the persons a stretch of text
    between two mentions names, when it names nothing else."""
    gap = re.sub(r"(?:先后|曾经|曾|还|也|多次|连续|均|都|又|已|再次|分别)+$", "", gap.strip())   # 王五同志先后荣获
    gap = _COUNT_TAIL.sub("", re.sub(r"\([^()]{1,6}\)$", "", gap))
    names = _bare_person_list(gap) or [n for n in [_titled_name(gap)] if n]
    return [ctx.resolution.entity("Person", n) for n in names]


_COUNTED_GROUP = re.compile(r"[\d一二三四五六七八九十百两]+(?:个|家|名|位|所|支)[\u4e00-\u9fff]{0,6}$")


_PERSON_GAP = re.compile(r"(?:、|,|和|及|以及)(.{0,30})")
_NOT_IN_PERSON_GAP = re.compile(r"[。;;::“”]|表示|指出|介绍|说|获|被|荣|称")


def _person_list_before(ctx: Ctx, last: tuple[Mention, Key]) -> list[Key]:
    """王小红、李大明 / 甲院院长王小红、乙院护士长李大明: persons listed with
    their posts written before each name, all receiving what follows."""
    persons = [(m, k) for m, k in ctx.mentions if k[0] == "Person" and ctx.pos(m)[1] <= ctx.pos(last[0])[1]]
    group, cur = [last], last[0]
    for m, k in reversed(persons[:-1]):
        b = ctx.pos(m)[1]
        gap = _PERSON_GAP.fullmatch(ctx.sentence.text[b:ctx.pos(cur)[0]])
        if gap is None or _NOT_IN_PERSON_GAP.search(gap.group(1)) or (
                gap.group(1) and not (cur.role and gap.group(1).endswith(cur.role))
                and not _POST_AT_END.search(gap.group(1))):
            break
        group.append((m, k))
        cur = m
    return [k for _, k in reversed(group)]


_POST_AT_END = re.compile("(?:" + _alternation(rules.ROLE_TITLES + rules.PROFESSION_TITLES) + ")$")
_COUNT_TAIL = re.compile(r"(?:等)?(?:(?:\d+|两|[一二三四五六七八九十]{1,3})(?:名|位|人))?(?:同志|医务人员|职工|专家)?$")   # 李四两位同志: 两 alone counts
_TITLES_AFTER = frozenset(("医生", "医师", "教授", "护士", "护师", "同志", "专家", "研究员"))
_TITLE_AFTER_NAME = re.compile("(?:" + _alternation(rules.ROLE_TITLES + rules.PROFESSION_TITLES + tuple(_TITLES_AFTER)) + ")$")
# what a title, a department or an institution ends with, before a name (骨科王五, 乙县人民医院王五)
_TITLE_END = re.compile(r"(?:师|士|生|授|家|长|任|员|工|科|部|室|病区|院|中心)$")


def _titled_name(gap: str) -> str:
    """外科护师王小红 / 王小红主任 / 护理部王小红护理长 → 王小红: a name
    written right after a title or department, right before a title, or both."""
    name = _name_at(gap, 0) if 3 <= len(gap) <= 8 else ""
    title = _TITLE_AFTER_NAME.search(gap)
    if name and title and title.start() == len(name):
        return name
    core = gap[:title.start()] if title else gap
    for size in (3, 2):
        pos = len(core) - size
        if pos >= 2 and _TITLE_END.search(core[:pos]) and _name_at(core, pos) == core[pos:]:
            return core[pos:]
    return ""


_LISTED_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _name_shaped(item: str) -> bool:
    """黄河 (a surname, though a word), 帕尔哈提 (no word at all): an item
    that may be a name where the names around it are sure."""
    if not _LISTED_NAME.fullmatch(item) or _UNIT_END.search(item) or _TITLE_AFTER_NAME.search(item) \
            or item in _NOT_NAMES:
        return False
    return len(item) <= 3 and _is_surname_start(item) > 0 or not is_word(item, 50)
_LIST_LEAD = re.compile(r"^(?:同时|此外|其中|另外|今年|去年|恭喜|祝贺|热烈祝贺|我院|本院|我校|该院)*[,]?")
_ITEM_NOTE = re.compile(r"\([^()]{1,24}\)")     # 王五(女) / 王五(乙县人民医院心内科)


def _bare_person_list(lead: str) -> list[str]:
    """冯美、丁红梅 / 心内科王五、李四医师(女)和赵六 → the names, when every
    item of the list is a name, with at most a department or title written
    before it or a title or a note after it."""
    lead = _LIST_LEAD.sub("", lead.strip())
    lead = re.sub(r"(?:同志|医生|教授|护士|主任医师|副主任医师)$", "", lead)
    names, pos, odd = [], 0, 0
    while pos < len(lead):
        name = _name_at(lead, pos)
        if not (name and re.match(r"[、和(]|$", lead[pos + len(name):])):
            # 骨科李四 / 李四主任: the item up to the next separator
            end = next((m.start() for m in re.finditer(r"[、和]", lead) if m.start() > pos), len(lead))
            item = _ITEM_NOTE.sub("", lead[pos:end])
            name = _titled_name(item)
            if not name and _name_shaped(item):
                name, odd = item, odd + 1       # 帕尔哈提, 黄河: a name the reader does not take alone
            if not name:
                return []
            pos = end
        else:
            pos += len(name)
        names.append(name)
        note = _ITEM_NOTE.match(lead, pos)
        pos = note.end() if note else pos
        if pos < len(lead):
            if lead[pos] not in "、和":
                return []
            pos += 1
    # A name-shaped item counts among two names read for sure (王五、李四、帕尔哈提).
    return names if not odd or len(names) - odd >= max(2, odd) else []


_HONOURS_INTRO = re.compile(r"(?:荣获|获得|获评|被授予|荣膺)(?:了)?(?:以下|如下|下列)?(?:的)?(?:主要)?"
                            r"(?:荣誉|称号|奖项)*(?:有|包括)?[::]$")
_ROSTER_HEAD = re.compile(r"(?:[一二三四五六七八九十\d]+[、.．]\s*)?(?P<t>[^,。;;,]{4,30}?)(?P<list>(?:获得者|获奖者)?名单|获得者|获奖者)?"
                          r"(?:[((]共?[\d一二三四五六七八九十]+(?:个|名|家|人|位)[))])?[::]?")
# 决定授予以下单位“X”称号: / 现将X名单公布如下:
_ROSTER_INTRO = re.compile(r".*?(?:(?:以下|下列|如下)[^,。;;]{0,12}?[“‘\"](?P<t>[^”’\"]{4,30})[”’\"](?:荣誉)?(?:称号)?"
                           r"|(?:现将|特将)?(?P<t2>[^,。;;]{4,30}?)名单(?:公布|公示)?如下)[::]")
_ROSTER_FILL = re.compile(r"[、,,\s和及]|\([^()]{0,20}\)|同志")


def _award_roster(doc: Document, sentences: list[Sentence], r: Resolution,
                  out: list[Assertion]) -> None:
    """A “…名单” heading, or a heading that is an honour title (先进集体(10个)),
    followed by lines that name nothing but the recipients."""
    honour = None
    if sentences and _candidate(sentences[0].text):
        return               # 关于拟推荐…的公示: the whole article lists candidates
    lines_for: list[Key] = []
    for s in sentences:
        if lines_for:        # 医院先后荣获以下荣誉: / 全国文明单位 / 全国卫生系统先进集体
            item = _ROSTER_NUMBER.sub("", s.text).rstrip("。;;,")
            item = _unquoted(_clean_honour(item))
            if _is_honour(item) and item.endswith(rules.HONOUR_HEADS) and not _named(r, s):
                ctx = Ctx(doc, s, r, [], out)
                hk, year = _honour(r, item)
                for k in lines_for:
                    ctx.rel(k, "awarded", hk, "award-lines", year=year)
                continue
            lines_for = []
        intro = _HONOURS_INTRO.search(s.text)
        if intro:
            ctx = Ctx(doc, s, r, sorted(r.mentions(s.index), key=lambda t: t[0].start), out)
            cs = _clause_start(s.text, intro.start())
            if not _not_asserted(s.text[cs:intro.start()]):
                lines_for = _award_recipients(ctx, cs, intro.start(), len(s.text))
            continue
        ms = [(m, k) for m, k in r.mentions(s.index) if k[0] in RECIPIENT_KINDS]
        inline = _ROSTER_INLINE.fullmatch(s.text)
        if inline and _inline_roster(doc, s, r, ms, inline, out):
            honour = None
            continue
        head = _ROSTER_HEAD.fullmatch(_ROSTER_ORDER_NOTE.sub("", s.text))
        intro = _ROSTER_INTRO.fullmatch(s.text)
        if intro or head and (head.group("list") or not ms and head.group("t").endswith(rules.HONOUR_HEADS)):
            title = re.sub(r"^.*?的", "", intro.group("t") or intro.group("t2") if intro else head.group("t"))
            edition = _EDITION.match(title)
            name = _fuller_title(doc.text[:s.start], _clean_honour(title[edition.end():] if edition else title))
            honour = ((_honour(r, name, title)[0], s)
                      if _is_honour(name) and not _candidate(s.text) and not _not_asserted(title) else None)
            continue
        if honour is None or _TABLE_HEADER.fullmatch(s.text):
            continue         # 序号 姓名 单位 职务: the columns of a roster table
        for_persons = _FOR_PERSONS.search(honour[0][1])
        names = _roster_names(s.text, [m.text for m, k in ms if k[0] != "Person"])
        if names:            # 张三 急诊科 / 甲院 李四 / 李四、王五: one person per name written
            ctx = Ctx(doc, s, r, ms, out)
            for name in names:
                ctx.rel(r.entity("Person", name), "awarded", honour[0], "award-roster")
        elif ms and _roster_line(s, ms):
            persons = [k for _, k in ms if k[0] == "Person"]
            ctx = Ctx(doc, s, r, ms, out)
            for k in persons or ([] if for_persons else [k for _, k in ms]):
                ctx.rel(k, "awarded", honour[0], "award-roster")
        elif len(s.text) > 30 or s.text.endswith("。"):
            honour = None


# 先进个人, 优秀共产党员: titles given to persons, never to the issuer signing below
_FOR_PERSONS = re.compile(r"(?:个人|党员|工作者|医师|医生|护士|标兵|能手|人物|之星|模范|先锋|员工|职工|名医)$")
_ROSTER_NUMBER = re.compile(r"^(?:[\d一二三四五六七八九十]+[、.．)]|[((][\d一二三四五六七八九十]+[))]|[•·-]|\d{1,3}(?=[\s\u4e00-\u9fff]))\s*")
_TABLE_HEADER = re.compile(r"(?:(?:序号|编号|姓名|名称|单位|工作单位|所在单位|推荐单位|单位名称|职务|职称|科室|部门|"
                           r"性别|民族|备注|荣誉称号)\s*){2,}")


def _fuller_title(before: str, name: str) -> str:
    """先进个人 heading a roster after 授予…“全市卫生系统先进个人”称号: the
    title as the article quoted it in full, if it did."""
    quoted = [q for q in re.findall(r"[“「\"]([^”」\"]{1,40})[”」\"]", before)
              if q.endswith(name) and len(q) > len(name)]
    return _clean_honour(quoted[-1]) if quoted else name


def _roster_names(line: str, named: list[str]) -> list[str]:
    """张三 急诊科 / 李四(乙县人民医院心内科主任) / 甲院 王五 / 李四、王五: the
    persons of a roster line whose other parts are only institutions
    (``named``), units and posts."""
    line = _ROSTER_ORDER_NOTE.sub("", _ROSTER_NUMBER.sub("", line.strip())).rstrip("。;;,")
    names, other = [], False
    for part in filter(None, re.split(r"[\s()()、,,]+", line)):
        if _name_at(part, 0) == part:
            names.append(part)
        elif any(n in part for n in named) or _POST_AT_END.search(part) or _UNIT_END.search(part):
            other = True
        else:
            return []
    # A line of names alone may run long (a roster of 30 persons); names
    # mixed with units and posts are one entry each, short.
    return names if not other or len(line) <= 40 else []


# (按姓氏笔画排序), (排名不分先后): how the roster is ordered, not a recipient
_ROSTER_ORDER_NOTE = re.compile(r"[((][^()()]{0,12}(?:排序|排列|先后)[))]")


_UNIT_END = re.compile(r"(?:科|部|室|处|中心|病区|党支部|医院|卫生院)$")


def _named(r: Resolution, s: Sentence) -> list:
    """Mentions of the sentence other than honours (a line that is only an
    honour title names no recipient)."""
    return [(m, k) for m, k in r.mentions(s.index) if k[0] != "Honor"]


_ROSTER_INLINE = re.compile(r"(?:[一二三四五六七八九十\d]+[、.．]\s*)?(?P<t>[^,。;;::,、]{4,24}?)"
                            r"(?:[((]共?[\d一二三四五六七八九十]+(?:个|名|家|人|位)[))])?"
                            r"(?:[::]|\s+(?=[\u4e00-\u9fff]{2,4}[、\s]))"     # 优秀医师 王五、李四: a space for the colon
                            r"(?P<rest>[^::。;;]+)[。;;]?")


_GIVING = re.compile(r"表彰|授予|颁发|一批|会上|大会")
_PRAISED_AFTER = re.compile(r"(?:等[\d一二三四五六七八九十]+(?:名|位|人)(?:同志)?)?(?:进行了?|予以|给予)?表彰$")
_SEGMENT_LEAD = re.compile(r"^(?:会上|大会|同时|并|还|对|[\u4e00-\u9fff]{0,6}表彰了?)*")


_HONOUR_HEAD = re.compile(_alternation(rules.HONOUR_HEADS))


def _marked_honour(title: str) -> bool:
    """An honour title with a word of honour in it (先进, 优秀 …): where no
    award verb stands next to it, its wording must say it is one."""
    return _is_honour(title) and any(w in title for w in rules.HONOUR_MARKERS)


def _titles_before_names(ctx: Ctx) -> None:
    """表彰优秀共产党员王五、李四,先进党支部骨科党支部: where honours are
    given (表彰), a title written right before its recipients."""
    text = ctx.sentence.text
    if "表彰" not in text or _candidate(text):
        return
    pos = 0
    for segment in re.split(r"([,;;::。])", text):
        start, pos = pos, pos + len(segment)
        lead = _SEGMENT_LEAD.match(segment).end()
        for head in (m for m in _HONOUR_HEAD.finditer(segment) if m.start() >= lead):
            title, rest = segment[lead:head.end()], _PRAISED_AFTER.sub("", segment[head.end():])
            if not rest or rest[0] in "和及与或并" or not _marked_honour(title):
                continue      # 表彰…心内科主任医师王五: a rank, not an honour
            names = _bare_person_list(rest) if _name_at(rest, 0) else []
            listed = _list_after(ctx, start + head.end(), RECIPIENT_KINDS)
            keys = ([ctx.resolution.entity("Person", n) for n in names] if names else
                    [k for _, k in listed] if listed and ctx.pos(listed[0][0])[0] == start + head.end()
                    and ctx.pos(listed[-1][0])[1] == pos else [])
            if keys:
                hk, _ = _honour(ctx.resolution, title)
                for k in keys:
                    ctx.rel(k, "awarded", hk, "award-title-before")
                break


# 表彰了A、B等10个先进集体和王五、李四等20名先进个人: the recipients, a count, their title
_COUNTED_TITLE = re.compile(r"(?P<list>[^,。;;::]{2,120}?)等[\d一二三四五六七八九十百两]+(?:个|名|家|位|人)"
                            r"(?P<t>[^,。;;::、和]{2,20}?)(?=和|及|[,。;;]|$)")


def _counted_titles(ctx: Ctx) -> None:
    """Where honours are given (表彰), recipients listed before 等N个 and the title they share."""
    text = ctx.sentence.text
    if "表彰" not in text or _candidate(text):
        return
    for c in _COUNTED_TITLE.finditer(text, text.find("表彰") + 2):
        title = c.group("t")
        if not _marked_honour(title):
            continue
        listed = re.sub(r"^(?:了|和|及|,)+", "", c.group("list"))
        start = c.start("list") + len(c.group("list")) - len(listed)
        names = _bare_person_list(listed)
        keys = ([ctx.resolution.entity("Person", n) for n in names] if names else
                [k for _, k in _list_after(ctx, start, RECIPIENT_KINDS)])
        hk, _ = _honour(ctx.resolution, title)
        for k in keys:
            ctx.rel(k, "awarded", hk, "award-title-before")


_WINNERS = re.compile(r"(?P<t>[^,。;;::、]{4,30}?)(?:获得者|获奖者)(?:名单)?(?:为|是|有)?[::]?")


def _winners_named(ctx: Ctx) -> None:
    """甲州五一劳动奖章获得者王五、李四: the title, 获得者, the persons."""
    text = ctx.sentence.text
    if "获得者" not in text and "获奖者" not in text:
        return
    for w in _WINNERS.finditer(text):
        # 为老党员颁发X获得者…: the title starts after the verb that gives it
        title = re.sub(r"^.*(?:颁发|颁授|授予|表彰|为|向|给)", "", _unquoted(_clean_honour(w.group("t"))))
        if not _is_honour(title) or _candidate(text):
            continue
        rest = re.match(r"[^,。;;]*", text[w.end():]).group()
        keys = _persons_written(ctx, _COUNT_TAIL.sub("", rest.rstrip("等"))) or \
            [k for _, k in _list_after(ctx, w.end(), RECIPIENT_KINDS)]
        hk, _ = _honour(ctx.resolution, title)
        for k in keys:
            ctx.rel(k, "awarded", hk, "award-listed")


def _inline_roster(doc: Document, s: Sentence, r: Resolution, ms: list[tuple[Mention, Key]],
                   inline: re.Match, out: list[Assertion]) -> bool:
    """优秀共产党员:王小明、李大红 / 先进集体(3个):甲院、乙院 — a title, a colon
    and nothing but the recipients."""
    title = _unquoted(_clean_honour(inline.group("t")))
    rest = inline.start("rest")
    if _GIVING.search(title):
        return False          # 会上表彰了一批先进: a report of the ceremony, not a title
    if not (_is_honour(title) and title.endswith(rules.HONOUR_HEADS)) or _candidate(s.text) or any(
            m.start - s.start < rest for m, _ in ms):
        return False
    items = [(m, k) for m, k in ms if m.start - s.start >= rest]
    keys: list[Key] = []
    if items and _roster_line(s, items, rest):
        keys = [k for _, k in items if k[0] == "Person"] or [k for _, k in items]
    else:
        items = (re.sub(r"\([^()]{0,20}\)|同志", "", x).strip() for x in re.split(r"、|,|\s+", inline.group("rest").strip()))
        keys = [r.entity("Person", n) for n in _bare_person_list("、".join(x for x in items if x))]
    if not keys:
        return False
    ctx = Ctx(doc, s, r, ms, out)
    hk, _ = _honour(r, title)
    for k in keys:
        ctx.rel(k, "awarded", hk, "award-roster")
    return True


def _roster_line(s: Sentence, ms: list[tuple[Mention, Key]], start: int = 0) -> bool:
    """The line is nothing but names (乙县人民医院、丙县中医医院 / 外科主任王小红):
    what is left once names, separators and bracketed notes are removed is a
    person's title at most."""
    left, cur = [], start
    for m, k in sorted(ms, key=lambda t: t[0].start):
        a, b = m.start - s.start, m.end - s.start
        if a < cur:
            continue
        gap = _ROSTER_FILL.sub("", s.text[cur:a])
        if gap and not (k[0] == "Person" and m.role and gap.endswith(m.role[-2:])):
            left.append(gap)
        cur = b
    left.append(_ROSTER_FILL.sub("", s.text[cur:]).rstrip("。;;"))
    return not "".join(left)


# ── extended relations ──

def _supports(ctx: Ctx) -> None:
    text = ctx.sentence.text
    for word, kind in rules.SUPPORT_TRIGGERS:
        for t in re.finditer(word, text):
            if word == "支援" and text[max(0, t.start() - 2):t.start()] == "对口":
                continue
            if word == "帮扶" and text[max(0, t.start() - 3):t.start()].endswith(("组团式", "对口")):
                continue
            objs = _list_after(ctx, t.end(), ("Hospital",))
            if not objs or _not_asserted(text[_clause_start(text, t.start()):t.start()]):
                continue
            subj = _subject_before(ctx, t.start(), ("Hospital", "PartyOrganization"))
            subj = _org_of(ctx, subj) if subj else None
            for _, k in objs:
                ctx.rel(subj, "supports", k, "support-trigger", kind=kind)
    for t in _SENDER.finditer(text):
        sink = re.search(r"下沉(院内|我院|本院)|(?:下沉|到|赴|进驻)", text[t.end():])
        if not sink:
            continue
        subj = _subject_before(ctx, t.start(), ("Hospital", "PartyOrganization"))
        subj = _org_of(ctx, subj) if subj else None
        if sink.group(1):
            obj = ctx.resolution.subject.key if ctx.resolution.subject else None
        else:
            objs = _list_after(ctx, t.end() + sink.end(), ("Hospital",))
            obj = objs[0][1] if objs else None
        if not _not_asserted(text[:t.start()]):
            ctx.rel(subj, "supports", obj, "support-dispatch", kind="专家下沉")
    for t in _TEAM_SENT.finditer(text):      # A专家团队赴B开展帮扶: a team sent to help
        objs = _list_after(ctx, t.end(), ("Hospital",))
        if not objs or not _TEAM_HELPS.match(text, ctx.pos(objs[-1][0])[1]) or _not_asserted(text[:t.start()]):
            continue
        subj = _subject_before(ctx, t.start(), ("Hospital",))
        for _, k in objs:
            ctx.rel(subj, "supports", k, "support-dispatch", kind="专家下沉")


_TEAM_SENT = re.compile(r"(?:专家团队|专家组|医疗队|医疗团队|专家)(?:一行)?(?:赴|到|前往|进驻|下沉到|下沉至|下沉)")
_TEAM_HELPS = re.compile(r"[^,。;]{0,6}?(?:开展|进行|实施)?(?:对口)?(?:帮扶|支援|托管|驻点|坐诊)")


_SUPPORT_WORD = r"(对口支援|对口帮扶|组团式帮扶|帮扶|托管|支援|援建)"
_SUPPORT_OBJECT = re.compile(r"(?:进行|开展|实施|实行)?了?(?:全面|深度|整体|精准)?" + _SUPPORT_WORD)
_SUPPORT_PASSIVE = re.compile(r"(?:全面|深度|整体)?" + _SUPPORT_WORD)
_SUPPORT_STATUS = re.compile(r"的?" + _SUPPORT_WORD + r"(?:医院|单位|对象|帮扶医院)")
# 与B签订托管协议 / 与B建立对口支援关系 / 与B开展结对帮扶
_SUPPORT_AGREED = re.compile(r"[^,。;;]{0,6}?(?:签(?:订|署)(?:了)?[^,。;;]{0,8}?" + _SUPPORT_WORD.replace("(", "(?P<w>", 1)
                             + r"[^,。;;]{0,6}?协议|建立(?:了)?[^,。;;]{0,6}?" + _SUPPORT_WORD.replace("(", "(?P<w2>", 1)
                             + r"(?:合作)?关系"
                             r"|(?:开展|进行|实施)(?:了)?(?:结对|对口)?(?P<w3>帮扶|支援)(?=[,。;;]|$|工作|活动))")
# 在A的帮扶下,B…: B is helped by A
_UNDER_SUPPORT = re.compile(r"在(?P<who>[^,。;;]{2,30}?)的(?:大力|全力|精心|鼎力|倾力)?" + _SUPPORT_WORD + r"下")


# 作为乙院的对口支援单位,甲院…: the helper is named after the status it holds
_AS_HELPER = re.compile(r"作为(?P<who>[^,。;;]{2,30}?)的" + _SUPPORT_WORD + r"(?:单位|医院)[,,]")


def _supports_as_helper(ctx: Ctx) -> None:
    """作为乙院的对口支援单位,甲院派出专家: 甲院 supports 乙院."""
    for a in _AS_HELPER.finditer(ctx.sentence.text):
        helped = [k for m, k in ctx.mentions if k[0] == "Hospital" and a.start("who") <= ctx.pos(m)[0]
                  and ctx.pos(m)[1] <= a.end("who")]
        helper = next((k for m, k in ctx.mentions if k[0] == "Hospital" and ctx.pos(m)[0] == a.end()), None)
        if len(helped) == 1 and helper and not _not_asserted(ctx.sentence.text[:a.start()]):
            ctx.rel(helper, "supports", helped[0], "support-object", kind=a.group(2))


def _supported_under(ctx: Ctx) -> None:
    """在甲院的帮扶下,乙院…: the helper is written in 在…下, the helped after it."""
    text = ctx.sentence.text
    for u in _UNDER_SUPPORT.finditer(text):
        helpers = [k for m, k in ctx.mentions if k[0] == "Hospital" and u.start("who") <= ctx.pos(m)[0]
                   and ctx.pos(m)[1] <= u.end("who")]
        helped = [k for m, k in ctx.mentions if k[0] == "Hospital" and ctx.pos(m)[0] >= u.end()
                  and not _CLAUSE.search(text[u.end() + 1:ctx.pos(m)[0]])][:1]
        if len(helpers) == 1 and helped and helped[0] != helpers[0] and not _not_asserted(text[:u.start()]):
            ctx.rel(helpers[0], "supports", helped[0], "support-object", kind=u.group(1))


def _supports_written_around(ctx: Ctx) -> None:
    """医院对乙院开展对口帮扶 / 乙院由医院全面托管 / 乙院是医院的对口帮扶医院 /
    医院与乙院签订托管协议: who supports whom when the helped one is written first."""
    text = ctx.sentence.text
    for c in re.finditer(r"对|向|为|由|被|是|与|同", text):
        objs = _list_after(ctx, c.end(), ("Hospital",))
        if not objs or ctx.pos(objs[0][0])[0] != c.end():
            continue
        end = ctx.pos(objs[-1][0])[1]
        cs = _clause_start(text, c.start())
        if _not_asserted(text[cs:c.start()]):
            continue
        word = c.group()
        if word in "对向为":
            t = _SUPPORT_OBJECT.match(text, end)
            if t:
                subj = _subject_before(ctx, c.start(), ("Hospital", "PartyOrganization"))
                subj = _org_of(ctx, subj) if subj else None
                for _, k in objs:
                    ctx.rel(subj, "supports", k, "support-object", kind=t.group(1))
        elif word in "由被":
            t = _SUPPORT_PASSIVE.match(text, end)
            helped = _list_before(ctx, c.start(), ("Hospital",))
            if t and helped and len(objs) == 1:
                for _, k in helped:
                    ctx.rel(objs[0][1], "supports", k, "support-object", kind=t.group(1))
        elif word == "是":
            t = _SUPPORT_STATUS.match(text, end)
            helped = _list_before(ctx, c.start(), ("Hospital",))
            if t and helped and len(objs) == 1:
                for _, k in helped:
                    ctx.rel(objs[0][1], "supports", k, "support-object", kind=t.group(1))
        else:                 # 与/同 B 签订托管协议: the subject supports B
            t = _SUPPORT_AGREED.match(text, end)
            subj = _subject_before(ctx, c.start(), ("Hospital",))
            if t and subj:
                for _, k in objs:
                    ctx.rel(subj, "supports", k, "support-object", kind=t.group("w") or t.group("w2") or t.group("w3"))


def _affiliations(ctx: Ctx) -> None:
    text = ctx.sentence.text
    for w in _AFFILIATION.finditer(text):
        lead = re.sub(r"等(?:高等)?(?:院校|高校|大学)$", "", text[:w.start()])
        unis = _list_before(ctx, len(lead), ("University",))
        if not unis:
            continue
        subj = _subject_before(ctx, ctx.pos(unis[0][0])[0], ("Hospital",))
        if subj is None and re.search(r"(?:^|[,;])\s*(?:系|为|是|作为)?$", text[:ctx.pos(unis[0][0])[0]]):
            subj = ctx.resolution.subject.key if ctx.resolution.subject else None
        for _, k in unis:
            ctx.rel(subj, "affiliatedWith", k, "affiliation-stated", kind=w.group())
    for m, k in _orgs(ctx, ("Hospital",)):       # the written name: 系X附属… may be the subject's alias
        u = re.match(r"(.{2,12}?(?:医科大学|中医药大学|大学|医学院))(?:附属|第[一二三四五六七八九十]+附属|"
                     r".{0,4}[一二三四五六七八九十]附院)", m.name)
        if u:
            uni = ctx.resolution.entity("University", u.group(1))
            status = m.name == u.group(1) + "附属医院" and re.search(r"(?:系|是|为|作为|成为)$", text[:ctx.pos(m)[0]])
            subj = _subject_before(ctx, ctx.pos(m)[0], ("Hospital",)) if status else None
            if subj is None or subj == k:
                ctx.rel(k, "affiliatedWith", uni, "affiliation-name", kind="附属医院")
            else:             # 甲院系乙大学附属医院: a status said of the hospital before 系, no hospital of its own
                ctx.rel(subj, "affiliatedWith", uni, "affiliation-stated", kind="附属医院")


def _members(ctx: Ctx) -> None:
    text = ctx.sentence.text
    for t in _MEMBER_TRIGGER.finditer(text):
        alliance = _alliance_in(ctx, t.end(), t.end() + 4)
        if alliance is None and t.group() in ("加入", "入盟") and _JOINED_IT.match(text, t.end()):
            alliance = _nearest_alliance(ctx, t.start())   # 牵头成立X联盟,A、B等20家医院加入
        if alliance is None or _not_asserted(text[_clause_start(text, t.start()):t.start()]):
            continue
        cs = _clause_start(text, t.start())
        members = _list_before(ctx, t.start(), ORG_TYPES)
        if not members:
            s = _subject_before(ctx, t.start())
            members = [(None, s)] if s else []
        # A与B、C联合成立: everyone before the trigger in the clause is a founder.
        founders = {k for m, k in ctx.mentions if cs <= ctx.pos(m)[0] < t.start() and k[0] in ORG_TYPES}
        for k in {k for _, k in members} | founders:
            ctx.rel(k, "memberOf", alliance, "member-founding",
                    role="牵头单位" if "牵头" in t.group() else "")
    # X联盟由A携手B、C共同组成 / 成员单位包括A、B、C: every listed institution is a member
    for t in _MEMBERS_LISTED.finditer(text):
        if t.group("by"):
            alliance = _alliance_in(ctx, max(0, t.start() - ALLIANCE_BEFORE), t.start() + 1)
            alliance = alliance if alliance and _alliance_ends_at(ctx, alliance, t.start()) else None
            end = t.end()
            comp = _COMPOSED.search(text, end)
            led = _LED_CLAUSE.match(text, end)         # 由A牵头,B、C等15家医疗机构组成
            if alliance is None or comp is None or _CLAUSE.search(text, led.end() if led else end, comp.start()):
                continue
            members = [k for m, k in ctx.mentions if end <= ctx.pos(m)[0] and ctx.pos(m)[1] <= comp.start()
                       and k[0] in ORG_TYPES and k[0] != "Alliance"]
        else:
            alliance = _nearest_alliance(ctx, t.start())
            members = [k for _, k in _list_after(ctx, t.end(), ORG_TYPES) if k[0] != "Alliance"]
        if alliance is None or _not_asserted(text[_clause_start(text, t.start()):t.start()]):
            continue
        for k in members:
            ctx.rel(k, "memberOf", alliance, "member-listed")
    # X集团旗下的A、B / X集团下辖A、B: the institutions it holds are members
    for m, k in _orgs(ctx, ("Alliance",)):
        held = _HOLDS.match(text, ctx.pos(m)[1])
        if held and not _not_asserted(text[_clause_start(text, ctx.pos(m)[0]):ctx.pos(m)[0]]):
            for _, member in _list_after(ctx, held.end(), ORG_TYPES):
                if member[0] != "Alliance":
                    ctx.rel(member, "memberOf", k, "member-listed")
    # X集团以A为核心单位 / 以A为龙头: the lead institution is a member with its role
    for t in _LED_BY.finditer(text):
        lead = _list_after(ctx, t.end(), ORG_TYPES)
        if not lead or ctx.pos(lead[0][0])[0] != t.end():
            continue
        role = _LED_ROLE.match(text, ctx.pos(lead[-1][0])[1])
        alliance = next((k for m, k in reversed(ctx.mentions) if k[0] == "Alliance" and ctx.pos(m)[1] <= t.start()), None)
        if role is None or alliance is None:
            continue
        for _, k in lead:
            ctx.rel(k, "memberOf", alliance, "member-lead", role=role.group(1))
    # X是/成为Y联盟(的)成员单位: membership stated with the member's role
    for m, k in _orgs(ctx, ("Alliance",)):
        unit = _MEMBER_UNIT.match(text, ctx.pos(m)[1])
        if unit and _LISTING.match(text, unit.end()):
            continue          # 甲医共体成员单位有A、B: a list follows (member-listed)
        if unit and not _not_asserted(text[_clause_start(text, ctx.pos(m)[0]):ctx.pos(m)[0]]):
            ctx.rel(_subject_before(ctx, ctx.pos(m)[0]), "memberOf", k, "member-unit", role=unit.group(1))
    for t in _BECAME_MEMBERS.finditer(text):
        alliance = _nearest_alliance(ctx, t.start())
        members = _list_before(ctx, t.start(), ORG_TYPES)
        if alliance and members and not _not_asserted(text[_clause_start(text, t.start()):t.start()]):
            for _, k in members:
                ctx.rel(k, "memberOf", alliance, "member-listed")
    for m, k in _orgs(ctx, ("Hospital",)):
        g = re.match(r"(.{2,16}?(?:医疗集团|健康集团))(.{2,})$", k[1])
        if g and g.group(2).endswith(("医院", "院")):
            ctx.rel(k, "memberOf", ctx.resolution.entity("Alliance", g.group(1)), "member-name")


_LED_BY = re.compile(r"以")
_LED_CLAUSE = re.compile(r"[^,。;;]{2,40}?(?:牵头|领衔|为核心|为龙头)[,,]")
_LISTING = re.compile(r"(?:包括|包含|涵盖|有|为)[::]?")
# A、B成为(首批)成员单位, the alliance named earlier in the sentence
_BECAME_MEMBERS = re.compile(r"(?:成为|被确定为|被纳入)(?:了)?(?:首批|第一批|首届)?(?:联盟|集团|医联体|医共体)?(?:成员单位|成员医院|成员)")
_HOLDS = re.compile(r"(?:旗下|下辖|下属|所属)(?:的)?(?:成员单位|成员医院|医院)?(?:有|包括)?[::]?")
_JOINED_IT = re.compile(r"(?:进来|其中|进去)?(?:[,。;;]|$)")
_LED_ROLE = re.compile(r"(?:[((][^()()]{1,20}[))])?(?:为|作为)(核心单位|牵头单位|龙头单位|核心医院|牵头医院|龙头医院|核心|龙头|牵头|中心)")
_MEMBERS_LISTED = re.compile(r"(?P<by>(?:是|系)?由)|(?:成员单位|成员医院|成员|单位)(?:包括|包含|涵盖|有|为)[::]?")
_COMPOSED = re.compile(r"(?:共同|联合)?(?:组成|组建|发起成立|发起|成立)")


def _alliance_ends_at(ctx: Ctx, key: Key, pos: int) -> bool:
    return any(k == key and 0 <= pos - ctx.pos(m)[1] <= 2 for m, k in ctx.mentions)


def _nearest_alliance(ctx: Ctx, pos: int) -> Key | None:
    """The alliance named last before ``pos`` in this sentence or the three before it."""
    here = [k for m, k in ctx.mentions if k[0] == "Alliance" and ctx.pos(m)[1] <= pos]
    if here:
        return here[-1]
    for i in range(ctx.sentence.index - 1, max(-1, ctx.sentence.index - 4), -1):
        earlier = [k for _, k in ctx.resolution.mentions(i) if k[0] == "Alliance"]
        if earlier:
            return earlier[-1]
    return None


def _party_parents(ctx: Ctx) -> None:
    listed_end = -1          # 党委下辖A党支部、B党支部: the end of the last branch said to be under it
    for m, k in ctx.mentions:
        if k[0] != "PartyOrganization":
            continue
        parent = _parent_key(ctx, m)
        if not k[1].endswith("党组"):      # a 党组 is its body's leading group, not a unit inside it
            ctx.rel(k, "subOrganizationOf", parent, "party-parent")
        if m.rule == "party-collective" or (m.rule == "party-bare" and k[1].endswith("党支部")):
            a, b = ctx.pos(m)
            if _SUB_PARTY.search(ctx.sentence.text[max(0, a - 8):b]) or (
                    listed_end >= 0 and ctx.sentence.text[listed_end:a] in ("、", "和", "及")):
                ctx.rel(k, "subOrganizationOf", ctx.resolution.entity("PartyOrganization", parent[1] + "党委")
                        if parent else None, "party-sub-party")
                listed_end = b


_ELSEWHERE = re.compile(r"[市县区省州镇乡]委|党工委|工委|党组|^校|[、,]校|[市县区省州镇乡]长|村|局长|厅长|人大|政协|"
                        r"政府|常委|董事长|总经理|理事长|秘书长|会长|所长|(?<!工会)主席|执行长|院士")


def _posts(ctx: Ctx) -> None:
    for m, k in ctx.mentions:
        if k[0] != "Person" or not m.role:
            continue
        if m.parent_is_subject:
            a = ctx.pos(m)[0]
            titles = ctx.sentence.text[_clause_start(ctx.sentence.text, a):a] + m.role
            if _ELSEWHERE.search(titles[-24:]):
                continue      # 市委副书记、市长X / 校党委书记X: a post outside the hospital, body unnamed
        holder = _post_holder(ctx, m)
        if holder is None:
            continue
        roles = [r for r in re.split(r"[、,]", m.role) if r]
        org = _org_of(ctx, holder) if holder[0] == "PartyOrganization" else None
        if org is not None and holder[1] in (org[1] + "党委", org[1] + "党总支"):
            holder = org        # 甲院党委书记: the institution's own committee leads it; a 党支部书记 leads the branch
        if holder[0] == "PartyOrganization":
            party_roles = [r for r in roles if r.endswith(_PARTY_ROLES)]
            other = [r for r in roles if r not in party_roles]
            if party_roles:
                ctx.rel(k, "holdsPositionIn", holder, "person-post", role="、".join(party_roles))
            if other:
                ctx.rel(k, "holdsPositionIn", _org_of(ctx, holder), "person-post", role="、".join(other))
        else:
            ctx.rel(k, "holdsPositionIn", holder, "person-post", role=m.role)


def _post_holder(ctx: Ctx, m: Mention) -> Key | None:
    if m.parent_is_subject:
        return ctx.resolution.subject.key if ctx.resolution.subject else None
    for pm, pk in ctx.mentions:
        if pk[0] == "PartyOrganization" and pm.name == m.parent and pm.in_subject == m.in_subject:
            return pk
    return _parent_key(ctx, m)


def _dedupe(assertions: list[Assertion]) -> list[Assertion]:
    """One assertion per (relation, evidence sentence); symmetric ones once."""
    seen, out = set(), []
    for a in assertions:
        ends = (a.subject, a.object)
        if a.predicate in ("partnersWith", "coBuildsWith"):
            ends = tuple(sorted(ends))
        key = (ends, a.predicate, a.doc, a.start)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
