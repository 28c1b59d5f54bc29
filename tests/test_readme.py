"""The README's console examples are real: every ```console block whose commands start with
``$ govkg`` is run (in a scratch folder where ``seeds`` is the seed corpus and the store has
been built from it) and its output must equal what the README shows.

After a change to the extractors, rewrite the shown outputs with

    .venv/bin/python -m tests.test_readme --update
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples(text: str) -> Iterator[tuple[str, str]]:
    """(command line, shown output) for each ``$ govkg`` command of each console block."""
    for block in BLOCK.finditer(text):
        body = block.group(1)
        parts = re.split(r"^\$ (govkg .*)\n", body, flags=re.M)
        for i in range(1, len(parts), 2):
            yield parts[i], parts[i + 1]


def run(command: str) -> str:
    """Run one ``govkg ...`` command line in the current folder; its output as shown."""
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, args)
    return "\n".join(line.rstrip() for line in result.output.rstrip("\n").splitlines()) + "\n"


SHARED = ROOT.parent / "shared"


def prepare(folder: Path) -> Path:
    """A checkout-like scratch folder ``folder/main``: ``seeds`` → the seed corpus, ``../shared``
    → the shared gold, the store built from the seeds in ``output/store``. Returns it."""
    main_dir = folder / "main"
    main_dir.mkdir(exist_ok=True)
    if SHARED.is_dir() and not (folder / "shared").exists():
        (folder / "shared").symlink_to(SHARED, target_is_directory=True)
    os.chdir(main_dir)
    for folder_name in ("seeds", "tests"):
        if not Path(folder_name).exists():
            Path(folder_name).symlink_to(ROOT / folder_name, target_is_directory=True)
    result = CliRunner().invoke(main, ["build", "seeds"])
    assert result.exit_code == 0, result.output
    return main_dir


def update(folder: Path) -> int:
    text = README.read_text(encoding="utf-8")
    prepare(folder)

    def fill(block: re.Match[str]) -> str:
        out = []
        for command, _ in examples(block.group(0)):
            out.append(f"$ {command}\n{run(command)}")
        return "```console\n" + "".join(out) + "```" if out else block.group(0)

    new = BLOCK.sub(fill, text)
    README.write_text(new, encoding="utf-8")
    return sum(1 for _ in examples(new))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    here = Path.cwd()
    folder = prepare(tmp_path_factory.mktemp("readme"))
    yield folder
    os.chdir(here)


CASES = list(examples(README.read_text(encoding="utf-8")))


def test_readme_has_examples():
    commands = [c.split()[1] for c, _ in CASES]
    for needed in ("query", "diffusion", "evaluate"):
        assert needed in commands


@pytest.mark.parametrize(("command", "shown"), CASES, ids=[c for c, _ in CASES])
def test_readme_example_runs_as_shown(scratch, command, shown):
    if "../shared" in command and not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    os.chdir(scratch)
    assert run(command) == shown


if __name__ == "__main__" and "--update" in sys.argv:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(f"{update(Path(tmp))} README examples rewritten")
