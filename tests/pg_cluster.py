"""The throwaway PostgreSQL cluster for the hub tests lives with the benchmarks, which start
one too (`navigator bench scale`); tests import it from here as before."""

from navigator.bench.throwaway_pg import TEST_PG_ENV, find_pg_bin, throwaway_cluster

__all__ = ["TEST_PG_ENV", "find_pg_bin", "throwaway_cluster"]
