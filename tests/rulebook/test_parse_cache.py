"""The rulebook's parse cache (issue 12, start-up): a rule file read back from the cache is exactly the fresh
parse, any change is a miss, and a broken or unwritable cache only costs the parse."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from netralitas.errors import RulebookError
from netralitas.io.limits import DEFAULT_LIMITS, Limits
from netralitas.io.yaml_source import load_yaml_file
from netralitas.rulebook import Rulebook, bundled_rules_dir, parse_cache
from netralitas.rulebook.parse_cache import CACHE_ENV, cache_dir, entry_key, load_rule_yaml
from tests.rulebook_copy import copy_bundled, edit_rules


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "parsed"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _same(book: Rulebook, other: Rulebook) -> bool:
    return (book.rules, book.instruments, book.authorities, book.schemes, book.calendars, book.content_hash,
            book.files) == (other.rules, other.instruments, other.authorities, other.schemes, other.calendars,
                            other.content_hash, other.files)


def test_every_bundled_file_reads_back_exactly_as_parsed(cache: Path) -> None:
    files = sorted(bundled_rules_dir().rglob("*.yaml"))
    assert len(files) > 10
    for path in files:
        fresh = load_yaml_file(path)
        first = load_rule_yaml(path)
        again = load_rule_yaml(path)
        assert (first.data, first.positions, first.file) == (fresh.data, fresh.positions, fresh.file), path
        assert (again.data, again.positions, again.file) == (fresh.data, fresh.positions, fresh.file), path
        assert again.data is not first.data  # read back from the entry, not kept in memory
    assert len(_entries(cache)) == len({p.read_bytes() for p in files})


def test_the_rulebook_loads_the_same_with_the_cache_cold_warm_and_off(cache: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cold = Rulebook.load()
    warm = Rulebook.load()
    monkeypatch.setenv(CACHE_ENV, "")
    off = Rulebook.load()
    assert _same(cold, warm) and _same(cold, off)


def test_an_edited_rule_file_is_read_afresh(cache: Path, tmp_path: Path) -> None:
    rules = copy_bundled(tmp_path)
    before = Rulebook.load(rules)
    target = next(p for p in sorted(rules.rglob("*.yaml")) if "rules:" in p.read_text(encoding="utf-8"))

    def retitle(items: list[dict[str, object]]) -> None:
        items[0]["title"] = {"id": "judul baru", "en": "new title"}

    edit_rules(target, retitle)
    after = Rulebook.load(rules)
    changed = next(r for r in after.rules if r.file == str(target))
    assert changed.rule.title.en == "new title" and after.content_hash != before.content_hash


def test_errors_and_their_places_are_the_same_from_the_cache(cache: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    rules = copy_bundled(tmp_path)
    target = next(p for p in sorted(rules.rglob("*.yaml")) if "rules:" in p.read_text(encoding="utf-8"))

    def break_it(items: list[dict[str, object]]) -> None:
        items[0]["category"] = "no_such_category"

    edit_rules(target, break_it)
    seen = []
    for setting in (str(cache), str(cache), ""):
        monkeypatch.setenv(CACHE_ENV, setting)
        with pytest.raises(RulebookError) as raised:
            Rulebook.load(rules)
        seen.append([(p.message, p.file, p.line, p.column, p.path) for p in raised.value.problems])
    assert seen[0] and seen[0] == seen[1] == seen[2]


def test_a_corrupt_entry_is_a_miss_and_is_rewritten(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_text("rules:\n  - id: a\n    n: 1\n", encoding="utf-8")
    fresh = load_rule_yaml(path)
    (entry,) = _entries(cache)
    for junk in (b"", b"{not json", b'{"data": 1}', b'{"data": 1, "positions": [[1]]}', b"[]"):
        entry.write_bytes(junk)
        again = load_rule_yaml(path)
        assert (again.data, again.positions) == (fresh.data, fresh.positions), junk
    assert load_rule_yaml(path).data == fresh.data


def test_a_document_json_cannot_keep_exactly_is_not_cached(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text("1: integer key\nbig: 123456789012345678901234567890\n", encoding="utf-8")
    assert load_rule_yaml(path).data == load_yaml_file(path).data
    assert _entries(cache) == []


def test_no_cache_is_written_when_it_is_off_or_cannot_be(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "file.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_dir() is None and load_rule_yaml(path).data == {"a": 1}
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "parsed"))
    assert load_rule_yaml(path).data == {"a": 1}
    assert not (blocker / "parsed").exists()


def test_entries_are_private_and_keyed_by_bytes_version_and_limits(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    load_rule_yaml(path)
    (entry,) = _entries(cache)
    assert entry.name == f"{entry_key(path.read_bytes(), DEFAULT_LIMITS)}.json"
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600 and stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert entry_key(b"a: 1\n", DEFAULT_LIMITS) != entry_key(b"a: 2\n", DEFAULT_LIMITS)
    assert entry_key(b"a: 1\n", DEFAULT_LIMITS) != entry_key(b"a: 1\n", Limits(depth=8))
    assert not [p for p in cache.iterdir() if p.name.endswith(".tmp")]


def test_the_oldest_entries_go_beyond_the_limit(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", 3)
    path = tmp_path / "file.yaml"
    written = []
    for number in range(5):
        path.write_text(f"a: {number}\n", encoding="utf-8")
        load_rule_yaml(path)
        written.append(cache / f"{entry_key(path.read_bytes(), DEFAULT_LIMITS)}.json")
        os.utime(written[-1], ns=(number * 10**9, number * 10**9))
    assert set(_entries(cache)) == set(written[-3:])


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "netralitas" / "parsed"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path(os.path.expanduser("~")) / ".cache" / "netralitas" / "parsed"
