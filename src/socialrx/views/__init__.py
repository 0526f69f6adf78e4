"""Every way socialrx shows things, above the data it shows.

The data classes (:mod:`socialrx.model`, :mod:`socialrx.catalogue`, the results of
:mod:`socialrx.matching`, :mod:`socialrx.gaps`, :mod:`socialrx.batch`,
:mod:`socialrx.quality`) never import from here; views import them. One module per
way of showing:

* :mod:`~socialrx.views.phrases` — the wording of cost, schedule, distance and
  contact, shared by every view;
* :mod:`~socialrx.views.text` — text cards to read aloud, and "why (not)?";
* :mod:`~socialrx.views.html` — the printable match page and the notebook tables
  (Jinja2 templates in ``templates/``, autoescaped);
* :mod:`~socialrx.views.notebook` — rich display in Jupyter, registered with
  IPython's own formatters;
* :mod:`~socialrx.views.gaps_report` and :mod:`~socialrx.views.charts` — the
  coverage-gaps page, its CSV and its matplotlib charts;
* :mod:`~socialrx.views.batch_csv` — the batch results file;
* :mod:`~socialrx.views.github` — GitHub Actions annotations and the step summary.

JSON is plain data: ``to_dict()`` / ``to_json()`` on the result objects.
"""
