"""Write the JSON twin of each TOML file of data/ into data/derived/ (see
config.DERIVED): run after editing one.  Until then the edited file is read
as TOML, and tests/test_config.py fails on the stale twin."""
from __future__ import annotations

import sys
from pathlib import Path

from compare_claims.config import DERIVED, derived_twin, read_text

DATA = Path(__file__).resolve().parents[1] / "data"


def main() -> int:
    out = DATA / DERIVED
    out.mkdir(exist_ok=True)
    for path in sorted(DATA.glob("*.toml")):
        twin = out / f"{path.name}.json"
        text = derived_twin(read_text(path, "data file"))
        if not twin.is_file() or twin.read_text(encoding="utf-8") != text:
            twin.write_text(text, encoding="utf-8")
            print(f"wrote {twin.relative_to(DATA.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
