"""The benchmark: the streaming DAG against the sequential flow and the critical-path bound."""
