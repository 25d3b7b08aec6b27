"""The learning-rate probe's measure of fc1's ReLU units (lr_probe.relu_activity): the share of
units that fire, averaged over a batch's images, and the share that fire for at least one image.
Needs PyTorch (skipped without, failing under CI=true like test_seeds).
"""
import importlib.util
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

NO_TORCH = importlib.util.find_spec("torch") is None
if NO_TORCH and os.environ.get("CI"):
    raise RuntimeError("CI=true: torch is missing")


@unittest.skipIf(NO_TORCH, "needs torch")
class ReluActivity(unittest.TestCase):
    def setUp(self):
        import torch
        import lr_probe
        self.torch = torch
        self.activity = lr_probe.relu_activity

    def test_counts_units_above_zero_per_image_and_over_the_batch(self):
        # image 1 fires units 0 and 3, image 2 fires unit 3 only; unit 1 and 2 never (0 is silent: ReLU(0) = 0)
        pre = self.torch.tensor([[0.5, -1.0, 0.0, 2.0], [-0.1, -3.0, 0.0, 1e-6]])
        active, alive = self.activity(pre)
        self.assertAlmostEqual(active, 3 / 8)
        self.assertAlmostEqual(alive, 2 / 4)

    def test_a_batch_that_silences_every_unit_scores_zero_twice(self):
        active, alive = self.activity(-self.torch.rand(64, 512) - 0.01)
        self.assertEqual((active, alive), (0.0, 0.0))

    def test_one_image_keeping_a_unit_alive_is_enough(self):
        pre = -self.torch.ones(64, 512)
        pre[17, :128] = 1.0
        active, alive = self.activity(pre)
        self.assertAlmostEqual(active, 128 / (64 * 512))
        self.assertAlmostEqual(alive, 0.25)


if __name__ == "__main__":
    unittest.main()
