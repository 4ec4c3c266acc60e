"""The patterns a basis table is read with, kept together so a person can review them.

They live here rather than in a data file because they are regular
expressions that the code composes, not a vocabulary; each one says what it
is for. Titles are matched after NFKC normalisation (full-width brackets and
digits become ASCII, so ``（`` is ``(`` and ``１`` is ``1``).
"""

from __future__ import annotations

import re

from qpr.numerals import NUMERAL_CHARS

_CN_NUM = "零〇一二两三四五六七八九十百"
_HAN = r"\u4e00-\u9fff"

#: 第五条, 第五条之一 at the start of a row.
ARTICLE_LABEL = re.compile(rf"第([{NUMERAL_CHARS}]+)[条條](?:之([{NUMERAL_CHARS}]+))?")
#: 第一章 总则 / 第二节 …: a heading row spanning the table, not an article.
HEADING_LABEL = re.compile(rf"第[{NUMERAL_CHARS}]+(?:编|編|章|节|節)")

#: Column names of a basis table, for finding its header row. Order matters:
#: the first pattern a cell matches decides its column.
COLUMN_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("basis", re.compile(r"^(?:设立|立法|制定|上位法|法律|政策)?(?:依据|根据)(?:及出处|出处|条款|内容)?$")),
    ("content", re.compile(r"^(?:条文|条款|草案|条例|法规)?(?:内容|正文|文本|条文内容)$")),
    ("label", re.compile(r"^(?:条文|条款|条)?(?:顺序|序号|编号|号)?$|^条文$|^条款$|^序号$")),
    ("note", re.compile(r"^(?:备注|说明|注释|附注)$")),
)

#: 附件3 …: the next attachment, where a table inside a whole page ends.
NEXT_ATTACHMENT = re.compile(r"^\s*(?:附件|附表)\s*[0-9０-９一二三四五六七八九十]+")
#: A line of the scraped table that is only header words: 条文顺序 / 条文内容 设立依据 备注.
HEADER_WORDS = re.compile(r"^(?:\s*(?:条文顺序|条文序号|条文内容|条文|条款|序号|设立依据|立法依据|依据|备注|说明|内容)\s*)+$")

#: The number of an entry in a basis cell: ``1.``, ``2．``, ``3、``.
CITATION_NUMBER = re.compile(r"\s*(\d{1,2})\s*[.．、](?!\d)\s*")
#: Inside a cell, after a sentence, a bracket or a space: ``…。2.《`` starts entry 2 (when 2 is next).
INLINE_NUMBER = re.compile(r"(?<=[。;；)）\s])\s*(\d{1,2})\s*[.．](?!\d)\s*(?=[^《》\n]{0,60}《)")
#: ``…。)(《另一文件》`` : a second document cited in brackets inside a passage.
EMBEDDED_TITLE = re.compile(r"(?<=[。;；)）])\s*[(（](?=《)")

#: What may stand before 《 in an entry: the issuers that 联合印发 (jointly issued) it.
PRE_TITLE_MAX = 80
ISSUE_VERBS = re.compile(r"(?:联合)?(?:印发|发布|制定|颁布|出台)(?:了|的)?$")

#: 〔2017〕24号, [2018]558号, (2010)175号 with the issuing office's prefix.
DOCUMENT_NUMBER = re.compile(rf"[{_HAN}]{{1,14}}[〔\[【(]\s*\d{{4}}\s*[〕\]】)]\s*第?\s*\d+\s*号")
#: 2017年9月5日, 2018年6月30日
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
#: (2011-2020年): the period of a plan or outline, part of which document it is.
PERIOD = re.compile(r"[(\[]\s*(\d{4})\s*-\s*(\d{4})\s*年?\s*[)\]]")
#: Any bracket holding a date or a revision note: (2017年9月5日), (2018年修正).
DATED_BRACKET = re.compile(r"[(\[][^()\[\]]*?\d{4}\s*年[^()\[\]]*?[)\]]")
#: Dashes and tildes between years, all written as "-".
DASHES = re.compile(r"[‐‑‒–—―－~～〜]")
#: Quotation marks and title brackets that do not change which document is meant.
QUOTES = re.compile(r"[“”\"'‘’「」『』《》〈〉]")

#: 关于印发X的通知 / 关于转发X的通知: the notice that carries document X.
WRAPPER = re.compile(r"^(?P<pre>.*?)(?:关于)?(?:印发|转发|颁发|发布)(?P<inner>.+?)的(?:通知|决定)$")

#: Issuers that may stand before a title with or without 关于 (国务院质量发展纲要).
STRONG_ISSUERS = (
    r"中共中央办公厅", r"国务院办公厅", r"中共中央", r"国务院",
    r"全国人民代表大会常务委员会", r"全国人大常委会", r"全国人民代表大会",
    rf"(?:中共|中国共产党)[{_HAN}]{{2,6}}?(?:省|自治区|市|州|县)(?:委员会|委)(?:办公厅)?",
    rf"[{_HAN}]{{2,6}}?(?:省|自治区|市|州|县)委(?!员会)(?:办公厅)?(?=关于|、|[{_HAN}])",
    rf"[{_HAN}]{{2,6}}?(?:省|自治区|市|州|县)人民政府(?:办公厅)?",
    rf"[{_HAN}]{{2,6}}?(?:省|自治区|市|州|县)人民代表大会常务委员会",
    rf"[{_HAN}]{{2,6}}?(?:省|自治区|市|州|县)人大常委会",
)
#: Ministries and agencies: taken as issuers only before 关于 or in a list (科技部、财政部关于…).
WEAK_ISSUERS = (
    rf"国家[{_HAN}]{{1,12}}?(?:委员会|总局|局|委|署|部)",
    rf"[{_HAN}]{{1,10}}?(?:部|委员会|总局|局|委|署|办公室|办公厅)",
)
STRONG_ISSUER = re.compile("|".join(f"(?:{p})" for p in STRONG_ISSUERS))
WEAK_ISSUER = re.compile("|".join(f"(?:{p})" for p in WEAK_ISSUERS))
ISSUER_SEPARATOR = re.compile(r"[、,，和及与\s]*")
#: 中共四川省委 / 中国共产党四川省委员会 / 四川省委 -> 四川省, for one spelling of a 省委.
PARTY_COMMITTEE = re.compile(rf"^(?:中共|中国共产党)?([{_HAN}]{{2,6}}?(?:省|自治区|市|州|县))(?:委员会|委)(办公厅)?$")

#: 中华人民共和国 before a law's name: 《中华人民共和国标准化法》 is 《标准化法》.
STATE_PREFIX = "中华人民共和国"

#: The kind of document, by how its title ends (longest first).
KINDS = ("实施条例", "实施细则", "实施办法", "实施意见", "指导意见", "条例", "办法", "规定", "细则", "意见",
         "纲要", "决定", "决议", "规划", "计划", "方案", "通知", "指南", "法")

#: Places inside a cited document.
_N = NUMERAL_CHARS
LOCATOR = re.compile(
    rf"(?P<article>第[{_N}]+[条條](?:之[{_N}]+)?(?:第[{_N}]+款)?(?:第[{_N}]+项)?)(?![的、,，和及或与至到规所中])"
    rf"|(?P<box>专栏\s*\d+)"
    rf"|[(（](?P<bsection>[{_CN_NUM}]+)、(?P<bheading>[^()（）\n]{{0,24}})[)）]"
    rf"|(?P<section>[{_CN_NUM}]+)、"
    rf"|[(（](?P<item>[{_CN_NUM}]+)[)）](?![至到、]|[项和及或与])"
    rf"|(?P<point>\d{{1,2}})[.．](?!\d)"
)
#: A section's heading between its number and its first item: 三、强化企业质量主体作用(一)
SECTION_HEADING = re.compile(r"[^()（）。;；\n]{0,24}?(?=[(（][" + _CN_NUM + r"]+[)）])")
#: Where a later pinpoint may begin inside a passage: after a sentence or a colon.
LOCATOR_BOUNDARY = re.compile(r"(?:^|(?<=[。;；:：\n]))")
#: Separators between a title, its brackets and the passage: ``》,.`` ``》:``
SEPARATORS = re.compile(r"[\s,，.。:：;；、]*")
TERMINAL = "。;；!！?？”」』)）:："
