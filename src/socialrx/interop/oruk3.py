"""Open Referral UK v3 in: HSDS 3.0 with the UK profile's extensions.

ORUK v3 APIs (for example Bristol's) publish HSDS 3.0 services plus UK extensions:
``pc_targetAudience`` (who a service is for), ``pc_metadata`` (who assured it and
when), and postcodes that often appear only in the description. This reader reads
the HSDS 3.0 fields with :mod:`~socialrx.interop.hsds_read` and adds what the UK
profile says, in every shape the API returns:

* one full service (``/services/{id}``);
* a page of the list (``{"contents": [...], "total_items": 874, "total_pages": 292}``),
  with a warning when the page is not the whole feed;
* a ``/service_at_locations`` list, whose items hold a ``service`` and a ``location``:
  each becomes that service at that place.

Example:
    >>> [d.data["name"] for d in read_oruk3({"id": "1", "name": "Tea Club"})]
    ['Tea Club']
"""

from __future__ import annotations

from typing import Any

from socialrx.interop.cleaning import Draft, postcodes_in
from socialrx.interop.fields import as_dict, as_list, is_one_record, page_note, records_of
from socialrx.interop.hsds_read import draft_from_hsds
from socialrx.interop.oruk import audience_hints

__all__ = ["read_oruk3", "service_record"]

SYSTEM = "oruk-v3"


def service_record(item: Any) -> Any:
    """The service of a list item: a ``service_at_location`` becomes its service at its place."""
    if not isinstance(item, dict) or not isinstance(item.get("service"), dict):
        return item
    service = dict(item["service"])
    if isinstance(item.get("location"), dict):
        service["service_at_locations"] = [{"location": item["location"]}]
    for key in ("schedules", "phones", "contacts"):
        if as_list(item.get(key)) and not as_list(service.get(key)):
            service[key] = item[key]
    return service


def read_oruk3(data: Any) -> list[Draft]:
    """Drafts for every ORUK v3 service in ``data``, in feed order."""
    drafts = [_draft(i + 1, service_record(r)) for i, r in enumerate(records_of(data))]
    note = page_note(data, len(drafts))
    if note and drafts:
        drafts[0].feed_notes.append(note)
    if drafts and (note or is_one_record(data)):
        drafts[0].part_of_feed = True
    return drafts


def _draft(index: int, record: Any) -> Draft:
    draft = draft_from_hsds(index, record, system=SYSTEM)
    if not isinstance(record, dict):
        return draft
    audience_hints(draft, record)
    if not draft.verified_from:
        assured = as_dict(record.get("pc_metadata")).get("date_assured")
        if isinstance(assured, str) and assured[:4].isdigit():
            draft.data["last_verified"] = assured[:10]
            draft.verified_from = "pc_metadata.date_assured"
    if not draft.data.get("locations"):
        codes = postcodes_in(str(record.get("description") or ""))
        if codes:
            draft.data["locations"] = [{"postcode": codes[0]}]
            draft.note(f"locations: postcode {codes[0]} found in the description")
            draft.infer("locations")
    return draft
