"""numba's njit when it is installed; otherwise the plain Python functions (correct, but far slower)."""

try:
    from numba import njit
except ImportError:  # pragma: no cover - numba is a pinned dependency; this keeps tests runnable without it
    def njit(*args, **kwargs):
        if args and callable(args[0]):
            return args[0]
        return lambda function: function

__all__ = ["njit"]
