"""The device script's table, commands and timed plan (scripts/device/tiers.py); no GPU needed."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "device"))
import tiers  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_chapters  # noqa: E402


class Tiers(unittest.TestCase):
    def test_ranks_the_runs_as_the_issue_orders_them(self):
        names = {t: [tiers.run_name(*r) for r in runs] for t, runs in tiers.TIERS.items()}
        self.assertEqual(names[1], [f"ours-original-fp32-s{s}" for s in (0, 1, 2)] + [f"pytorch-original-fp32-s{s}" for s in (0, 1, 2)])
        self.assertEqual(names[2], [f"ours-corrected-fp32-s{s}" for s in (0, 1, 2)] + [f"pytorch-corrected-fp32-s{s}" for s in (0, 1, 2)])
        self.assertEqual(names[3], [f"ours-small-fp32-s{s}" for s in (0, 1, 2)])
        self.assertEqual(names[4], ["bench-step-fp32"])
        self.assertEqual(names[5], [f"pytorch-original-tf32-s{s}" for s in (0, 1, 2)])

    def test_builds_each_runs_command_with_split_seed_precision_and_workers(self):
        out = "/o"
        argv, env = tiers.command(("ours", "original", "fp32", 1), out, False, True)
        self.assertIn("--split", argv)
        self.assertEqual(argv[argv.index("--split") + 1], "src/data/splits/chapters.json")
        self.assertEqual(argv[argv.index("--out") + 1], "/o/ours-original-fp32-s1.json")
        self.assertIn("--concurrent", argv)
        argv, env = tiers.command(("pytorch", "original", "tf32", 2), out, False, False)
        self.assertEqual(argv[argv.index("--tf32") + 1], "default")
        self.assertEqual(argv[argv.index("--workers") + 1], "15")
        self.assertNotIn("--concurrent", argv)
        argv, env = tiers.command(("pytorch", "corrected", "fp32", 0), out, False, True)
        self.assertEqual(argv[argv.index("--profile") + 1], "device")
        self.assertEqual(argv[argv.index("--data") + 1], "full")
        self.assertEqual(env, {"SEED": "0", "NUM_WORKERS": "15", "TF32": "False"})
        argv, env = tiers.command(("ours", "small", "fp32", 2), out, False, False)
        self.assertEqual(argv[argv.index("--recipe") + 1], "corrected")
        self.assertEqual(argv[argv.index("--size") + 1], "64")
        self.assertNotIn("--classes", argv)  # all 101 classes, as the PyTorch band
        self.assertEqual(argv[argv.index("--split") + 1], "src/data/splits/chapters.json")
        self.assertEqual(argv[argv.index("--out") + 1], "/o/ours-small-fp32-s2.json")
        argv, env = tiers.command(("pytorch", "corrected", "fp32", 0), out, True, True)
        self.assertEqual(argv[argv.index("--profile") + 1], "test,device")

    def test_packs_runs_in_rank_order_into_calls_that_fit_ten_minutes(self):
        fast = {"ours": (100, "x"), "pytorch": (40, "x")}
        calls = tiers.pack_calls(fast, 540, 1.5)
        self.assertEqual(len(calls[0][0]), tiers.MAX_TOGETHER)
        self.assertEqual(calls[0][0][0], "ours-original-fp32-s0")
        self.assertIn(["bench-step-fp32"], [names for names, _ in calls])  # always a call of its own
        self.assertTrue(all(seconds <= 540 or len(names) == 1 for names, seconds in calls))
        slow = {"ours": (500, "x"), "pytorch": (40, "x")}
        calls = tiers.pack_calls(slow, 540, 1.5)
        self.assertEqual(calls[0][0], ["ours-original-fp32-s0"])  # alone: together it would not fit

    def check_output(self, target, name, value):
        """tiers.check(tiny=True) with `target.name` replaced by `value`: its exit code and what it printed."""
        import contextlib
        import io
        from unittest import mock

        out = io.StringIO()
        with mock.patch.object(target, name, value), contextlib.redirect_stdout(out):
            code = tiers.check(tiny=True)
        return code, out.getvalue()

    def test_check_names_what_is_missing(self):
        code, out = self.check_output(tiers, "MODULES", ("surely_not_a_module_here",))
        self.assertEqual(code, 1)
        self.assertIn("Python module surely_not_a_module_here missing", out)

    def test_check_names_a_missing_node_for_the_notebook(self):
        code, out = self.check_output(run_chapters, "find_node", lambda: None)
        self.assertEqual(code, 1)
        self.assertIn("no Node >= 22.6 for scripts/notebook.ts", out)

    def test_prints_a_plan_that_says_what_fits(self):
        text = tiers.plan(ours_s=60)
        self.assertIn("Complete tiers within 15 minutes: 1, 2", text)
        self.assertIn("assumed", text)


if __name__ == "__main__":
    unittest.main()
