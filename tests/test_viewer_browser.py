"""The viewer page in a real browser: headless Chromium driven by selenium through the
system chromedriver (Debian packages ``chromium chromium-driver fonts-wqy-microhei``),
with the network disabled. Screenshots go to output/viewer-*.png."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from kg import viewer
from kg.graph import initiative_iri, org_iri
from kg.store import Store

from .test_viewer import EDGES, INJECTION, NODES, big_report, fill

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
    " --disable-component-update --disable-sync --window-size=1400,900"
    # no network: every request goes to a closed local port
    " --proxy-server=http://127.0.0.1:9 --proxy-bypass-list=<-loopback>"
).split()
# recorded before any page script runs: an alert() from report text would land here
ALERT_HOOK = "window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };"


@pytest.fixture(scope="module")
def driver():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip(
            "chromium and chromedriver are not installed (apt-get install chromium chromium-driver fonts-wqy-microhei)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="govkg-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
    )
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ALERT_HOOK})
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, html: str, name: str):
    from selenium.webdriver.support.ui import WebDriverWait

    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    driver.get(path.as_uri())
    WebDriverWait(driver, 120).until(lambda d: d.execute_script("return window.govkgReady === true"))
    return path


def errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def drawn(driver) -> list:
    return driver.execute_script(
        "return [network.body.nodeIndices.length, network.body.edgeIndices.length, network.physics.options.enabled]"
    )


@pytest.fixture(scope="module")
def store() -> Store:
    return fill(Store(None))


def test_whole_graph_offline_search_and_injection(driver, store):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, viewer.render_html(store), "viewer-fixture")
    assert errors(driver) == []
    assert drawn(driver) == [NODES, EDGES, False]  # physics settled, then stopped
    # nothing was fetched: only the page itself
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0

    # search: type a name in the search box, pick the option, the node is selected
    box = driver.find_element(By.CSS_SELECTOR, "#select-node-ts-control")
    box.click()
    box.send_keys("湖畔")
    WebDriverWait(driver, 10).until(
        lambda d: any("湖畔枫桥" in o.text for o in d.find_elements(By.CSS_SELECTOR, ".ts-dropdown .option"))
    )
    box.send_keys(Keys.ENTER)
    brand = str(initiative_iri("湖畔枫桥"))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return network.getSelectedNodes()") == [brand])
    assert driver.find_element(By.CSS_SELECTOR, "#details h3").text == "湖畔枫桥"
    assert "地方品牌 local brand" in driver.find_element(By.ID, "details").text

    # injection: the name and evidence show as text, nothing runs
    bad = str(org_iri(INJECTION))
    driver.execute_script("govkgShowNode(arguments[0])", bad)
    assert driver.find_element(By.CSS_SELECTOR, "#details h3").text == INJECTION
    assert INJECTION + "调解纠纷30件。" in driver.find_element(By.ID, "details").text
    box.send_keys(Keys.ESCAPE)
    driver.execute_script("govkgSearch.clear(true); govkgSearch.setTextboxValue(''); govkgSearch.refreshOptions(false)")
    box.send_keys("人民调解委员会")
    WebDriverWait(driver, 10).until(
        lambda d: any(INJECTION in o.text for o in d.find_elements(By.CSS_SELECTOR, ".ts-dropdown .option"))
    )
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert driver.execute_script("return document.querySelectorAll('script').length") == 5
    assert driver.execute_script("return window.__alerts") == []
    # the tooltip: hover the node; vis-network shows its title as text
    box.send_keys(Keys.ESCAPE)
    driver.execute_script("network.focus(arguments[0], {scale: 1.5, animation: false})", bad)
    canvas = driver.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
    ActionChains(driver).move_to_element_with_offset(canvas, 40, 40).move_to_element(canvas).pause(0.2).move_by_offset(
        1, 1
    ).perform()
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(
            "var t = document.querySelector('div.vis-tooltip'); return t && t.style.visibility !== 'hidden' && t.innerText.length > 0"
        )
    )
    tip = driver.execute_script(
        "var t = document.querySelector('div.vis-tooltip'); return [t.innerText, t.children.length - t.querySelectorAll('br').length]"
    )
    assert tip[0].startswith(INJECTION + "\n类型 type: 调解委员会 mediation committee")
    assert tip[1] == 0
    assert driver.execute_script("return window.__alerts") == []

    # filter by type: only courts stay visible
    shown = driver.execute_script("return govkgFilterTypes(['Court'])")
    assert shown == 1
    hidden = driver.execute_script("return nodes.get({filter: function (n) { return n.hidden !== true; }}).length")
    assert hidden == 1
    driver.execute_script("filterHighlight({nodes: []})")
    driver.execute_script("govkgSearch.clear(true); neighbourhoodHighlight({nodes: []}); network.fit()")
    driver.save_screenshot(str(OUTPUT / "viewer-fixture.png"))
    assert errors(driver) == []


def test_diffusion_view(driver, store):
    open_page(driver, viewer.render_html(store, diffusion="行政执法三项制度"), "viewer-diffusion")
    assert errors(driver) == []
    assert drawn(driver) == [4, 3, False]
    xs = driver.execute_script(
        "var p = network.getPositions(); return Object.keys(p).map(function (k) { return [k, p[k].x]; })"
    )
    assert sorted(xs, key=lambda kv: kv[1])[0][0] == str(initiative_iri("行政执法三项制度"))
    driver.save_screenshot(str(OUTPUT / "viewer-diffusion.png"))
    assert driver.execute_script("return window.__alerts") == []


def test_two_thousand_nodes_settle(driver):
    s = Store(None)
    s.put_lexicon()
    s.replace_report(big_report(1990))
    view = viewer.build_view(s)
    assert (len(view.nodes), len(view.edges)) == (1996, 1996)
    open_page(driver, viewer.render_view(view), "viewer-large")
    assert errors(driver) == []
    assert drawn(driver) == [1996, 1996, False]
    # still responsive after settling: a search selects a node
    target = next(n.id for n in view.nodes if n.label.startswith("第1234项指标"))
    driver.execute_script("govkgSearch.setValue(arguments[0])", target)
    assert driver.execute_script("return network.getSelectedNodes()") == [target]
