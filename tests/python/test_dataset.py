"""The Python tests find Caltech 101 where the README says: CALTECH101_DIR, else the data
library's download folder inside the project — never a folder beside the repository."""
import os
import sys
import unittest
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dataset  # noqa: E402


class FindsTheDataSet(unittest.TestCase):
    def test_caltech101_dir_wins(self):
        with mock.patch.dict(os.environ, {"CALTECH101_DIR": "/somewhere/caltech"}):
            self.assertEqual(dataset.categories_folder(), "/somewhere/caltech/101_ObjectCategories")

    def test_else_where_npm_run_data_puts_it(self):
        with mock.patch.dict(os.environ, {"CALTECH101_DIR": ""}):
            self.assertEqual(dataset.dataset_root(), os.path.join(dataset.ROOT, ".cache", "caltech101"))

    def test_a_library_without_the_constant_is_an_error_that_says_what_to_update(self):
        with mock.patch.object(dataset, "LIBRARY", os.path.abspath(__file__)), self.assertRaisesRegex(RuntimeError, "CACHE_DIR"):
            dataset.cache_dir()


if __name__ == "__main__":
    unittest.main()
