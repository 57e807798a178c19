#!/usr/bin/env python3
"""Words, judgements and keystrokes of a quarterly check-in and of the full
walk, as a person makes them.

    python3 benches/checkin.py

Builds the release binary and, in fresh data directories, drives `rungs
assess` for Ada from Senior Platform Engineer to Lead Software Engineer in
a pseudo-terminal of 80 by 24:

- a first check-in (`--check-in`, nothing recorded before): every core
  statement of both roles rated, no evidence typed;
- a repeat check-in a quarter later, offered first by `rungs assess`: 5
  answers change (positions drawn with a fixed seed), the rest are kept
  with `k`;
- the full walk, first time, nothing recorded before, no evidence typed;
- the same at a glance: `g` on the first statement, then each category
  on one screen, a digit per line and `a` to go on;
- the full walk after the first check-in, pre-filled: the core answers
  from the check-in, each category kept with `K`.

Counted, the same way for each: the words to read (the statements, and
the examples where the screen shows them under the statement: a check-in
does, the full walk keeps them behind `x`), the judgements (one per
statement whose answer is decided rather than kept), and every key sent to
rungs, the answer to the closing focus-area question included; nothing
typed on the command line is.

Targets (issue 32): a first check-in in at most 32 judgements and 1,200
words; a repeat with 5 changes in at most 40 keys; the first full walk at
a glance in at most 200 keys. Exits non-zero when a
target is missed.
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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rungs")
SEED = 32
CHANGES = 5
TARGETS = {"judgements": 32, "words": 1200, "repeat_keys": 40, "glance_keys": 200}


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


def statements(env):
    """SPE's then LSE's statements, in walk order, as `show` gives them."""
    found = []
    for code in ("SPE", "LSE"):
        shown = json.loads(rungs(env, "show", code, "--format", "json"))
        for s in shown["statements"]:
            s["key"] = (code, s["section"], s.get("category") or s.get("group"))
            found.append(s)
    return found


def words(statement, examples):
    count = len(statement["text"].split())
    if examples:
        count += sum(len(e.split()) for e in statement["examples"])
    return count


def categories(items):
    runs = []
    for index, item in enumerate(items):
        if index == 0 or items[index - 1]["key"] != item["key"]:
            runs.append([index, index + 1])
        else:
            runs[-1][1] = index + 1
    return runs


class Walk:
    """One `rungs assess` in a pseudo-terminal, counting keys."""

    def __init__(self, env, *args):
        self.keys = 0
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(BINARY, [BINARY, "assess", "--person", "Ada", "--role", "SPE", "--to", "LSE", *args], env)
        self.screen = Screen(self.fd)

    def press(self, key):
        os.write(self.fd, key.encode())
        self.keys += 1

    def finish(self):
        self.screen.wait_for("Record agreed focus areas now?")
        self.press("\r")
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        os.close(self.fd)
        if os.WEXITSTATUS(status) != 0:
            raise RuntimeError(f"rungs exited with {os.WEXITSTATUS(status)}")
        return self.keys

    def kill(self):
        if self.pid:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
            os.close(self.fd)


def rate_all(walk, total, rating="2"):
    for n in range(1, total + 1):
        walk.screen.wait_for(f"{n}/{total}")
        walk.press(rating)
        walk.screen.wait_for("Evidence")
        walk.press("\r")


def first_check_in(env, core):
    walk = Walk(env, "--check-in")
    try:
        rate_all(walk, len(core))
        return walk.finish()
    finally:
        walk.kill()


def repeat_check_in(env, core, changes):
    walk = Walk(env)
    try:
        walk.screen.wait_for("Which assessment?")
        walk.screen.wait_for("Check-in")
        walk.press("\r")
        total = len(core)
        for position in range(total):
            walk.screen.wait_for(f"{position + 1}/{total}")
            if position in changes:
                walk.press("3")
                walk.screen.wait_for("Evidence")
                walk.press("\r")
            else:
                walk.press("k")
        return walk.finish()
    finally:
        walk.kill()


def full_walk(env, items):
    walk = Walk(env, "--full")
    try:
        rate_all(walk, len(items), "1")
        return walk.finish()
    finally:
        walk.kill()


def full_at_a_glance(env, items):
    walk = Walk(env, "--full")
    try:
        total = len(items)
        walk.screen.wait_for(f"1/{total}")
        walk.press("g")
        for start, end in categories(items):
            walk.screen.wait_for(f"{start + 1}-{end}/{total}")
            walk.screen.wait_for("a done, next category")
            for _ in range(start, end):
                walk.press("1")
            walk.press("a")
        return walk.finish()
    finally:
        walk.kill()


def full_after_check_in(env, items):
    walk = Walk(env, "--full")
    try:
        total = len(items)
        for start, end in categories(items):
            walk.screen.wait_for(f"{start + 1}-{end}/{total}")
            walk.screen.wait_for("K keep all as last time")
            walk.press("K")
            # `K` keeps the core answer; the walk goes on from the first
            # statement the check-in did not rate, one by one to the end
            # of the category: a rating and Enter for each of those, Enter
            # past a kept one.
            first = next(p for p in range(start, end) if not items[p]["core"])
            for position in range(first, end):
                walk.screen.wait_for(f"{position + 1}/{total}")
                if items[position]["core"]:
                    walk.press("\r")
                else:
                    walk.press("1")
                    walk.screen.wait_for("Evidence")
                    walk.press("\r")
        return walk.finish()
    finally:
        walk.kill()


def fresh(work, name):
    home = os.path.join(work, name)
    os.makedirs(home)
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": home,
        "TERM": "xterm",
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "LINES": "24",
        "RUNGS_DATA_DIR": os.path.join(home, "data"),
        "RUNGS_CONFIG_DIR": os.path.join(home, "config"),
        "RUNGS_PAGER": "",
    }


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="rungs-checkin-bench-")
    try:
        env = fresh(work, "check-ins")
        items = statements(env)
        core = [s for s in items if s["core"]]
        check_in_words = sum(words(s, True) for s in core)
        full_words = sum(words(s, False) for s in items)

        first = first_check_in(env, core)
        changes = set(random.Random(SEED).sample(range(len(core)), CHANGES))
        repeat = repeat_check_in(env, core, changes)

        full_env = fresh(work, "full")
        full = full_walk(full_env, items)

        glance_env = fresh(work, "full-at-a-glance")
        glance = full_at_a_glance(glance_env, items)

        after_env = fresh(work, "full-after-check-in")
        first_check_in(after_env, core)
        after = full_after_check_in(after_env, items)

        rows = [
            ("first check-in", len(core), check_in_words, len(core), first),
            ("repeat check-in, 5 changes", len(core), check_in_words, CHANGES, repeat),
            ("full walk, first", len(items), full_words, len(items), full),
            ("full walk, first, at a glance", len(items), full_words, len(items), glance),
            ("full walk after a check-in", len(items), full_words, len(items) - len(core), after),
        ]
        print(f"SPE -> LSE at 80x24: {len(core)} core statements of {len(items)}")
        print(f"{'':30} {'statements':>10} {'words':>6} {'judgements':>10} {'keys':>5}")
        for name, count, read, judged, keys in rows:
            print(f"{name:30} {count:>10} {read:>6} {judged:>10} {keys:>5}")
        print(f"targets: first check-in at most {TARGETS['judgements']} judgements and "
              f"{TARGETS['words']} words; a repeat with {CHANGES} changes at most {TARGETS['repeat_keys']} keys; "
              f"the first full walk at a glance at most {TARGETS['glance_keys']} keys")
        missed = (len(core) > TARGETS["judgements"] or check_in_words > TARGETS["words"]
                  or repeat > TARGETS["repeat_keys"] or glance > TARGETS["glance_keys"])
        if missed:
            print("a target is missed")
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
