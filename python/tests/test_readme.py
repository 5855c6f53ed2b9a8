"""The README's Python and Spark snippets run as written."""

import os
import re
import subprocess
import sys

from conftest import REPO


def snippet(section: str, lang: str, index: int = 0) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, f"README has no section {section!r}"
    blocks = re.findall(rf"^```{lang}\n(.*?)^```", m.group(1), re.S | re.M)
    assert len(blocks) > index, f"README section {section!r} has no ```{lang} block #{index}"
    return blocks[index]


def test_the_python_snippet_runs(capsys):
    code = snippet("Python", "python")
    exec(compile(code, "README.md (Python)", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "no/such/file.txt io" in out


def test_the_spark_snippet_runs(tmp_path):
    # Run where the snippet's relative paths hold, without writing into the repository.
    for name in ["data", "examples", ".venv"]:
        (tmp_path / name).symlink_to(REPO / name)
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    r = subprocess.run(["bash", "-euo", "pipefail", "-c", snippet("Spark", "sh")], cwd=tmp_path,
                       env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    out = tmp_path / "udhr-pairs.parquet"
    assert (out / "_SUCCESS").is_file()
    assert sorted(p.name for p in out.glob("tgt_lang=*")) == [f"tgt_lang={l}" for l in ["ar", "en", "es", "fr", "ru"]]
    assert re.search(r"align_corpus: \d{3,} pairs written", r.stderr), r.stderr[-2000:]
