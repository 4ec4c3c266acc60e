"""Where a notice asks for comments (e-mail, postal address, fax, 联系人): read from its header only."""

from __future__ import annotations

import pytest

from qpr.model import Contact
from qpr.reading.metadata import read_submission

SEED_NOTICE = """\
发布单位:四川省市场监督管理局
截止日期:2020-04-24
  欢迎各有关单位和个人提出意见、建议,于2020年4月24日前,将修改意见(填报附件3:意见反馈表)发送电子邮件至: 184625276@qq.com。

  联系人:杜兵,电话:86607695;王雯,电话:86607573

  附件:1.《四川省质量促进条例(征求意见稿)》
"""


def test_the_seed_notice_gives_its_email_and_two_contacts():
    details = read_submission(SEED_NOTICE)
    assert details.email == "184625276@qq.com"
    assert details.contacts == (Contact("杜兵", "86607695"), Contact("王雯", "86607573"))
    assert details.postal_address is None and details.fax is None


def test_postal_address_fax_and_a_phone_shared_by_two_names():
    details = read_submission("联系人：张三、李四，联系电话：028-86607695，传真：028-86607000\n"
                              "通讯地址：成都市青羊区某某路1号，邮编：610000。\n电子邮箱：abc_x@sc.gov.cn\n")
    assert details.email == "abc_x@sc.gov.cn"
    assert details.postal_address == "成都市青羊区某某路1号，邮编：610000"
    assert details.fax == "028-86607000"
    assert details.contacts == (Contact("张三", "028-86607695"), Contact("李四", "028-86607695"))


def test_contact_phone_on_the_next_line_and_mobile_numbers():
    assert read_submission("联系人：张三\n联系电话：（028）86607695\n").contacts == (Contact("张三", "(028)86607695"),)
    assert read_submission("联 系 人：王五 13800138000；赵六 010-66668888转123").contacts == (
        Contact("王五", "13800138000"), Contact("赵六", "010-66668888转123"))


def test_a_bare_phone_number_is_a_contact_without_a_name():
    assert read_submission("咨询电话：028-12345678").contacts == (Contact(None, "028-12345678"),)


def test_mailing_instruction_stops_at_the_address():
    details = read_submission("信函请邮寄至：北京市西城区某街2号（邮编100000），并在信封上注明“意见”字样。")
    assert details.postal_address == "北京市西城区某街2号（邮编100000）"


def test_full_width_email_is_read():
    assert read_submission("E-mail：ＡＢＣ＠ｅｘａｍｐｌｅ．ｃｏｍ").email == "ABC@example.com"


@pytest.mark.parametrize("header", ["", "# 某省示范条例\n\n2021年3月1日某省人民代表大会常务委员会通过\n",
                                    "公布举报电话、电子邮箱", "联系人民群众"])
def test_a_header_without_submission_details_gives_none(header):
    details = read_submission(header)
    assert (details.email, details.postal_address, details.fax) == (None, None, None)
    assert details.contacts == ()
