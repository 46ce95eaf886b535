"""Reading safely (issue 11): limits enforced while reading, every failure located, special files refused."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from netralitas.errors import InputFileError
from netralitas.io.limits import Limits
from netralitas.io.reading import LocatedProblems, read_bytes
from netralitas.io.yaml_source import load_yaml_file, load_yaml_text


def _problem(text: str, limits: Limits | None = None) -> str:
    with pytest.raises(LocatedProblems) as raised:
        load_yaml_text(text, "f.yaml", limits or Limits())
    [problem] = raised.value.problems
    assert problem.file == "f.yaml" and problem.line is not None and problem.column is not None, problem
    return problem.render()


@pytest.mark.parametrize(("char", "code"), [("\x1b", "U+001B"), ("\x00", "U+0000"), ("\x07", "U+0007"),
                                            ("\x7f", "U+007F")])
def test_control_character_is_located(char: str, code: str) -> None:
    assert _problem(f"id: x\nperson: {{name: a{char}b}}\n").startswith(f"f.yaml:2:17: error: character {code}")


def test_deep_nesting_is_located_before_any_recursion() -> None:
    assert "f.yaml:1:65: error: YAML error: nested more than 64 levels deep" in _problem("[" * 50_000)


def test_integer_longer_than_python_converts_is_located() -> None:
    assert "f.yaml:2:6:" in _problem("id: x\nnip: " + "1" * 5000 + "\n")


def test_bad_explicit_tags_are_located() -> None:
    assert "f.yaml:1:4:" in _problem("x: !!float x")
    assert "f.yaml:1:4:" in _problem("x: !!timestamp 0000-01-01")


def test_alias_expansion_is_counted_in_bytes() -> None:
    started = time.monotonic()
    text = "a: &a " + "x" * 4_000_000 + "\nb: [" + ", ".join(["*a"] * 500) + "]\n"
    assert "bytes of text after alias expansion" in _problem(text)
    assert time.monotonic() - started < 60  # refused while walking, long before 2 GB of copies


def test_value_count_is_enforced_while_composing() -> None:
    assert "more than 1,000 values" in _problem("[" + ", ".join(["1"] * 100_000) + "]", Limits(nodes=1000))


def test_json_file_failures_are_located(tmp_path: Path) -> None:
    deep, long_number = tmp_path / "d.json", tmp_path / "n.json"
    deep.write_text("[" * 50_000)
    long_number.write_text('{\n  "nip": ' + "1" * 5000 + "\n}")
    for path, where in ((deep, f"{deep}:1:65:"), (long_number, f"{long_number}:2:10:")):
        with pytest.raises(LocatedProblems) as raised:
            load_yaml_file(path)
        assert raised.value.problems[0].render().startswith(where), raised.value


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "i.yaml"
    path.write_bytes(b"id: x\nperson: {name: \"a\xffb\"}\n")
    with pytest.raises(LocatedProblems) as raised:
        load_yaml_file(path)
    assert raised.value.problems[0].render().startswith(f"{path}:2:18: error: not UTF-8 text (byte 0xff)")


def test_size_limit_is_enforced_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("x" * 2000)
    with pytest.raises(InputFileError, match=r"larger than the limit of 1,000 bytes .*--max-file-bytes"):
        read_bytes(path, 1000)


def test_devices_and_fifos_are_refused_before_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo):
        with pytest.raises(InputFileError, match="not a regular file"):
            load_yaml_file(path)
