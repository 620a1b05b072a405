"""NeuroDiffEq on the bench's NeuroDiffEq problems, through its public API, for `pnpm bench`.

  python3 nde_peer.py --check [--neurodiffeq DIR]
      imports torch and neurodiffeq and prints their versions as one JSON line (exit 1 without them)
  python3 nde_peer.py --problem NAME --reference FILE [--epochs N] [--seed S] [--neurodiffeq DIR]
      trains and prints one JSON line: seconds of fit(), epochs, relL2 on the reference grid

NAME is exponential-decay, harmonic-oscillator or lotka-volterra, the problems as Quadrant's
library defines them (same equations, initial values and domains). FILE is a JSON object
{"t": [...], "values": {unknown: [...]}} that the bench writes from Quadrant's reference
solution, so both are measured against the same values on the same grid; relL2 is
||y - y_ref|| / ||y_ref|| over all unknowns together.

NeuroDiffEq as a user calls it: Solver1D with its defaults (one 1-32-32-1 tanh network per
unknown, Adam at 1e-3, 32 noisy equally spaced training points, 4 validation batches, the
initial conditions imposed by its IVP reparametrisation), float64 (its default), one thread,
and get_solution(best=True) (its default: the networks of lowest validation loss). DIR is a
folder that holds the `neurodiffeq` package (a checkout), put first on sys.path; without it the
installed package is used.
"""
import argparse
import json
import math
import os
import sys
import time

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
# NeuroDiffEq imports matplotlib.pyplot on import: no display here.
os.environ.setdefault("MPLBACKEND", "Agg")


def load(path):
    if path:
        sys.path.insert(0, os.path.abspath(path))
    import torch

    torch.set_num_threads(1)
    # NeuroDiffEq's import calls torch.set_default_device (PyTorch >= 2.0) to select the CPU.
    # PyTorch 1.13 computes on the CPU already and lacks the function: accept the CPU, refuse the rest.
    if not hasattr(torch, "set_default_device"):
        def set_default_device(device):
            if torch.device(device or "cpu").type != "cpu":
                raise NotImplementedError(f"PyTorch {torch.__version__} cannot change the default device")

        torch.set_default_device = set_default_device
    import neurodiffeq

    return torch, neurodiffeq


def problem_setup(name, diff, IVP):
    """The ODE system, conditions and domain of a problem, as Solver1D takes them."""
    if name == "exponential-decay":
        return (lambda y, t: [diff(y, t) + y]), [IVP(t_0=0.0, u_0=1.0)], (0.0, 5.0)
    if name == "harmonic-oscillator":
        return (lambda y, t: [diff(y, t, order=2) + y]), [IVP(t_0=0.0, u_0=1.0, u_0_prime=0.0)], (0.0, 2 * math.pi)
    if name == "lotka-volterra":
        def system(prey, predator, t):
            return [diff(prey, t) - (prey - prey * predator), diff(predator, t) - (prey * predator - predator)]

        return system, [IVP(t_0=0.0, u_0=1.5), IVP(t_0=0.0, u_0=1.0)], (0.0, 12.0)
    raise SystemExit(f"--problem: unknown problem '{name}'; available: exponential-decay, harmonic-oscillator, lotka-volterra")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether torch and neurodiffeq import")
    parser.add_argument("--problem")
    parser.add_argument("--reference", help="JSON file of the reference grid written by the bench")
    parser.add_argument("--epochs", type=int, default=2000, help="max_epochs of fit() (NeuroDiffEq's examples use 1000-10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--neurodiffeq", help="folder that holds the neurodiffeq package")
    args = parser.parse_args()
    try:
        torch, neurodiffeq = load(args.neurodiffeq)
    except ImportError as error:
        print(json.dumps({"available": False, "reason": str(error)}))
        sys.exit(1)
    versions = {"torch": torch.__version__, "neurodiffeq": getattr(neurodiffeq, "__version__", "unknown"), "python": sys.version.split()[0]}
    if args.check:
        print(json.dumps({"available": True, **versions}))
        return
    if not args.problem or not args.reference:
        parser.error("--problem and --reference are required unless --check")

    import numpy as np
    from neurodiffeq import diff
    from neurodiffeq.conditions import IVP
    from neurodiffeq.solvers import Solver1D
    from neurodiffeq.utils import set_seed

    system, conditions, (t_min, t_max) = problem_setup(args.problem, diff, IVP)
    with open(args.reference) as file:
        reference = json.load(file)
    set_seed(args.seed)
    solver = Solver1D(system, conditions, t_min=t_min, t_max=t_max)
    started = time.perf_counter()
    solver.fit(max_epochs=args.epochs, tqdm_file=None)
    seconds = time.perf_counter() - started

    t = np.asarray(reference["t"], dtype=np.float64)
    solution = solver.get_solution(best=True)
    values = solution(torch.as_tensor(t, dtype=torch.get_default_dtype()), to_numpy=True)
    values = values if isinstance(values, list) else [values]
    predicted = np.concatenate([np.asarray(v, dtype=np.float64).reshape(-1) for v in values])
    exact = np.concatenate([np.asarray(v, dtype=np.float64) for v in reference["values"].values()])
    error = float(np.linalg.norm(predicted - exact) / np.linalg.norm(exact))
    print(json.dumps({"problem": args.problem, "seed": args.seed, "epochs": solver.local_epoch, "seconds": seconds, "relativeL2": error, **versions}))


if __name__ == "__main__":
    main()
