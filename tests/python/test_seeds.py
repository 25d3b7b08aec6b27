"""Seeds of the PyTorch arms are integers in 0…4294967295, as in train:full and export-draws
(src/lib/data/seed.ts): `reference_original.py --seed`, the seed in a draws file that replay.py
reads, and `${SEED}` in the chapters' device overrides refuse anything else with the range named.
records.py and overrides.py run without PyTorch; the argparse check needs it (skipped without,
failing under CI=true like test_arms).
"""
import contextlib
import importlib.util
import io
import os
import sys
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts", "pytorch"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import records  # noqa: E402
from overrides import OverrideError, apply_overrides, parse_meta  # noqa: E402

NO_TORCH = importlib.util.find_spec("torch") is None or importlib.util.find_spec("torchvision") is None
if NO_TORCH and os.environ.get("CI"):
    raise RuntimeError("CI=true: torch and torchvision are missing")

BAD = ["-3", "4294967296", "99999999999999999999", "1e3", "0x10", " 7", "", "3.0", "٣"]


class CheckSeed(unittest.TestCase):
    def test_accepts_integers_in_range(self):
        for value, expected in [("0", 0), ("4294967295", 4294967295), (42, 42), ("007", 7)]:
            self.assertEqual(records.check_seed(value), expected)

    def test_refuses_everything_else_naming_the_range(self):
        for value in BAD + [-1, 2**32, 1.5, True, None]:
            with self.assertRaisesRegex(ValueError, r"^invalid seed: .* \(an integer in 0…4294967295\)$", msg=repr(value)):
                records.check_seed(value)


class DeviceOverride(unittest.TestCase):
    ATTRS = parse_meta('device-sub="seed = 0 => seed = ${SEED}"')

    def test_substitutes_a_valid_seed(self):
        code, _, _ = apply_overrides("seed = 0\n", self.ATTRS, ["device"], env={"SEED": "4294967295"})
        self.assertEqual(code, "seed = 4294967295\n")

    def test_refuses_a_seed_out_of_range(self):
        for value in ["-3", "4294967296", "1e3", "seed"]:
            with self.assertRaisesRegex(OverrideError, rf"invalid SEED: {value} \(an integer in 0…4294967295\)"):
                apply_overrides("seed = 0\n", self.ATTRS, ["device"], env={"SEED": value})


@unittest.skipIf(NO_TORCH, "torch and torchvision missing (apt-get install -y python3-torch python3-torchvision)")
class OriginalArmSeed(unittest.TestCase):
    def test_refuses_a_seed_out_of_range_before_any_work(self):
        import reference_original
        self.assertEqual(reference_original.parse_args(["--seed", "4294967295", "--out", "x.json"]).seed, 4294967295)
        for value in ["-3", "4294967296"]:
            err = io.StringIO()
            with contextlib.redirect_stderr(err), self.assertRaises(SystemExit) as exit:
                reference_original.parse_args(["--seed", value, "--out", "x.json"])
            self.assertEqual(exit.exception.code, 2)
            self.assertIn(f"invalid --seed: {value} (an integer in 0…4294967295)", err.getvalue())


if __name__ == "__main__":
    unittest.main()
