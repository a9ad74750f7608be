"""Links and references: files, anchors, stable ids, schemes, annex numbers."""



def _agreement(repo):
    repo.doc("overenskommelse", "## Rubrik utan id\n\nText.\n", type="överenskommelse")


def test_links_to_documents_and_stable_anchors_resolve(repo):
    _agreement(repo)
    repo.doc("plan", "Se [läkarmedverkan](../agreement/overenskommelse.md#lakarmedverkan) och [syftet](#syfte).\n")
    assert repo.check() == []


def test_the_same_address_is_judged_from_each_documents_folder(repo):
    """links_resolve remembers an address found clean per folder: the same address from another folder, a
    link within each document, and a broken link in each document are each still checked."""
    _agreement(repo)
    repo.doc("plan-a", "## A {#egen}\n\n[x](../agreement/overenskommelse.md#rubrik-utan-id) [a](#egen) [b](saknas.md)\n")
    repo.doc("plan-b", "[x](../agreement/overenskommelse.md#rubrik-utan-id) [a](#egen) [b](saknas.md)\n")
    repo.doc("plan-c", "[x](plan-a.md#egen) [y](../plans/plan-a.md#egen)\n")
    # The same address from the annexes' folder leads nowhere.
    repo.doc("bilaga-9", "[x](plan-a.md#egen) [y](../plans/plan-a.md#egen)\n", type="bilaga", annex_number=9,
             annex_of="overenskommelse")
    found = [(f.path, f.code) for f in repo.check()]
    assert found == [("annexes/bilaga-9.md", "AV201"), ("plans/plan-a.md", "AV203"), ("plans/plan-a.md", "AV201"),
                     ("plans/plan-b.md", "AV203"), ("plans/plan-b.md", "AV202"), ("plans/plan-b.md", "AV201")]


def test_missing_file_suggests_the_nearest(repo):
    _agreement(repo)
    repo.doc("plan", "Se [avtalet](../agreement/overenskomelse.md).\n")
    (finding,) = repo.check()
    assert finding.code == "AV201"
    assert 'menade du "../agreement/overenskommelse.md"?' in finding.message


def test_missing_anchor_suggests_the_nearest(repo):
    _agreement(repo)
    repo.doc("plan", "Se [x](../agreement/overenskommelse.md#lakarmedverkn).\n")
    (finding,) = repo.check()
    assert finding.code == "AV202" and 'menade du "lakarmedverkan"?' in finding.message


def test_anchor_made_from_heading_text_is_a_warning(repo):
    _agreement(repo)
    repo.doc("plan", "Se [x](../agreement/overenskommelse.md#rubrik-utan-id).\n")
    (finding,) = repo.check()
    assert (finding.code, finding.severity.value) == ("AV203", "warning")


def test_heading_slugs_follow_python_markdown(repo):
    repo.doc("plan", "## Läkarmedverkan och **ansvar**\n\n## Läkarmedverkan och ansvar\n\nSe [a](#lakarmedverkan-och-ansvar_1).\n")
    assert [f.code for f in repo.check()] == ["AV203"]


def test_dangerous_and_absolute_links(repo):
    repo.doc("plan", "[a](javascript:alert(1)) [b](data:text/html,x) [c](/agreement/x.md) [d](https://example.org) [e](mailto:a@b.se)\n")
    assert [f.code for f in repo.check()] == ["AV204", "AV204", "AV201"]


def test_links_to_other_files_must_exist(repo):
    repo.write("plans/bild.png", b"\x89PNG")
    repo.doc("plan", "![Bild](bild.png) ![Saknas](saknas.png) [utanför](../../hemligt.txt)\n")
    # A truncated PNG is not an image, a missing image is missing (tests/rules/test_images.py), a missing file is a broken link.
    assert [f.code for f in repo.check()] == ["AV214", "AV213", "AV201"]


def test_reference_style_link_definitions_are_checked(repo):
    repo.doc("plan", "Se [avtalet][a].\n\n[a]: ../agreement/finns-inte.md\n")
    assert [f.code for f in repo.check()] == ["AV201"]


def test_links_inside_code_are_not_links(repo):
    repo.doc("plan", "`[x](saknas.md)`\n\n```\n[y](saknas.md)\n```\n")
    assert repo.check() == []


def test_annex_numbers_in_the_text_must_exist(repo):
    _agreement(repo)
    repo.doc("bilaga-a", type="bilaga", annex_number=1, annex_of="overenskommelse")
    repo.doc("plan", "Enligt bilaga 1 och Bilaga 3.\n")
    (finding,) = repo.check()
    assert finding.code == "AV206" and "bilaga 3" in finding.message and "bilagor: 1" in finding.message


def test_annex_lists_and_ranges_are_all_checked(repo):
    _agreement(repo)
    for number in (1, 2):
        repo.doc(f"bilaga-{number}", type="bilaga", annex_number=number, annex_of="overenskommelse")
    repo.doc("plan", "Se bilagorna 1–2, bilaga 1 och 3 samt bilagor 2, 4.\n")
    assert sorted(f.message.split(",")[0] for f in repo.check()) == [
        "Texten hänvisar till bilaga 3", "Texten hänvisar till bilaga 4"]
