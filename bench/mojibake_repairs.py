"""How often a lost-byte GBK repair is right: every damage position of every sample sentence.

Each sentence of the samples (both scripts) is damaged at every position the way broken
pages show it (tests/gbk_damage.py: a lost lead byte, then invalid pairs dropped, replaced
by U+FFFD, or decoding back in step) and run through `repair_mojibake`. Prints, per
decoder, the repairs that read as the original and those that do not. Wrong repairs are
possible only where a pair was dropped without a trace inside the run (README,
"Normalization"); this is the measured rate. Nothing is asserted.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "tests")]

from extract.normalize import repair_mojibake  # noqa: E402
from tests.gbk_damage import DECODERS, damage, fold  # noqa: E402
from tests.test_mojibake import SENTENCES  # noqa: E402


def measure() -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for sentence in SENTENCES:
        for index, char in enumerate(sentence):
            if index == 0 or char.isascii():
                continue
            for decoder in DECODERS:
                damaged = damage(sentence, index, decoder)[0]
                for change in repair_mojibake(damaged)[1]:
                    if change.kind in ("mojibake_repaired", "mojibake_suspect"):
                        right = change.kind == "mojibake_suspect" or fold(change.replacement) in fold(sentence)
                        counts[(decoder, change.kind, right)] += 1
    return counts


def main() -> None:
    counts = measure()
    print(f"mojibake on {len(SENTENCES)} sample sentences, every damage position:")
    for decoder in DECODERS:
        right = counts[(decoder, "mojibake_repaired", True)]
        wrong = counts[(decoder, "mojibake_repaired", False)]
        kept = counts[(decoder, "mojibake_suspect", True)]
        print(f"  {decoder:>8}: {right} repaired right, {wrong} repaired wrong "
              f"({wrong / max(1, right + wrong):.2%}), {kept} kept and flagged")


if __name__ == "__main__":
    main()
