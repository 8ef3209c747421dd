"""Pages shown inside the role tabs (one widget per page, built from services)."""
