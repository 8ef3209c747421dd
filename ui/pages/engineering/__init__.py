"""Pages of the 工程 tab: equipment ledger, preventive maintenance, stock, repair plans, takeover
inspection and outsourced vendors — each a ``RegisterPage`` (``ui/pages/register_page.py``)."""
