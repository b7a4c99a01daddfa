"""Files in every encoding a newsroom meets, written by the test and cleaned by the CLI.

Output is always UTF-8 without BOM; the input's line endings are kept byte
for byte; the encoding is decided on the whole file (a short GBK file is
not Big5).
"""

import codecs
from pathlib import Path

import opencc
import pytest

from cleanup.io.decode import decode_bytes
from cleanup.io.errors import InputError

from cli_helpers import run_cli, run_subprocess

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ZH_SEED = (SEEDS / "004_05ad7d13ced315b7.txt").read_text(encoding="utf-8")
SIMPLIFIED = opencc.OpenCC("t2s").convert(ZH_SEED)
SHORT_SIMPLIFIED = "省委书记在上党区调研。\n"
SHORT_TRADITIONAL = "省委書記在上黨區調研。\n"
ENGLISH = (SEEDS / "003_8004575f19911c50.txt").read_text(encoding="utf-8")


ENCODED = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "utf-16-be": lambda t: t.encode("utf-16-be"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
}


@pytest.mark.parametrize("name", sorted(ENCODED))
@pytest.mark.parametrize("text", [SHORT_SIMPLIFIED, SIMPLIFIED.replace("lán", "lan")], ids=["short", "long"])
def test_chinese_in_every_encoding_decodes_to_the_same_text(name, text):
    decoded = decode_bytes(ENCODED[name](text))
    assert decoded.text == text
    assert decoded.bom == name.endswith("-bom")


@pytest.mark.parametrize("text", [SHORT_TRADITIONAL, ZH_SEED.replace("lán", "lan")], ids=["short", "long"])
def test_big5_is_recognised(text):
    decoded = decode_bytes(text.encode("big5", "replace"))
    assert decoded.encoding in ("big5", "cp950")
    assert decoded.text == text.encode("big5", "replace").decode("big5")


@pytest.mark.parametrize("text", ["中文\n", "省委书记\n", "中国经济\n", "新型城镇化\n"])
def test_short_gbk_is_not_mistaken_for_big5(text):
    decoded = decode_bytes(text.encode("gbk"))
    assert decoded.text == text, decoded.encoding


def test_windows_1252_english():
    text = "Café “naïve” résumé — 10€ prices.\n"
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text


def test_utf8_with_a_damaged_byte_keeps_the_rest_and_marks_the_loss():
    data = SIMPLIFIED.encode("utf-8")
    cut = data.index("省委".encode()) + 1  # inside 省
    decoded = decode_bytes(data[:cut] + data[cut + 1:])
    assert decoded.encoding == "utf-8" and decoded.lost >= 1
    assert "\ufffd" in decoded.text and "委书记" in decoded.text


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"\x00\x01\x02\x03PK\x03\x04" * 50, "binary"),
    ("Привет мир, это тест кодировки".encode("koi8-r"), "cannot detect the text encoding"),
    ("こんにちは世界、これは日本語の文章です。".encode("shift_jis"), "cannot detect the text encoding"),
    (bytes(range(128, 256)) * 4, "cannot detect the text encoding"),
])
def test_undecodable_input_is_a_one_line_error(data, reason):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "some/file.txt")
    message = str(info.value)
    assert message.startswith("some/file.txt: ") and reason in message and "\n" not in message


@pytest.mark.parametrize("name", ["utf-8-bom", "utf-16-le-bom", "utf-16-be", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_cli_writes_utf8_without_bom_and_keeps_line_endings(tmp_path, name, newline):
    text = "6月14日,省委書記藍(lán)佛安在上黨區(qū)調研,。\n\n第二段,記者楊文俊。\n".replace("\n", newline)
    source = tmp_path / "in" / "article.txt"
    source.parent.mkdir()
    source.write_bytes(ENCODED[name](text))
    result = run_cli("run", source, "--out", tmp_path / "out", "--select", "ZH")
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "out" / "article.txt").read_bytes()
    assert not data.startswith(codecs.BOM_UTF8)
    out = data.decode("utf-8")  # strict: the output is UTF-8
    assert out.count(newline) == text.count(newline)
    if newline == "\n":
        assert "\r" not in out
    else:
        assert out.count("\r\n") == out.count("\n")
    assert out.startswith("6月14日，省委书记蓝佛安在上党区")
    assert source.read_bytes() == ENCODED[name](text), "the input is never touched"


def test_mixed_line_endings_are_kept_byte_for_byte(tmp_path):
    text = "First line.\r\nSecond line.\nThird line.\r\n"
    source = tmp_path / "mixed.txt"
    source.write_bytes(text.encode())
    result = run_cli("run", source, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "mixed.txt").read_bytes() == text.encode()


def test_english_seed_in_utf16_comes_back_identical_in_utf8(tmp_path):
    source = tmp_path / "en.txt"
    source.write_bytes(codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"))
    result = run_subprocess("run", source, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "en.txt").read_bytes() == ENGLISH.encode("utf-8")


def test_the_shipped_common_characters_are_what_the_builder_makes():
    """cleanup/io/common_han.txt is data derived from wordfreq and OpenCC: regenerate it, do not edit it."""
    from cleanup.io.plausibility import build_common_han, common_han

    assert common_han() == build_common_han()
    assert {"中", "國", "国", "措", "着"} <= common_han() and "钃" not in common_han()
