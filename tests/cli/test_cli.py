"""The command line end to end: generate, write, read back, plan, report and files."""

import json

import pandas as pd

from kurultai.cli.main import main


def test_synth_then_plan_writes_a_certified_plan(tmp_path, capsys):
    econ = tmp_path / "econ"
    assert main(["synth", "--n", "300", "--seed", "3", "--out", str(econ), "--format", "csv"]) == 0
    out = tmp_path / "plan"
    assert main(["plan", str(econ), "--method", "highs", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "certified optimal" in printed
    summary = json.loads((out / "summary.json").read_text())
    assert summary["certificate"]["solved"] is True
    assert summary["products"] == 300
    products = pd.read_csv(out / "products.csv")
    assert len(products) == 300
    assert abs((products["weight"] * products["fulfilment"]).sum() - summary["objective"]) < 1e-6


def test_plan_of_synthetic_source_without_files(capsys):
    assert main(["plan", "synthetic:200:1", "--method", "highs"]) == 0
    assert '"solved": true' in capsys.readouterr().out


def test_unknown_source_is_a_clear_error(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    try:
        main(["plan", str(missing)])
    except SystemExit as stop:
        assert "no such file or folder" in str(stop)
    else:
        raise AssertionError("a missing economy must stop the command")


def test_help_explains_each_command(capsys):
    try:
        main(["--help"])
    except SystemExit:
        pass
    text = capsys.readouterr().out
    for command in ("synth", "balance", "plan", "convert"):
        assert command in text
