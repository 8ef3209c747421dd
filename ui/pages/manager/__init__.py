"""The 经理 tab's office pages: annual plan, costs, the monthly report and the relations log."""
