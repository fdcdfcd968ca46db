#!/usr/bin/env python3
"""The reference stack: ingest the same PDFs the way the older web version did, and time it.

pdfminer.six for text, the same int8 MiniLM through onnxruntime (tokenizers for the same
tokenizer.json) with mean pooling, faiss for vectors, JSONL files for records. Also: extraction
pages/s with pdfminer.six, pypdf and pypdfium2 (the same PDFium build the app ships), a shortlist
of 10k analyses read from JSONL and sorted, and exact faiss search at 10k/100k vectors.

Usage: reference.py --pdfs DIR --assets assets/runtime --out DIR [--json FILE]
"""
import argparse
import hashlib
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np
import onnxruntime as ort
import pypdfium2
from pdfminer.high_level import extract_text
from pypdf import PdfReader
from tokenizers import Tokenizer

PASSAGE_WORDS = 40  # the app's passage size, so both embed comparable text
THREADS = os.cpu_count() or 2


class Embedder:
    def __init__(self, assets: Path):
        self.tok = Tokenizer.from_file(str(assets / "tokenizer.json"))
        self.tok.enable_truncation(256)
        self.tok.enable_padding()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = THREADS
        self.session = ort.InferenceSession(str(assets / "model.onnx"), opts,
                                            providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def embed(self, texts, batch=32):
        out = []
        for start in range(0, len(texts), batch):
            enc = self.tok.encode_batch(texts[start:start + batch])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feed)[0]
            summed = (hidden * mask[..., None]).sum(axis=1)
            vecs = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-12
            out.append(vecs.astype(np.float32))
        return np.vstack(out) if out else np.zeros((0, 384), dtype=np.float32)


def passages(text):
    """Lines grouped into passages of at most PASSAGE_WORDS words."""
    out, current = [], []
    for line in text.splitlines():
        words = line.split()
        if not words:
            continue
        if current and len(current) + len(words) > PASSAGE_WORDS:
            out.append(" ".join(current))
            current = []
        current.extend(words)
    if current:
        out.append(" ".join(current))
    return out


def ingest(files, embedder, data: Path):
    """Hash, extract, chunk, embed, index, append records: one file at a time."""
    index = faiss.IndexFlatIP(384)
    seen = set()
    all_passages = []
    with open(data / "resumes.jsonl", "a") as records, open(data / "analyses.jsonl", "a") as analyses:
        started = time.perf_counter()
        for f in files:
            raw = f.read_bytes()
            sha = hashlib.sha256(raw).hexdigest()
            if sha in seen:
                continue
            seen.add(sha)
            (data / f"{sha[:12]}.pdf").write_bytes(raw)
            text = extract_text(str(f))
            chunks = passages(text)
            all_passages.append(chunks)
            vectors = embedder.embed(chunks)
            index.add(vectors)
            records.write(json.dumps({"resume_id": "resume_" + sha[:12], "text": text,
                                      "passages": chunks}) + "\n")
            analyses.write(json.dumps({"resume_id": "resume_" + sha[:12],
                                       "score": random.randint(0, 100)}) + "\n")
            records.flush()
            analyses.flush()
        seconds = time.perf_counter() - started
    return seconds, len(seen), all_passages


def extraction(files):
    pages = sum(len(PdfReader(str(f)).pages) for f in files)
    out = {}
    for name, fn in [
        ("pypdfium2", lambda f: [p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(str(f))]),
        ("pypdf", lambda f: [p.extract_text() for p in PdfReader(str(f)).pages]),
        ("pdfminer", lambda f: extract_text(str(f))),
    ]:
        started = time.perf_counter()
        for f in files:
            fn(f)
        seconds = time.perf_counter() - started
        out[name] = {"pages": pages, "seconds": seconds, "pages_per_s": pages / seconds}
    return out


def shortlist(n, runs=5):
    """The web version's shortlist: read every analysis from JSONL, keep one job's, sort."""
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "analyses.jsonl"
        with open(path, "w") as out:
            for i in range(n):
                out.write(json.dumps({
                    "analysis_id": f"{i:012x}", "job_id": "0badcafe", "resume_id": f"resume_{i:012x}",
                    "score": rng.randint(0, 100),
                    "matched_skills": [{"skill": s, "importance": "required", "evidenced": True}
                                       for s in rng.sample(["Go", "Rust", "SQL", "Kafka", "AWS", "Docker"], 4)],
                    "missing_skills": [{"skill": "Kubernetes", "importance": "required"}],
                    "evidence": [{"requirement": "5+ years of Go", "passage": "Built services in Go " * 8,
                                  "similarity": 0.7}] * 6,
                    "candidate": {"name": f"Candidate {i}", "years": rng.random() * 10},
                    "flags": [], "created_at": "2026-01-01T00:00:00Z",
                }) + "\n")
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            with open(path) as f:
                rows = [json.loads(line) for line in f]
            rows = sorted((r for r in rows if r["job_id"] == "0badcafe"), key=lambda r: -r["score"])
            times.append((time.perf_counter() - started) * 1000)
        return {"rows": len(rows), "runs": runs, "p50_ms": statistics.median(times)}


def search(sizes, queries=200):
    rng = np.random.default_rng(7)
    out = {}
    for n in sizes:
        base = rng.standard_normal((n, 384)).astype(np.float32)
        base /= np.linalg.norm(base, axis=1, keepdims=True)
        index = faiss.IndexFlatIP(384)
        index.add(base)
        qs = rng.standard_normal((queries, 384)).astype(np.float32)
        qs /= np.linalg.norm(qs, axis=1, keepdims=True)
        times = []
        for q in qs:
            started = time.perf_counter()
            index.search(q[None, :], 10)
            times.append((time.perf_counter() - started) * 1000)
        out[str(n)] = {"queries": queries, "p50_ms": statistics.median(times)}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pdfs", type=Path, required=True)
    ap.add_argument("--assets", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--shortlist-size", type=int, default=10_000)
    ap.add_argument("--search-sizes", default="10000,100000")
    args = ap.parse_args()
    files = sorted(args.pdfs.glob("*.pdf"))
    embedder = Embedder(args.assets)
    embedder.embed(["warm up"])
    data = args.out / "reference-data"
    if data.exists():
        for p in data.iterdir():
            p.unlink()
    data.mkdir(parents=True, exist_ok=True)
    print(f"reference ingest: {len(files)} files…", flush=True)
    seconds, added, chunks = ingest(files, embedder, data)
    flat = [c for doc in chunks for c in doc]
    started = time.perf_counter()
    embedder.embed(flat)
    embed_seconds = time.perf_counter() - started
    print("reference extraction…", flush=True)
    extract = extraction(files)
    print("reference shortlist and search…", flush=True)
    report = {
        "stack": {"pdfminer.six": "20260107", "onnxruntime": ort.__version__, "faiss": faiss.__version__,
                  "threads": THREADS},
        "ingest": {"files": len(files), "added": added, "passages": len(flat), "seconds": seconds,
                   "resumes_per_s": added / seconds},
        "embed_only": {"passages": len(flat), "seconds": embed_seconds, "resumes_per_s": added / embed_seconds},
        "extract": extract,
        "shortlist": shortlist(args.shortlist_size),
        "search": search([int(s) for s in args.search_sizes.split(",")]),
    }
    text = json.dumps(report, indent=2)
    if args.json:
        args.json.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
