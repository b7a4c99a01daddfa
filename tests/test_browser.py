"""report.html in a real headless browser: nothing from the input runs, filters work, decisions round-trip.

Needs Debian's chromium (``apt-get install -y chromium``) and the ``playwright``
package (dev extra); never ``playwright install``. Without them these tests
are skipped with that message.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from test_apply import cli, restore

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium: run `apt-get install -y chromium` "
                "(as root; .ci/run does this)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright: pip install -e '.[dev]'")

HOSTILE = (
    "the the state council met <script>window.__pwned = 1</script> in beijing .\n"
    "<img src=x onerror=\"window.__pwned = 2\"> hard work,my country's plan </textarea> grew\n"
    "\"><svg onload=\"window.__pwned = 3\"> and the the end\n"
    "省委書記藍(lán)佛安在長治主持召開座談會(huì),與會人員參加,。<script>window.__pwned = 4</script>\n"
)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def hostile_report(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    done = cli("run", "in", "--out", "cleaned", "--report", "rep", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    return tmp_path, report


def open_page(browser, path: Path):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1300, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: problems.append(f"request: {r.url}") if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return context, page, problems


def test_nothing_from_the_input_runs_and_it_is_shown_as_text(browser, hostile_report):
    tmp, report = hostile_report
    context, page, problems = open_page(browser, tmp / "rep" / "report.html")
    try:
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("img").count() == 0 and page.locator("svg").count() == 0
        assert page.locator("textarea").count() == 0
        assert page.locator("script").count() == 2  # the report's data and its own code, nothing else
        # the original column, without the insertion-point marks, is the input verbatim
        text = page.evaluate("""() => Array.from(document.querySelectorAll('td.orig')).map(td => {
            const copy = td.cloneNode(true);
            copy.querySelectorAll('.caret, ul.notes').forEach(e => e.remove());
            return copy.textContent; }).join('\\n')""")
        assert text == HOSTILE.rstrip("\n")
        for needle in ("<script>window.__pwned = 1</script>", "<img src=x onerror=", "</textarea>", "\"><svg onload="):
            assert needle in text
        assert problems == []
    finally:
        context.close()


def test_filters_hide_and_show_changes_by_rule_and_safety(browser, hostile_report):
    tmp, report = hostile_report
    changes = report["files"][0]["changes"]
    alone = {c["rules"][0] for c in changes if len(c["rules"]) == 1}
    assert {"ZH201", "ZH301"} <= alone
    context, page, problems = open_page(browser, tmp / "rep" / "report.html")
    try:
        page.select_option("#labels", "all")
        # changes made by that rule alone (a change can carry several rules)
        chip = lambda code: page.locator(f'td.clean span.c[data-rules="{code}"] .chip').first  # noqa: E731
        assert chip("ZH201").is_visible() and chip("ZH301").is_visible()
        page.uncheck('input[data-filter-rule="ZH201"]')
        assert not chip("ZH201").is_visible() and chip("ZH301").is_visible()
        page.check('input[data-filter-rule="ZH201"]')
        assert chip("ZH201").is_visible()
        review = [c for c in changes if c["safety"] == "review"]
        if review:
            selector = f'td.clean span.c[data-c="{review[0]["id"]}"] .chip'
            assert page.locator(selector).is_visible()
            page.uncheck('input[data-filter-safety="review"]')
            assert not page.locator(selector).is_visible()
            assert chip("ZH301").is_visible()
        page.click("#rules-none")
        assert page.locator("td.clean span.c:not(.off)").count() == 0
        # rows without a visible change disappear when "only paragraphs with changes" is on
        assert page.locator("table.sbs tr.row:visible").count() == 0
        page.click("#rules-all")
        page.check('input[data-filter-safety="review"]')
        assert page.locator("td.clean span.c:not(.off)").count() == len(changes)
        assert problems == []
    finally:
        context.close()


def test_reject_in_the_page_then_apply_gives_the_expected_text(browser, hostile_report):
    tmp, report = hostile_report
    file = report["files"][0]
    first: dict[str, str] = {}
    for change in file["changes"]:
        first.setdefault(change["rule"], change["id"])
    rejected = set(first.values())
    context, page, problems = open_page(browser, tmp / "rep" / "report.html")
    try:
        page.select_option("#labels", "all")
        for cid in rejected:
            page.click(f'td.clean span.c[data-c="{cid}"] .chip')
        # a rejected change shows the original in the cleaned column
        some = next(c for c in file["changes"] if c["id"] in rejected and c["before"].strip())
        shown = page.locator(f'td.clean span.c[data-c="{some["id"]}"]')
        assert "rejected" in (shown.get_attribute("class") or "")
        assert shown.locator(".before").is_visible() and not shown.locator(".after").is_visible()
        # click twice: accepted again, then rejected again
        page.click(f'td.clean span.c[data-c="{some["id"]}"] .chip')
        assert "rejected" not in (shown.get_attribute("class") or "")
        page.click(f'td.clean span.c[data-c="{some["id"]}"] .chip')
        assert page.inner_text("#decision-count").startswith(f"{len(rejected)} rejected")
        with page.expect_download() as info:
            page.click("#save-decisions")
        download = info.value
        assert download.suggested_filename == "decisions.json"
        saved = tmp / "decisions.json"
        download.save_as(saved)
        assert problems == []
    finally:
        context.close()
    decisions = json.loads(saved.read_text(encoding="utf-8"))
    assert set(decisions["files"][0]["rejected"]) == rejected
    done = cli("apply", "decisions.json", "--out", "reviewed", cwd=tmp)
    assert done.returncode == 0, done.stderr
    written = (tmp / "cleaned" / "hostile.txt").read_text(encoding="utf-8")
    assert (tmp / "reviewed" / "hostile.txt").read_text(encoding="utf-8") == restore(written, file["changes"], rejected)


def test_the_seed_report_loads_without_console_errors(browser, tmp_path):
    shutil.copytree(Path(__file__).resolve().parents[1] / "seeds", tmp_path / "seeds")
    assert cli("run", "seeds", "--out", "cleaned", "--report", "rep", "-q", cwd=tmp_path).returncode == 0
    context, page, problems = open_page(browser, tmp_path / "rep" / "report.html")
    try:
        assert page.locator("section.file").count() == 5
        assert page.locator("table.summary tbody tr").count() == 6  # five files and the corpus
        assert problems == []
    finally:
        context.close()
