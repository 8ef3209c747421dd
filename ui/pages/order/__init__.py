"""The 秩序 tab's pages: gate duty (visitors, vehicles), patrols, duty log and handover, emergency plans and
incidents, outages, violations, keys and parcels — and the training register every team tab shows."""
