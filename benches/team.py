#!/usr/bin/env python3
"""Whole-process benchmark of `rungs team` against a warm `list` of the same
store, and a generator of teams to try the team view on.

    python3 benches/team.py                      # 300 people x 10 assessments, 15 rounds
    python3 benches/team.py --people 8 --runs 30
    python3 benches/team.py --people 40 --generate-only /tmp/team-40

Each person has ten assessments: eight complete self-assessments a quarter
apart (seven and a draft in progress for one person in three), and two
complete views by their manager; the latest self view carries up to three agreed focus
areas, some overdue. Roles vary (SPE to LSE, SPE to TTL, IMPE to SPE), so
the heatmap compares people with different targets. Ratings are random
with a seed, so disconnects between the two views occur.

The store is generated once into a temporary folder, every command is run
once to warm the caches, then each round runs `list`, `team` and
`team --format json` once, one after another, so all meet the same
moments of the machine's load. Reported: the median wall time of each and
the median ratio of `team` to `list` within rounds.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rungs")

EVIDENCE = [
    "Led the migration of 40 services to the golden path",
    "ADR-0042 and its review thread",
    "Postmortem for the March ingress outage, actions all closed",
    "Terraform module registry v2, used by six teams",
    "",
]
PATHS = [("SPE", "LSE"), ("SPE", "LSE"), ("SPE", "TTL"), ("IMPE", "SPE")]
FOCUS = ["collaboration", "quality", "delivery", "ownership", "skills"]


def statement_ids(env, code):
    out = subprocess.run(
        [BINARY, "show", code, "--format", "json"], env=env, check=True, capture_output=True, text=True
    ).stdout
    return [s["id"] for s in json.loads(out)["statements"]]


def write(data_dir, person, slug, ident, role, to, stamp, ratings, assessor=None, complete=True, focus=()):
    lines = [
        "format_version = 1",
        f'id = "{ident}"',
        'framework = "platform-engineering"',
        'framework_version = "2.1.0"',
        f"person = {json.dumps(person)}",
    ]
    if assessor:
        lines.append(f"assessor = {json.dumps(assessor)}")
    lines += [f'role = "{role}"', f'to = "{to}"', f'started = "{stamp}"', f'updated = "{stamp}"']
    if complete:
        lines.append(f'completed = "{stamp}"')
    lines.append("")
    for target, action, due in focus:
        lines += ["[[focus]]", f'target = "{target}"', f"action = {json.dumps(action)}", f'due = "{due}"',
                  f'agreed = "{stamp}"', ""]
    for statement, (rating, evidence) in ratings.items():
        lines.append(f'[ratings."{statement}"]')
        lines.append(f"rating = {rating}")
        if evidence:
            lines.append(f"evidence = {json.dumps(evidence)}")
        lines.append(f'at = "{stamp}"')
        lines.append("")
    folder = os.path.join(data_dir, "assessments", slug)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, ident + ".toml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


def stamp_of(day, hour):
    """Day `day` of 2026 (counted from 1 January, may be negative)."""
    when = datetime.date(2026, 1, 1) + datetime.timedelta(days=day)
    return f"{when.isoformat()}T{hour:02d}:00:00+00:00"


def generate(data_dir, people, ids, seed=7):
    """A team of `people`, ten assessments each, the latest in late 2026."""
    rng = random.Random(seed)
    for who in range(people):
        person = f"Person {who:03d}"
        slug = f"person-{who:03d}"
        role, to = PATHS[who % len(PATHS)]
        walk = ids[role] + ids[to]
        # Someone last assessed long ago, now and then.
        last = 310 - (who % 7) * 40 + rng.randint(0, 20)
        base = {s: rng.choice([0, 1, 1, 2, 2, 3]) for s in walk}
        # Ten each: eight own views, or seven and a draft.
        count = 7 if who % 3 == 0 else 8
        for n in range(count):
            day = last - (count - 1 - n) * 91
            stamp = stamp_of(day, 9)
            ratings = {s: (min(3, base[s] + (n > count - 3 and rng.random() < 0.2)), rng.choice(EVIDENCE))
                       for s in walk}
            focus = []
            if n == count - 1:
                for k in range(who % 4):
                    due = "2026-10-31" if k == 0 and who % 3 == 0 else "2027-03-31"
                    focus.append((FOCUS[(who + k) % len(FOCUS)], "Agreed in the 1:1", due))
            write(data_dir, person, slug, f"{slug}-{role.lower()}-{n}", role, to, stamp, ratings, focus=focus)
        for n in range(2):
            stamp = stamp_of(last - 10 - (1 - n) * 91, 10)
            ratings = {s: (max(0, min(3, base[s] + rng.choice([-2, -1, 0, 0, 0, 1]))), rng.choice(EVIDENCE))
                       for s in walk}
            write(data_dir, person, slug, f"{slug}-{role.lower()}-m{n}", role, to, stamp, ratings,
                  assessor="Grace (manager)" if who % 5 else "Lin (manager)")
        if who % 3 == 0:
            draft = {s: (1, "") for s in walk[: len(walk) // 3]}
            write(data_dir, person, slug, f"{slug}-{role.lower()}-d", role, to, "2026-11-30T09:00:00+00:00",
                  draft, complete=False)


def timed(args, env):
    start = time.perf_counter()
    result = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {result.stderr.decode()}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--generate-only", metavar="DIR", help="write a team's data directory to DIR and stop")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, RUNGS_CACHE_DIR=os.path.join(tmp, "cache"), RUNGS_CONFIG_DIR=os.path.join(tmp, "config"),
                   NO_COLOR="1")
        ids = {code: statement_ids(env, code) for code in ("IMPE", "SPE", "LSE", "TTL")}
        data = args.generate_only or os.path.join(tmp, "data")
        generate(data, args.people, ids)
        if args.generate_only:
            print(f"wrote a team of {args.people} to {data}")
            return
        env["RUNGS_DATA_DIR"] = data
        as_of = ["--as-of", "2026-12-01"]
        commands = {
            "list (warm)": [BINARY, "list"],
            "team (warm)": [BINARY, "team", *as_of],
            "team --format json": [BINARY, "team", *as_of, "--format", "json"],
            "--version": [BINARY, "--version"],
        }
        for command in commands.values():
            timed(command, env)
        times = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, env))
        stored = 10 * args.people
        print(f"{args.people} people, {stored} assessments, medians of {args.runs} rounds")
        for name, values in times.items():
            print(f"  {name:<20} {statistics.median(values):8.1f} ms")
        ratio = statistics.median(t / l for t, l in zip(times["team (warm)"], times["list (warm)"]))
        print(f"  team / list, within rounds: {ratio:.2f}x")


if __name__ == "__main__":
    main()
