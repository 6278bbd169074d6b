"""The accreditation conditions of Art. 5, 6 and 7, one checklist per base type. Applicants
answer each condition with a statement; reviewers read the answers against the text."""

from dataclasses import dataclass

from bases.models.bases import BaseType


@dataclass(frozen=True)
class Condition:
    key: str
    article: str
    text: str


CONDITIONS = {
    BaseType.INNOVATION_PARK: [
        Condition(
            "platform",
            "第五条（一）1",
            "是领域或地区研发力量集聚的重要平台，符合自治区产业政策和重点研发方向，"
            "具有技术研发、智力引进、技术转移、技术产业化等多种功能和条件",
        ),
        Condition(
            "plan",
            "第五条（一）2",
            "具有完整、可行的发展规划、明确的国际科技合作目标和体现管理创新的实施方案",
        ),
        Condition(
            "office",
            "第五条（一）3",
            "设有国际科技合作管理机构，有完善的政策、制度、资金和服务保障体系",
        ),
        Condition(
            "partners",
            "第五条（一）4",
            "与国外政府、知名企业、研发机构等建立有长期稳定的合作关系，所开展的高水平国际科技合作"
            "对自治区科技发展具有引领、带动和示范作用",
        ),
        Condition(
            "results",
            "第五条（一）5",
            "在推进国际产学研合作、提高科技创新能力、培育新的经济增长点和推动产业结构升级等方面"
            "取得显著成绩",
        ),
    ],
    BaseType.TECHNOLOGY_TRANSFER_CENTER: [
        Condition(
            "legal_entity",
            "第六条（一）1",
            "以推动国际产学研合作和促进高新技术产业国际化发展为目标，主要从事国际技术转移和"
            "国际科技合作中介服务的独立法人机构，依法注册 1 年以上",
        ),
        Condition(
            "positioning",
            "第六条（一）2",
            "具有明确的功能定位和发展目标以及符合市场经济规律的机制体制；所在地区有政策、资金、"
            "条件、环境等方面的支持",
        ),
        Condition(
            "team",
            "第六条（一）3",
            "具有广泛并相对稳定的国际科技合作渠道和较为完备的服务支撑条件，具备国际技术转移服务"
            "能力和经验，有能够提供技术、人才国际寻访、引入、推荐和测评等服务的专业化团队",
        ),
        Condition(
            "service_record",
            "第六条（一）4",
            "具有明确的目标服务群体和特色鲜明的发展模式，在技术引进、技术孵化、消化吸收、技术输出、"
            "技术产业化以及国际人才引进等领域具有显著的服务业绩",
        ),
    ],
    BaseType.DEMONSTRATION_BASE: [
        Condition(
            "projects",
            "第七条（一）1",
            "具有独立开展国际科技合作的条件和能力，承担过国家级或自治区级国际科技合作项目，"
            "研发方向与自治区确立的重点领域相一致",
        ),
        Condition(
            "staff",
            "第七条（一）2",
            "具有相对稳定的国际科技合作队伍、渠道和资金来源，设有专职开展国际科技合作的管理机构"
            "和管理人员",
        ),
        Condition(
            "plan",
            "第七条（一）3",
            "具有明确的国际科技合作发展目标和实施方案，并不断拓展国际合作渠道，深化合作内涵",
        ),
        Condition(
            "results",
            "第七条（一）4",
            "已取得显著的国际科技合作成效，合作成果达到国内、区内领先或国际先进水平，"
            "人才引进成效明显",
        ),
        Condition(
            "leadership",
            "第七条（一）5",
            "对本地区、本领域或本行业国际科技合作的发展具有引导和示范作用",
        ),
    ],
}


def conditions_for(base_type):
    return CONDITIONS.get(base_type, [])
