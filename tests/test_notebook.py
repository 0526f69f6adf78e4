"""The worked notebook runs top to bottom, so it never rots."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "notebooks" / "explore-catalogue.ipynb"


def _kernel_available() -> str | None:
    """Why the notebook cannot run here, or None when it can."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        return "jupyter_client is not installed (pip install 'socialrx[test]')"
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        return "no 'python3' Jupyter kernel: run python -m ipykernel install --user"
    return None


@pytest.mark.slow  # starting a Jupyter kernel takes seconds; CI runs the slow set separately
def test_notebook_runs_top_to_bottom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel inherits TMPDIR, so the files the notebook writes land under tmp_path
    # (removed by pytest) rather than piling up in the system's temporary folder.
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with warnings.catch_warnings():
        # Jupyter's own libraries warn about their deprecations; not ours to fix.
        warnings.simplefilter("ignore")
        nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed")
        nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed")
        pytest.importorskip("ipykernel", reason="ipykernel is not installed")
        why = _kernel_available()
        if why:
            pytest.skip(why)
        notebook = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(
            notebook,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(ROOT)}},
        )
        client.execute()
    outputs = [
        o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])
    ]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in outputs
    )
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    images = sum("image/png" in o.get("data", {}) for o in outputs)
    assert "row 8 (id P0007), column max_travel_km: the value is not a number" in text
    assert "299 people ready to match" in text
    assert "<GapReport FY8" in text
    assert "Catalogue</b> of" in html  # the catalogue's own table
    assert images >= 2  # the bar charts drew
    assert "Report written to" in text
    written = list(tmp_path.glob("socialrx-notebook-*/report.html"))
    assert len(written) == 1, "the notebook writes only into its own temporary folder"


def test_notebook_is_saved_without_outputs() -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []  # keeps diffs readable and the repo free of data
            assert cell.execution_count is None
