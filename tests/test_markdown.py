"""Markdown: only prose is cleaned; code, link targets, URLs, HTML and front matter stay byte for byte."""

import re

import pytest

from cleanup.core.pipeline import Cleaner
from cleanup.core.settings import Settings
from cli_helpers import run_cli

DOCUMENT = """---
title: "新型城镇化,测试"
tags: [a,b]
---

# 标题,測試

他说,这是[链接,文字](https://example.com/a,b.html "标题,x")和`代码,x`。访问 https://www.gov.cn/a,b 或 mail@example.com,谢谢。
参见[参考,资料][ref]与<span class="k">省委書記,藍(lán)佛安</span>。

[ref]: https://example.org/參考,資料 "不要,改"

```python
print("中文,測試")  # 藍(lán)
```

~~~
書記,藍(lán)
~~~

    缩进代码,藍(lán)保持

<div class="x">
中文,HTML 藍(lán)
</div>

<!-- 注释,藍(lán) -->

The the report was late, see `the the code`.
Encoded: ä¸­æ–‡ in prose, `ä¸­æ–‡` in code.
"""

VERBATIM_PIECES = [
    '---\ntitle: "新型城镇化,测试"\ntags: [a,b]\n---\n',
    '(https://example.com/a,b.html "标题,x")',
    "`代码,x`",
    "https://www.gov.cn/a,b",
    "mail@example.com",
    "[ref]: https://example.org/參考,資料 \"不要,改\"\n",
    '<span class="k">',
    '```python\nprint("中文,測試")  # 藍(lán)\n```\n',
    "~~~\n書記,藍(lán)\n~~~\n",
    "    缩进代码,藍(lán)保持\n",
    '<div class="x">\n中文,HTML 藍(lán)\n</div>\n',
    "<!-- 注释,藍(lán) -->\n",
    "`the the code`",
    "`ä¸­æ–‡`",
]


@pytest.fixture(scope="module")
def cleaned():
    return Cleaner(Settings()).clean_text(DOCUMENT, path="article.md")


@pytest.mark.parametrize("piece", VERBATIM_PIECES)
def test_non_prose_stays_byte_for_byte(cleaned, piece):
    assert piece in DOCUMENT
    assert piece in cleaned.output


def test_prose_is_cleaned(cleaned):
    out = cleaned.output
    assert "# 标题，测试" in out
    assert "他说，这是[链接，文字](" in out
    assert "或 mail@example.com，谢谢。" in out
    assert "省委书记，蓝佛安</span>" in out, "text inside inline HTML is prose"
    assert "The report was late" in out
    assert "Encoded: 中文 in prose" in out


def test_no_change_touches_a_protected_span(cleaned):
    for change in cleaned.changes:
        assert not re.search(r"`|\]\(|https?://|@", change.before), change


def test_same_text_as_txt_is_cleaned_everywhere():
    result = Cleaner(Settings()).clean_text(DOCUMENT, path="article.txt")
    assert "<!-- 注释，蓝 -->" in result.output and "缩进代码，蓝保持" in result.output, "a .txt file has no code"


def test_markdown_file_through_the_cli(tmp_path):
    source = tmp_path / "article.md"
    source.write_text(DOCUMENT, encoding="utf-8")
    result = run_cli("run", source, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    out = (tmp_path / "out" / "article.md").read_text(encoding="utf-8")
    for piece in VERBATIM_PIECES:
        assert piece in out
    assert Cleaner(Settings()).clean_text(out, path="article.md").output == out, "idempotent"
