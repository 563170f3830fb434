"""Train Amana's cross-script name-word encoder and write the weights the product ships.

What is learnt: a character CNN that maps one name word, in any script, to a 128-dimension unit
vector, such that a word and its spellings in other scripts (``Захаров``, ``zakharov``) lie close
together. It is trained contrastively (symmetric InfoNCE over in-batch negatives) on the
native-script / Latin pairs of ``../shared/train`` only:

- ``wikidata_name_tokens/*.tsv.gz``: Wikidata name words in Arabic, Chinese, Japanese, Katakana,
  Korean and Russian with their Latin spelling (CC0, via NETransliteration-COLING2018);
- ``arabic_latin_words/ar2en-train.tsv.gz``: Google's Arabic-English transliteration pairs
  (Apache-2.0).

2 % of the native words (chosen by a hash, so the split never changes) are held out and
measured after each epoch; the best epoch is the one written. Rebuild:

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python training/train_name_encoder.py --steps 150 --distractors 20000

(the command that built the shipped weights, on a 2-core machine shared with other jobs; the
default, 0.8 of a pass over the pairs, is the fuller recipe; see training/README.md).

Writes ``src/amana/matching/data/name_encoder.npz`` (float16 weights plus the architecture,
read by ``amana.matching.learned.NameEncoder`` with numpy alone) and ``name_encoder.json``
(hyper-parameters, data hashes and counts, date, held-out figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import math
import random
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F  # noqa: N812  (the usual torch spelling)

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

# The folding and tokenisation are the product's own, so training sees exactly what inference
# sees; learned.py imports nothing beyond numpy and the standard library.
from amana.matching.learned import fold_word, token_ids  # noqa: E402

SCRIPTS = ("arabic", "chinese", "japanese", "katakana", "korean", "russian")
OUT_DIR = REPO / "src" / "amana" / "matching" / "data"


@dataclass
class Config:
    channels: int = 64
    dim: int = 128
    dilations: tuple[int, ...] = (1, 2, 4)
    buckets: int = 32  # hashed ids for characters seen fewer than min_count times
    min_count: int = 2
    max_chars: int = 30
    batch: int = 512
    epochs: float = 0.8  # of one pass over the pairs: what a shared 2-core machine affords
    steps: int | None = None  # stop (and end the schedule) after this many batches
    validate_every: int = 0  # also measure (and keep the best) every this many batches
    lr: float = 3e-3
    weight_decay: float = 0.01
    warmup: int = 100
    seed: int = 20261201
    holdout_mod: int = 50  # 1 native word in 50 held out
    val_distractors: int = 84_000
    vocab: str = field(default="", repr=False)


# ---------------------------------------------------------------------------------------------
# Data


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_pairs(train: Path) -> tuple[list[tuple[str, str, str]], dict[str, object]]:
    """(script, native, latin) triples, folded, deduplicated; plus the provenance record."""
    files: dict[str, object] = {}
    seen: set[tuple[str, str]] = set()
    pairs: list[tuple[str, str, str]] = []

    def add(script: str, native: str, latin: str) -> None:
        n, lat = fold_word(native), fold_word(latin)
        if n and lat and n != lat and (n, lat) not in seen:
            seen.add((n, lat))
            pairs.append((script, n, lat))

    for script in SCRIPTS:
        path = train / "wikidata_name_tokens" / f"{script}.tsv.gz"
        with gzip.open(path, "rt", encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f][1:]
        for latin, native, _count in rows:
            add(script, native, latin)
        files[path.relative_to(train).as_posix()] = {"sha256": sha256(path), "rows": len(rows)}
    path = train / "arabic_latin_words" / "ar2en-train.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for native, latin in rows:
        add("arabic", native, latin)
    files[path.relative_to(train).as_posix()] = {"sha256": sha256(path), "rows": len(rows)}
    return pairs, files


def held_out(native: str, mod: int) -> bool:
    return int(hashlib.md5(native.encode()).hexdigest(), 16) % mod == 0


def build_vocab(words: list[str], min_count: int) -> str:
    counts = Counter(ch for w in words for ch in w)
    return "".join(sorted(ch for ch, n in counts.items() if n >= min_count))


def encode_batch(words: list[str], cfg: Config, lookup: dict[str, int]) -> torch.Tensor:
    ids = [token_ids(w, lookup, cfg.buckets, cfg.max_chars) for w in words]
    width = max(len(i) for i in ids)
    out = np.zeros((len(ids), width), dtype=np.int64)
    for row, seq in enumerate(ids):
        out[row, : len(seq)] = seq
    return torch.from_numpy(out)


# ---------------------------------------------------------------------------------------------
# Model: the exact computation learned.py repeats in numpy


class Block(nn.Module):
    def __init__(self, channels: int, dilation: int) -> None:
        super().__init__()
        self.dilation = dilation
        self.norm = nn.LayerNorm(channels)
        # A width-3 dilated convolution as one matmul over the stacked taps (t-d, t, t+d):
        # several times faster than mkldnn's conv1d on these short sequences, and the very
        # computation learned.py does in numpy.
        self.conv = nn.Linear(3 * channels, channels)

    def forward(self, h: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        d, length = self.dilation, h.shape[1]
        z = self.norm(h) * mask  # padding stays zero, so a word's vector ignores its batch
        padded = F.pad(z, (0, 0, d, d))
        taps = torch.cat(
            [padded[:, :length], padded[:, d : d + length], padded[:, 2 * d : 2 * d + length]], -1
        )
        return (h + F.relu(self.conv(taps))) * mask


class NameEncoderModel(nn.Module):
    def __init__(self, cfg: Config, vocab_size: int) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab_size, cfg.channels, padding_idx=0)
        self.blocks = nn.ModuleList(Block(cfg.channels, d) for d in cfg.dilations)
        self.norm = nn.LayerNorm(2 * cfg.channels)
        self.proj = nn.Linear(2 * cfg.channels, cfg.dim)
        self.logit_scale = nn.Parameter(torch.tensor(math.log(20.0)))
        self.cfg = cfg

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        mask = (ids != 0).unsqueeze(-1).float()
        h = self.embed(ids) * mask
        for block in self.blocks:
            h = block(h, mask)
        mean = h.sum(1) / mask.sum(1)
        peak = h.masked_fill(mask == 0, -1e4).amax(1)
        return F.normalize(self.proj(self.norm(torch.cat([mean, peak], -1))), dim=-1)


def export(model: NameEncoderModel, cfg: Config) -> dict[str, np.ndarray]:
    """Weights as numpy arrays, convolutions flattened to (3·C, C) for one matmul each."""

    def f16(t: torch.Tensor) -> np.ndarray:
        return t.detach().cpu().numpy().astype(np.float16)

    arrays: dict[str, np.ndarray] = {"embed": f16(model.embed.weight)}
    for i, block in enumerate(model.blocks):
        arrays[f"b{i}.norm_g"] = f16(block.norm.weight)
        arrays[f"b{i}.norm_b"] = f16(block.norm.bias)
        arrays[f"b{i}.conv_w"] = f16(block.conv.weight.T)
        arrays[f"b{i}.conv_b"] = f16(block.conv.bias)
    arrays["norm_g"] = f16(model.norm.weight)
    arrays["norm_b"] = f16(model.norm.bias)
    arrays["proj_w"] = f16(model.proj.weight.T)
    arrays["proj_b"] = f16(model.proj.bias)
    arch = {
        "channels": cfg.channels,
        "dim": cfg.dim,
        "dilations": list(cfg.dilations),
        "buckets": cfg.buckets,
        "max_chars": cfg.max_chars,
    }
    arrays["config"] = np.array(json.dumps(arch))
    arrays["vocab"] = np.array([ord(c) for c in cfg.vocab], dtype=np.int32)
    return arrays


def load_torch_model(path: Path) -> NameEncoderModel:
    """The torch model holding a shipped file's weights (tests compare it with numpy)."""
    with np.load(path, allow_pickle=False) as data:
        arch = json.loads(str(data["config"]))
        cfg = Config(
            channels=arch["channels"],
            dim=arch["dim"],
            dilations=tuple(arch["dilations"]),
            buckets=arch["buckets"],
            max_chars=arch["max_chars"],
            vocab="".join(chr(int(cp)) for cp in data["vocab"]),
        )
        arrays = {
            k: torch.from_numpy(data[k].astype(np.float32))
            for k in data.files
            if k not in ("config", "vocab")
        }
    vocab_size = arrays["embed"].shape[0]
    model = NameEncoderModel(cfg, vocab_size)
    with torch.no_grad():
        model.embed.weight.copy_(arrays["embed"])
        for i, block in enumerate(model.blocks):
            block.norm.weight.copy_(arrays[f"b{i}.norm_g"])
            block.norm.bias.copy_(arrays[f"b{i}.norm_b"])
            block.conv.weight.copy_(arrays[f"b{i}.conv_w"].T)
            block.conv.bias.copy_(arrays[f"b{i}.conv_b"])
        model.norm.weight.copy_(arrays["norm_g"])
        model.norm.bias.copy_(arrays["norm_b"])
        model.proj.weight.copy_(arrays["proj_w"].T)
        model.proj.bias.copy_(arrays["proj_b"])
    return model.eval()


# ---------------------------------------------------------------------------------------------
# Training


def contrastive_loss(
    model: NameEncoderModel, native: torch.Tensor, latin: torch.Tensor, same: torch.Tensor
) -> torch.Tensor:
    a, b = model(native), model(latin)
    logits = model.logit_scale.exp().clamp(max=100) * a @ b.T
    # A Latin word occurring twice in the batch (two scripts' "john") is no negative of itself.
    logits = logits.masked_fill(same, -1e4)
    target = torch.arange(len(a))
    return (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2


def batches(
    pairs: list[tuple[str, str, str]], cfg: Config, rng: random.Random
) -> list[list[tuple[str, str, str]]]:
    """Shuffled batches of similar-length pairs (less padding, harder negatives)."""
    order = pairs[:]
    rng.shuffle(order)
    chunk = cfg.batch * 32
    out = []
    for start in range(0, len(order), chunk):
        block = sorted(order[start : start + chunk], key=lambda p: len(p[2]) + len(p[1]))
        out.extend(block[i : i + cfg.batch] for i in range(0, len(block), cfg.batch))
    rng.shuffle(out)
    return [b for b in out if len(b) > 1]


@torch.no_grad()
def embed_all(
    model: NameEncoderModel, words: list[str], cfg: Config, lookup: dict[str, int]
) -> torch.Tensor:
    model.eval()
    order = sorted(range(len(words)), key=lambda i: len(words[i]))
    out = torch.zeros(len(words), cfg.dim)
    for start in range(0, len(order), 2048):
        idx = order[start : start + 2048]
        out[idx] = model(encode_batch([words[i] for i in idx], cfg, lookup))
    model.train()
    return out


def validate(
    model: NameEncoderModel,
    val: list[tuple[str, str, str]],
    distractors: list[str],
    cfg: Config,
    lookup: dict[str, int],
) -> dict[str, float]:
    """Held-out native words against their Latin spellings among ~84,000 Latin words (the size
    of the eval index): recall@1 and @10 per script."""
    index = sorted({p[2] for p in val} | set(distractors))
    where = {w: i for i, w in enumerate(index)}
    keys = embed_all(model, index, cfg, lookup)
    figures: dict[str, float] = {}
    for script in SCRIPTS:
        rows = [p for p in val if p[0] == script]
        if not rows:
            continue
        queries = embed_all(model, [p[1] for p in rows], cfg, lookup)
        target = torch.tensor([where[p[2]] for p in rows])
        top = (queries @ keys.T).topk(10, dim=1).indices
        figures[f"{script}_r1"] = round(float((top[:, 0] == target).float().mean()), 4)
        figures[f"{script}_r10"] = round(float((top == target[:, None]).any(1).float().mean()), 4)
    figures["mean_r10"] = round(
        float(np.mean([v for k, v in figures.items() if k.endswith("_r10")])), 4
    )
    return figures


def train(
    cfg: Config, train_dir: Path, out_dir: Path, limit: int | None, init: Path | None = None
) -> None:
    started = time.time()
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)

    pairs, files = read_pairs(train_dir)
    rng = random.Random(cfg.seed)
    if limit:
        pairs = rng.sample(pairs, limit)
    val = [p for p in pairs if held_out(p[1], cfg.holdout_mod)]
    fit = [p for p in pairs if not held_out(p[1], cfg.holdout_mod)]
    cfg.vocab = build_vocab([w for p in fit for w in p[1:]], cfg.min_count)
    lookup = {ch: i for i, ch in enumerate(cfg.vocab, start=3 + cfg.buckets)}
    train_latin = sorted({p[2] for p in fit})
    distractors = rng.sample(train_latin, min(cfg.val_distractors, len(train_latin)))
    print(
        f"{len(fit)} training pairs, {len(val)} held out, vocabulary {len(cfg.vocab)} characters",
        flush=True,
    )

    model = NameEncoderModel(cfg, 3 + cfg.buckets + len(cfg.vocab))
    if init is not None:  # continue from earlier weights (same data, so the same vocabulary)
        start = load_torch_model(init)
        assert start.cfg.vocab == cfg.vocab, "the weights were built on other data"
        model.load_state_dict(start.state_dict())
        model.train()
    optimiser = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    steps = cfg.steps or round(cfg.epochs * math.ceil(len(fit) / cfg.batch))
    warmup = min(cfg.warmup, steps // 5)

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, steps - warmup)))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, schedule)
    best: tuple[float, int, dict[str, np.ndarray], dict[str, float]] | None = None
    history: list[dict[str, float]] = []
    step, epoch = 0, 0

    def measure(loss: float) -> None:
        # Keep the best held-out checkpoint and write it at once, so a run stopped early (the
        # machine is shared) still leaves its best weights behind.
        nonlocal best
        figures = validate(model, val, distractors, cfg, lookup)
        history.append({"epoch": epoch, "step": step, "loss": round(loss, 4), **figures})
        print(f"step {step} (epoch {epoch}) {time.time() - started:.0f}s: {figures}", flush=True)
        if best is None or figures["mean_r10"] > best[0]:
            best = (figures["mean_r10"], step, export(model, cfg), figures)
            write(cfg, model, out_dir, best, history, files, pairs, fit, val, started)

    # Whole passes until the step budget is spent: --steps may exceed one pass over the pairs.
    while step < steps:
        epoch += 1
        t0, total, n = time.time(), 0.0, 0
        for n, batch in enumerate(batches(fit, cfg, rng), start=1):
            native = encode_batch([p[1] for p in batch], cfg, lookup)
            latin = encode_batch([p[2] for p in batch], cfg, lookup)
            _, which = np.unique([p[2] for p in batch], return_inverse=True)
            same = torch.from_numpy(which[:, None] == which[None, :])
            same.fill_diagonal_(False)
            loss = contrastive_loss(model, native, latin, same)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            step += 1
            total += float(loss.detach())
            if n % 100 == 0:
                print(
                    f"epoch {epoch} step {n} loss {total / n:.4f} {time.time() - t0:.0f}s",
                    flush=True,
                )
            if step == steps:
                break
            if cfg.validate_every and step % cfg.validate_every == 0:
                measure(total / n)
        if step == steps or not cfg.validate_every:
            measure(total / max(n, 1))

    assert best is not None
    print(f"wrote {out_dir / 'name_encoder.npz'} (step {best[1]}) in {time.time() - started:.0f}s")


def write(
    cfg: Config,
    model: NameEncoderModel,
    out_dir: Path,
    best: tuple[float, int, dict[str, np.ndarray], dict[str, float]],
    history: list[dict[str, float]],
    files: dict[str, object],
    pairs: list[tuple[str, str, str]],
    fit: list[tuple[str, str, str]],
    val: list[tuple[str, str, str]],
    started: float,
) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / "name_encoder.npz", **best[2])
    settings = {k: v for k, v in asdict(cfg).items() if k != "vocab"}
    meta = {
        "what": "character CNN name-word encoder, contrastive cross-script training",
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": "python training/train_name_encoder.py " + " ".join(sys.argv[1:]),
        "torch": torch.__version__,
        "hyper_parameters": settings,
        "vocabulary_size": len(cfg.vocab),
        "parameters": sum(p.numel() for p in model.parameters()),
        "training_files": files,
        "pairs": {
            "training": len(fit),
            "held_out": len(val),
            "per_script": dict(Counter(p[0] for p in pairs)),
        },
        "chosen_step": best[1],
        "held_out_figures": best[3],
        "history": history,
        "training_seconds": round(time.time() - started),
    }
    (out_dir / "name_encoder.json").write_text(json.dumps(meta, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train", nargs="?", type=Path, default=REPO.parent / "shared" / "train")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--epochs", type=float, default=Config.epochs)
    parser.add_argument("--steps", type=int, help="batches to train (overrides --epochs)")
    parser.add_argument(
        "--distractors",
        type=int,
        default=Config.val_distractors,
        help="Latin words the held-out queries are ranked among",
    )
    parser.add_argument("--limit", type=int, help="train on this many pairs only (smoke test)")
    parser.add_argument("--seed", type=int, default=Config.seed)
    parser.add_argument("--init", type=Path, help="start from these weights (a .npz it wrote)")
    parser.add_argument("--lr", type=float, default=Config.lr, help="peak learning rate")
    parser.add_argument("--channels", type=int, default=Config.channels)
    parser.add_argument(
        "--dilations", default="1,2,4", help="dilations of the residual convolutions"
    )
    parser.add_argument(
        "--validate-every", type=int, default=0, help="measure held-out every N batches too"
    )
    args = parser.parse_args()
    cfg = Config(
        epochs=args.epochs,
        steps=args.steps,
        val_distractors=args.distractors,
        seed=args.seed,
        lr=args.lr,
        validate_every=args.validate_every,
        channels=args.channels,
        dilations=tuple(int(d) for d in args.dilations.split(",")),
    )
    train(cfg, args.train, args.out, args.limit, args.init)


if __name__ == "__main__":
    main()
