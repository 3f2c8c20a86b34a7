"""Figures of scripts/bench/load_vs_wrk: reads its results table, computes the
medians and ratios per configuration, then prints them. Exit status 1 when a
target is missed."""

import json
import re
import statistics
import sys

RPS_TARGET, CPU_TARGET = 0.9, 1.2


def parse_run(client, out, times, fixture_ticks, tick):
    wall, user, sys_ = (float(x) for x in times.split())
    text = open(out).read()
    if client == "wrk":
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
        requests = int(re.search(r"(\d+) requests in", text).group(1))
        bad = sum(int(x) for x in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
        bad += sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    else:
        report = json.loads(text)
        rps, requests, bad = report["rps"], report["requests"], report["errors"] + report["non_2xx"]
    per = (lambda seconds: seconds / requests * 1e6) if requests else (lambda _: float("nan"))
    return dict(rps=rps, requests=requests, bad=bad, cpu_us=per(user + sys_), fixture_us=per(int(fixture_ticks) / tick))


def compute(lines, tick):
    configs = {}
    for line in lines:
        config, client, rnd, out, times, ticks = line.rstrip("\n").split("\t")
        run = parse_run(client, out, times, ticks, tick)
        run["round"] = int(rnd)
        configs.setdefault(config, {"wrk": [], "leakrig": []})[client].append(run)
    summary = {}
    for config, runs in configs.items():
        med = {c: {k: statistics.median(r[k] for r in runs[c]) for k in ("rps", "cpu_us", "fixture_us")} for c in runs}
        rps_ratio = med["leakrig"]["rps"] / med["wrk"]["rps"]
        cpu_ratio = med["leakrig"]["cpu_us"] / med["wrk"]["cpu_us"]
        per_round = [ours["rps"] / theirs["rps"] for ours, theirs in zip(runs["leakrig"], runs["wrk"], strict=True)]
        summary[config] = dict(
            runs=runs,
            med=med,
            rps_ratio=rps_ratio,
            cpu_ratio=cpu_ratio,
            round_ratios=per_round,
            met=rps_ratio >= RPS_TARGET and cpu_ratio <= CPU_TARGET,
            bad=sum(r["bad"] for c in runs for r in runs[c]),
        )
    return summary


def render(summary):
    for config, s in summary.items():
        print(f"== {config}")
        for client in ("wrk", "leakrig"):
            for r in s["runs"][client]:
                print(
                    f"  round {r['round']} {client:8s} {r['rps']:9.0f} req/s  client {r['cpu_us']:5.1f} us/req"
                    f"  fixture {r['fixture_us']:5.1f} us/req  {r['bad']} errors/non-2xx"
                )
        for client in ("wrk", "leakrig"):
            m = s["med"][client]
            print(
                f"  {client:8s} median {m['rps']:9.0f} req/s, client CPU {m['cpu_us']:.1f} us/req, "
                f"fixture CPU {m['fixture_us']:.1f} us/req"
            )
        spread = ", ".join(f"{x:.2f}" for x in s["round_ratios"])
        print(
            f"  ratio req/s {s['rps_ratio']:.2f} (target >= {RPS_TARGET}; rounds {spread}), "
            f"ratio CPU/req {s['cpu_ratio']:.2f} (target <= {CPU_TARGET}): "
            f"target {'met' if s['met'] else 'MISSED'}" + (f"; {s['bad']} errors" if s["bad"] else "")
        )
    print(
        "summary: "
        + ", ".join(f"{c} {s['rps_ratio']:.2f}/{s['cpu_ratio']:.2f}" for c, s in summary.items())
        + " (req/s ratio / CPU-per-request ratio)"
    )


def main():
    summary = compute(open(sys.argv[1]).readlines(), int(sys.argv[2]))
    render(summary)
    sys.exit(0 if all(s["met"] for s in summary.values()) else 1)


if __name__ == "__main__":
    main()
