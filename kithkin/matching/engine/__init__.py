"""Kithkin's rostering engine: a neutral problem model, a solver and an exact evaluator (no Django here).

    problem = Problem(visits=[Visit(...)], carers=[Carer(...)], travel_time=matrix, weights=Weights(...))
    solution = solve(problem, time_limit_s=60, seed=1)            # or max_iterations=... to repeat exactly
    solution.routes[r].stops -> Stop(visit, start, end); solution.unserved -> Unserved(visit, reason)
    check(problem, solution) == []; evaluate(problem, solution).objective == solution.cost.objective

One Carer is one route (a carer for one shift: pass one per carer-day for a week). Times are minutes on one
clock (e.g. from Monday 00:00); locations index the travel matrices. The solver is compiled with numba on
first use and cached beside the code (set NUMBA_CACHE_DIR where that folder is read-only).
"""

from .evaluate import check, evaluate
from .model import (
    SEQUENTIAL,
    SIMULTANEOUS,
    Carer,
    Cost,
    Problem,
    Route,
    Solution,
    Stop,
    SyncLink,
    Unserved,
    Visit,
    Weights,
)
from .solver import solve

__all__ = [
    "SEQUENTIAL", "SIMULTANEOUS", "Carer", "Cost", "Problem", "Route", "Solution", "Stop", "SyncLink",
    "Unserved", "Visit", "Weights", "check", "evaluate", "solve",
]
