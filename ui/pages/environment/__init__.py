"""The 环境 tab's pages: cleaning plans, daily tasks, inspections and scoring sheets, monthly scores,
garbage sorting and greening."""
