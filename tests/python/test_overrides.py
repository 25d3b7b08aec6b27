"""Tests of the override mechanism (overrides.py) and of every override the chapters declare.

Runs without PyTorch: `python3 -m unittest discover -s tests/python -p 'test_*.py'`
(part of `npm run test:python`).
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from overrides import OverrideError, apply_overrides, parse_meta, profiles_in  # noqa: E402
import run_chapters  # noqa: E402

BLOCK = "seed = 0\ntorch.manual_seed(seed)\nloader = DataLoader(ds, shuffle=True)\n"


class ParseMeta(unittest.TestCase):
    def test_reads_double_and_single_quoted_attributes_in_order_with_repeats(self):
        meta = ''' title="Daten" test-after="num_epochs = 1" device-sub='a => "b"' device-sub="c => d"'''
        self.assertEqual(
            parse_meta(meta),
            [("title", "Daten"), ("test-after", "num_epochs = 1"), ("device-sub", 'a => "b"'), ("device-sub", "c => d")],
        )

    def test_names_the_profiles_a_block_mentions(self):
        attrs = parse_meta('title="x" test-after="a" device-sub="b => c" probe-after="d" needs="torchviz"')
        self.assertEqual(profiles_in(attrs), ["device", "probe", "test"])


class ApplyOverrides(unittest.TestCase):
    def test_applies_only_the_selected_profiles(self):
        attrs = parse_meta('device-sub="seed = 0 => seed = ${SEED}" test-after="num_epochs = 1"')
        code, after, _ = apply_overrides(BLOCK, attrs, ["test"], env={})
        self.assertEqual(code, BLOCK)
        self.assertEqual(after, ["num_epochs = 1"])
        code, after, notes = apply_overrides(BLOCK, attrs, ["device"], env={"SEED": "2"})
        self.assertIn("seed = 2\n", code)
        self.assertNotIn("seed = 0", code)
        self.assertEqual(after, [])
        self.assertEqual(notes, ["instead of «seed = 0»: «seed = 2»"])

    def test_applies_several_profiles_and_repeated_keys_in_order(self):
        attrs = parse_meta(
            'device-sub="shuffle=True) => shuffle=True, num_workers=${W})" probe-after="a = 1" device-after="b = a + 1"'
        )
        code, after, _ = apply_overrides(BLOCK, attrs, ["device", "probe"], env={"W": "4"})
        self.assertIn("DataLoader(ds, shuffle=True, num_workers=4)", code)
        self.assertEqual(after, ["a = 1", "b = a + 1"])

    def test_takes_defaults_from_the_reference_and_fails_on_unset_variables(self):
        attrs = parse_meta('device-after="x = ${TF32:-False}"')
        self.assertEqual(apply_overrides(BLOCK, attrs, ["device"], env={})[1], ["x = False"])
        self.assertEqual(apply_overrides(BLOCK, attrs, ["device"], env={"TF32": "True"})[1], ["x = True"])
        attrs = parse_meta('device-sub="seed = 0 => seed = ${SEED}"')
        with self.assertRaisesRegex(OverrideError, r"SEED is not set"):
            apply_overrides(BLOCK, attrs, ["device"], env={}, where="bibliotheken.mdx:189")

    def test_refuses_a_substitution_that_is_missing_or_not_unique(self):
        with self.assertRaisesRegex(OverrideError, r"«seed = 1» not found"):
            apply_overrides(BLOCK, parse_meta('device-sub="seed = 1 => seed = 2"'), ["device"], env={})
        with self.assertRaisesRegex(OverrideError, r"found 3 times"):
            apply_overrides(BLOCK, parse_meta('device-sub="seed => s"'), ["device"], env={})
        with self.assertRaisesRegex(OverrideError, r"OLD => NEW"):
            apply_overrides(BLOCK, parse_meta('device-sub="seed = 1"'), ["device"], env={})


class ChapterOverrides(unittest.TestCase):
    """Every override declared in the chapters applies to today's code (no PyTorch needed)."""

    def test_every_declared_override_applies_to_its_block(self):
        env = {"SEED": "1", "NUM_WORKERS": "2"}
        checked = 0
        for block in run_chapters.blocks():
            for profile in profiles_in(block["attributes"]):
                code, after, _ = apply_overrides(block["code"], block["attributes"], [profile], env=env, where=block["where"])
                compile(code, block["where"], "exec")
                for statement in after:
                    compile(statement, block["where"], "exec")
                checked += 1
        self.assertGreater(checked, 0)

    def test_the_chapters_program_has_one_seed_variable_the_device_profile_sets(self):
        program = "".join(b["code"] for b in run_chapters.blocks())
        self.assertIn("torch.manual_seed(seed)", program)
        substituted = "".join(
            apply_overrides(b["code"], b["attributes"], ["device"], env={"SEED": "7", "NUM_WORKERS": "3"})[0] for b in run_chapters.blocks()
        )
        self.assertIn("seed = 7\n", substituted)
        self.assertIn("num_workers = 3 ", substituted)
        # the split keeps its own generator: a seed never changes it
        self.assertIn("torch.Generator().manual_seed(0)", substituted)

    def test_the_small_profile_changes_the_one_image_size_and_nothing_else(self):
        changed = []
        for b in run_chapters.blocks():
            code, after, _ = apply_overrides(b["code"], b["attributes"], ["small"], env={})
            if code != b["code"] or after:
                changed.append((b["where"], code, after))
        self.assertEqual(len(changed), 1, [w for w, _, _ in changed])
        where, code, after = changed[0]
        namespace = {}
        exec(code, namespace)
        # the site's resizeFor(64) = round(64 · 256 / 224) = 73: Resize((73, 73)) → CenterCrop(64)
        self.assertEqual((namespace["image_size"], namespace["resize_size"]), (64, 73))
        self.assertEqual(after, [])
        program = "".join(b["code"] for b in run_chapters.blocks())
        for line in ("batch_size = 64\n", "num_epochs = 10\n", "learning_rate = 0.001\n",
                     "torch.optim.Adam(model.parameters(), lr=learning_rate)", "T.CenterCrop(image_size)",
                     "T.Resize((resize_size, resize_size))", "image_size=image_size)"):
            self.assertIn(line, program)
        # the size lives in one place: nothing else fixes 224 for the chapters' model or its chain
        self.assertNotIn("64 * 56 * 56", program)
        self.assertNotIn("Resize((256, 256))", program)

    def test_the_test_profile_runs_the_program_at_a_size_other_than_224(self):
        sizes = []
        for b in run_chapters.blocks():
            code, _, _ = apply_overrides(b["code"], b["attributes"], ["test"], env={})
            if "image_size = " in code and "resize_size" in code:
                namespace = {}
                exec(code, namespace)
                sizes.append(namespace["image_size"])
        self.assertEqual(len(sizes), 1)
        self.assertNotEqual(sizes[0], 224)


if __name__ == "__main__":
    unittest.main()
