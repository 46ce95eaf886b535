"""Problems rendered for people, in Bahasa Indonesia (default) or English.

The loader, the type checker and pydantic write their messages in English. Legal staff read
Indonesian, so this module translates each known message shape with a table of patterns
(`TRANSLATIONS`); a message no pattern knows is shown in English rather than guessed at.
Problems that carry their own Indonesian text (`Problem.message_id`) use it directly.
"""

from __future__ import annotations

import re

from netralitas.errors import Problem
from netralitas.text import Lang

_OS_ERRORS = {"No such file or directory": "berkas tidak ada", "Permission denied": "izin ditolak",
              "Is a directory": "ini sebuah folder, bukan berkas"}
_KINDS = {"enum": "fakta bernilai daftar", "bool": "fakta benar/salah", "date": "tanggal", "set": "himpunan",
          "act": "perbuatan", "person": "orang", "file": "berkas", "line": "baris"}

# (English pattern, Indonesian template). Named groups are substituted; a group called `msg` is translated
# again (pydantic wraps our validator messages in "Value error, ..."); `kind`/`scope` groups are type words.
TRANSLATIONS: tuple[tuple[str, str], ...] = (
    (r"Value error, (?P<msg>.*)", "{msg}"),
    (r"scenario '(?P<name>[^']*)': (?P<msg>.*)", "skenario '{name}': {msg}"),
    (r"duplicate key '(?P<key>[^']*)' \(first defined on line (?P<line>\d+)\)",
     "kunci '{key}' ditulis dua kali (pertama kali pada baris {line})"),
    (r"YAML syntax error: (?P<x>.*)", "kesalahan sintaks YAML: {x}"),
    (r"YAML error: (?P<x>.*)", "kesalahan YAML: {x}"),
    (r"JSON syntax error: (?P<x>.*)", "kesalahan sintaks JSON: {x}"),
    (r"unknown field '(?P<f>[^']*)'; allowed fields: (?P<x>.*)", "kolom '{f}' tidak dikenal; kolom yang boleh: {x}"),
    (r"unknown field '(?P<f>[^']*)'", "kolom '{f}' tidak dikenal"),
    (r"'(?P<v>.*)' is not one of: (?P<x>.*)", "'{v}' bukan salah satu dari: {x}"),
    (r"'(?P<v>.*)' is not a valid date \(use YYYY-MM-DD\): (?P<x>.*)",
     "'{v}' bukan tanggal yang sah (tulis YYYY-MM-DD): {x}"),
    (r"required field is missing", "kolom wajib belum diisi"),
    (r"'until' \((?P<u>[^)]*)\) is before 'from' \((?P<f>[^)]*)\): empty validity window",
     "'until' ({u}) sebelum 'from' ({f}): masa berlaku kosong"),
    (r"a condition is either one of all/any/not, or a 'fact' with one operator",
     "sebuah kondisi berisi salah satu dari all/any/not, atau 'fact' dengan satu operator"),
    (r"a condition needs 'fact' \(with an operator\) or one of all/any/not",
     "sebuah kondisi memerlukan 'fact' (dengan operator) atau salah satu dari all/any/not"),
    (r"'fact' needs exactly one operator, one of: (?P<x>.*)", "'fact' memerlukan tepat satu operator, salah satu: {x}"),
    (r"'offset_days' only goes with before/after/on_or_before/on_or_after",
     "'offset_days' hanya dipakai bersama before/after/on_or_before/on_or_after"),
    (r"an act rule needs 'act_kinds'", "aturan tentang perbuatan memerlukan 'act_kinds'"),
    (r"a person rule takes no 'act_kinds'", "aturan tentang orang tidak memakai 'act_kinds'"),
    (r"confidence '(?P<c>[^']*)' needs a 'note' saying what is uncertain",
     "tingkat keyakinan '{c}' memerlukan 'note' yang menjelaskan apa yang belum pasti"),
    (r"a rule that finds no violation \(bukan_pelanggaran\) takes sanction tier 'none'",
     "aturan yang menyatakan bukan pelanggaran (bukan_pelanggaran) harus memakai tingkat sanksi 'none'"),
    (r"unknown instrument '(?P<i>[^']*)' \(not in (?P<f>[^)]*)\)", "peraturan '{i}' tidak dikenal (tidak ada di {f})"),
    (r"rule is in force (?P<a>\S+) but (?P<s>.*) is in force (?P<b>\S+)",
     "aturan berlaku {a} tetapi {s} berlaku {b}"),
    (r"unknown sanction scheme '(?P<s>[^']*)' \(not in (?P<f>[^)]*)\)",
     "skema sanksi '{s}' tidak dikenal (tidak ada di {f})"),
    (r"scheme '(?P<s>[^']*)' has no tier '(?P<t>[^']*)' \(it has: (?P<x>.*)\)",
     "skema '{s}' tidak memiliki tingkat '{t}' (yang ada: {x})"),
    (r"'(?P<p>[^']*)' is not a date fact a (?P<scope>\w+) rule can use",
     "'{p}' bukan fakta tanggal yang dapat dipakai aturan tentang {scope}"),
    (r"rulebook folder not found: (?P<p>.*)", "folder buku aturan tidak ditemukan: {p}"),
    (r"missing (?P<n>\S+) in the rulebook folder", "{n} tidak ada di folder buku aturan"),
    (r"duplicate calendar id '(?P<x>[^']*)'", "id kalender '{x}' ganda"),
    (r"duplicate rule id \(first defined at (?P<x>[^)]*)\)", "id aturan ganda (pertama kali ditulis di {x})"),
    (r"sanction scheme '(?P<k>[^']*)' names unknown instrument '(?P<i>[^']*)'",
     "skema sanksi '{k}' menyebut peraturan yang tidak dikenal '{i}'"),
    (r"the rulebook folder has no rule files", "folder buku aturan tidak berisi berkas aturan"),
    (r"exception_to names unknown rule '(?P<t>[^']*)'", "exception_to menyebut aturan yang tidak dikenal '{t}'"),
    (r"a rule cannot be an exception to itself", "aturan tidak dapat menjadi pengecualian bagi dirinya sendiri"),
    (r"exception_to '(?P<t>[^']*)' tests the (?P<a>\w+), this rule the (?P<b>\w+): .*",
     "exception_to '{t}' menguji {a}, aturan ini menguji {b}: pengecualian hanya berlaku antara aturan "
     "dengan subjek yang sama"),
    (r"exceptions form a cycle: (?P<x>.*)", "pengecualian membentuk lingkaran: {x}"),
    (r"unknown fact path '(?P<p>[^']*)'; person rules cannot test act facts",
     "jalur fakta '{p}' tidak dikenal; aturan tentang orang tidak dapat menguji fakta perbuatan"),
    (r"unknown fact path '(?P<p>[^']*)'", "jalur fakta '{p}' tidak dikenal"),
    (r"'(?P<v>.*)' is not a value of (?P<p>\S+) \(allowed: (?P<x>.*)\)",
     "'{v}' bukan nilai {p} (yang boleh: {x})"),
    (r"(?P<p>\S+) is true/false; cannot compare it with '(?P<v>.*)'",
     "{p} bernilai true/false; tidak dapat dibandingkan dengan '{v}'"),
    (r"(?P<p>\S+) is a set; use contains_any/contains_all/contains_none",
     "{p} adalah himpunan; gunakan contains_any/contains_all/contains_none"),
    (r"'(?P<op>\w+)' needs a fact with named values; (?P<p>\S+) is an? (?P<kind>\w+)",
     "'{op}' memerlukan fakta bernilai daftar; {p} adalah {kind}"),
    (r"'(?P<op>\w+)' compares dates; (?P<p>\S+) is an? (?P<kind>\w+)",
     "'{op}' membandingkan tanggal; {p} adalah {kind}"),
    (r"'(?P<op>\w+)' tests a set; (?P<p>\S+) is an? (?P<kind>\w+)", "'{op}' menguji himpunan; {p} adalah {kind}"),
    (r"'offset_days' goes with a date fact path, not a literal date",
     "'offset_days' dipakai bersama jalur fakta tanggal, bukan tanggal tertulis"),
    (r"'(?P<v>.*)' is not a date \(YYYY-MM-DD\)", "'{v}' bukan tanggal (YYYY-MM-DD)"),
    (r"'(?P<v>.*)' is an impossible date: (?P<x>.*)", "'{v}' adalah tanggal yang mustahil: {x}"),
    (r"(?P<pre>.*: )?cannot read file: (?P<os>.*)", "{pre}berkas tidak dapat dibaca: {os}"),
    (r"(?P<pre>.*: )?file is (?P<n>\S+) bytes; the limit is (?P<m>\S+) bytes",
     "{pre}ukuran berkas {n} bita; batasnya {m} bita"),
    (r"(?P<pre>.*: )?(?P<w>file|line) is larger than the limit of (?P<m>\S+) bytes \(raise it with (?P<o>\S+)\)",
     "{pre}{w} melebihi batas {m} bita (naikkan dengan {o})"),
    (r"(?P<pre>.*: )?not a regular file \(a device, FIFO or socket\); save the input to a file",
     "{pre}bukan berkas biasa (perangkat, FIFO atau soket); simpan masukan ke sebuah berkas"),
    (r"(?P<pre>.*: )?not UTF-8 text \(byte (?P<n>[0-9a-fx]+)\)", "{pre}bukan teks UTF-8 (bita {n})"),
    (r"character (?P<c>U\+[0-9A-F]+) is not allowed in YAML \(a control character\)",
     "karakter {c} tidak boleh ada dalam YAML (karakter kendali)"),
    (r"nested more than (?P<n>\d+) levels deep", "bersarang lebih dari {n} tingkat"),
    (r"nested too deep", "bersarang terlalu dalam"),
    (r"document too complex \(more than (?P<n>\S+) values after alias expansion\)",
     "dokumen terlalu rumit (lebih dari {n} nilai setelah alias diuraikan)"),
    (r"document too complex \(more than (?P<n>\S+) values\)", "dokumen terlalu rumit (lebih dari {n} nilai)"),
    (r"document too large \(more than (?P<n>\S+) bytes of text after alias expansion\)",
     "dokumen terlalu besar (lebih dari {n} bita teks setelah alias diuraikan)"),
    (r"number too long \(more than 4,300 digits\)", "bilangan terlalu panjang (lebih dari 4.300 angka)"),
    (r"cannot read value tagged (?P<t>\S+): (?P<x>.*)", "nilai bertanda {t} tidak dapat dibaca: {x}"),
    (r"date (?P<d>\S+) is outside the years (?P<a>\d+)-(?P<b>\d+)", "tanggal {d} di luar tahun {a}-{b}"),
    (r"unknown election calendar '(?P<c>[^']*)' \(known: (?P<x>.*)\)",
     "kalender pemilihan '{c}' tidak dikenal (yang dikenal: {x})"),
    (r"race '(?P<r>[^']*)' is not part of calendar '(?P<c>[^']*)'",
     "jenis pemilihan '{r}' tidak termasuk dalam kalender '{c}'"),
    (r"an incident must be a mapping with 'person' and 'acts'",
     "sebuah insiden harus berupa pemetaan dengan 'person' dan 'acts'"),
    (r"act ids must be unique; repeated: (?P<x>.*)", "id perbuatan harus unik; berulang: {x}"),
    (r"person id '(?P<v>.*)' must be one word of letters, digits, '\.', '_' or '-' \(at most 60 characters, "
     r"starting with a letter or digit\)",
     "id orang '{v}' harus satu kata dari huruf, angka, '.', '_' atau '-' (paling banyak 60 karakter, diawali huruf "
     "atau angka)"),
    (r"period ends \((?P<e>[^)]*)\) before it starts \((?P<s>[^)]*)\)",
     "masa berakhir ({e}) sebelum dimulai ({s})"),
    (r"membership ends \((?P<e>[^)]*)\) before it starts \((?P<s>[^)]*)\)",
     "keanggotaan berakhir ({e}) sebelum dimulai ({s})"),
    (r"no incidents in (?P<p>.*)", "tidak ada insiden di {p}"),
    (r"skipped: (?P<x>.*)", "dilewati: {x}"),
    (r"not a regular file or folder \(a broken link, device, FIFO or socket\)",
     "bukan berkas biasa atau folder (tautan rusak, perangkat, FIFO atau soket)"),
    (r"file not found", "berkas tidak ditemukan"),
    (r"standard input is closed", "masukan standar tertutup"),
    (r"not valid JSON: (?P<x>.*)", "bukan JSON yang sah: {x}"),
    (r"row has (?P<n>\d+) cells but the header names (?P<m>\d+) columns",
     "baris berisi {n} sel tetapi kepala tabel menyebut {m} kolom"),
    (r"column '(?P<c>[^']*)': not valid JSON: (?P<x>.*)", "kolom '{c}': bukan JSON yang sah: {x}"),
    (r"column '(?P<c>[^']*)' overlaps another column", "kolom '{c}' bertumpang tindih dengan kolom lain"),
    (r"column '(?P<c>[^']*)' is given twice", "kolom '{c}' ditulis dua kali"),
    (r"a non-empty cell has no column name", "sebuah sel berisi tetapi kolomnya tidak bernama"),
    (r"the header must name incident fields \(id, person\..., acts\.0\.kind\), not list positions",
     "kepala tabel harus menyebut kolom insiden (id, person..., acts.0.kind), bukan nomor urut"),
    (r"CSV error: (?P<x>.*)", "galat CSV: {x}"),
    (r"internal error while evaluating \((?P<x>.*)\); please report it at (?P<u>.*)",
     "galat internal saat mengevaluasi ({x}); mohon laporkan di {u}"),
    (r"'(?P<n>[^']*)' needs a value; null \(empty\) is not allowed here",
     "'{n}' memerlukan nilai; null (kosong) tidak boleh di sini"),
    (r"text contains an escaped lone surrogate \(\\ud800-\\udfff\), which is not a character",
     "teks berisi surrogate tunggal (\\ud800-\\udfff) yang bukan karakter"),
    (r"must be text", "harus berupa teks"),
    (r"must be true or false", "harus bernilai true atau false"),
    (r"must be a list", "harus berupa daftar"),
    (r"must be a mapping \(key: value\)", "harus berupa pemetaan (kunci: nilai)"),
    (r"must be a whole number", "harus berupa bilangan bulat"),
    (r"must be a number", "harus berupa bilangan"),
    (r"must be empty", "harus kosong"),
    (r"has the wrong kind of value", "jenis nilainya salah"),
    (r"has the wrong size", "ukurannya salah"),
    (r"is not a valid value here", "bukan nilai yang sah di sini"),
    (r"must have at least (?P<n>\d+) characters", "harus berisi sedikitnya {n} karakter"),
    (r"must have at most (?P<n>\d+) characters", "harus berisi paling banyak {n} karakter"),
    (r"must have at least (?P<n>\d+) items", "harus berisi sedikitnya {n} butir"),
    (r"must have at most (?P<n>\d+) items", "harus berisi paling banyak {n} butir"),
    (r"must match the pattern '(?P<x>.*)'", "harus cocok dengan pola '{x}'"),
    (r"must be greater than (?P<n>\S+)", "harus lebih besar dari {n}"),
    (r"must be at least (?P<n>\S+)", "harus sedikitnya {n}"),
    (r"must be less than (?P<n>\S+)", "harus lebih kecil dari {n}"),
    (r"must be at most (?P<n>\S+)", "harus paling banyak {n}"),
    (r"'(?P<v>.*)' is not a valid date \(use YYYY-MM-DD\)", "'{v}' bukan tanggal yang sah (tulis YYYY-MM-DD)"),
    # pydantic's own messages
    (r"Input should be a valid string", "harus berupa teks"),
    (r"Input should be a valid list", "harus berupa daftar"),
    (r"Input should be a valid dictionary.*", "harus berupa pemetaan (kunci: nilai)"),
    (r"Input should be a valid boolean.*", "harus bernilai true atau false"),
    (r"Input should be a valid integer.*", "harus berupa bilangan bulat"),
    (r"Input should be a valid date.*", "harus berupa tanggal (YYYY-MM-DD)"),
    (r"Input should be (?P<x>.*)", "harus {x}"),
    (r"String should match pattern '(?P<x>.*)'", "teks harus cocok dengan pola '{x}'"),
    (r"String should have at least (?P<n>\d+) characters?", "teks harus berisi sedikitnya {n} karakter"),
    (r"List should have at least (?P<n>\d+) items? after validation, not (?P<m>\d+)",
     "daftar harus berisi sedikitnya {n} butir, bukan {m}"),
    (r"Dictionary should have at least (?P<n>\d+) items? after validation, not (?P<m>\d+)",
     "pemetaan harus berisi sedikitnya {n} butir, bukan {m}"),
    (r"Input should be greater than or equal to (?P<n>\S+)", "harus lebih besar dari atau sama dengan {n}"),
    (r"Input should be less than or equal to (?P<n>\S+)", "harus lebih kecil dari atau sama dengan {n}"),
)
_COMPILED = tuple((re.compile(pattern + r"\Z", re.DOTALL), template) for pattern, template in TRANSLATIONS)

_WORDS: dict[Lang, dict[str, str]] = {
    "id": {"error": "galat", "warning": "peringatan", "rule": "aturan", "field": "kolom", "mean": "maksud Anda"},
    "en": {"error": "error", "warning": "warning", "rule": "rule", "field": "field", "mean": "did you mean"},
}


def translate(message: str) -> str:
    """`message` in Bahasa Indonesia, or unchanged when its shape is not known."""
    for pattern, template in _COMPILED:
        match = pattern.match(message)
        if match is None:
            continue
        values = {}
        for name, value in match.groupdict().items():
            if name == "msg":
                value = translate(value)
            elif name == "os":
                value = _OS_ERRORS.get(value, value)
            elif name in ("kind", "scope", "a", "b", "w"):
                value = _KINDS.get(value, value)
            values[name] = value or ""
        return template.format(**values)
    return message


def message(problem: Problem, lang: Lang) -> str:
    """The problem's message in `lang`."""
    if lang == "en":
        return problem.message
    return problem.message_id or translate(problem.message)


def render(problem: Problem, lang: Lang = "id") -> str:
    """One line a person can act on: `file:line:column: error: rule R: field 'rules.0.x': message`."""
    words = _WORDS[lang]
    text = f"{problem.where()}: {words.get(problem.severity, problem.severity)}: "
    if problem.rule_id:
        text += f"{words['rule']} {problem.rule_id}: "
    shown = problem.path or problem.field
    if shown:
        text += f"{words['field']} '{shown}': "
    text += message(problem, lang)
    if problem.suggestion:
        text += f" ({words['mean']} '{problem.suggestion}'?)"
    return text
