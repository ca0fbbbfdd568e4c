"""The M/M/c model of scenarios/mmc.yaml in SimPy 3, written the straightforward way, for
`npm run bench` (bench/whole-process.js) to time against `fleetlab run` whole-process.

One simpy.Resource(capacity=c), a source process drawing exponential inter-arrival times
with random.expovariate, one process per job (request a server, hold it for an exponential
service time, release). Prints the number of jobs, the mean wait and the Erlang C mean wait,
so the figures can be checked against fleetlab's `waitMeanS`.

usage: python3 bench/simpy-mmc.py [jobs=1000000] [servers=24] [rho=0.9] [seed=7]
"""
import math
import random
import sys

import simpy


def erlang_c_wait(c, lam, mu):
    """Mean wait in queue of M/M/c (Erlang C)."""
    a = lam / mu
    rho = a / c
    term = 1.0
    total = 1.0
    for k in range(1, c):
        term *= a / k
        total += term
    last = term * a / c / (1 - rho)
    p_wait = last / (total + last)
    return p_wait / (c * mu - lam)


def main():
    args = sys.argv[1:]
    jobs = int(args[0]) if len(args) > 0 else 1_000_000
    servers = int(args[1]) if len(args) > 1 else 24
    rho = float(args[2]) if len(args) > 2 else 0.9
    seed = int(args[3]) if len(args) > 3 else 7
    mean_service = 3600.0
    mu = 1 / mean_service
    lam = rho * servers * mu
    random.seed(seed)

    env = simpy.Environment()
    fleet = simpy.Resource(env, capacity=servers)
    waits = []

    def job(env):
        submitted = env.now
        with fleet.request() as req:
            yield req
            waits.append(env.now - submitted)
            yield env.timeout(random.expovariate(mu))

    def source(env):
        for _ in range(jobs):
            yield env.timeout(random.expovariate(lam))
            env.process(job(env))

    env.process(source(env))
    env.run()
    mean = sum(waits) / len(waits)
    print(f"jobs {len(waits)} wait_mean_s {mean:.1f} erlang_c_wait_mean_s {erlang_c_wait(servers, lam, mu):.1f}")


if __name__ == "__main__":
    main()
