"""The 客服 tab's community pages: activities (with a printable notice) and owner surveys."""
