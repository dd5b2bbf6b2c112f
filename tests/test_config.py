"""Config: TOML files a team edits, and the clear errors they get when a file is wrong."""
import pytest

import mailcoach
from mailcoach import Config, ConfigError


def write(tmp_path, text):
    path = tmp_path / "mailcoach.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_file(tmp_path):
    path = write(tmp_path, """
[rules]
disable = ["vip.no_question", "readability.complex_word"]

[thresholds]
target_grade = 6
length_target = 120

[phrases."readability.complex_word"]
"going forward" = ["from now on"]

[phrases."vip.pushy_sales"]
"exclusive bundle" = []
""")
    config = Config.from_file(path)
    assert not config.enabled("vip.no_question")
    assert config.thresholds.target_grade == 6 and config.thresholds.length_target == 120
    report = mailcoach.analyze("Going forward, grab the exclusive bundle.", config=config)
    rules = {f.rule for f in report.suggestions}
    assert "readability.complex_word" not in rules  # disabled, user phrase included
    assert "vip.pushy_sales" in rules


def test_user_phrase_with_replacement(tmp_path):
    config = Config.from_file(write(tmp_path, '[phrases."readability.complex_word"]\n"going forward" = ["from now on"]\n'))
    report = mailcoach.analyze("Going forward we ship on Mondays.", config=config)
    f = next(f for f in report.suggestions if f.rule == "readability.complex_word")
    assert f.excerpt == "Going forward" and f.replacements == ("from now on",)


def test_user_phrases_are_literal_not_regex(tmp_path):
    config = Config.from_file(write(tmp_path, '[phrases."vip.pushy_sales"]\n"(a+)+$" = []\n'))
    assert "vip.pushy_sales" not in {f.rule for f in mailcoach.analyze("aaaaaaaaaaaaaaaaaaaaaaaaaaaa!", config=config).suggestions}
    assert "vip.pushy_sales" in {f.rule for f in mailcoach.analyze("Get it: (a+)+$ now", config=config).suggestions}


def test_disabled_rule_lowers_nothing():
    text = "Per our policy we are unable to help."
    config = Config.from_dict({"rules": {"disable": ["transparency.unexplained_policy"]}})
    assert mailcoach.analyze(text, config=config).scores.transparency > mailcoach.analyze(text).scores.transparency


@pytest.mark.parametrize("text,key", [
    ("[rules]\ndisable = ['vip.nope']\n", "vip.nope"),
    ("[rules]\nturn_off = []\n", "rules.turn_off"),
    ("[thresholds]\ntarget_grade = 'eight'\n", "thresholds.target_grade"),
    ("[thresholds]\nlength_target = 2.5\n", "thresholds.length_target"),
    ("[thresholds]\nwidth = 3\n", "thresholds.width"),
    ("[thresholds]\ntarget_grade = -1\n", "thresholds.target_grade"),
    ("[phrases.'strength.gratitude']\n'x' = []\n", "phrases.strength.gratitude"),
    ("[phrases.'vip.pushy_sales']\n'x' = 3\n", "phrases.vip.pushy_sales.x"),
    ("colour = 'red'\n", "colour"),
    ("[rules\n", "not valid TOML"),
])
def test_bad_file_names_file_and_key(tmp_path, text, key):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as e:
        Config.from_file(path)
    assert str(path) in str(e.value) and key in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError) as e:
        Config.from_file(tmp_path / "absent.toml")
    assert "absent.toml" in str(e.value)


def test_config_error_is_a_value_error():
    assert issubclass(ConfigError, ValueError)


def test_merged_overrides():
    team = Config.from_dict({"thresholds": {"length_target": 100}, "rules": {"disable": ["vip.no_question"]}})
    request = Config.from_dict({"thresholds": {"target_grade": 6}})
    merged = team.merged(request)
    assert merged.thresholds.length_target == 100 and merged.thresholds.target_grade == 6
    assert not merged.enabled("vip.no_question")
