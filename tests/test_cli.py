"""The command-line contract: output formats, exit codes, Swedish usage errors."""

import json
import re

from conftest import document

TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>fel|varning|upplysning) (?P<code>AV\d{3}) (?P<message>.+)$")
MACHINE_SEVERITY = {"fel": "error", "varning": "warning", "upplysning": "info"}


def _broken(repo):
    repo.doc("plan", "Se [x](#saknas) och [[odefinierat]].\n", owner="Kalle")


def test_text_json_and_github_formats_carry_the_same_findings(repo):
    _broken(repo)
    text = repo.avtal("check")
    as_json = repo.avtal("check", "--format", "json")
    github = repo.avtal("check", "--format", "github")
    assert text.code == as_json.code == github.code == 1

    from_text = [TEXT_LINE.match(line).groupdict() for line in text.stdout.splitlines()]
    for item in from_text:
        item["line"], item["column"] = int(item["line"]), int(item["column"])
        item["severity"] = MACHINE_SEVERITY[item["severity"]]
    assert from_text == as_json.findings
    assert len(from_text) == 3

    annotations = github.stdout.splitlines()
    assert len(annotations) == 3
    for annotation, finding in zip(annotations, as_json.findings, strict=False):
        assert annotation == (
            f"::error file={finding['path']},line={finding['line']},col={finding['column']},"
            f"title={finding['code']}::{finding['message']}"
        )
    assert "3 fel" in text.stderr


def test_gitlab_format_is_a_code_quality_report(repo):
    _broken(repo)
    report = json.loads(repo.avtal("check", "--format", "gitlab").stdout)
    assert {item["check_name"] for item in report} == {"AV105", "AV202", "AV401"}
    assert all(item["location"]["path"] == "plans/plan.md" and item["severity"] == "major" for item in report)
    assert len({item["fingerprint"] for item in report}) == 3


def test_warnings_and_information_exit_zero(repo):
    repo.doc("plan", "## Rubrik\n\nSe [x](#rubrik).\n\n!!! question \"Öppen fråga: Vad?\"\n    Förslag.\n")
    result = repo.avtal("check", "--format", "github")
    assert result.code == 0
    assert result.stdout.startswith("::warning file=plans/plan.md")
    assert "::notice" not in result.stdout  # the open question is counted, not annotated, unless asked for
    shown = repo.avtal("check", "--format", "github", "--visa-upplysningar")
    assert shown.code == 0 and "::notice file=plans/plan.md" in shown.stdout


def test_text_lists_errors_then_warnings_and_counts_the_information(repo):
    # In file order: a question (info) on line 12, a heading-text anchor (warning), an unknown term (error).
    repo.doc("plan", "!!! question \"Öppen fråga: Vad?\"\n    Förslag.\n\n## Rubrik\n\nSe [x](#rubrik) och [[okänt]].\n")
    result = repo.avtal("check")
    lines = result.stdout.splitlines()
    assert [TEXT_LINE.match(line)["severity"] for line in lines] == ["fel", "varning"]
    assert result.stderr.strip() == "1 fel, 1 varning, 1 upplysning (visa dem med --visa-upplysningar)"
    everything = repo.avtal("check", "--visa-upplysningar")
    assert [TEXT_LINE.match(line)["severity"] for line in everything.stdout.splitlines()] == ["fel", "varning", "upplysning"]
    assert everything.stderr.strip() == "1 fel, 1 varning, 1 upplysning"
    as_json = repo.avtal("check", "--format", "json").findings  # machines always get everything, in the same order
    assert [f["severity"] for f in as_json] == ["error", "warning", "info"]


def test_github_annotations_escape_newlines_and_percent(repo):
    from avtal.findings import Finding, Severity
    from avtal.rules.formats import render_github

    finding = Finding("a,b.md", 1, 2, "AV103", Severity.ERROR, "100% fel\nrad två")
    assert render_github([finding]) == "::error file=a%2Cb.md,line=1,col=2,title=AV103::100%25 fel%0Arad två\n"


def test_clean_repository_exits_zero_and_says_so(repo):
    repo.doc("plan")
    result = repo.avtal("check")
    assert (result.code, result.stdout) == (0, "")
    assert "0 fel, 0 varningar" in result.stderr


def test_usage_errors_exit_two_in_swedish(repo, tmp_path):
    unknown_format = repo.avtal("check", "--format", "xml")
    assert unknown_format.code == 2 and "ogiltigt val" in unknown_format.stderr
    no_command = repo.avtal()
    assert no_command.code == 2 and "dessa argument saknas" in no_command.stderr
    outside = repo.avtal("check", cwd=tmp_path)
    assert outside.code == 2 and "hittar inget arkiv" in outside.stderr
    for result in (unknown_format, no_command, outside):
        assert "Traceback" not in result.stderr


def test_root_option_and_running_from_a_subfolder(repo):
    repo.doc("plan", owner="Kalle")
    assert repo.avtal("check", cwd=repo.root / "plans").code == 1
    assert repo.avtal("check", "--root", str(repo.root), cwd=repo.root.parent).code == 1


def test_explain_prints_the_rule(repo):
    result = repo.avtal("check", "--explain", "av104")
    assert result.code == 0 and result.stdout.startswith("AV104 (fel): Okänd part")
    assert repo.avtal("check", "--explain", "AV999").code == 2


def test_help_is_swedish(repo):
    result = repo.avtal("check", "--help")
    assert result.code == 0
    assert "användning: avtal check" in result.stdout and "visa denna hjälp" in result.stdout


def test_every_code_has_a_swedish_title_and_help():
    from avtal.codes import CODES

    assert len(CODES) == len({c.code for c in CODES.values()})
    for code in CODES.values():
        assert re.fullmatch(r"AV\d{3}", code.code)
        assert code.title[0].isupper() and code.help.strip()


def test_a_broken_vocabulary_is_reported_not_a_crash(repo):
    repo.doc("plan")
    repo.write("schema/parter.yaml", "parties:\n  - name: Region Dalarna\n    kind: landsting\n")
    result = repo.avtal("check")
    assert result.code == 1 and "schema/parter.yaml:3:5: fel AV103" in result.stdout


def test_document_body_with_only_front_matter_and_crlf_still_loads(repo):
    repo.write("plans/plan.md", document().replace("\n", "\r\n"))
    codes = [f.code for f in repo.check()]
    assert codes == ["AV003"]


def test_output_to_a_program_that_stops_reading_is_no_internal_error():
    """`avtal gällande … | head -1`: the reader closes the pipe early; avtal stops without a message."""
    import subprocess
    import sys

    from conftest import REPO_ROOT

    process = subprocess.Popen([sys.executable, "-m", "avtal", "gällande", "--party", "Mora kommun"], cwd=REPO_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # as head does after its first line
    stderr = process.stderr.read().decode("utf-8")
    process.stderr.close()
    assert process.wait(timeout=120) == 0, stderr
    assert "internt fel" not in stderr and "Traceback" not in stderr, stderr
