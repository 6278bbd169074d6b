from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.models import PolicyPage, PolicyStatus

pytestmark = pytest.mark.django_db


def run_import(*args, **options):
    out = StringIO()
    call_command("import_policy", *args, stdout=out, **options)
    return out.getvalue()


def test_import_creates_a_live_page_with_structured_body(site_tree):
    page = site_tree.measures
    assert page.live
    assert page.url_path == "/home/policy/measures/"
    assert page.title == "内蒙古自治区国际科技合作基地管理办法（试行）"
    # The title says 试行, so the status follows it unless told otherwise.
    assert page.status == PolicyStatus.TRIAL
    assert [b.block_type for b in page.body] == ["chapter"] * 5
    assert [a["number"] for a in page.iter_articles()] == list(range(1, 24))
    art5 = next(a for a in page.iter_articles() if a["number"] == 5)
    clauses = [c.value for c in art5["content"] if c.block_type == "clause"]
    assert [len(c["items"]) for c in clauses] == [5, 4]


def test_rerunning_the_import_updates_without_duplicating(site_tree, tmp_path):
    path = str(settings.MEASURES_TEXT_PATH)
    revisions = site_tree.measures.revisions.count()

    output = run_import(path, parent="/policy/", slug="measures")
    assert "未变化" in output
    assert PolicyPage.objects.count() == 1
    assert site_tree.measures.revisions.count() == revisions

    changed = tmp_path / "measures.txt"
    changed.write_text(
        settings.MEASURES_TEXT_PATH.read_text(encoding="utf-8").replace(
            "本管理办法由科技厅负责解释。", "本管理办法由科技厅负责解释（修订）。"
        ),
        encoding="utf-8",
    )
    output = run_import(str(changed), parent="/policy/", slug="measures", status="现行有效")
    assert "已更新" in output
    assert PolicyPage.objects.count() == 1
    page = PolicyPage.objects.get()
    assert page.status == PolicyStatus.CURRENT
    assert "本管理办法由科技厅负责解释（修订）。" in dict(page.article_texts())[22]
    assert page.revisions.count() == revisions + 1


def test_import_without_slug_finds_the_page_by_title(site_tree):
    run_import(str(settings.MEASURES_TEXT_PATH), parent="/policy/")
    assert PolicyPage.objects.count() == 1


def test_import_can_set_metadata_and_leave_a_draft(site_tree, tmp_path):
    source = tmp_path / "notice.txt"
    source.write_text("关于某事项的通知\n第一条 甲。\n第二条 乙。\n", encoding="utf-8")
    run_import(
        str(source),
        parent="/policy/",
        slug="notice",
        authority="内蒙古自治区人民政府",
        document_number="内政发〔2020〕1号",
        issue_date="2020-03-01",
        effective_date="2020-04-01",
        no_publish=True,
    )
    page = PolicyPage.objects.get(slug="notice")
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert draft.issuing_authority == "内蒙古自治区人民政府"
    assert draft.document_number == "内政发〔2020〕1号"
    assert str(draft.issue_date) == "2020-03-01"
    assert [b.block_type for b in draft.body] == ["article", "article"]


def test_malformed_file_fails_with_the_line_and_creates_nothing(site_tree, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("某办法\n第一条 甲。\n第三条 乙。\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"第 3 行：条号不连续：应为第二条，实为第三条"):
        run_import(str(broken), parent="/policy/", slug="broken")
    assert not PolicyPage.objects.filter(slug="broken").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"parent": "/nowhere/"}, "找不到路径为 /nowhere/ 的页面"),
        ({"parent": "/bases/"}, "不是政策文件库页面"),
        ({"parent": "/policy/", "status": "作废"}, "未知的效力状态"),
        ({"parent": "/policy/", "issue_date": "2020/1/1"}, "YYYY-MM-DD"),
    ],
)
def test_bad_options_give_clear_errors(site_tree, options, message):
    with pytest.raises(CommandError, match=message):
        run_import(str(settings.MEASURES_TEXT_PATH), **options)


def test_missing_and_non_utf8_files_give_clear_errors(site_tree, tmp_path):
    with pytest.raises(CommandError, match="文件不存在"):
        run_import(str(tmp_path / "missing.txt"))
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("第一条 甲。".encode("gbk"))
    with pytest.raises(CommandError, match="不是 UTF-8"):
        run_import(str(gbk))
