"""`avtal docx` of one beslutsunderlag that shows its handed-over questions but does not link the
milestones: the single-document load still reads the milestones the questions name (source/single.py),
so the Word file is written instead of an unknown-milestone error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx

from conftest import GitRepo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "rules"))
from test_choices import AGREEMENT_BODY, HANDOVERS, MILESTONES  # noqa: E402

BASIS_BODY = """
Förslag: Parterna ställer sig bakom inriktningen.

[Frågor till arbetsgrupperna](fragor.yaml)
"""


def test_docx_of_a_beslutsunderlag_reads_the_milestones_its_questions_name(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.doc("overenskommelse", AGREEMENT_BODY, type="överenskommelse", title="Överenskommelsen")
    repo.doc("principbeslut", BASIS_BODY, type="beslutsunderlag", title="Beslutsunderlag för principbeslutet")
    for name, text in (("fragor", HANDOVERS), ("milstolpar", MILESTONES)):
        repo.write(f"plans/{name}.yaml", text.replace("document: plan", "document: principbeslut"))
    repo.commit("Underlag")
    out = tmp_path / "principbeslut.docx"
    done = subprocess.run([sys.executable, "-m", "avtal", "docx", "plans/principbeslut.md", "-o", str(out)],
                          cwd=repo.root, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "AV532" not in done.stdout + done.stderr
    text = "\n".join(cell.text for table in docx.Document(str(out)).tables for row in table.rows for cell in row.cells)
    assert "Hur ofta ska läkaren komma?" in text
