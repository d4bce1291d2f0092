"""The extractor's rules as data: suffix tables, stop words, role titles and
relation triggers, each with an id that every assertion records.

Nothing here names a particular institution: the tables describe how Chinese
institution names, titles and news sentences are built.
"""
from __future__ import annotations

from pathlib import Path

# ── Institution names: (suffix, entity type, rule id), longest suffix wins. ──
ORG_SUFFIXES = (
    # hospitals
    ("中西医结合医院", "Hospital", "name-hospital"),
    ("人民医院", "Hospital", "name-hospital"),
    ("中医医院", "Hospital", "name-hospital"),
    ("中医院", "Hospital", "name-hospital"),
    ("附属医院", "Hospital", "name-hospital"),
    ("附设医院", "Hospital", "name-hospital"),      # Taiwan: X大学附设医院
    ("总院", "Hospital", "name-branch"),
    ("中心医院", "Hospital", "name-hospital"),
    ("联合医院", "Hospital", "name-hospital"),      # 联合 is a verb to jieba: X市立联合医院
    ("医院", "Hospital", "name-hospital"),
    ("妇幼保健院", "Hospital", "name-hospital"),
    ("妇幼保健计划生育服务中心", "Hospital", "name-hospital"),
    ("保健院", "Hospital", "name-hospital"),
    ("卫生院", "Hospital", "name-hospital"),
    ("社区卫生服务中心", "Hospital", "name-hospital"),
    ("卫生服务中心", "Hospital", "name-hospital"),
    ("精神卫生中心", "Hospital", "name-hospital"),
    ("公共卫生临床中心", "Hospital", "name-hospital"),
    ("医学中心", "Hospital", "name-hospital"),
    ("医疗中心", "Hospital", "name-hospital"),
    ("分院", "Hospital", "name-branch"),
    ("院区", "Hospital", "name-branch"),
    ("护理院", "Hospital", "name-hospital"),
    ("疗养院", "Hospital", "name-hospital"),
    ("门诊部", "Hospital", "name-clinic"),
    ("诊所", "Hospital", "name-clinic"),
    ("卫生室", "Hospital", "name-clinic"),
    ("荣总", "Hospital", "name-hospital-abbr"),   # 荣民总医院 (Taiwan)
    ("附院", "Hospital", "name-hospital-abbr"),
    # universities and schools
    ("医科大学", "University", "name-university"),
    ("医大", "University", "name-university"),         # 甲州医大 (short for 医科大学)
    ("大学", "University", "name-university"),
    ("医学院", "University", "name-university"),
    ("医学部", "University", "name-university"),
    ("学院", "University", "name-university"),
    ("卫生学校", "University", "name-university"),
    ("医学高等专科学校", "University", "name-university"),
    # alliances
    ("专科联盟", "Alliance", "name-alliance"),
    ("医疗联盟", "Alliance", "name-alliance"),
    ("联盟", "Alliance", "name-alliance"),
    ("医联体", "Alliance", "name-alliance"),
    ("医共体", "Alliance", "name-alliance"),
    ("医疗集团", "Alliance", "name-alliance"),
    ("健康集团", "Alliance", "name-alliance"),
    ("医疗共同体", "Alliance", "name-alliance"),
    ("医疗联合体", "Alliance", "name-alliance"),
    ("医院集团", "Alliance", "name-alliance"),
    ("健康共同体", "Alliance", "name-alliance"),
    ("医疗协作网", "Alliance", "name-alliance"),
    ("协作网", "Alliance", "name-alliance"),
    ("专科联合体", "Alliance", "name-alliance"),
    ("医疗体系", "Alliance", "name-alliance"),        # Taiwan: X大学医疗体系
    # government bodies
    ("卫生健康委员会", "GovernmentBody", "name-government"),
    ("卫生和计划生育委员会", "GovernmentBody", "name-government"),
    ("卫健委", "GovernmentBody", "name-government"),
    ("卫生健康委", "GovernmentBody", "name-government"),
    ("卫计委", "GovernmentBody", "name-government"),
    ("卫生健康局", "GovernmentBody", "name-government"),
    ("卫生计生局", "GovernmentBody", "name-government"),
    ("卫生局", "GovernmentBody", "name-government"),
    ("卫生厅", "GovernmentBody", "name-government"),
    ("医疗保障局", "GovernmentBody", "name-government"),
    ("医保局", "GovernmentBody", "name-government"),
    ("人民政府", "GovernmentBody", "name-government"),
    ("福利部", "GovernmentBody", "name-government"),
    ("卫福部", "GovernmentBody", "name-government"),
    ("办公厅", "GovernmentBody", "name-government"),
    ("卫生计生委", "GovernmentBody", "name-government"),
    ("发展改革委", "GovernmentBody", "name-government"),
    ("发展和改革委员会", "GovernmentBody", "name-government"),
    ("发改委", "GovernmentBody", "name-government"),
    ("教育厅", "GovernmentBody", "name-government"),
    ("教育局", "GovernmentBody", "name-government"),
    ("民政局", "GovernmentBody", "name-government"),
    ("民政厅", "GovernmentBody", "name-government"),
    ("财政局", "GovernmentBody", "name-government"),
    ("财政厅", "GovernmentBody", "name-government"),
    ("管理局", "GovernmentBody", "name-government"),
    ("医管局", "GovernmentBody", "name-government"),
    ("卫生署", "GovernmentBody", "name-government"),      # Hong Kong / Taiwan
    ("疾管署", "GovernmentBody", "name-government"),
    ("健保署", "GovernmentBody", "name-government"),
    ("食药署", "GovernmentBody", "name-government"),
    ("政府", "GovernmentBody", "name-government"),       # 甲市政府 (short for 人民政府)
    ("省委", "GovernmentBody", "name-government"),
    ("市委", "GovernmentBody", "name-government"),
    ("县委", "GovernmentBody", "name-government"),
    ("区委", "GovernmentBody", "name-government"),
    ("州委", "GovernmentBody", "name-government"),
    ("旗委", "GovernmentBody", "name-government"),
    ("人民代表大会常务委员会", "GovernmentBody", "name-government"),
    ("人大常委会", "GovernmentBody", "name-government"),
    ("人大", "GovernmentBody", "name-government"),
    ("政协", "GovernmentBody", "name-government"),
    ("公安局", "GovernmentBody", "name-government"),
    ("公安分局", "GovernmentBody", "name-government"),
    ("派出所", "GovernmentBody", "name-government"),
    ("消防救援支队", "GovernmentBody", "name-government"),
    ("消防救援大队", "GovernmentBody", "name-government"),
    ("消防救援站", "GovernmentBody", "name-government"),
    ("消防大队", "GovernmentBody", "name-government"),
    ("消防支队", "GovernmentBody", "name-government"),
    ("人民武装部", "GovernmentBody", "name-government"),
    ("人武部", "GovernmentBody", "name-government"),
    ("军分区", "GovernmentBody", "name-government"),
    ("武警支队", "GovernmentBody", "name-government"),
    ("武警大队", "GovernmentBody", "name-government"),
    ("人民法院", "GovernmentBody", "name-government"),
    ("人民检察院", "GovernmentBody", "name-government"),
    ("税务局", "GovernmentBody", "name-government"),
    ("司法局", "GovernmentBody", "name-government"),
    ("交通运输局", "GovernmentBody", "name-government"),
    ("住房和城乡建设局", "GovernmentBody", "name-government"),
    ("住建局", "GovernmentBody", "name-government"),
    ("生态环境局", "GovernmentBody", "name-government"),
    ("文化和旅游局", "GovernmentBody", "name-government"),
    ("文旅局", "GovernmentBody", "name-government"),
    ("体育局", "GovernmentBody", "name-government"),
    ("审计局", "GovernmentBody", "name-government"),
    ("统计局", "GovernmentBody", "name-government"),
    ("农业农村局", "GovernmentBody", "name-government"),
    ("水利局", "GovernmentBody", "name-government"),
    ("自然资源局", "GovernmentBody", "name-government"),
    ("商务局", "GovernmentBody", "name-government"),
    ("科技局", "GovernmentBody", "name-government"),
    ("总队", "GovernmentBody", "name-government"),
    ("支队", "GovernmentBody", "name-government"),
    ("联勤保障部队", "GovernmentBody", "name-government"),
    ("部队", "GovernmentBody", "name-government"),
    # other organisations
    ("疾病预防控制中心", "Organization", "name-organization"),
    ("疾控中心", "Organization", "name-organization"),
    ("疾病控制中心", "Organization", "name-organization"),
    ("总工会", "Organization", "name-organization"),
    ("妇女联合会", "Organization", "name-organization"),
    ("妇联", "Organization", "name-organization"),
    ("残疾人联合会", "Organization", "name-organization"),
    ("残联", "Organization", "name-organization"),
    ("科协", "Organization", "name-organization"),
    ("文联", "Organization", "name-organization"),
    ("侨联", "Organization", "name-organization"),
    ("村民委员会", "Organization", "name-organization"),
    ("海关", "GovernmentBody", "name-government"),
    ("监督管理局", "GovernmentBody", "name-government"),
    ("市场监管局", "GovernmentBody", "name-government"),
    ("人力资源和社会保障局", "GovernmentBody", "name-government"),
    ("人社局", "GovernmentBody", "name-government"),
    ("退役军人事务局", "GovernmentBody", "name-government"),
    ("血液中心", "Organization", "name-organization"),
    ("血站", "Organization", "name-organization"),
    ("卫生监督所", "Organization", "name-organization"),
    ("急救中心", "Organization", "name-organization"),
    ("研究所", "Organization", "name-organization"),
    ("研究院", "Organization", "name-organization"),
    ("居委会", "Organization", "name-organization"),
    ("居民委员会", "Organization", "name-organization"),
    ("村委会", "Organization", "name-organization"),
    ("街道办事处", "Organization", "name-organization"),
    ("街道", "Organization", "name-organization"),
    ("社区", "Organization", "name-organization"),
    ("商会", "Organization", "name-organization"),
    ("学会", "Organization", "name-organization"),
    ("协会", "Organization", "name-organization"),
    ("基金会", "Organization", "name-organization"),
    ("有限公司", "Organization", "name-organization"),
    ("集团", "Organization", "name-organization"),
    ("中学", "Organization", "name-organization"),
    ("小学", "Organization", "name-organization"),
    ("学校", "Organization", "name-organization"),
    ("幼儿园", "Organization", "name-organization"),
    ("村委会", "Organization", "name-organization"),
    ("社区委员会", "Organization", "name-organization"),
    ("村", "Organization", "name-organization"),
    ("保健中心", "Organization", "name-organization"),
    ("红十字会", "Organization", "name-organization"),
    ("公司", "Organization", "name-organization"),
    # common partners of party co-building beyond health care
    ("银行", "Organization", "name-organization"),
    ("分行", "Organization", "name-organization"),
    ("支行", "Organization", "name-organization"),
    ("报社", "Organization", "name-organization"),
    ("电视台", "Organization", "name-organization"),
    ("融媒体中心", "Organization", "name-organization"),
    ("供电局", "Organization", "name-organization"),
    ("烟草专卖局", "GovernmentBody", "name-government"),
    ("气象局", "GovernmentBody", "name-government"),
    ("检察院", "GovernmentBody", "name-government"),
    ("法院", "GovernmentBody", "name-government"),
    ("监狱", "GovernmentBody", "name-government"),
    ("边境管理大队", "GovernmentBody", "name-government"),
    # the departments of a local party committee: 甲市委组织部, 乙县委宣传部
    *((level + "委" + dept, "GovernmentBody", "name-government")
      for level in "省市县区州" for dept in ("组织部", "宣传部", "统战部")),
)
# Bare words that refer to the article's one institution of that kind (集团董事长,
# 卫生院院长) when it names only one that ends so: word → entity type.
BARE_REFERENCE_WORDS = {"集团": "Alliance", "医疗集团": "Alliance", "联盟": "Alliance", "专科联盟": "Alliance",
                        "医疗体系": "Alliance", "卫生院": "Hospital", "中心卫生院": "Hospital",
                        "保健院": "Hospital", "妇幼保健院": "Hospital"}
# National bodies whose name is nothing but an institution word (one a line).
STANDALONE_NAMES = frozenset(
    line.strip() for line in (Path(__file__).parent / "data" / "national_bodies.txt")
    .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))
# Short prefix → full prefix of an institution's name (kg/data/short_prefixes.tsv).
SHORT_PREFIXES = tuple(
    tuple(line.split("\t")) for line in (Path(__file__).parent / "data" / "short_prefixes.tsv")
    .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))
# 第N医院 / 二院 / 三附院: an ordinal before 院 names a hospital.
# Words naming what kind of hospital it is: a short form keeps them whole, so
# 甲市中医院 (traditional medicine) never shortens 甲市中心医院 (the central one).
KIND_WORDS = ("中西医", "中医", "妇幼", "妇产", "儿童", "肿瘤", "口腔", "精神", "传染", "胸科", "眼科",
              "骨科", "皮肤", "康复", "中心", "民族", "藏医", "蒙医", "工人", "职工", "军")

ORDINAL = "一二三四五六七八九十"
# Military hospitals are numbered: 第九〇〇医院, 第305医院, 301医院.
ORDINAL_HOSPITAL = rf"(?:(?:第[{ORDINAL}〇零百\d]+|[{ORDINAL}]+|\d{{3}})(?:附属)?医院|[{ORDINAL}]附?院)"

# A left-walk over jieba tokens stops at these (function words, verbs,
# quantity words that never start an institution name).
STOP_WORDS = frozenset("""
与 同 和 及 跟 向 对 在 于 为 是 系 由 被 把 将 从 等 的 了 着 也 还 并 又 都 就 而 以
经 让 使 给 到 至 往 赴 据 按 或 暨 共 携手 联合 及其 以及 其 该 本 我 各 这 那 此 每
首家 一家 两家 多家 很多 许多 一些 部分 大部分 诸多 众多 不少 各类 各种 这家 全市 全省 全县 全区 全国 全院 所有 多个 单位 成员 成员单位 机构 我们 他们
举行 签订 签署 成立 组建 建立 开展 托管 支援 帮扶 荣获 获得 获评 授予 评为 入选 跻身 加入 牵头
走进 来到 到访 参观 访问 拜访 走访 慰问 莅临 率队 率领 带领 邀请 受邀 应邀 前往 派驻 选派 下沉 参加 出席 看望 考察 调研 指导 承办 主办 协办 依托 通过 推动 推进
促进 打造 建设 创建 争创 申报 成为 加快 发挥 构建 共建 旨在 认真 贯彻 落实 贯彻落实 深化 完善 加强 形成 实现 组成 愿 著 对口 透过 经由 藉由 感谢 特别感谢 致谢 祝贺 热烈祝贺 恭喜 欢迎 热烈欢迎 前不久 日前 近日 近年 今年 去年 目前 当天 随后 同时 此外
讯 网讯 本报讯 消息 报道 记者 通讯员 摄影 编辑 来源 供稿 作者 发布 首页 新闻 资讯 动态 简介 导航 当前 位置 您 现在
个 家 名 位 座 批 项 人 年 月 日 号 年度 年底 年初 年末 上午 下午 期间 以来 有 获 非 教学 实习 紧密型 松散型 县域 其中 包括 如 即 为了 作为 代表 位于 地处 来自 对标 对照 借助 依靠 围绕 面向 合作 签约 交流 座谈 举办 召开 揭牌 挂牌 启动 缔结 结成 结为 担任 出任 兼任 当选 加盟 隶属 隶属于 并入 旗下 下辖 现任 时任 曾任 历任 原任 任职 任职于 就职于 供职于 落户 入驻 落地 高水平 一流 世界一流 国内一流 国际一流 研究型 现代化 高质量
""".split())
# Single words that always end a name, even between a place and its suffix.
HARD_STOPS = frozenset("""
与 同 和 及 跟 向 对 在 于 为 是 系 由 被 把 将 从 等 的 了 着 并 到 至 赴 往 给 让 使 以 而 或 暨 其 该 本 我 各
这 此 每 获 有 人 个 家 名 位 座 批 项 年 月 日 号 非 省 市 县 区 很 最 更 又 还 也 就 共 新
""".split())
# Company names hold words that elsewhere end a name (甲州建设发展有限公司).
COMPANY_SUFFIXES = ("有限公司", "公司", "集团")
COMPANY_WORDS = frozenset("建设 发展 投资 开发 管理 服务 建 合作 控股 实业 科技 医疗 健康 置业 运营".split())
# Tags of jieba's dictionary that never occur inside an institution name.
STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "d", "r", "y",
                       "e", "o", "t", "tg", "x", "w"})
# Verbs jieba tags 'v' that do occur inside names.
NAME_VERBS = frozenset({"附属", "附设", "直属", "结合", "保健", "康复", "服务", "管理", "控制", "预防",
                        # specialty words jieba tags as verb or time word
                        "呼吸", "推拿", "麻醉", "护理", "检验", "急救", "老年", "中老年", "青少年", "少年"})

# Words that alone do not make a name proper (互联网医院, 三甲医院, 基层医院 …).
GENERIC_WORDS = frozenset("""
互联网 三甲 三级 二级 一级 甲等 乙等 基层 公立 民营 县级 市级 省级 国家级 区域 专科 综合
教学 附属 医疗 卫生 健康 中心 人民 群众 满意 示范 优秀 先进 一流 研究型 智慧 数字 文化 精品
应急 公共卫生 定点 合作 联盟 协作 成员 上级 下级 部立 省部级 大型 知名 各级 相关 其他 这些
全国 全省 全市 医学 肿瘤 儿童 妇女 口腔 眼科 胸科 传染病 精神病 康复 中医 西医 百佳 百强
国际 国内 重点 特色 名医 专家 当地 基层医疗 乡镇 社区 街道 村 县 市 省 区 医联体 医共体 集团 分院 总院 直管 非直管
辖区 所在 周边 附近 各个
""".split())
# Words that, right before an institution suffix, make a class of institutions
# of a place rather than one named institution (甲省公立医院, 全市三甲医院).
CLASS_WORDS = ("公立", "民营", "私立", "三甲", "三级", "二级", "一级", "二甲", "基层", "县级", "市级", "省级",
               "定点", "大型", "知名", "各级", "相关", "其他", "上级", "下级", "成员", "协作", "合作",
               "帮扶", "受援", "支援", "托管", "签约", "医共体", "医联体", "联盟", "周边", "辖区", "区域内",
               "顶级", "最好", "最佳", "百强", "十佳", "地级", "地级城市", "优秀", "一流", "示范", "标杆", "智慧")
# Words that end like a place suffix but name no place.
GENERIC_PLACE_WORDS = frozenset("乡村 农村 新农村 山村 渔村 村村 美丽乡村 城乡村 各村 全村 本村 该村 进村 驻村 行政村 自然村".split())
# A name that is only one of these refers to the article's subject hospital.
SUBJECT_REFERENCES = ("我院", "本院", "该院", "全院", "医院", "院")
# 我校 in a university's article: the one university the article names.
SCHOOL_REFERENCES = ("我校", "本校", "该校")
SCHOOL = "校"

# ── Party bodies ──
# 党组, the party group of a government body, co-builds under its own name
# (乙县卫生健康局党组); 党组书记 / 党组成员 stay posts in the body itself.
PARTY_SUFFIXES = ("党总支部委员会", "党支部委员会", "总支部委员会", "支部委员会", "党组织",
                  "联合党支部", "联合支部", "直属党支部", "党总支", "党支部", "党小组",
                  "党工委", "机关党委", "党委", "党组", "支部")
PARTY_PREFIX_NOISE = ("中共", "中国共产党")
# A department between an organisation and its party suffix: 外科第五, 医技 …
DEPT_MAX = 12
# Words before 与 in standard department names (呼吸与危重症医学科, 内分泌与代谢科).
DEPT_AND_HEADS = ("呼吸", "内分泌", "风湿", "肝胆", "甲乳", "乳腺", "神经", "心血管", "消化", "肾脏", "皮肤",
                  "康复", "营养", "疼痛", "创伤", "烧伤", "老年", "妇女", "儿童", "生殖", "血液", "肿瘤")

# ── Persons ──
# Post titles, longest first. A person's post in the organisation's top party
# body (党委书记) is a post in the organisation itself (ANNOTATION conventions).
ROLE_TITLES = tuple(sorted("""
党委书记 党委副书记 党委委员 党总支书记 党总支副书记 党支部书记 党支部副书记 机关党委专职副书记
专职副书记 副书记 书记 院长 副院长 执行院长 常务副院长 名誉院长 主任 副主任 护士长 护理长 副护士长
局长 副局长 处长 副处长 科长 副科长 厅长 副厅长 部长 副部长 次长 政务次长 常务次长 主席 副主席
市长 副市长 县长 副县长 区长 副区长 省长 副省长 政委 执行长 董事长 总经理 理事长 秘书长
主委 负责人 首席专家 总会计师 工会主席 党组书记 党组成员 委员 所长 副所长 校长 副校长
主任委员 学科带头人 病区主任 院长助理
副董事长 名誉董事长 总裁 副总裁 行政总裁 副总经理 司长 副司长 主任秘书 州长 副州长 镇长 副镇长
巡视员 副巡视员 调研员 乡长 副乡长 会长 副会长 校长助理 署长 副署长 常委 党委常委 纪委书记 站长 副站长 大队长 支队长 副支队长 教导员 司令员
常务副市长 常务副县长 常务副区长 常务副省长 常务副州长
""".split(), key=len, reverse=True))
# Posts never held in a hospital: with no organisation written, they do not
# default to the article's subject hospital.
OUTSIDE_POSTS = frozenset("""
局长 副局长 厅长 副厅长 次长 政务次长 常务次长 市长 副市长 县长 副县长 区长 副区长 省长 副省长 州长 副州长
镇长 副镇长 乡长 副乡长 司长 副司长 校长 副校长 校长助理 董事长 副董事长 名誉董事长 总经理 副总经理 总裁
副总裁 行政总裁 署长 副署长 理事长 秘书长 会长 副会长 所长 副所长 站长 副站长 大队长 支队长 副支队长 教导员 司令员
党组书记 党组成员 执行长 主任秘书 巡视员 副巡视员 调研员
""".split())
# Professional ranks written before a name (护师王五): a person, but not a post (ANNOTATION).
PROFESSION_TITLES = ("主任医师", "副主任医师", "主治医师", "医师", "医生", "主管护师", "护理师", "护师", "护士", "药师",
                     "技师", "副教授", "教授", "研究员", "院士", "专家", "博士", "硕士", "党员", "志愿者")
# Ranks written between a post and the name (副院长、主任医师、博士生导师王五).
ACADEMIC_RANKS = ("博士生导师", "硕士生导师", "研究生导师", "博导", "硕导", "二级教授", "主任护师", "副主任护师",
                  "主管药师", "副主任药师", "主任药师", "主任技师", "副主任技师")
# Honorifics written after a name (院长王小明教授、副院长李小红): not part of a post.
HONORIFICS = ("教授", "博士", "医生", "同志", "先生", "女士", "主任医师", "院士")
# Roles that never make a person a post-holder (bylines, photo credits).
NON_ROLE_WORDS = ("记者", "通讯员", "作者", "编辑", "摄影", "来源", "责编", "审核", "供图")
SURNAMES = frozenset("""
王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 傅 赖 奉
董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方
白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤
常 温 康 施 文 牛 樊 葛 邢 安 齐 易 乔 伍 庞 颜 倪 庄 聂 章 鲁 岳 翟 殷 詹 申 欧 耿 关 兰 焦 俞 左
柳 甘 祝 包 宁 尚 符 舒 阮 柯 纪 梅 童 凌 毕 单 季 裴 霍 涂 成 苗 谷 盛 曲 翁 冉 骆 蓝 路 游 辛 靳
管 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈 饶 解 牟 艾 尤 阳 时 穆 农 司 卓 古 吉 缪 简 车 项 连 芦 麦 褚
娄 窦 戚 岑 景 党 宫 费 卜 冷 晏 席 卫 米 柏 宗 瞿 桂 全 佟 应 臧 闵 苟 邬 边 卞 姬 师 和 仇 栾
隋 商 刁 沙 荣 巫 寇 桑 郎 甄 丛 仲 虞 敖 巩 明 佘 池 查 麻 苑 迟 邝 官 封 谈 匡 鞠 惠 荆 乐 冀
郁 胥 南 班 储 原 栗 燕 楚 鄢 劳 谌 奚 皮 粟 冼 蔺 楼 盘 满 闻 位 厉 伊 仝 区 郜 海 阚 花 权 强
帅 屠 豆 朴 盖 练 廉 禹 井 祖 漆 巴 丰 支 卿 国 狄 平 计 索 宣 晋 相 初 门 云 容 敬 来 扈 晁 芮
都 普 阙 浦 戈 伏 鹿 薄 邸 雍 辜 羊 阿 乌 母 裘 亓 修 邰 赫 杭 况 那 宿 鲜 印 逯 隆 茹 诸 战 慕
衡 逄 訾 阎 蹇 蓟 危 玉 银 亢 嵇 公 哈 湛 宾 戎 勾 茅 利 於 呼 居 揭 干 但 尉 冶 斯 元 束 檀 衣 信 展 阴 昝 智 幸
""".split())
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
                     "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "西门", "南宫", "独孤")
# A third character that ends a two-character name instead of extending it.
NAME_STOP_CHARS = frozenset("说对为在与和及等也就是将从向把被以于到给让请获率的赴")

# ── Honours and relation triggers: kg/data/triggers.tsv ──
# Trigger, connector and exception words, one tuple per table in file order
# (SUPPORT_TRIGGERS: (word, kind) pairs; NOT_ASSERTED_EXCEPT: {word: exceptions});
# the relation rules' ids and confidences: kg/data/rules.tsv. Both are checked
# here, at import (kg/ruledata.py).
from kg.ruledata import load_rules, load_triggers  # noqa: E402  (the tables above stay first)

TRIGGERS_FILE = Path(__file__).parent / "data" / "triggers.tsv"
RULES_FILE = Path(__file__).parent / "data" / "rules.tsv"
_T = load_triggers(TRIGGERS_FILE)
AWARD_TRIGGERS = _T["AWARD_TRIGGERS"]
HONOUR_TAILS = _T["HONOUR_TAILS"]
HONOUR_HEADS = _T["HONOUR_HEADS"]
HONOUR_MARKERS = _T["HONOUR_MARKERS"]
STRONG_HONOUR_MARKERS = _T["STRONG_HONOUR_MARKERS"]
CANDIDATE_WORDS = _T["CANDIDATE_WORDS"]
RANK_VERBS = _T["RANK_VERBS"]
RANKING_MARKERS = _T["RANKING_MARKERS"]
NOT_ASSERTED = _T["NOT_ASSERTED"]
NOT_ASSERTED_EXCEPT = _T["NOT_ASSERTED_EXCEPT"]
PARTNER_TRIGGERS = _T["PARTNER_TRIGGERS"]
COBUILD_TRIGGERS = _T["COBUILD_TRIGGERS"]
SUPPORT_TRIGGERS = _T["SUPPORT_TRIGGERS"]
SUPPORT_SENDERS = _T["SUPPORT_SENDERS"]
AFFILIATION_WORDS = _T["AFFILIATION_WORDS"]
MEMBER_FOUNDING = _T["MEMBER_FOUNDING"]
MEMBER_JOIN = _T["MEMBER_JOIN"]
SUB_PARTY_WORDS = _T["SUB_PARTY_WORDS"]
del _T
# Relation rule id → Rule(id, relation, confidence, description, line).
RELATION_RULES = load_rules(RULES_FILE)
