"""The report in a real browser: headless Chromium from the system packages, driven by selenium.

Skipped where selenium, Chromium or its driver is not installed (``.ci/run``
installs Debian's chromium and chromium-driver). Each test saves a screenshot
under its tmp dir for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qpr.analysis.report import regulation_report
from qpr.render.report import report_html

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")

CORPUS_REGULATION = Path("DLC/浙江地方法规/地方性法规/浙江/浙江省数字经济促进条例(2020-12-24).md")

# What the brief for a locked-down browser asks: nothing phones home, nothing is kept between runs.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,1600")


def _executable(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    chromium = _executable("chromium", "chromium-browser")
    driver_path = _executable("chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip("no Chromium and chromedriver installed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    yield driver
    driver.quit()


def _open(browser, html: str, path: Path):
    path.write_text(html, encoding="utf-8")
    browser.get(path.as_uri())
    return browser


def _severe(browser) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def _screenshot(browser, path: Path) -> Path:
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(int(height), 4000))
    browser.save_screenshot(str(path))
    browser.set_window_size(1280, 1600)
    return path


def _check_page(browser, report, tmp_path: Path, name: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    _open(browser, report_html(report), tmp_path / f"{name}.html")
    assert browser.title.startswith(report.title)
    assert _severe(browser) == []
    # Nothing fetched: the page is the only resource the browser loaded.
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    for section in ("overview", "matrix", "parties", "findings", "text"):
        assert browser.find_element(By.ID, section).is_displayed()
    parties = browser.find_elements(By.CSS_SELECTOR, "section.party h3")
    assert [p.text for p in parties] == report.matrix.index.tolist()
    cells = browser.find_elements(By.CSS_SELECTOR, "svg.cells a.cell")
    assert len(cells) == len(report.cells)
    titles = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.cells a.cell > title'), t => t.textContent)")
    assert len(titles) == len(cells) and all("第" in t and len(t) > 12 for t in titles)
    # Pointing at a cell outlines it; clicking it goes to its provision.
    cell = cells[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    ActionChains(browser).move_to_element(cell).perform()
    rect = cell.find_element(By.TAG_NAME, "rect")
    assert rect.value_of_css_property("stroke-width") == "2px"
    target = cell.get_dom_attribute("href").removeprefix("#")
    cell.click()
    assert browser.execute_script("return location.hash") == f"#{target}"
    assert browser.find_element(By.ID, target).text.strip()
    assert _severe(browser) == []
    shot = _screenshot(browser, tmp_path / f"{name}.png")
    assert shot.stat().st_size > 20_000


def test_the_builtin_regulations_report_in_chromium(browser, builtin, tmp_path):
    report = regulation_report(builtin)
    _check_page(browser, report, tmp_path, "builtin")
    from selenium.webdriver.common.by import By

    assert browser.find_element(By.ID, "basis").is_displayed()


def test_a_corpus_regulations_report_in_chromium(browser, corpus_dir, tmp_path):
    import qpr

    path = corpus_dir / CORPUS_REGULATION
    if not path.exists():
        pytest.skip(f"{CORPUS_REGULATION} is not in this corpus")
    _check_page(browser, regulation_report(qpr.load(path)), tmp_path, "corpus")
