#!/usr/bin/env python3
"""Counts the keystrokes of a quarterly reassessment, as a person makes it.

    python3 benches/reassess.py

Builds the release binary, records last quarter's complete Senior Platform
Engineer to Lead Software Engineer self-assessment (164 statements, each
rated with a line of evidence), then runs `rungs assess --person Ada --role
SPE --to LSE` in a pseudo-terminal and reassesses: 10 answers change (at
positions drawn with a fixed seed, spread over the walk), the other 154
stay as they were. Every key sent to rungs is counted, the answer to the
closing focus-area question included; nothing typed on the command line
is.

The way through: each category opens on a screen with last time's
answers; `K` keeps them all, a digit opens the one that changed, where the
new rating, then ↑ (last time's evidence back onto the empty evidence
line) and Enter change it.

Prints the keystrokes (target: at most 70), checks that the new
assessment is complete with exactly the 10 changes, and prints how long
the reassessment took to drive.
"""

import json
import os
import pty
import random
import select
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rungs")
CHANGES = 10
SEED = 12
TARGET = 70


class Screen:
    """What rungs wrote to the terminal, read as it arrives."""

    def __init__(self, fd):
        self.fd = fd
        self.seen = b""

    def wait_for(self, needle):
        needle = needle.encode()
        while needle not in self.seen:
            ready, _, _ = select.select([self.fd], [], [], 10)
            if not ready:
                raise RuntimeError(f"waited for {needle!r}; saw {self.seen[-600:]!r}")
            try:
                self.seen += os.read(self.fd, 65536)
            except OSError as error:
                raise RuntimeError(f"rungs ended while waiting for {needle!r}: {error}")
        self.seen = self.seen[self.seen.index(needle) + len(needle):]


def rungs(env, *args):
    out = subprocess.run([BINARY, *args], env=env, check=True, capture_output=True)
    return out.stdout


def walk_order(env):
    """The statements in walk order, and the categories as (start, end)."""
    statements = []
    for code in ("SPE", "LSE"):
        shown = json.loads(rungs(env, "show", code, "--format", "json"))
        for s in shown["statements"]:
            key = (code, s["section"], s.get("category") or s.get("group"))
            statements.append((s["id"], key))
    runs = []
    for index, (_, key) in enumerate(statements):
        if index == 0 or statements[index - 1][1] != key:
            runs.append([index, index + 1])
        else:
            runs[-1][1] = index + 1
    return [s[0] for s in statements], runs


def last_quarter(env, work, ids):
    """Records the earlier complete assessment; its answers by id."""
    rng = random.Random(SEED)
    answers = {}
    path = os.path.join(work, "last-quarter.toml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('person = "Ada"\nrole = "SPE"\nto = "LSE"\n[ratings]\n')
        for n, statement in enumerate(ids):
            rating = rng.choice((1, 2, 2, 3))
            answers[statement] = rating
            handle.write(f'"{statement}" = {{ rating = {rating}, evidence = "Evidence {n + 1} from last quarter" }}\n')
    rungs(env, "assess", "--answers", path)
    return answers


def reassess(env, ids, runs, before, changes):
    """Drives the walk; the keys sent."""
    keys = 0
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BINARY, [BINARY, "assess", "--person", "Ada", "--role", "SPE", "--to", "LSE", "--full"], env)
    screen = Screen(fd)

    def press(key):
        nonlocal keys
        os.write(fd, key.encode())
        keys += 1

    try:
        total = len(ids)
        for start, end in runs:
            marker = f"{start + 1}-{end}/{total}"
            screen.wait_for(marker)
            screen.wait_for("K keep all as last time")
            for position in range(start, end):
                if position not in changes:
                    continue
                press(str(position - start + 1))
                screen.wait_for(f"{position + 1}/{total}")
                press(str(changes[position]))
                screen.wait_for("Evidence")
                press("\x1b[A")
                press("\r")
                screen.wait_for(marker)
                screen.wait_for("K keep all as last time")
            press("K")
        screen.wait_for("Record agreed focus areas now?")
        press("\r")
        _, status = os.waitpid(pid, 0)
        if os.WEXITSTATUS(status) != 0:
            raise RuntimeError(f"rungs exited with {os.WEXITSTATUS(status)}")
        pid = 0
    finally:
        if pid:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    return keys


def check(env, before, changes, ids):
    listed = json.loads(rungs(env, "list", "--format", "json"))
    new = max(listed, key=lambda row: row["id"])
    if new["status"] != "complete" or new["total"] != len(ids):
        raise RuntimeError(f"the reassessment is not complete: {new}")
    gap = json.loads(rungs(env, "gap", new["id"], "--format", "json"))
    path = subprocess.run([BINARY, "paths", "--format", "json"], env=env, check=True, capture_output=True)
    data = next(p["path"] for p in json.loads(path.stdout) if p["name"] == "data")
    folder = os.path.join(data, "assessments", "ada")
    with open(os.path.join(folder, new["id"] + ".toml"), encoding="utf-8") as handle:
        text = handle.read()
    changed = 0
    for position, statement in enumerate(ids):
        block = text[text.index(f'[ratings."{statement}"]'):]
        rating = int(block.split("rating = ", 1)[1].split("\n", 1)[0])
        evidence = f"Evidence {position + 1} from last quarter"
        if evidence not in block.split("\n\n", 1)[0]:
            raise RuntimeError(f"{statement}: last time's evidence was not kept")
        if rating != before[statement]:
            changed += 1
            if changes.get(position) != rating:
                raise RuntimeError(f"{statement}: changed to {rating} unasked")
    if changed != len(changes):
        raise RuntimeError(f"{changed} answers changed, not {len(changes)}")
    return new["id"], gap["readiness"]


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="rungs-reassess-bench-")
    try:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": work,
            "TERM": "xterm",
            "NO_COLOR": "1",
            "RUNGS_DATA_DIR": os.path.join(work, "data"),
            "RUNGS_CONFIG_DIR": os.path.join(work, "config"),
            "RUNGS_PAGER": "",
        }
        ids, runs = walk_order(env)
        before = last_quarter(env, work, ids)
        rng = random.Random(SEED)
        changes = {}
        for position in sorted(rng.sample(range(len(ids)), CHANGES)):
            old = before[ids[position]]
            changes[position] = rng.choice([r for r in (0, 1, 2, 3) if r != old])
        started = time.perf_counter()
        keys = reassess(env, ids, runs, before, changes)
        elapsed = time.perf_counter() - started
        new, readiness = check(env, before, changes, ids)
        print(f"reassessment of SPE -> LSE ({len(ids)} statements, {len(runs)} categories, "
              f"{CHANGES} answers changed): {keys} keystrokes (target: at most {TARGET})")
        print(f"  {len(runs)} to keep each category, {4 * CHANGES} to change {CHANGES} answers "
              f"(a digit to open, the rating, then up and Enter to keep last time's evidence), "
              f"1 for the focus-area question")
        print(f"  driven in {elapsed:.1f} s; {new} is complete, readiness for LSE {readiness}%")
        if keys > TARGET:
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
