"""Fixtures for the registry and showcase: a /bases/ page and four bases, one revoked."""

import datetime

import pytest

from bases.models import BaseIndexPage, BaseStatus, BaseType
from tests.factories import build_home, make_base, publish_child


@pytest.fixture
def directory(db):
    home = build_home()
    return publish_child(home, BaseIndexPage(title="基地展示", slug="bases"))


@pytest.fixture
def bases(directory):
    return {
        "park": make_base(
            "包头市",
            BaseType.INNOVATION_PARK,
            datetime.date(2021, 5, 1),
            fields=["稀土新材料"],
            countries=["JP", "DE"],
            name="包头稀土国际创新园",
        ),
        "transfer": make_base(
            "包头市",
            BaseType.TECHNOLOGY_TRANSFER_CENTER,
            datetime.date(2023, 5, 1),
            fields=["信息技术"],
            countries=["RU"],
            name="阴山国际技术转移中心",
        ),
        "demo": make_base(
            "赤峰市",
            BaseType.DEMONSTRATION_BASE,
            datetime.date(2023, 8, 1),
            fields=["现代农牧业", "稀土新材料"],
            countries=["MN", "RU"],
            name="红山农牧国际科技合作基地",
        ),
        "revoked": make_base(
            "赤峰市",
            BaseType.DEMONSTRATION_BASE,
            datetime.date(2020, 1, 1),
            fields=["现代农牧业"],
            countries=["MN"],
            name="已撤销的基地",
        ),
    }


@pytest.fixture
def revoked(bases):
    bases["revoked"].change_status(
        BaseStatus.REVOKED,
        on=datetime.date(2026, 4, 10),
        reason="连续两年未提交年度工作总结",
        article="《管理办法》第十二条第（四）项",
    )
    return bases["revoked"]
