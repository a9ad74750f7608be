"""An answer as YAML: the file `avtal remiss import` writes, read back by the same strict loader.

The text is made here, deterministically (keys in the model's order, multi-line text as literal
blocks, dates as dates), and checked before anything is written: parsed by the strict YAML reader
and validated by the model, so the file written is one `avtal check` reads as the same answer.
With `--replace`, the editors' assessments of comments that are still there are kept.
"""

from __future__ import annotations

import yaml

from ..source.models.remiss import Answer
from ..source.validation import validate
from ..source.yamlsafe import parse_yaml
from ..text import clean_line


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # strict YAML has no anchors or aliases
        return True


def _text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def answer_yaml(answer: dict, header: str) -> str:
    """The YAML text of an answer, after a comment that says where it came from."""
    comment = "".join(f"# {clean_line(line)}\n" for line in header.split("\n"))
    body = yaml.dump(answer, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    return comment + body


def keep_assessments(new: dict, old: dict | None) -> list[str]:
    """Copy the editors' assessments from the old answer to the same questions and sections of the new
    one; the names of the comments whose assessment has nowhere to go (their comment is gone)."""
    if not isinstance(old, dict):
        return []
    lost = []
    for key, ref in (("questions", "question"), ("sections", "section")):
        olds = [item for item in old.get(key) or [] if isinstance(item, dict) and item.get("assessment")]
        news = new.get(key) or []
        seen: dict[str, int] = {}
        for item in olds:
            name = str(item.get(ref))
            index = seen.get(name, 0)
            seen[name] = index + 1
            matches = [n for n in news if n.get(ref) == item.get(ref)]
            if index < len(matches) and (key == "sections" or matches[index].get("comment")):
                matches[index]["assessment"] = item["assessment"]
            else:
                lost.append(name)
    return lost


def checked_answer(text: str, context: dict, path: str):
    """The answer the text holds, or the findings that say why it is not one (a bug if ever)."""
    parsed = parse_yaml(text)
    if parsed.problems:
        return None, [p.message for p in parsed.problems]
    answer, findings = validate(Answer, parsed, path, 0, context)
    return answer, [f.message for f in findings]
