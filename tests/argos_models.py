#!/usr/bin/env python3
"""Build small Argos Translate packages (.argosmodel) offline, for tests and benchmarks.

No torch, no transformers, no network: only numpy, sentencepiece and ctranslate2.

The package layout is what argostranslate 1.11 expects (see argostranslate/package.py):

    <top_dir>/metadata.json          package_version, argos_version, from_code/name, to_code/name, type
    <top_dir>/README.md              optional
    <top_dir>/sentencepiece.model    -> Package.tokenizer = SentencePieceTokenizer
    <top_dir>/model/                 CTranslate2 model dir (model.bin, config.json, shared_vocabulary.json)

Two kinds of weights:

* ``--mode random``  Random transformer weights (any size, e.g. transformer-base 6+6/512/8/2048 to
  measure speed).  Output is deterministic garbage; bound it with max_decoding_length.
* ``--mode copy``    Hand-built 1+1 layer transformer that *copies its input* token by token
  (cross-attention picks source position t at decoder step t via sinusoid-like position codes with
  prime periods; the source gets an automatic </s> so decoding stops after the last token).
  Through argostranslate this gives "translation == input text", which makes end-to-end
  pipeline tests (segment order, paragraph structure, markup round trips) assertable.

Examples:
    python tests/argos_models.py --out /tmp/t/translate-en_es-tiny.argosmodel
    python tests/argos_models.py --mode copy --out /tmp/t/copy-en_es.argosmodel
    python tests/argos_models.py --layers 6 --d-model 512 --heads 8 --ffn 2048 \
        --model-vocab-size 50000 --quantization int8 --out /tmp/t/base-en_es.argosmodel
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
from ctranslate2.converters.converter import Converter
from ctranslate2.specs import transformer_spec

EN_WORDS = (
    "the a an this that house city river morning evening people child children water light "
    "book paper story news article report government market school teacher student doctor "
    "walked saw found wrote read said asked told gave took made built opened closed "
    "quickly slowly today yesterday tomorrow always never often again together "
    "big small old new good bad green blue red white black bright dark quiet loud "
    "and but or because when while after before with without from into over under "
    "is are was were has have had will would can could should may might"
).split()
ES_WORDS = (
    "el la los las un una esta ese casa ciudad río mañana tarde gente niño niños agua luz "
    "libro papel historia noticia artículo informe gobierno mercado escuela maestro estudiante "
    "caminó vio encontró escribió leyó dijo preguntó contó dio tomó hizo construyó abrió cerró "
    "rápidamente lentamente hoy ayer siempre nunca a menudo otra vez juntos "
    "grande pequeño viejo nuevo bueno malo verde azul rojo blanco negro claro oscuro "
    "y pero o porque cuando mientras después antes con sin de en sobre bajo "
    "es son era eran ha han había será sería puede podría debería"
).split()


def generate_corpus(n_lines: int, seed: int) -> list[str]:
    """A few hundred English- and Spanish-looking sentences with punctuation, digits, names."""
    rng = random.Random(seed)
    names = ["Ana", "John", "María", "Berlin", "Madrid", "Argos", "Ñandú", "Zoë"]
    lines = []
    for i in range(n_lines):
        words = EN_WORDS if i % 2 == 0 else ES_WORDS
        n = rng.randint(5, 18)
        toks = [rng.choice(words) for _ in range(n)]
        if rng.random() < 0.4:
            toks.insert(rng.randrange(len(toks)), rng.choice(names))
        if rng.random() < 0.3:
            toks.insert(rng.randrange(len(toks)), str(rng.randint(0, 2030)))
        s = " ".join(toks)
        s = s[0].upper() + s[1:]
        s += rng.choice([".", ".", ".", "?", "!", ":", ";"])
        if rng.random() < 0.2:
            s = '"' + s + '"'
        if rng.random() < 0.1:
            s = "¿" + s.rstrip(".!:;") + "?"
        lines.append(s)
    return lines


def train_sentencepiece(lines: list[str], prefix: Path, vocab_size: int, user_symbols: list[str]) -> Path:
    corpus = prefix.with_suffix(".txt")
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kwargs = dict(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,  # tiny corpora may not support the requested size
        num_threads=2,
        minloglevel=2,
    )
    if user_symbols:
        kwargs["user_defined_symbols"] = ",".join(user_symbols)
    spm.SentencePieceTrainer.train(**kwargs)
    return prefix.with_suffix(".model")


class SpecConverter(Converter):
    """Minimal converter: hands a ready ModelSpec to ctranslate2's validate/optimize/save."""

    def __init__(self, spec):
        self._spec = spec

    def _load(self):
        return self._spec


def _ln(layer_norm, d):
    layer_norm.gamma = np.ones(d, dtype=np.float32)
    layer_norm.beta = np.zeros(d, dtype=np.float32)


def build_random_spec(vocab: list[str], layers: int, dec_layers: int, d: int, heads: int, ffn: int, seed: int):
    rng = np.random.default_rng(seed)
    V = len(vocab)

    def w(rows, cols):
        return (rng.standard_normal((rows, cols), dtype=np.float32) / np.sqrt(cols)).astype(np.float32)

    def b(n):
        return (rng.standard_normal(n, dtype=np.float32) * 0.02).astype(np.float32)

    spec = transformer_spec.TransformerSpec.from_config((layers, dec_layers), heads)
    spec.config.decoder_start_token = "<s>"
    for side in (spec.encoder, spec.decoder):
        emb = side.embeddings[0] if isinstance(side.embeddings, list) else side.embeddings
        emb.weight = w(V, d)
        _ln(side.layer_norm, d)
        # position_encodings left unset -> ctranslate2 uses sinusoidal encodings (like OpenNMT-py).
        for layer in side.layer:
            _ln(layer.self_attention.layer_norm, d)
            layer.self_attention.linear[0].weight = w(3 * d, d)
            layer.self_attention.linear[0].bias = b(3 * d)
            layer.self_attention.linear[1].weight = w(d, d)
            layer.self_attention.linear[1].bias = b(d)
            if getattr(layer, "attention", None) is not None:
                _ln(layer.attention.layer_norm, d)
                layer.attention.linear[0].weight = w(d, d)
                layer.attention.linear[0].bias = b(d)
                layer.attention.linear[1].weight = w(2 * d, d)
                layer.attention.linear[1].bias = b(2 * d)
                layer.attention.linear[2].weight = w(d, d)
                layer.attention.linear[2].bias = b(d)
            _ln(layer.ffn.layer_norm, d)
            layer.ffn.linear_0.weight = w(ffn, d)
            layer.ffn.linear_0.bias = b(ffn)
            layer.ffn.linear_1.weight = w(d, ffn)
            layer.ffn.linear_1.bias = b(d)
    spec.decoder.projection.weight = w(V, d)
    spec.decoder.projection.bias = np.zeros(V, dtype=np.float32)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


PRIMES = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59]


def build_copy_spec(
    vocab: list[str],
    seed: int,
    content_dim: int = 64,
    max_positions: int = 1024,
    target_gap: float = 30.0,
    layers: int = 1,
    ffn: int = 8,
):
    """1+1 layer transformer whose greedy/beam output equals its input tokens.

    d_model = content_dim + 4*len(PRIMES).  Token vectors live in the content dims as [u, -u]
    (u in {-1,+1}^(content_dim/2), all distinct -> zero mean, constant norm, so LayerNorm only
    rescales).  Positions live in the other dims as [sin, cos, -sin, -cos](2*pi*t/p) for prime
    periods p (zero mean, constant norm, <p_t, p_s> peaks only at s == t).  Every sub-layer is
    zeroed except decoder cross-attention (1 head): query/key read the position dims, value
    reads the content dims, so decoder step t receives source token t and the projection
    (= token vectors) picks it.  add_source_eos makes the source end in </s>, which is copied
    last and stops decoding.
    """
    rng = np.random.default_rng(seed)
    V = len(vocab)
    half = content_dim // 2
    F = len(PRIMES)
    P = 4 * F
    d = content_dim + P

    # distinct +-1 codes
    codes = set()
    U = np.empty((V, half), dtype=np.float32)
    for i in range(V):
        while True:
            u = rng.choice(np.array([-1.0, 1.0], dtype=np.float32), size=half)
            key = u.tobytes()
            if key not in codes:
                codes.add(key)
                U[i] = u
                break
    content = np.concatenate([U, -U], axis=1)  # (V, C), zero-sum rows, norm sqrt(C)
    tok = np.zeros((V, d), dtype=np.float32)
    tok[:, :content_dim] = content

    t = np.arange(max_positions, dtype=np.float64)[:, None]
    ang = 2 * np.pi * t / np.array(PRIMES, dtype=np.float64)[None, :]
    s, c = np.sin(ang), np.cos(ang)
    pos = np.zeros((max_positions, d), dtype=np.float32)
    pos[:, content_dim:] = np.concatenate([s, c, -s, -c], axis=1).astype(np.float32)

    # Scale factors after LayerNorm (gamma=1, beta=0, all vectors zero-mean):
    #   decoder input  y = p_t            -> LN(y) = p_t * sqrt(d / (2F))
    #   encoder output x = [c; p_s]       -> LN(x) = x   * sqrt(d / (C + 2F))
    # attention logit = <Wq LN(y), Wk LN(x)> / sqrt(d) = alpha * k * <p_t, p_s>
    k = np.sqrt(d / (2 * F)) * np.sqrt(d / (content_dim + 2 * F)) / np.sqrt(d)
    # <p_t, p_s> = 2 * sum_p cos(2*pi*(t-s)/p): depends only on delta = t-s; check every delta used
    delta = np.arange(1, max_positions, dtype=np.float64)[:, None]
    dots = 2 * np.cos(2 * np.pi * delta / np.array(PRIMES, dtype=np.float64)[None, :]).sum(1)
    min_gap = float(2 * F - dots.max())  # smallest margin of the true position over any other
    alpha = target_gap / (k * min_gap)

    # content margin for the output projection
    G = content @ content.T
    np.fill_diagonal(G, -1e9)
    margin = content_dim - G.max()
    gain = 40.0 / margin  # projection gain so the correct token leads by ~40 logits

    spec = transformer_spec.TransformerSpec.from_config((layers, layers), 1)
    spec.config.decoder_start_token = "<s>"
    spec.config.add_source_eos = True
    Z = lambda r, c_: np.zeros((r, c_), dtype=np.float32)  # noqa: E731
    for side, emb_w in ((spec.encoder, tok), (spec.decoder, Z(V, d))):
        emb = side.embeddings[0] if isinstance(side.embeddings, list) else side.embeddings
        emb.weight = emb_w.copy()
        side.scale_embeddings = False
        side.position_encodings.encodings = pos.copy()
        _ln(side.layer_norm, d)
        for layer in side.layer:
            _ln(layer.self_attention.layer_norm, d)
            layer.self_attention.linear[0].weight = Z(3 * d, d)
            layer.self_attention.linear[1].weight = Z(d, d)
            _ln(layer.ffn.layer_norm, d)
            layer.ffn.linear_0.weight = Z(ffn, d)
            layer.ffn.linear_1.weight = Z(d, ffn)
    # Layers after the first pass their input through (zero sub-layers, residuals): the copy is
    # done by the first decoder layer, the rest only cost what layers of that size cost.
    for layer in spec.decoder.layer[1:]:
        _ln(layer.attention.layer_norm, d)
        layer.attention.linear[0].weight = Z(d, d)
        layer.attention.linear[1].weight = Z(2 * d, d)
        layer.attention.linear[2].weight = Z(d, d)
    att = spec.decoder.layer[0].attention
    _ln(att.layer_norm, d)
    sel_pos = np.zeros((d, d), dtype=np.float32)
    sel_pos[content_dim:, content_dim:] = np.eye(P, dtype=np.float32)
    sel_con = np.zeros((d, d), dtype=np.float32)
    sel_con[:content_dim, :content_dim] = np.eye(content_dim, dtype=np.float32)
    att.linear[0].weight = (alpha * sel_pos).astype(np.float32)  # query
    att.linear[1].weight = np.concatenate([sel_pos, sel_con], 0)  # fused key;value
    att.linear[2].weight = (10.0 * sel_con).astype(np.float32)  # output (content >> position)
    spec.decoder.projection.weight = (gain * tok).astype(np.float32)
    # A negative bias on </s> (id 2) keeps it from ever being a close alternative in beam search
    # (with length_penalty it could otherwise end a hypothesis early); where </s> is the copied
    # token it still leads by about 20 logits.
    bias = np.zeros(V, dtype=np.float32)
    bias[2] = -20.0
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def build_package(out: Path, **options) -> Path:
    """Build a package; options are the command-line flags (mode="copy",
    from_code="es", layers=6, …). Returns the .argosmodel path."""
    argv = ["--out", str(out)]
    for name, value in options.items():
        argv += [f"--{name.replace('_', '-')}", str(value)]
    main(argv, quiet=True)
    return Path(out)


def main(argv=None, quiet=False):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output .argosmodel path")
    ap.add_argument("--mode", choices=["random", "copy", "copy-base"], default="random")
    ap.add_argument("--from-code", default="en")
    ap.add_argument("--from-name", default="English")
    ap.add_argument("--to-code", default="es")
    ap.add_argument("--to-name", default="Spanish")
    ap.add_argument("--package-version", default="0.0.1")
    ap.add_argument("--argos-version", default="1.11.0")
    ap.add_argument(
        "--top-dir", default=None, help="folder name inside the zip (default translate-<from>_<to>-<version with _>)"
    )
    ap.add_argument("--target-prefix", default="", help="metadata target_prefix (added to the SP vocab)")
    ap.add_argument("--sp-vocab-size", type=int, default=400)
    ap.add_argument("--corpus", default=None, help="also train SentencePiece on this text file (one line per sentence)")
    ap.add_argument("--corpus-lines", type=int, default=600)
    ap.add_argument(
        "--model-vocab-size",
        type=int,
        default=0,
        help="pad the CT2 vocabulary with <extra_i> tokens up to this size "
        "(to mimic a real 50k shared vocab for speed tests)",
    )
    ap.add_argument("--layers", type=int, default=2, help="encoder layers (random mode)")
    ap.add_argument("--dec-layers", type=int, default=None, help="decoder layers (default = --layers)")
    ap.add_argument("--d-model", type=int, default=64)
    ap.add_argument("--heads", type=int, default=2)
    ap.add_argument("--ffn", type=int, default=128)
    ap.add_argument(
        "--quantization",
        default=None,
        help="ctranslate2 weight quantization: int8, int8_float32, float32, ... "
        "(argos-train uses int8; copy mode should stay float32)",
    )
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument(
        "--sbd",
        choices=["none", "spacy-blank"],
        default="none",
        help="spacy-blank: add <top>/spacy/ = spacy.blank(from_code) (needs spacy); "
        "used by argostranslate only with ARGOS_CHUNK_TYPE=SPACY, gives offline "
        "rule-based sentence splitting (spaCy 'sentencizer')",
    )
    ap.add_argument("--keep-dir", default=None, help="also keep the unzipped package folder here")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    top = args.top_dir or f"translate-{args.from_code}_{args.to_code}-{args.package_version.replace('.', '_')}"
    work = Path(tempfile.mkdtemp(prefix="tiny-argos-"))
    try:
        pkg = work / top
        pkg.mkdir()
        user_symbols = [args.target_prefix] if args.target_prefix else []
        lines = generate_corpus(args.corpus_lines, args.seed)
        if args.corpus:
            lines += [line for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
        sp_path = train_sentencepiece(lines, work / "sentencepiece", args.sp_vocab_size, user_symbols)
        shutil.copy(sp_path, pkg / "sentencepiece.model")
        sp = spm.SentencePieceProcessor(model_file=str(sp_path))
        vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        assert vocab[:3] == ["<unk>", "<s>", "</s>"], vocab[:3]
        if args.model_vocab_size and args.model_vocab_size > len(vocab):
            vocab += [f"<extra_{i}>" for i in range(args.model_vocab_size - len(vocab))]
        t1 = time.perf_counter()

        if args.mode == "random":
            spec = build_random_spec(
                vocab, args.layers, args.dec_layers or args.layers, args.d_model, args.heads, args.ffn, args.seed
            )
        elif args.mode == "copy":
            if args.target_prefix:
                raise SystemExit("copy mode does not support --target-prefix (it shifts positions)")
            spec = build_copy_spec(vocab, args.seed)
        elif args.mode == "copy-base":
            # copy behaviour (natural output lengths) at transformer-base cost, for speed measurements
            spec = build_copy_spec(
                vocab, args.seed, content_dim=args.d_model - 4 * len(PRIMES), layers=args.layers, ffn=args.ffn
            )
        t2 = time.perf_counter()
        SpecConverter(spec).convert(str(pkg / "model"), quantization=args.quantization, force=True)
        t3 = time.perf_counter()

        metadata = {
            "package_version": args.package_version,
            "argos_version": args.argos_version,
            "from_code": args.from_code,
            "from_name": args.from_name,
            "to_code": args.to_code,
            "to_name": args.to_name,
            "type": "translate",
            "links": [],
        }
        if args.sbd == "spacy-blank":
            import spacy  # only needed for this option

            spacy.blank(args.from_code).to_disk(pkg / "spacy")
        if args.target_prefix:
            metadata["target_prefix"] = args.target_prefix
        (pkg / "metadata.json").write_text(json.dumps(metadata, indent=4) + "\n", encoding="utf-8")
        (pkg / "README.md").write_text(
            f"# Synthetic {args.from_name} -> {args.to_name} test package ({args.mode} weights)\n\n"
            "Built offline for tests; not a real translation model.\n",
            encoding="utf-8",
        )

        if out.exists():
            out.unlink()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(pkg.rglob("*")):
                zf.write(path, path.relative_to(work).as_posix())
        if args.keep_dir:
            dst = Path(args.keep_dir) / top
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(pkg, dst)
        t4 = time.perf_counter()
        if quiet:
            return
        model_bytes = sum(p.stat().st_size for p in (pkg / "model").rglob("*") if p.is_file())
        print(
            json.dumps(
                {
                    "out": str(out),
                    "top_dir": top,
                    "mode": args.mode,
                    "sp_pieces": sp.get_piece_size(),
                    "model_vocab": len(vocab),
                    "zip_bytes": out.stat().st_size,
                    "model_dir_bytes": model_bytes,
                    "seconds": {
                        "sentencepiece": round(t1 - t0, 2),
                        "weights": round(t2 - t1, 2),
                        "ct2_convert": round(t3 - t2, 2),
                        "zip": round(t4 - t3, 2),
                        "total": round(t4 - t0, 2),
                    },
                    "ctranslate2": ctranslate2.__version__,
                },
                indent=1,
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
