"""Settings from cleanup.toml / [tool.cleanup]: which file is found, what it means, how it fails."""

import pytest

from cleanup.core.settings import ConfigError, find_config, load_settings


def test_nearest_config_upward_wins(tmp_path):
    (tmp_path / "cleanup.toml").write_text('target = "zh-TW"\n', encoding="utf-8")
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    assert load_settings(start=inner).target == "zh-TW"
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.cleanup]\ntarget = "zh-HK"\n', encoding="utf-8")
    assert find_config(inner) == tmp_path / "a" / "pyproject.toml"
    assert load_settings(start=inner).target == "zh-HK"


def test_pyproject_without_tool_cleanup_is_passed_over(tmp_path):
    (tmp_path / "cleanup.toml").write_text('select = "ZH1"\n', encoding="utf-8")
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_settings(start=inner).select == ("ZH1",)


def test_relative_glossary_is_resolved_from_the_config_file_and_unknown_keys_are_options(tmp_path):
    (tmp_path / "cleanup.toml").write_text('glossary = ["terms"]\nmy-feature = 3\n', encoding="utf-8")
    settings = load_settings(start=tmp_path)
    assert settings.glossary == (str((tmp_path / "terms").resolve()),)
    assert settings.option("my_feature") == 3


@pytest.mark.parametrize("content,words", [
    ('target = "zh-XX"\n', "unknown target"),
    ("select = [1]\n", "list of strings"),
    ("max_passes = 0\n", "max_passes"),
    ("= nonsense\n", "cleanup.toml"),
])
def test_bad_config_names_the_file(tmp_path, content, words):
    (tmp_path / "cleanup.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(start=tmp_path)
    message = str(info.value)
    assert str(tmp_path / "cleanup.toml") in message and words in message and "\n" not in message


def test_config_path_that_is_a_folder_or_missing(tmp_path):
    with pytest.raises(ConfigError, match="is a folder"):
        load_settings(tmp_path)
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml")
