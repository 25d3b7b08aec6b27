"""Predictions per validation image as records.py writes them (checked at build by src/lib/runs/predictions.ts)."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "pytorch"))
import records  # noqa: E402

CATEGORIES = ["Faces", "Leopards"]
PATHS = ["Faces/image_0001.jpg", "Faces/image_0002.jpg", "Leopards/image_0001.jpg"]


class Predictions(unittest.TestCase):
    def test_lists_each_validation_image_with_its_true_and_predicted_class(self):
        p = records.make_predictions("small-s0", CATEGORIES, PATHS, [2, 0], [1, 0], [0, 0])
        self.assertEqual(p["images"], [["Leopards/image_0001.jpg", 1, 0], ["Faces/image_0001.jpg", 0, 0]])
        self.assertEqual((p["record"], p["classes"], p["correct"]), ("small-s0", CATEGORIES, 1))

    def test_refuses_labels_that_are_not_in_the_validation_indices_order(self):
        with self.assertRaisesRegex(ValueError, "labelled Faces"):
            records.make_predictions("s", CATEGORIES, PATHS, [2, 0], [0, 1], [0, 0])
        with self.assertRaisesRegex(ValueError, "2 validation images, 1 labels"):
            records.make_predictions("s", CATEGORIES, PATHS, [2, 0], [1], [0])

    def test_writes_beside_the_record_and_returns_the_name_the_record_keeps(self):
        p = records.make_predictions("small-s0", CATEGORIES, PATHS, [2, 0], [1, 0], [0, 0])
        with tempfile.TemporaryDirectory() as folder:
            named = records.write_predictions(p, os.path.join(folder, "small-s0.json"))
            self.assertEqual(named, "predictions/small-s0.json")
            with open(os.path.join(folder, named), encoding="utf-8") as f:
                self.assertEqual(json.load(f), p)


if __name__ == "__main__":
    unittest.main()
