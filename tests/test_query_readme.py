"""Every ``kg query``, ``kg show`` and ``kg stats`` example of the README runs
as written, on the seeds build, with the exit status it shows and output of
the shape it shows (tests/readme_examples.py; ``python
tests/readme_examples.py --write`` refreshes the outputs)."""
from __future__ import annotations

import shutil

import pytest

from kg.cli import main

from readme_examples import README, ROOT, examples, run, shape

EXAMPLES = examples(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workdir(seeds_build, tmp_path_factory):
    """A folder laid out as the README assumes: outputs/graph.ttl (a copy of
    the seeds build, with the metrics of `kg stats --write`) and queries/."""
    cwd = tmp_path_factory.mktemp("readme")
    (cwd / "outputs").mkdir()
    shutil.copy(seeds_build / "graph.ttl", cwd / "outputs" / "graph.ttl")
    (cwd / "queries").symlink_to(ROOT / "queries")
    # what `kg stats --write` adds, so that the examples after it also run alone
    assert main(["stats", "--graph", str(cwd / "outputs" / "graph.ttl"), "--write"]) == 0
    return cwd


def test_the_readme_has_examples_of_each_command():
    assert {ex.argv[0] for ex in EXAMPLES} == {"query", "show", "stats"}
    # a lookup by a short form of a name, and an unknown name
    assert any(ex.argv[:1] == ["query"] and "name=华西医院" in ex.argv for ex in EXAMPLES)
    assert any(ex.status == 1 and "no entity named" in ex.shown for ex in EXAMPLES)


@pytest.mark.parametrize("index", range(len(EXAMPLES)),
                         ids=[f"{i}-kg-{' '.join(ex.argv)[:40]}" for i, ex in enumerate(EXAMPLES)])
def test_readme_example_runs_as_shown(workdir, index):
    ex = EXAMPLES[index]
    code, out = run(ex, workdir)
    assert code == ex.status, out
    assert shape(out) == shape(ex.shown), out


STALE_README = """# A README

Prose stays.

```console
$ kg query --format csv < queries/count.rq
stale output
```

More prose, and an example whose output is already right:

```console
$ kg show 华西医院 --format json
{OUTPUT}```
"""


def test_write_puts_the_real_output_in_place(workdir, tmp_path):
    from readme_examples import write
    show = examples(STALE_README.replace("{OUTPUT}", ""))[1]
    copy = tmp_path / "README.md"
    copy.write_text(STALE_README.replace("{OUTPUT}", run(show, workdir)[1]), encoding="utf-8")
    assert write(copy, workdir) == 1
    rewritten = copy.read_text(encoding="utf-8")
    count = examples(rewritten)[0]
    assert count.shown == run(count, workdir)[1] and count.shown.startswith("statements\n")
    assert rewritten.replace(count.shown, "stale output\n") == STALE_README.replace(
        "{OUTPUT}", run(show, workdir)[1])
