"""The command line's shape, kept true: one file per command, every command in `CommandList`, files under 300 lines."""
import pathlib
import re

SOURCES = pathlib.Path(__file__).resolve().parents[2] / "Sources" / "frontdesk"
TOP_LEVEL = re.compile(r"^struct (\w+): ParsableCommand", re.MULTILINE)


def commands():
    """Top-level command types (nested subcommands belong to their command's file), by file."""
    return {path: TOP_LEVEL.findall(path.read_text(encoding="utf-8")) for path in sorted(SOURCES.rglob("*.swift"))}


def test_each_command_has_its_own_file():
    found = commands()
    doubled = {str(path.relative_to(SOURCES)): names for path, names in found.items() if len(names) > 1}
    assert doubled == {}, "one command a file"
    assert sum(len(names) for names in found.values()) >= 25


def test_every_command_is_in_the_command_list():
    listed = (SOURCES / "CommandList.swift").read_text(encoding="utf-8")
    missing = [name for names in commands().values() for name in names
               if name != "FrontDesk" and not re.search(rf"\b{name}\.self\b", listed)]
    assert missing == [], "a command nobody can run: add it to CommandList (a desk's line, or the facility's or store's)"


def test_files_stay_under_300_lines():
    long = {str(p.relative_to(SOURCES)): n for p in SOURCES.rglob("*.swift")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}
