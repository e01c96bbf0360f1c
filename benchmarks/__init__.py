"""Performance harness: `python -m benchmarks NAME` prints a table, then a JSON last line."""
