"""Benchmark: 公摊 over a whole property of N units (default 10,000) with sub-meters: preview, first 入账, and
入账 again with the same figures (changes nothing) and with a corrected master reading (updates every line).

    python bench/shared_meters.py [--units N]

Last line: one JSON object {"units", "preview_s", "post_s", "repost_same_s", "repost_changed_s"}.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import open_database  # noqa: E402
from app.models import ChargeMethod, FeeKind, ShareBasis, ShareScope  # noqa: E402
from app.services import Services  # noqa: E402
from bench.fees import PERIOD, fill  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(open_database(f"sqlite:///{tmp}/bench.db"))
        fill(services, args.units, rng)
        power = services.billing.save_item({"name": "电费", "kind": FeeKind.UTILITY, "method": ChargeMethod.METERED,
                                            "unit_price": "0.60", "unit_label": "元/度", "start_date": "2026-01-01"})
        units = [u.unit_id for u in services.meters.sheet(power, PERIOD)]
        before = {u: rng.randint(100, 5000) for u in units}
        services.billing.save_readings(power, "2026-10", {u: str(v) for u, v in before.items()})
        services.billing.save_readings(power, PERIOD, {u: str(v + rng.randint(50, 300)) for u, v in before.items()})
        services.billing.run(PERIOD)
        meter = services.shared_meters.save_meter({"name": "全小区公共用电", "item_name": "公摊电费",
                                                   "sub_item_id": power, "basis": ShareBasis.AREA,
                                                   "unit_price": "1.20", "scope": ShareScope.ALL})
        services.shared_meters.save_reading(meter, "2026-10", "0")
        services.shared_meters.save_reading(meter, PERIOD, str(400 * len(units)))
        figures = {"units": len(units)}
        for key, action in (("preview_s", lambda: services.shared_meters.preview(meter, PERIOD)),
                            ("post_s", lambda: services.shared_meters.post(meter, PERIOD)),
                            ("repost_same_s", lambda: services.shared_meters.post(meter, PERIOD))):
            start = time.perf_counter()
            result = action()
            figures[key] = round(time.perf_counter() - start, 2)
        services.shared_meters.save_reading(meter, PERIOD, str(401 * len(units)))
        start = time.perf_counter()
        result = services.shared_meters.post(meter, PERIOD)
        figures["repost_changed_s"] = round(time.perf_counter() - start, 2)
        assert sum(p.amount for p in result.parts) == result.total
        assert services.fees_check.check(PERIOD).ok
        print(f"公摊 over {len(units):,} units: preview {figures['preview_s']} s, 入账 {figures['post_s']} s, "
              f"again (same) {figures['repost_same_s']} s, again (changed) {figures['repost_changed_s']} s")
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
