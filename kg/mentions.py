"""Stage 4: sentences → mentions, found by the grammar of Chinese names.

* Institutions: a suffix from :data:`kg.rules.ORG_SUFFIXES` (人民医院, 卫生院,
  医科大学, 联盟, 市委, 派出所, 中学, 有限公司 …) or an ordinal hospital form
  (第三医院, 二院, 三附院, 第305医院), then a walk left over jieba tokens until
  a function word, verb, punctuation, time, count or site word. A place name
  carries the walk over a word jieba splits oddly (X市|市立|医院). The name
  must hold something proper (a place, a word jieba does not know, an
  ordinal): 互联网医院, 三甲医院 and 甲省公立医院 are not names. A level's own
  body may go without its place (县卫健委, 省政府); a place that signs (与乙县
  签约) is its government; an alias in parentheses (A(B)) is found elsewhere.
* Bare references (医院, 我院, 该院 …) become mentions of the article's subject;
  a bare 集团 / 联盟 of the article's one alliance.
* Party bodies: an institution (or a bare reference, or nothing) + an optional
  department + a party suffix (党委, 党总支, 第五党支部, 联合支部, 总支部委员会 …),
  scoped to the institution they sit in; 中共X委员会 is X's committee.
* Persons: a surname-led name of two or three characters next to a post
  title (院长张三, 张三院长, 院长为张三, 张三(甲院院长), 张三当选为甲会会长), or
  continuing a list of such names; a chain of posts in several organisations
  gives one post in each. A name after a professional rank (护师张三) is a
  person without a post.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg import rules
from kg.lexicon import Token, is_name_word, is_word, tokenize
from kg.model import Document, Mention, Sentence

_SUFFIXES = sorted(rules.ORG_SUFFIXES, key=lambda s: -len(s[0]))
# One anchored alternation (longest first) instead of a loop over the table.
_SUFFIX_AT_END = re.compile("(?:" + "|".join(re.escape(s) for s, _, _ in _SUFFIXES) + ")$")
_SUFFIX_INFO = {s: (s, t, r) for s, t, r in reversed(_SUFFIXES)}
_SUFFIX_LAST_CHARS = frozenset(s[-1] for s, _, _ in _SUFFIXES) | {"院"}
_ORDINAL_HOSPITAL = re.compile(rules.ORDINAL_HOSPITAL + "$")
_PUNCT = re.compile(r"[\s,.;:!?、,。;:!?()\[\]《》<>“”\"'‘’「」『』|/\-—…·]")
_PLACE_END = tuple("省市县区州镇乡村旗盟")
_PARTY = re.compile("|".join(sorted(rules.PARTY_SUFFIXES, key=len, reverse=True)))
_ROLE = re.compile("|".join(rules.ROLE_TITLES))
_TITLE_AFTER_PARTY = re.compile(r"(?:专职)?(?:副)?书记|委员|成员|副处长|处长")
_HEAD_OF_PLACE = re.compile(r"(?:^|(?<=[,、。;:与和及]))([\u4e00-\u9fff]{1,6}?([省市县区州]))(?:常务)?副?$")
_LEVEL_PLACES = ("省", "市", "县", "区", "州")
_LEVEL_COMMITTEES = ("省委", "市委", "县委", "区委", "州委")
# 10家医院, 各医院, 其他医院: a bare 医院 after these is not the subject.
_GENERIC_BEFORE = re.compile(r"(?:[\d一二三四五六七八九十两几多数百千]+[家个所座批]|各|各级|其他|其它|相关|这些|多家|部分|等|"
                             r"基层|公立|民营|县级|市级|省级|上级|下级|成员|协作|合作|帮扶|受援|支援|托管|签约|医联体|医共体)$")
_NOT_NAME_START = ("附属", "直属")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_QUANTITY = re.compile(r"[一二三四五六七八九十两几多数\d]+[家个所名位批项座]")
_ENDS_WITH_ROLE = re.compile("(?:" + "|".join(r for r in rules.ROLE_TITLES if len(r) >= 2) + ")$")
_ROLE_CHAIN = re.compile("(?:(?:" + "|".join(rules.ROLE_TITLES) + ")[、,])+")
_COLLECTIVE = re.compile(r"^(?:及|其)?(?:下设|下辖|所属)?(?:\d+|[一二三四五六七八九十两]+)?个?$")
_ORDINAL_LIST = re.compile(r"(第[一二三四五六七八九十]+)、((?:第[一二三四五六七八九十]+、)*第[一二三四五六七八九十]+)$")


def find_mentions(doc: Document, sentences: list[Sentence], tagger=None) -> list[Mention]:
    """Every mention in the document, sentence by sentence, in text order.

    With a :class:`kg.tagger.Tagger`, the names the grammar missed that the
    tagger finds confidently are added (rule ``crf``); the grammar's own
    mentions stay as they are.

    >>> from kg.sentences import split_sentences
    >>> doc = Document("a.txt", "甲市人民医院与乙县人民医院签约。我院院长王小明出席。")
    >>> ms = find_mentions(doc, split_sentences(doc))
    >>> [m.name for m in ms], [m.name for m in ms if m.subject]
    (['甲市人民医院', '乙县人民医院', '我院', '王小明'], ['我院'])
    """
    per_sentence = [sentence_mentions(s) for s in sentences]
    defined = _defined_aliases(doc, [m for ms in per_sentence for m in ms])
    out: list[Mention] = []
    for s, ms in zip(sentences, per_sentence):
        if any(a in s.text for a in defined):       # again, with the aliases as institutions
            ms = sentence_mentions(s, defined)
        if tagger is not None and _TAGGER_GATE.search(s.text):
            ms = _with_tagged(s, ms, tagger)
        out.extend(ms)
    return out


# A tagged span is kept only above this marginal probability.
TAGGER_MIN_CONFIDENCE = 0.5
# Types the tagger may add. Its hospitals, universities and alliances are
# mostly the grammar's names cut differently (cross-validated precision
# 0.6-0.9), which put wrong partners into lists; persons without a title next
# to them, government bodies and honours are what the grammar misses.
_TAGGED_TYPES = frozenset({"GovernmentBody", "Person", "Honor"})


# The tagger runs only on sentences where what it adds can take part in a
# relation: a post title (persons, their bodies) or an honour word. (Running
# it on short roster lines as well measured no better.)
_TAGGER_GATE = re.compile("|".join(sorted(set(rules.ROLE_TITLES) | set(rules.AWARD_TRIGGERS)
                                          | set(rules.HONOUR_TAILS), key=len, reverse=True)))


_LEVEL_WORDS = frozenset("省市县区州镇乡村")
_ADVERB_CHARS = frozenset("曾也还又已均都并先")


def _with_tagged(s: Sentence, found: list[Mention], tagger) -> list[Mention]:
    from kg.tagger import hints_of

    extra = []
    for a, b, type_, p in tagger.spans(s.text, hints_of(found, s.start)):
        if type_ not in _TAGGED_TYPES or p < TAGGER_MIN_CONFIDENCE or b - a < 2:
            continue
        if any(m.start - s.start < b and a < m.end - s.start for m in found + extra):
            continue
        if type_ != "Person" and s.text[a] in _LEVEL_WORDS:
            continue       # 市委, 县卫健局: the level alone, not a named body
        if type_ == "Person":
            # The grammar's reading of a name at the same start wins where it
            # is longer (王小红同志: the tagger may stop at 王小).
            written = _name_at(s.text, a)
            if written and b - a > len(written) and s.text[a + len(written)] in _ADVERB_CHARS:
                b = a + len(written)       # 王五曾荣获: the adverb is not part of the name
            if len(written) > b - a and not any(m.start - s.start < a + len(written) and a < m.end - s.start
                                                 for m in found):
                b = a + len(written)
        extra.append(_mention(s, s.text[a:b], a, b, type_, "crf"))
        if type_ == "Person":
            extra.extend(_listed_names(s, b, found))
    return sorted(found + extra, key=lambda m: (m.start, -m.end)) if extra else found


def _listed_names(s: Sentence, end: int, found: list[Mention]) -> list[Mention]:
    """王五、李四、赵六等: bare names continuing a list after a tagged name."""
    out, j = [], end
    while s.text[j:j + 1] == "、":
        name = _name_at(s.text, j + 1)
        if not name or _ROLE.match(s.text, j + 1) or any(m.start - s.start == j + 1 for m in found):
            break
        out.append(_mention(s, name, j + 1, j + 1 + len(name), "Person", "crf"))
        j += 1 + len(name)
    return out


_ALIAS_AFTER = re.compile(r"[((]\s*(?:以下)?(?:简称|又名|原名|又称|即)?[::]?\s*[“「\"]?"
                          r"([\u4e00-\u9fffA-Za-z]{2,12}?)[”」\"]?\s*[))]")


def _defined_aliases(doc: Document, ms: list[Mention]) -> dict[str, str]:
    """甲州医发会管理委员会(医发会), 甲县人民医院(又名乙院): alias → type of the
    institution written just before the parentheses."""
    out: dict[str, str] = {}
    for m in ms:
        if m.type in ("PartyOrganization", "Person") or m.subject:
            continue
        d = _ALIAS_AFTER.match(doc.text, m.end)
        if d is None:
            continue
        alias = d.group(1)
        if alias != m.name and len(alias) >= 2 and _HAN.search(alias) and alias not in rules.GENERIC_WORDS \
                and alias not in rules.SUBJECT_REFERENCES and not alias.startswith(("简称", "以下")) \
                and not is_word(alias, 20):      # (机关), (筹): a common word, not another name
            out.setdefault(alias, m.type)
    return out


def _alias_mentions(s: Sentence, ms: list[Mention], defined: dict[str, str]) -> list[Mention]:
    """Every other place the article writes a defined alias (医发会林五执行长)."""
    out: list[Mention] = []
    for alias, type_ in defined.items():
        for a in [m.start() for m in re.finditer(re.escape(alias), s.text)]:
            b = a + len(alias)
            if any(m.start - s.start < b and a < m.end - s.start and not _post_glued(s.text, m, alias, a)
                   for m in ms + out):
                continue
            out.append(_mention(s, alias, a, b, type_, "name-alias-defined"))
    return out


def _post_glued(text: str, m: Mention, alias: str, a: int) -> bool:
    """中国附医院长: the defined alias 中国附医 with the post 院长, not a
    hospital named 中国附医院."""
    return m.text.startswith(alias) and bool(_ROLE.match(text, a + len(alias)))


def sentence_mentions(s: Sentence, aliases: dict[str, str] | None = None) -> list[Mention]:
    """Mentions of one sentence (offsets into the document).

    >>> from kg.model import Sentence
    >>> [(m.name, m.type) for m in sentence_mentions(Sentence("d", 0, 0, 12, "甲县人民医院院长王小明介绍"))]
    [('甲县人民医院', 'Hospital'), ('王小明', 'Person')]
    """
    tokens = tokenize(s.text)
    orgs = _institutions(s, tokens)
    if aliases:
        extra = _alias_mentions(s, orgs, aliases)
        orgs = sorted([o for o in orgs if not any(x.start < o.end and o.start < x.end for x in extra)] + extra,
                      key=lambda m: (m.start, -m.end))
    parties = _maximal(_party_bodies(s, orgs))
    persons = _persons(s, orgs + parties)
    # A party body's own institution is inside its span: keep the outer one.
    spans = [(p.start, p.end, p.rule) for p in parties]
    orgs = [o for o in orgs if not any(a <= o.start and o.end <= b and ((a, b) != (o.start, o.end)
                                                                      or rule == "party-committee")
                                      for a, b, rule in spans)]
    return sorted(orgs + parties + persons, key=lambda m: (m.start, -m.end))


# ── institutions ──

def _institutions(s: Sentence, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    text = s.text
    for i, tok in enumerate(tokens):
        if tok.word[-1] not in _SUFFIX_LAST_CHARS:
            continue
        head = text[max(0, tok.end - 16):tok.end]
        found_suffix = _SUFFIX_AT_END.search(head)
        match = _SUFFIX_INFO[found_suffix.group()] if found_suffix else None
        m = _ORDINAL_HOSPITAL.search(head)
        if m and (match is None or len(m.group()) > len(match[0])):
            match = (m.group(), "Hospital", "name-ordinal-hospital")
        if match is None:
            continue
        suffix, type_, rule = match
        if len(suffix) == 1 and tok.word in rules.GENERIC_PLACE_WORDS:
            continue          # 乡村, 农村: a word, not a named village (戊口 + 村)
        start = _walk_left(tokens, i, tok.end - len(suffix),
                           verbs_ok="company" if suffix in rules.COMPANY_SUFFIXES else type_ == "Alliance")
        if text.startswith(_NOT_NAME_START, start) and start + 2 < tok.end - len(suffix):
            start += 2        # 共建附属乙市第一人民医院: the university before 附属 is not written here
        first = next((k for k, t in enumerate(tokens) if t.start == start), None)
        if first is not None and tokens[first].word in ("原", "前", "新") and first + 1 < len(tokens) \
                and tokens[first + 1].tag.startswith("ns"):
            start += 1        # 原甲省中医院: the former name is 甲省中医院
        name = text[start:tok.end]
        core = text[start:tok.end - len(suffix)]
        if core.endswith(rules.CLASS_WORDS) and rule != "name-ordinal-hospital":
            continue          # 甲省公立医院: a class of hospitals, not one
        if type_ == "University" and core in _UNIVERSITY_KINDS:
            continue          # 建设中医药大学: a kind of university, no name
        if _next_continues_name(text, tok.end) or (type_ == "Alliance" and text.startswith("医院", tok.end)):
            continue          # 乙院医联体医院: 乙院 as a member hospital, not an alliance
        if name in rules.SUBJECT_REFERENCES or (not core and suffix in ("医院", "院")):
            if type_ == "Hospital" and not _GENERIC_BEFORE.search(text, 0, start):
                found.append(_mention(s, name, start, tok.end, "Hospital", "ref-subject", subject=True))
            continue
        if name in rules.STANDALONE_NAMES or (rule == "name-ordinal-hospital"
                                              and (not core or re.search(r"[\d〇零百]", suffix))) or \
                (type_ == "GovernmentBody" and (core in _LEVEL_PLACES or (not core and suffix in _LEVEL_COMMITTEES))
                 and (start == 0 or not _HAN.match(text[start - 1]) or _function_word_before(tokens, start))
                 and (suffix == "政府" or _ROLE.match(text, tok.end))):
            # 卫福部, 三附院; 县卫健委, 省政府, 市委: the level's own body, named as written
            # (县卫健委 is the article's one 乙县卫健委 where it names one: resolve)
            found.append(_mention(s, name, start, tok.end, type_, rule,
                                  bare=name if type_ == "GovernmentBody" and (core in _LEVEL_PLACES or not core) else ""))
            continue
        if core in _LEVEL_PLACES and type_ == "Hospital" and rule == "name-hospital" and suffix != "医院" and \
                (start == 0 or not _HAN.match(text[start - 1]) or _function_word_before(tokens, start)):
            # 县人民医院, 市中医院: the article's one hospital of that level and kind (resolve);
            # 市医院 is said of whichever hospital the city calls its own: left as before
            found.append(_mention(s, name, start, tok.end, "Hospital", "ref-bare", bare=name))
            continue
        if not core and name in rules.BARE_REFERENCE_WORDS and tok.word == name and \
                not _GENERIC_BEFORE.search(text, 0, start) and not text.startswith(("成员", "单位"), tok.end):
            # (联盟成员单位包括…: the member list is read by the relation rules, not as a mention)
            found.append(_mention(s, name, start, tok.end, rules.BARE_REFERENCE_WORDS[name], "ref-bare",
                                  bare=name))
            continue          # 集团董事长, 加入联盟, 卫生院院长: the article's only such institution
        if not core or not (_is_proper(tokens, start, tok.end - len(suffix))
                            or (type_ in ("Organization", "Alliance") and len(core) >= 2
                                and core not in rules.GENERIC_WORDS and core not in rules.COMPANY_WORDS)):
            continue
        own = next((w for w in _OWN_REFERENCES if name.startswith(w)), "")
        if own and type_ in ("Alliance", "Organization") and len(name) - len(own) >= 4:
            # 我院心血管专科联盟: named after the article's subject (resolve adds its name)
            found.append(_mention(s, name, start, tok.end, type_, rule, name=name[len(own):], in_subject=True))
            continue
        found.append(_mention(s, name, start, tok.end, type_, rule))
    for m in re.finditer("|".join(_OWN_REFERENCES), text):
        if not any(f.start - s.start <= m.start() < f.end - s.start for f in found):
            found.append(_mention(s, m.group(), m.start(), m.end(), "Hospital", "ref-subject", subject=True))
    for m in re.finditer("|".join(rules.SCHOOL_REFERENCES), text):
        if not any(f.start - s.start <= m.start() < f.end - s.start for f in found):
            found.append(_mention(s, m.group(), m.start(), m.end(), "University", "ref-school", bare=rules.SCHOOL))
    found.extend(q for q in _quoted_alliances(s) if not any((f.start, f.end) == (q.start, q.end) for f in found))
    found.extend(_signing_places(s, tokens))
    shared = _shared_heads(s)
    if shared:
        found = [f for f in found if not any(m.start < f.end and f.start < m.end for m in shared)] + shared
    return _maximal(found)


_OWN_REFERENCES = ("我院", "本院", "该院")
_UNIVERSITY_KINDS = frozenset({"中医药", "医科", "中医", "医学", "医药", "师范", "理工", "科技", "综合性", "研究型"})
_COUNT_VALUES = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
_SHARED_HEAD = re.compile(
    r"(?:(?<=[与同和及对向为,:])|^)"
    r"(?P<places>[\u4e00-\u9fff]{1,6}?[省市县区州旗](?:、[\u4e00-\u9fff]{1,6}?[省市县区州旗])+)"
    r"等?(?P<n>\d{1,2}|[一二三四五六七八九十两])(?:家|所)"
    r"(?P<head>" + "|".join(sorted(("人民医院", "中医院", "中医医院", "妇幼保健院", "医院", "卫生院", "中心医院",
                                    "疾病预防控制中心", "疾控中心", "卫生健康局", "卫健局"), key=len, reverse=True)) + ")")


def _shared_heads(s: Sentence) -> list[Mention]:
    """与和政县、临夏县、康乐县3家人民医院: one head noun written once for a
    counted list of places names one institution per place."""
    out = []
    for m in _SHARED_HEAD.finditer(s.text):
        places = list(re.finditer(r"[^、]+", m.group("places")))
        count = m.group("n")
        if (int(count) if count.isdigit() else _COUNT_VALUES[count]) != len(places):
            continue
        for p in places:
            a, b = m.start("places") + p.start(), m.start("places") + p.end()
            name = p.group() + m.group("head")
            out.append(_mention(s, p.group(), a, b, org_type(name), "name-shared-head", name=name))
    return out


_PLACE_SIGNS = ("签署", "签订", "签约", "合作", "共建", "达成", "结对", "携手", "建立", "开展", "联合")


def _signing_places(s: Sentence, tokens: list[Token]) -> list[Mention]:
    """与乙县签署协议: a place that signs acts as its government (ANNOTATION)."""
    out = []
    for i, t in enumerate(tokens[:-2]):
        if t.word not in ("与", "同", "和"):
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].tag.startswith("ns") and len(tokens[j].word) >= 2 and j - i <= 2:
            j += 1
        if j > i + 1 and j < len(tokens) and tokens[j].word.startswith(_PLACE_SIGNS):
            a, b = tokens[i + 1].start, tokens[j - 1].end
            out.append(_mention(s, s.text[a:b], a, b, "GovernmentBody", "name-place-government"))
    return out


def _function_word_before(tokens: list[Token], start: int) -> bool:
    """Is the token that ends at ``start`` a function word (与, 经, 由 …) rather than
    part of a place jieba tags otherwise (开化|县委)?"""
    before = next((t for t in tokens if t.end == start), None)
    return before is not None and (before.tag in rules.STOP_TAGS or
                                   (before.word in rules.STOP_WORDS and len(before.word) == 1))


def _walk_left(tokens: list[Token], i: int, suffix_start: int, verbs_ok: bool | str = False) -> int:
    """Start of the name whose suffix begins at ``suffix_start``."""
    j = i
    while j > 0 and tokens[j].start > suffix_start:
        j -= 1
    start = tokens[j].start if tokens[j].start <= suffix_start else suffix_start
    k = j - 1
    while k >= 0 and suffix_start - tokens[k].start <= 24:
        if _locative_end(tokens, k):
            break              # 工作中|乙州交通大学: 中 closes the phrase before the name
        if k >= 2 and tokens[k].word in ")）" and tokens[k - 2].word in "(（" and \
                tokens[k - 1].word in _NAME_PARENS:
            k -= 2             # 甲建设(集团)有限公司: the parentheses are part of the name
        elif _stops(tokens[k], verbs_ok) and _village_head(tokens, k):
            pass               # 那|良|镇: a one-character word that starts a place name
        elif _stops(tokens[k], verbs_ok):
            place = _place_across(tokens, k)
            if place is None:
                break
            k = place          # 拉萨市|市立|医院, 洛阳|冰|都|医院: a place name, then a word jieba splits oddly
        start = tokens[k].start
        k -= 1
    return start


def _locative_end(tokens: list[Token], k: int) -> bool:
    """Is tokens[k] a locative 中/里/内/上 ending a phrase (工作中, 过程中) right
    before a proper name?"""
    return (tokens[k].tag == "f" and tokens[k].word in ("中", "里", "内", "上", "下") and 0 < k < len(tokens) - 1
            and tokens[k - 1].tag in ("v", "vn", "n") and tokens[k + 1].tag in ("nt", "ns"))


_NAME_PARENS = frozenset({"集团", "中国", "股份", "控股", "有限", "香港", "澳门"})


def _village_head(tokens: list[Token], k: int) -> bool:
    """Is tokens[k] the first character of a three-character place (那良镇, 那坡县)?"""
    return (len(tokens[k].word) == 1 and _HAN.match(tokens[k].word) and tokens[k].word not in rules.HARD_STOPS
            and k + 2 < len(tokens)
            and len(tokens[k + 1].word) == 1 and _HAN.match(tokens[k + 1].word)
            and tokens[k + 2].word[:1] in "镇乡村县屯" and (k == 0 or not _HAN.match(tokens[k - 1].word[-1])
                                                           or tokens[k - 1].word in rules.HARD_STOPS))


def _place_across(tokens: list[Token], k: int) -> int | None:
    """Index of a place name (ns) just left of a few short tokens that stopped
    the walk at ``k``, or None: 市立, 冰都 inside 拉萨市市立医院, 洛阳冰都医院."""
    skipped = 0
    while k >= 0 and skipped <= 3:
        t = tokens[k]
        if t.tag.startswith("ns") and len(t.word) >= 2 and skipped:
            return k
        w = t.word
        if not _HAN.fullmatch(w[0]) or len(w) > 2 or w in rules.HARD_STOPS or \
                (len(w) == 2 and (w in rules.STOP_WORDS or t.tag in ("d", "m", "r", "p", "c", "t", "u", "uj"))):
            return None
        skipped += len(w)
        k -= 1
    return None


def _stops(tok: Token, verbs_ok: bool | str = False) -> bool:
    w = tok.word
    if verbs_ok == "company" and w in rules.COMPANY_WORDS:
        return False                                   # 甲州建设投资有限公司
    if _PUNCT.fullmatch(w[0]) or w.isdigit() or not _HAN.search(w):
        return not re.fullmatch(r"[A-Za-z]+", w)       # Latin letters may be part of names
    if w in rules.NAME_VERBS:
        return False
    if len(w) >= 4 and (w[:2] in rules.STOP_WORDS or w[-2:] in rules.STOP_WORDS):
        return True                                    # 牵头成立: two stop verbs jieba keeps together
    if w in rules.STOP_WORDS or tok.tag in rules.STOP_TAGS or _QUANTITY.fullmatch(w):
        return True
    if tok.tag == "v" and len(w) >= 2 and w not in rules.NAME_VERBS and not verbs_ok:
        return True
    return bool(_ENDS_WITH_ROLE.search(w))


def _is_proper(tokens: list[Token], start: int, end: int) -> bool:
    """Does text[start:end] hold a proper part (place, unknown word, ordinal)?"""
    inner = [t for t in tokens if t.end > start and t.start < end]
    singles = 0
    for t in inner:
        w = t.word[max(0, start - t.start): len(t.word) - max(0, t.end - end)]
        if not w:
            continue
        if len(w) == 1:
            singles += 1
            if singles >= 2:
                return True
            continue
        singles = 0
        if w in rules.GENERIC_WORDS:
            continue
        if t.tag in ("ns", "nr", "nrt", "nz", "nt", "j", "nrfg", "s") or w.endswith(_PLACE_END):
            return True
        if re.search(r"第[一二三四五六七八九十]|[A-Za-z0-9]", w) or t.tag == "?":
            return True
    return False


def _next_continues_name(text: str, end: int) -> bool:
    """医院管理研究所: the suffix is inside a longer institution word."""
    rest = text[end:end + 6]
    return bool(re.match(r"(管理|研究|协会|学会|联盟|集团|院区|分院)", rest)) and not rest.startswith(("联盟医院",))


def _quoted_alliances(s: Sentence) -> list[Mention]:
    out = []
    for m in re.finditer(r"[“「『\"]([^”」』\"]{3,40}?(?:联盟|医联体|医共体|医疗集团|医院集团|健康集团|共同体|联合体|医疗体系|协作网))[”」』\"]", s.text):
        out.append(_mention(s, m.group(1), m.start(1), m.end(1), "Alliance", "name-alliance-quoted"))
    return out


def _maximal(ms: list[Mention]) -> list[Mention]:
    ms = sorted(ms, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in ms:
        if out and out[-1].start <= m.start and m.end <= out[-1].end and \
                (out[-1].start, out[-1].end) != (m.start, m.end):
            continue
        out = [o for o in out if not (m.start <= o.start and o.end <= m.end)
               or (o.start, o.end) == (m.start, m.end)]
        out.append(m)
    return out


def org_type(name: str) -> str:
    """The entity type an institution name's suffix gives (Organization if none).

    >>> org_type("甲市第一人民医院"), org_type("乙大学")
    ('Hospital', 'University')
    """
    if _ORDINAL_HOSPITAL.search(name):
        return "Hospital"
    return next((t for suf, t, _ in _SUFFIXES if name.endswith(suf)), "Organization")


def _mention(s: Sentence, text: str, a: int, b: int, type_: str, rule: str,
             name: str = "", parent: str = "", role: str = "",
             subject: bool = False, in_subject: bool = False, bare: str = "", in_bare: str = "") -> Mention:
    return Mention(text=text, type=type_, start=s.start + a, end=s.start + b,
                   sentence=s.index, rule=rule, name=name or text, parent=parent, role=role,
                   subject=subject, in_subject=in_subject, bare=bare, in_bare=in_bare)


def _org_ref(o: Mention) -> tuple[str, bool, str]:
    """(parent, in_subject, in_bare) for the organisation ``o`` names, as a
    party body or a person's post in it would have them: a reference to the
    subject is ('', True, ''), a bare 集团 ('', False, '集团'), one of their
    party bodies (its local name, as that body has them), any other (its
    name, False, '')."""
    if o.subject:
        return "", True, ""
    if o.bare:
        return "", False, o.bare
    return o.name, o.in_subject, o.in_bare


# ── party bodies ──

def _party_bodies(s: Sentence, orgs: list[Mention]) -> list[Mention]:
    text, out = s.text, []
    for o in orgs:       # 中共甲社区委员会: the party committee of 甲社区
        a, b = o.start - s.start, o.end - s.start
        if o.subject or o.type == "PartyOrganization":
            continue
        inner = next((o.name[len(p):] for p in rules.PARTY_PREFIX_NOISE if o.name.startswith(p)), "")
        if inner.endswith("委员会") and len(inner) > 5:
            out.append(_mention(s, o.text, a, b, "PartyOrganization", "party-committee",
                                name=inner, parent=inner[:-3]))
        elif text.startswith("委员会", b) and (inner or text.endswith(rules.PARTY_PREFIX_NOISE, 0, a)):
            # 中共甲县人民医院委员会 = 甲县人民医院党委
            parent, in_subject, in_bare = (inner, False, "") if inner else _org_ref(o)
            local = "党委" if o.type in ("Hospital", "University") else "委员会"
            out.append(_mention(s, text[a:b + 3], a, b + 3, "PartyOrganization", "party-committee",
                                name=parent + local, parent=parent, in_subject=in_subject, in_bare=in_bare))
    for m in _PARTY.finditer(text):
        suffix, a, b = m.group(), m.start(), m.end()
        if text[b:b + 1] == "织" or text[:a].count("《") > text[:a].count("》"):
            continue          # 党组织 is a generic noun; 《党总支议事规则》 a document
        is_title = bool(_TITLE_AFTER_PARTY.match(text, b))
        org = next((o for o in sorted(orgs, key=lambda o: -o.end)
                    if o.end - s.start <= a and (_dept_ok(text[o.end - s.start:a])
                                                 or _COLLECTIVE.match(text[o.end - s.start:a]))), None)
        if org is not None and suffix == "党组织" and (org.subject or org.end - s.start != a):
            continue          # 医院党组织, 乙县医院各党组织: no particular body
        if org is not None:
            dept = text[org.end - s.start:a]
            parent, in_subject, in_bare = _org_ref(org)
            start = org.start - s.start
            rule = "party-scoped"
        elif suffix == "党组织":
            continue          # 基层党组织: generic unless a named organisation's (乙县人民医院党组织)
        elif _is_place(text[_dept_start(text, a):a]):
            # 乙县丙镇党委, 丁街道党工委: a place's own party body
            start = _dept_start(text, a)
            parent, in_subject, in_bare, dept, rule = text[start:a], False, "", "", "party-place"
        else:
            dept_start = _dept_start(text, a)
            listed = re.search(r"[\u4e00-\u9fff]{0,8}?第[一二三四五六七八九十]+、$", text[:dept_start])
            if listed and text[dept_start:a].startswith("第"):
                dept_start = _dept_start(text, listed.end() - 1)
            dept = text[dept_start:a]
            ref = next((r for r in ("医院", "我院", "本院", "该院", "院") if text[:dept_start].endswith(r)), "")
            if not dept and suffix not in ("党委", "党总支") and ref in ("", "医院"):
                continue
            if not dept and (text[a - 1:a] == "、" or text[b:b + 1] in "、(" or re.search(r"\d个$", text[:a])):
                continue          # 党委、党总支、党支部三级: the levels, not a body
            if dept and not _dept_ok(dept):
                if suffix not in ("党委", "党总支"):
                    continue
                dept_start = a       # 全面发挥党总支: the body itself, no department
            dept_start -= len(ref)
            dept = text[dept_start + len(ref):a]
            if dept and (len(dept) < 2 or dept.isdigit() or not _dept_ok(dept)):
                continue
            listed_after = out and out[-1].end - s.start == dept_start - 1 and text[dept_start - 1] == "、"
            parent, in_subject, in_bare = ((out[-1].parent, out[-1].in_subject, out[-1].in_bare)
                                           if out and (_COLLECTIVE.match(dept) or listed_after) else ("", True, ""))
            start, rule = dept_start, "party-bare"
        if dept and (_COLLECTIVE.match(dept) or re.search(r"\d+个$", dept)):
            dept, rule = "", "party-collective"
            if suffix not in ("党支部", "支部", "党总支"):
                continue
        if re.match(r"(?:宣传部|办公室|组织部|统战部|工作部|委员会)", text[b:]) and not dept:
            continue        # 党委宣传部: an office of the committee, not the committee
        if is_title and not dept and suffix in ("党委", "党组", "机关党委"):
            continue        # 党委书记 / 党组成员: a post in the organisation itself
        if suffix == "支部" and not dept and rule != "party-scoped":
            continue          # 支部 alone is no name; 乙院支部书记 is 乙院's 党支部
        name = dept + ("党支部" if suffix == "支部" and (rule == "party-collective" or not dept) else suffix)
        ordinal_list = _ORDINAL_LIST.search(dept) if "、" in dept else None
        if ordinal_list:     # 临床第一、第二党支部 → two branches
            head = dept[:ordinal_list.start()]
            for ordinal in [ordinal_list.group(1)] + ordinal_list.group(2).split("、"):
                out.append(_mention(s, text[start:b], start, b, "PartyOrganization", "party-list",
                                    name=parent + head.removeprefix("总院") + ordinal + suffix, parent=parent,
                                    in_subject=in_subject, in_bare=in_bare))
            continue
        if name.startswith("总院") and len(name) > 4:
            name = name[2:]          # the main campus is the hospital itself
        # The canonical name is the parent's name + the local part; a
        # subject-scoped one (外科第三党支部, in_subject) is completed by resolve.
        out.append(_mention(s, text[start:b], start, b, "PartyOrganization", rule,
                            name=parent + name, parent=parent, in_subject=in_subject, in_bare=in_bare))
    return out


_PLACE_BEFORE = re.compile(r"^([\u4e00-\u9fff]{1,10})(?:镇|乡|街道|社区|村|嘎查|苏木)$")
_NOT_IN_PLACE_TAGS = frozenset({"c", "p", "d", "r", "b", "u", "uj", "ul", "f"})


@lru_cache(maxsize=4096)
def _is_place(text: str) -> bool:
    """三河镇, 长沙县三河镇, 解放街道: a named town, street or village (the
    words before its level are a name: no function word, verb only first)."""
    m = _PLACE_BEFORE.match(text)
    if not m:
        return False
    stem = tokenize(m.group(1))
    return not any(t.tag in _NOT_IN_PLACE_TAGS or t.word in rules.GENERIC_WORDS or t.word in rules.STOP_WORDS
                   or (i and t.tag in ("v", "vn")) for i, t in enumerate(stem))
_DEPT = re.compile(r"^(?:[A-Z]{2,6}|[\u4e00-\u9fffA-Za-z]{0,10}?(?:科|室|部|处|系|所|办|组|站|分局|队|病区|中心|部门|门诊|临床|医技|机关|党委|党组|"
                   r"后勤|行政|学生|本科生|研究生|博士生|硕士生|教工|教职工|年级|班|护理|药学|离退休|总院|分院|院区|学院|委员会|街道|社区|党委办公室|联合|直属|团委|工会|纪委|"
                   r"外|内|耳鼻喉|妇产|儿|眼|口腔|骨|麻醉|影像|检验|药剂|放射|超声|病理|急诊|重症|康复|针灸|推拿))?"
                   r"(?:第?[一二三四五六七八九十]+)?$")


@lru_cache(maxsize=4096)
def _dept_ok(dept: str) -> bool:
    if len(dept.replace("、", "")) > rules.DEPT_MAX + 1 or _PUNCT.search(dept.replace("、", "")):
        return False                       # cheap test first: too long or broken by punctuation
    dept = _DEPT_AND.sub(r"\1", dept)       # 呼吸与危重症医学科: one department
    if dept in rules.GENERIC_WORDS:
        return False                       # 各分院党总支, 社区党委: no particular body
    first = tokenize(dept)[:1]
    if first and first[0].tag in ("c", "p", "d", "r"):
        return False                       # 并提供资金改善社区党支部: a clause, not a department
    if first and first[0].tag == "v" and len(first[0].word) > 1 and first[0].word not in rules.DEPT_AND_HEADS \
            and not re.search(r"[科室处部]|病区|中心", dept):
        return False                       # 构建总院党总支: a verb, not a department
    listed = _ORDINAL_LIST.search(dept)
    if not _DEPT.match(dept[:listed.end(1)] if listed else dept):
        return False
    if _ORDINAL_LIST.search(dept):
        dept = dept.replace("、", "")
    if len(dept) > rules.DEPT_MAX or _PUNCT.search(dept):
        return False
    return not re.search(r"[与和及的等各型]|开展|共建|举行|联合|签订|围绕|牵头|率先|也|还|先后|分别|下辖|下设|所辖|辖区|所在|周边|"
                         r"授予|表彰|命名|荣获|获评|评为|"
                         r"先进|优秀|示范|样板|基层|模范|标兵|五好|星级|红旗|过硬|系统", dept)


# Departments whose standard names hold 与 (呼吸与危重症医学科, 内分泌与代谢科 …).
_DEPT_AND = re.compile("(" + "|".join(rules.DEPT_AND_HEADS) + ")与(?=[\u4e00-\u9fff]{1,8}?(?:科|中心|病区))")


def _dept_start(text: str, a: int) -> int:
    """Start of a bare department written before a party suffix (内科第一)."""
    i = a
    while i > 0 and not _PUNCT.match(text[i - 1]) and a - i < rules.DEPT_MAX:
        i -= 1
    dept = _DEPT_AND.sub(r"\1＋", text[i:a])     # 呼吸与危重症: the 与 is inside the name
    # Cut at the last function word or bare reference: 院/医院 + dept is the subject's.
    cut = max((dept.rfind(w) + len(w) for w in ("医院", "我院", "本院", "该院", "党组织", "与", "和", "及",
                                                  "在", "的", "由", "为", "是", "对", "了", "各", "下辖", "下设", "所辖",
                                                  "表彰", "命名", *rules.AWARD_TRIGGERS)
               if w in dept), default=0)     # 授予骨科党支部: the verb is not the department
    if dept.endswith("院") and not dept.endswith(("分院", "总院", "学院")):
        cut = len(dept)                      # …院党委书记: the 院 is the (subject) institution
    elif dept.startswith("院") and cut == 0:
        cut = 1                              # 院党总支: a bare 院 at the start of the phrase
    return i + cut


# ── persons ──

def _persons(s: Sentence, orgs: list[Mention]) -> list[Mention]:
    text, out = s.text, []
    for m in _ROLE.finditer(text):
        a, b = m.start(), m.end()
        if any(text[max(0, a - 3):a].endswith(w) for w in rules.NON_ROLE_WORDS):
            continue
        holder = next((o for o in orgs if o.type == "PartyOrganization"
                       and o.start - s.start < a < o.end - s.start < b), None)
        if holder is not None:      # 内科第二党支部书记: 党支部 belongs to both
            a = holder.end - s.start
        ranks = _RANKS_AFTER_POST.match(text, b)      # 副院长、主任医师、教授王五: ranks between post and name
        name, pos = _name_at(text, ranks.end()), ranks.end()
        if name and _clause_goes_on(text[b:]):
            name = ""         # 王五副院长宣读了…, 王五院长向全体…: a verb or a preposition, not a name
        if not name and text[b:b + 1] in (" ", ":", "\u3000"):     # 院长 王五, 院长:王五
            after = _name_at(text, b + 1)
            if after and (len(text) == b + 1 + len(after) or not _HAN.match(text[b + 1 + len(after)])
                          or text[b:b + 1] == ":"):
                name, pos = after, b + 1
        if not name and text[b:b + 1] in ("为", "是", "由"):
            after = _name_at(text, b + 1)     # 现任院长为王五, 院长由王五担任
            if after and re.match(r"[,。;、)]|担任|同志|$", text[b + 1 + len(after):]):
                name, pos = after, b + 1
        if not name and (text[b:b + 1] in ")）、,;" or b == len(text)):     # 王五(甲县人民医院院长)
            opened = max(text.rfind("(", 0, a), text.rfind("（", 0, a))
            if opened > 1 and not re.search(r"[)）]", text[opened:a]):
                opened -= next((len(h) for h in rules.HONORIFICS if text.endswith(h, 0, opened)), 0)
                name, pos = next(((text[opened - k:opened], opened - k) for k in (3, 2)
                                  if opened >= k and re.fullmatch(r"[\u4e00-\u9fff]+", text[opened - k:opened])
                                  and _is_surname_start(text[opened - k:opened])
                                  and _plausible_name(text[opened - k:opened])), ("", a))
                if name and not any(o.start - s.start > opened and o.end - s.start <= a for o in orgs):
                    name = ""          # only a title with its own organisation inside
        if name:
            parent, in_subject, in_bare, dept_start = _post_organisation(s, orgs, a, out, m.group())
            place = _HEAD_OF_PLACE.search(text, 0, a) if parent is None else None
            if place and place.group(2) == m.group()[-2]:      # 甲市副市长王五: the city's government,
                out.append(_mention(s, name, pos, pos + len(name), "Person", "person-government",
                                    parent=place.group(1) + "人民政府", role=m.group()))
                continue      # kept only when the article names that government (resolve)
            if parent is None:
                head = _HEAD_OF_LEVEL.fullmatch(m.group())
                if head:       # 副市长王五: the article's one city government, if it names one (resolve)
                    out.append(_mention(s, name, pos, pos + len(name), "Person", "person-government",
                                        role=m.group(), in_bare=head.group(1) + "人民政府"))
                continue
            role = re.sub(r"^(?:现任|新任)", "", text[dept_start:b] if dept_start is not None else text[a:b])
        else:   # 李四院长: the name stands between the institution and the title
            name, pos = _name_before(text, a, orgs, s)
            if not name:
                continue
            role = m.group()
            listed, first = [], pos          # 王五、李四副院长: the names listed before share the post
            while first > 1 and text[first - 1] == "、":
                prev, ppos = _name_before(text, first - 1, orgs, s)
                if not prev:
                    break
                listed.append((prev, ppos))
                first = ppos
            parent, in_subject, in_bare, _ = _post_organisation(s, orgs, first, out, m.group())
            if parent is None or (in_subject and not parent and m.group() in ("书记", "副书记")
                                  and not any(o.end - s.start == first for o in orgs)):
                continue      # 李四书记讲话: whose secretary is not written
            for prev, ppos in listed:
                out.append(_mention(s, prev, ppos, ppos + len(prev), "Person", "person-list",
                                    parent=parent, role=role, in_subject=in_subject, in_bare=in_bare))
        start = pos if name == text[pos:pos + len(name)] else b
        government = _government_post(parent or in_bare, role)
        if government:       # 甲市委副书记、市长王五: the 市长 is a post in the city's government
            role = "、".join(r for r in re.split(r"[、,]", role) if r and r != government[1])
            bare = (parent or in_bare) in _LEVEL_COMMITTEES      # 市委副书记、市长王五: the article's one city government
            out.append(_mention(s, name, start, start + len(name), "Person", "person-government",
                                parent="" if bare else government[0], role=government[1],
                                in_bare=government[0] if bare else ""))
        out.append(_mention(s, name, start, start + len(name), "Person", "person-role",
                            parent=parent, role=role, in_subject=in_subject, in_bare=in_bare))
        if pos in (b, b + 1, ranks.end()):
            out.extend(_earlier_posts(s, orgs, name, start, a))
        # 副局长A、B、C: bare names continuing the list share the post.
        j = start + len(name)
        while j < len(text) and text[j] == "、":
            nxt = _name_at(text, j + 1)
            if not nxt or _ROLE.match(text, j + 1) or any(o.start - s.start == j + 1 for o in orgs):
                break                 # 、余干县卫生健康委员会…: an institution, not a name
            out.append(_mention(s, nxt, j + 1, j + 1 + len(nxt), "Person", "person-list",
                                parent=parent, role=role, in_subject=in_subject, in_bare=in_bare))
            j += 1 + len(nxt)
    out.extend(_elected(s, orgs, out))
    out.extend(_stated_posts(s, orgs, out))
    for m in _PROFESSION.finditer(text):      # 护师王五, 王五教授: a named person, though not a post
        name, pos = _name_at(text, m.end()), m.end()
        if not name:
            name, pos = _name_before(text, m.start(), orgs, s)
        if name and not any(p.start - s.start <= pos < p.end - s.start for p in out) and \
                not any(o.start - s.start <= pos < o.end - s.start for o in orgs):
            out.append(_mention(s, name, pos, pos + len(name), "Person", "person-profession"))
            j = pos + len(name)
            while pos > m.start() and j < len(text) and text[j] == "、":   # 护士王五、李四
                nxt = _name_at(text, j + 1)
                if not nxt or _ROLE.match(text, j + 1) or _PROFESSION.match(text, j + 1):
                    break
                out.append(_mention(s, nxt, j + 1, j + 1 + len(nxt), "Person", "person-profession"))
                j += 1 + len(nxt)
    return _dedupe_persons(out)


_PROFESSION = re.compile("|".join(sorted(rules.PROFESSION_TITLES, key=len, reverse=True)))
_PROFESSION_OR_RANK = re.compile("|".join(sorted(rules.PROFESSION_TITLES + rules.ACADEMIC_RANKS, key=len, reverse=True)))
_RANKS_AFTER_POST = re.compile(r"(?:、(?:" + _PROFESSION_OR_RANK.pattern + r"))*")


_ELECTED = re.compile(r"(当选为|当选|担任|出任|任命为|兼任|现任|(?<![曾原时历])任|为)")    # 曾任: a former post
# Verbs that name whom they appoint: 选举王五为…, 聘任王五为…
_APPOINTING = ("选举", "推选", "推举", "聘任", "聘请", "任命", "聘")


_TERM = re.compile(r"(?:第[一二三四五六七八九十\d]+届)?(?:常务)?(?:理事会|委员会|董事会)?")


def _elected(s: Sentence, orgs: list[Mention], found: list[Mention]) -> list[Mention]:
    """王五当选为甲州医学会会长 / 王五担任甲县医院院长: the name, a verb of taking
    office, then an organisation and its post."""
    text, out = s.text, []
    for v in _ELECTED.finditer(text):
        org = next((o for o in orgs if o.start - s.start == v.end() and o.type != "PartyOrganization"
                    and not o.subject), None)
        after = org.end - s.start if org else v.end()
        after = _TERM.match(text, after).end()       # 第五届理事会理事长: the term and board before the post
        title = _ROLE.match(text, after)
        if not title:
            continue
        end = v.start() - (2 if text.endswith("同志", 0, v.start()) else 0)
        name, pos = _name_before(text, end, [], s)
        if not name:          # 甲院院长王五当选为…: the name already read after its first post
            name, pos = next(((p.text, p.start - s.start) for p in found
                              if p.type == "Person" and p.end - s.start == v.start()), ("", 0))
        if not name or any(p.start - s.start == pos and (org is None or p.parent == org.name) for p in found):
            continue
        if org is None:       # 选举产生甲联盟理事会,王五当选为理事长: the one body named before
            before = [o for o in orgs if o.end - s.start <= pos and o.type in ("Alliance", "Organization")]
            if len(before) != 1:
                continue
            org = before[0]
        parent, in_subject, in_bare = _org_ref(org)
        out.append(_mention(s, name, pos, pos + len(name), "Person", "person-elected",
                            parent=parent, role=title.group(), in_subject=in_subject, in_bare=in_bare))
    return out


# 王五,男,1970年生,甲院心内科主任 / 王五同志是甲院护理部主任: the name, then its post
_PROFILE = re.compile(r"^(?:[\d一二三四五六七八九十]+[、.．]\s*)?(?P<name>[\u4e00-\u9fff]{2,4}?)(?:同志)?,(?:(?P<sex>男|女)[,(]|"
                      r"(?=(?:" + _PROFESSION_OR_RANK.pattern + r")[,、]|[^,。;;]{2,30}?(?:"
                      + "|".join(rules.ROLE_TITLES) + r")(?:[,。;;]|$)))")
_COPULA = re.compile(r"(?:同志)?(?:现|现为)?(?:是|系)")


def _stated_posts(s: Sentence, orgs: list[Mention], found: list[Mention]) -> list[Mention]:
    """A person introduced by a profile (王五,男,…) or a copula (王五是…) and
    the first post written after it in the sentence."""
    text, out = s.text, []
    if not _ROLE.search(text):
        return out
    starts = []
    profile = _PROFILE.match(text)
    if profile and _name_at(text, profile.start("name")) == profile.group("name"):
        starts.append((profile.group("name"), profile.start("name"), profile.end()))
    for v in _COPULA.finditer(text):
        name, pos = _name_before(text, v.start(), orgs, s)
        if name and (pos == 0 or _PUNCT.match(text[pos - 1])):
            starts.append((name, pos, v.end()))
    for name, pos, after in starts:
        if any(p.start - s.start == pos for p in found):
            continue          # 院长王五是…: the name already holds the post written before it
        title = next((t for t in _ROLE.finditer(text, after) if not re.search(r"[。;]", text[after:t.start()])
                      and not _PROFESSION_OR_RANK.match(text, t.start())), None)     # 主任 of 主任医师 is a rank
        if title is None or not any(after <= o.start - s.start < title.start() for o in orgs):
            continue
        if profile and pos == profile.start("name") and not profile.group("sex") and \
                not re.match(r"[,。;;、]|$", text[title.end():]):
            continue          # 王五,甲院院长李四…: the post is another's
        parent, in_subject, in_bare, dept = _post_organisation(s, orgs, title.start(), out, title.group())
        if parent is not None:
            role = text[dept:title.end()] if dept is not None else title.group()
            out.append(_mention(s, name, pos, pos + len(name), "Person", "person-role",
                                parent=parent, role=role, in_subject=in_subject, in_bare=in_bare))
    return out


_SCHOOL_POST = re.compile(r"(?:^|(?<=[,、;。:\s]))校(?:党委|纪委|团委)?(?:常委|委员)?、?$")


def _post_organisation(s: Sentence, orgs: list[Mention], a: int,
                       previous: list[Mention], title: str = "") -> tuple[str | None, bool, str, int | None]:
    """The organisation a title written at ``a`` belongs to (parent,
    in_subject, in_bare as in :class:`Mention`; parent None if not found), and
    where its department part starts (医政医管处副处长)."""
    text = s.text
    school = _SCHOOL_POST.search(text[:a])
    if school:      # 校党委书记王五, 校党委常委、副校长李四: the article's university
        return "", False, rules.SCHOOL, school.start()
    for o in sorted(orgs, key=lambda o: -o.end):
        oe = o.end - s.start
        gap = _ROLE_CHAIN.sub("", re.sub(r"(?:现任|新任)$", "", text[oe:a]))
        if oe <= a and _dept_ok(gap):
            return (*_org_ref(o), oe)
    # In a list of posts (A院长X、副院长Y), the previous person's organisation carries on.
    if previous:
        p = previous[-1]
        end = p.end - s.start
        end += next((len(h) for h in rules.HONORIFICS if text.startswith(h, end)), 0)
        gap = text[end:a]
        if len(gap) <= 12 and gap[:1] in "、,及和" and (len(gap) == 1 or _dept_ok(gap[1:])):
            return p.parent, p.in_subject, p.in_bare, end + 1
    if title in rules.OUTSIDE_POSTS:
        return None, False, "", None    # 副州长王五, 李小红校长: not a post in the subject hospital
    dept = _dept_start(text, a)
    before = text[dept - 1] if dept > 0 else ","
    written = text[dept:a]
    if (written and not _dept_ok(written)) or \
            not (before in ",、。;:“\"" or text[:dept].endswith("院")):
        return None, False, "", None    # 泰兴市副市长, 政协委员, (医福会)执行长: an organisation we did not find
    return "", True, "", dept


def _is_surname_start(text: str) -> int:
    if text[:2] in rules.COMPOUND_SURNAMES:
        return 2
    return 1 if text[:1] in rules.SURNAMES else 0


# A word this frequent starting right after a three-character name ends it.
COMMON_WORD_FREQ = 2000


# 艾力·买买提, 阿依古丽·吐尔逊: given names joined by a middle dot (Uyghur,
# Tibetan, Mongolian and transliterated names), no surname table applies.
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}(?:[·・•][\u4e00-\u9fff]{1,8})+")
_DOTTED_NAME_END = re.compile(_DOTTED_NAME.pattern + "$")
_AFTER_DOTTED = re.compile("|".join(sorted(set(rules.ROLE_TITLES) | set(rules.PROFESSION_TITLES)
                                           | set(rules.HONORIFICS) | {"同志", "等"}, key=len, reverse=True)))

# A word this frequent after a middle-dot name's first two characters ends
# the name (…陪同, …致辞); syllables of such names are seldom words (热合 is).
_WORD_AFTER_DOTTED_FREQ = 50


def _dotted_name_at(text: str, pos: int) -> str:
    """A middle-dot name starting at ``pos``, without a title or word
    written after it (艾力·买买提院长 → 艾力·买买提), or ''.

    >>> _dotted_name_at("院长艾力·买买提主持会议", 2)
    '艾力·买买提'
    """
    m = _DOTTED_NAME.match(text, pos)
    if not m:
        return ""
    name = m.group()
    last = max(name.rfind(d) for d in "·・•") + 1
    title = _AFTER_DOTTED.search(name, last + 2)
    name = name[:title.start()] if title else name
    i = last
    for tok in tokenize(name[last:]):     # 买买提出席: jieba's words, not 提出
        if i - last >= 2 and (tok.word in _NOT_NAMES or tok.tag in ("p", "c") or not tok.tag.startswith("nr") and (
                len(tok.word) > 2 and is_word(tok.word) or len(tok.word) == 2 and is_word(tok.word, _WORD_AFTER_DOTTED_FREQ))):
            name = name[:i]
            break
        i += len(tok.word)
    return name if len(name) - last >= 2 else ""


def _name_at(text: str, pos: int) -> str:
    """A personal name starting at ``pos`` (2–3 characters after a surname,
    or given names joined by a middle dot), or ''."""
    dotted = _dotted_name_at(text, pos)
    if dotted:
        return dotted
    n = _is_surname_start(text[pos:])
    if not n:
        return ""
    chars = ""
    for i, c in enumerate(text[pos + n:pos + n + 2]):
        end = pos + n + i + 1
        if not _HAN.match(c) or c in "院局处科部委校" and not (i and (end == len(text) or _PUNCT.match(text[end]))):
            break             # 王五院长: the title starts; 刘景院, : a name that ends in 院
        chars += c
    if not chars:
        return ""
    if len(chars) == 2:
        third = chars[1]
        after = text[pos + n + 1:pos + n + 4]
        if text.startswith(rules.HONORIFICS, pos + n + 2):
            pass              # 王大明教授: 明教 is a word, but 教授 follows the name
        elif third in rules.NAME_STOP_CHARS or (
                any(is_word(after[:k], 50) for k in (2, 3) if len(after) >= k and _HAN.fullmatch(after[1]))
                and not is_word(after[1:3], COMMON_WORD_FREQ)):
            chars = chars[:1]     # 王五说明: 说明 is a word; 王建国光荣: 光荣 begins after the name
    name = text[pos:pos + n] + chars
    return name if _plausible_name(name) else ""


_NOT_NAMES = frozenset(w for w in rules.STOP_WORDS | set(rules.AWARD_TRIGGERS) | set(rules.PARTNER_TRIGGERS)
                       | set(rules.COBUILD_TRIGGERS) | set(rules.MEMBER_FOUNDING) if len(w) >= 2)


def _plausible_name(name: str) -> bool:
    """相关, 单位共, 荣获: common words that start with a surname are not names."""
    if name[:2] in _NOT_NAMES or name in _NOT_NAMES:
        return False
    return not any(is_word(name[:k], 1000) and not is_name_word(name[:k]) for k in (2, 3) if len(name) >= k)


def _clause_goes_on(rest: str) -> bool:
    """Whether ``rest`` starts with a verb of two or more characters or a
    preposition, conjunction or adverb: the sentence goes on, no name starts
    there (院长宣读了…, 院长向全体…)."""
    tokens = tokenize(rest[:8])
    if not tokens:
        return False
    first, word_after = tokens[0], len(tokens) > 1 and len(tokens[1].word) > 1
    if first.tag.startswith("v"):
        return len(first.word) > 1
    # 曾文兵: a surname jieba reads as an adverb, unless a word follows it (向全体, 在会上)
    return first.tag in ("p", "c", "d") and (len(first.word) > 1 or word_after)


def _name_before(text: str, a: int, orgs: list[Mention], s: Sentence) -> tuple[str, int]:
    dotted = _DOTTED_NAME_END.search(text, 0, a)
    if dotted:        # 艾力·买买提院长: where the first given name starts is told by what precedes it
        for pos in range(dotted.start(), a):
            before = text[pos - 1] if pos > 0 else ","
            if (_PUNCT.match(before) and before not in "·・•" or any(o.end - s.start == pos for o in orgs)
                    or _ROLE_AT_END.search(text, 0, pos)) and text[pos] not in "·・•":
                return text[pos:a], pos
    for size in (3, 2):
        pos = a - size
        if pos < 0:
            continue
        cand = text[pos:a]
        before = text[pos - 1] if pos > 0 else ","
        if any(o.start - s.start < a and o.end - s.start > pos for o in orgs):
            continue          # 村党支部书记: the characters belong to an organisation's name
        org_end = any(o.end - s.start == pos for o in orgs)
        if (org_end or _PUNCT.match(before) or text.endswith(_APPOINTING, 0, pos)) and _is_surname_start(cand) and \
                all(_HAN.match(c) for c in cand) and _plausible_name(cand):
            return cand, pos
    return "", a


_ROLE_AT_END = re.compile("(?:" + "|".join(rules.ROLE_TITLES) + ")$")


def _earlier_posts(s: Sentence, orgs: list[Mention], name: str, start: int, a: int) -> list[Mention]:
    """甲省卫健委副主任、省药品监督管理局局长王五: each organisation of a chain
    of posts written before the name gets its own post."""
    text, out = s.text, []
    cur = max((o for o in orgs if o.end - s.start <= a and _dept_ok(text[o.end - s.start:a])),
              key=lambda o: o.end, default=None)
    while cur is not None:
        k = cur.start - s.start
        if k < 3 or text[k - 1] not in "、,":
            break
        title = _ROLE_AT_END.search(text, 0, k - 1)
        if not title:
            break
        prev = max((o for o in orgs if o.end - s.start <= title.start()
                    and _dept_ok(text[o.end - s.start:title.start()])), key=lambda o: o.end, default=None)
        if prev is None or _org_ref(prev) == _org_ref(cur) or prev.subject:
            break
        parent, in_subject, in_bare = _org_ref(prev)
        out.append(_mention(s, name, start, start + len(name), "Person", "person-role",
                            parent=parent, role=text[prev.end - s.start:title.end()],
                            in_subject=in_subject, in_bare=in_bare))
        cur = prev
    return out


_HEAD_OF_LEVEL = re.compile(r"(?:常务)?副?([省市县区州])长")


def _government_post(parent: str, role: str) -> tuple[str, str] | None:
    """(甲市人民政府, 市长) when a party committee's official also heads its government."""
    if not parent.endswith(_LEVEL_COMMITTEES):
        return None
    head = re.search(rf"(?:^|[、,])((?:常务)?副?{parent[-2]}长)$", role)
    return (parent[:-1] + "人民政府", head.group(1)) if head else None


def _dedupe_persons(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if (m.start, m.end, m.parent, m.in_subject, m.in_bare) not in seen:
            seen.add((m.start, m.end, m.parent, m.in_subject, m.in_bare))
            out.append(m)
    return out
