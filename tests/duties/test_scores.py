"""The extractor against reference readings, scored by ../shared/gold/score_duties.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import qpr
from qpr.duties import extract, to_jsonl
from tests.conftest import GOLD

DATA = Path(__file__).with_name("data")
SCORER = GOLD / "score_duties.py"


def score(gold: Path, reg: qpr.Regulation, tmp_path: Path, municipality: bool = False) -> dict:
    out = tmp_path / "system.jsonl"
    out.write_text(to_jsonl(extract(reg).duties), encoding="utf-8")
    flags = ["--municipality"] if municipality else []
    result = subprocess.run([sys.executable, str(SCORER), str(gold), str(out), "--json", *flags],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def scorer() -> Path:
    if not SCORER.is_file():
        pytest.skip(f"scorer not found at {SCORER}")
    return SCORER


def test_builtin_regulation_meets_the_issue_floors(scorer, builtin, tmp_path):
    report = score(GOLD / "sichuan-draft-2020.jsonl", builtin, tmp_path)
    # The README says 1.000: a rule that costs the built-in reading one record must be seen here.
    assert report["assignments"]["f1"] == 1.0, report
    assert report["targets"]["f1"] == 1.0, report
    assert report["unassigned"]["f1"] == 1.0, report
    assert report["modality_agreement"] >= 0.97, report
    assert report["level_agreement"] >= 0.97, report


@pytest.mark.parametrize("name,floors", [
    # Today's scores less a margin (assignments / targets / unassigned F1), measured 2026-11-26.
    # What each scored when first met, before any rule was written from it, is in data/README.md:
    # that is the honest figure for unseen text. Shandong has not been tuned against at all.
    ("shanghai-lifelong-education-promotion-2011", {"assignments": 0.96, "targets": 0.88, "unassigned": 0.95}),
    ("guangdong-cantonese-cuisine-promotion-2022", {"assignments": 0.97, "targets": 0.85}),
    ("beijing-informatization-promotion", {"assignments": 0.92, "targets": 0.95, "unassigned": 0.88}),
    ("henan-employment-promotion", {"assignments": 0.94, "targets": 0.82, "unassigned": 0.79}),
    ("zhejiang-private-enterprise-promotion-2020", {"assignments": 0.92, "targets": 0.75, "unassigned": 0.83}),
    ("wenzhou-reading-promotion-2021", {"assignments": 0.92, "targets": 0.77, "unassigned": 0.50}),
    ("guangzhou-youth-entrepreneurship-promotion-2023", {"assignments": 0.90, "targets": 0.86, "unassigned": 0.50}),
    ("shandong-agricultural-mechanization-promotion-2020", {"assignments": 0.91, "targets": 0.93, "unassigned": 0.74}),
    ("huzhou-green-finance-promotion-2021", {"assignments": 0.93, "targets": 0.89, "unassigned": 0.6}),
    ("zhejiang-digital-economy-promotion-2020", {"assignments": 0.93, "targets": 0.82, "unassigned": 0.5}),
    # Regulatory texts (issue 11), measured 2026-12-02. Tuned against: the first four. Held out (their
    # errors never looked at, only their scores): the last four. First scores are in data/README.md.
    ("product-quality-law-2018", {"assignments": 0.92, "targets": 0.97, "unassigned": 0.78}),
    ("industrial-product-licence-regulation-2023", {"assignments": 0.86, "unassigned": 0.7}),
    ("special-equipment-inspection-rule-2022", {"assignments": 0.92, "unassigned": 0.8}),
    ("henan-product-quality-supervision-2012", {"assignments": 0.9, "targets": 0.97, "unassigned": 0.7}),
    ("standardization-law-2017", {"assignments": 0.93, "targets": 0.83, "unassigned": 0.87}),
    ("dairy-quality-safety-regulation-2008", {"assignments": 0.84, "targets": 0.69, "unassigned": 0.67}),
    ("food-business-inspection-rule-2021", {"assignments": 0.9, "targets": 0.97, "unassigned": 0.64}),
    ("hangzhou-gas-management-2021", {"assignments": 0.87, "targets": 0.97, "unassigned": 0.45}),
    # First met 2026-12-02 (0.73 / 0.80 / 0.61 / 0.76 assignments), then tuned against.
    ("cosmetics-production-rule-2021", {"assignments": 0.89, "targets": 0.86, "unassigned": 0.61}),
    ("security-services-regulation-2022", {"assignments": 0.82, "targets": 0.97, "unassigned": 0.5}),
    ("shandong-food-workshops-2017", {"assignments": 0.89, "targets": 0.67, "unassigned": 0.67}),
    ("ningbo-elevator-safety-2020", {"assignments": 0.87, "targets": 0.77, "unassigned": 0.65}),
    # Held out, first met 2026-12-02 after that session's rules (errors never looked at).
    ("anti-food-waste-law-2021", {"assignments": 0.86, "targets": 0.83, "unassigned": 0.6}),
    ("complaint-handling-rule-2022", {"assignments": 0.72, "targets": 0.97, "unassigned": 0.47}),
    ("beijing-parking-2024", {"assignments": 0.9, "targets": 0.97, "unassigned": 0.79}),
])
def test_held_out_regulations_stay_above_their_measured_floors(scorer, tmp_path, name, floors):
    """Readings written by hand from corpus texts the rules were not written from."""
    reg = qpr.load(DATA / f"{name}.md")
    report = score(DATA / f"{name}.jsonl", reg, tmp_path, municipality=name.startswith(("beijing", "shanghai")))
    for metric, floor in floors.items():
        assert report[metric]["f1"] >= floor, (metric, report)
