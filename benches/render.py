#!/usr/bin/env python3
"""Whole-process benchmark of rendering very long text: a framework whose
statement is 1 MB long (`rungs show`), and an assessment whose evidence is
1 MB long (`rungs gap`, table and Markdown), with `rungs --version` as the
start-up baseline measured in the same run.

    python3 benches/render.py            # 1 MB, 7 runs each
    python3 benches/render.py --mb 4     # a larger text

Rendering must be linear in the length of the text: wrapping by display
width between words, made safe for the terminal in one pass. The target is
under a second for 1 MB; the report prints medians and their ratio to the
start-up baseline, since this machine is shared and noisy.
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rungs")


def median_ms(args, env, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the long text")
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)

    size = int(options.mb * 1024 * 1024)
    words = "evidence of a long design review with several teams, 日本語 and 🚀 "
    text = (words * (size // len(words.encode()) + 1)).encode()[:size].decode(errors="ignore")
    with tempfile.TemporaryDirectory() as tmp:
        framework = os.path.join(tmp, "long.toml")
        with open(os.path.join(ROOT, "examples", "acme.toml"), encoding="utf-8") as f:
            acme = f.read()
        long_statement = acme.replace(
            'text = "Ships changes with tests that cover the behaviour they add."',
            'text = "' + text + '"',
        )
        with open(framework, "w", encoding="utf-8") as f:
            f.write(long_statement)
        answers = os.path.join(tmp, "answers.toml")
        with open(answers, "w", encoding="utf-8") as f:
            f.write(
                'person = "Ada"\nrole = "E1"\nto = "E2"\n[ratings]\n'
                '"e2.craft.1" = { rating = 2, evidence = "' + text + '" }\n'
            )
        env = dict(os.environ, RUNGS_DATA_DIR=os.path.join(tmp, "data"), RUNGS_PAGER="")
        env.pop("COLUMNS", None)
        subprocess.run(
            [BINARY, "--framework", "examples/acme.toml", "assess", "--answers", answers],
            cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
        )
        listed = subprocess.run(
            [BINARY, "--framework", "examples/acme.toml", "list", "--format", "json"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout
        assessment = listed.split('"id": "')[1].split('"')[0]

        base = median_ms([BINARY, "--version"], env, options.runs)
        cases = [
            ("show (1 statement of {:.1f} MB)", [BINARY, "--framework", framework, "show", "E1"]),
            ("gap, table ({:.1f} MB of evidence)", [BINARY, "--framework", "examples/acme.toml", "gap", assessment]),
            ("gap, Markdown ({:.1f} MB of evidence)", [BINARY, "--framework", "examples/acme.toml", "gap", assessment, "--format", "md"]),
        ]
        mb = len(text.encode()) / 1024 / 1024
        print(f"{'case':<42} {'median':>10} {'x start-up':>11}")
        print(f"{'rungs --version':<42} {base:>8.1f}ms {1.0:>10.1f}x")
        for name, args in cases:
            ms = median_ms(args, dict(env), options.runs)
            print(f"{name.format(mb):<42} {ms:>8.1f}ms {ms / base:>10.1f}x")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
