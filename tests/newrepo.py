"""Another region's agreement, made by `avtal init` (issue 26, point 4): a region and N generated
municipalities, committed in git, then taken through a remiss round with an answer from every
municipality and to a decision by every party. Used by tests/source/test_init.py and
tests/bench/bench_parties.py, so that both run the same repository. Standalone: no fixtures."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REGION = "Region Norrsund"
TITLE = "Överenskommelse om hälso- och sjukvård i hemmet"
ROUND = "2027-1"
# 6 × 8 = 48 generated names, with the letters a Swedish name has.
_FIRST = ("Norr", "Söder", "Väster", "Öster", "Stor", "Lill")
_LAST = ("by", "köping", "ås", "älv", "sund", "hamn", "torp", "vik")


def municipalities(count: int = 48) -> list[str]:
    names = [f"{a}{b}s kommun" for a in _FIRST for b in _LAST]
    assert count <= len(names)
    return names[:count]


def slug(name: str) -> str:
    from avtal.text import party_slug

    return party_slug(name)


class NewRepo:
    def __init__(self, root: Path):
        self.root, self.day = root, 0

    def avtal(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("AVTAL_DEBUG", None)
        done = subprocess.run([sys.executable, "-m", "avtal", *args], cwd=self.root, capture_output=True, text=True,
                              env=env)
        if check and done.returncode != 0:
            raise AssertionError(f"avtal {' '.join(args)} ({done.returncode}): {done.stdout}{done.stderr}")
        return done

    def git(self, *args: str) -> str:
        self.day += 1
        stamp = f"2027-01-{self.day:02d}T12:00:00+01:00"
        env = {**os.environ, "GIT_AUTHOR_NAME": "Anna Redaktör", "GIT_AUTHOR_EMAIL": "anna@example.org",
               "GIT_COMMITTER_NAME": "Anna Redaktör", "GIT_COMMITTER_EMAIL": "anna@example.org",
               "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        return subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, env=env,
                              check=True).stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    @property
    def agreement(self) -> Path:
        return self.root / "agreement" / "overenskommelse.md"

    def set_fields(self, **fields: str) -> None:
        """Replace (or add, before change_note) front matter fields of the agreement."""
        text = self.agreement.read_text("utf-8")
        head, body = text[4:].split("\n---\n", 1)
        for key, value in fields.items():
            line = f"{key}: {value}"
            if re.search(rf"^{key}:", head, re.M):
                head = re.sub(rf"^{key}:.*$", lambda _: line, head, count=1, flags=re.M)
            else:
                head = head.replace("\nchange_note:", f"\n{line}\nchange_note:", 1)
        self.agreement.write_text(f"---\n{head}\n---\n{body}", "utf-8")

    def errors(self) -> list[str]:
        import json

        done = self.avtal("check", "--format", "json", check=False)
        return [f"{f['path']}:{f['line']} {f['code']} {f['message']}" for f in json.loads(done.stdout)
                if f["severity"] == "error"]


def init(parent: Path, count: int = 48) -> NewRepo:
    """`avtal init` with the municipalities from a file, then git init and a first commit."""
    names = parent / "kommuner.txt"
    names.write_text("# Kommunerna, en per rad\n" + "\n".join(municipalities(count)) + "\n", "utf-8")
    repo = NewRepo(parent / "arkiv")
    done = subprocess.run([sys.executable, "-m", "avtal", "init", str(repo.root), "--region", REGION,
                           "--kommuner", str(names)], capture_output=True, text=True, cwd=parent)
    assert done.returncode == 0, done.stdout + done.stderr
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo.root, check=True)
    repo.commit("Nytt arkiv med avtal init")
    return repo


def remiss_round(repo: NewRepo) -> None:
    """Version 0.2 on remiss to every party, and an answer from every municipality, written as YAML."""
    repo.set_fields(version='"0.2"', status="remiss", change_note="Remissversion.")
    repo.commit("Version 0.2 på remiss")
    repo.avtal("remiss", "new", ROUND, "--deadline", "2027-05-31", "--sent", "2027-04-01")
    repo.commit("Remissomgång 2027-1")
    question = re.search(r"^\s*-\s*id:\s*(\S+)", (repo.root / "remiss" / ROUND / "remiss.yaml").read_text("utf-8")
                         .split("questions:", 1)[1], re.M).group(1)
    for name in municipalities(48)[: len(parties(repo)) - 1]:
        (repo.root / "remiss" / ROUND / "svar").mkdir(exist_ok=True)
        (repo.root / "remiss" / ROUND / "svar" / f"{slug(name)}.yaml").write_text(
            f"recipient: {name}\ndate: 2027-05-20\nquestions:\n  - question: {question}\n    stance: tillstyrker\n"
            "sections:\n  - section: overenskommelse#lakarmedverkan\n    comment: Ange när läkaren gör hembesök.\n",
            "utf-8")


def parties(repo: NewRepo) -> list[str]:
    import yaml

    return [p["name"] for p in yaml.safe_load((repo.root / "schema" / "parter.yaml").read_text("utf-8"))["parties"]]


def package_fingerprint(repo: NewRepo) -> str:
    """The fingerprint the parties decide on (the package's when there are annexes), asked of the index in a process of its own."""
    code = ("from pathlib import Path\nfrom avtal.decisions.index import FingerprintIndex\n"
            "from avtal.history.changelog import load_changelog\nfrom avtal.source.load import load_corpus\n"
            "root = Path.cwd()\ncorpus = load_corpus(root)\nindex = FingerprintIndex(root, corpus, load_changelog(root))\n"
            "print(index.decided_text(corpus.by_id['overenskommelse']).fingerprint)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=repo.root, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def decide(repo: NewRepo) -> None:
    """Version 1.0 committed, then status beslutad with every party's decision on its fingerprint."""
    repo.set_fields(version='"1.0"', status="utkast", change_note="Version efter remissen, inför beslut.")
    repo.commit("Version 1.0 inför beslut")
    fingerprint = package_fingerprint(repo)
    lines = ["{"]
    for index, party in enumerate(parties(repo)):
        body = "Regionfullmäktige" if party == REGION else "Kommunfullmäktige"
        lines.append(f'"{party}": {{body: {body}, meeting_date: 2027-06-10, paragraph: {index + 1}, '
                     f'minutes_approved: 2027-06-14, version: "1.0", fingerprint: "{fingerprint}"}},')
    repo.set_fields(status="beslutad", change_kind="materiell", valid_from="2027-07-01",
                    decisions=" ".join(lines).rstrip(",") + "}")


LOCAL = "lokala-avtal-lakarmedverkan"  # avtal init's example of local agreements: a row per municipality


def local_ids(repo: NewRepo) -> dict[str, str]:
    """Each municipality's local agreement's id, by municipality."""
    return {name: f"{LOCAL}-{slug(name)}" for name in parties(repo)[1:]}


def _local_fingerprints(repo: NewRepo) -> dict[str, str]:
    """The fingerprint of every local agreement's text, asked of the index in one process."""
    code = ("import json\nfrom pathlib import Path\nfrom avtal.decisions.index import FingerprintIndex\n"
            "from avtal.history.changelog import load_changelog\nfrom avtal.source.load import load_corpus\n"
            "root = Path.cwd()\ncorpus = load_corpus(root)\nindex = FingerprintIndex(root, corpus, load_changelog(root))\n"
            "print(json.dumps({d.origin.party: index.decided_text(d).fingerprint for d in corpus.documents if d.origin}))\n")
    import json

    done = subprocess.run([sys.executable, "-c", code], cwd=repo.root, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def decide_local(repo: NewRepo) -> None:
    """Every municipality's local agreement in version 1.0, committed, then decided by the region and the
    municipality on its own fingerprint (the rows of the data file, written as avtal init writes them)."""
    data = repo.root / "agreement" / f"{LOCAL}.yaml"
    text = data.read_text("utf-8").replace('version: "0.1"', 'version: "1.0"')
    data.write_text(text.replace("change_note: Första utkast.", "change_note: Version inför beslut."), "utf-8")
    repo.commit("Lokala avtal: version 1.0 inför beslut")
    fingerprints = _local_fingerprints(repo)
    rows = text.split("\n  - party: ")
    decided = [rows[0]]
    for index, row in enumerate(rows[1:]):
        name = json.loads(row.split("\n", 1)[0])
        decision = (f"    valid_from: 2027-07-01\n    change_kind: materiell\n    decisions:\n"
                    f"      {json.dumps(REGION, ensure_ascii=False)}: {{body: Regionfullmäktige, meeting_date: 2027-06-10, "
                    f"paragraph: {100 + index}, minutes_approved: 2027-06-14, version: \"1.0\", "
                    f"fingerprint: \"{fingerprints[name]}\"}}\n"
                    f"      {json.dumps(name, ensure_ascii=False)}: {{body: Kommunfullmäktige, meeting_date: 2027-06-11, "
                    f"paragraph: 7, minutes_approved: 2027-06-15, version: \"1.0\", fingerprint: \"{fingerprints[name]}\"}}\n")
        decided.append(row.replace("    status: utkast\n", "    status: beslutad\n" + decision, 1))
    data.write_text("\n  - party: ".join(decided), "utf-8")
