"""PyTorch's verdict on the images the model loader scores: the model file loaded the way the chapter says
(npz_model.load's route, strict, the chapters' own SimpleCNN), run on stored images of the site's data assets
cut from their PNG sprite sheets, center-cropped and normalized as the chapters' validation transform does.

Usage: npz_eval.py MODEL.npz ASSET_DIR SET_ID SOURCE...   → JSON {predicted: [...], labels: [...], correct}
       (SOURCE: 'class/file.jpg' of an image in the set ASSET_DIR/manifest.json names)
"""
import json
import os
import sys

import numpy as np
import torch
import torchvision.transforms.functional as TF
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
from npz_model import chapters_simplecnn  # noqa: E402


def main(model_path, asset_dir, set_id, sources):
    meta = json.loads(str(np.load(model_path)["_meta"]))
    size = meta["imageSize"]
    model = chapters_simplecnn(size, len(meta["classes"]))
    state = {k: torch.from_numpy(v) for k, v in np.load(model_path).items() if not k.startswith("_")}
    model.load_state_dict(state, strict=True)
    model.eval()
    manifest = json.load(open(os.path.join(asset_dir, "manifest.json")))
    image_set = next(s for s in manifest["sets"] if s["id"] == set_id)
    where, first = {}, 0
    for shard in image_set["shards"]:
        for i in range(shard["count"]):
            where[image_set["sources"][first + i]] = (shard, i)
        first += shard["count"]
    side = image_set["size"]
    batch, labels = [], []
    for source in sources:
        shard, i = where[source]
        sheet = Image.open(os.path.join(asset_dir, shard["file"])).convert("RGB")
        x, y = (i % shard["columns"]) * side, (i // shard["columns"]) * side
        image = TF.center_crop(sheet.crop((x, y, x + side, y + side)), [size, size])
        batch.append(TF.normalize(TF.to_tensor(image), [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]))
        labels.append(meta["classes"].index(source.split("/")[0]))
    with torch.no_grad():
        predicted = model(torch.stack(batch)).argmax(1).tolist()
    print(json.dumps({"predicted": predicted, "labels": labels, "correct": sum(p == t for p, t in zip(predicted, labels))}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
