"""The checked-in JSON Schema matches the models and the vocabularies."""

import json

from conftest import REPO_ROOT


def test_checked_in_json_schema_is_current():
    from avtal.source.load import load_vocabulary
    from avtal.source.schema_export import schema_texts

    vocabulary, findings = load_vocabulary(REPO_ROOT)
    assert findings == []
    for name, text in schema_texts(vocabulary).items():
        path = REPO_ROOT / "schema" / name
        assert path.is_file(), f"{name} saknas: kör make schema"
        assert path.read_text("utf-8") == text, f"{name} är inaktuell: kör make schema"


def test_schema_lists_the_vocabularies():
    schema = json.loads((REPO_ROOT / "schema" / "metadata.schema.json").read_text("utf-8"))
    owner = schema["properties"]["owner"]
    assert "Omställningsledare" in owner["enum"]
    assert schema["additionalProperties"] is False
    parties = schema["properties"]["parties"]["anyOf"][1]["items"]["enum"]
    assert len(parties) == 16 and "Falu kommun" in parties


def test_schema_command_reports_stale_files(repo):
    stale = repo.avtal("schema", "--check")
    assert stale.code == 1 and "metadata.schema.json är inaktuell" in stale.stderr
    assert repo.avtal("schema").code == 0
    assert repo.avtal("schema", "--check").code == 0
